// Known answers of one fluid step: the stationary regime is the textbook queue, the overloaded regime the fluid
// balance dQ/dt = lambda - mu, a bounded queue rejects the overflow.
#include <QtTest>

#include <cmath>

#include "simulator/planning/plan_station.h"

using namespace headroom::planning;

class TestPlanStation : public QObject {
  Q_OBJECT
 private slots:
  void stationaryMm1IsTextbook() {
    StationInput in;
    in.arrivals_per_s = 8.0;
    in.hold_mean_s = 0.1;
    const StationOutput out = evaluateStation(in);
    QVERIFY(!out.saturated);
    QVERIFY(std::abs(out.utilization - 0.8) < 1e-9);
    QVERIFY(std::abs(out.response_mean_s - 0.5) < 1e-9);                 // 1 / (mu - lambda)
    // Exp(mu - lambda) quantile; the planner's quantile search stops at 1e-5 relative width (plan_station.cpp).
    QVERIFY(std::abs(out.response_p99_s - 0.5 * std::log(100.0)) < 5e-5 * 0.5 * std::log(100.0));
  }
  void replicasSplitTheArrivals() {
    // Two replicas of one worker each: two M/M/1 queues at half the rate, not one M/M/2.
    StationInput in;
    in.arrivals_per_s = 16.0;
    in.replicas = 2;
    in.hold_mean_s = 0.1;
    const StationOutput out = evaluateStation(in);
    QVERIFY(std::abs(out.response_mean_s - 0.5) < 1e-9);
  }
  void deterministicServiceHalvesTheWait() {
    // M/D/1 (Pollaczek-Khinchine): Wq = rho S / (2 (1 - rho)) = 0.2 s at rho 0.8, S 0.1 s.
    StationInput in;
    in.arrivals_per_s = 8.0;
    in.hold_mean_s = 0.1;
    in.hold_scv = 0.0;
    const StationOutput out = evaluateStation(in);
    QVERIFY(std::abs(out.response_mean_s - 0.3) < 1e-9);
  }
  void overloadGrowsTheQueueAtLambdaMinusMu() {
    StationInput in;
    in.arrivals_per_s = 15.0;
    in.hold_mean_s = 0.1;  // mu = 10/s
    in.step_s = 60.0;
    StationOutput out = evaluateStation(in);
    QVERIFY(out.saturated);
    QVERIFY(std::abs(out.fluid_queue - 300.0) < 1e-9);
    QVERIFY(std::abs(out.utilization - 1.0) < 1e-12);
    in.queue = out.fluid_queue;
    in.arrivals_per_s = 5.0;  // drains at 5/s: 300 -> 0 in 60 s
    out = evaluateStation(in);
    QVERIFY(std::abs(out.fluid_queue) < 1e-9);
  }
  void boundedQueueRejectsTheOverflow() {
    StationInput in;
    in.arrivals_per_s = 20.0;
    in.hold_mean_s = 0.1;
    in.queue_capacity_per_replica = 100;
    in.step_s = 60.0;
    const StationOutput out = evaluateStation(in);
    QVERIFY(std::abs(out.fluid_queue - 100.0) < 1e-9);
    // 600 arrived beyond service, 100 held: 500 turned away over 60 s.
    QVERIFY(std::abs(out.rejections_per_s - 500.0 / 60.0) < 1e-9);
  }
  void delayNeverQueues() {
    StationInput in;
    in.arrivals_per_s = 1e6;
    in.hold_mean_s = 0.05;
    in.infinite_servers = true;
    const StationOutput out = evaluateStation(in);
    QVERIFY(!out.saturated);
    QCOMPARE(out.response_mean_s, 0.05);
  }
};

QTEST_GUILESS_MAIN(TestPlanStation)
#include "test_plan_station.moc"
