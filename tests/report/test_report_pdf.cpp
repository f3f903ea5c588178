// The management report (ui/report/): every headline number printed in the PDF equals the run-result JSON it
// was made from; the stamp and page numbers are on every page; fonts are embedded; the HTML is one file with
// inline SVG charts; the CLI writes both. Needs pdftotext/pdffonts/pdftoppm (Debian poppler-utils).
#include <QtTest>

#include <fstream>

#include "model/scenario_json.h"
#include "simulator/result_io.h"
#include "simulator/simulation.h"
#include "ui/report/report_writer.h"
#include "ui/report/scenario_assumptions.h"
#include "tests/report/report_test_support.h"

using namespace headroom;

namespace {

struct Made {
  nlohmann::json json;  // the run result as read back from its file
  report::ReportInput input;
};

// Runs a bundled scenario briefly, writes its JSON result to a file and builds the report input from that file.
Made fromJsonFile(const QString& scenarioFile, const QString& jsonPath) {
  const std::string path = std::string(HEADROOM_SOURCE_DIR) + "/scenarios/" + scenarioFile.toStdString();
  const Scenario s = loadAndValidateScenarioFile(path);
  RunOptions o;
  o.horizon_s = std::min(s.simulation.horizon_s, 600.0);
  o.warmup_s = std::min(s.simulation.warmup_s, 60.0);
  o.replications = 3;
  {
    std::ofstream f(jsonPath.toStdString());
    f << runResultToJson(runSimulation(s, o)).dump(2);
  }
  Made m;
  std::ifstream f(jsonPath.toStdString());
  m.json = nlohmann::json::parse(f);
  std::ifstream raw(path);
  m.input.primary = report::makeVariant("A: " + s.name, s, nlohmann::json::parse(raw), path, runResultFromJson(m.json));
  m.input.options.version = "test";
  m.input.options.generated_utc = "2026-01-01 00:00 UTC";
  return m;
}

}  // namespace

class TestReportPdf : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    if (tool("pdftotext").isEmpty())
      QSKIP("pdftotext not found: install Debian poppler-utils (./headroom.sh installs it) to check the report's PDF");
  }

  void headlineNumbersEqualTheJson_data() {
    QTest::addColumn<QString>("scenario");
    QTest::newRow("default") << QStringLiteral("default.json");
    QTest::newRow("mm1") << QStringLiteral("mm1.json");
    QTest::newRow("hpa-step") << QStringLiteral("hpa-step.json");
  }
  void headlineNumbersEqualTheJson() {
    QFETCH(QString, scenario);
    const QString base = artefactDir() + "/" + QFileInfo(scenario).baseName();
    const Made m = fromJsonFile(scenario, base + "-result.json");
    const report::ReportDocument doc = report::writeReport(m.input, (base + ".pdf").toStdString());
    const QString text = runTool(tool("pdftotext"), {QStringLiteral("-layout"), base + ".pdf", QStringLiteral("-")});
    QVERIFY2(!text.isEmpty(), "pdftotext produced no text");
    QVERIFY(doc.headlines.size() >= 7);  // p99, p95, p50, mean, errors, goodput, load (+ bottleneck)
    const QStringList lines = text.split('\n');
    for (const report::Headline& h : doc.headlines) {
      const nlohmann::json j = atPath(m.json, h.json_path);
      QVERIFY2(j.is_number(), qPrintable(QString::fromStdString(h.json_path) + " is not a number in the JSON"));
      QCOMPARE(h.value, j.get<double>());
      // Formatted from the JSON value, and printed on the same line as its label.
      const QString expected = QString::fromStdString(report::formatHeadline(j.get<double>(), h.scale, h.decimals, h.unit));
      const QString label = QString::fromStdString(h.label);
      bool found = false;
      for (const QString& line : lines)
        if (line.contains(label) && line.contains(expected)) found = true;
      QVERIFY2(found, qPrintable(label + ": '" + expected + "' not on its line in the PDF text"));
    }
    QVERIFY(text.contains(QString::fromStdString(doc.verdict.substr(0, 30))));

    // Stamp and "Page n of N" on every page (pdftotext separates pages with form feeds).
    const QStringList pages = text.split('\f', Qt::SkipEmptyParts);
    const int n = static_cast<int>(std::count_if(pages.begin(), pages.end(), [](const QString& p) { return !p.trimmed().isEmpty(); }));
    QVERIFY(n >= 3);
    const QString hash = QString::fromStdString(report::scenarioHash(m.input.primary.scenario));
    for (int i = 0; i < n; ++i) {
      QVERIFY2(pages[i].contains(QStringLiteral("Page %1 of %2").arg(i + 1).arg(n)), qPrintable(QStringLiteral("page %1 number").arg(i + 1)));
      QVERIFY2(pages[i].contains(hash), qPrintable(QStringLiteral("page %1 lacks the scenario hash").arg(i + 1)));
      QVERIFY(pages[i].contains(QStringLiteral("seed %1").arg(m.input.primary.run.seed)));
    }
    // Every font embedded.
    if (const QString pdffonts = tool("pdffonts"); !pdffonts.isEmpty()) {
      const QStringList fontLines = runTool(pdffonts, {base + ".pdf"}).split('\n', Qt::SkipEmptyParts).mid(2);
      QVERIFY(!fontLines.isEmpty());
      for (const QString& line : fontLines) QVERIFY2(line.contains(QStringLiteral(" yes ")), qPrintable("not embedded: " + line));
    }
    // Page 1 rendered as a test artefact (build tree only) for a human to look at.
    if (const QString pdftoppm = tool("pdftoppm"); !pdftoppm.isEmpty()) {
      QProcess::execute(pdftoppm, {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("60"), QStringLiteral("-f"), QStringLiteral("1"),
                                   QStringLiteral("-l"), QStringLiteral("1"), QStringLiteral("-singlefile"), base + ".pdf", base + "-page1"});
      QVERIFY(QFileInfo(base + "-page1.png").size() > 1000);
    }
  }

  void htmlIsStandaloneWithInlineSvg() {
    const QString base = artefactDir() + "/default-html";
    const Made m = fromJsonFile(QStringLiteral("default.json"), base + "-result.json");
    const report::ReportDocument doc = report::writeReport(m.input, (base + ".html").toStdString());
    QFile f(base + ".html");
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString html = QString::fromUtf8(f.readAll());
    QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
    QVERIFY(html.count(QStringLiteral("<svg")) >= 3);  // traffic, latency, utilization
    QVERIFY(!html.contains(QStringLiteral("<?xml")));
    QVERIFY(!html.contains(QStringLiteral("src=")));   // nothing loaded from elsewhere
    QVERIFY(!html.contains(QStringLiteral("href=")));
    for (const report::Headline& h : doc.headlines) QVERIFY(html.contains(QString::fromStdString(h.text)));
  }

  void comparisonTurnsLatencyChangeIntoRevenueAtRisk() {
    const QString base = artefactDir() + "/compare";
    Made a = fromJsonFile(QStringLiteral("mm1.json"), base + "-a.json");
    Made b = fromJsonFile(QStringLiteral("mm1.json"), base + "-b.json");
    b.input.primary.scenario.components.front().service_time.mean_s *= 1.2;  // a slower variant
    RunOptions o;
    o.horizon_s = 600.0;
    o.warmup_s = 60.0;
    o.replications = 3;
    b.input.primary.run = runSimulation(b.input.primary.scenario, o);
    a.input.comparison = b.input.primary;
    a.input.comparison->label = "B: slower";
    a.input.options.revenue_per_month_usd = 2'000'000;
    a.input.options.conversion_loss_per_100ms = 0.05;
    report::writeReport(a.input, (base + ".pdf").toStdString());
    const QString text = runTool(tool("pdftotext"), {base + ".pdf", QStringLiteral("-")});
    QVERIFY(text.contains(QStringLiteral("Scenario comparison")));
    QVERIFY(text.contains(QStringLiteral("B: slower")));
    const double delta_ms = (b.input.primary.run.endToEnd()->response.mean_s.mean - a.input.primary.run.endToEnd()->response.mean_s.mean) * 1e3;
    QVERIFY(delta_ms > 0);
    const QString risk = QString::fromStdString(report::formatUsd(2'000'000 * 0.05 * delta_ms / 100.0));
    QVERIFY2(text.contains(risk), qPrintable("revenue at risk " + risk + " not in the PDF"));
  }

  void cliWritesPdfAndJsonThatAgree() {
    const QString base = artefactDir() + "/cli";
    QProcess p;
    p.start(QStringLiteral(HEADROOM_CLI_PATH),
            {QStringLiteral("report"), QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/mm1.json"), QStringLiteral("--out"), base + ".pdf",
             QStringLiteral("--json"), base + ".json", QStringLiteral("--slo-p99-ms"), QStringLiteral("250"), QStringLiteral("--quiet")});
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    std::ifstream f((base + ".json").toStdString());
    const nlohmann::json j = nlohmann::json::parse(f);
    const QString text = runTool(tool("pdftotext"), {QStringLiteral("-layout"), base + ".pdf", QStringLiteral("-")});
    const QString p99 = QString::fromStdString(report::formatHeadline(j["end_to_end"][0]["response"]["p99_s"]["mean"].get<double>(), 1e3, 1, "ms"));
    QVERIFY2(text.contains(p99), qPrintable("p99 " + p99 + " from the JSON not in the PDF"));
    QVERIFY(text.contains(QStringLiteral("<= 250 ms")));  // the user's SLO, not the default
    QVERIFY(text.contains(QStringLiteral("--slo-p99-ms")));  // and its provenance in the assumptions log
  }

  void pricedScenarioGetsACostSection() {
    const QString base = artefactDir() + "/cost";
    QProcess p;
    p.start(QStringLiteral(HEADROOM_CLI_PATH),
            {QStringLiteral("report"), QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/serverless-vs-containers-low-containers.json"),
             QStringLiteral("--out"), base + ".pdf", QStringLiteral("--replications"), QStringLiteral("2"), QStringLiteral("--quiet")});
    QVERIFY(p.waitForFinished(120000));
    QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
    const QString text = runTool(tool("pdftotext"), {base + ".pdf", QStringLiteral("-")});
    QVERIFY(text.contains(QStringLiteral("USD per month")));
    QVERIFY(text.contains(QStringLiteral("per 1,000 requests")));
    QVERIFY(text.contains(QStringLiteral("Cost: $")));  // the headline on the summary page
  }

  void unknownExtensionIsAClearError() {
    report::ReportInput input;
    try {
      report::writeReport(input, "/tmp/report.docx");
      QFAIL("no error for .docx");
    } catch (const std::runtime_error& e) {
      QVERIFY(QString::fromUtf8(e.what()).contains(QStringLiteral("report.docx")));
    }
  }
};

QTEST_MAIN(TestReportPdf)
#include "test_report_pdf.moc"
