#include "ui/inspector/source_section.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QSpinBox>

#include "ui/scenario_document.h"
#include "ui/scenario_edits.h"

namespace headroom {

SourceSection::SourceSection(ScenarioDocument* document, QWidget* parent) : InspectorSection(document, tr("Source"), parent) {
  name_ = new QLineEdit(this);
  name_->setObjectName(QStringLiteral("sourceName"));
  addRow(tr("Name"), name_, QStringLiteral("name"));
  connect(name_, &QLineEdit::editingFinished, this, [this] {
    if (updating_) return;
    const std::string from = name(), to = name_->text().trimmed().toStdString();
    if (to == from) return;
    Scenario probe = document_->scenario();
    if (!renameSource(probe, from, to)) {
      refresh(from);
      return;
    }
    const QString oldKey = sourceKey(from), newKey = sourceKey(to);
    document_->applyEdit(tr("Rename source"), [&](DocumentState& s) {
      renameSource(s.scenario, from, to);
      if (auto it = s.positions.find(oldKey); it != s.positions.end()) {
        s.positions[newKey] = it->second;
        s.positions.erase(oldKey);
      }
    });
    emit renamed(oldKey, newKey);
  });
  kind_ = addChoice(tr("Kind"), QStringLiteral("kind"),
                    {{tr("open (arrival rate)"), int(Source::Kind::Open)}, {tr("closed (users + think time)"), int(Source::Kind::Closed)}},
                    [this](Scenario& s, int v) { if (Source* src = source(s)) src->kind = static_cast<Source::Kind>(v); },
                    tr("Change source kind"));
  entry_ = new QComboBox(this);
  addRow(tr("Entry component"), entry_, QStringLiteral("entry"));
  connect(entry_, &QComboBox::currentIndexChanged, this, [this] {
    const std::string entry = entry_->currentText().toStdString();
    edit(tr("Change entry"), [&](Scenario& s) { if (Source* src = source(s)) src->entry = entry; });
  });
  arrivals_ = addChoice(tr("Arrivals"), QStringLiteral("arrivals"),
                        {{tr("Poisson"), int(Source::Arrivals::Poisson)}, {tr("deterministic"), int(Source::Arrivals::Deterministic)},
                         {tr("renewal (gamma)"), int(Source::Arrivals::Renewal)}},
                        [this](Scenario& s, int v) { if (Source* src = source(s)) src->arrivals = static_cast<Source::Arrivals>(v); },
                        tr("Change arrivals"));
  population_ = addInteger(tr("Population"), QStringLiteral("population"), 0, 100000000,
                           [this](Scenario& s, int v) { if (Source* src = source(s)) src->population = v; }, tr("Set population"));
  think_ = addNumber(tr("Think time (mean)"), QStringLiteral("think_time"), 0.0, 1e6, 3, tr(" s"),
                     [this](Scenario& s, double v) { if (Source* src = source(s)) src->think_time.mean_s = v; }, tr("Set think time"));
  region_ = new QComboBox(this);
  addRow(tr("Clients' region"), region_, QStringLiteral("region"));
  connect(region_, &QComboBox::currentIndexChanged, this, [this] {
    const std::string region = region_->currentData().toString().toStdString();
    edit(tr("Change region"), [&](Scenario& s) { if (Source* src = source(s)) src->region = region; });
  });
}

bool SourceSection::ownsWhere(const std::string& where) const { return where == "source '" + name() + "'"; }

bool SourceSection::update(const Scenario& scenario) {
  const Source* src = source(scenario);
  if (!src) return false;
  name_->setText(QString::fromStdString(src->name));
  setChoice(kind_, static_cast<int>(src->kind));
  entry_->clear();
  for (const Component& c : scenario.components) entry_->addItem(QString::fromStdString(c.name));
  if (entry_->findText(QString::fromStdString(src->entry)) < 0)
    entry_->addItem(QString::fromStdString(src->entry));  // dangling: keep it visible, validation says why
  entry_->setCurrentIndex(entry_->findText(QString::fromStdString(src->entry)));
  const bool open = src->kind == Source::Kind::Open;
  setChoice(arrivals_, static_cast<int>(src->arrivals));
  population_->setValue(src->population);
  think_->setValue(src->think_time.mean());
  setRowVisible(arrivals_, open);
  setRowVisible(population_, !open);
  setRowVisible(think_, !open);
  region_->clear();
  region_->addItem(scenario.regions.empty() ? tr("(no regions declared)") : tr("first region (default)"), QString());
  for (const RegionSpec& r : scenario.regions) region_->addItem(QString::fromStdString(r.name), QString::fromStdString(r.name));
  region_->setCurrentIndex(std::max(0, region_->findData(QString::fromStdString(src->region))));
  setRowVisible(region_, !scenario.regions.empty() || !src->region.empty());  // no regions declared: nothing to pick
  return true;
}

}  // namespace headroom
