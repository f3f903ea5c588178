#pragma once
// The component's autoscaler: none, Kubernetes HPA, KEDA or AWS; its bounds, and the parameters of that
// policy (HPA metrics, a list, each a kind and a target; sync period, stabilisation windows; KEDA trigger,
// polling and cooldown). The AWS policies have their own section (aws_policies_section.h). Switching the kind
// starts from the documented defaults.
#include "ui/inspector/inspector_section.h"

namespace headroom {

class AutoscalerSection : public InspectorSection {
  Q_OBJECT

 public:
  AutoscalerSection(ScenarioDocument* document, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;
  QString rowFor(const ValidationIssue& issue) const override;

 protected:
  bool update(const Scenario& scenario) override;

 private:
  // Runs `change` on the component's autoscaler when it has one.
  std::function<void(Scenario&, double)> onSpec(std::function<void(AutoscalingSpec&, double)> change);
  HpaMetricTarget* selectedMetric(Scenario& s) const;

  QComboBox* kind_ = nullptr;
  QSpinBox* min_ = nullptr;
  QSpinBox* max_ = nullptr;
  QDoubleSpinBox* startup_ = nullptr;
  QComboBox* metricPicker_ = nullptr;
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
};

}  // namespace headroom
