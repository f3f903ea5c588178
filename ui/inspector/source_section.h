#pragma once
// A traffic source: name, open or closed, entry component, arrival process, population and think time, region.
#include "ui/inspector/inspector_section.h"

namespace headroom {

class SourceSection : public InspectorSection {
  Q_OBJECT

 public:
  SourceSection(ScenarioDocument* document, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;

 signals:
  void renamed(const QString& oldKey, const QString& newKey);

 protected:
  bool update(const Scenario& scenario) override;

 private:
  QLineEdit* name_ = nullptr;
  QComboBox* kind_ = nullptr;
  QComboBox* entry_ = nullptr;
  QComboBox* arrivals_ = nullptr;
  QSpinBox* population_ = nullptr;
  QDoubleSpinBox* think_ = nullptr;
  QComboBox* region_ = nullptr;
};

}  // namespace headroom
