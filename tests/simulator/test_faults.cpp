// The fault timeline: outages refuse traffic for exactly their duration, slowdowns stretch work, killed
// replicas come back after their restart delay.
#include <QtTest>

#include <cmath>

#include "scenario_builders.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

Scenario oneService(int replicas) {
  Scenario s = test::singleStation(test::station("api", 64, Distribution::deterministic(0.01), replicas), 50, 1000, 3);
  s.simulation.warmup_s = 0;
  s.simulation.window_s = 100;
  return s;
}

FaultSpec fault(FaultSpec::Kind kind, double at_s, double duration_s) {
  FaultSpec f;
  f.kind = kind;
  f.component = "api";
  f.at_s = at_s;
  f.duration_s = duration_s;
  return f;
}

}  // namespace

class FaultsTest : public QObject {
  Q_OBJECT
 private slots:
  void outageRefusesTrafficForItsDuration() {
    Scenario s = oneService(2);
    s.faults = {fault(FaultSpec::Kind::ComponentOutage, 300, 100)};
    const RunResult r = runSimulation(s);
    const double err = r.endToEnd()->error_ratio.mean;
    QVERIFY2(std::abs(err - 0.1) < 0.01, qPrintable(QString("error ratio %1, expected 0.1 (100 s of 1000)").arg(err)));
    const auto* errors = r.findSeries("end_to_end", "errors_per_s");
    QVERIFY(std::abs(errors->mean[3] - 50) < 3);  // [300, 400): every arrival refused
    QCOMPARE(errors->mean[5], 0.0);               // back afterwards
    const auto* replicas = r.findSeries("api", "replicas");
    QCOMPARE(replicas->mean[3], 0.0);
    QCOMPARE(replicas->mean[5], 2.0);
  }

  void slowdownStretchesWorkWhileItLasts() {
    Scenario s = oneService(1);
    FaultSpec slow = fault(FaultSpec::Kind::Slowdown, 300, 200);
    slow.factor = 3;
    s.faults = {slow};
    const RunResult r = runSimulation(s);
    const auto* mean = r.findSeries("api", "response_mean_s");
    QVERIFY(std::abs(mean->mean[1] - 0.01) < 0.01 * 0.01);  // before
    QVERIFY(std::abs(mean->mean[3] - 0.03) < 0.01 * 0.03);  // during: 3 x 10 ms
    QVERIFY(std::abs(mean->mean[6] - 0.01) < 0.01 * 0.01);  // after
  }

  void killedReplicasReturnAfterTheirRestartDelay() {
    Scenario s = oneService(4);
    s.simulation.window_s = 10;
    FaultSpec kill = fault(FaultSpec::Kind::KillReplicas, 500, 0);
    kill.count = 3;
    kill.restart_s = 60;
    s.faults = {kill};
    const RunResult r = runSimulation(s);
    const auto* replicas = r.findSeries("api", "replicas");
    QCOMPARE(replicas->mean[49], 4.0);  // [490, 500)
    QCOMPARE(replicas->mean[52], 1.0);  // [520, 530): one left
    QCOMPARE(replicas->mean[57], 4.0);  // [570, 580): replacements ready at 560
    bool logged = false;
    for (const auto& e : r.scaling_events) logged = logged || e.reason.find("killed") != std::string::npos;
    QVERIFY(logged);
  }

  void overlappingAndBackToBackFaultsCombine() {
    // Regression: a second outage saved "0 replicas" and left the component down for good; a slowdown's end
    // reset another slowdown still in progress.
    Scenario s = oneService(2);
    s.faults = {fault(FaultSpec::Kind::ComponentOutage, 100, 100), fault(FaultSpec::Kind::ComponentOutage, 200, 100),  // back to back
                fault(FaultSpec::Kind::ComponentOutage, 250, 100)};                                                    // overlapping
    FaultSpec slowA = fault(FaultSpec::Kind::Slowdown, 500, 300);
    slowA.factor = 2;
    FaultSpec slowB = fault(FaultSpec::Kind::Slowdown, 600, 100);
    slowB.factor = 3;
    s.faults.push_back(slowA);
    s.faults.push_back(slowB);
    const RunResult r = runSimulation(s);
    const auto* replicas = r.findSeries("api", "replicas");
    QCOMPARE(replicas->mean[2], 0.0);  // [200, 300): down
    QCOMPARE(replicas->mean[4], 2.0);  // [400, 500): back with its 2 replicas after the last outage (ends at 350)
    const auto* mean = r.findSeries("api", "response_mean_s");
    QVERIFY(std::abs(mean->mean[5] - 0.02) < 0.01 * 0.02);  // [500, 600): x2
    QVERIFY(std::abs(mean->mean[6] - 0.06) < 0.01 * 0.06);  // [600, 700): x2 x3
    QVERIFY(std::abs(mean->mean[7] - 0.02) < 0.01 * 0.02);  // [700, 800): still x2 after B ended
    QVERIFY(std::abs(mean->mean[8] - 0.01) < 0.01 * 0.01);  // [800, 900): normal
  }

  void autoscalerReactsToTheDamage() {
    // With an HPA holding CPU at 50%, CPU exhaustion (work 3x slower) raises CPU per request; the controller
    // scales up while it lasts. (After a kill it would not: the recreated pods count as unready, exactly as
    // in Kubernetes, so the usage ratio stays near 1.)
    Scenario s = test::singleStation(test::station("api", 2, Distribution::exponential(0.05), 4), 60, 1800, 2);
    s.simulation.warmup_s = 0;
    s.simulation.window_s = 30;
    AutoscalingSpec hpa;
    hpa.min_replicas = 2;
    hpa.max_replicas = 12;
    hpa.metrics = {{HpaMetricTarget::Type::CpuUtilization, 50.0}};
    s.components[0].autoscaling = hpa;
    FaultSpec slow = fault(FaultSpec::Kind::Slowdown, 900, 600);
    slow.factor = 3;
    s.faults = {slow};
    const RunResult r = runSimulation(s);
    int upsDuringFault = 0;
    for (const auto& e : r.scaling_events)
      if (e.time_s > 900 && e.time_s < 1500 && e.to > e.from && e.reason.find("fault") == std::string::npos) ++upsDuringFault;
    QVERIFY2(upsDuringFault >= 1, "the HPA never scaled up during CPU exhaustion");
    const auto* replicas = r.findSeries("api", "replicas");
    QVERIFY(replicas->mean[45] > replicas->mean[28] + 1);  // [1350, 1380) vs [840, 870)
  }
};

QTEST_APPLESS_MAIN(FaultsTest)
#include "test_faults.moc"
