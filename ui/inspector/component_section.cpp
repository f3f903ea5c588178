#include "ui/inspector/component_section.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>

#include "ui/readable_number.h"
#include "ui/scenario_document.h"
#include "ui/scenario_edits.h"

namespace headroom {

namespace {

QString describeSteps(const std::vector<Step>& steps) {
  QStringList parts;
  for (const Step& step : steps) {
    QStringList targets;
    for (const CallTarget& c : step.calls) targets << QString::fromStdString(c.target);
    switch (step.kind) {
      case Step::Kind::Work: parts << QStringLiteral("work %1 ms").arg(readableNumber(step.work.mean() * 1e3)); break;
      case Step::Kind::Call: parts << QStringLiteral("call %1").arg(targets.join(QLatin1Char(','))); break;
      case Step::Kind::Parallel: parts << QStringLiteral("parallel {%1}").arg(targets.join(QLatin1Char(','))); break;
      case Step::Kind::Send: parts << QStringLiteral("send %1").arg(targets.join(QLatin1Char(','))); break;
      case Step::Kind::Branch: parts << QStringLiteral("branch (%1 arms)").arg(step.arms.size()); break;
    }
  }
  return parts.join(QStringLiteral(" → "));
}

}  // namespace

ComponentSection::ComponentSection(ScenarioDocument* document, QWidget* parent)
    : InspectorSection(document, tr("Component"), parent) {
  name_ = new QLineEdit(this);
  name_->setObjectName(QStringLiteral("componentName"));
  addRow(tr("Name"), name_, QStringLiteral("name"));
  connect(name_, &QLineEdit::editingFinished, this, [this] {
    if (updating_) return;
    const std::string from = name(), to = name_->text().trimmed().toStdString();
    if (to == from) return;
    if (to.empty() || document_->scenario().findComponent(to)) {
      refresh(from);  // refused: show the old name again
      return;
    }
    const QString oldKey = componentKey(from), newKey = componentKey(to);
    document_->applyEdit(tr("Rename %1 to %2").arg(QString::fromStdString(from), QString::fromStdString(to)),
                         [&](DocumentState& s) {
                           renameComponent(s.scenario, from, to);
                           if (auto it = s.positions.find(oldKey); it != s.positions.end()) {
                             s.positions[newKey] = it->second;
                             s.positions.erase(oldKey);
                           }
                         });
    emit renamed(oldKey, newKey);
  });
  using T = Component::Type;
  type_ = addChoice(tr("Type"), QStringLiteral("type"),
                    {{tr("service (queues)"), int(T::Service)}, {tr("delay (never queues)"), int(T::Delay)},
                     {tr("topic (partitions, consumers)"), int(T::Topic)}, {tr("serverless function"), int(T::Serverless)}},
                    [this](Scenario& s, int v) {
                      Component* c = component(s);
                      if (!c) return;
                      const auto type = static_cast<T>(v);
                      c->type = type;
                      // Each type carries its own block; switching keeps a valid scenario with the documented defaults.
                      if (type == T::Topic && !c->topic) c->topic = TopicSpec{};
                      if (type != T::Topic) c->topic.reset();
                      if (type == T::Serverless && !c->serverless) c->serverless = ServerlessSpec{};
                      if (type != T::Serverless) c->serverless.reset();
                      if (type == T::Serverless) c->autoscaling.reset();
                    },
                    tr("Change type"));
  replicas_ = addInteger(tr("Replicas"), QStringLiteral("replicas"), 0, 100000,
                         [this](Scenario& s, int v) { if (Component* c = component(s)) c->replicas = v; }, tr("Set replicas"));
  replicas_->setObjectName(QStringLiteral("replicas"));
  workers_ = addInteger(tr("Workers per replica"), QStringLiteral("workers_per_replica"), 0, 1000000,
                        [this](Scenario& s, int v) { if (Component* c = component(s)) c->workers_per_replica = v; },
                        tr("Set workers"));
  workers_->setObjectName(QStringLiteral("workersPerReplica"));
  using D = Component::Discipline;
  discipline_ = addChoice(tr("Discipline"), QStringLiteral("discipline"),
                          {{tr("FCFS (worker held during calls)"), int(D::FCFS)}, {tr("processor sharing"), int(D::ProcessorSharing)}},
                          [this](Scenario& s, int v) { if (Component* c = component(s)) c->discipline = static_cast<D>(v); },
                          tr("Change discipline"));
  using B = Component::Balancer;
  balancer_ = addChoice(tr("Balancer"), QStringLiteral("balancer"),
                        {{tr("round robin"), int(B::RoundRobin)}, {tr("least outstanding"), int(B::LeastOutstanding)}, {tr("random"), int(B::Random)}},
                        [this](Scenario& s, int v) { if (Component* c = component(s)) c->balancer = static_cast<B>(v); },
                        tr("Change balancer"));
  queue_ = addInteger(tr("Queue capacity / replica"), QStringLiteral("queue_capacity"), -1, 10000000,
                      [this](Scenario& s, int v) {
                        if (Component* c = component(s)) c->queue_capacity = v < 0 ? std::nullopt : std::optional<int>(v);
                      },
                      tr("Set queue capacity"));
  queue_->setSpecialValueText(tr("unbounded"));
  queue_->setObjectName(QStringLiteral("queueCapacity"));
  dist_ = new QComboBox(this);
  for (auto kind : {Distribution::Kind::Exponential, Distribution::Kind::Deterministic, Distribution::Kind::Lognormal,
                    Distribution::Kind::Gamma, Distribution::Kind::Uniform, Distribution::Kind::Histogram})
    dist_->addItem(QString::fromLatin1(distributionKindName(kind)), static_cast<int>(kind));
  addRow(tr("Service time"), dist_, QStringLiteral("service_time"));
  mean_ = new QDoubleSpinBox(this);
  mean_->setRange(0.0, 1e7);
  mean_->setDecimals(3);
  mean_->setSuffix(tr(" ms"));
  mean_->setKeyboardTracking(false);
  mean_->setObjectName(QStringLiteral("serviceTimeMean"));
  addRow(tr("  mean"), mean_, QStringLiteral("service_time.mean"));
  cv_ = new QDoubleSpinBox(this);
  cv_->setRange(0.0, 100.0);
  cv_->setKeyboardTracking(false);
  addRow(tr("  cv"), cv_, QStringLiteral("service_time.cv"));
  connect(dist_, &QComboBox::currentIndexChanged, this, &ComponentSection::editServiceTime);
  connect(mean_, &QDoubleSpinBox::valueChanged, this, &ComponentSection::editServiceTime);
  connect(cv_, &QDoubleSpinBox::valueChanged, this, &ComponentSection::editServiceTime);
  region_ = new QComboBox(this);
  region_->setObjectName(QStringLiteral("componentRegion"));
  addRow(tr("Region"), region_, QStringLiteral("region"));
  connect(region_, &QComboBox::currentIndexChanged, this, [this] {
    const std::string region = region_->currentData().toString().toStdString();
    edit(tr("Change region"), [&](Scenario& s) { if (Component* c = component(s)) c->region = region; });
  });
  errorRatio_ = addNumber(tr("Injected error ratio"), QStringLiteral("error_ratio"), 0.0, 1.0, 4, QString(),
                          [this](Scenario& s, double v) { if (Component* c = component(s)) c->error_ratio = v; },
                          tr("Set injected error ratio"));
  errorRatio_->setObjectName(QStringLiteral("errorRatio"));
  steps_ = new QLabel(this);
  steps_->setWordWrap(true);
  steps_->setTextFormat(Qt::PlainText);
  addRow(tr("Behaviour"), steps_, QStringLiteral("behaviour"));
  warnings_ = new QLabel(this);
  warnings_->setObjectName(QStringLiteral("componentWarnings"));
  warnings_->setWordWrap(true);
  warnings_->setTextFormat(Qt::PlainText);
  QPalette pal = warnings_->palette();
  pal.setColor(QPalette::WindowText, QColor(200, 125, 10));  // amber: legal, but does nothing
  warnings_->setPalette(pal);
  addRow(tr("Warnings"), warnings_, QString());
}

bool ComponentSection::ownsWhere(const std::string& where) const { return where == "component '" + name() + "'"; }

void ComponentSection::editServiceTime() {
  const auto kind = static_cast<Distribution::Kind>(dist_->currentData().toInt());
  const double mean_s = mean_->value() / 1e3;
  const double cv = cv_->value();
  edit(tr("Change service time"), [&](Scenario& s) {
    Component* c = component(s);
    if (!c) return;
    Distribution& d = c->service_time;
    d.kind = kind;
    if (kind == Distribution::Kind::Uniform || kind == Distribution::Kind::Histogram) return;  // bounds, bins: in the file
    d.mean_s = mean_s;
    d.cv = kind == Distribution::Kind::Exponential ? 1.0 : kind == Distribution::Kind::Deterministic ? 0.0 : cv;
  });
}

bool ComponentSection::update(const Scenario& scenario) {
  const Component* c = component(scenario);
  if (!c) return false;
  name_->setText(QString::fromStdString(c->name));
  setChoice(type_, static_cast<int>(c->type));
  replicas_->setValue(c->replicas);
  workers_->setValue(c->workers_per_replica);
  setChoice(discipline_, static_cast<int>(c->discipline));
  setChoice(balancer_, static_cast<int>(c->balancer));
  queue_->setValue(c->queue_capacity ? *c->queue_capacity : -1);
  setChoice(dist_, static_cast<int>(c->service_time.kind));
  mean_->setValue(c->service_time.mean() * 1e3);
  cv_->setValue(c->service_time.cv);
  const bool parametric = c->service_time.kind != Distribution::Kind::Uniform && c->service_time.kind != Distribution::Kind::Histogram;
  mean_->setEnabled(parametric);
  cv_->setEnabled(c->service_time.kind == Distribution::Kind::Lognormal || c->service_time.kind == Distribution::Kind::Gamma);
  const bool queues = c->type == Component::Type::Service || c->type == Component::Type::Topic;
  for (QWidget* w : std::initializer_list<QWidget*>{replicas_, workers_, discipline_, balancer_, queue_}) w->setEnabled(queues);
  region_->clear();
  region_->addItem(scenario.regions.empty() ? tr("(no regions declared)") : tr("first region (default)"), QString());
  for (const RegionSpec& r : scenario.regions) region_->addItem(QString::fromStdString(r.name), QString::fromStdString(r.name));
  region_->setCurrentIndex(std::max(0, region_->findData(QString::fromStdString(c->region))));
  setRowVisible(region_, !scenario.regions.empty() || !c->region.empty());  // no regions declared: nothing to pick
  errorRatio_->setValue(c->error_ratio);
  QStringList behaviours;
  for (const auto& [cls, b] : c->behaviour) {
    QString text = describeSteps(b.steps);
    for (const RouteChoice& r : b.next)
      text += QStringLiteral("%1next %2 (p=%3)").arg(text.isEmpty() ? QString() : QStringLiteral("; "), QString::fromStdString(r.to))
                  .arg(readableNumber(r.probability));
    behaviours << QStringLiteral("%1: %2").arg(cls == kAnyClass ? tr("all classes") : QString::fromStdString(cls),
                                               text.isEmpty() ? tr("(answers)") : text);
  }
  steps_->setText(behaviours.isEmpty() ? tr("answers directly") : behaviours.join(QLatin1Char('\n')));
  QStringList warnings;
  for (const ValidationIssue& w : document_->warnings())
    if (ownsWhere(w.where)) warnings << QStringLiteral("⚠ ") + QString::fromStdString(w.rule);
  warnings_->setText(warnings.join(QLatin1Char('\n')));
  setRowVisible(warnings_, !warnings.isEmpty());
  return true;
}

}  // namespace headroom
