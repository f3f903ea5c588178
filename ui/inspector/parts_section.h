#pragma once
// The stack parts a component has, one row each, shown only when the component has that part: cache hit
// ratios per class (a list: "*" for every class, or one class each), database shards and read replicas, topic
// partitions, function concurrency, rate limit and burst.
#include "ui/inspector/inspector_section.h"

namespace headroom {

class PartsSection : public InspectorSection {
  Q_OBJECT

 public:
  PartsSection(ScenarioDocument* document, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;
  QString rowFor(const ValidationIssue& issue) const override;

 protected:
  bool update(const Scenario& scenario) override;

 private:
  // The class key of the picked hit-ratio entry ("" when there is none).
  std::string selectedRatioClass(const Scenario& scenario) const;

  QComboBox* ratioPicker_ = nullptr;
  QComboBox* ratioClass_ = nullptr;
  QDoubleSpinBox* hitRatio_ = nullptr;
  QSpinBox* shards_ = nullptr;
  QSpinBox* readReplicas_ = nullptr;
  QSpinBox* partitions_ = nullptr;
  QSpinBox* concurrency_ = nullptr;
  QDoubleSpinBox* rateLimit_ = nullptr;
  QDoubleSpinBox* burst_ = nullptr;
};

}  // namespace headroom
