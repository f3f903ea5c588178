// What calls between services mean: held workers, timeouts with abandoned work, rejections, async sends,
// fan-out joins and branches. Deterministic times make most answers exact.
#include <QtTest>

#include <cmath>

#include "scenario_builders.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

Scenario twoTier(double rate, const Step& apiStep, const Distribution& dbTime, int dbWorkers = 64) {
  Scenario s;
  s.name = "two-tier";
  Component api = test::station("api", 1, Distribution::deterministic(0.01));
  api.behaviour[kAnyClass].steps = {apiStep};
  s.components = {api, test::station("db", dbWorkers, dbTime)};
  s.sources.push_back(test::poisson("api", rate));
  s.simulation.horizon_s = 2000;
  s.simulation.warmup_s = 100;
  s.simulation.replications = 4;
  s.simulation.seed = 5;
  return s;
}

void verifyNear(double got, double expected, double relTol, const char* what) {
  QVERIFY2(std::abs(got - expected) <= relTol * std::abs(expected),
           qPrintable(QString("%1: got %2, expected %3").arg(what).arg(got).arg(expected)));
}

}  // namespace

class CallSemanticsTest : public QObject {
  Q_OBJECT
 private slots:
  void synchronousCallHoldsTheCallersWorker() {
    // api works 10 ms then waits 20 ms for db: its single worker is busy 30 ms per request.
    const RunResult r = runSimulation(twoTier(10, test::call("db"), Distribution::deterministic(0.02)));
    const Estimate u = r.component("api")->utilization;
    QVERIFY2(u.contains(0.3) || std::abs(u.mean - 0.3) < 0.005, qPrintable(QString("api utilization %1").arg(u.mean)));
    verifyNear(r.component("db")->utilization.mean, 10 * 0.02 / 64, 0.05, "db utilization");
  }

  void timedOutCallFailsTheRequestButTheCalleeKeepsWorking() {
    const RunResult r = runSimulation(twoTier(5, test::call("db", 0.05), Distribution::deterministic(0.1)));
    QCOMPARE(r.endToEnd()->error_ratio.mean, 1.0);
    verifyNear(r.component("api")->timeouts_per_s.mean, 5, 0.05, "timeouts per second");
    // Abandoned work: db still finishes every request it was sent.
    verifyNear(r.component("db")->throughput_per_s.mean, 5, 0.05, "db throughput");
    QCOMPARE(r.endToEnd()->throughput_per_s.mean, 0.0);
  }

  void fullQueueRejectsAndTheCallerFails() {
    // One worker, no waiting room, 1 s of work, an arrival every 0.5 s: every second request is rejected.
    Scenario s = twoTier(2, test::call("db"), Distribution::deterministic(1.0), 1);
    s.components[1].queue_capacity = 0;
    s.components[0].workers_per_replica = 8;
    s.sources[0].arrivals = Source::Arrivals::Deterministic;
    const RunResult r = runSimulation(s);
    verifyNear(r.component("db")->rejection_ratio.mean, 0.5, 0.01, "rejection ratio");
    verifyNear(r.endToEnd()->error_ratio.mean, 0.5, 0.01, "end-to-end error ratio");
  }

  void asyncSendDoesNotDelayTheSender() {
    Step send;
    send.kind = Step::Kind::Send;
    send.calls = {{"db", 0}};
    Scenario s = twoTier(10, send, Distribution::deterministic(0.5));
    s.components[0].workers_per_replica = 16;  // no queueing at the sender: its response is its 10 ms of work
    const RunResult r = runSimulation(s);
    verifyNear(r.endToEnd()->response.mean_s.mean, 0.01, 0.001, "end-to-end response");
    verifyNear(r.component("db")->throughput_per_s.mean, 10, 0.05, "db receives every message");
  }

  void parallelFanOutJoinsOnTheSlowestCall() {
    Scenario s = twoTier(5, {}, Distribution::deterministic(0.03));
    Step fan;
    fan.kind = Step::Kind::Parallel;
    fan.calls = {{"db", 0}, {"fast", 0}};
    s.components[0].behaviour[kAnyClass].steps = {fan};
    s.components[0].workers_per_replica = 16;
    s.components.push_back(test::station("fast", 16, Distribution::deterministic(0.005)));
    const RunResult r = runSimulation(s);
    verifyNear(r.endToEnd()->response.mean_s.mean, 0.04, 0.01, "api 10 ms + max(30 ms, 5 ms)");
  }

  void zeroTimeRoutingLoopDoesNotExhaustTheStack() {
    // Regression: a zero-time component routing to itself with p = 0.999 recursed once per visit.
    Scenario s;
    s.name = "router-loop";
    Component router = test::station("router", 1, Distribution::deterministic(0));
    router.type = Component::Type::Delay;
    router.behaviour[kAnyClass].next = {{"router", 0.999}};
    s.components = {router};
    s.sources = {test::poisson("router", 20)};
    s.simulation.horizon_s = 50;
    s.simulation.replications = 1;
    const RunResult r = runSimulation(s);
    // Each request makes 1 / (1 - 0.999) = 1000 visits on average.
    const double visitsPerRequest = r.component("router")->arrival_rate_per_s.mean / r.endToEnd()->throughput_per_s.mean;
    QVERIFY2(visitsPerRequest > 800 && visitsPerRequest < 1250, qPrintable(QString("visits %1").arg(visitsPerRequest)));
  }

  void branchSendsItsShareOfTraffic() {
    Step branch;
    branch.kind = Step::Kind::Branch;
    branch.arms = {{0.3, {test::call("db")}}};
    Scenario s = twoTier(20, branch, Distribution::exponential(0.01));
    s.components[0].workers_per_replica = 8;
    const RunResult r = runSimulation(s);
    const Estimate x = r.component("db")->arrival_rate_per_s;
    QVERIFY2(std::abs(x.mean - 6.0) <= std::max(x.half_width, 0.1), qPrintable(QString("db arrivals %1 +- %2").arg(x.mean).arg(x.half_width)));
  }
};

QTEST_APPLESS_MAIN(CallSemanticsTest)
#include "test_call_semantics.moc"
