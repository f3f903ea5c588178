// headroom-cli's commands, called as functions: what they print, write and return.
#include <QtTest>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/app/cli_test_support.h"
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_data_commands.h"
#include "importers/import_types.h"
#include "model/scenario_json.h"

using namespace headroom;

namespace {

const std::string kScenarios = std::string(HEADROOM_SOURCE_DIR) + "/scenarios/";

using test::Captured;

std::string tempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("headroom-cli-test-" + name)).string();
}

}  // namespace

class CliCommandsTest : public QObject {
  Q_OBJECT
 private slots:
  void validateAcceptsTheDefaultScenario() {
    Captured c;
    QCOMPARE(cli::commandValidate({kScenarios + "default.json"}, c.ctx), 0);
    QVERIFY(c.out.str().find("valid") != std::string::npos);
  }

  void validateListsEveryProblemWithComponentAndRule() {
    const std::string path = tempPath("invalid.json");
    std::ofstream(path) << R"({"format":"headroom-scenario","version":1,"name":"bad",
      "simulation":{"horizon_s":100},
      "sources":[{"name":"web","type":"open","entry":"api","rate":{"kind":"constant","rate_per_s":5}}],
      "components":[{"name":"api","type":"service","replicas":0,"workers_per_replica":1,
        "service_time":{"dist":"exponential","mean_ms":5},
        "behaviour":{"*":{"steps":[{"call":"dbx"}]}}}]})";
    Captured c;
    QCOMPARE(cli::commandValidate({path}, c.ctx), 1);
    const std::string err = c.err.str();
    QVERIFY2(err.find("component 'api'") != std::string::npos, err.c_str());
    QVERIFY2(err.find("dbx") != std::string::npos, err.c_str());
    QVERIFY2(err.find("replicas") != std::string::npos, err.c_str());
  }

  void validateWarnsAboutALinkThatCarriesNoTraffic() {
    // Every class reaching api (web's own) has a behaviour, so the "*" call to audit never runs: valid, warned.
    const std::string path = tempPath("dead-link.json");
    std::ofstream(path) << R"({"format":"headroom-scenario","version":1,"name":"dead",
      "simulation":{"horizon_s":100},
      "sources":[{"name":"web","type":"open","entry":"api","rate":{"kind":"constant","rate_per_s":5}}],
      "components":[{"name":"api","type":"service","service_time":{"dist":"exponential","mean_ms":5},
        "behaviour":{"*":{"steps":[{"call":"audit"}]},"web":{"steps":[]}}},
        {"name":"audit","type":"service","service_time":{"dist":"exponential","mean_ms":5}}]})";
    Captured c;
    QCOMPARE(cli::commandValidate({path}, c.ctx), 0);
    const std::string err = c.err.str();
    QVERIFY2(err.find("warning: component 'api': behaviour.*: the link to 'audit' can carry no traffic") != std::string::npos,
             err.c_str());
  }

  void runPrintsSummaryAndWritesJsonAndCsv() {
    const std::string json = tempPath("result.json"), csv = tempPath("series.csv");
    Captured c;
    QCOMPARE(cli::commandRun({kScenarios + "mm1.json", "--replications", "3", "--horizon", "500", "--warmup", "50",
                              "--window", "50", "--json", json, "--csv", csv},
                             c.ctx),
             0);
    QVERIFY(c.out.str().find("end to end") != std::string::npos);
    std::ifstream jin(json);
    const auto j = nlohmann::json::parse(jin);
    QCOMPARE(j.at("replications").get<int>(), 3);
    QCOMPARE(j.at("horizon_s").get<double>(), 500.0);
    std::ifstream cin(csv);
    std::string header, line;
    std::getline(cin, header);
    QVERIFY(header.rfind("window_start_s,window_end_s", 0) == 0);
    int rows = 0;
    while (std::getline(cin, line)) ++rows;
    QCOMPARE(rows, 10);  // 500 s in windows of 50 s
  }

  void runWithCompareFlagsNothingOnATextbookModel() {
    Captured c;
    const int code = cli::commandRun({kScenarios + "mm1.json", "--compare", "--quiet", "--replications", "8"}, c.ctx);
    QCOMPARE(code, 0);
    QVERIFY(c.out.str().find("M/M/1") != std::string::npos);
  }

  void runPrintsTheHealthVerdictOfACollapse() {
    // retry-storm: the database slowdown becomes an outage that outlives it; the summary must not call it healthy.
    Captured c;
    QCOMPARE(cli::commandRun({kScenarios + "retry-storm.json", "--threads", "2"}, c.ctx), 0);
    const std::string out = c.out.str();
    QVERIFY2(out.find("Verdict (SLO p99 1000 ms, errors 1%): collapsed at ") != std::string::npos, out.c_str());
    QVERIFY2(out.find("db saturated") != std::string::npos, out.c_str());
  }

  void analyzeExplainsWhyNoModelApplies() {
    Captured c;
    QCOMPARE(cli::commandAnalyze({kScenarios + "default.json"}, c.ctx), 0);
    QVERIFY2(c.out.str().find("synchronous calls") != std::string::npos, c.out.str().c_str());
  }

  void badOptionsAreUsageErrors() {
    Captured c;
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::commandRun({kScenarios + "mm1.json", "--replicatoins", "3"}, c.ctx));
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::commandRun({kScenarios + "mm1.json", "--horizon", "ten"}, c.ctx));
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::commandRun({kScenarios + "mm1.json", "--replications", "0"}, c.ctx));
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::commandRun({}, c.ctx));
  }

  void horizonNotLongerThanWarmupIsRefused() {
    Captured c;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cli::commandRun({kScenarios + "mm1.json", "--horizon", "1000", "--warmup", "1000"}, c.ctx));
  }

  void importIntoProjectThenRunFromTheSameProject() {
    const std::string shared = HEADROOM_SHARED_DIR "/data/cloudwatch_nab/realAWSCloudwatch/elb_request_count_8c0756.csv";
    if (!std::filesystem::exists(shared)) QSKIP("shared data not found at ../shared/data: import part skipped");
    const std::string project = tempPath("project.hdrm");
    std::filesystem::remove(project);
    Captured c;
    QCOMPARE(cli::commandImport({shared, "--project", project}, c.ctx), 0);
    QVERIFY2(c.out.str().find("4032 points") != std::string::npos, c.out.str().c_str());
    QCOMPARE(cli::commandRun({kScenarios + "mm1.json", "--project", project, "--quiet", "--replications", "2", "--horizon", "3000"}, c.ctx), 0);
    Captured listing;
    QCOMPARE(cli::commandProject({project}, listing.ctx), 0);
    const std::string text = listing.out.str();
    QVERIFY2(text.find("mm1  (1 version(s)") != std::string::npos, text.c_str());
    QVERIFY2(text.find("elb_request_count_8c0756") != std::string::npos, text.c_str());
    QVERIFY2(text.find("#1  mm1 v1  seed 1") != std::string::npos, text.c_str());
    // The same scenario again does not add a version; the run is added.
    QCOMPARE(cli::commandRun({kScenarios + "mm1.json", "--project", project, "--quiet", "--replications", "2", "--horizon", "3000"}, c.ctx), 0);
    Captured again;
    cli::commandProject({project}, again.ctx);
    QVERIFY(again.out.str().find("mm1  (1 version(s)") != std::string::npos);
    QVERIFY(again.out.str().find("#2  mm1 v1") != std::string::npos);
    // And run the stored scenario straight from the project.
    Captured fromProject;
    QCOMPARE(cli::commandRun({"--project", project, "--scenario", "mm1", "--replications", "2", "--horizon", "3000"}, fromProject.ctx), 0);
    QVERIFY2(fromProject.out.str().find("Scenario 'mm1'") != std::string::npos, fromProject.out.str().c_str());
    QVERIFY(fromProject.out.str().find("run #3") != std::string::npos);
    QVERIFY_THROWS_EXCEPTION(std::exception, cli::commandRun({"--project", project, "--scenario", "nope"}, c.ctx));
  }

  void fitTrafficWritesAScenarioThatFollowsTheFit() {
    const std::string shared = HEADROOM_SHARED_DIR "/data/cloudwatch_nab/realAWSCloudwatch/elb_request_count_8c0756.csv";
    if (!std::filesystem::exists(shared)) QSKIP("shared data not found at ../shared/data: fit part skipped");
    const std::string out = tempPath("fitted.json");
    Captured c;
    QCOMPARE(cli::commandFitTraffic({shared, "--unit-hint", "count", "--scenario", kScenarios + "default.json", "--out", out}, c.ctx), 0);
    QVERIFY2(c.out.str().find("R^2") != std::string::npos, c.out.str().c_str());
    QVERIFY2(c.out.str().find("forecast") != std::string::npos, c.out.str().c_str());
    Captured v;
    QCOMPARE(cli::commandValidate({out}, v.ctx), 0);
    // Replay: the observed series drives the source, scaled x2, over the series' own span.
    const std::string replayed = tempPath("replayed.json");
    Captured r;
    QCOMPARE(cli::commandFitTraffic({shared, "--unit-hint", "count", "--scenario", kScenarios + "default.json", "--out", replayed,
                                     "--replay", "--growth", "2"},
                                    r.ctx),
             0);
    const Scenario s = loadAndValidateScenarioFile(replayed);
    QVERIFY(s.sources[0].rate.kind == RateCurve::Kind::Steps);
    QVERIFY(s.sources[0].rate.steps.size() > 3000);  // one step per sample (equal neighbours merge)
    QVERIFY(s.simulation.horizon_s > 13 * 86400.0);  // the file spans 14 days
  }

  void estimateDemandAndBacktestFromImportedSeries() {
    // Synthetic monitoring: throughput X(t) varies, utilization of 4 servers follows U = X * 50 ms / 4 exactly.
    const std::string dir = tempPath("calib");
    std::filesystem::create_directories(dir);
    std::ofstream util(dir + "/util.csv"), thr(dir + "/thr.csv");
    util << "timestamp,value\n";
    thr << "timestamp,value\n";
    for (int i = 0; i < 120; ++i) {
      const double x = 20 + 15 * std::sin(i / 10.0);
      char stamp[32];
      std::snprintf(stamp, sizeof stamp, "2026-01-01 %02d:%02d:00", i / 60, i % 60);
      thr << stamp << "," << x << "\n";
      util << stamp << "," << 100 * x * 0.05 / 4 << "\n";
    }
    util.close();
    thr.close();
    const std::string project = dir + "/p.hdrm";
    std::filesystem::remove(project);
    Captured c;
    QCOMPARE(cli::commandImport({dir + "/util.csv", "--project", project, "--unit-hint", "percent"}, c.ctx), 0);
    QCOMPARE(cli::commandImport({dir + "/thr.csv", "--project", project, "--unit-hint", "1/s"}, c.ctx), 0);
    Captured e;
    QCOMPARE(cli::commandEstimateDemand({"--project", project, "--utilization", "1", "--throughput", "2", "--servers", "4"}, e.ctx), 0);
    QVERIFY2(e.out.str().find("service time per request: 50 ms") != std::string::npos, e.out.str().c_str());
    // Backtest a one-station model against the observed throughput: a table with the metric comes back.
    Captured b;
    QCOMPARE(cli::commandBacktest({kScenarios + "mm1.json", "--project", project, "--throughput", "2", "--replications", "2"}, b.ctx), 0);
    QVERIFY2(b.out.str().find("throughput_per_s") != std::string::npos, b.out.str().c_str());
  }

  void fitTrafficRefusesToExtrapolateAShortWindowAndReportsTheRamp() {
    // Six hours at one sample per minute: a ramp from 2 to 24 req/s over the first 12 minutes, then ~50 req/s.
    const std::string path = tempPath("short.csv");
    {
      std::ofstream f(path);
      f << "timestamp,value\n";
      for (int i = 0; i < 360; ++i)
        f << 1767258000 + 60 * i << "," << (i < 12 ? 2.0 + 2.0 * i : 50.0 + (i % 7) - 3.0) << "\n";
    }
    Captured c;
    QCOMPARE(cli::commandFitTraffic({path, "--unit-hint", "1/s", "--json", tempPath("short-fit.json")}, c.ctx), 0);
    const std::string out = c.out.str();
    QVERIFY2(out.find("start-up ramp: the first 12 samples") != std::string::npos, out.c_str());
    QVERIFY2(out.find("no forecast") != std::string::npos, out.c_str());
    QVERIFY2(out.find("per month") == std::string::npos, out.c_str());
    std::ifstream j(tempPath("short-fit.json"));
    const nlohmann::json fit = nlohmann::json::parse(j);
    QVERIFY(fit.contains("refused"));
    QVERIFY(!fit.contains("growth_percent_per_month"));
    QCOMPARE(fit["startup_ramp"]["samples"].get<int>(), 12);
    Captured s;
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, cli::commandFitTraffic({path, "--unit-hint", "1/s", "--scenario",
                                                                         kScenarios + "default.json", "--out",
                                                                         tempPath("never.json")},
                                                                        s.ctx));
  }

  void projectListingAndImportSpeakJson() {
    const std::string project = tempPath("json.hdrm"), csv = tempPath("json.csv");
    std::filesystem::remove(project);
    {
      std::ofstream f(csv);
      f << "timestamp,value\n1767258000,5\n1767258060,6\n1767258120,7\n";
    }
    Captured i;
    QCOMPARE(cli::commandImport({csv, "--project", project, "--unit-hint", "1/s", "--from", "+60", "--json",
                                 tempPath("import.json")},
                                i.ctx),
             0);
    std::ifstream ij(tempPath("import.json"));
    const nlohmann::json imported = nlohmann::json::parse(ij);
    QCOMPARE(imported[0]["series"][0]["points"].get<int>(), 2);  // --from +60 s drops the first sample
    QCOMPARE(imported[0]["series"][0]["unit"].get<std::string>(), std::string("1/s"));
    Captured p;
    QCOMPARE(cli::commandProject({project, "--json", tempPath("project.json")}, p.ctx), 0);
    std::ifstream pj(tempPath("project.json"));
    const nlohmann::json listing = nlohmann::json::parse(pj);
    QCOMPARE(listing["series"].size(), std::size_t(1));
    QVERIFY(listing["series"][0].contains("selector"));
    Captured bad;
    QVERIFY_THROWS_EXCEPTION(ImportError, cli::commandImport({csv, "--unit-hint", "parsecs"}, bad.ctx));
  }

  void cancelledRunReturns130() {
    Captured c;
    c.feedback.cancel();
    QCOMPARE(cli::commandRun({kScenarios + "mm1.json", "--quiet"}, c.ctx), 130);
  }
};

QTEST_APPLESS_MAIN(CliCommandsTest)
#include "test_cli_commands.moc"
