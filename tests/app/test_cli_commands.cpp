// headroom-cli's commands, called as functions: what they print, write and return.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli_args.h"
#include "app/cli_commands.h"

using namespace headroom;

namespace {

const std::string kScenarios = std::string(HEADROOM_SOURCE_DIR) + "/scenarios/";

struct Captured {
  std::ostringstream out, err;
  Feedback feedback;
  cli::CommandContext ctx{out, err, feedback, false};
};

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

  void cancelledRunReturns130() {
    Captured c;
    c.feedback.cancel();
    QCOMPARE(cli::commandRun({kScenarios + "mm1.json", "--quiet"}, c.ctx), 130);
  }
};

QTEST_APPLESS_MAIN(CliCommandsTest)
#include "test_cli_commands.moc"
