// Cost along a plan (simulator/planning/plan_cost.h): each 730 h billing month priced from the plan's own usage,
// checked to the cent against hand-computed bills — a fixed fleet, an HPA's replica path (its integral
// computed here from the plan's trace, and near its steady states), a Lambda, egress, cluster nodes, partial
// months and what is not priced.
#include <QtTest>

#include <cmath>

#include "simulator/cost/price_catalog.h"
#include "simulator/planning/plan.h"
#include "simulator/planning/plan_io.h"
#include "plan_fixtures.h"

using namespace headroom;
using namespace headroom::planning;

namespace {

constexpr double kMonth_s = 730.0 * 3600.0;

const cost::PriceCatalog& catalog() {
  static const cost::PriceCatalog c = cost::builtinCatalog();
  return c;
}

PlanResult plan(const Scenario& s, double horizon_s) {
  PlanOptions o;
  o.horizon_s = horizon_s;
  o.point_interval_s = 86400.0;
  o.price_catalog = &catalog();
  o.priced_on = "2026-12-01";
  return runPlan(s, o);
}

double lineUsd(const PlanMonthCost& m, const std::string& component, const std::string& resourcePrefix) {
  double usd = 0.0;
  for (const PlanCostLine& l : m.lines)
    if (l.component == component && l.resource.rfind(resourcePrefix, 0) == 0) usd += l.usd;
  return usd;
}

bool cents(double got, double want) { return std::abs(got - want) < 0.005; }

}  // namespace

class TestPlanCost : public QObject {
  Q_OBJECT
 private slots:
  void fixedFleetOfThreeM6iLargeCosts21024AMonth() {
    // 3 x m6i.large on demand ($0.096/h) for 730 h = $210.24; two months, then half a month.
    const Scenario s = test::scenarioFrom(
        R"([{"name": "api", "type": "service", "replicas": 3, "service_time": {"dist": "exponential", "mean_ms": 50},
             "pricing": {"instance_type": "m6i.large"}}])",
        R"({"kind": "constant", "rate_per_s": 5})");
    const PlanResult p = plan(s, 2.5 * kMonth_s);
    QVERIFY(p.cost);
    QCOMPARE(p.cost->months.size(), std::size_t(3));
    for (int m = 0; m < 2; ++m) {
      const PlanMonthCost& mo = p.cost->months[static_cast<std::size_t>(m)];
      QVERIFY2(cents(mo.usd, 210.24), qPrintable(QString::number(mo.usd, 'f', 6)));
      QVERIFY(!mo.partial);
      QVERIFY(cents(mo.usd_per_month, 210.24));
      // 5 req/s x 730 h = 13,140,000 requests: $0.0160 per 1,000.
      QVERIFY(std::abs(mo.requests - 5.0 * kMonth_s) < 1e-3);
      QVERIFY(std::abs(mo.usd_per_1k_requests - 210.24 / 13140.0) < 1e-9);
      QCOMPARE(mo.components.size(), std::size_t(1));
      QVERIFY(cents(mo.components.front().second, 210.24));
    }
    const PlanMonthCost& half = p.cost->months[2];
    QVERIFY(half.partial);
    QVERIFY(cents(half.usd, 105.12));
    QVERIFY(cents(half.usd_per_month, 210.24));
    QVERIFY(cents(p.cost->total_usd, 525.60));
    QVERIFY(p.cost->not_priced.empty());
  }

  void hpaReplicaPathIsPricedAsItsExactIntegral() {
    // HPA at 50% CPU, 100 ms per request on one worker: 10 req/s needs 2 replicas, 30 req/s needs 6. The rate
    // steps up halfway through the month and back down 10 days later.
    const double up = 0.5 * kMonth_s, down = up + 10 * 86400.0;
    const Scenario s = test::scenarioFrom(
        R"([{"name": "api", "type": "service", "replicas": 2, "service_time": {"dist": "exponential", "mean_ms": 100},
             "autoscaling": {"kind": "kubernetes_hpa", "min_replicas": 1, "max_replicas": 10,
                             "metrics": [{"type": "cpu_utilization", "target": 50}]},
             "pricing": {"instance_type": "m6i.large"}}])",
        R"({"kind": "steps", "steps": [{"at_s": 0, "rate_per_s": 10}, {"at_s": )" + std::to_string(up) +
            R"(, "rate_per_s": 30}, {"at_s": )" + std::to_string(down) + R"(, "rate_per_s": 10}]})");
    const PlanResult p = plan(s, 2 * kMonth_s);
    QVERIFY(p.cost);
    QCOMPARE(p.cost->months.size(), std::size_t(2));
    // The integral of the plan's own replica path, month by month, at $0.096 per instance-hour. A replica that
    // stops pays at least 60 s; on 60 s steps every run is already a whole number of minutes.
    const auto& path = p.replica_paths.at(0);
    QVERIFY(path.size() > 2);
    for (int m = 0; m < 2; ++m) {
      const double a = m * kMonth_s, b = a + kMonth_s;
      double replicaSeconds = 0.0;
      for (std::size_t k = 0; k < path.size(); ++k) {
        const double from = std::max(a, path[k].at_s);
        const double to = std::min(b, k + 1 < path.size() ? path[k + 1].at_s : 2 * kMonth_s);
        if (to > from) replicaSeconds += path[k].replicas * (to - from);
      }
      const PlanMonthCost& mo = p.cost->months[static_cast<std::size_t>(m)];
      const double want = replicaSeconds / 3600.0 * 0.096;
      QVERIFY2(cents(lineUsd(mo, "api", "instances"), want),
               qPrintable(QString("month %1: %2 vs %3").arg(m).arg(lineUsd(mo, "api", "instances"), 0, 'f', 6).arg(want, 0, 'f', 6)));
    }
    // Near its steady states: month 1 = 365 h on 2 replicas, 240 h on 6, 125 h on 2 ($232.32); month 2 = 730 h on
    // 2 ($140.16). The HPA's transitions (a doubling overshoot, stabilization) move it by a few replica-hours.
    QVERIFY2(std::abs(p.cost->months[0].usd - (365 * 2 + 240 * 6 + 125 * 2) * 0.096) < 1.0, qPrintable(QString::number(p.cost->months[0].usd)));
    QVERIFY2(std::abs(p.cost->months[1].usd - 730 * 2 * 0.096) < 1.0, qPrintable(QString::number(p.cost->months[1].usd)));
  }

  void lambdaMonthIsRequestsPlusGbSeconds() {
    // 512 MB, exactly 100 ms, 10 M requests in the month (no free tier): $2.00 of requests, and
    // 10 M x (0.1 s + 0.5 ms rounding) x 0.5 GB = 502,500 GB-s x $0.0000166667 = $8.375017; $10.38 in all.
    const double rate = 10e6 / kMonth_s;
    const Scenario s = test::scenarioFrom(
        R"([{"name": "api", "type": "serverless", "service_time": {"dist": "deterministic", "value_ms": 100},
             "serverless": {"memory_mb": 512}, "pricing": {"architecture": "x86"}}])",
        R"({"kind": "constant", "rate_per_s": )" + std::to_string(rate) + "}");
    const PlanResult p = plan(s, kMonth_s);
    QVERIFY(p.cost);
    const PlanMonthCost& mo = p.cost->months.at(0);
    QVERIFY2(cents(lineUsd(mo, "api", "lambda requests"), 2.00), qPrintable(QString::number(lineUsd(mo, "api", "lambda requests"))));
    QVERIFY2(cents(mo.usd, 10.375017), qPrintable(QString::number(mo.usd, 'f', 6)));
  }

  void fiveTerabytesOfEgressCost45180() {
    // 10 req/s for 730 h with bytes_per_response set so that the month sends 5 TB (5 x 1024^4 bytes): $451.80.
    const double bytes = 5.0 * std::pow(1024.0, 4) / (10.0 * kMonth_s);
    const Scenario s = test::scenarioFrom(
        R"([{"name": "api", "type": "service", "replicas": 2, "service_time": {"dist": "exponential", "mean_ms": 20},
             "pricing": {"bytes_per_response": )" + std::to_string(bytes) + "}}]",
        R"({"kind": "constant", "rate_per_s": 10})");
    const PlanResult p = plan(s, kMonth_s);
    QVERIFY(p.cost);
    QVERIFY2(cents(p.cost->months.at(0).usd, 451.80), qPrintable(QString::number(p.cost->months.at(0).usd, 'f', 6)));
  }

  void clusterNodesFollowThePodsAndPodsAreNotPricedTwice() {
    // 6 pods of 1 CPU on 4-core m6i.xlarge nodes ($0.192/h): 2 nodes for 730 h = $280.32. The pods themselves
    // are paid as nodes, and a component without pricing is listed as not priced.
    const Scenario s = test::scenarioFrom(
        R"([{"name": "api", "type": "service", "replicas": 6, "service_time": {"dist": "exponential", "mean_ms": 50},
             "pod": {"cpu_request_cores": 1, "memory_gib": 2}, "behaviour": {"*": {"next": [{"to": "db", "p": 1}]}}},
            {"name": "db", "type": "service", "replicas": 1, "service_time": {"dist": "exponential", "mean_ms": 5}}])",
        R"({"kind": "constant", "rate_per_s": 10})",
        R"(, "cluster": {"node_pools": [{"name": "general", "cpu_cores": 4, "memory_gib": 16, "min_nodes": 1,
                                          "max_nodes": 5, "initial_nodes": 2, "instance_type": "m6i.xlarge"}]})");
    const PlanResult p = plan(s, kMonth_s);
    QVERIFY(p.cost);
    QVERIFY2(cents(p.cost->months.at(0).usd, 280.32), qPrintable(QString::number(p.cost->months.at(0).usd, 'f', 6)));
    QCOMPARE(p.cost->months.at(0).components.front().first, std::string("cluster/general"));
    QCOMPARE(p.cost->not_priced.size(), std::size_t(2));
    QCOMPARE(p.cost->not_priced[0].first, std::string("api"));
    QCOMPARE(p.cost->not_priced[1].first, std::string("db"));
  }

  void unpricedScenarioHasNoCostAndJsonCarriesTheMonths() {
    const Scenario bare = test::scenarioFrom(
        R"([{"name": "api", "type": "service", "replicas": 1, "service_time": {"dist": "exponential", "mean_ms": 50}}])",
        R"({"kind": "constant", "rate_per_s": 1})");
    QVERIFY(!plan(bare, 86400.0).cost);
    const Scenario s = test::scenarioFrom(
        R"([{"name": "api", "type": "service", "replicas": 3, "service_time": {"dist": "exponential", "mean_ms": 50},
             "pricing": {"instance_type": "m6i.large"}}])",
        R"({"kind": "constant", "rate_per_s": 5})");
    const PlanResult p = plan(s, kMonth_s);
    const auto j = planToJson(p);
    QCOMPARE(j["cost_by_month"].size(), std::size_t(1));
    QVERIFY(cents(j["cost_by_month"][0]["usd"].get<double>(), 210.24));
    QVERIFY(cents(j["cost_by_month"][0]["components"]["api"].get<double>(), 210.24));
    QCOMPARE(j["replica_paths"]["api"].size(), std::size_t(1));
    const std::string csv = planCostToCsv(p);
    QVERIFY(csv.find("0,0,2628000,0,total,,,,,210.240000,210.240000,13140000,") != std::string::npos);
    QVERIFY(planSummaryText(p).find("Cost along the plan") != std::string::npos);
  }
};

QTEST_APPLESS_MAIN(TestPlanCost)
#include "test_plan_cost.moc"
