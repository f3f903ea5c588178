#pragma once
// The open scenario as the GUI edits it: the Scenario, where each node is drawn, the file it came from,
// and the undo stack. Every change goes through applyEdit()/moveNode(), which push a QUndoCommand holding
// the state before and after, so undo/redo covers every edit. GUI thread only.
#include <functional>
#include <map>
#include <vector>

#include <QObject>
#include <QPointF>
#include <QString>
#include <QUndoStack>

#include "model/scenario.h"
#include "model/validation.h"

namespace headroom {

// Node keys: "c:<component>" and "s:<source>", so a source and a component may share a name.
QString componentKey(const std::string& name);
QString sourceKey(const std::string& name);
bool isComponentKey(const QString& key);
bool isSourceKey(const QString& key);
std::string nameFromKey(const QString& key);

struct DocumentState {
  Scenario scenario;
  std::map<QString, QPointF> positions;  // scene coordinates of node centres; missing = auto layout
};

class ScenarioDocument : public QObject {
  Q_OBJECT

 public:
  explicit ScenarioDocument(QObject* parent = nullptr);

  const Scenario& scenario() const { return state_.scenario; }
  // The scenario as saved: with the node positions in its `layout` block (drawn nodes only).
  Scenario scenarioWithLayout() const;
  const std::map<QString, QPointF>& positions() const { return state_.positions; }
  const std::vector<ValidationIssue>& issues() const { return issues_; }
  // Legal but doing nothing (model/validation.h scenarioWarnings): shown, never blocking a run.
  const std::vector<ValidationIssue>& warnings() const { return warnings_; }
  const std::vector<DeadLink>& deadLinks() const { return deadLinks_; }
  // Issues about one node ("component 'db'" / "source 'web'"), or about the simulation settings ("").
  std::vector<ValidationIssue> issuesFor(const QString& key) const;

  QUndoStack* undoStack() { return &undoStack_; }
  QString filePath() const { return filePath_; }
  bool isModified() const { return !undoStack_.isClean(); }

  // New/Open: replaces everything and clears the undo history; the scenario's `layout` gives the positions.
  void reset(const Scenario& scenario, const QString& filePath);
  void markSaved(const QString& filePath);

  // Pushes one undoable command; `edit` mutates a copy of the current state. No-op if nothing changed.
  void applyEdit(const QString& text, const std::function<void(DocumentState&)>& edit);
  void applyScenarioEdit(const QString& text, const std::function<void(Scenario&)>& edit);
  void moveNode(const QString& key, QPointF position);
  // Sets the positions of nodes that have none (automatic layout); not an undoable edit.
  void fillMissingPositions(const std::map<QString, QPointF>& layout);

  // Used by the undo commands only.
  void setState(const DocumentState& state);

 signals:
  void changed();           // scenario or positions changed (edit, undo, redo)
  void documentReset();     // a different scenario was loaded or created
  void filePathChanged(const QString& path);

 private:
  void revalidate();

  DocumentState state_;
  std::vector<ValidationIssue> issues_;
  std::vector<ValidationIssue> warnings_;
  std::vector<DeadLink> deadLinks_;
  QUndoStack undoStack_;
  QString filePath_;
};

}  // namespace headroom
