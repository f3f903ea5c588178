#include "ui/inspector/simulation_section.h"

#include <algorithm>

#include <QDoubleSpinBox>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QTimer>

#include "ui/scenario_document.h"

namespace headroom {

SimulationSection::SimulationSection(ScenarioDocument* document, QWidget* parent)
    : InspectorSection(document, tr("Scenario"), parent) {
  name_ = addText(tr("Name"), QStringLiteral("name"),
                  [](Scenario& s, const std::string& text) {
                    s.name = text;
                    return true;
                  },
                  tr("Rename scenario"));
  name_->setObjectName(QStringLiteral("scenarioName"));
  description_ = new QPlainTextEdit(this);
  description_->setObjectName(QStringLiteral("scenarioDescription"));
  description_->setMinimumHeight(90);
  description_->setPlaceholderText(tr("What this scenario models and what to try"));
  addRow(tr("Description"), description_, QStringLiteral("description"));
  // One undo step per pause in typing, not per keystroke.
  auto* timer = new QTimer(this);
  timer->setSingleShot(true);
  timer->setInterval(700);
  connect(description_, &QPlainTextEdit::textChanged, this, [this, timer] {
    if (!updating_) timer->start();
  });
  connect(timer, &QTimer::timeout, this, [this] {
    const std::string text = description_->toPlainText().toStdString();
    if (text == document_->scenario().description) return;
    document_->applyScenarioEdit(tr("Edit description"), [&](Scenario& s) { s.description = text; });
  });
  horizon_ = addNumber(tr("Horizon"), QStringLiteral("horizon_s"), 0.0, 1e9, 1, tr(" s"),
                       [](Scenario& s, double v) { s.simulation.horizon_s = v; }, tr("Set horizon"));
  horizon_->setObjectName(QStringLiteral("horizon"));
  warmup_ = addNumber(tr("Warm-up"), QStringLiteral("warmup_s"), 0.0, 1e9, 1, tr(" s"),
                      [](Scenario& s, double v) { s.simulation.warmup_s = v; }, tr("Set warm-up"));
  replications_ = addInteger(tr("Replications"), QStringLiteral("replications"), 0, 10000,
                             [](Scenario& s, int v) { s.simulation.replications = v; }, tr("Set replications"));
  seed_ = addInteger(tr("Seed"), QStringLiteral("seed"), 0, 2147483647,
                     [](Scenario& s, int v) { s.simulation.seed = static_cast<std::uint64_t>(v); }, tr("Set seed"));
  window_ = addNumber(tr("Chart window"), QStringLiteral("window_s"), 0.0, 1e9, 2, tr(" s"),
                      [](Scenario& s, double v) { s.simulation.window_s = v; }, tr("Set chart window"));
  window_->setSpecialValueText(tr("auto (horizon / 120)"));
}

bool SimulationSection::ownsWhere(const std::string& where) const {
  return where == "simulation" || where == "scenario" || where == "request_classes";
}

bool SimulationSection::update(const Scenario& scenario) {
  if (!name_->hasFocus()) name_->setText(QString::fromStdString(scenario.name));
  // Rewriting the text would move the cursor while the user types: only when it really differs.
  if (description_->toPlainText().toStdString() != scenario.description)
    description_->setPlainText(QString::fromStdString(scenario.description));
  horizon_->setValue(scenario.simulation.horizon_s);
  warmup_->setValue(scenario.simulation.warmup_s);
  replications_->setValue(scenario.simulation.replications);
  seed_->setValue(static_cast<int>(std::min<std::uint64_t>(scenario.simulation.seed, 2147483647u)));
  window_->setValue(scenario.simulation.window_s);
  return true;
}

}  // namespace headroom
