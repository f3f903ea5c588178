#pragma once
// The Headroom main window: project tree and inspector (left), topology canvas (centre), charts (right),
// results and comparison tables (bottom), run controls in the toolbar and status bar.
//
// Thread affinity: GUI thread. Files are parsed on a short-lived worker thread; simulations run through
// RunController. Closing the window cancels a running simulation and waits for its thread.
#include <optional>

#include <QMainWindow>
#include <QPointer>
#include <QStringList>

#include "model/scenario.h"
#include "simulator/run_result.h"
#include "simulator/health/bottleneck.h"
#include "simulator/health/health.h"

class QAction;
class QActionGroup;
class QLabel;
class QListWidget;
class QStackedWidget;
class QMenu;
class QProgressBar;
class QThread;
class QTimer;
class QTreeWidget;

namespace headroom {

class ChartPanel;
class ComparisonTable;
class DecisionLogTable;
class Inspector;
class ResultsTable;
class RunController;
class ScenarioDocument;
class TopologyScene;
class TopologyView;
struct RunBaseline;

struct MainWindowOptions {
  bool openDefaultOnFirstStart = true;  // tests switch this off and open what they need
  bool askBeforeDiscarding = true;      // unsaved-changes prompt (modal); tests switch it off
};

// The folder of the built-in scenarios (where default.json was found); empty if none.
QString builtInScenarioDir();
// A file in that folder: opened as an unsaved copy, never overwritten by Save.
bool isBuiltInExample(const QString& path);

// Where the default scenario is looked for, in order: <exe>/../share/headroom/scenarios/default.json
// (installed), then HEADROOM_SOURCE_DIR/scenarios/default.json (source tree, compile-time). Empty if none.
QString findDefaultScenarioPath();

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(MainWindowOptions options = {}, QWidget* parent = nullptr);
  ~MainWindow() override;

  // Parses `path` on a worker thread; emits scenarioLoaded or loadFailed on the GUI thread.
  void openScenarioFile(const QString& path);
  void setScenario(const Scenario& scenario, const QString& filePath = {});  // replaces the document
  bool saveTo(const QString& path);

  ScenarioDocument* document() const { return document_; }
  TopologyScene* scene() const { return scene_; }
  TopologyView* view() const { return view_; }
  Inspector* inspector() const { return inspector_; }
  ChartPanel* chartPanel() const { return charts_; }
  ResultsTable* resultsTable() const { return resultsTable_; }
  ComparisonTable* comparisonTable() const { return comparisonTable_; }
  DecisionLogTable* decisionLog() const { return decisionLog_; }
  RunController* runController() const { return run_; }
  QTreeWidget* projectTree() const { return tree_; }
  bool startPageVisible() const;
  QListWidget* startExamples() const { return startExamples_; }
  void showStartPage();
  QString runStateName() const;
  // After a run: the health verdict's headline ("collapsed at 245 s: db saturated, ..."); during a run: the live
  // bottleneck ("db: CPU/workers") when a component saturates.
  QString bottleneckText() const { return bottleneckText_; }
  const std::optional<HealthVerdict>& healthVerdict() const { return verdict_; }
  QLabel* healthBanner() const { return healthBanner_; }
  bool resultsOutOfDate() const { return resultsOutOfDate_; }
  QString statusText() const;
  const std::optional<RunResult>& currentResult() const { return currentResult_; }
  const std::optional<RunResult>& previousResult() const { return previousResult_; }
  // Compare with a run from elsewhere (a result file, a stored run, an earlier result kept aside) instead of
  // the previous run; it stays through runs and opening other files until cleared.
  void setComparisonBaseline(const RunBaseline& baseline);
  void clearComparisonBaseline();
  const std::optional<std::string>& comparisonBaselineLabel() const { return baselineLabel_; }

 public slots:
  void startRun();
  void cancelRun();
  void selectKey(const QString& key);  // node key (componentKey/sourceKey) or empty for the settings

 signals:
  void scenarioLoaded(const QString& path);
  void loadFailed(const QString& message);
  void runCompleted();  // after the window has shown the result of a finished or cancelled run

 protected:
  void closeEvent(QCloseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  void createMenus();
  void createDocks();
  QWidget* createStartPage();
  void refreshStartPage();
  void restoreWindowState();
  void updateTitle();
  void updateActions();
  void updateRecentMenu();
  void addRecentFile(const QString& path);
  void rebuildTree();
  bool maybeDiscard();
  void newScenario();
  void openDialog();
  bool save();
  bool saveAs();
  void exportCharts(const QString& format);
  void addComponent(bool delay);
  void addSource();
  void deleteSelection();
  void autoLayout();
  void onLinkRequested(const QString& fromKey, const QString& toKey, int kind);
  void onRunStateChanged();
  void onProgress();
  void onLiveWindow();
  void onRunFinished();
  void showBottleneck(const BottleneckVerdict& verdict, const Scenario& scenario);
  void showVerdict();
  void markResultsOutOfDate();
  QPointF freeScenePosition() const;

  MainWindowOptions options_;
  ScenarioDocument* document_ = nullptr;
  TopologyScene* scene_ = nullptr;
  TopologyView* view_ = nullptr;
  Inspector* inspector_ = nullptr;
  ChartPanel* charts_ = nullptr;
  ResultsTable* resultsTable_ = nullptr;
  ComparisonTable* comparisonTable_ = nullptr;
  DecisionLogTable* decisionLog_ = nullptr;
  RunController* run_ = nullptr;
  QTreeWidget* tree_ = nullptr;
  QProgressBar* progressBar_ = nullptr;
  QLabel* runLabel_ = nullptr;
  QTimer* elapsedTimer_ = nullptr;
  QThread* loader_ = nullptr;
  QMenu* recentMenu_ = nullptr;
  QMenu* viewMenu_ = nullptr;
  QActionGroup* linkGroup_ = nullptr;
  QAction* runAction_ = nullptr;
  QAction* cancelAction_ = nullptr;
  QAction* deleteAction_ = nullptr;
  QString bottleneckText_;
  QLabel* healthBanner_ = nullptr;
  QStackedWidget* centralStack_ = nullptr;
  QListWidget* startExamples_ = nullptr;
  QListWidget* startRecent_ = nullptr;
  QString exampleName_;  // the built-in example this unsaved document is a copy of
  std::optional<HealthVerdict> verdict_;
  bool resultsOutOfDate_ = false;
  std::optional<RunResult> currentResult_;
  std::optional<RunResult> previousResult_;
  std::optional<std::string> baselineLabel_;  // set: previousResult_ is a chosen baseline, not the last run
  Scenario currentResultScenario_;
  bool syncingSelection_ = false;
};

}  // namespace headroom
