// headroom-cli optimize: what it prints and writes, its exit codes, and the errors it gives for bad options.
#include <QtTest>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "tests/app/cli_test_support.h"
#include "app/cli_args.h"
#include "app/cli_optimize_command.h"

using namespace headroom;

namespace {

const std::string kScenarios = std::string(HEADROOM_SOURCE_DIR) + "/scenarios/";
using test::Captured;

QString usageErrorOf(const std::vector<std::string>& args) {
  Captured c;
  try {
    cli::commandOptimize(args, c.ctx);
  } catch (const cli::UsageError& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

}  // namespace

class CliOptimizeTest : public QObject {
  Q_OBJECT
 private slots:
  void printsFrontChoiceBindingAndWritesJson() {
    const std::string json = (std::filesystem::temp_directory_path() / "headroom-cli-optimize-test.json").string();
    Captured c;
    QCOMPARE(cli::commandOptimize({kScenarios + "optimize-three-tier.json", "--slo", "p99=150ms", "--at", "peak*2", "--seed",
                                   "3", "--replications", "3", "--threads", "1", "--today", "2026-12-01", "--json", json},
                                  c.ctx),
             0);
    const std::string out = c.out.str();
    QVERIFY(out.find("Cost vs p99 front") != std::string::npos);
    QVERIFY(out.find("Chosen configuration") != std::string::npos);
    QVERIFY(out.find("upper 95% CI") != std::string::npos);
    QVERIFY(out.find("Binding constraint") != std::string::npos);
    std::ifstream in(json);
    const nlohmann::json j = nlohmann::json::parse(in);
    QVERIFY(j["chosen"]["confirmed_feasible"].get<bool>());
    QCOMPARE(j["stress_cases"][0]["name"].get<std::string>(), std::string("peak*2"));
    QVERIFY(j["evaluations"]["screened"].get<int>() < j["evaluations"]["space_size"].get<int>());
    QVERIFY(!j["front"].empty());
    std::filesystem::remove(json);
  }

  void unreachableSloExitsWithThree() {
    Captured c;
    QCOMPARE(cli::commandOptimize({kScenarios + "optimize-three-tier.json", "--slo", "p99=5ms", "--today", "2026-12-01"}, c.ctx), 3);
    QVERIFY(c.out.str().find("No configuration found") != std::string::npos);
  }

  void badOptionsAreNamed() {
    const std::string s = kScenarios + "optimize-three-tier.json";
    QVERIFY(usageErrorOf({s}).contains("--slo p99"));
    QVERIFY(usageErrorOf({s, "--slo", "errors=1%"}).contains("--slo p99"));
    QVERIFY(usageErrorOf({s, "--slo", "p99=100ms", "--at", "twice"}).contains("peak*K"));
    QVERIFY(usageErrorOf({s, "--slo", "p99=100ms", "--failover", "mars"}).contains("no such region"));
    QVERIFY(usageErrorOf({s, "--slo", "p99=100ms", "--var", "/components/web/replicas"}).contains("POINTER=LO:HI"));
    QVERIFY(usageErrorOf({s, "--slo", "p99=100ms", "--var", "/components/x/replicas=1:3"}).contains("'x'"));
    QVERIFY(usageErrorOf({s, "--slo", "p99=100ms", "--replications", "1"}).contains("[2, 1000]"));
    QVERIFY(usageErrorOf({s, "--slo", "p99=100ms", "--vars", "/nonexistent.json"}).contains("cannot open"));
  }
};

QTEST_APPLESS_MAIN(CliOptimizeTest)
#include "test_cli_optimize.moc"
