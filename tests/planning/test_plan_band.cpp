// Forecast bands (simulator/planning/plan_band.h): the fluid pass on the P10/P50/P90 traffic paths. On
// compound growth with a known band, a fixed M/M/c-like service crosses its utilization threshold when
// r0 (1 + g)^(t / month) = capacity, so each break date is month x ln(capacity / r0) / ln(1 + g); a
// function's monthly requests integrate the same curve in closed form, so its cost band is known too.
#include <QtTest>

#include <cmath>

#include "model/units.h"
#include "simulator/cost/price_catalog.h"
#include "simulator/planning/plan_band.h"
#include "simulator/planning/plan_io.h"
#include "plan_fixtures.h"

using namespace headroom;
using namespace headroom::planning;

namespace {

constexpr double kMonth_s = 730.0 * 3600.0;  // billing month
constexpr double kR0 = 10.0;                  // req/s at t = 0
constexpr double kCapacity = 16.0;            // 2 workers x 100 ms at 80% utilization

double breakAt(double growthPercent) { return kSecondsPerMonth * std::log(kCapacity / kR0) / std::log(1.0 + growthPercent / 100.0); }

// Requests in [0, T) of r0 (1 + g)^(t / month).
double requestsUntil(double T, double growthPercent) {
  const double k = std::log(1.0 + growthPercent / 100.0) / kSecondsPerMonth;
  return kR0 * (std::exp(k * T) - 1.0) / k;
}

Scenario scenario() {
  return test::scenarioFrom(
      R"([{"name": "api", "type": "service", "replicas": 1, "workers_per_replica": 2,
           "service_time": {"dist": "exponential", "mean_ms": 100}, "pricing": {"instance_type": "m6i.large"},
           "behaviour": {"*": {"next": [{"to": "fn", "p": 1}]}}},
          {"name": "fn", "type": "serverless", "service_time": {"dist": "deterministic", "value_ms": 100},
           "serverless": {"memory_mb": 512, "concurrency_limit": 1000}, "pricing": {"architecture": "x86"}}])",
      R"({"kind": "compound", "rate_per_s": 10, "growth_percent": 10, "per": "month"})");
}

}  // namespace

class TestPlanBand : public QObject {
  Q_OBJECT
 private slots:
  void breakDatesAndCostBandSolveInClosedForm() {
    const cost::PriceCatalog catalog = cost::builtinCatalog();
    PlanOptions o;
    o.horizon_s = 320 * 86400.0;
    o.point_interval_s = 86400.0;
    o.price_catalog = &catalog;
    o.priced_on = "2026-12-01";
    GrowthBand band{5.0, 10.0, 15.0, "test"};
    const PlanResult p = runPlanBand(scenario(), o, band);
    QVERIFY(p.band);
    const RunwayBand& api = p.band->runways.front();
    QCOMPARE(api.component, std::string("api"));
    // Early date from the P90 (15%) path, late one from the P10 (5%) path; one 60 s step of slack.
    QVERIFY(api.break_at_s_p10 && api.break_at_s_p50 && api.break_at_s_p90);
    QVERIFY2(std::abs(*api.break_at_s_p10 - breakAt(15)) < 120.0, qPrintable(QString::number(*api.break_at_s_p10 - breakAt(15))));
    QVERIFY2(std::abs(*api.break_at_s_p50 - breakAt(10)) < 120.0, qPrintable(QString::number(*api.break_at_s_p50 - breakAt(10))));
    QVERIFY2(std::abs(*api.break_at_s_p90 - breakAt(5)) < 120.0, qPrintable(QString::number(*api.break_at_s_p90 - breakAt(5))));
    QCOMPARE(api.reason_p50, std::string("cpu/workers"));
    // The P50 plan is the scenario as written.
    QVERIFY(std::abs(test::runwayOf(p, "api").break_at_s - *api.break_at_s_p50) < 1e-9);

    // Month 1: the fixed api costs $70.08 on every path; the function bills per request
    // ($0.20 per million + 0.1005 s x 0.5 GB x $0.0000166667 per GB-second).
    const double perRequest = 0.20e-6 + 0.1005 * 0.5 * 0.0000166667;
    QVERIFY(!p.band->cost_by_month.empty());
    const MonthCostBand& m0 = p.band->cost_by_month.front();
    const double want[3] = {70.08 + requestsUntil(kMonth_s, 5) * perRequest, 70.08 + requestsUntil(kMonth_s, 10) * perRequest,
                            70.08 + requestsUntil(kMonth_s, 15) * perRequest};
    QVERIFY2(std::abs(m0.usd_p10 - want[0]) < 0.005, qPrintable(QString("%1 vs %2").arg(m0.usd_p10, 0, 'f', 6).arg(want[0], 0, 'f', 6)));
    QVERIFY2(std::abs(m0.usd_p50 - want[1]) < 0.005, qPrintable(QString("%1 vs %2").arg(m0.usd_p50, 0, 'f', 6).arg(want[1], 0, 'f', 6)));
    QVERIFY2(std::abs(m0.usd_p90 - want[2]) < 0.005, qPrintable(QString("%1 vs %2").arg(m0.usd_p90, 0, 'f', 6).arg(want[2], 0, 'f', 6)));

    const auto j = planToJson(p);
    QVERIFY(std::abs(j["band"]["runways"][0]["break_at_s"]["p10"].get<double>() - *api.break_at_s_p10) < 1e-6);
    QVERIFY(planBandToCsv(p).find("break_at_s,api,") != std::string::npos);
    QVERIFY(planSummaryText(p).find("Forecast band") != std::string::npos);
  }

  void fitTrafficBandIsTheEightyPercentPartOfItsNinetyFiveCi() {
    const GrowthBand b = growthBandFromFitJson(R"({"trend": "compound", "growth_percent_per_month": [10.0, 2.16, 17.84]})", "fit.json");
    // Half-width 7.84 at z = 1.96, so 5.126... at z = 1.2816.
    QVERIFY(std::abs(b.p50_percent_per_month - 10.0) < 1e-12);
    QVERIFY(std::abs(b.p10_percent_per_month - (10.0 - 7.84 * 1.2815515655446004 / 1.959963984540054)) < 1e-9);
    QVERIFY(std::abs(b.p90_percent_per_month - (10.0 + 7.84 * 1.2815515655446004 / 1.959963984540054)) < 1e-9);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, growthBandFromFitJson(R"({"refused": "too short"})", "fit.json"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, growthBandFromFitJson(R"({"trend": "compound"})", "fit.json"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runPlanBand(scenario(), {}, GrowthBand{12, 10, 15, "x"}));
  }
};

QTEST_APPLESS_MAIN(TestPlanBand)
#include "test_plan_band.moc"
