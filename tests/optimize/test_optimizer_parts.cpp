// The optimizer's parts: gamma quantiles, stress cases, steady-state cost, the screening model against exact
// M/M/c figures, the front's marginal cost, the binding constraint, determinism across threads, cancel, errors.
#include <QtTest>

#include <cmath>

#include "optimize_fixtures.h"
#include "simulator/cost/price_catalog.h"
#include "simulator/optimize/candidate_cost.h"
#include "simulator/optimize/gamma_quantile.h"
#include "simulator/optimize/optimize_json.h"
#include "simulator/optimize/pareto_front.h"
#include "simulator/optimize/screening.h"
#include "simulator/optimize/stress_case.h"

using namespace headroom;
using namespace headroom::optimize;

class TestOptimizerParts : public QObject {
  Q_OBJECT

  const cost::PriceCatalog catalog_ = cost::builtinCatalog();
  const cost::PricingContext pricing_{&catalog_, "2026-11-15"};

  static QString errorOf(const std::function<void()>& f) {
    try {
      f();
    } catch (const std::exception& e) {
      return QString::fromStdString(e.what());
    }
    return {};
  }

 private slots:
  void gammaQuantileMatchesKnownValues() {
    // Shape 1 is the exponential: p99 = ln(100) x scale. Shape 2, scale 2 is chi-square with 4 dof: 13.2767.
    QVERIFY(std::abs(gammaQuantile(0.99, 1.0, 3.0) - std::log(100.0) * 3.0) < 1e-9);
    QVERIFY(std::abs(gammaQuantile(0.99, 2.0, 2.0) - 13.276704) < 1e-5);
    QVERIFY(std::abs(regularizedGammaP(5.0, 5.0) - 0.5595067) < 1e-6);
  }

  void stressCaseHoldsTrafficAtKTimesThePeak() {
    QCOMPARE(parseAtOption("peak*2").traffic_factor, 2.0);
    QCOMPARE(parseAtOption("peak").traffic_factor, 1.0);
    QVERIFY(errorOf([] { parseAtOption("peak*0"); }).contains("factor K > 0"));
    QVERIFY(errorOf([] { parseAtOption("top*2"); }).contains("peak*K"));
    Scenario s = test::threeTier();
    s.sources[0].rate = RateCurve::constant(100.0);
    s.sources[0].rate.spikes.push_back({});
    s.sources[0].rate.spikes.back().start_s = 10;
    s.sources[0].rate.spikes.back().duration_s = 10;
    s.sources[0].rate.spikes.back().factor = 1.5;
    const Scenario stressed = applyStressCase(s, parseAtOption("peak*2"));
    QVERIFY(stressed.sources[0].rate.isStationary());
    QCOMPARE(stressed.sources[0].rate.rateAt(0.0), 300.0);  // 2 x the spike's 150
    QVERIFY(errorOf([&] { applyStressCase(s, failoverCase("mars-1", 1.0)); }).contains("no such region"));
  }

  void steadyStateCostIsTheCatalogPriceTimesReplicasFor730Hours() {
    Scenario s = test::threeTier();  // web 2, app 3, db 2 x m6i.large at $0.096/h
    QCOMPARE(steadyStateUsdPerMonth(s, pricing_), 7 * 0.096 * 730);
    s.components[1].pricing->instance_type = "m6i.2xlarge";  // 4 x the price
    QVERIFY(std::abs(steadyStateUsdPerMonth(s, pricing_) - (4 + 3 * 4) * 0.096 * 730) < 1e-6);
  }

  void instanceTypeVariableScalesWorkersWithVcpus() {
    const Scenario s = test::threeTier();
    const CandidateSpace space(s, test::threeTierVariables(s, catalog_), catalog_);
    const Scenario c = space.scenarioOf({0, 2, 3, 1, 0, 0});  // web 1 x 2xlarge, app 4 x xlarge
    QCOMPARE(c.components[0].replicas, 1);
    QCOMPARE(c.components[0].workers_per_replica, 8);
    QCOMPARE(c.components[1].replicas, 4);
    QCOMPARE(c.components[1].workers_per_replica, 4);
    QCOMPARE(c.components[1].pricing->instance_type, std::string("m6i.xlarge"));
    QVERIFY(errorOf([&] { fromSweepVariable(parseVarOption("/components/web/pricing/instance_type=m6i.huge"), s, catalog_); })
                .contains("m6i.huge"));
    QVERIFY(errorOf([&] { CandidateSpace(s, {fromSweepVariable(parseVarOption("/components/cache/replicas=1:3"), s, catalog_)}, catalog_); })
                .contains("cache"));
    QVERIFY(errorOf([] { parseVarOption("/components/web/replicas=5:1"); }).contains("LO <= HI"));
  }

  void screeningOfOneStationIsTheExactMmcPercentile() {
    Scenario s = test::threeTier();
    s.components.resize(1);
    s.components[0].behaviour.clear();
    s.components[0].replicas = 1;
    s.components[0].workers_per_replica = 2;
    s.sources[0].rate = RateCurve::constant(150.0);  // 1.2 Erlangs on 2 servers (8 ms)
    const ScreenFigures f = screenAnalytic(s);
    QVERIFY(f.evaluable);
    QVERIFY(!f.overloaded);
    // M/M/2, lambda 150, mu 125: P(wait) = Erlang C = 0.45; wait | wait ~ Exp(100/s). The p99 solves
    // 0.55 e^{-125 t} + 0.45 (125 e^{-100 t} - 100 e^{-125 t}) / 25 = 0.01 (hypoexponential tail).
    auto tail = [](double t) { return 0.55 * std::exp(-125 * t) + 0.45 * (125 * std::exp(-100 * t) - 100 * std::exp(-125 * t)) / 25; };
    QVERIFY(std::abs(tail(f.p99_ms / 1000.0) - 0.01) < 1e-4);
    s.sources[0].rate = RateCurve::constant(300.0);  // 2.4 Erlangs on 2 servers
    const ScreenFigures over = screenAnalytic(s);
    QVERIFY(over.overloaded);
    QVERIFY(std::isinf(over.p99_ms));
  }

  void frontIsMonotoneWithMarginalCostPerMs() {
    auto candidate = [](double usd, double p99) {
      Candidate c;
      c.usd_per_month = usd;
      c.levels = {static_cast<int>(usd)};
      CaseOutcome o;
      o.p99_ms = o.p99_upper_ms = p99;
      c.screening = {o};
      return c;
    };
    const auto front = paretoFront({candidate(300, 100), candidate(100, 200), candidate(200, 250), candidate(200, 150),
                                    candidate(400, 100)});
    QCOMPARE(front.size(), std::size_t{3});
    QCOMPARE(front[0].candidate.usd_per_month, 100.0);
    QVERIFY(std::isnan(front[0].marginal_usd_per_month_per_ms));
    QCOMPARE(front[1].p99_ms, 150.0);
    QCOMPARE(front[1].marginal_usd_per_month_per_ms, 2.0);  // $100 for 50 ms
    QCOMPARE(front[2].marginal_usd_per_month_per_ms, 2.0);  // $100 for 50 ms
  }

  void bindingConstraintNamesACheaperNeighbourThatFails() {
    const Scenario s = test::threeTier();
    OptimizeOptions o = test::threeTierOptions(s, catalog_);
    o.confirm = false;
    const OptimizeResult r = optimize::optimize(s, o, pricing_);
    QVERIFY(r.chosen && r.binding);
    QVERIFY(r.binding->saving_usd_per_month > 0);
    QCOMPARE(r.binding->stress_case, std::string("peak*2"));
    QVERIFY(r.binding->neighbour_value > r.binding->limit || r.binding->slo == "errors");
    QVERIFY(!r.binding->component.empty());
    QVERIFY(!r.front.empty());
    for (std::size_t i = 1; i < r.front.size(); ++i) {
      QVERIFY(r.front[i].candidate.usd_per_month > r.front[i - 1].candidate.usd_per_month);
      QVERIFY(r.front[i].p99_ms < r.front[i - 1].p99_ms);
      QVERIFY(r.front[i].marginal_usd_per_month_per_ms > 0);
    }
  }

  void sameSeedSameResultForAnyThreadCount() {
    const Scenario s = test::threeTier();
    OptimizeOptions o = test::threeTierOptions(s, catalog_);
    o.replications = 3;
    o.seed = 7;
    o.threads = 1;
    const auto one = toJson(optimize::optimize(s, o, pricing_)).dump();
    o.threads = 2;
    const auto two = toJson(optimize::optimize(s, o, pricing_)).dump();
    QCOMPARE(one, two);
  }

  void cancelStopsPromptlyWithAPartialResult() {
    const Scenario s = test::threeTier();
    Feedback feedback;
    feedback.cancel();
    const OptimizeResult r = optimize::optimize(s, test::threeTierOptions(s, catalog_), pricing_, &feedback);
    QVERIFY(r.cancelled);
    QVERIFY(r.evaluations.screened <= 2);
  }

  void unreachableSloSaysSo() {
    const Scenario s = test::threeTier();
    OptimizeOptions o = test::threeTierOptions(s, catalog_);
    o.slo.p99_ms = 20.0;  // below the service times themselves
    const OptimizeResult r = optimize::optimize(s, o, pricing_);
    QVERIFY(!r.chosen);
    QVERIFY(!r.notes.empty());
    QVERIFY(QString::fromStdString(r.notes.back()).contains("top of every variable"));
  }
};

QTEST_APPLESS_MAIN(TestOptimizerParts)
#include "test_optimizer_parts.moc"
