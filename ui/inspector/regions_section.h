#pragma once
// Regions: add, rename (every reference follows) and remove them, and the one-way latency between two regions.
// Which region a component or a source is in is chosen on its own page.
#include "ui/inspector/inspector_section.h"

namespace headroom {

class RegionsSection : public InspectorSection {
  Q_OBJECT

 public:
  RegionsSection(ScenarioDocument* document, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;
  QString rowFor(const ValidationIssue& issue) const override;

 protected:
  bool update(const Scenario& scenario) override;

 private:
  QLineEdit* name_ = nullptr;
  QComboBox* other_ = nullptr;
  QDoubleSpinBox* latency_ = nullptr;
};

}  // namespace headroom
