#pragma once
// The scenario's name and description and how it is simulated: horizon, warm-up, replications, seed, window.
#include "ui/inspector/inspector_section.h"

class QPlainTextEdit;

namespace headroom {

class SimulationSection : public InspectorSection {
  Q_OBJECT

 public:
  SimulationSection(ScenarioDocument* document, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;

 protected:
  bool update(const Scenario& scenario) override;

 private:
  QLineEdit* name_ = nullptr;
  QPlainTextEdit* description_ = nullptr;
  QDoubleSpinBox* horizon_ = nullptr;
  QDoubleSpinBox* warmup_ = nullptr;
  QSpinBox* replications_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QDoubleSpinBox* window_ = nullptr;
};

}  // namespace headroom
