#pragma once
// The fault timeline (chaos experiments): pick an event, change its kind, target, time and the parameters of
// that kind; add and remove events. On the settings page it lists every fault; on a component page only the
// faults aimed at that component (a new one targets it).
#include <vector>

#include "ui/inspector/inspector_section.h"

namespace headroom {

class FaultsSection : public InspectorSection {
  Q_OBJECT

 public:
  FaultsSection(ScenarioDocument* document, bool forComponent, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;
  QString rowFor(const ValidationIssue& issue) const override;

 protected:
  bool update(const Scenario& scenario) override;

 private:
  std::vector<int> shownFaults(const Scenario& s) const;  // indices into Scenario::faults, in picker order
  FaultSpec* selectedFault(Scenario& s) const;
  std::function<void(Scenario&, double)> onFault(std::function<void(FaultSpec&, double)> change);

  bool forComponent_;
  QComboBox* kind_ = nullptr;
  QComboBox* target_ = nullptr;
  QComboBox* region_ = nullptr;
  QDoubleSpinBox* at_ = nullptr;
  QDoubleSpinBox* duration_ = nullptr;
  QSpinBox* count_ = nullptr;
  QDoubleSpinBox* restart_ = nullptr;
  QDoubleSpinBox* factor_ = nullptr;
  QDoubleSpinBox* latency_ = nullptr;
  QSpinBox* shard_ = nullptr;
  QSpinBox* workers_ = nullptr;
};

}  // namespace headroom
