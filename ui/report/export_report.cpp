#include "ui/report/export_report.h"

#include <QFileDialog>
#include <QFileInfo>
#include <fstream>

#include "model/scenario_json.h"
#include "ui/report/report_writer.h"
#include "ui/report/scenario_assumptions.h"

#ifndef HEADROOM_VERSION
#define HEADROOM_VERSION "dev"
#endif

namespace headroom::report {

ReportInput reportInputFor(const Scenario& scenario, const RunResult& run, const QString& scenarioPath) {
  // Provenance comes from the file as saved; an unsaved or edited scenario is described by its current JSON.
  nlohmann::json raw = scenarioToJson(scenario);
  std::string origin = "unsaved scenario";
  if (!scenarioPath.isEmpty()) {
    origin = scenarioPath.toStdString();
    std::ifstream f(origin);
    if (f) {
      const nlohmann::json onDisk = nlohmann::json::parse(f, nullptr, false);
      if (!onDisk.is_discarded()) raw = onDisk;
    }
  }
  ReportInput input;
  input.primary = makeVariant("A: " + scenario.name, scenario, raw, origin, run);
  input.options.version = HEADROOM_VERSION;
  input.options.generated_utc = utcNowText();
  return input;
}

QString exportReportInteractively(QWidget* parent, const Scenario& scenario, const RunResult& run, const QString& scenarioPath) {
  QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Export Report"), QString(),
                                              QObject::tr("PDF report (*.pdf);;HTML report (*.html)"));
  if (path.isEmpty()) return {};
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".pdf");
  try {
    writeReport(reportInputFor(scenario, run, scenarioPath), path.toStdString());
    // Provenance comes from the file as saved; an unsaved or edited scenario is described by its current JSON.
    nlohmann::json raw = scenarioToJson(scenario);
    std::string origin = "unsaved scenario";
    if (!scenarioPath.isEmpty()) {
      origin = scenarioPath.toStdString();
      std::ifstream f(origin);
      if (f) {
        const nlohmann::json onDisk = nlohmann::json::parse(f, nullptr, false);
        if (!onDisk.is_discarded()) raw = onDisk;
      }
    }
    ReportInput input;
    input.primary = makeVariant("A: " + scenario.name, scenario, raw, origin, run);
    sloFromScenario(scenario, input.options);  // the same SLO as the GUI's health verdict
    input.options.version = HEADROOM_VERSION;
    input.options.generated_utc = utcNowText();
    writeReport(input, path.toStdString());
    return QObject::tr("Report written to %1").arg(path);
  } catch (const std::exception& e) {
    return QObject::tr("Could not write the report: %1").arg(QString::fromUtf8(e.what()));
  }
}

}  // namespace headroom::report
