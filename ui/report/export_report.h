#pragma once
// File > Export Report in the GUI: asks for a .pdf or .html path and writes the report of the current run.
// Returns the status-bar message (written or why not). Kept here so the main window only adds a menu entry.
#include <QString>

#include "model/scenario.h"
#include "simulator/run_result.h"
#include "ui/report/report_input.h"

class QWidget;

namespace headroom::report {

// What File > Export Report (and its preview) writes for this run of this scenario.
ReportInput reportInputFor(const Scenario& scenario, const RunResult& run, const QString& scenarioPath);

QString exportReportInteractively(QWidget* parent, const Scenario& scenario, const RunResult& run, const QString& scenarioPath);

}  // namespace headroom::report
