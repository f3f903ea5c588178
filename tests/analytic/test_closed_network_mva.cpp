// Exact MVA: a two-station network iterated by hand, the machine-repairman closed form for a
// multi-server station, and asymptotic bounds.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

#include "simulator/analytic/closed_network_mva.h"

using namespace headroom::analytic;

namespace {

// Finite-source M/M/c//N ("machine repairman"): N users thinking Z on average, one c-server station with
// mean demand D. pi_n ~ N!/(N-n)! (D/Z)^n / beta(n), beta(n) = n! (n <= c) or c! c^(n-c).
// Returns the throughput sum_n pi_n min(n, c) / D.
double machineRepairmanThroughput(int population, int c, double demand, double think) {
  std::vector<double> w(static_cast<std::size_t>(population) + 1);
  double total = 0.0;
  for (int n = 0; n <= population; ++n) {
    double term = 1.0;
    for (int k = 1; k <= n; ++k) term *= (population - k + 1) * (demand / think) / std::min(k, c);
    w[static_cast<std::size_t>(n)] = term;
    total += term;
  }
  double x = 0.0;
  for (int n = 0; n <= population; ++n) x += w[static_cast<std::size_t>(n)] / total * std::min(n, c) / demand;
  return x;
}

// Brute force over every state (n_think, n_1, ..., n_M) summing to N of the product-form weight
// prod_i f_i(n_i); throughput = E[n_think] / Z. Independent of any recursion.
double enumeratedThroughput(const std::vector<MvaStation>& st, double think, int population) {
  auto f = [](int servers, double d, int k) {
    double w = 1.0;
    for (int j = 1; j <= k; ++j) w *= d / (servers == 0 ? j : std::min(j, servers));
    return w;
  };
  double total = 0.0, thinking = 0.0;
  std::vector<int> n(st.size(), 0);
  while (true) {
    int used = 0;
    for (int v : n) used += v;
    if (used <= population) {
      double w = f(0, think, population - used);
      for (std::size_t i = 0; i < st.size(); ++i) w *= f(st[i].servers, st[i].demand_s, n[i]);
      total += w;
      thinking += w * (population - used);
    }
    std::size_t i = 0;
    while (i < n.size() && ++n[i] > population) n[i++] = 0;
    if (i == n.size()) break;
  }
  return thinking / total / think;
}

}  // namespace

class TestClosedNetworkMva : public QObject {
  Q_OBJECT
 private slots:
  void twoStationsIteratedByHand() {
    // D1 = 1, D2 = 0.5, Z = 2.
    // n = 1: R = (1, 0.5), X = 1 / 3.5 = 2/7, Q = (2/7, 1/7)
    // n = 2: R = (9/7, 4/7), X = 2 / (2 + 13/7) = 14/27, Q = (2/3, 8/27)
    const MvaResult r = solveClosedMva({{"cpu", 1, 1.0}, {"disk", 1, 0.5}}, 2.0, 2);
    QVERIFY(r.ok);
    QVERIFY(std::abs(r.throughput_per_s - 14.0 / 27.0) < 1e-12);
    QVERIFY(std::abs(r.stations[0].queue_length - 2.0 / 3.0) < 1e-12);
    QVERIFY(std::abs(r.stations[1].queue_length - 8.0 / 27.0) < 1e-12);
    QVERIFY(std::abs(r.stations[0].residence_s - 9.0 / 7.0) < 1e-12);
    QVERIFY(std::abs(r.stations[0].utilization - 14.0 / 27.0) < 1e-12);
    QVERIFY(std::abs(r.stations[1].utilization - 7.0 / 27.0) < 1e-12);
    QVERIFY(std::abs(r.response_s - (2.0 / (14.0 / 27.0) - 2.0)) < 1e-12);
  }

  void delayStationAddsItsDemandOnly() {
    const MvaResult r = solveClosedMva({{"cpu", 1, 1.0}, {"wire", 0, 0.5}}, 2.0, 1);
    QVERIFY(r.ok);
    QVERIFY(std::abs(r.throughput_per_s - 1.0 / 3.5) < 1e-12);
    QVERIFY(std::abs(r.stations[1].residence_s - 0.5) < 1e-12);
    QVERIFY(std::isnan(r.stations[1].utilization));
  }

  void multiServerMatchesMachineRepairman() {
    for (int c : {2, 3, 8}) {
      for (int n : {1, 5, 20, 60}) {
        const MvaResult r = solveClosedMva({{"pool", c, 0.4}}, 1.5, n);
        QVERIFY(r.ok);
        const double expected = machineRepairmanThroughput(n, c, 0.4, 1.5);
        QVERIFY2(std::abs(r.throughput_per_s - expected) < 1e-9 * expected,
                 qPrintable(QString("c=%1 N=%2: %3 vs %4").arg(c).arg(n).arg(r.throughput_per_s).arg(expected)));
        QVERIFY(std::abs(r.response_s - (n / expected - 1.5)) < 1e-7 * (1 + r.response_s));
      }
    }
  }

  void singleServerMatchesMachineRepairman() {
    for (int n : {1, 10, 50}) {
      const MvaResult r = solveClosedMva({{"cpu", 1, 0.3}}, 1.0, n);
      const double expected = machineRepairmanThroughput(n, 1, 0.3, 1.0);
      QVERIFY(r.ok);
      QVERIFY(std::abs(r.throughput_per_s - expected) < 1e-9 * expected);
    }
  }

  void mixedNetworkMatchesProductFormEnumeration() {
    const std::vector<MvaStation> mixed = {{"cpu", 1, 0.3}, {"pool", 3, 0.9}, {"wire", 0, 0.2}};
    const std::vector<MvaStation> single = {{"cpu", 1, 0.3}, {"disk", 1, 0.45}, {"wire", 0, 0.2}};
    for (int n : {1, 4, 12}) {
      for (const auto* st : {&mixed, &single}) {
        const MvaResult r = solveClosedMva(*st, 0.7, n);
        const double expected = enumeratedThroughput(*st, 0.7, n);
        QVERIFY(r.ok);
        QVERIFY2(std::abs(r.throughput_per_s - expected) < 1e-10 * expected,
                 qPrintable(QString("N=%1: %2 vs %3").arg(n).arg(r.throughput_per_s).arg(expected)));
        double in_stations = 0.0;  // Little: users not thinking = X (N/X - Z)
        for (const auto& s : r.stations) in_stations += s.queue_length;
        QVERIFY(std::abs(in_stations - (n - r.throughput_per_s * 0.7)) < 1e-9 * n);
      }
    }
  }

  void identicalMultiServerStationsMatchEnumeration() {
    // two replicas of one pool (same servers and demand) plus a different pool: per-station queue lengths
    // must still come out right when the "all but this station" constant is shared between twins
    const std::vector<MvaStation> st = {{"pool", 2, 0.4}, {"pool", 2, 0.4}, {"big", 3, 0.9}};
    const MvaResult r = solveClosedMva(st, 0.5, 9);
    QVERIFY(r.ok);
    QVERIFY(std::abs(r.throughput_per_s - enumeratedThroughput(st, 0.5, 9)) < 1e-10 * r.throughput_per_s);
    QVERIFY(std::abs(r.stations[0].queue_length - r.stations[1].queue_length) < 1e-12);
    const double in_stations = r.stations[0].queue_length + r.stations[1].queue_length + r.stations[2].queue_length;
    QVERIFY(std::abs(in_stations - (9 - r.throughput_per_s * 0.5)) < 1e-9);
  }

  void largePopulationSaturatesBottleneck() {
    const MvaResult r = solveClosedMva({{"cpu", 1, 0.1}, {"db", 4, 0.8}, {"lb", 0, 0.01}}, 1.0, 600);
    QVERIFY(r.ok);
    // bottleneck: db with 4 servers, max throughput 4 / 0.8 = 5 per second
    QVERIFY(std::abs(r.throughput_per_s - 5.0) < 1e-6);
    QVERIFY(std::abs(r.stations[1].utilization - 1.0) < 1e-6);
  }

  void zeroPopulationIsIdle() {
    const MvaResult r = solveClosedMva({{"cpu", 1, 0.1}}, 1.0, 0);
    QVERIFY(r.ok);
    QCOMPARE(r.throughput_per_s, 0.0);
  }
};

QTEST_APPLESS_MAIN(TestClosedNetworkMva)
#include "test_closed_network_mva.moc"
