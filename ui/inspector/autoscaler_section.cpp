#include "ui/inspector/autoscaler_section.h"

#include <algorithm>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSpinBox>

#include "ui/readable_number.h"

namespace headroom {

namespace {

constexpr int kNone = -1;
using K = AutoscalingSpec::Kind;
using M = HpaMetricTarget::Type;

// "CPU 60%", "40 req/s per replica": short enough for the picker in a narrow dock.
QString metricItem(const HpaMetricTarget& m) {
  const QString v = readableNumber(m.target, 4);
  switch (m.type) {
    case M::CpuUtilization: return QObject::tr("CPU %1%").arg(v);
    case M::MemoryUtilization: return QObject::tr("memory %1%").arg(v);
    case M::RequestsPerSecondPerReplica: return QObject::tr("%1 req/s per replica").arg(v);
    case M::QueueLengthPerReplica: return QObject::tr("%1 waiting per replica").arg(v);
    case M::ObjectRequestsPerSecond: return QObject::tr("%1 req/s (object)").arg(v);
  }
  return v;
}

}  // namespace

std::function<void(Scenario&, double)> AutoscalerSection::onSpec(std::function<void(AutoscalingSpec&, double)> change) {
  return [this, change = std::move(change)](Scenario& s, double v) {
    if (Component* c = component(s); c && c->autoscaling) change(*c->autoscaling, v);
  };
}

AutoscalerSection::AutoscalerSection(ScenarioDocument* document, QWidget* parent)
    : InspectorSection(document, tr("Autoscaler"), parent) {
  kind_ = addChoice(tr("Policy"), QStringLiteral("autoscaling"),
                    {{tr("none (fixed replicas)"), kNone}, {tr("Kubernetes HPA"), int(K::KubernetesHpa)},
                     {tr("KEDA (queue trigger)"), int(K::Keda)}, {tr("AWS Auto Scaling"), int(K::Aws)}},
                    [this](Scenario& s, int v) {
                      Component* c = component(s);
                      if (!c) return;
                      if (v == kNone) {
                        c->autoscaling.reset();
                        return;
                      }
                      AutoscalingSpec spec;  // the documented defaults of that kind
                      spec.kind = static_cast<K>(v);
                      spec.min_replicas = spec.kind == K::Keda ? 0 : std::max(1, std::min(c->replicas, 10));
                      spec.max_replicas = std::max(10, c->replicas * 4);
                      if (spec.kind == K::KubernetesHpa) spec.metrics.push_back(HpaMetricTarget{});
                      if (spec.kind == K::Aws) spec.aws_policies.push_back(AwsPolicySpec{});
                      c->autoscaling = spec;
                    },
                    tr("Change autoscaler"));
  kind_->setObjectName(QStringLiteral("autoscalerKind"));
  min_ = addInteger(tr("Min replicas"), QStringLiteral("autoscaling.min_replicas"), 0, kMaxReplicas,
                    onSpec([](AutoscalingSpec& a, double v) { a.min_replicas = static_cast<int>(v); }), tr("Set autoscaler minimum"));
  min_->setObjectName(QStringLiteral("autoscalingMin"));
  max_ = addInteger(tr("Max replicas"), QStringLiteral("autoscaling.max_replicas"), 0, kMaxReplicas,
                    onSpec([](AutoscalingSpec& a, double v) { a.max_replicas = static_cast<int>(v); }), tr("Set autoscaler maximum"));
  max_->setObjectName(QStringLiteral("autoscalingMax"));
  startup_ = addNumber(tr("Replica start-up"), QStringLiteral("autoscaling.replica_startup_s"), 0.0, 86400.0, 1, tr(" s"),
                       onSpec([](AutoscalingSpec& a, double v) { a.replica_startup_s = v; }), tr("Set replica start-up"));
  // Kubernetes HPA
  // HPA metrics: the controller takes the largest replica count any metric asks for.
  metricPicker_ = addPicker(tr("Metrics"),
                            [this](Scenario& s) {
                              Component* c = component(s);
                              if (!c || !c->autoscaling) return;
                              auto& metrics = c->autoscaling->metrics;
                              // The first kind not yet used, with a target in that metric's usual range.
                              for (const auto& [type, target] : {std::pair{M::CpuUtilization, 80.0}, std::pair{M::MemoryUtilization, 80.0},
                                                                 std::pair{M::RequestsPerSecondPerReplica, 100.0},
                                                                 std::pair{M::QueueLengthPerReplica, 10.0},
                                                                 std::pair{M::ObjectRequestsPerSecond, 100.0}})
                                if (std::none_of(metrics.begin(), metrics.end(), [t = type](const HpaMetricTarget& m) { return m.type == t; })) {
                                  metrics.push_back(HpaMetricTarget{type, target});
                                  return;
                                }
                              metrics.push_back(HpaMetricTarget{});
                            },
                            [this](Scenario& s, int index) {
                              Component* c = component(s);
                              if (c && c->autoscaling && index >= 0 && index < static_cast<int>(c->autoscaling->metrics.size()))
                                c->autoscaling->metrics.erase(c->autoscaling->metrics.begin() + index);
                            },
                            tr("metric"), QStringLiteral("autoscaling.metrics"));
  metricPicker_->setObjectName(QStringLiteral("hpaMetricPicker"));
  metric_ = addChoice(tr("  metric"), QStringLiteral("autoscaling.metric.type"),
                      {{tr("CPU utilization (%)"), int(M::CpuUtilization)}, {tr("memory utilization (%)"), int(M::MemoryUtilization)},
                       {tr("req/s per replica"), int(M::RequestsPerSecondPerReplica)},
                       {tr("queue length per replica"), int(M::QueueLengthPerReplica)},
                       {tr("req/s (object, per replica)"), int(M::ObjectRequestsPerSecond)}},
                      [this](Scenario& s, int v) {
                        if (HpaMetricTarget* m = selectedMetric(s)) m->type = static_cast<M>(v);
                      },
                      tr("Change HPA metric"));
  metric_->setObjectName(QStringLiteral("hpaMetric"));
  target_ = addNumber(tr("  target"), QStringLiteral("autoscaling.metric.target"), 0.0, 1e9, 2, QString(),
                      [this](Scenario& s, double v) {
                        if (HpaMetricTarget* m = selectedMetric(s)) m->target = v;
                      },
                      tr("Set HPA target"));
  target_->setObjectName(QStringLiteral("hpaTarget"));
  sync_ = addNumber(tr("Sync period"), QStringLiteral("autoscaling.sync_period_s"), 0.0, 3600.0, 1, tr(" s"),
                    onSpec([](AutoscalingSpec& a, double v) { a.sync_period_s = v; }), tr("Set sync period"));
  upWindow_ = addInteger(tr("Scale-up stabilisation"), QStringLiteral("autoscaling.behavior.scale_up"), -1, 3600,
                         onSpec([](AutoscalingSpec& a, double v) {
                           a.has_behavior = true;
                           a.scale_up.stabilization_window_s = v < 0 ? std::nullopt : std::optional<int>(static_cast<int>(v));
                         }),
                         tr("Set scale-up stabilisation"));
  upWindow_->setSuffix(tr(" s"));
  upWindow_->setSpecialValueText(tr("default (0 s)"));
  downWindow_ = addInteger(tr("Scale-down stabilisation"), QStringLiteral("autoscaling.behavior.scale_down"), -1, 86400,
                           onSpec([](AutoscalingSpec& a, double v) {
                             a.has_behavior = true;
                             a.scale_down.stabilization_window_s = v < 0 ? std::nullopt : std::optional<int>(static_cast<int>(v));
                           }),
                           tr("Set scale-down stabilisation"));
  downWindow_->setSuffix(tr(" s"));
  downWindow_->setSpecialValueText(tr("default (300 s)"));
  downWindow_->setObjectName(QStringLiteral("scaleDownWindow"));
  tolerance_ = addNumber(tr("Tolerance"), QStringLiteral("autoscaling.tolerance"), 0.0, 1.0, 2, QString(),
                         onSpec([](AutoscalingSpec& a, double v) { a.tolerance = v; }), tr("Set tolerance"));
  // KEDA
  kedaTarget_ = addNumber(tr("Waiting per replica"), QStringLiteral("autoscaling.target_per_replica"), 0.0, 1e9, 1, QString(),
                          onSpec([](AutoscalingSpec& a, double v) { a.keda_target_per_replica = v; }), tr("Set KEDA target"));
  kedaActivation_ = addNumber(tr("Activation above"), QStringLiteral("autoscaling.activation_target"), 0.0, 1e9, 1, QString(),
                              onSpec([](AutoscalingSpec& a, double v) { a.keda_activation_target = v; }), tr("Set KEDA activation"));
  kedaPolling_ = addNumber(tr("Polling interval"), QStringLiteral("autoscaling.polling_interval_s"), 0.0, 3600.0, 1, tr(" s"),
                           onSpec([](AutoscalingSpec& a, double v) { a.keda_polling_interval_s = v; }), tr("Set KEDA polling"));
  kedaCooldown_ = addNumber(tr("Cooldown"), QStringLiteral("autoscaling.cooldown_period_s"), 0.0, 86400.0, 1, tr(" s"),
                            onSpec([](AutoscalingSpec& a, double v) { a.keda_cooldown_period_s = v; }), tr("Set KEDA cooldown"));
}

bool AutoscalerSection::ownsWhere(const std::string& where) const { return where == "component '" + name() + "'"; }

HpaMetricTarget* AutoscalerSection::selectedMetric(Scenario& s) const {
  Component* c = component(s);
  const int index = selected(metricPicker_);
  if (!c || !c->autoscaling || index < 0 || index >= static_cast<int>(c->autoscaling->metrics.size())) return nullptr;
  return &c->autoscaling->metrics[static_cast<std::size_t>(index)];
}

QString AutoscalerSection::rowFor(const ValidationIssue& issue) const {
  // The AWS policies have their own section; here only the picked HPA metric's rows take its issues.
  if (issue.field.rfind("autoscaling.policies", 0) == 0 || issue.field.rfind("autoscaling.scheduled_actions", 0) == 0) return {};
  ValidationIssue focused = issue;
  focused.field = focusOn(issue.field, "autoscaling.metrics", selected(metricPicker_), "autoscaling.metric");
  return InspectorSection::rowFor(focused);
}

bool AutoscalerSection::update(const Scenario& scenario) {
  const Component* c = component(scenario);
  // Serverless functions scale by their own rules; delay components have nothing to scale.
  if (!c || c->type == Component::Type::Serverless || c->type == Component::Type::Delay) return false;
  const AutoscalingSpec* a = c->autoscaling ? &*c->autoscaling : nullptr;
  setChoice(kind_, a ? static_cast<int>(a->kind) : kNone);
  const bool hpa = a && a->kind == K::KubernetesHpa, keda = a && a->kind == K::Keda;
  for (QWidget* w : std::initializer_list<QWidget*>{min_, max_, startup_}) setRowVisible(w, a);
  for (QWidget* w : std::initializer_list<QWidget*>{metricPicker_, sync_, upWindow_, downWindow_, tolerance_}) setRowVisible(w, hpa);
  for (QWidget* w : std::initializer_list<QWidget*>{kedaTarget_, kedaActivation_, kedaPolling_, kedaCooldown_}) setRowVisible(w, keda);
  setRowVisible(metric_, false);  // shown again below for the picked HPA metric
  setRowVisible(target_, false);
  if (!a) return true;
  min_->setValue(a->min_replicas);
  max_->setValue(a->max_replicas);
  startup_->setValue(a->replica_startup_s);
  if (hpa) {
    QStringList items;
    for (const HpaMetricTarget& m : a->metrics) items << metricItem(m);
    setPickerItems(metricPicker_, items);
    const bool any = selected(metricPicker_) < static_cast<int>(a->metrics.size());
    setRowVisible(metric_, any);
    setRowVisible(target_, any);
    if (any) {
      const HpaMetricTarget& metric = a->metrics[static_cast<std::size_t>(selected(metricPicker_))];
      setChoice(metric_, static_cast<int>(metric.type));
      target_->setValue(metric.target);
      const bool percent = metric.type == M::CpuUtilization || metric.type == M::MemoryUtilization;
      target_->setSuffix(percent ? tr(" %") : metric.type == M::QueueLengthPerReplica ? tr(" waiting") : tr(" req/s"));
    }
    sync_->setValue(a->sync_period_s);
    upWindow_->setValue(a->scale_up.stabilization_window_s.value_or(-1));
    downWindow_->setValue(a->scale_down.stabilization_window_s.value_or(-1));
    tolerance_->setValue(a->tolerance);
  }
  if (keda) {
    kedaTarget_->setValue(a->keda_target_per_replica);
    kedaActivation_->setValue(a->keda_activation_target);
    kedaPolling_->setValue(a->keda_polling_interval_s);
    kedaCooldown_->setValue(a->keda_cooldown_period_s);
  }
  return true;
}

}  // namespace headroom
