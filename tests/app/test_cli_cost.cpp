// headroom-cli cost, and the cost section of run: what they print, write and store.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "tests/app/cli_test_support.h"
#include "app/cli_args.h"
#include "app/cli_commands.h"
#include "app/cli_cost_command.h"
#include "model/project/project.h"

using namespace headroom;

namespace {

const std::string kScenarios = std::string(HEADROOM_SOURCE_DIR) + "/scenarios/";

using test::Captured;

std::string tempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("headroom-cli-cost-test-" + name)).string();
}

}  // namespace

class CliCostTest : public QObject {
  Q_OBJECT
 private slots:
  void costPrintsTheBillAndTheCrossover() {
    const std::string json = tempPath("cost.json");
    Captured c;
    QCOMPARE(cli::commandCost({kScenarios + "serverless-vs-containers-low-containers.json", "--crossover",
                               kScenarios + "serverless-vs-containers-low-serverless.json", "--today", "2026-12-01",
                               "--horizon", "600", "--replications", "2", "--json", json},
                              c.ctx),
             0);
    const std::string out = c.out.str();
    QVERIFY2(out.find("above 51.61 req/s") != std::string::npos, out.c_str());
    QVERIFY2(out.find("instances (on-demand)") != std::string::npos, out.c_str());
    QVERIFY2(out.find("total per month (730 h)") != std::string::npos, out.c_str());
    std::ifstream in(json);
    const auto j = nlohmann::json::parse(in);
    QCOMPARE(j["cost"]["catalog_version"].get<std::string>(), std::string("builtin-2026-11"));
    // Two m6i.large for the whole 600 s (10 req/s never needs more): 2 x 0.096 per hour.
    QCOMPARE(j["cost"]["usd_per_hour"]["mean"].get<double>(), 0.192);
    QVERIFY(std::abs(j["crossover"]["rate_per_s"].get<double>() - 51.6128) < 1e-3);
    std::filesystem::remove(json);
  }

  void offerCsvPricesTheRunAndSaysWhatItUsed() {
    const std::string json = tempPath("offer.json");
    Captured c;
    QCOMPARE(cli::commandCost({kScenarios + "serverless-vs-containers-low-containers.json", "--offer-csv",
                               std::string(HEADROOM_SOURCE_DIR) + "/tests/cost/data/aws-offer/AmazonEC2-us-east-1-index.csv",
                               "--today", "2026-12-01", "--horizon", "600", "--replications", "2", "--json", json},
                              c.ctx),
             0);
    const std::string err = c.err.str();
    QVERIFY2(err.find("AmazonEC2-us-east-1-index.csv: 12 of 28 rows used; skipped: 5 terms other than OnDemand") != std::string::npos,
             err.c_str());
    std::ifstream in(json);
    const auto j = nlohmann::json::parse(in);
    const std::string version = j["cost"]["catalog_version"].get<std::string>();
    QVERIFY2(version.find("aws-offer AmazonEC2 20261118200447") != std::string::npos, version.c_str());
    QCOMPARE(j["cost"]["usd_per_hour"]["mean"].get<double>(), 0.192);  // the file's m6i.large is $0.096 too
    std::filesystem::remove(json);
  }

  void priceBookIsUsedAndStoredInTheProject() {
    const std::string book = tempPath("book.json"), project = tempPath("p.hdrm");
    std::filesystem::remove(project);
    std::ofstream(book) << R"({"format": "headroom-price-book", "version": "acme",
      "entries": [{"vendor": "aws", "service": "ec2", "region": "us-east-1", "sku": "m6i.large", "unit": "hour",
                   "usd": 0.05, "date": "2026-11-30", "source": "ACME agreement"}]})";
    Captured c;
    QCOMPARE(cli::commandCost({kScenarios + "serverless-vs-containers-low-containers.json", "--price-book", book, "--project",
                               project, "--today", "2026-12-01", "--horizon", "600", "--replications", "2"},
                              c.ctx),
             0);
    QVERIFY2(c.out.str().find("builtin-2026-11 + acme") != std::string::npos, c.out.str().c_str());
    Project p = Project::open(project);
    QCOMPARE(p.priceBooks(), std::vector<std::string>{"acme"});
    const auto costs = p.listCosts();
    QCOMPARE(costs.size(), std::size_t{1});
    QCOMPARE(costs[0].catalog_version, std::string("builtin-2026-11 + acme"));
    QCOMPARE(costs[0].run_id, p.listRuns().back().id);
    const auto stored = nlohmann::json::parse(p.loadCost(costs[0].id));
    // 2 x 0.05 per hour (each replication's bill is rounded to the micro-dollar: 0.016667 for 600 s)
    QVERIFY(std::abs(stored["usd_per_hour"]["mean"].get<double>() - 0.10) < 1e-5);
    // The stored book prices the next run from the project alone.
    Captured again;
    QCOMPARE(cli::commandCost({kScenarios + "serverless-vs-containers-low-containers.json", "--project", project, "--today",
                               "2026-12-01", "--horizon", "600", "--replications", "2"},
                              again.ctx),
             0);
    QVERIFY2(again.out.str().find("$0.1000") != std::string::npos, again.out.str().c_str());
    std::filesystem::remove(project);
    std::filesystem::remove(book);
  }

  void runHasACostSectionWhenTheScenarioIsPriced() {
    const std::string json = tempPath("run.json");
    Captured c;
    QCOMPARE(cli::commandRun({kScenarios + "serverless-vs-containers-low-serverless.json", "--horizon", "600", "--replications",
                              "2", "--json", json, "--today", "2026-12-01"},
                             c.ctx),
             0);
    QVERIFY2(c.out.str().find("lambda duration") != std::string::npos, c.out.str().c_str());
    std::ifstream in(json);
    const auto j = nlohmann::json::parse(in);
    QVERIFY(j.contains("cost"));
    QVERIFY(j["cost"]["usd_per_1k_requests"]["mean"].get<double>() > 0);
    std::filesystem::remove(json);
    // An unpriced scenario: no cost section, and `cost` says there is nothing to price.
    Captured d;
    QCOMPARE(cli::commandRun({kScenarios + "mm1.json", "--horizon", "60", "--warmup", "0", "--replications", "2", "--quiet"}, d.ctx), 0);
    QVERIFY(d.out.str().find("Cost (") == std::string::npos);
    Captured e;
    QCOMPARE(cli::commandCost({kScenarios + "mm1.json"}, e.ctx), 1);
    QVERIFY2(e.err.str().find("nothing to price") != std::string::npos, e.err.str().c_str());
  }

  void staleCatalogWarns() {
    Captured c;
    QCOMPARE(cli::commandCost({kScenarios + "serverless-vs-containers-low-serverless.json", "--today", "2027-08-01", "--horizon",
                               "60", "--replications", "2"},
                              c.ctx),
             0);
    QVERIFY2(c.out.str().find("days old (more than 180)") != std::string::npos, c.out.str().c_str());
  }
};

QTEST_APPLESS_MAIN(CliCostTest)
#include "test_cli_cost.moc"
