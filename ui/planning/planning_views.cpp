#include "ui/planning/planning_views.h"

#include <QDockWidget>
#include <QMainWindow>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>

#include "ui/planning/cost_view.h"
#include "ui/planning/optimizer_view.h"
#include "ui/planning/plan_view.h"
#include "ui/planning/price_book_table.h"
#include "ui/planning/report_preview.h"
#include "ui/planning/sweep_view.h"

namespace headroom::planning_views {

QString previewReport(QMainWindow* window, const PlanningHost& host) {
  const RunResult* run = host.lastRun ? host.lastRun() : nullptr;
  if (!run) return QObject::tr("Run a simulation first: the report describes a run.");
  ReportPreviewDialog dialog(host.lastRunScenario(), *run, host.scenarioPath ? host.scenarioPath() : QString(), window);
  dialog.exec();
  return dialog.exportMessage();
}

PlanningViews installPlanningViews(QMainWindow* window, QMenu* fileMenu, QMenu* beforeMenu, PlanningHost host) {
  PlanningViews v;
  v.tabs = new QTabWidget(window);
  v.tabs->setObjectName(QStringLiteral("planningTabs"));
  v.plan = new PlanView(host.scenario, v.tabs);
  v.cost = new CostView(host.scenario, v.tabs);
  v.sweeps = new SweepView(host.scenario, v.tabs);
  v.optimizer = new OptimizerView(host.scenario, v.cost->priceBook(), host.applyAsNewVersion, v.tabs);
  v.tabs->addTab(v.plan, QObject::tr("Plan"));
  v.tabs->addTab(v.cost, QObject::tr("Cost"));
  v.tabs->addTab(v.sweeps, QObject::tr("Sweeps"));
  v.tabs->addTab(v.optimizer, QObject::tr("Optimizer"));
  auto* dock = new QDockWidget(QObject::tr("Planning"), window);
  dock->setObjectName(QStringLiteral("planningDock"));
  dock->setWidget(v.tabs);
  window->addDockWidget(Qt::BottomDockWidgetArea, dock);
  // Hidden until asked for: the simulation workspace stays as it was; the menu opens a view.
  dock->hide();

  auto* menu = new QMenu(QObject::tr("&Planning"), window);
  const QStringList names = {QObject::tr("&Plan (runway)"), QObject::tr("&Cost"), QObject::tr("&Sweeps"), QObject::tr("&Optimizer")};
  for (int i = 0; i < names.size(); ++i) {
    menu->addAction(names[i], window, [dock, tabs = v.tabs, i, sweeps = v.sweeps, optimizer = v.optimizer] {
      // The fields of the scenario as it is now.
      if (i == 2) sweeps->refreshFields();
      if (i == 3) optimizer->refreshFields();
      tabs->setCurrentIndex(i);
      dock->show();
      dock->raise();
    });
  }
  menu->addSeparator();
  menu->addAction(dock->toggleViewAction());
  if (beforeMenu)
    window->menuBar()->insertMenu(beforeMenu->menuAction(), menu);
  else
    window->menuBar()->addMenu(menu);
  if (fileMenu) {
    QAction* preview = new QAction(QObject::tr("Pre&view Report…"), fileMenu);
    QObject::connect(preview, &QAction::triggered, window, [window, host] {
      const QString message = previewReport(window, host);
      if (!message.isEmpty() && host.showMessage) host.showMessage(message);
    });
    // Next to Export Report when it is there.
    QAction* before = nullptr;
    const QList<QAction*> actions = fileMenu->actions();
    for (int i = 0; i + 1 < actions.size(); ++i)
      if (actions[i]->text().contains(QStringLiteral("Report"))) before = actions[i + 1];
    fileMenu->insertAction(before, preview);
  }
  return v;
}

}  // namespace headroom::planning_views
