// M/G/1 (Pollaczek-Khinchine), M/G/c processor sharing and M/G/infinity against closed forms.
#include <QtTest>

#include <cmath>

#include "simulator/analytic/general_service_queues.h"
#include "simulator/analytic/markovian_queues.h"

using namespace headroom::analytic;

class TestGeneralServiceQueues : public QObject {
  Q_OBJECT
 private slots:
  void deterministicServiceWaitsHalfOfExponential() {
    // M/D/1: E[S^2] = E[S]^2, half of the exponential 2 E[S]^2, so Wq is half the M/M/1 Wq.
    const double lambda = 0.7, s = 1.0;
    const QueueMetrics md1 = mg1Fcfs(lambda, s, s * s);
    const double mm1_wait = 0.7 / (1.0 - 0.7);  // rho / (mu - lambda) with mu = 1
    QVERIFY(md1.stable);
    QVERIFY(std::abs(md1.waiting_mean_s - 0.5 * mm1_wait) < 1e-12);
    QVERIFY(std::abs(md1.response_mean_s - (0.5 * mm1_wait + s)) < 1e-12);
  }

  void exponentialMomentsReproduceMm1() {
    const double lambda = 4.0, s = 0.2;
    const QueueMetrics g = mg1Fcfs(lambda, s, 2 * s * s);
    const QueueMetrics m = mm1(lambda, 1.0 / s);
    QVERIFY(std::abs(g.response_mean_s - m.response_mean_s) < 1e-12);
    QVERIFY(std::abs(g.mean_queue_length - m.mean_queue_length) < 1e-12);
  }

  void highVariabilityWaitsLonger() {
    // scv = 4: E[S^2] = (1 + 4) E[S]^2, so Wq = (1 + scv) / 2 = 2.5 times the M/M/1 Wq (here rho/(mu-lambda) = 1).
    const double lambda = 0.5, s = 1.0;
    const QueueMetrics g = mg1Fcfs(lambda, s, 5.0 * s * s);
    QVERIFY(std::abs(g.waiting_mean_s - 2.5 * 1.0) < 1e-12);
  }

  void unstableWhenRhoAtLeastOne() {
    QVERIFY(!mg1Fcfs(1.0, 1.0, 1.0).stable);
    QVERIFY(!mgcProcessorSharing(4.0, 0.5, 2).stable);
  }

  void singleCoreProcessorSharing() {
    // E[S] / (1 - rho) and rho / (1 - rho), whatever the distribution.
    const QueueMetrics m = mgcProcessorSharing(3.0, 0.25, 1);
    QVERIFY(m.stable);
    QVERIFY(std::abs(m.response_mean_s - 0.25 / 0.25) < 1e-12);
    QVERIFY(std::abs(m.mean_in_system - 0.75 / 0.25) < 1e-12);
    QVERIFY(std::abs(m.mean_queue_length - (3.0 - 0.75)) < 1e-12);  // E[(n-1)+] = L - rho
    QCOMPARE(m.waiting_mean_s, 0.0);
    QVERIFY(std::abs(m.utilization - 0.75) < 1e-12);
  }

  void multiCoreProcessorSharingHasMmcMeans() {
    // Birth-death with rates lambda and min(n, c)/E[S]: c = 2, a = 1.5 gives L = 24/7 (see M/M/2 test).
    const QueueMetrics m = mgcProcessorSharing(1.5, 1.0, 2);
    QVERIFY(std::abs(m.mean_in_system - 24.0 / 7.0) < 1e-12);
    QVERIFY(std::abs(m.response_mean_s - 16.0 / 7.0) < 1e-12);
  }

  void delayStationNeverQueues() {
    const QueueMetrics m = mgInfinity(10.0, 0.05);
    QVERIFY(m.stable);
    QVERIFY(std::abs(m.mean_in_system - 0.5) < 1e-12);
    QVERIFY(std::abs(m.response_mean_s - 0.05) < 1e-12);
    QCOMPARE(m.waiting_mean_s, 0.0);
  }
};

QTEST_APPLESS_MAIN(TestGeneralServiceQueues)
#include "test_general_service_queues.moc"
