#include "ui/inspector/faults_section.h"

#include <cstdlib>

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QSpinBox>

#include "simulator/health/health.h"
#include "ui/scenario_document.h"

namespace headroom {

namespace {

using K = FaultSpec::Kind;

QString faultLabel(const FaultSpec& f) {
  const QString target = QString::fromStdString(f.kind == K::RegionOutage ? f.region : f.component);
  return QStringLiteral("%1 · %2 at %3").arg(QString::fromLatin1(faultKindName(f.kind)), target,
                                             QString::fromStdString(formatSimTime(f.at_s)));
}

}  // namespace

std::function<void(Scenario&, double)> FaultsSection::onFault(std::function<void(FaultSpec&, double)> change) {
  return [this, change = std::move(change)](Scenario& s, double v) {
    if (FaultSpec* f = selectedFault(s)) change(*f, v);
  };
}

FaultsSection::FaultsSection(ScenarioDocument* document, bool forComponent, QWidget* parent)
    : InspectorSection(document, forComponent ? tr("Faults on this component") : tr("Fault timeline"), parent),
      forComponent_(forComponent) {
  setObjectName(forComponent ? QStringLiteral("componentFaults") : QStringLiteral("faultTimeline"));
  addPicker(tr("Event"),
            [this](Scenario& s) {
              FaultSpec f;
              f.kind = K::Slowdown;
              f.factor = 2.0;
              f.at_s = s.simulation.horizon_s / 4;
              f.duration_s = std::max(1.0, s.simulation.horizon_s / 10);
              f.component = forComponent_ ? name() : (s.components.empty() ? std::string() : s.components.front().name);
              s.faults.push_back(f);
            },
            [this](Scenario& s, int index) {
              const std::vector<int> shown = shownFaults(s);
              if (index >= 0 && index < static_cast<int>(shown.size())) s.faults.erase(s.faults.begin() + shown[static_cast<std::size_t>(index)]);
            },
            tr("fault"));
  std::vector<std::pair<QString, int>> kinds;
  for (K k : {K::KillReplicas, K::ComponentOutage, K::Slowdown, K::AddedLatency, K::CacheFlush, K::RegionOutage, K::Resize,
              K::DatabaseFailover})
    kinds.emplace_back(QString::fromLatin1(faultKindName(k)), static_cast<int>(k));
  kind_ = addChoice(tr("Kind"), QStringLiteral("kind"), kinds,
                    [this](Scenario& s, int v) {
                      FaultSpec* f = selectedFault(s);
                      if (!f) return;
                      f->kind = static_cast<K>(v);
                      if (f->kind == K::RegionOutage) {
                        f->component.clear();
                        if (f->region.empty() && !s.regions.empty()) f->region = s.regions.front().name;
                      } else {
                        f->region.clear();
                        if (f->component.empty()) f->component = forComponent_ ? name() : (s.components.empty() ? "" : s.components.front().name);
                      }
                      if (f->kind == K::Resize && f->workers < 1) f->workers = 2;
                      if (f->kind == K::Slowdown && f->factor <= 1.0) f->factor = 2.0;
                    },
                    tr("Change fault kind"));
  kind_->setObjectName(QStringLiteral("faultKind"));
  target_ = new QComboBox(this);
  addRow(tr("Component"), target_, QStringLiteral("component"));
  connect(target_, &QComboBox::currentIndexChanged, this, [this] {
    const std::string target = target_->currentText().toStdString();
    edit(tr("Change fault target"), [&](Scenario& s) { if (FaultSpec* f = selectedFault(s)) f->component = target; });
  });
  region_ = new QComboBox(this);
  addRow(tr("Region"), region_, QStringLiteral("region"));
  connect(region_, &QComboBox::currentIndexChanged, this, [this] {
    const std::string region = region_->currentText().toStdString();
    edit(tr("Change fault region"), [&](Scenario& s) { if (FaultSpec* f = selectedFault(s)) f->region = region; });
  });
  at_ = addNumber(tr("At"), QStringLiteral("at"), 0.0, 1e10, 1, tr(" s"), onFault([](FaultSpec& f, double v) { f.at_s = v; }),
                  tr("Move fault"));
  at_->setObjectName(QStringLiteral("faultAt"));
  duration_ = addNumber(tr("Duration"), QStringLiteral("duration"), 0.0, 1e10, 1, tr(" s"),
                        onFault([](FaultSpec& f, double v) { f.duration_s = v; }), tr("Set fault duration"));
  duration_->setObjectName(QStringLiteral("faultDuration"));
  count_ = addInteger(tr("Replicas killed"), QStringLiteral("count"), 0, kMaxReplicas,
                      onFault([](FaultSpec& f, double v) { f.count = static_cast<int>(v); }), tr("Set replicas killed"));
  restart_ = addNumber(tr("Ready again after"), QStringLiteral("restart"), 0.0, 86400.0, 1, tr(" s"),
                       onFault([](FaultSpec& f, double v) { f.restart_s = v; }), tr("Set restart time"));
  factor_ = addNumber(tr("Work takes"), QStringLiteral("factor"), 0.0, 1000.0, 2, QStringLiteral(" ×"),
                      onFault([](FaultSpec& f, double v) { f.factor = v; }), tr("Set slowdown factor"));
  latency_ = addNumber(tr("Added latency"), QStringLiteral("latency"), 0.0, 1e7, 1, tr(" ms"),
                       onFault([](FaultSpec& f, double v) { f.latency_s = v / 1e3; }), tr("Set added latency"));
  shard_ = addInteger(tr("Shard"), QStringLiteral("shard"), 0, 100000, onFault([](FaultSpec& f, double v) { f.shard = static_cast<int>(v); }),
                      tr("Set failover shard"));
  workers_ = addInteger(tr("New workers / replica"), QStringLiteral("workers_per_replica"), 0, 100000,
                        onFault([](FaultSpec& f, double v) { f.workers = static_cast<int>(v); }), tr("Set resize workers"));
}

bool FaultsSection::ownsWhere(const std::string& where) const {
  if (where.rfind("fault #", 0) != 0) return false;
  if (!forComponent_) return true;
  // "fault #3 (slowdown)": on a component page, only the faults aimed at that component.
  const std::size_t index = std::strtoul(where.c_str() + 7, nullptr, 10);
  const auto& faults = document_->scenario().faults;
  return index >= 1 && index <= faults.size() && faults[index - 1].component == name();
}

QString FaultsSection::rowFor(const ValidationIssue& issue) const {
  // Only the selected event's rows are on screen; other events' issues go to the list under the inspector.
  const std::vector<int> shown = shownFaults(document_->scenario());
  if (selected() < 0 || selected() >= static_cast<int>(shown.size())) return {};
  const std::string prefix = "fault #" + std::to_string(shown[static_cast<std::size_t>(selected())] + 1) + " ";
  if (issue.where.rfind(prefix, 0) != 0) return {};
  return InspectorSection::rowFor(issue);
}

std::vector<int> FaultsSection::shownFaults(const Scenario& s) const {
  std::vector<int> out;
  for (std::size_t i = 0; i < s.faults.size(); ++i)
    if (!forComponent_ || s.faults[i].component == name()) out.push_back(static_cast<int>(i));
  return out;
}

FaultSpec* FaultsSection::selectedFault(Scenario& s) const {
  const std::vector<int> shown = shownFaults(s);
  if (selected() < 0 || selected() >= static_cast<int>(shown.size())) return nullptr;
  return &s.faults[static_cast<std::size_t>(shown[static_cast<std::size_t>(selected())])];
}

bool FaultsSection::update(const Scenario& scenario) {
  if (forComponent_ && !component(scenario)) return false;
  QStringList items;
  for (int i : shownFaults(scenario)) items << faultLabel(scenario.faults[static_cast<std::size_t>(i)]);
  setPickerItems(items);
  Scenario copy = scenario;
  const FaultSpec* f = selectedFault(copy);
  for (QWidget* w : std::initializer_list<QWidget*>{kind_, target_, region_, at_, duration_, count_, restart_, factor_, latency_, shard_, workers_})
    setRowVisible(w, f != nullptr);
  if (!f) return true;  // an empty timeline still offers "+"
  setChoice(kind_, static_cast<int>(f->kind));
  target_->clear();
  for (const Component& c : scenario.components) target_->addItem(QString::fromStdString(c.name));
  if (target_->findText(QString::fromStdString(f->component)) < 0) target_->addItem(QString::fromStdString(f->component));
  target_->setCurrentIndex(target_->findText(QString::fromStdString(f->component)));
  region_->clear();
  for (const RegionSpec& r : scenario.regions) region_->addItem(QString::fromStdString(r.name));
  if (region_->findText(QString::fromStdString(f->region)) < 0) region_->addItem(QString::fromStdString(f->region));
  region_->setCurrentIndex(region_->findText(QString::fromStdString(f->region)));
  at_->setValue(f->at_s);
  duration_->setValue(f->duration_s);
  count_->setValue(f->count);
  restart_->setValue(f->restart_s);
  factor_->setValue(f->factor);
  latency_->setValue(f->latency_s * 1e3);
  shard_->setValue(f->shard);
  workers_->setValue(f->workers);
  const K k = f->kind;
  setRowVisible(target_, k != K::RegionOutage && !forComponent_);
  setRowVisible(region_, k == K::RegionOutage);
  setRowVisible(duration_, k != K::KillReplicas && k != K::CacheFlush && k != K::Resize);
  setRowVisible(count_, k == K::KillReplicas);
  setRowVisible(restart_, k == K::KillReplicas || k == K::Resize);
  setRowVisible(factor_, k == K::Slowdown);
  setRowVisible(latency_, k == K::AddedLatency);
  setRowVisible(shard_, k == K::DatabaseFailover);
  setRowVisible(workers_, k == K::Resize);
  return true;
}

}  // namespace headroom
