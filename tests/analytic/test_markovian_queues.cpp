// M/M/1, M/M/c (Erlang B/C) and M/M/c/K against textbook values recomputed here from the defining
// formulas (factorial sums, geometric series), never from the library's own recursions.
#include <QtTest>

#include <cmath>
#include <vector>

#include "simulator/analytic/markovian_queues.h"

using namespace headroom::analytic;

namespace {

double factorial(int n) {
  double f = 1.0;
  for (int k = 2; k <= n; ++k) f *= k;
  return f;
}

// Erlang C straight from its definition with factorials (fine for small c).
double erlangCByDefinition(int c, double a) {
  double sum = 0.0;
  for (int k = 0; k < c; ++k) sum += std::pow(a, k) / factorial(k);
  const double top = std::pow(a, c) / factorial(c) * c / (c - a);
  return top / (sum + top);
}

}  // namespace

class TestMarkovianQueues : public QObject {
  Q_OBJECT
 private slots:
  void erlangCTextbookValue() {
    // c = 2, lambda = 1.5, mu = 1: C = (2.25/2 * 4) / (1 + 1.5 + 4.5) = 4.5 / 7 = 0.642857...
    QVERIFY(std::abs(erlangC(2, 1.5) - 4.5 / 7.0) < 1e-12);
    QVERIFY(std::abs(erlangC(2, 1.5) - 0.6428571) < 1e-7);
  }

  void erlangCMatchesFactorialDefinition() {
    for (int c : {1, 3, 7, 15}) {
      for (double rho : {0.1, 0.5, 0.9, 0.99}) {
        const double a = rho * c;
        QVERIFY2(std::abs(erlangC(c, a) - erlangCByDefinition(c, a)) < 1e-10,
                 qPrintable(QString("c=%1 rho=%2").arg(c).arg(rho)));
      }
    }
  }

  void erlangBStableForThousandServers() {
    // log-space definition: B = (a^c/c!) / sum_k a^k/k!, computed with lgamma and log-sum-exp.
    const int c = 1000;
    const double a = 950.0;
    std::vector<double> logs;
    double peak = -1e300;
    for (int k = 0; k <= c; ++k) {
      logs.push_back(k * std::log(a) - std::lgamma(k + 1.0));
      peak = std::max(peak, logs.back());
    }
    double sum = 0.0;
    for (double l : logs) sum += std::exp(l - peak);
    const double expected = std::exp(logs.back() - peak) / sum;
    const double b = erlangB(c, a);
    QVERIFY(std::isfinite(b));
    QVERIFY(std::abs(b - expected) < 1e-10 * std::max(1.0, expected) + 1e-14);
    const double cw = erlangC(c, a);
    QVERIFY(cw > 0.0 && cw < 1.0);
  }

  void mm1MeanValues() {
    const QueueMetrics m = mm1(0.8, 1.0);
    QVERIFY(m.stable);
    QVERIFY(std::abs(m.utilization - 0.8) < 1e-12);
    QVERIFY(std::abs(m.mean_in_system - 4.0) < 1e-12);      // rho / (1 - rho)
    QVERIFY(std::abs(m.response_mean_s - 5.0) < 1e-12);     // 1 / (mu - lambda)
    QVERIFY(std::abs(m.waiting_mean_s - 4.0) < 1e-12);      // rho / (mu - lambda)
    QVERIFY(std::abs(m.mean_queue_length - 3.2) < 1e-12);   // rho^2 / (1 - rho)
  }

  void mmcMeanValuesTextbook() {
    // c = 2, lambda = 1.5, mu = 1: Wq = C / (2 - 1.5) = 9/7, W = 16/7, L = 24/7, Lq = 27/14.
    const QueueMetrics m = mmc(1.5, 1.0, 2);
    QVERIFY(m.stable);
    QVERIFY(std::abs(m.utilization - 0.75) < 1e-12);
    QVERIFY(std::abs(m.waiting_mean_s - 9.0 / 7.0) < 1e-12);
    QVERIFY(std::abs(m.response_mean_s - 16.0 / 7.0) < 1e-12);
    QVERIFY(std::abs(m.mean_in_system - 24.0 / 7.0) < 1e-12);
    QVERIFY(std::abs(m.mean_queue_length - 27.0 / 14.0) < 1e-12);
  }

  void mmcUnstableIsFlagged() {
    const QueueMetrics m = mmc(2.0, 1.0, 2);
    QVERIFY(!m.stable);
    QVERIFY(std::abs(m.utilization - 1.0) < 1e-12);
    QVERIFY(std::isnan(m.response_mean_s));
  }

  void mm1kMatchesGeometricFormula() {
    // M/M/1/K: pi_n = (1 - rho) rho^n / (1 - rho^{K+1})
    const double rho = 0.9;
    const int k = 5;
    const std::vector<double> pi = mmckDistribution(0.9, 1.0, 1, k);
    QCOMPARE(static_cast<int>(pi.size()), k + 1);
    for (int n = 0; n <= k; ++n) {
      const double expected = (1 - rho) * std::pow(rho, n) / (1 - std::pow(rho, k + 1));
      QVERIFY(std::abs(pi[n] - expected) < 1e-12);
    }
    const QueueMetrics m = mmck(0.9, 1.0, 1, k);
    QVERIFY(std::abs(m.blocking_probability - pi[k]) < 1e-15);
  }

  void mmckHandComputedValues() {
    // c = 2, K = 4, lambda = 2, mu = 1 (a = 2): unnormalised terms 1, 2, 2, 2, 2 -> total 9.
    const QueueMetrics m = mmck(2.0, 1.0, 2, 4);
    QVERIFY(m.stable);
    QVERIFY(std::abs(m.blocking_probability - 2.0 / 9.0) < 1e-12);
    QVERIFY(std::abs(m.throughput_per_s - 2.0 * 7.0 / 9.0) < 1e-12);
    const double l = (0 * 1 + 1 * 2 + 2 * 2 + 3 * 2 + 4 * 2) / 9.0;  // 20/9
    const double lq = (1 * 2 + 2 * 2) / 9.0;                          // 6/9
    QVERIFY(std::abs(m.mean_in_system - l) < 1e-12);
    QVERIFY(std::abs(m.mean_queue_length - lq) < 1e-12);
    QVERIFY(std::abs(m.response_mean_s - l / (14.0 / 9.0)) < 1e-12);
    QVERIFY(std::abs(m.waiting_mean_s - lq / (14.0 / 9.0)) < 1e-12);
    QVERIFY(std::abs(m.utilization - (14.0 / 9.0) / 2.0) < 1e-12);
  }

  void mmckWithHugeCapacityApproachesMmc() {
    const QueueMetrics finite = mmck(3.0, 1.0, 4, 2000);
    const QueueMetrics infinite = mmc(3.0, 1.0, 4);
    QVERIFY(finite.blocking_probability < 1e-12);
    QVERIFY(std::abs(finite.response_mean_s - infinite.response_mean_s) < 1e-9);
  }

  void mmckLargeServerCountStaysFinite() {
    const QueueMetrics m = mmck(990.0, 1.0, 1000, 1100);
    QVERIFY(m.stable);
    QVERIFY(std::isfinite(m.mean_in_system));
    QVERIFY(m.blocking_probability >= 0.0 && m.blocking_probability < 1.0);
  }
};

QTEST_APPLESS_MAIN(TestMarkovianQueues)
#include "test_markovian_queues.moc"
