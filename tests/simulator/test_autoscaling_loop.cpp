// The HPA in the simulation loop: a load step is met by scale-out, the replica count settles where the
// controller's formula says, and a slower replica start-up delays the recovery of the latency SLO.
#include <QtTest>

#include <cmath>

#include "scenario_builders.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

// api: 4 workers per replica, 100 ms exponential work, so one replica serves 40 req/s at 100% CPU.
// Load steps from 40 to 200 req/s at t = 600 s. HPA on CPU at 60% of request.
Scenario stepLoad(double startup_s) {
  Component api = test::station("api", 4, Distribution::exponential(0.1), 2);
  AutoscalingSpec hpa;
  hpa.min_replicas = 2;
  hpa.max_replicas = 30;
  hpa.metrics = {{HpaMetricTarget::Type::CpuUtilization, 60.0}};
  hpa.replica_startup_s = startup_s;
  api.autoscaling = hpa;
  Scenario s;
  s.name = "hpa-step";
  s.components = {api};
  Source src = test::poisson("api", 0);
  src.rate.kind = RateCurve::Kind::Steps;
  src.rate.steps = {{0, 40}, {600, 200}};
  s.sources = {src};
  s.simulation.horizon_s = 2400;
  s.simulation.window_s = 30;
  s.simulation.replications = 3;
  s.simulation.seed = 11;
  return s;
}

// First window start (s) after the step from which the p99 stays under the SLO for good.
double recoveryTime(const RunResult& r, double slo_s) {
  const auto* p99 = r.findSeries("api", "response_p99_s");
  double recovered = -1;
  for (std::size_t w = 0; w < p99->mean.size(); ++w) {
    if (r.window_start_s[w] < 600) continue;
    if (p99->mean[w] <= slo_s) {
      if (recovered < 0) recovered = r.window_start_s[w];
    } else {
      recovered = -1;
    }
  }
  return recovered < 0 ? -1 : recovered - 600;
}

}  // namespace

class AutoscalingLoopTest : public QObject {
  Q_OBJECT
 private slots:
  void stepInLoadIsMetByScaleOutToTheFormulasCount() {
    const RunResult r = runSimulation(stepLoad(30));
    const auto* replicas = r.findSeries("api", "replicas");
    QVERIFY(replicas);
    QVERIFY2(std::abs(replicas->mean[10] - 2) < 0.01, qPrintable(QString("before the step: %1").arg(replicas->mean[10])));
    // Steady state: desired = ceil(200 req/s * 0.1 s / (4 cores * 60%)) = ceil(8.33) = 9 replicas; the tolerance
    // band (+-10%) lets 8 stand too, so the settled count is 8 or 9.
    const double settled = replicas->mean.back();
    QVERIFY2(settled >= 8 - 0.01 && settled <= 9 + 0.01, qPrintable(QString("settled at %1 replicas").arg(settled)));
    const double util = r.findSeries("api", "utilization")->mean.back();
    QVERIFY2(util > 0.5 && util < 0.7, qPrintable(QString("utilization after scaling %1").arg(util)));
    // Every sync is logged with its reason; some of them scaled up.
    QVERIFY(r.scaling_events.size() >= 2400 / 15 - 2);
    int ups = 0;
    for (const auto& e : r.scaling_events) {
      QVERIFY(!e.reason.empty());
      if (e.to > e.from) ++ups;
    }
    QVERIFY(ups >= 1);
  }

  void slowerStartupDelaysSloRecovery() {
    const double slo_s = 0.5;
    const double fast = recoveryTime(runSimulation(stepLoad(15)), slo_s);
    const double slow = recoveryTime(runSimulation(stepLoad(180)), slo_s);
    qInfo("p99 back under %.0f ms: %.0f s after the step with 15 s start-up, %.0f s with 180 s", slo_s * 1e3, fast, slow);
    QVERIFY(fast >= 0);
    QVERIFY(slow >= 0);
    QVERIFY(slow > fast + 60);
  }
};

QTEST_APPLESS_MAIN(AutoscalingLoopTest)
#include "test_autoscaling_loop.moc"
