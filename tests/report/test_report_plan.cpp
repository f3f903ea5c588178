// The plan report (`report --project P --plan NAME`, `report SCENARIO --months N`): every runway number and date on
// page 1 equals the plan JSON it came from, the stored plan comes back from the project byte-for-byte equal to what
// `plan --json` wrote, the project listing shows it, the report states which SLO it used and where that came from,
// and an unknown plan name is refused with the names there are. Pages are rendered with pdftoppm (artefacts).
#include <QtTest>

#include <fstream>

#include "tests/report/report_test_support.h"
#include "tests/report/cli_process.h"

namespace {

using report_test::Cli;
using report_test::cli;

nlohmann::json readJson(const QString& path) {
  std::ifstream f(path.toStdString());
  return nlohmann::json::parse(f);
}

QString day(double t_s) { return QStringLiteral("day ") + QString::number(t_s / 86400.0, 'f', 1); }

}  // namespace

class TestReportPlan : public QObject {
  Q_OBJECT
  QString scenario(const char* file) { return QStringLiteral(HEADROOM_SOURCE_DIR "/scenarios/") + QLatin1String(file); }

 private slots:
  void initTestCase() {
    if (tool("pdftotext").isEmpty())
      QSKIP("pdftotext not found: install Debian poppler-utils (./headroom.sh installs it) to check the report's PDF");
  }

  void storedPlanReportPrintsEveryRunwayNumberOfThePlanJson() {
    const QString base = artefactDir() + "/plan-stored";
    QFile::remove(base + ".hdrm");
    const Cli plan = cli({QStringLiteral("plan"), scenario("plan-bytebridge.json"), QStringLiteral("--months"), QStringLiteral("12"),
                          QStringLiteral("--project"), base + ".hdrm", QStringLiteral("--name"), QStringLiteral("growth"),
                          QStringLiteral("--json"), base + "-plan.json", QStringLiteral("--quiet")});
    QVERIFY2(plan.code == 0, qPrintable(plan.err));
    QVERIFY(plan.out.contains(QStringLiteral("stored plan 'growth'")));
    // The project listing shows it.
    const Cli listing = cli({QStringLiteral("project"), base + ".hdrm"});
    QVERIFY2(listing.out.contains(QStringLiteral("plans:")) && listing.out.contains(QStringLiteral("growth  (plan-bytebridge v1")),
             qPrintable(listing.out));

    const Cli report = cli({QStringLiteral("report"), QStringLiteral("--project"), base + ".hdrm", QStringLiteral("--plan"),
                            QStringLiteral("growth"), QStringLiteral("--out"), base + ".pdf", QStringLiteral("--json"),
                            base + "-stored.json", QStringLiteral("--quiet")});
    QVERIFY2(report.code == 0, qPrintable(report.err));
    // Round trip: the plan the report read from the project is the plan `plan --json` wrote.
    const nlohmann::json json = readJson(base + "-plan.json");
    QCOMPARE(readJson(base + "-stored.json"), json);

    const QString text = runTool(tool("pdftotext"), {QStringLiteral("-layout"), base + ".pdf", QStringLiteral("-")});
    QVERIFY2(!text.isEmpty(), "pdftotext produced no text");
    const QString page1 = text.split('\f').front();
    const QStringList lines = page1.split('\n');
    int breaking = 0;
    for (const nlohmann::json& r : json["runways"]) {
      const QString component = QString::fromStdString(r["component"].get<std::string>());
      QString row;
      for (const QString& line : lines)
        if (line.startsWith(component + ' ')) row = line;
      QVERIFY2(!row.isEmpty(), qPrintable(component + ": no runway row on page 1"));
      if (r["break_at_s"].is_null()) {
        QVERIFY2(row.contains(QStringLiteral("holds")), qPrintable(row));
        continue;
      }
      ++breaking;
      const double at = r["break_at_s"].get<double>();
      QVERIFY2(row.contains(day(at)), qPrintable(row + " lacks " + day(at)));
      QVERIFY2(row.contains(QStringLiteral("(month %1)").arg(at / (30 * 86400.0), 0, 'f', 1)), qPrintable(row));
      const QString offered = QString::number(r["offered_per_s_at_break"].get<double>(), 'f', 1);
      QVERIFY2(row.contains(offered), qPrintable(row + " lacks the traffic " + offered));
      QVERIFY2(row.contains(QString::fromStdString(r["reason"].get<std::string>())), qPrintable(row));
    }
    QVERIFY2(breaking >= 1, "the test scenario must have a component that breaks within the horizon");
    // The verdict names the first to break with its date; the SLO line states the source.
    const QString first = QString::fromStdString(json["first_to_break"].get<std::string>());
    double firstAt = 0;
    for (const nlohmann::json& r : json["runways"])
      if (r["component"] == json["first_to_break"]) firstAt = r["break_at_s"].get<double>();
    const QString flat = page1.simplified();
    QVERIFY2(flat.contains(first + QStringLiteral(" runs out of headroom first")) && flat.contains(QStringLiteral("on ") + day(firstAt)),
             qPrintable(flat.left(400)));
    QVERIFY(flat.contains(QStringLiteral("p99 <= %1 ms").arg(json["slo"]["p99_s"].get<double>() * 1000)));
    QVERIFY(flat.contains(QStringLiteral("scenario's slo block")));
    // Every alert that fires is listed with its date.
    for (const nlohmann::json& a : json["alerts"]) QVERIFY(page1.contains(day(a["at_s"].get<double>())));
    if (json.contains("cost_by_month") && !json["cost_by_month"].empty()) QVERIFY(flat.contains(QStringLiteral("Monthly cost: $")));
    // Stamp on every page.
    const QStringList pages = text.split('\f', Qt::SkipEmptyParts);
    for (const QString& p : pages)
      if (!p.trimmed().isEmpty()) QVERIFY(p.contains(QStringLiteral("plan 'growth'")));
    if (!tool("pdftoppm").isEmpty())
      runTool(tool("pdftoppm"), {QStringLiteral("-r"), QStringLiteral("60"), QStringLiteral("-png"), base + ".pdf", base + "-page"});
  }

  void planNowUsesTheReportSloAndSaysWhereItCameFrom() {
    const QString base = artefactDir() + "/plan-now";
    const Cli r = cli({QStringLiteral("report"), scenario("plan-viral-campaign.json"), QStringLiteral("--days"), QStringLiteral("10"),
                       QStringLiteral("--slo-p99-ms"), QStringLiteral("250"), QStringLiteral("--out"), base + ".pdf", QStringLiteral("--json"),
                       base + ".json", QStringLiteral("--quiet")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const nlohmann::json json = readJson(base + ".json");
    QCOMPARE(json["slo"]["p99_s"].get<double>(), 0.25);  // the plan was judged against the user's SLO
    const QString flat = runTool(tool("pdftotext"), {base + ".pdf", QStringLiteral("-")}).simplified();
    QVERIFY(flat.contains(QStringLiteral("p99 <= 250 ms")));
    QVERIFY(flat.contains(QStringLiteral("p99 from --slo-p99-ms")));
  }

  // The report must not tell management the SLO holds when `plan` (same arguments) finds the breach at request level:
  // plan-strategy-hybrid's flash spikes pass the fluid pass (each fluid breach is shorter than the 300 s sustain) and
  // fail the request-level check of the busiest window. Both commands must produce the same plan, checks included.
  void planNowIsThePlanCommandsPlanWithItsRequestLevelChecks() {
    const QString base = artefactDir() + "/plan-now-checks";
    const Cli plan = cli({QStringLiteral("plan"), scenario("plan-strategy-hybrid.json"), QStringLiteral("--months"), QStringLiteral("3"),
                          QStringLiteral("--json"), base + "-plan.json", QStringLiteral("--quiet")});
    QVERIFY2(plan.code == 0, qPrintable(plan.err));
    const Cli r = cli({QStringLiteral("report"), scenario("plan-strategy-hybrid.json"), QStringLiteral("--months"), QStringLiteral("3"),
                       QStringLiteral("--slo-p99-ms"), QStringLiteral("600"), QStringLiteral("--slo-error-ratio"), QStringLiteral("0.005"),
                       QStringLiteral("--out"), base + ".pdf", QStringLiteral("--json"), base + ".json", QStringLiteral("--quiet")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    auto withoutWallTimes = [](nlohmann::json j) {
      j.erase("wall_time_s");
      j.erase("checks_wall_time_s");
      for (auto& c : j["checks"]) c.erase("wall_time_s");
      return j;
    };
    const nlohmann::json fromPlan = withoutWallTimes(readJson(base + "-plan.json"));
    const nlohmann::json fromReport = withoutWallTimes(readJson(base + ".json"));
    QVERIFY2(fromPlan["checks"].size() == 6, "plan runs 6 request-level window checks by default");
    QVERIFY2(fromReport == fromPlan, "report --months planned something other than plan --months");
    QVERIFY2(fromReport["slo_breach_at_s"].is_number(), "the request-level check finds the breach");
    const QString flat = runTool(tool("pdftotext"), {base + ".pdf", QStringLiteral("-")}).simplified();
    QVERIFY2(flat.contains(QStringLiteral("p99 breaks the 600 ms SLO first on ") + day(fromReport["slo_breach_at_s"].get<double>())),
             qPrintable(flat.left(800)));
    QVERIFY(!flat.contains(QStringLiteral("SLO holds over the horizon")));
    QVERIFY(flat.contains(QStringLiteral("Request-level checks of chosen windows")));

    const Cli stray = cli({QStringLiteral("report"), scenario("plan-strategy-hybrid.json"), QStringLiteral("--growth-band"),
                           QStringLiteral("5,10,20"), QStringLiteral("--out"), base + "-stray.pdf"});
    QCOMPARE(stray.code, 2);
    QVERIFY2(stray.err.contains(QStringLiteral("--growth-band shapes a plan")), qPrintable(stray.err));
  }

  void runReportSloDefaultIsTheHealthLibrarys() {
    // mm1.json has no slo block: the report's SLO is the health verdict's default (1 s), and it says so.
    const QString base = artefactDir() + "/slo-default";
    const Cli r = cli({QStringLiteral("report"), scenario("mm1.json"), QStringLiteral("--replications"), QStringLiteral("2"),
                       QStringLiteral("--out"), base + ".pdf", QStringLiteral("--quiet")});
    QVERIFY2(r.code == 0, qPrintable(r.err));
    const QString flat = runTool(tool("pdftotext"), {base + ".pdf", QStringLiteral("-")}).simplified();
    QVERIFY2(flat.contains(QStringLiteral("SLO used: p99 <= 1000 ms (health library default; no slo block)")), qPrintable(flat.left(1500)));
  }

  void unknownPlanNameNamesThePlansThere() {
    const QString base = artefactDir() + "/plan-stored";
    const Cli r = cli({QStringLiteral("report"), QStringLiteral("--project"), base + ".hdrm", QStringLiteral("--plan"), QStringLiteral("nope"),
                       QStringLiteral("--out"), artefactDir() + "/nope.pdf"});
    QVERIFY(r.code != 0);
    QVERIFY2(r.err.contains(QStringLiteral("'growth'")), qPrintable(r.err));
  }
};

QTEST_MAIN(TestReportPlan)
#include "test_report_plan.moc"
