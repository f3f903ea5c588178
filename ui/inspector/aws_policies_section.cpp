#include "ui/inspector/aws_policies_section.h"

#include <initializer_list>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>

#include "ui/readable_number.h"

namespace headroom {

namespace {

using P = AwsPolicySpec;
constexpr double kBound = 1e9;  // spin box range of a step bound; "unbounded" is its own check box

QString unitOf(P::Metric m) {
  switch (m) {
    case P::Metric::CpuUtilization: return QStringLiteral(" %");
    case P::Metric::RequestsPerInstance: return QObject::tr(" req/min per instance");
    case P::Metric::BacklogPerInstance: return QObject::tr(" waiting per instance");
  }
  return {};
}

QString comparisonText(P::Comparison c) {
  switch (c) {
    case P::Comparison::GreaterThan: return QStringLiteral(">");
    case P::Comparison::GreaterThanOrEqual: return QStringLiteral("≥");
    case P::Comparison::LessThan: return QStringLiteral("<");
    case P::Comparison::LessThanOrEqual: return QStringLiteral("≤");
  }
  return {};
}

QString metricText(P::Metric m) {
  switch (m) {
    case P::Metric::CpuUtilization: return QObject::tr("CPU");
    case P::Metric::RequestsPerInstance: return QObject::tr("requests");
    case P::Metric::BacklogPerInstance: return QObject::tr("backlog");
  }
  return {};
}

QString adjustmentText(P::Adjustment type, int value) {
  switch (type) {
    case P::Adjustment::ChangeInCapacity: return QStringLiteral("%1%2").arg(value >= 0 ? QStringLiteral("+") : QString()).arg(value);
    case P::Adjustment::PercentChangeInCapacity: return QStringLiteral("%1%2%").arg(value >= 0 ? QStringLiteral("+") : QString()).arg(value);
    case P::Adjustment::ExactCapacity: return QObject::tr("= %1").arg(value);
  }
  return {};
}

QString boundText(const std::optional<double>& b, bool lower) {
  if (!b) return lower ? QStringLiteral("−∞") : QStringLiteral("+∞");
  return readableNumber(*b, 4);
}

}  // namespace

template <typename Value>
std::function<void(Scenario&, Value)> AwsPoliciesSection::onPolicy(std::function<void(AwsPolicySpec&, Value)> change) {
  return [this, change = std::move(change)](Scenario& s, Value v) {
    if (AwsPolicySpec* p = selectedPolicy(s)) change(*p, v);
  };
}

template <typename Value>
std::function<void(Scenario&, Value)> AwsPoliciesSection::onStep(std::function<void(AwsPolicySpec::Step&, Value)> change) {
  return [this, change = std::move(change)](Scenario& s, Value v) {
    if (AwsPolicySpec::Step* st = selectedStep(s)) change(*st, v);
  };
}

AwsPoliciesSection::AwsPoliciesSection(ScenarioDocument* document, QWidget* parent)
    : InspectorSection(document, tr("AWS scaling policies"), parent) {
  setObjectName(QStringLiteral("awsPoliciesSection"));
  policyPicker_ = addPicker(tr("Policies"),
                            [this](Scenario& s) {
                              Component* c = component(s);
                              if (!c || !c->autoscaling) return;
                              AwsPolicySpec p;  // target tracking on CPU at 50%, the AWS console's default
                              p.name = "policy " + std::to_string(c->autoscaling->aws_policies.size() + 1);
                              c->autoscaling->aws_policies.push_back(p);
                            },
                            [this](Scenario& s, int index) {
                              Component* c = component(s);
                              if (c && c->autoscaling && index >= 0 && index < static_cast<int>(c->autoscaling->aws_policies.size()))
                                c->autoscaling->aws_policies.erase(c->autoscaling->aws_policies.begin() + index);
                            },
                            tr("policy"), QStringLiteral("autoscaling.policies"));
  policyPicker_->setObjectName(QStringLiteral("awsPolicyPicker"));
  type_ = addChoice(tr("  type"), QStringLiteral("policy.type"),
                    {{tr("target tracking"), int(P::Type::TargetTracking)}, {tr("step scaling"), int(P::Type::Step)},
                     {tr("simple scaling"), int(P::Type::Simple)}, {tr("predictive"), int(P::Type::Predictive)}},
                    onPolicy<int>([](AwsPolicySpec& p, int v) {
                      p.type = static_cast<P::Type>(v);
                      // An alarm policy starts with an alarm people use: CPU above 70% for a minute, and for step
                      // scaling two steps (+1 up to 20 points above, +3 beyond).
                      if ((p.type == P::Type::Step || p.type == P::Type::Simple) && p.threshold == 0.0) {
                        p.metric = P::Metric::CpuUtilization;
                        p.threshold = 70.0;
                      }
                      if (p.type == P::Type::Step && p.steps.empty()) p.steps = {{0.0, 20.0, 1}, {20.0, std::nullopt, 3}};
                    }),
                    tr("Change AWS policy type"));
  type_->setObjectName(QStringLiteral("awsPolicyType"));
  metric_ = addChoice(tr("  metric"), QStringLiteral("policy.metric"),
                      {{tr("CPU utilization (%)"), int(P::Metric::CpuUtilization)},
                       {tr("requests per instance (per minute)"), int(P::Metric::RequestsPerInstance)},
                       {tr("backlog per instance"), int(P::Metric::BacklogPerInstance)}},
                      onPolicy<int>([](AwsPolicySpec& p, int v) { p.metric = static_cast<P::Metric>(v); }), tr("Change AWS metric"));
  metric_->setObjectName(QStringLiteral("awsMetric"));
  target_ = addNumber(tr("  target"), QStringLiteral("policy.target"), 0.0, 1e9, 2, QString(),
                      onPolicy<double>([](AwsPolicySpec& p, double v) { p.target = v; }), tr("Set AWS target"));
  target_->setObjectName(QStringLiteral("awsTarget"));
  warmup_ = addInteger(tr("  instance warm-up"), QStringLiteral("policy.instance_warmup_s"), 0, 86400,
                       onPolicy<int>([](AwsPolicySpec& p, int v) { p.instance_warmup_s = v; }), tr("Set instance warm-up"));
  warmup_->setSuffix(tr(" s"));
  warmup_->setObjectName(QStringLiteral("awsWarmup"));
  disableScaleIn_ = addCheck(tr("never scale in"), QStringLiteral("policy.disable_scale_in"),
                             onPolicy<bool>([](AwsPolicySpec& p, bool on) { p.disable_scale_in = on; }), tr("Toggle scale-in"));
  // The CloudWatch alarm of step and simple scaling.
  comparison_ = addChoice(tr("  alarm when metric"), QStringLiteral("policy.comparison"),
                          {{QStringLiteral(">"), int(P::Comparison::GreaterThan)}, {QStringLiteral("≥"), int(P::Comparison::GreaterThanOrEqual)},
                           {QStringLiteral("<"), int(P::Comparison::LessThan)}, {QStringLiteral("≤"), int(P::Comparison::LessThanOrEqual)}},
                          onPolicy<int>([](AwsPolicySpec& p, int v) { p.comparison = static_cast<P::Comparison>(v); }),
                          tr("Change alarm comparison"));
  comparison_->setObjectName(QStringLiteral("awsComparison"));
  threshold_ = addNumber(tr("  alarm threshold"), QStringLiteral("policy.threshold"), -1e9, 1e9, 2, QString(),
                         onPolicy<double>([](AwsPolicySpec& p, double v) { p.threshold = v; }), tr("Set alarm threshold"));
  threshold_->setObjectName(QStringLiteral("awsThreshold"));
  periods_ = addInteger(tr("  evaluation periods"), QStringLiteral("policy.evaluation_periods"), 0, 1440,
                        onPolicy<int>([](AwsPolicySpec& p, int v) { p.evaluation_periods = v; }), tr("Set evaluation periods"));
  periods_->setSuffix(tr(" × 1 min"));
  periods_->setObjectName(QStringLiteral("awsEvaluationPeriods"));
  datapoints_ = addInteger(tr("  datapoints to alarm"), QStringLiteral("policy.datapoints_to_alarm"), 0, 1440,
                           onPolicy<int>([](AwsPolicySpec& p, int v) { p.datapoints_to_alarm = v; }), tr("Set datapoints to alarm"));
  datapoints_->setObjectName(QStringLiteral("awsDatapoints"));
  adjustmentType_ = addChoice(tr("  adjustment"), QStringLiteral("policy.adjustment_type"),
                              {{tr("change in capacity"), int(P::Adjustment::ChangeInCapacity)},
                               {tr("percent change"), int(P::Adjustment::PercentChangeInCapacity)},
                               {tr("exact capacity"), int(P::Adjustment::ExactCapacity)}},
                              onPolicy<int>([](AwsPolicySpec& p, int v) { p.adjustment_type = static_cast<P::Adjustment>(v); }),
                              tr("Change adjustment type"));
  adjustmentType_->setObjectName(QStringLiteral("awsAdjustmentType"));
  adjustment_ = addInteger(tr("  by"), QStringLiteral("policy.adjustment"), -100000, 100000,
                           onPolicy<int>([](AwsPolicySpec& p, int v) { p.adjustment = v; }), tr("Set adjustment"));
  cooldown_ = addInteger(tr("  cooldown"), QStringLiteral("policy.cooldown_s"), 0, 86400,
                         onPolicy<int>([](AwsPolicySpec& p, int v) { p.cooldown_s = v; }), tr("Set cooldown"));
  cooldown_->setSuffix(tr(" s"));
  // Step adjustments: bounds are offsets from the threshold; the steps must meet without gaps.
  stepPicker_ = addPicker(tr("  steps"),
                          [this](Scenario& s) {
                            AwsPolicySpec* p = selectedPolicy(s);
                            if (!p) return;
                            // The new step continues the last one: it closes the last step 10 above its lower
                            // bound (if it was open) and takes over from there with a larger adjustment.
                            AwsPolicySpec::Step next{0.0, std::nullopt, 1};
                            if (!p->steps.empty()) {
                              AwsPolicySpec::Step& last = p->steps.back();
                              if (!last.upper_bound) last.upper_bound = last.lower_bound.value_or(0.0) + 10.0;
                              next.lower_bound = last.upper_bound;
                              next.adjustment = last.adjustment + 1;
                            }
                            p->steps.push_back(next);
                          },
                          [this](Scenario& s, int index) {
                            AwsPolicySpec* p = selectedPolicy(s);
                            if (p && index >= 0 && index < static_cast<int>(p->steps.size())) p->steps.erase(p->steps.begin() + index);
                          },
                          tr("step"), QStringLiteral("policy.steps"));
  stepPicker_->setObjectName(QStringLiteral("awsStepPicker"));
  // "[20, +∞) → +3" must be read whole: wider than the dock allows beside the label, the row wraps under it.
  stepPicker_->setMinimumContentsLength(13);
  policyPicker_->setMinimumContentsLength(13);
  lowerUnbounded_ = addCheck(tr("no lower bound (−∞)"), QString(),
                             onStep<bool>([](AwsPolicySpec::Step& st, bool on) {
                               st.lower_bound = on ? std::nullopt : std::optional<double>(st.upper_bound ? *st.upper_bound - 10.0 : 0.0);
                             }),
                             tr("Toggle step lower bound"));
  lowerUnbounded_->setObjectName(QStringLiteral("awsStepLowerUnbounded"));
  lower_ = addNumber(tr("    from threshold +"), QStringLiteral("policy.step.lower_bound"), -kBound, kBound, 2, QString(),
                     onStep<double>([](AwsPolicySpec::Step& st, double v) { st.lower_bound = v; }), tr("Set step lower bound"));
  lower_->setObjectName(QStringLiteral("awsStepLower"));
  upperUnbounded_ = addCheck(tr("no upper bound (+∞)"), QString(),
                             onStep<bool>([](AwsPolicySpec::Step& st, bool on) {
                               st.upper_bound = on ? std::nullopt : std::optional<double>(st.lower_bound.value_or(0.0) + 10.0);
                             }),
                             tr("Toggle step upper bound"));
  upperUnbounded_->setObjectName(QStringLiteral("awsStepUpperUnbounded"));
  upper_ = addNumber(tr("    to threshold +"), QStringLiteral("policy.step.upper_bound"), -kBound, kBound, 2, QString(),
                     onStep<double>([](AwsPolicySpec::Step& st, double v) { st.upper_bound = v; }), tr("Set step upper bound"));
  upper_->setObjectName(QStringLiteral("awsStepUpper"));
  stepAdjustment_ = addInteger(tr("    adjust by"), QStringLiteral("policy.step.adjustment"), -100000, 100000,
                               onStep<int>([](AwsPolicySpec::Step& st, int v) { st.adjustment = v; }), tr("Set step adjustment"));
  stepAdjustment_->setObjectName(QStringLiteral("awsStepAdjustment"));
  note_ = new QLabel(this);
  note_->setWordWrap(true);
  addRow(QString(), note_, QString());
}

bool AwsPoliciesSection::ownsWhere(const std::string& where) const { return where == "component '" + name() + "'"; }

AwsPolicySpec* AwsPoliciesSection::selectedPolicy(Scenario& s) const {
  Component* c = component(s);
  const int index = selected(policyPicker_);
  if (!c || !c->autoscaling || index < 0 || index >= static_cast<int>(c->autoscaling->aws_policies.size())) return nullptr;
  return &c->autoscaling->aws_policies[static_cast<std::size_t>(index)];
}

AwsPolicySpec::Step* AwsPoliciesSection::selectedStep(Scenario& s) const {
  AwsPolicySpec* p = selectedPolicy(s);
  const int index = selected(stepPicker_);
  if (!p || index < 0 || index >= static_cast<int>(p->steps.size())) return nullptr;
  return &p->steps[static_cast<std::size_t>(index)];
}

QString AwsPoliciesSection::rowFor(const ValidationIssue& issue) const {
  // Issues of the picked policy (and its picked step) land on the rows that edit them; the others on the list.
  std::string field = focusOn(issue.field, "autoscaling.policies", selected(policyPicker_), "policy");
  if (field == issue.field) return field.rfind("autoscaling.policies", 0) == 0 ? QStringLiteral("autoscaling.policies") : QString();
  field = focusOn(field, "policy.steps", selected(stepPicker_), "policy.step");
  if (field == "policy.target_requests_per_s_per_instance") field = "policy.target";  // a predictive target has its own name
  ValidationIssue focused = issue;
  focused.field = field;
  return InspectorSection::rowFor(focused);
}

bool AwsPoliciesSection::update(const Scenario& scenario) {
  const Component* c = component(scenario);
  if (!c || !c->autoscaling || c->autoscaling->kind != AutoscalingSpec::Kind::Aws) return false;
  const AutoscalingSpec& a = *c->autoscaling;
  QStringList items;
  for (std::size_t i = 0; i < a.aws_policies.size(); ++i) {
    const P& p = a.aws_policies[i];
    QString what;
    switch (p.type) {
      case P::Type::TargetTracking: what = tr("target tracking %1 %2").arg(metricText(p.metric), readableNumber(p.target, 4)); break;
      case P::Type::Step: what = tr("step %1 %2 %3").arg(metricText(p.metric), comparisonText(p.comparison), readableNumber(p.threshold, 4)); break;
      case P::Type::Simple: what = tr("simple %1 %2 %3").arg(metricText(p.metric), comparisonText(p.comparison), readableNumber(p.threshold, 4)); break;
      case P::Type::Predictive: what = tr("predictive %1 req/s").arg(readableNumber(p.target, 4)); break;
    }
    items << QStringLiteral("%1. %2").arg(i + 1).arg(what);
  }
  setPickerItems(policyPicker_, items);
  const int pi = selected(policyPicker_);
  const P* p = pi < static_cast<int>(a.aws_policies.size()) ? &a.aws_policies[static_cast<std::size_t>(pi)] : nullptr;
  const bool tracking = p && p->type == P::Type::TargetTracking, predictive = p && p->type == P::Type::Predictive;
  const bool alarm = p && (p->type == P::Type::Step || p->type == P::Type::Simple);
  const bool step = p && p->type == P::Type::Step, simple = p && p->type == P::Type::Simple;
  setRowVisible(type_, p);
  setRowVisible(metric_, p && !predictive);
  setRowVisible(target_, tracking || predictive);
  setRowVisible(warmup_, p);
  setRowVisible(disableScaleIn_, tracking);
  for (QWidget* w : std::initializer_list<QWidget*>{comparison_, threshold_, periods_, datapoints_, adjustmentType_}) setRowVisible(w, alarm);
  setRowVisible(adjustment_, simple);
  setRowVisible(cooldown_, simple);
  setRowVisible(stepPicker_, step);
  const P::Step* st = nullptr;
  if (step) {
    QStringList steps;
    for (const P::Step& s : p->steps)
      steps << QStringLiteral("[%1, %2) → %3").arg(boundText(s.lower_bound, true), boundText(s.upper_bound, false),
                                                   adjustmentText(p->adjustment_type, s.adjustment));
    setPickerItems(stepPicker_, steps);
    const int si = selected(stepPicker_);
    if (si < static_cast<int>(p->steps.size())) st = &p->steps[static_cast<std::size_t>(si)];
  }
  for (QWidget* w : std::initializer_list<QWidget*>{lowerUnbounded_, upperUnbounded_, stepAdjustment_}) setRowVisible(w, st);
  setRowVisible(lower_, st && st->lower_bound);
  setRowVisible(upper_, st && st->upper_bound);
  if (p) {
    setChoice(type_, static_cast<int>(p->type));
    setChoice(metric_, static_cast<int>(p->metric));
    target_->setSuffix(predictive ? tr(" req/s per instance") : unitOf(p->metric));
    target_->setValue(p->target);
    warmup_->setValue(p->instance_warmup_s);
    disableScaleIn_->setChecked(p->disable_scale_in);
    setChoice(comparison_, static_cast<int>(p->comparison));
    threshold_->setSuffix(unitOf(p->metric));
    threshold_->setValue(p->threshold);
    periods_->setValue(p->evaluation_periods);
    datapoints_->setValue(p->datapoints_to_alarm);
    setChoice(adjustmentType_, static_cast<int>(p->adjustment_type));
    adjustment_->setValue(p->adjustment);
    cooldown_->setValue(p->cooldown_s);
  }
  if (st) {
    lowerUnbounded_->setChecked(!st->lower_bound);
    upperUnbounded_->setChecked(!st->upper_bound);
    lower_->setSuffix(p ? unitOf(p->metric) : QString());
    upper_->setSuffix(p ? unitOf(p->metric) : QString());
    lower_->setValue(st->lower_bound.value_or(0.0));
    upper_->setValue(st->upper_bound.value_or(0.0));
    stepAdjustment_->setSuffix(p->adjustment_type == P::Adjustment::PercentChangeInCapacity ? tr(" %")
                               : p->adjustment_type == P::Adjustment::ExactCapacity      ? tr(" instances (exact)")
                                                                                         : tr(" instances"));
    stepAdjustment_->setValue(st->adjustment);
  }
  const int scheduled = static_cast<int>(a.aws_scheduled_actions.size());
  note_->setText(scheduled > 0 ? tr("%n scheduled action(s): edit them in the file.", nullptr, scheduled) : QString());
  setRowVisible(note_, scheduled > 0);
  return true;
}

}  // namespace headroom
