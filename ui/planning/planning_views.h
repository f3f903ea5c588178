#pragma once
// Installs the planning views in a main window: a "Planning" dock with the Plan, Cost, Sweeps and Optimizer
// tabs, a Planning menu to reach them, and File > Preview Report. The window hands over what the views read
// and do through PlanningHost, so this library does not depend on the main window's (no cycle).
#include <functional>
#include <optional>

#include <QString>

#include "model/scenario.h"
#include "simulator/run_result.h"

class QMainWindow;
class QMenu;
class QTabWidget;

namespace headroom::planning_views {

class CostView;
class OptimizerView;
class PlanView;
class SweepView;

struct PlanningHost {
  std::function<Scenario()> scenario;                 // the open scenario as edited
  std::function<const RunResult*()> lastRun;          // null before the first run
  std::function<Scenario()> lastRunScenario;          // the scenario that run used
  std::function<QString()> scenarioPath;              // empty when unsaved
  std::function<void(const Scenario&, const QString& what)> applyAsNewVersion;  // undoable edit of the document
  std::function<void(const QString&)> showMessage;    // status bar
};

struct PlanningViews {
  QTabWidget* tabs = nullptr;
  PlanView* plan = nullptr;
  CostView* cost = nullptr;
  SweepView* sweeps = nullptr;
  OptimizerView* optimizer = nullptr;
};

// `fileMenu` gets "Preview Report…"; a "Planning" menu is added to the menu bar before `beforeMenu` (may be null).
PlanningViews installPlanningViews(QMainWindow* window, QMenu* fileMenu, QMenu* beforeMenu, PlanningHost host);

// Shows the preview dialog of the last run (modal); returns the export's status message.
QString previewReport(QMainWindow* window, const PlanningHost& host);

}  // namespace headroom::planning_views
