#include "ui/main_window.h"

#include <cmath>

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QUrl>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QTime>
#include <QHBoxLayout>
#include <QProgressBar>
#include <QResizeEvent>
#include <QSettings>
#include <QStatusBar>
#include <QThread>
#include <QTimer>
#include <QToolBar>
#include <QTreeWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include "model/scenario_json.h"
#include "ui/chart_panel.h"
#include "ui/inspector.h"
#include "ui/results_tables.h"
#include "ui/run_controller.h"
#include "ui/scenario_document.h"
#include "ui/scenario_edits.h"
#include "ui/topology_graph.h"
#include "ui/topology_scene.h"
#include "ui/topology_view.h"
#include "ui/project/project_browser.h"
#include "ui/project/project_workspace.h"
#include "ui/report/export_report.h"
#include "ui/planning/planning_views.h"
#include "ui/comparison_baseline.h"

namespace headroom {

namespace {

constexpr int kMaxRecentFiles = 8;
constexpr int kKeyRole = Qt::UserRole + 1;
const char* kFileFilter = QT_TRANSLATE_NOOP("MainWindow", "Headroom scenarios (*.json);;All files (*)");

QString formatDuration(double seconds) {
  if (!(seconds >= 0)) return QStringLiteral("?");
  if (seconds < 60) return QStringLiteral("%1 s").arg(seconds, 0, 'f', 1);
  const int s = static_cast<int>(seconds);
  return QStringLiteral("%1:%2 min").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString docsDir() {
  for (const QString& dir : {QCoreApplication::applicationDirPath() + QStringLiteral("/../share/doc/headroom"),
#ifdef HEADROOM_SOURCE_DIR
                             QStringLiteral(HEADROOM_SOURCE_DIR "/docs"),
#endif
                             QString()})
    if (!dir.isEmpty() && QFileInfo::exists(dir + QStringLiteral("/gui.md"))) return QFileInfo(dir).canonicalFilePath();
  return {};
}

}  // namespace

QString builtInScenarioDir() {
  const QString path = findDefaultScenarioPath();
  return path.isEmpty() ? QString() : QFileInfo(path).canonicalPath();
}

bool isBuiltInExample(const QString& path) {
  const QString dir = builtInScenarioDir();
  return !dir.isEmpty() && QFileInfo(path).canonicalPath() == dir;
}

QString findDefaultScenarioPath() {
  QStringList candidates;
  candidates << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/headroom/scenarios/default.json");
#ifdef HEADROOM_SOURCE_DIR
  candidates << QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/default.json");
#endif
  for (const QString& path : candidates)
    if (QFileInfo::exists(path)) return QFileInfo(path).canonicalFilePath();
  return {};
}

MainWindow::MainWindow(MainWindowOptions options, QWidget* parent) : QMainWindow(parent), options_(options) {
  setObjectName(QStringLiteral("HeadroomMainWindow"));
  document_ = new ScenarioDocument(this);
  run_ = new RunController(this);
  scene_ = new TopologyScene(document_, this);
  view_ = new TopologyView(this);
  view_->setObjectName(QStringLiteral("topologyView"));
  view_->setScene(scene_);
  // The canvas with the health verdict of the last run above it (never clipped: it wraps).
  auto* centre = new QWidget(this);
  auto* centreLayout = new QVBoxLayout(centre);
  centreLayout->setContentsMargins(0, 0, 0, 0);
  centreLayout->setSpacing(0);
  healthBanner_ = new QLabel(centre);
  healthBanner_->setObjectName(QStringLiteral("healthBanner"));
  healthBanner_->setWordWrap(true);
  healthBanner_->setTextFormat(Qt::RichText);
  healthBanner_->setMargin(6);
  healthBanner_->setAutoFillBackground(true);
  healthBanner_->hide();
  centreLayout->addWidget(healthBanner_);
  centreLayout->addWidget(view_, 1);
  view_->setMinimumSize(320, 220);
  centralStack_ = new QStackedWidget(this);
  centralStack_->addWidget(createStartPage());
  centralStack_->addWidget(centre);
  setCentralWidget(centralStack_);

  createDocks();
  createMenus();

  progressBar_ = new QProgressBar(this);
  progressBar_->setRange(0, 1000);
  progressBar_->setMaximumWidth(220);
  progressBar_->setTextVisible(true);
  runLabel_ = new QLabel(tr("Ready"), this);
  statusBar()->addPermanentWidget(runLabel_);
  statusBar()->addPermanentWidget(progressBar_);
  elapsedTimer_ = new QTimer(this);
  elapsedTimer_->setInterval(200);
  connect(elapsedTimer_, &QTimer::timeout, this, &MainWindow::onProgress);

  connect(document_, &ScenarioDocument::changed, this, [this] {
    rebuildTree();
    updateActions();
    QStringList names;
    for (const Component& c : document_->scenario().components) names << QString::fromStdString(c.name);
    charts_->setComponentNames(names);
    markResultsOutOfDate();
  });
  connect(document_, &ScenarioDocument::documentReset, this, [this] {
    // Results of another scenario would only mislead; comparisons are between runs of one document.
    // Everything that belonged to the previous document goes: results, decisions, verdict, chart ranges, zoom.
    centralStack_->setCurrentIndex(1);
    scene_->clearOverlay();
    bottleneckText_.clear();
    verdict_.reset();
    resultsOutOfDate_ = false;
    healthBanner_->hide();
    if (!run_->isBusy()) {
      currentResult_.reset();
      if (!baselineLabel_) previousResult_.reset();  // a chosen baseline (another file, a stored run) stays
      charts_->clearAll();
      if (baselineLabel_ && previousResult_) charts_->pinBaseline(&*previousResult_, QString::fromStdString(*baselineLabel_));
      resultsTable_->showResult(nullptr, document_->scenario());
      comparisonTable_->showComparison(nullptr, nullptr);
      decisionLog_->showDecisions(nullptr);
      progressBar_->setValue(0);
      runLabel_->setText(tr("Ready"));
    }
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("resultsDock"))) dock->setWindowTitle(tr("Results"));
    view_->fitToContents();
    QTimer::singleShot(0, view_, &TopologyView::fitToContents);
  });
  connect(document_, &ScenarioDocument::filePathChanged, this, &MainWindow::updateTitle);
  connect(document_->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
  connect(scene_, &TopologyScene::selectedKeyChanged, this, &MainWindow::selectKey);
  connect(scene_, &TopologyScene::nodeMoved, document_, &ScenarioDocument::moveNode);
  connect(scene_, &TopologyScene::linkRequested, this,
          [this](const QString& from, const QString& to, LinkKind kind) { onLinkRequested(from, to, static_cast<int>(kind)); });
  connect(inspector_, &Inspector::renamed, this, [this](const QString&, const QString& newKey) { selectKey(newKey); });
  connect(run_, &RunController::stateChanged, this, &MainWindow::onRunStateChanged);
  connect(run_, &RunController::progressChanged, this, &MainWindow::onProgress);
  connect(run_, &RunController::liveWindowAdded, this, &MainWindow::onLiveWindow);
  connect(run_, &RunController::runFinished, this, &MainWindow::onRunFinished);

  restoreWindowState();
  updateRecentMenu();
  updateTitle();
  updateActions();
  rebuildTree();

  showStartPage();  // until a scenario is opened or created
  if (options_.openDefaultOnFirstStart) {
    QSettings settings;
    if (!settings.value(QStringLiteral("firstStartDone"), false).toBool()) {
      settings.setValue(QStringLiteral("firstStartDone"), true);
      const QString path = findDefaultScenarioPath();
      if (!path.isEmpty()) openScenarioFile(path);
    }
  }
}

MainWindow::~MainWindow() {
  run_->cancelAndWait();
  // Children die after this destructor and some emit on the way out (~QUndoStack: cleanChanged, the
  // scene: selectionChanged); this window's slots must no longer receive them.
  document_->undoStack()->disconnect(this);
  for (QObject* sender : std::initializer_list<QObject*>{document_, scene_, tree_, charts_, inspector_, run_})
    sender->disconnect(this);
  if (loader_) {
    loader_->wait();
    delete loader_;
  }
}

// ------------------------------------------------------------------------------------------ construction

void MainWindow::createMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addAction(tr("&New"), QKeySequence::New, this, [this] { newScenario(); });
  file->addAction(tr("&Open…"), QKeySequence::Open, this, [this] { openDialog(); });
  file->addAction(tr("Start &Page"), this, [this] { showStartPage(); });
  recentMenu_ = file->addMenu(tr("Open &Recent"));
  file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { save(); });
  file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, [this] { saveAs(); });
  if (auto* workspace = findChild<ProjectWorkspace*>()) workspace->addFileActions(file);
  file->addSeparator();
  QMenu* exportMenu = file->addMenu(tr("&Export Charts"));
  exportMenu->addAction(tr("As &PNG image…"), this, [this] { exportCharts(QStringLiteral("png")); });
  exportMenu->addAction(tr("As P&DF…"), this, [this] { exportCharts(QStringLiteral("pdf")); });
  exportMenu->addAction(tr("As &CSV data…"), this, [this] { exportCharts(QStringLiteral("csv")); });
  file->addAction(tr("Export &Report (PDF/HTML)…"), this, [this] {
    if (!currentResult_) return statusBar()->showMessage(tr("Run a simulation first: the report describes a run."), 6000);
    statusBar()->showMessage(report::exportReportInteractively(this, currentResultScenario_, *currentResult_, document_->filePath()), 8000);
  });
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
  quit->setMenuRole(QAction::QuitRole);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  QAction* undo = document_->undoStack()->createUndoAction(this, tr("&Undo"));
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = document_->undoStack()->createRedoAction(this, tr("&Redo"));
  redo->setShortcuts({QKeySequence::Redo, QKeySequence(Qt::CTRL | Qt::Key_Y)});
  edit->addAction(undo);
  edit->addAction(redo);
  edit->addSeparator();
  QAction* addService = edit->addAction(tr("Add &Service"), this, [this] { addComponent(false); });
  QAction* addDelay = edit->addAction(tr("Add &Delay (external)"), this, [this] { addComponent(true); });
  QAction* addSrc = edit->addAction(tr("Add S&ource"), this, [this] { addSource(); });
  edit->addSeparator();
  linkGroup_ = new QActionGroup(this);
  linkGroup_->setExclusionPolicy(QActionGroup::ExclusionPolicy::ExclusiveOptional);
  auto linkAction = [&](const QString& text, LinkKind kind, const QString& tip) {
    QAction* a = edit->addAction(text);
    a->setCheckable(true);
    a->setData(static_cast<int>(kind));
    a->setToolTip(tip);
    linkGroup_->addAction(a);
    return a;
  };
  QAction* linkCall = linkAction(tr("Connect: synchronous &Call"), LinkKind::Call,
                                 tr("Drag from a node to another: the first calls the second and waits"));
  QAction* linkSend = linkAction(tr("Connect: asynchronous S&end"), LinkKind::Send,
                                 tr("Drag from a node to another: fire-and-forget message"));
  QAction* linkNext = linkAction(tr("Connect: &Next (routing)"), LinkKind::Next,
                                 tr("Drag from a node to another: the request moves on with a probability"));
  connect(linkGroup_, &QActionGroup::triggered, this, [this](QAction*) {
    QAction* checked = linkGroup_->checkedAction();
    scene_->setLinkMode(checked ? std::optional<LinkKind>(static_cast<LinkKind>(checked->data().toInt())) : std::nullopt);
    view_->setDragMode(checked ? QGraphicsView::NoDrag : QGraphicsView::RubberBandDrag);
    statusBar()->showMessage(checked ? tr("Drag from one node to another to connect them; source → component sets the entry.")
                                     : QString(), 6000);
  });
  edit->addSeparator();
  deleteAction_ = edit->addAction(tr("&Delete"), QKeySequence::Delete, this, [this] { deleteSelection(); });

  viewMenu_ = menuBar()->addMenu(tr("&View"));
  viewMenu_->addAction(tr("Zoom &In"), QKeySequence::ZoomIn, view_, &TopologyView::zoomIn);
  viewMenu_->addAction(tr("Zoom &Out"), QKeySequence::ZoomOut, view_, &TopologyView::zoomOut);
  viewMenu_->addAction(tr("&Actual Size"), QKeySequence(Qt::CTRL | Qt::Key_0), view_, &TopologyView::resetZoom);
  viewMenu_->addAction(tr("&Fit to Window"), QKeySequence(Qt::CTRL | Qt::Key_9), view_, &TopologyView::fitToContents);
  viewMenu_->addAction(tr("Automatic &Layout"), QKeySequence(Qt::CTRL | Qt::Key_L), this, [this] { autoLayout(); });
  viewMenu_->addSeparator();
  for (QDockWidget* dock : findChildren<QDockWidget*>()) viewMenu_->addAction(dock->toggleViewAction());

  QMenu* runMenu = menuBar()->addMenu(tr("&Run"));
  runAction_ = runMenu->addAction(tr("&Run Simulation"), QKeySequence(Qt::Key_F5), this, &MainWindow::startRun);
  runAction_->setShortcuts({QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)});
  cancelAction_ = runMenu->addAction(tr("&Cancel Run"), QKeySequence(Qt::SHIFT | Qt::Key_F5), this, &MainWindow::cancelRun);
  // Comparison across files and stored runs (ui/comparison_baseline.h): the baseline stays until cleared.
  runMenu->addSeparator();
  runMenu->addAction(tr("Compare With &Result File…"), this, [this] {
    if (auto b = chooseResultFileBaseline(this)) setComparisonBaseline(*b);
  });
  runMenu->addAction(tr("Compare With &Stored Run…"), this, [this] {
    if (auto b = chooseStoredRunBaseline(this)) setComparisonBaseline(*b);
  });
  runMenu->addAction(tr("&Keep Current Results as Baseline"), this, [this] {
    if (!currentResult_) return statusBar()->showMessage(tr("Run the scenario first"), 5000);
    const QString name = document_->filePath().isEmpty() ? QString::fromStdString(document_->scenario().name)
                                                         : QFileInfo(document_->filePath()).fileName();
    setComparisonBaseline({*currentResult_, tr("%1 at %2").arg(name, QTime::currentTime().toString(QStringLiteral("HH:mm"))).toStdString()});
  });
  runMenu->addAction(tr("Compare With &Previous Run"), this, [this] { clearComparisonBaseline(); });

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  auto openDoc = [this](const QString& doc) {
    const QString dir = docsDir();
    if (dir.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(dir + QLatin1Char('/') + doc)))
      statusBar()->showMessage(tr("Documentation not found: %1 is in the docs/ folder of the source tree").arg(doc), 8000);
  };
  help->addAction(tr("Start &Page"), this, [this] { showStartPage(); });
  help->addSeparator();
  help->addAction(tr("Using the &Window (gui.md)"), QKeySequence::HelpContents, this, [openDoc] { openDoc(QStringLiteral("gui.md")); });
  help->addAction(tr("Scenario &Format (scenario-format.md)"), this, [openDoc] { openDoc(QStringLiteral("scenario-format.md")); });
  help->addAction(tr("&Engine Semantics (engine.md)"), this, [openDoc] { openDoc(QStringLiteral("engine.md")); });
  help->addAction(tr("Open the &Documentation Folder"), this, [this] {
    const QString dir = docsDir();
    if (dir.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(dir)))
      statusBar()->showMessage(tr("Documentation folder not found"), 6000);
  });
  help->addSeparator();
  help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
  help->addAction(tr("&About Headroom"), this, [this] {
    QMessageBox::about(this, tr("About Headroom"),
                       tr("<b>Headroom</b> %1<br>Capacity planning by discrete-event simulation of queueing networks, "
                          "cross-checked by analytic models.")
                           .arg(QCoreApplication::applicationVersion()));
  });
  // Planning workflow views (issue 17: plan, cost, sweeps, optimizer, report preview), ui/planning/.
  planning_views::installPlanningViews(this, file, help, planning_views::PlanningHost{
      [this] { return document_->scenario(); },
      [this]() -> const RunResult* { return currentResult_ ? &*currentResult_ : nullptr; },
      [this] { return currentResultScenario_; },
      [this] { return document_->filePath(); },
      [this](const Scenario& s, const QString& what) {
        // An undoable edit of the open scenario, and with a project open also its next version there.
        document_->applyScenarioEdit(tr("Apply %1").arg(what), [s](Scenario& target) { target = s; });
        auto* workspace = findChild<ProjectWorkspace*>();
        if (workspace && !workspace->projectPath().isEmpty())
          workspace->browser()->saveScenarioVersion(document_->scenario(), tr("applied in the desktop: %1").arg(what));
      },
      [this](const QString& message) { statusBar()->showMessage(message, 8000); }});

  QToolBar* toolbar = addToolBar(tr("Main"));
  toolbar->setObjectName(QStringLiteral("mainToolbar"));
  toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
  toolbar->setMovable(false);
  // Run first: when the window is narrow the toolbar's overflow hides the last buttons, never Run.
  toolbar->addAction(runAction_);
  toolbar->addAction(cancelAction_);
  toolbar->addSeparator();
  // Fixed texts: the menu's "Undo <edit>" would resize the button under the pointer; the edit is in the tooltip.
  QAction* toolUndo = toolbar->addAction(tr("Undo"), document_->undoStack(), &QUndoStack::undo);
  toolUndo->setObjectName(QStringLiteral("toolbarUndo"));
  QAction* toolRedo = toolbar->addAction(tr("Redo"), document_->undoStack(), &QUndoStack::redo);
  toolRedo->setObjectName(QStringLiteral("toolbarRedo"));
  auto syncUndo = [this, toolUndo, toolRedo] {
    QUndoStack* stack = document_->undoStack();
    toolUndo->setEnabled(stack->canUndo());
    toolRedo->setEnabled(stack->canRedo());
    toolUndo->setToolTip(stack->canUndo() ? tr("Undo %1 (Ctrl+Z)").arg(stack->undoText()) : tr("Nothing to undo"));
    toolRedo->setToolTip(stack->canRedo() ? tr("Redo %1").arg(stack->redoText()) : tr("Nothing to redo"));
  };
  connect(document_->undoStack(), &QUndoStack::indexChanged, this, syncUndo);
  connect(document_->undoStack(), &QUndoStack::cleanChanged, this, syncUndo);
  syncUndo();
  toolbar->addSeparator();
  toolbar->addAction(addService);
  toolbar->addAction(addDelay);
  toolbar->addAction(addSrc);
  toolbar->addAction(linkCall);
  toolbar->addAction(linkSend);
  toolbar->addAction(linkNext);
}

void MainWindow::createDocks() {
  setDockOptions(QMainWindow::AnimatedDocks | QMainWindow::AllowTabbedDocks | QMainWindow::AllowNestedDocks);
  // The tree and inspector run down to the status bar: the inspector's sections need the height more than the
  // results table needs the width under them (at 1024x700 the inspector kept only about 250 px otherwise).
  setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
  auto dock = [this](const QString& title, const QString& name, QWidget* widget, Qt::DockWidgetArea area) {
    auto* d = new QDockWidget(title, this);
    d->setObjectName(name);
    d->setWidget(widget);
    addDockWidget(area, d);
    return d;
  };
  // Seam for the project file (model/project, SQLite): today the tree shows the open scenario only; when
  // projects land, rebuildTree() gets a project root with its scenarios and stored runs above this level.
  tree_ = new QTreeWidget(this);
  tree_->setObjectName(QStringLiteral("projectTree"));
  tree_->setHeaderHidden(true);
  connect(tree_, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
    if (!item || syncingSelection_) return;
    const QVariant key = item->data(0, kKeyRole);
    if (key.isValid()) selectKey(key.toString());
  });
  QDockWidget* treeDock = dock(tr("Scenario"), QStringLiteral("projectDock"), tree_, Qt::LeftDockWidgetArea);

  inspector_ = new Inspector(document_, this);
  inspector_->setObjectName(QStringLiteral("inspector"));
  inspector_->setMinimumWidth(300);  // the editors stay readable; the page scrolls vertically
  QDockWidget* inspectorDock = dock(tr("Inspector"), QStringLiteral("inspectorDock"), inspector_, Qt::LeftDockWidgetArea);
  splitDockWidget(treeDock, inspectorDock, Qt::Vertical);

  charts_ = new ChartPanel(this);
  charts_->setObjectName(QStringLiteral("charts"));
  charts_->setMinimumWidth(280);
  dock(tr("Charts"), QStringLiteral("chartsDock"), charts_, Qt::RightDockWidgetArea);
  connect(charts_, &ChartPanel::entityChanged, this, [this](const QString& entity) {
    if (entity != QLatin1String(kEndToEnd)) selectKey(componentKey(entity.toStdString()));
  });

  resultsTable_ = new ResultsTable(this);
  comparisonTable_ = new ComparisonTable(this);
  QDockWidget* resultsDock = dock(tr("Results"), QStringLiteral("resultsDock"), resultsTable_, Qt::BottomDockWidgetArea);
  QDockWidget* compareDock = dock(tr("Comparison"), QStringLiteral("comparisonDock"), comparisonTable_, Qt::BottomDockWidgetArea);
  tabifyDockWidget(resultsDock, compareDock);
  decisionLog_ = new DecisionLogTable(this);
  decisionLog_->setObjectName(QStringLiteral("decisionLog"));
  QDockWidget* decisionsDock = dock(tr("Scaling decisions"), QStringLiteral("decisionsDock"), decisionLog_, Qt::BottomDockWidgetArea);
  tabifyDockWidget(resultsDock, decisionsDock);
  resultsDock->raise();
  resizeDocks({treeDock, inspectorDock}, {160, 420}, Qt::Vertical);
  // Project browser, import, calibrate & backtest (ui/project/).
  installProjectWorkspace(this, [this](const Scenario& scenario, const QString& title) {
    if (!maybeDiscard()) return;
    setScenario(scenario);
    statusBar()->showMessage(tr("Opened %1").arg(title), 8000);
  });
}

QWidget* MainWindow::createStartPage() {
  auto* page = new QWidget(this);
  page->setObjectName(QStringLiteral("startPage"));
  auto* layout = new QVBoxLayout(page);
  layout->setContentsMargins(24, 18, 24, 18);
  auto* title = new QLabel(tr("<h2>Headroom</h2><p>Open an example (as a copy: the example stays as it is), "
                              "a recent file, or start a new scenario.</p>"),
                           page);
  title->setWordWrap(true);
  layout->addWidget(title);
  auto* buttons = new QHBoxLayout;
  auto* newButton = new QPushButton(tr("New Scenario"), page);
  auto* openButton = new QPushButton(tr("Open…"), page);
  connect(newButton, &QPushButton::clicked, this, [this] { newScenario(); });
  connect(openButton, &QPushButton::clicked, this, [this] { openDialog(); });
  buttons->addWidget(newButton);
  buttons->addWidget(openButton);
  buttons->addStretch(1);
  layout->addLayout(buttons);
  auto* lists = new QHBoxLayout;
  auto column = [&](const QString& heading, QListWidget*& list, const QString& name) {
    auto* box = new QVBoxLayout;
    box->addWidget(new QLabel(QStringLiteral("<b>%1</b>").arg(heading), page));
    list = new QListWidget(page);
    list->setObjectName(name);
    list->setWordWrap(true);
    list->setAlternatingRowColors(true);
    box->addWidget(list, 1);
    lists->addLayout(box, 1);
    connect(list, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
      const QString path = item->data(Qt::UserRole).toString();
      if (!path.isEmpty() && maybeDiscard()) openScenarioFile(path);
    });
  };
  column(tr("Examples"), startExamples_, QStringLiteral("startExamples"));
  column(tr("Recent files"), startRecent_, QStringLiteral("startRecent"));
  layout->addLayout(lists, 1);
  return page;
}

void MainWindow::refreshStartPage() {
  startExamples_->clear();
  const QString dir = builtInScenarioDir();
  if (!dir.isEmpty()) {
    for (const QFileInfo& file : QDir(dir).entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
      QString text = file.completeBaseName();
      QString tip;
      try {
        const Scenario s = loadScenarioFile(file.absoluteFilePath().toStdString());
        tip = QString::fromStdString(s.description);
        // The first sentence says what the example is about.
        const qsizetype stop = tip.indexOf(QStringLiteral(". "));
        text += QStringLiteral(" — ") + (stop > 0 ? tip.left(stop + 1) : tip);
      } catch (const std::exception&) {
        continue;  // a broken file is not offered
      }
      auto* item = new QListWidgetItem(text, startExamples_);
      item->setData(Qt::UserRole, file.absoluteFilePath());
      item->setToolTip(tip);
    }
  }
  startRecent_->clear();
  for (const QString& path : QSettings().value(QStringLiteral("recentFiles")).toStringList()) {
    if (!QFileInfo::exists(path)) continue;
    auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(QFileInfo(path).fileName(), QFileInfo(path).absolutePath()), startRecent_);
    item->setData(Qt::UserRole, path);
    item->setToolTip(path);
  }
}

void MainWindow::showStartPage() {
  refreshStartPage();
  centralStack_->setCurrentIndex(0);
}

bool MainWindow::startPageVisible() const { return centralStack_->currentIndex() == 0; }

void MainWindow::resizeEvent(QResizeEvent* event) {
  QMainWindow::resizeEvent(event);
  if (verdict_) QTimer::singleShot(0, this, [this] { showVerdict(); });  // after the layout gave the banner its width
  // Growing back after a small window: give the charts their share again (QMainWindow hands all extra width
  // to the canvas, so a charts dock squeezed at 1024 px would otherwise stay narrow).
  if (event->size().width() > event->oldSize().width() && event->oldSize().width() > 0) {
    QDockWidget* charts = findChild<QDockWidget*>(QStringLiteral("chartsDock"));
    const int wanted = std::clamp(event->size().width() * 36 / 100, 320, 640);
    if (charts && charts->isVisible() && !charts->isFloating() && charts->width() < wanted * 3 / 4)
      resizeDocks({charts}, {wanted}, Qt::Horizontal);
  }
}

void MainWindow::restoreWindowState() {
  QSettings settings;
  resize(1500, 950);
  const QByteArray geometry = settings.value(QStringLiteral("mainWindow/geometry")).toByteArray();
  if (!geometry.isEmpty()) restoreGeometry(geometry);
  const QByteArray state = settings.value(QStringLiteral("mainWindow/state")).toByteArray();
  if (!state.isEmpty()) restoreState(state);
  else resizeDocks({findChild<QDockWidget*>(QStringLiteral("chartsDock"))}, {560}, Qt::Horizontal);
}

// --------------------------------------------------------------------------------------------- files

void MainWindow::updateTitle() {
  QString name = document_->filePath().isEmpty() ? QString::fromStdString(document_->scenario().name)
                                                 : QFileInfo(document_->filePath()).fileName();
  if (document_->filePath().isEmpty() && !exampleName_.isEmpty()) name = tr("%1 (copy of example %2)").arg(name, exampleName_);
  setWindowTitle(QStringLiteral("%1[*] — Headroom").arg(name.isEmpty() ? tr("untitled") : name));
  setWindowModified(document_->isModified());
}

bool MainWindow::maybeDiscard() {
  if (!document_->isModified() || !options_.askBeforeDiscarding) return true;
  const auto answer = QMessageBox::warning(this, tr("Unsaved changes"),
                                           tr("The scenario has unsaved changes. Save them first?"),
                                           QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Save) return save();
  return answer == QMessageBox::Discard;
}

void MainWindow::setScenario(const Scenario& scenario, const QString& filePath) {
  exampleName_.clear();
  document_->reset(scenario, filePath);
  inspector_->setCurrentKey(QString());
}

void MainWindow::newScenario() {
  if (!maybeDiscard()) return;
  Scenario scenario;
  scenario.name = "untitled";
  setScenario(scenario);
}

void MainWindow::openDialog() {
  if (!maybeDiscard()) return;
  const QString dir = QFileInfo(document_->filePath()).absolutePath();
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Scenario"), dir, tr(kFileFilter));
  if (!path.isEmpty()) openScenarioFile(path);
}

void MainWindow::openScenarioFile(const QString& path) {
  if (loader_) {
    statusBar()->showMessage(tr("Still loading the previous file…"), 4000);
    return;
  }
  statusBar()->showMessage(tr("Loading %1…").arg(path));
  // Parsing runs off the GUI thread; the result comes back through a queued call.
  loader_ = QThread::create([this, path] {
    std::optional<Scenario> scenario;
    QString error;
    try {
      scenario = loadScenarioFile(path.toStdString());
    } catch (const std::exception& e) {
      error = QString::fromStdString(e.what());
    }
    QMetaObject::invokeMethod(this, [this, path, scenario = std::move(scenario), error] {
      loader_->wait();
      delete loader_;
      loader_ = nullptr;
      if (!scenario) {
        statusBar()->showMessage(tr("Could not open %1").arg(path), 8000);
        auto* workspace = findChild<ProjectWorkspace*>();
        if (workspace && workspace->offerImportInstead(path)) {  // a monitoring export: offer Import
          emit loadFailed(error);
          return;
        }
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Could not open scenario"), error, QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();  // not exec(): never block the event loop
        emit loadFailed(error);
        return;
      }
      // A built-in example opens as an unsaved copy: Save asks where to keep it, the example stays intact.
      const bool example = isBuiltInExample(path);
      setScenario(*scenario, example ? QString() : QFileInfo(path).absoluteFilePath());
      exampleName_ = example ? QFileInfo(path).fileName() : QString();
      updateTitle();
      if (!example) addRecentFile(QFileInfo(path).absoluteFilePath());
      const std::size_t problems = document_->issues().size();
      if (example && problems == 0)
        statusBar()->showMessage(tr("Opened the example %1 as a copy: Save asks where to keep your version").arg(exampleName_), 8000);
      else statusBar()->showMessage(problems == 0 ? tr("Opened %1").arg(path)
                                             : tr("Opened %1 — %n problem(s) to fix before running", nullptr, static_cast<int>(problems)).arg(path),
                               8000);
      emit scenarioLoaded(path);
    }, Qt::QueuedConnection);
  });
  loader_->start();
}

bool MainWindow::saveTo(const QString& path) {
  if (isBuiltInExample(path) && QFileInfo::exists(path)) {
    statusBar()->showMessage(tr("The built-in examples are read-only: choose another file"), 8000);
    return false;
  }
  try {
    saveScenarioFile(path.toStdString(), document_->scenarioWithLayout());
  } catch (const std::exception& e) {
    QMessageBox::warning(this, tr("Could not save"), QString::fromStdString(e.what()));
    return false;
  }
  exampleName_.clear();
  document_->markSaved(QFileInfo(path).absoluteFilePath());
  addRecentFile(QFileInfo(path).absoluteFilePath());
  statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
  return true;
}

bool MainWindow::save() { return document_->filePath().isEmpty() ? saveAs() : saveTo(document_->filePath()); }

bool MainWindow::saveAs() {
  QString path = QFileDialog::getSaveFileName(this, tr("Save Scenario As"), document_->filePath(), tr(kFileFilter));
  if (path.isEmpty()) return false;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".json");
  return saveTo(path);
}

void MainWindow::addRecentFile(const QString& path) {
  QSettings settings;
  QStringList files = settings.value(QStringLiteral("recentFiles")).toStringList();
  files.removeAll(path);
  files.prepend(path);
  while (files.size() > kMaxRecentFiles) files.removeLast();
  settings.setValue(QStringLiteral("recentFiles"), files);
  updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
  recentMenu_->clear();
  const QStringList files = QSettings().value(QStringLiteral("recentFiles")).toStringList();
  for (const QString& path : files) {
    recentMenu_->addAction(QFileInfo(path).fileName(), this, [this, path] {
      if (maybeDiscard()) openScenarioFile(path);
    })->setToolTip(path);
  }
  recentMenu_->setEnabled(!files.isEmpty());
}

void MainWindow::exportCharts(const QString& format) {
  const QString filter = format == QLatin1String("png") ? tr("PNG image (*.png)")
                         : format == QLatin1String("pdf") ? tr("PDF document (*.pdf)")
                                                          : tr("CSV data (*.csv)");
  QString path = QFileDialog::getSaveFileName(this, tr("Export Charts"), QString(), filter);
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QLatin1Char('.') + format;
  const bool ok = format == QLatin1String("png")   ? charts_->exportPng(path)
                  : format == QLatin1String("pdf") ? charts_->exportPdf(path)
                                                   : charts_->exportCsv(path);
  statusBar()->showMessage(ok ? tr("Exported %1").arg(path) : tr("Could not write %1").arg(path), 6000);
}

// -------------------------------------------------------------------------------------------- editing

void MainWindow::rebuildTree() {
  syncingSelection_ = true;
  const Scenario& scenario = document_->scenario();
  tree_->clear();
  auto* root = new QTreeWidgetItem(tree_, {QString::fromStdString(scenario.name.empty() ? "untitled" : scenario.name)});
  root->setData(0, kKeyRole, QString());
  auto* settings = new QTreeWidgetItem(root, {tr("Simulation settings")});
  settings->setData(0, kKeyRole, QString());
  auto* components = new QTreeWidgetItem(root, {tr("Components (%1)").arg(scenario.components.size())});
  auto* sources = new QTreeWidgetItem(root, {tr("Sources (%1)").arg(scenario.sources.size())});
  QTreeWidgetItem* current = nullptr;
  const QString selected = inspector_->currentKey();
  auto addNode = [&](QTreeWidgetItem* parent, const QString& key, const QString& text) {
    const std::size_t issues = document_->issuesFor(key).size();
    auto* item = new QTreeWidgetItem(parent, {issues ? tr("%1  ⚠ %2").arg(text).arg(issues) : text});
    item->setData(0, kKeyRole, key);
    if (issues) {
      QStringList messages;
      for (const ValidationIssue& issue : document_->issuesFor(key)) messages << QString::fromStdString(issue.message());
      item->setToolTip(0, messages.join(QLatin1Char('\n')));
    }
    if (key == selected) current = item;
  };
  for (const Component& c : scenario.components)
    addNode(components, componentKey(c.name),
            QStringLiteral("%1 (%2)").arg(QString::fromStdString(c.name), QString::fromLatin1(componentTypeName(c.type))));
  for (const Source& s : scenario.sources) addNode(sources, sourceKey(s.name), QString::fromStdString(s.name));
  tree_->expandAll();
  tree_->setCurrentItem(current ? current : settings);
  syncingSelection_ = false;
}

void MainWindow::selectKey(const QString& key) {
  if (syncingSelection_) return;
  syncingSelection_ = true;
  scene_->selectKey(key);
  inspector_->setCurrentKey(key);
  for (QTreeWidgetItemIterator it(tree_); *it; ++it) {
    if ((*it)->data(0, kKeyRole).toString() == key && (*it)->parent()) {
      tree_->setCurrentItem(*it);
      break;
    }
  }
  charts_->setEntity(isComponentKey(key) ? QString::fromStdString(nameFromKey(key)) : QString::fromLatin1(kEndToEnd));
  syncingSelection_ = false;
  updateActions();
}

QPointF MainWindow::freeScenePosition() const {
  // Below everything that is drawn, so a new node never lands on top of another.
  const QRectF bounds = scene_->itemsBoundingRect();
  return bounds.isEmpty() ? QPointF(TopologyScene::kLayerSpacing, 0)
                          : QPointF(bounds.center().x(), bounds.bottom() + TopologyScene::kRowSpacing * 0.8);
}

void MainWindow::addComponent(bool delay) {
  const std::string name = uniqueNodeName(document_->scenario(), delay ? "external" : "service");
  const QPointF pos = freeScenePosition();
  document_->applyEdit(tr("Add %1").arg(QString::fromStdString(name)), [&](DocumentState& s) {
    Component c;
    c.name = name;
    c.type = delay ? Component::Type::Delay : Component::Type::Service;
    c.workers_per_replica = delay ? 1 : 4;
    c.service_time = Distribution::exponential(delay ? 0.05 : 0.01);
    s.scenario.components.push_back(std::move(c));
    s.positions[componentKey(name)] = pos;
  });
  selectKey(componentKey(name));
}

void MainWindow::addSource() {
  const Scenario& scenario = document_->scenario();
  const std::string name = uniqueNodeName(scenario, "traffic");
  std::string entry;
  if (isComponentKey(inspector_->currentKey())) entry = nameFromKey(inspector_->currentKey());
  else if (!scenario.components.empty()) entry = scenario.components.front().name;
  const QPointF pos = freeScenePosition();
  document_->applyEdit(tr("Add source %1").arg(QString::fromStdString(name)), [&](DocumentState& s) {
    Source src;
    src.name = name;
    src.entry = entry;
    src.rate = RateCurve::constant(10.0);
    s.scenario.sources.push_back(std::move(src));
    s.positions[sourceKey(name)] = QPointF(0, pos.y());
  });
  selectKey(sourceKey(name));
}

void MainWindow::deleteSelection() {
  QList<QGraphicsItem*> items = scene_->selectedItems();
  if (items.isEmpty() && !inspector_->currentKey().isEmpty()) {
    if (NodeItem* n = scene_->node(inspector_->currentKey())) items << n;
  }
  if (items.isEmpty()) return;
  QStringList keys;
  std::vector<std::pair<QString, QString>> links;
  for (QGraphicsItem* item : items) {
    if (auto* n = dynamic_cast<NodeItem*>(item)) keys << n->key();
    else if (auto* e = dynamic_cast<EdgeItem*>(item)) links.emplace_back(e->from()->key(), e->to()->key());
  }
  document_->applyEdit(tr("Delete"), [&](DocumentState& s) {
    for (const auto& [from, to] : links) {
      if (isSourceKey(from)) {
        for (Source& src : s.scenario.sources)
          if (src.name == nameFromKey(from)) src.entry.clear();
      } else {
        removeLinks(s.scenario, nameFromKey(from), nameFromKey(to));
      }
    }
    for (const QString& key : keys) {
      if (isComponentKey(key)) removeComponent(s.scenario, nameFromKey(key));
      else removeSource(s.scenario, nameFromKey(key));
      s.positions.erase(key);
    }
  });
  selectKey(QString());
}

void MainWindow::autoLayout() {
  document_->applyEdit(tr("Automatic layout"), [](DocumentState& s) { s.positions.clear(); });
  QTimer::singleShot(0, view_, &TopologyView::fitToContents);
}

void MainWindow::onLinkRequested(const QString& fromKey, const QString& toKey, int kindValue) {
  const auto kind = static_cast<LinkKind>(kindValue);
  if (!isComponentKey(toKey)) {
    statusBar()->showMessage(tr("Links end at a component, not at a source."), 5000);
    return;
  }
  const std::string from = nameFromKey(fromKey), to = nameFromKey(toKey);
  if (isSourceKey(fromKey)) {
    document_->applyScenarioEdit(tr("Set entry of %1").arg(QString::fromStdString(from)), [&](Scenario& s) {
      for (Source& src : s.sources)
        if (src.name == from) src.entry = to;
    });
    return;
  }
  const QString what = kind == LinkKind::Call ? tr("call") : kind == LinkKind::Send ? tr("send") : tr("route");
  document_->applyScenarioEdit(tr("Add %1 %2 → %3").arg(what, QString::fromStdString(from), QString::fromStdString(to)),
                               [&](Scenario& s) { addLink(s, from, to, kind); });
}

void MainWindow::updateActions() {
  const bool busy = run_->isBusy();
  runAction_->setEnabled(!busy);
  cancelAction_->setEnabled(run_->state() == RunController::State::Running);
  deleteAction_->setEnabled(!inspector_->currentKey().isEmpty() || !scene_->selectedItems().isEmpty());
}

// ------------------------------------------------------------------------------------------------ runs

QString MainWindow::runStateName() const { return RunController::stateName(run_->state()); }

QString MainWindow::statusText() const { return runLabel_->text(); }

void MainWindow::startRun() {
  if (run_->isBusy()) return;
  const std::vector<ValidationIssue>& issues = document_->issues();
  if (!issues.empty()) {
    QStringList lines;
    for (const ValidationIssue& issue : issues) lines << QString::fromStdString(issue.message());
    runLabel_->setText(tr("Cannot run: %n problem(s)", nullptr, static_cast<int>(issues.size())));
    statusBar()->showMessage(lines.join(QStringLiteral("; ")), 10000);
    return;
  }
  const Scenario& scenario = document_->scenario();
  QStringList names;
  for (const Component& c : scenario.components) names << QString::fromStdString(c.name);
  charts_->beginLive(names, scenario.simulation.horizon_s);
  scene_->clearOverlay();
  bottleneckText_.clear();
  RunOptions options;
  // Leave one core to the GUI so it stays fluid on small machines.
  options.threads = std::max(1, QThread::idealThreadCount() - 1);
  run_->start(scenario, options);
  elapsedTimer_->start();
}

void MainWindow::cancelRun() { run_->cancel(); }

void MainWindow::onRunStateChanged() {
  updateActions();
  const RunController::State state = run_->state();
  if (state == RunController::State::Running) runLabel_->setText(tr("Running…"));
  if (state == RunController::State::Cancelling) runLabel_->setText(tr("Cancelling…"));
  if (!run_->isBusy()) elapsedTimer_->stop();
}

void MainWindow::onProgress() {
  if (!run_->isBusy()) return;
  const RunProgress& p = run_->progress();
  progressBar_->setValue(static_cast<int>(p.fraction * 1000));
  const double elapsed = run_->elapsedSeconds();
  double remaining = p.remaining_s;
  if (remaining < 0 && p.fraction > 0.02) remaining = elapsed * (1 - p.fraction) / p.fraction;
  runLabel_->setText(tr("%1 · replication %2/%3 · elapsed %4 · remaining %5")
                         .arg(run_->state() == RunController::State::Cancelling ? tr("Cancelling") : tr("Running"))
                         .arg(p.replications_done)
                         .arg(p.replications_total)
                         .arg(formatDuration(elapsed))
                         .arg(remaining >= 0 ? formatDuration(remaining) : tr("estimating")));
}

void MainWindow::onLiveWindow() {
  const auto& windows = run_->liveWindows();
  if (windows.empty()) return;
  const LiveWindow& w = windows.back();
  charts_->appendLive(w);
  const Scenario& scenario = run_->runScenario();
  std::map<std::string, double> utilization;
  for (std::size_t i = 0; i < scenario.components.size() && i < w.utilization.size(); ++i)
    utilization[scenario.components[i].name] = w.utilization[i];
  scene_->setUtilization(utilization);
  showBottleneck(findBottleneck(loadsFromLiveWindow(scenario, w)), scenario);
}

void MainWindow::showBottleneck(const BottleneckVerdict& verdict, const Scenario& scenario) {
  // Only a saturated component earns a badge: the busiest of an idle system is not a bottleneck.
  if (verdict.index < 0 || !verdict.saturated) {
    scene_->setBottleneck({}, {}, false);
    bottleneckText_.clear();
    return;
  }
  const std::string& name = scenario.components[static_cast<std::size_t>(verdict.index)].name;
  const QString label = QString::fromStdString(verdict.label());
  scene_->setBottleneck(name, tr("⚠ bottleneck: %1").arg(label), true);
  bottleneckText_ = QStringLiteral("%1: %2").arg(QString::fromStdString(name), label);
}

void MainWindow::showVerdict() {
  if (!verdict_) {
    healthBanner_->hide();
    return;
  }
  const HealthVerdict& v = *verdict_;
  const Scenario& scenario = currentResultScenario_;
  if (v.culprit >= 0) {
    const std::string& name = scenario.components[static_cast<std::size_t>(v.culprit)].name;
    const ComponentHealth& h = v.components[static_cast<std::size_t>(v.culprit)];
    QString label = QStringLiteral("%1 %2").arg(v.alarming() ? QStringLiteral("⚠") : QStringLiteral("●"),
                                                QString::fromStdString(v.culprit_reason));
    if (std::isfinite(h.worst_utilization)) label += QStringLiteral(" · up to %1%").arg(h.worst_utilization * 100, 0, 'f', 0);
    scene_->setBottleneck(name, label, v.alarming());
  } else {
    scene_->setBottleneck({}, {}, false);
  }
  bottleneckText_ = QString::fromStdString(v.headline);
  // Red for a broken system, amber for one without headroom, green when healthy; white text on all three.
  const QColor colour = v.alarming() ? QColor(190, 40, 35) : v.level == HealthLevel::Strained ? QColor(176, 112, 0) : QColor(30, 128, 56);
  QPalette pal = healthBanner_->palette();
  pal.setColor(QPalette::Window, resultsOutOfDate_ ? pal.color(QPalette::Mid) : colour);
  pal.setColor(QPalette::WindowText, Qt::white);
  healthBanner_->setPalette(pal);
  QStringList findings;
  for (const std::string& f : v.findings) findings << QString::fromStdString(f).toHtmlEscaped();
  QString html = QStringLiteral("<b>%1%2</b>")
                     .arg(resultsOutOfDate_ ? tr("Out of date (the scenario changed after this run) — ") : QString(),
                          QString::fromStdString(v.headline).toHtmlEscaped());
  // Narrow canvas: the headline only (findings in the tooltip), so the drawing keeps its height.
  if (!findings.isEmpty() && healthBanner_->width() >= 640) html += QStringLiteral("<br>") + findings.join(QStringLiteral(" "));
  healthBanner_->setToolTip(findings.join(QLatin1Char('\n')));
  healthBanner_->setText(html);
  healthBanner_->show();
}

void MainWindow::markResultsOutOfDate() {
  if (!currentResult_ || resultsOutOfDate_ || run_->isBusy()) return;
  resultsOutOfDate_ = true;
  resultsTable_->setOutOfDate(true);
  if (auto* dock = findChild<QDockWidget*>(QStringLiteral("resultsDock"))) dock->setWindowTitle(tr("Results (out of date)"));
  showVerdict();
}

void MainWindow::setComparisonBaseline(const RunBaseline& baseline) {
  previousResult_ = baseline.result;
  baselineLabel_ = baseline.label;
  const QString label = QString::fromStdString(baseline.label);
  charts_->pinBaseline(&*previousResult_, label);
  comparisonTable_->showComparison(&*previousResult_, currentResult_ ? &*currentResult_ : nullptr, label);
  if (auto* dock = findChild<QDockWidget*>(QStringLiteral("comparisonDock"))) {
    dock->setWindowTitle(tr("Comparison with %1").arg(label));
    if (currentResult_) dock->raise();
  }
  statusBar()->showMessage(currentResult_ ? tr("Comparing with %1").arg(label)
                                          : tr("Baseline: %1 (run the scenario to compare)").arg(label), 8000);
}

void MainWindow::clearComparisonBaseline() {
  baselineLabel_.reset();
  previousResult_.reset();
  charts_->pinBaseline(nullptr, QString());
  if (currentResult_) charts_->setResults(&*currentResult_, nullptr);
  comparisonTable_->showComparison(nullptr, nullptr);
  if (auto* dock = findChild<QDockWidget*>(QStringLiteral("comparisonDock"))) dock->setWindowTitle(tr("Comparison"));
}

void MainWindow::onRunFinished() {
  progressBar_->setValue(run_->state() == RunController::State::Finished ? 1000 : progressBar_->value());
  const RunController::State state = run_->state();
  if (state == RunController::State::Failed) {
    runLabel_->setText(tr("Run failed"));
    statusBar()->showMessage(run_->errorMessage(), 15000);
    emit runCompleted();
    return;
  }
  const RunResult& result = *run_->result();
  if (result.replications > 0) {
    if (currentResult_ && !baselineLabel_) previousResult_ = std::move(currentResult_);
    currentResult_ = result;
    currentResultScenario_ = run_->runScenario();
    charts_->setResults(&*currentResult_, previousResult_ ? &*previousResult_ : nullptr);
    const HealthTargets targets = healthTargetsFor(currentResultScenario_);  // the scenario's slo block, if any
    verdict_ = assessHealth(currentResultScenario_, *currentResult_, targets);
    resultsOutOfDate_ = false;
    if (auto* dock = findChild<QDockWidget*>(QStringLiteral("resultsDock"))) dock->setWindowTitle(tr("Results"));
    resultsTable_->showResult(&*currentResult_, currentResultScenario_, targets);
    comparisonTable_->showComparison(previousResult_ ? &*previousResult_ : nullptr, &*currentResult_,
                                     baselineLabel_ ? QString::fromStdString(*baselineLabel_) : QString());
    decisionLog_->showDecisions(&*currentResult_);
    std::map<std::string, double> utilization;
    for (const ComponentResult& c : result.components) utilization[c.name] = c.utilization.mean;
    scene_->setUtilization(utilization);
    showVerdict();
  }
  const QString what = state == RunController::State::Cancelled ? tr("Cancelled") : tr("Finished");
  runLabel_->setText(tr("%1 · %2 replication(s) · %3 · %4 requests")
                         .arg(what)
                         .arg(result.replications)
                         .arg(formatDuration(run_->elapsedSeconds()))
                         .arg(result.requests));
  if (!bottleneckText_.isEmpty()) statusBar()->showMessage(bottleneckText_, 15000);
  emit runCompleted();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!maybeDiscard()) {
    event->ignore();
    return;
  }
  // Cancellation is prompt; the worker must not outlive the window's data.
  run_->cancelAndWait();
  QSettings settings;
  settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
  settings.setValue(QStringLiteral("mainWindow/state"), saveState());
  event->accept();
}

}  // namespace headroom
