#pragma once
// The core of a component: name, type, replicas, workers, discipline, balancer, queue, service time, region,
// injected errors and what it does per class (read-only summary; links are drawn on the canvas).
#include "ui/inspector/inspector_section.h"

class QLabel;

namespace headroom {

class ComponentSection : public InspectorSection {
  Q_OBJECT

 public:
  ComponentSection(ScenarioDocument* document, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;

 signals:
  void renamed(const QString& oldKey, const QString& newKey);

 protected:
  bool update(const Scenario& scenario) override;

 private:
  void editServiceTime();

  QLineEdit* name_ = nullptr;
  QComboBox* type_ = nullptr;
  QSpinBox* replicas_ = nullptr;
  QSpinBox* workers_ = nullptr;
  QComboBox* discipline_ = nullptr;
  QComboBox* balancer_ = nullptr;
  QSpinBox* queue_ = nullptr;
  QComboBox* dist_ = nullptr;
  QDoubleSpinBox* mean_ = nullptr;
  QDoubleSpinBox* cv_ = nullptr;
  QComboBox* region_ = nullptr;
  QDoubleSpinBox* errorRatio_ = nullptr;
  QLabel* steps_ = nullptr;
  QLabel* warnings_ = nullptr;
};

}  // namespace headroom
