#pragma once
// The AWS scaling policies of a component whose autoscaler is AWS: a list of policies (+ / −), each a type
// (target tracking, step, simple, predictive), its metric and target, instance warm-up, and for step and
// simple scaling the CloudWatch alarm (threshold, comparison, evaluation periods, datapoints to alarm) with
// its adjustment; step scaling edits its step adjustments as a nested list (bounds as offsets from the
// threshold, either end unbounded). Scheduled actions are counted and stay in the file.
#include "ui/inspector/inspector_section.h"

namespace headroom {

class AwsPoliciesSection : public InspectorSection {
  Q_OBJECT

 public:
  AwsPoliciesSection(ScenarioDocument* document, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;
  QString rowFor(const ValidationIssue& issue) const override;

 protected:
  bool update(const Scenario& scenario) override;

 private:
  AwsPolicySpec* selectedPolicy(Scenario& s) const;
  AwsPolicySpec::Step* selectedStep(Scenario& s) const;
  // Runs `change` on the picked policy / step, when there is one.
  template <typename Value>
  std::function<void(Scenario&, Value)> onPolicy(std::function<void(AwsPolicySpec&, Value)> change);
  template <typename Value>
  std::function<void(Scenario&, Value)> onStep(std::function<void(AwsPolicySpec::Step&, Value)> change);

  QComboBox* policyPicker_ = nullptr;
  QComboBox* type_ = nullptr;
  QComboBox* metric_ = nullptr;
  QDoubleSpinBox* target_ = nullptr;
  QSpinBox* warmup_ = nullptr;
  QCheckBox* disableScaleIn_ = nullptr;
  QDoubleSpinBox* threshold_ = nullptr;
  QComboBox* comparison_ = nullptr;
  QSpinBox* periods_ = nullptr;
  QSpinBox* datapoints_ = nullptr;
  QComboBox* adjustmentType_ = nullptr;
  QSpinBox* adjustment_ = nullptr;
  QSpinBox* cooldown_ = nullptr;
  QComboBox* stepPicker_ = nullptr;
  QCheckBox* lowerUnbounded_ = nullptr;
  QDoubleSpinBox* lower_ = nullptr;
  QCheckBox* upperUnbounded_ = nullptr;
  QDoubleSpinBox* upper_ = nullptr;
  QSpinBox* stepAdjustment_ = nullptr;
  QLabel* note_ = nullptr;
};

}  // namespace headroom
