#pragma once
// Edits the selected node (component or source), or the simulation settings when nothing is selected.
// Every change becomes one undoable command on the ScenarioDocument; validation issues are shown under
// the field they concern (matched by ValidationIssue::where and the leading part of ValidationIssue::field),
// the rest in a list at the bottom. GUI thread only.
#include <functional>
#include <map>

#include <QString>
#include <QWidget>

#include "model/scenario.h"

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QCustomPlot;
class QSpinBox;
class QStackedWidget;

namespace headroom {

class ScenarioDocument;

class Inspector : public QWidget {
  Q_OBJECT

 public:
  explicit Inspector(ScenarioDocument* document, QWidget* parent = nullptr);

  QString currentKey() const { return key_; }
  // Error text shown under a field, e.g. fieldError("replicas"); empty when none. For tests and the tree.
  QString fieldError(const QString& field) const;
  QString generalIssues() const;

 public slots:
  void setCurrentKey(const QString& key);  // componentKey()/sourceKey(), or empty for the simulation page
  void refresh();

 signals:
  void renamed(const QString& oldKey, const QString& newKey);

 private:
  QWidget* buildComponentPage();
  QWidget* buildSourcePage();
  QWidget* buildSimulationPage();
  // Adds "label: editor" with an error label below the editor; `field` is the issue field prefix.
  void addRow(QFormLayout* form, const QString& page, const QString& label, QWidget* editor, const QString& field);
  void showIssues();
  void editComponent(const QString& text, const std::function<void(Component&)>& edit);
  void editSource(const QString& text, const std::function<void(Source&)>& edit);
  // A row that only shows when the selected component has that part (cache, database, ...).
  QWidget* addPartRow(QFormLayout* form, const QString& label, QWidget* editor, const QString& field);
  void setPartRowVisible(QWidget* editor, bool visible);
  void refreshComponentParts(const Component& component, const Scenario& scenario);
  void refreshSourceExtras(const Source& source, const Scenario& scenario);

  ScenarioDocument* document_;
  QString key_;
  bool updating_ = false;
  QStackedWidget* stack_ = nullptr;
  QLabel* title_ = nullptr;
  QLabel* general_ = nullptr;
  std::map<QString, QLabel*> errorLabels_;  // "<page>/<field>" -> label

  // Component page
  QLineEdit* cName_ = nullptr;
  QComboBox* cType_ = nullptr;
  QSpinBox* cReplicas_ = nullptr;
  QSpinBox* cWorkers_ = nullptr;
  QComboBox* cDiscipline_ = nullptr;
  QComboBox* cBalancer_ = nullptr;
  QSpinBox* cQueue_ = nullptr;
  QComboBox* cDist_ = nullptr;
  QDoubleSpinBox* cMean_ = nullptr;
  QDoubleSpinBox* cCv_ = nullptr;
  QLabel* cSteps_ = nullptr;
  QFormLayout* cForm_ = nullptr;
  std::map<QWidget*, QWidget*> partRows_;  // editor -> its row box
  QDoubleSpinBox* cHitRatio_ = nullptr;
  QSpinBox* cShards_ = nullptr;
  QSpinBox* cReadReplicas_ = nullptr;
  QSpinBox* cPartitions_ = nullptr;
  QSpinBox* cConcurrency_ = nullptr;
  QDoubleSpinBox* cRateLimit_ = nullptr;
  QDoubleSpinBox* cBurst_ = nullptr;
  QSpinBox* cMinReplicas_ = nullptr;
  QSpinBox* cMaxReplicas_ = nullptr;
  QDoubleSpinBox* cErrorRatio_ = nullptr;
  QLabel* cCalls_ = nullptr;
  QLabel* cFaults_ = nullptr;
  // Source page
  QLineEdit* sName_ = nullptr;
  QComboBox* sKind_ = nullptr;
  QComboBox* sEntry_ = nullptr;
  QDoubleSpinBox* sRate_ = nullptr;
  QComboBox* sArrivals_ = nullptr;
  QSpinBox* sPopulation_ = nullptr;
  QDoubleSpinBox* sThink_ = nullptr;
  QLabel* sCurve_ = nullptr;
  QCustomPlot* sPreview_ = nullptr;
  QLabel* sMix_ = nullptr;
  // Simulation page
  QDoubleSpinBox* simHorizon_ = nullptr;
  QDoubleSpinBox* simWarmup_ = nullptr;
  QSpinBox* simReplications_ = nullptr;
  QSpinBox* simSeed_ = nullptr;
  QDoubleSpinBox* simWindow_ = nullptr;
  QLineEdit* simName_ = nullptr;
  QPlainTextEdit* simDescription_ = nullptr;
};

}  // namespace headroom
