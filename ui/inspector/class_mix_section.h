#pragma once
// The request classes a source sends and their weights: the shares as percentages, a picker to choose a
// class, its weight, and add (a declared class not yet in the mix, or a new name) and remove.
#include "ui/inspector/inspector_section.h"

namespace headroom {

class ClassMixSection : public InspectorSection {
  Q_OBJECT

 public:
  ClassMixSection(ScenarioDocument* document, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;

 protected:
  bool update(const Scenario& scenario) override;

 private:
  QLabel* shares_ = nullptr;
  QLineEdit* className_ = nullptr;
  QDoubleSpinBox* weight_ = nullptr;
};

}  // namespace headroom
