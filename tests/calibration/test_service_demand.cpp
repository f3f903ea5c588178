// Service demand from utilization and throughput (utilization law), and service variability from
// latency percentiles at low load.
#include <QtTest>
#include <cmath>
#include <numbers>
#include <random>

#include "simulator/calibration/service_demand.h"
#include "synthetic_series.h"

using namespace headroom;
using namespace headroom::test;

namespace {

struct Pair {
  TimeSeries utilization, throughput;
};

// X swings 10..50 req/s; U = (background + X S) / c + noise, one sample a minute.
Pair synthetic(double s_s, int c, double background, double noise, int n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> eps(0.0, noise);
  Pair p;
  p.utilization.unit = "ratio";
  p.throughput.unit = "1/s";
  for (int i = 0; i < n; ++i) {
    const double t = kMonday2026 + 60.0 * i;
    const double x = 30.0 + 20.0 * std::sin(2 * std::numbers::pi * i / 240.0);
    p.throughput.time_s.push_back(t);
    p.throughput.value.push_back(x);
    p.utilization.time_s.push_back(t);
    p.utilization.value.push_back((background + x * s_s) / c + eps(rng));
  }
  return p;
}

bool warns(const std::vector<std::string>& w, const std::string& word) {
  for (const auto& s : w)
    if (s.find(word) != std::string::npos) return true;
  return false;
}

}  // namespace

class TestServiceDemand : public QObject {
  Q_OBJECT

 private slots:
  void serviceTimeIsRecoveredFromTheUtilizationLaw() {
    const Pair p = synthetic(0.04, 4, 0.0, 0.01, 500, 1);
    const ServiceDemandEstimate e = estimateServiceDemand(p.utilization, p.throughput, 4);
    QVERIFY(e.ok);
    QCOMPARE(e.points_used, 500);
    QVERIFY2(std::abs(e.service_time_s - 0.04) < 0.04 * 0.03, qPrintable(QString::number(e.service_time_s)));
    QVERIFY(e.r_squared > 0.9);
    QVERIFY(e.service_time_std_error_s > 0 && e.service_time_std_error_s < 0.001);
    QVERIFY(std::abs(e.background_busy_servers) < 0.1);
  }

  void percentUnitGivesTheSameAnswer() {
    const Pair p = synthetic(0.04, 4, 0.0, 0.01, 300, 2);
    Pair q = p;
    q.utilization.unit = "percent";
    for (double& v : q.utilization.value) v *= 100.0;
    const auto a = estimateServiceDemand(p.utilization, p.throughput, 4);
    const auto b = estimateServiceDemand(q.utilization, q.throughput, 4);
    QVERIFY(std::abs(a.service_time_s - b.service_time_s) < 1e-12);
  }

  void backgroundLoadGoesToTheIntercept() {
    const Pair p = synthetic(0.05, 4, 0.6, 0.005, 500, 3);
    const ServiceDemandEstimate e = estimateServiceDemand(p.utilization, p.throughput, 4);
    QVERIFY2(std::abs(e.background_busy_servers - 0.6) < 0.05, qPrintable(QString::number(e.background_busy_servers)));
    QVERIFY(std::abs(e.service_time_with_intercept_s - 0.05) < 0.002);
    QVERIFY(e.r_squared_with_intercept > e.r_squared);
    // Through the origin, the background is wrongly charged to each request.
    QVERIFY(e.service_time_s > 0.05);
  }

  void saturatedSamplesAreExcluded() {
    Pair p = synthetic(0.04, 4, 0.0, 0.0, 100, 4);
    // Ten samples where the server was pinned at 100%: throughput then says nothing about demand.
    for (int i = 0; i < 10; ++i) p.utilization.value[static_cast<std::size_t>(i)] = 1.0;
    const ServiceDemandEstimate e = estimateServiceDemand(p.utilization, p.throughput, 4);
    QCOMPARE(e.points_saturated, 10);
    QCOMPARE(e.points_used, 90);
    QVERIFY(warns(e.warnings, "saturated"));
    QVERIFY(std::abs(e.service_time_s - 0.04) < 1e-9);
  }

  void timestampsArePairedWithinTolerance() {
    Pair p = synthetic(0.04, 4, 0.0, 0.0, 100, 5);
    for (double& t : p.throughput.time_s) t += 5.0;  // scraped 5 s later
    const auto near = estimateServiceDemand(p.utilization, p.throughput, 4);
    QCOMPARE(near.points_used, 100);
    QVERIFY(std::abs(near.service_time_s - 0.04) < 1e-9);
    ServiceDemandOptions strict;
    strict.tolerance_s = 2.0;
    const auto far = estimateServiceDemand(p.utilization, p.throughput, 4, strict);
    QCOMPARE(far.points_used, 0);
    QCOMPARE(far.points_unpaired, 100);
    QVERIFY(!far.ok);
  }

  void fewPointsWarn() {
    const Pair p = synthetic(0.04, 4, 0.0, 0.01, 5, 6);
    const auto e = estimateServiceDemand(p.utilization, p.throughput, 4);
    QVERIFY(e.ok);
    QVERIFY(warns(e.warnings, "fragile"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, estimateServiceDemand(p.utilization, p.throughput, 0));
    Pair bad = p;
    bad.utilization.unit = "s";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, estimateServiceDemand(bad.utilization, bad.throughput, 4));
  }

  void lognormalVariabilityFromPercentiles() {
    // Service time lognormal with mean 20 ms and cv 0.8; at high utilization queueing inflates the tail,
    // and those samples must be left out.
    const double cv = 0.8, mean = 0.020;
    const double sigma = std::sqrt(std::log(1 + cv * cv));
    const double mu = std::log(mean) - sigma * sigma / 2;
    std::mt19937_64 rng(8);
    std::normal_distribution<double> jitter(0.0, 0.03);
    TimeSeries p50, p95, p99, u;
    for (auto* s : {&p50, &p95, &p99}) s->unit = "ms";
    u.unit = "ratio";
    for (int i = 0; i < 200; ++i) {
      const double t = kMonday2026 + 60.0 * i;
      const bool busy = i % 4 == 0;
      const double inflate = busy ? 3.0 : 1.0;
      p50.time_s.push_back(t);
      p95.time_s.push_back(t);
      p99.time_s.push_back(t);
      u.time_s.push_back(t);
      p50.value.push_back(1000 * std::exp(mu + jitter(rng)));
      p95.value.push_back(1000 * inflate * std::exp(mu + 1.6448536 * sigma + jitter(rng)));
      p99.value.push_back(1000 * inflate * std::exp(mu + 2.3263479 * sigma + jitter(rng)));
      u.value.push_back(busy ? 0.85 : 0.15);
    }
    const ServiceVariabilityEstimate e = estimateServiceVariability(p50, p95, p99, u);
    QVERIFY(e.ok);
    QCOMPARE(e.points_used, 150);
    QVERIFY2(std::abs(e.cv - cv) < 0.08, qPrintable(QString::number(e.cv)));
    QVERIFY(std::abs(e.mean_s - mean) < 0.002);
    QVERIFY(e.r_squared > 0.9);
    QVERIFY(e.distribution().kind == Distribution::Kind::Lognormal);
    // Without the utilization filter the busy samples leak in and the cv is overstated.
    const ServiceVariabilityEstimate all = estimateServiceVariability(p50, p95, p99, TimeSeries{});
    QVERIFY(all.cv > e.cv + 0.1);
    QVERIFY(warns(all.warnings, "upper bound"));
  }
};

QTEST_APPLESS_MAIN(TestServiceDemand)
#include "test_service_demand.moc"
