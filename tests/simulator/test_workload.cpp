// Sources offer exactly the load their rate curves and populations describe.
#include <QtTest>

#include <cmath>

#include "scenario_builders.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

// A pure-latency sink so that nothing queues and the offered load is what we count.
Scenario sinkWith(const Source& source, double horizon_s, double window_s) {
  Scenario s;
  s.name = "workload";
  Component sink = test::station("sink", 1, Distribution::deterministic(0.001));
  sink.type = Component::Type::Delay;
  s.components.push_back(sink);
  s.sources.push_back(source);
  s.simulation.horizon_s = horizon_s;
  s.simulation.window_s = window_s;
  s.simulation.replications = 1;
  s.simulation.seed = 99;
  return s;
}

double arrivals(const RunResult& r) { return r.endToEnd()->arrival_rate_per_s.mean * r.horizon_s; }

// Integral of the rate over [0, horizon] by the trapezoidal rule on a fine grid.
double expectedArrivals(const RateCurve& c, double horizon_s) {
  const int n = 200000;
  const double h = horizon_s / n;
  double sum = 0.5 * (c.rateAt(0) + c.rateAt(horizon_s));
  for (int i = 1; i < n; ++i) sum += c.rateAt(i * h);
  return sum * h;
}

// A Poisson count has variance equal to its mean: 5 standard deviations is a test that only a bug fails.
void verifyPoissonCount(double observed, double expected) {
  QVERIFY2(std::abs(observed - expected) <= 5.0 * std::sqrt(expected),
           qPrintable(QString("observed %1 arrivals, expected %2").arg(observed).arg(expected)));
}

}  // namespace

class WorkloadTest : public QObject {
  Q_OBJECT
 private slots:
  void constantPoissonRate() {
    const RunResult r = runSimulation(sinkWith(test::poisson("sink", 200), 500, 50));
    verifyPoissonCount(arrivals(r), 200 * 500);
  }

  void stepsChangeTheRateAtTheStep() {
    Source src = test::poisson("sink", 0);
    src.rate.kind = RateCurve::Kind::Steps;
    src.rate.steps = {{0, 100}, {300, 400}};
    const RunResult r = runSimulation(sinkWith(src, 600, 100));
    const auto* series = r.findSeries("end_to_end", "arrival_rate_per_s");
    QVERIFY(series);
    QCOMPARE(series->mean.size(), std::size_t{6});
    for (int w = 0; w < 6; ++w) {
      const double expected = w < 3 ? 100 : 400;
      verifyPoissonCount(series->mean[w] * 100, expected * 100);
    }
  }

  void compoundGrowthMatchesTheIntegralOfTheCurve() {
    Source src = test::poisson("sink", 0);
    src.rate.kind = RateCurve::Kind::Compound;
    src.rate.rate_per_s = 2;
    src.rate.growth_percent = 8;
    src.rate.growth_period_s = kSecondsPerMonth;
    const double horizon = 6 * kSecondsPerMonth;
    const RunResult r = runSimulation(sinkWith(src, horizon, horizon / 6));
    verifyPoissonCount(arrivals(r), expectedArrivals(src.rate, horizon));
    const auto* series = r.findSeries("end_to_end", "arrival_rate_per_s");
    QVERIFY(series->mean.back() > series->mean.front() * 1.3);  // 1.08^5 = 1.47 between first and last month
  }

  void flashSaleSpikeMultipliesTheRate() {
    Source src = test::poisson("sink", 50);
    src.rate.spikes.push_back({3600, 7200, 4.0});  // x4 for 2 h starting at 1 h
    const RunResult r = runSimulation(sinkWith(src, 4 * 3600, 3600));
    const auto* series = r.findSeries("end_to_end", "arrival_rate_per_s");
    verifyPoissonCount(series->mean[0] * 3600, 50 * 3600);
    verifyPoissonCount(series->mean[1] * 3600, 200 * 3600);
    verifyPoissonCount(series->mean[2] * 3600, 200 * 3600);
    verifyPoissonCount(series->mean[3] * 3600, 50 * 3600);
  }

  void dailySeasonalityAndLogisticGrowthFollowTheCurve() {
    Source src = test::poisson("sink", 0);
    src.rate.kind = RateCurve::Kind::Logistic;
    src.rate.floor_per_s = 5;
    src.rate.ceiling_per_s = 50;
    src.rate.midpoint_s = 2 * kSecondsPerDay;
    src.rate.steepness_per_day = 2;
    src.rate.daily.enabled = true;
    src.rate.daily.amplitude = 0.6;
    src.rate.daily.peak_hour = 20;
    const double horizon = 4 * kSecondsPerDay;
    const RunResult r = runSimulation(sinkWith(src, horizon, 3600));
    verifyPoissonCount(arrivals(r), expectedArrivals(src.rate, horizon));
    const auto* series = r.findSeries("end_to_end", "arrival_rate_per_s");
    // Evening peak (20:00-21:00) of day 3 versus its 08:00 trough.
    QVERIFY(series->mean[3 * 24 + 20] > 2.5 * series->mean[3 * 24 + 8]);
  }

  void deterministicArrivalsAreEvenlySpaced() {
    Source src = test::poisson("sink", 10);
    src.arrivals = Source::Arrivals::Deterministic;
    const RunResult r = runSimulation(sinkWith(src, 100, 10));
    QVERIFY(std::abs(arrivals(r) - 1000) <= 1.0);
  }

  void deterministicArrivalsStartWhenTheRateDoes() {
    // Regression: after a zero-rate period, renewal arrivals used to resume up to 60 s late.
    Source src = test::poisson("sink", 0);
    src.arrivals = Source::Arrivals::Deterministic;
    src.rate.kind = RateCurve::Kind::Steps;
    src.rate.steps = {{0, 0}, {100, 10}, {130, 0}, {150, 5}};
    const RunResult r = runSimulation(sinkWith(src, 200, 10));
    const auto* series = r.findSeries("end_to_end", "arrival_rate_per_s");
    QCOMPARE(series->mean[9], 0.0);                   // [90, 100): nothing yet
    QVERIFY(std::abs(series->mean[10] - 10) <= 0.1);  // [100, 110): at once
    QCOMPARE(series->mean[13], 0.0);                  // [130, 140): off again
    QVERIFY(std::abs(series->mean[15] - 5) <= 0.1);   // [150, 160)
  }

  void horizonNotAMultipleOfTheWindowLeavesNoSliverWindow() {
    // Regression: horizon / 120 is not a whole number of nanoseconds for 100 s; a 40 ns 121st window appeared.
    Scenario s = sinkWith(test::poisson("sink", 100), 100, 0);
    const RunResult r = runSimulation(s);
    QCOMPARE(r.window_start_s.size(), std::size_t{120});
    const auto* series = r.findSeries("end_to_end", "arrival_rate_per_s");
    for (double x : series->mean) QVERIFY2(x < 300, qPrintable(QString("window rate %1").arg(x)));
  }

  void closedPopulationFollowsTheInteractiveResponseLaw() {
    // N users, think time Z, a pure delay D: X = N / (Z + D) exactly in expectation.
    Source users = test::closedUsers("sink", 40, Distribution::exponential(2.0));
    Scenario s = sinkWith(users, 2000, 100);
    s.components[0].service_time = Distribution::deterministic(0.5);
    s.simulation.replications = 5;
    s.simulation.warmup_s = 100;
    const RunResult r = runSimulation(s);
    const Estimate x = r.endToEnd()->throughput_per_s;
    QVERIFY2(x.contains(40 / 2.5), qPrintable(QString("throughput %1 +- %2, expected 16").arg(x.mean).arg(x.half_width)));
  }
};

QTEST_APPLESS_MAIN(WorkloadTest)
#include "test_workload.moc"
