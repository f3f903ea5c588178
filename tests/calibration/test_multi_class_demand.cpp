// Multi-class utilization law by NNLS: known per-class service times and background are recovered from noisy
// samples; saturated and unpaired samples are dropped and counted; a class the data cannot see ends at the bound.
#include <QtTest>

#include <cmath>
#include <random>

#include "simulator/calibration/multi_class_demand.h"
#include "simulator/calibration/nnls.h"

using namespace headroom;

namespace {

struct Synthetic {
  TimeSeries busy;
  std::vector<ClassThroughput> classes;
};

// Busy servers = 0.3 + 0.040 X_browse + 0.150 X_checkout (+ noise), mix varying over time.
Synthetic synthetic(int n, double noise, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> xb(5, 40), xc(0.5, 8);
  std::normal_distribution<double> e(0, noise);
  Synthetic s;
  s.busy.name = "busy";
  s.busy.unit = "count";
  s.classes = {{"browse", {}}, {"checkout", {}}};
  for (auto& c : s.classes) {
    c.throughput.name = "rate";
    c.throughput.labels = {{"class", c.request_class}};
    c.throughput.unit = "1/s";
  }
  for (int i = 0; i < n; ++i) {
    const double t = 1e9 + 15.0 * i, b = xb(rng), c = xc(rng);
    s.classes[0].throughput.time_s.push_back(t);
    s.classes[0].throughput.value.push_back(b);
    s.classes[1].throughput.time_s.push_back(t);
    s.classes[1].throughput.value.push_back(c);
    s.busy.time_s.push_back(t);
    s.busy.value.push_back(0.3 + 0.040 * b + 0.150 * c + e(rng));
  }
  return s;
}

}  // namespace

class MultiClassDemandTest : public QObject {
  Q_OBJECT
 private slots:
  void nnlsSolvesAnUnconstrainedProblemExactly() {
    Eigen::MatrixXd A(3, 2);
    A << 1, 0, 0, 1, 1, 1;
    Eigen::VectorXd b(3);
    b << 2, 3, 5;
    const auto r = calibration::solveNnls(A, b);
    QVERIFY(r.converged);
    QVERIFY(std::abs(r.x(0) - 2) < 1e-9 && std::abs(r.x(1) - 3) < 1e-9);
  }

  void nnlsKeepsTheSolutionNonNegative() {
    Eigen::MatrixXd A(3, 2);
    A << 1, 0, 0, 1, 1, 1;
    Eigen::VectorXd b(3);
    b << 2, -3, -1;  // least squares would make x1 negative
    const auto r = calibration::solveNnls(A, b);
    QVERIFY(r.converged);
    QCOMPARE(r.x(1), 0.0);
    QVERIFY(r.x(0) > 0);
  }

  void recoversPerClassServiceTimesAndBackground() {
    const Synthetic s = synthetic(200, 0.05, 1);
    const auto e = estimateMultiClassDemand(s.busy, s.classes, 0);
    QVERIFY(e.ok);
    QCOMPARE(e.points_used, 200);
    QVERIFY2(std::abs(e.find("browse")->service_time_s / 0.040 - 1) < 0.03, std::to_string(e.find("browse")->service_time_s).c_str());
    QVERIFY2(std::abs(e.find("checkout")->service_time_s / 0.150 - 1) < 0.03, std::to_string(e.find("checkout")->service_time_s).c_str());
    QVERIFY(std::abs(e.background_busy_servers - 0.3) < 0.05);
    QVERIFY(e.r_squared > 0.95);
    // The stated standard error is honest: the truth lies within 3 of them.
    QVERIFY(std::abs(e.find("checkout")->service_time_s - 0.150) < 3 * e.find("checkout")->std_error_s);
  }

  void utilizationNeedsTheServerCountAndDropsSaturatedSamples() {
    Synthetic s = synthetic(100, 0.02, 2);
    TimeSeries u = s.busy;
    u.unit = "ratio";
    for (double& v : u.value) v /= 4.0;
    u.value[3] = 0.99;   // saturated: dropped
    u.value[7] = NAN;    // gap: dropped
    s.classes[1].throughput.time_s[10] += 1000;  // no checkout sample near this time: unpaired
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, estimateMultiClassDemand(u, s.classes, 0));
    const auto e = estimateMultiClassDemand(u, s.classes, 4);
    QVERIFY(e.ok);
    QCOMPARE(e.points_dropped_saturated, 1);
    QCOMPARE(e.points_dropped_gap, 1);
    QCOMPARE(e.points_dropped_unpaired, 1);
    QCOMPARE(e.points_used, 97);
    bool said = false;
    for (const auto& w : e.warnings) said = said || w.find("saturated") != std::string::npos;
    QVERIFY(said);
  }

  void aClassWithNoDemandEndsAtTheBound() {
    Synthetic s = synthetic(100, 0.02, 3);
    for (std::size_t i = 0; i < s.busy.value.size(); ++i)
      s.busy.value[i] = 0.3 + 0.040 * s.classes[0].throughput.value[i];  // checkout costs nothing
    const auto e = estimateMultiClassDemand(s.busy, s.classes, 0);
    QVERIFY(e.ok);
    QVERIFY(e.find("checkout")->service_time_s < 0.002);
  }

  void aWrongUnitIsRefused() {
    Synthetic s = synthetic(20, 0.02, 4);
    s.busy.unit = "s";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, estimateMultiClassDemand(s.busy, s.classes, 2));
  }
};

QTEST_GUILESS_MAIN(MultiClassDemandTest)
#include "test_multi_class_demand.moc"
