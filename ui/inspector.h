#pragma once
// Edits the selected node (component or source), or the scenario when nothing is selected. Each page is a
// column of sections (ui/inspector/*_section.*), one per scenario feature; every change is one undoable
// command on the ScenarioDocument. Validation issues are shown under the field they concern; those no row
// shows are listed at the bottom. GUI thread only.
#include <vector>

#include <QString>
#include <QWidget>

class QLabel;
class QStackedWidget;

namespace headroom {

class InspectorSection;
class ScenarioDocument;

class Inspector : public QWidget {
  Q_OBJECT

 public:
  explicit Inspector(ScenarioDocument* document, QWidget* parent = nullptr);

  QString currentKey() const { return key_; }
  // Error text shown under a field of the current page, e.g. fieldError("replicas"); empty when none.
  QString fieldError(const QString& field) const;
  QString generalIssues() const;

 public slots:
  void setCurrentKey(const QString& key);  // componentKey()/sourceKey(), or empty for the scenario page
  void refresh();

 signals:
  void renamed(const QString& oldKey, const QString& newKey);

 private:
  QWidget* buildPage(const std::vector<InspectorSection*>& sections);
  const std::vector<InspectorSection*>& currentSections() const;
  void showIssues();

  ScenarioDocument* document_;
  QString key_;
  QStackedWidget* stack_ = nullptr;
  QLabel* title_ = nullptr;
  QLabel* general_ = nullptr;
  std::vector<InspectorSection*> simulationSections_;
  std::vector<InspectorSection*> componentSections_;
  std::vector<InspectorSection*> sourceSections_;
};

}  // namespace headroom
