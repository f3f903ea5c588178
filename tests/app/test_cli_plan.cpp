// headroom-cli plan: the monthly cost, the request-level checks and the forecast band reach the terminal, the
// JSON and the CSV files, and bad band arguments are refused with the option named.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/app/cli_test_support.h"
#include "app/cli_args.h"
#include "app/cli_plan_command.h"

using namespace headroom;

namespace {

const std::string kScenarios = std::string(HEADROOM_SOURCE_DIR) + "/scenarios/";

std::string tempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("headroom-cli-plan-test-" + name)).string();
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

class CliPlanTest : public QObject {
  Q_OBJECT
 private slots:
  void planPrintsCostChecksAndBand() {
    const std::string json = tempPath("plan.json"), costCsv = tempPath("cost.csv"), bandCsv = tempPath("band.csv"),
                      fit = tempPath("fit.json");
    std::ofstream(fit) << R"({"trend": "compound", "growth_percent_per_month": [10.0, 5.0, 15.0]})";
    test::Captured c;
    QCOMPARE(cli::commandPlan({kScenarios + "plan-strategy-hybrid.json", "--days", "3", "--today", "2026-12-01",
                               "--check-windows", "2", "--check-replications", "2", "--traffic", fit, "--json", json,
                               "--cost-csv", costCsv, "--band-csv", bandCsv},
                              c.ctx),
             0);
    const std::string out = c.out.str();
    QVERIFY2(out.find("Cost along the plan") != std::string::npos, out.c_str());
    QVERIFY(out.find("Request-level checks (2 windows") != std::string::npos);
    QVERIFY(out.find("Forecast band") != std::string::npos);
    const auto j = nlohmann::json::parse(slurp(json));
    QCOMPARE(j["cost_by_month"].size(), std::size_t(1));
    QVERIFY(j["cost_by_month"][0]["partial"].get<bool>());
    QVERIFY(j["cost_by_month"][0]["usd"].get<double>() > 0);
    QCOMPARE(j["checks"].size(), std::size_t(2));
    QVERIFY(j["band"]["growth_percent_per_month"]["p90"].get<double>() > 10.0);
    QVERIFY(slurp(costCsv).find(",api,instances (on-demand),m6i.2xlarge,") != std::string::npos);
    QVERIFY(slurp(bandCsv).find("break_at_s,api,") != std::string::npos);
    for (const auto& f : {json, costCsv, bandCsv, fit}) std::filesystem::remove(f);
  }

  void badBandArgumentsAreRefused() {
    test::Captured c;
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::commandPlan({kScenarios + "plan-strategy-hybrid.json", "--days", "1",
                                                               "--growth-band", "4,x,12"}, c.ctx));
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::commandPlan({kScenarios + "plan-strategy-hybrid.json", "--days", "1",
                                                               "--band-csv", "x.csv"}, c.ctx));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cli::commandPlan({kScenarios + "plan-strategy-hybrid.json", "--days", "1",
                                                                     "--growth-band", "12,10,8", "--no-checks"}, c.ctx));
  }
};

QTEST_APPLESS_MAIN(CliPlanTest)
#include "test_cli_plan.moc"
