#pragma once
// The component's autoscaler: none, Kubernetes HPA, KEDA or AWS; its bounds, and the parameters of that
// policy (HPA metric and target, sync period, stabilisation windows; KEDA trigger, polling and cooldown; AWS
// target tracking target and warm-up). Switching the kind starts from the documented defaults.
#include "ui/inspector/inspector_section.h"

namespace headroom {

class AutoscalerSection : public InspectorSection {
  Q_OBJECT

 public:
  AutoscalerSection(ScenarioDocument* document, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;

 protected:
  bool update(const Scenario& scenario) override;

 private:
  // Runs `change` on the component's autoscaler when it has one.
  std::function<void(Scenario&, double)> onSpec(std::function<void(AutoscalingSpec&, double)> change);

  QComboBox* kind_ = nullptr;
  QSpinBox* min_ = nullptr;
  QSpinBox* max_ = nullptr;
  QDoubleSpinBox* startup_ = nullptr;
  QComboBox* metric_ = nullptr;
  QDoubleSpinBox* target_ = nullptr;
  QDoubleSpinBox* sync_ = nullptr;
  QSpinBox* upWindow_ = nullptr;
  QSpinBox* downWindow_ = nullptr;
  QDoubleSpinBox* tolerance_ = nullptr;
  QDoubleSpinBox* kedaTarget_ = nullptr;
  QDoubleSpinBox* kedaPolling_ = nullptr;
  QDoubleSpinBox* kedaCooldown_ = nullptr;
  QDoubleSpinBox* kedaActivation_ = nullptr;
  QComboBox* awsType_ = nullptr;
  QDoubleSpinBox* awsTarget_ = nullptr;
  QSpinBox* awsWarmup_ = nullptr;
  QLabel* awsNote_ = nullptr;
};

}  // namespace headroom
