// The plain C++ behind the planning views (ui/planning/*, no Qt widgets): cost over time adds up to the bill,
// sweep fields and values as the Sweeps view offers them, the Optimizer view's request as the CLI's options,
// the runway explanation, and the band the Plan view draws being the planner's own P10/P90 paths.
#include <QtTest>

#include <cmath>

#include "model/scenario_json.h"
#include "simulator/cost/price_catalog.h"
#include "simulator/planning/plan.h"
#include "simulator/sweep/sweep_plan.h"
#include "ui/planning/cost_timeline.h"
#include "ui/planning/plan_explain.h"
#include "ui/planning/sweep_builder.h"
#include "ui/planning/optimizer_request.h"

using namespace headroom;
using namespace headroom::planning_views;

class TestPlanningCore : public QObject {
  Q_OBJECT

 private slots:
  void costWindowsAddUpToTheBill() {
    // A 2 -> 5 -> 3 replica trace over an hour, plus a serverless function's requests: the windows of every
    // line add up to the same line priced over the whole hour, to the micro-dollar.
    cost::UsageTrace trace;
    trace.end_s = 3600;
    cost::ComponentUsage api;
    api.component = "api";
    api.pricing.instance_type = "m6i.large";
    api.instances = cost::runsFromSteps({{0, 2}, {1000, 5}, {2500, 3}}, 3600);
    trace.components.push_back(api);
    cost::ComponentUsage fn;
    fn.component = "fn";
    fn.pricing.architecture = "x86";
    fn.serverless = true;
    fn.requests = 1e6;
    fn.gb_seconds = 5e4;
    trace.components.push_back(fn);
    const cost::PriceCatalog catalog = cost::builtinCatalog();
    const cost::PricingContext context{&catalog, "2026-12-01"};
    const cost::CostBreakdown whole = cost::priceUsage(trace, context);
    const CostTimeline t = costOverTime(trace, context, 12);
    QCOMPARE(t.window_start_s.size(), std::size_t(12));
    QCOMPARE(t.series.size(), whole.lines.size());
    for (std::size_t s = 0; s < t.series.size(); ++s) {
      double sum = 0;
      for (double usd : t.usd[s]) {
        QVERIFY2(usd >= -1e-9, qPrintable(QString::fromStdString(t.series[s])));
        sum += usd;
      }
      QVERIFY2(std::abs(sum - cost::toUsd(whole.lines[s].micro_usd)) < 1e-6, qPrintable(QString::fromStdString(t.series[s])));
    }
    // The instance line follows the replica count: the window at 1500-1800 s (5 replicas) costs 2.5x the first (2).
    const std::size_t inst = 0;
    QVERIFY(t.series[inst].find("api") == 0);
    QVERIFY(std::abs(t.usd[inst][5] / t.usd[inst][0] - 2.5) < 0.01);
  }

  void sweepFieldsAreScenarioPointers() {
    const Scenario s = loadScenarioFile(HEADROOM_SOURCE_DIR "/scenarios/mm1.json");
    const std::vector<std::string> fields = sweepableFields(s);
    QVERIFY(std::find(fields.begin(), fields.end(), "/components/server/workers_per_replica") != fields.end());
    QVERIFY(std::find(fields.begin(), fields.end(), "/simulation/horizon_s") != fields.end());
    for (const std::string& f : fields) QVERIFY2(f.find("layout") == std::string::npos, f.c_str());
  }

  void valuesParseAndRefuse() {
    QCOMPARE(parseValues("1, 2, 4").values, (std::vector<double>{1, 2, 4}));
    const ValuesSpec r = parseValues(" 2..8 step 2 ");
    QVERIFY(r.range);
    QCOMPARE(r.from, 2.0);
    QCOMPARE(r.to, 8.0);
    QCOMPARE(r.step, 2.0);
    QCOMPARE(parseValues("1..3").step, 1.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseValues("1, x"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseValues("1..3 step 0"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseValues("5..1"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseValues(""));
  }

  void sweepDocumentPlans() {
    const Scenario s = loadScenarioFile(HEADROOM_SOURCE_DIR "/scenarios/mm1.json");
    const nlohmann::json doc = sweepDocument("t", s,
                                             {{"/components/server/workers_per_replica", parseValues("1..3")},
                                              {"/sources/arrivals/rate/rate_per_s", parseValues("4, 6")}},
                                             {"end_to_end.response_p99_s"}, 2);
    const sweep::SweepPlan plan = sweep::planSweep(doc, "test", ".");
    QCOMPARE(plan.points.size(), std::size_t(6));
    QCOMPARE(plan.replications, 2);
    QCOMPARE(plan.points.back().scenario.components.front().workers_per_replica, 3);
    QVERIFY(plan.points.front().values["workers_per_replica"].is_number_integer());  // integers stay integers
  }

  void optimizerRequestReadsAsTheCliOptions() {
    // The view's levels text becomes the --var text that `headroom-cli optimize` parses.
    QCOMPARE(varOptionText({"/components/api/replicas", "1..8"}), std::string("/components/api/replicas=1:8"));
    QCOMPARE(varOptionText({" /components/api/replicas ", "2..16 step 2"}), std::string("/components/api/replicas=2:16:2"));
    QCOMPARE(varOptionText({"/components/api/pricing/instance_type", "m6i.large, m6i.xlarge"}),
             std::string("/components/api/pricing/instance_type=m6i.large,m6i.xlarge"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, varOptionText({"/components/api/replicas", "  "}));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, varOptionText({"", "1..4"}));
    // And the options are the optimizer's: levels, stress case, SLO, budget, seed.
    const Scenario base = loadScenarioFile(HEADROOM_SOURCE_DIR "/scenarios/optimize-three-tier.json");
    const cost::PriceCatalog catalog = cost::builtinCatalog();
    OptimizerRequest r;
    r.variables = {{"/components/app/replicas", "2..6 step 2"}};
    r.p99_ms = 150;
    r.at = "peak*2";
    r.budget = 40;
    r.seed = 7;
    r.replications = 3;
    const optimize::OptimizeOptions o = optimizeOptions(r, base, catalog);
    QCOMPARE(o.variables.size(), std::size_t(1));
    QCOMPARE(o.variables[0].levels.size(), std::size_t(3));
    QCOMPARE(o.variables[0].levels.back().get<int>(), 6);
    QCOMPARE(o.cases.size(), std::size_t(1));
    QCOMPARE(o.cases[0].traffic_factor, 2.0);
    QCOMPARE(o.slo.p99_ms, 150.0);
    QCOMPARE(o.budget, std::int64_t(40));
    QCOMPARE(o.seed, std::uint64_t(7));
    QCOMPARE(o.replications, 3);
    r.variables = {{"/components/nope/replicas", "1..2"}};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, optimizeOptions(r, base, catalog));
  }

  void explanationNamesReasonTrafficAndCapacity() {
    planning::Runway r;
    r.component = "orders-db";
    r.breaks = true;
    r.break_at_s = 12.5 * 86400;
    r.condition = "utilization 0.83 > 0.8";
    r.reason = planning::BindingReason::Workers;
    r.offered_per_s_at_break = 420;
    r.scales_horizontally = false;
    r.max_replicas = 2;
    r.capacity_per_s = 400;
    r.peak_offered_per_s = 250;
    r.growth_factor = 1.6;
    r.residual_capacity = 0.375;
    std::string all;
    for (const std::string& p : explainRunway(r, 90 * 86400.0)) all += p + "\n";
    QVERIFY2(all.find("12.5 days") != std::string::npos, all.c_str());
    QVERIFY2(all.find("workers") != std::string::npos, all.c_str());
    QVERIFY2(all.find("420.0 req/s") != std::string::npos, all.c_str());
    QVERIFY2(all.find("does not scale out (2 fixed") != std::string::npos, all.c_str());
    QVERIFY2(all.find("1.60x") != std::string::npos && all.find("38%") != std::string::npos, all.c_str());
    QCOMPARE(formatPlanTime(90 * 86400.0), std::string("3.0 months"));
  }
  // The Plan view draws the P10/P90 traffic as the P50 timeline times bandTrafficFactor; that must be the
  // traffic the planner itself planned on those paths (they once used 30-day and mean months apiece).
  void bandTheViewDrawsIsThePlannersPath() {
    const Scenario sc = scenarioFromText(R"({"format": "headroom-scenario", "version": 1, "components": [{"name": "api", "type": "service", "replicas": 4,
        "workers_per_replica": 4, "service_time": {"dist": "exponential", "mean_ms": 10}}],
      "sources": [{"name": "web", "type": "open", "entry": "api", "arrivals": "poisson",
        "rate": {"kind": "compound", "rate_per_s": 10, "growth_percent": 10, "per": "month"}}]})",
                                         "band.json");
    const planning::GrowthBand band{4.0, 10.0, 21.0, "test"};
    planning::PlanOptions o;
    o.horizon_s = 180 * 86400.0;
    o.point_interval_s = 86400.0;
    const planning::PlanResult p50 = planning::runPlan(sc, o);
    o.traffic_growth_ratio_per_month = (1.0 + band.p90_percent_per_month / 100.0) / (1.0 + band.p50_percent_per_month / 100.0);
    const planning::PlanResult p90 = planning::runPlan(sc, o);
    QCOMPARE(p90.timeline.size(), p50.timeline.size());
    QVERIFY(p50.timeline.size() >= 170);
    for (std::size_t i = 0; i < p50.timeline.size(); i += 10) {
      // A point's traffic is its steps' mean; the factor is taken at the point's middle (convexity error ~1e-6).
      const double mid_s = p50.timeline[i].start_s + 0.5 * o.point_interval_s;
      const double drawn = p50.timeline[i].end_to_end.offered_per_s * bandTrafficFactor(band, mid_s, band.p90_percent_per_month);
      const double planned = p90.timeline[i].end_to_end.offered_per_s;
      QVERIFY2(std::abs(drawn / planned - 1.0) < 1e-5, qPrintable(QString("day %1: drawn %2 vs planned %3").arg(mid_s / 86400).arg(drawn).arg(planned)));
    }
  }
};

QTEST_APPLESS_MAIN(TestPlanningCore)
#include "test_planning_core.moc"
