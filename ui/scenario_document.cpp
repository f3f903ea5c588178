#include "ui/scenario_document.h"

#include <QUndoCommand>

#include "model/scenario_json.h"

namespace headroom {

QString componentKey(const std::string& name) { return QStringLiteral("c:") + QString::fromStdString(name); }
QString sourceKey(const std::string& name) { return QStringLiteral("s:") + QString::fromStdString(name); }
bool isComponentKey(const QString& key) { return key.startsWith(QLatin1String("c:")); }
bool isSourceKey(const QString& key) { return key.startsWith(QLatin1String("s:")); }
std::string nameFromKey(const QString& key) { return key.mid(2).toStdString(); }

namespace {

// Whole-state snapshots: scenarios are small (tens of components), and a snapshot can never get out of
// step with the code that edits, which per-field inverse operations easily do.
class StateCommand : public QUndoCommand {
 public:
  StateCommand(ScenarioDocument* document, DocumentState before, DocumentState after, const QString& text,
               int mergeId = -1, QString mergeKey = {})
      : QUndoCommand(text),
        document_(document),
        before_(std::move(before)),
        after_(std::move(after)),
        mergeId_(mergeId),
        mergeKey_(std::move(mergeKey)) {}

  void undo() override { document_->setState(before_); }
  void redo() override { document_->setState(after_); }
  int id() const override { return mergeId_; }
  bool mergeWith(const QUndoCommand* other) override {
    auto* next = static_cast<const StateCommand*>(other);
    if (next->mergeKey_ != mergeKey_) return false;
    after_ = next->after_;
    return true;
  }

 private:
  ScenarioDocument* document_;
  DocumentState before_;
  DocumentState after_;
  int mergeId_;
  QString mergeKey_;
};

bool sameJson(const Scenario& a, const Scenario& b) {
  // Scenario has no operator==; the JSON form is the canonical comparison and covers every field.
  return scenarioToJson(a) == scenarioToJson(b);
}

}  // namespace

ScenarioDocument::ScenarioDocument(QObject* parent) : QObject(parent) { revalidate(); }

std::vector<ValidationIssue> ScenarioDocument::issuesFor(const QString& key) const {
  std::string where;
  if (isComponentKey(key)) where = "component '" + nameFromKey(key) + "'";
  else if (isSourceKey(key)) where = "source '" + nameFromKey(key) + "'";
  else where = "simulation";
  std::vector<ValidationIssue> out;
  for (const ValidationIssue& issue : issues_)
    if (issue.where == where) out.push_back(issue);
  return out;
}

void ScenarioDocument::reset(const Scenario& scenario, const QString& filePath) {
  undoStack_.clear();
  // The file's layout becomes the node positions; the document keeps one truth (positions) until saved.
  state_ = DocumentState{scenario, {}};
  for (const auto& [name, p] : scenario.layout.components) state_.positions[componentKey(name)] = QPointF(p.x, p.y);
  for (const auto& [name, p] : scenario.layout.sources) state_.positions[sourceKey(name)] = QPointF(p.x, p.y);
  state_.scenario.layout = {};
  revalidate();
  filePath_ = filePath;
  undoStack_.setClean();
  emit documentReset();
  emit filePathChanged(filePath_);
  emit changed();
}

Scenario ScenarioDocument::scenarioWithLayout() const {
  Scenario out = state_.scenario;
  out.layout = {};
  for (const auto& [key, pos] : state_.positions) {
    const std::string name = nameFromKey(key);
    if (isComponentKey(key) && out.findComponent(name)) out.layout.components[name] = {pos.x(), pos.y()};
    if (isSourceKey(key))
      for (const Source& src : out.sources)
        if (src.name == name) out.layout.sources[name] = {pos.x(), pos.y()};
  }
  return out;
}

void ScenarioDocument::markSaved(const QString& filePath) {
  filePath_ = filePath;
  undoStack_.setClean();
  emit filePathChanged(filePath_);
}

void ScenarioDocument::applyEdit(const QString& text, const std::function<void(DocumentState&)>& edit) {
  DocumentState after = state_;
  edit(after);
  if (after.positions == state_.positions && sameJson(after.scenario, state_.scenario)) return;
  undoStack_.push(new StateCommand(this, state_, std::move(after), text));
}

void ScenarioDocument::applyScenarioEdit(const QString& text, const std::function<void(Scenario&)>& edit) {
  applyEdit(text, [&](DocumentState& s) { edit(s.scenario); });
}

void ScenarioDocument::moveNode(const QString& key, QPointF position) {
  DocumentState after = state_;
  after.positions[key] = position;
  if (after.positions == state_.positions) return;
  constexpr int kMoveMergeId = 1;
  undoStack_.push(new StateCommand(this, state_, std::move(after), tr("Move %1").arg(key.mid(2)), kMoveMergeId, key));
}

void ScenarioDocument::fillMissingPositions(const std::map<QString, QPointF>& layout) {
  for (const auto& [key, pos] : layout) state_.positions.emplace(key, pos);
}

void ScenarioDocument::setState(const DocumentState& state) {
  state_ = state;
  revalidate();
  emit changed();
}

void ScenarioDocument::revalidate() {
  issues_ = validateScenario(state_.scenario);
  warnings_ = scenarioWarnings(state_.scenario);
  deadLinks_ = findDeadLinks(state_.scenario);
}

}  // namespace headroom
