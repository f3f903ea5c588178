#pragma once
// The Kubernetes cluster the pods run on: on or off, the Cluster Autoscaler's timings, and the node pools
// (instance size, min / max / initial nodes, instance type for cost).
#include "ui/inspector/inspector_section.h"

namespace headroom {

class ClusterSection : public InspectorSection {
  Q_OBJECT

 public:
  ClusterSection(ScenarioDocument* document, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;
  QString rowFor(const ValidationIssue& issue) const override;

 protected:
  bool update(const Scenario& scenario) override;

 private:
  std::function<void(Scenario&, double)> onCluster(std::function<void(ClusterSpec&, double)> change);
  std::function<void(Scenario&, double)> onPool(std::function<void(NodePoolSpec&, double)> change);

  QCheckBox* enabled_ = nullptr;
  QDoubleSpinBox* scan_ = nullptr;
  QDoubleSpinBox* provisioning_ = nullptr;
  QDoubleSpinBox* threshold_ = nullptr;
  QDoubleSpinBox* unneeded_ = nullptr;
  QComboBox* picker_ = nullptr;
  QLineEdit* poolName_ = nullptr;
  QDoubleSpinBox* cpu_ = nullptr;
  QDoubleSpinBox* memory_ = nullptr;
  QSpinBox* minNodes_ = nullptr;
  QSpinBox* maxNodes_ = nullptr;
  QSpinBox* initialNodes_ = nullptr;
  QLineEdit* instanceType_ = nullptr;
};

}  // namespace headroom
