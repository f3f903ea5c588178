// Regressions found by reviewing the replication kernel and its hooks. Each test states the behaviour that
// should hold; small deterministic scenarios keep them exact and fast.
#include <QtTest>

#include <cmath>

#include "scenario_builders.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

Scenario base(const std::string& name, double horizon_s, double warmup_s = 0.0) {
  Scenario s;
  s.name = name;
  s.simulation.horizon_s = horizon_s;
  s.simulation.warmup_s = warmup_s;
  s.simulation.replications = 1;
  s.simulation.seed = 7;
  return s;
}

Source closed(const std::string& name, const std::string& entry, double think_s) {
  Source src = test::closedUsers(entry, 1, Distribution::deterministic(think_s));
  src.name = name;
  return src;
}

double feature(const RunResult& r, const std::string& component, const std::string& name) {
  const Estimate* e = r.component(component)->feature(name);
  return e ? e->mean : std::nan("");
}

FaultSpec fault(FaultSpec::Kind kind, const std::string& component, double at_s, double duration_s) {
  FaultSpec f;
  f.kind = kind;
  f.component = component;
  f.at_s = at_s;
  f.duration_s = duration_s;
  return f;
}

}  // namespace

class TestReviewRegressions : public QObject {
  Q_OBJECT
 private slots:
  // A reply that crosses regions and reaches the caller after its timeout is a timeout, not a success.
  // (answerCaller frees the child before the reply travels back; callTimedOut then finds a newer generation.)
  void crossRegionReplyLaterThanTheTimeoutTimesOut() {
    Scenario s = base("cross-region-timeout", 100);
    RegionSpec a{"a", {{"b", 0.05}}}, b{"b", {}};
    s.regions = {a, b};
    Component api = test::station("api", 64, Distribution::deterministic(0.001));
    api.region = "a";
    api.behaviour[kAnyClass].steps = {test::call("db", 0.08)};  // round trip 100 ms > 80 ms
    Component db = test::station("db", 64, Distribution::deterministic(0.001));
    db.region = "b";
    s.components = {api, db};
    Source src = test::poisson("api", 10);
    src.region = "a";
    s.sources = {src};
    const RunResult r = runSimulation(s);
    QVERIFY2(r.endToEnd()->error_ratio.mean > 0.99, qPrintable(QString("error ratio %1").arg(r.endToEnd()->error_ratio.mean)));
    QVERIFY2(r.component("api")->timeouts_per_s.mean > 9, qPrintable(QString("timeouts/s %1").arg(r.component("api")->timeouts_per_s.mean)));
  }

  // A component outage takes a serverless function down too (validation points users at component_outage
  // for functions); FaultHook only calls setReplicas(0), which the kernel ignores for serverless.
  void componentOutageRefusesServerlessInvocations() {
    Scenario s = base("serverless-outage", 100);
    Component fn = test::station("fn", 1, Distribution::deterministic(0.01));
    fn.type = Component::Type::Serverless;
    fn.serverless = ServerlessSpec{};
    fn.serverless->cold_start = Distribution::deterministic(0.1);
    s.components = {fn};
    s.sources = {test::poisson("fn", 10)};
    s.faults = {fault(FaultSpec::Kind::ComponentOutage, "fn", 10, 50)};
    const RunResult r = runSimulation(s);
    const double err = r.endToEnd()->error_ratio.mean;
    QVERIFY2(err > 0.4 && err < 0.6, qPrintable(QString("error ratio %1, expected ~0.5").arg(err)));
  }

  // Overlapping outages compose: a component outage [10, 30] and an outage of its region [20, 40] leave it
  // serving again after 40 s (each records "replicas before" = 0 from the other and restores 0 forever).
  void overlappingComponentAndRegionOutagesEnd() {
    Scenario s = base("overlapping-outages", 100);
    s.regions = {RegionSpec{"a", {}}};
    Component api = test::station("api", 64, Distribution::deterministic(0.001), 2);
    api.region = "a";
    s.components = {api};
    Source src = test::poisson("api", 10);
    src.region = "a";
    s.sources = {src};
    s.faults = {fault(FaultSpec::Kind::ComponentOutage, "api", 10, 20)};
    FaultSpec region = fault(FaultSpec::Kind::RegionOutage, "", 20, 20);
    region.region = "a";
    s.faults.push_back(region);
    const RunResult r = runSimulation(s);
    const double err = r.endToEnd()->error_ratio.mean;
    QVERIFY2(err > 0.2 && err < 0.4, qPrintable(QString("error ratio %1, expected ~0.3 (down 10..40 s)").arg(err)));
  }

  // A pooled connection is given back when its call returns, even if the caller's replica was replaced in
  // the meantime: the component-wide pool_in_use must not keep counting it.
  void poolInUseDropsWhenCallReturnsAfterCallerReplicaReplaced() {
    Scenario s = base("pool-leak", 100);
    Component api = test::station("api", 8, Distribution::deterministic(0));
    Step fan;
    fan.kind = Step::Kind::Parallel;
    fan.calls = {{"db", 0}, {"bad", 0}};
    api.behaviour[kAnyClass].steps = {fan};
    api.connection_pools = {ConnectionPoolSpec{"db", 10, 1.0}};
    Component db = test::station("db", 8, Distribution::deterministic(20));
    Component bad = test::station("bad", 8, Distribution::deterministic(0.001));
    bad.error_ratio = 1.0;  // fails the parallel at once; db keeps the connection for 20 s (50..70 s)
    s.components = {api, db, bad};
    s.sources = {closed("users", "api", 50)};  // one request at t = 50 s
    FaultSpec kill = fault(FaultSpec::Kind::KillReplicas, "api", 51, 0);
    kill.restart_s = 0;
    s.faults = {kill};
    const RunResult r = runSimulation(s);
    const double inUse = feature(r, "api", "pool_in_use_mean");
    QVERIFY2(std::abs(inUse - 0.2) < 0.02, qPrintable(QString("pool_in_use_mean %1, expected 0.2 (1 connection for 20 of 100 s)").arg(inUse)));
  }

  // max_attempts is an int; the attempt counter is a uint8_t, so above 255 it wraps and retries never stop.
  void retriesStopAtMaxAttemptsAbove255() {
    Scenario s = base("many-retries", 100);
    Component api = test::station("api", 8, Distribution::deterministic(0));
    RetrySpec retry;
    retry.max_attempts = 300;
    retry.base_backoff_s = 0.01;
    retry.multiplier = 1.0;
    retry.max_backoff_s = 0.01;
    retry.jitter = RetrySpec::Jitter::None;
    Step c;
    c.kind = Step::Kind::Call;
    c.calls.push_back(CallTarget("bad", 0.0, retry));
    api.behaviour[kAnyClass].steps = {c};
    Component bad = test::station("bad", 8, Distribution::deterministic(0.001));
    bad.error_ratio = 1.0;
    s.components = {api, bad};
    s.sources = {closed("users", "api", 50)};  // one request at t = 50 s: 300 attempts take ~3.3 s
    const RunResult r = runSimulation(s);
    const double retries = feature(r, "api", "retries_per_s") * 100;
    QVERIFY2(std::abs(retries - 299) < 0.5, qPrintable(QString("retries %1, expected 299").arg(retries)));
    QCOMPARE(r.endToEnd()->errors_per_s.mean * 100, 1.0);
  }

  // A timeout too long to matter (>= 292 years saturates to kSimTimeNever) never fires: now + timeout must
  // saturate, not wrap to a time in the past.
  void hugeTimeoutNeverExpires() {
    Scenario s = base("huge-timeout", 100);
    Component api = test::station("api", 8, Distribution::deterministic(0.001));
    api.behaviour[kAnyClass].steps = {test::call("db", 1e12)};
    s.components = {api, test::station("db", 8, Distribution::deterministic(0.01))};
    s.sources = {test::poisson("api", 5)};
    const RunResult r = runSimulation(s);
    QCOMPARE(r.component("api")->timeouts_per_s.mean, 0.0);
    QCOMPARE(r.endToEnd()->error_ratio.mean, 0.0);
  }

  // arrivals = throughput + rejections + failures (+ in progress) holds at a topic whose messages expire:
  // a message lost to retention leaves the topic without being counted anywhere.
  void topicAccountingIncludesLostMessages() {
    Scenario s = base("topic-loss", 200);
    Component t = test::station("t", 1, Distribution::deterministic(10));
    t.type = Component::Type::Topic;
    t.topic = TopicSpec{};
    t.topic->retention_s = 1.0;
    s.components = {t};
    s.sources = {test::poisson("t", 10)};
    const RunResult r = runSimulation(s);
    const auto* c = r.component("t");
    const double left = c->throughput_per_s.mean + c->rejections_per_s.mean + c->failures_per_s.mean;
    // In progress at the end is at most ~rate x retention + 1 = 11 messages, 0.055/s over 200 s.
    QVERIFY2(std::abs(c->arrival_rate_per_s.mean - left) < 0.2,
             qPrintable(QString("arrivals %1/s vs throughput + rejections + failures %2/s (lost %3/s)")
                            .arg(c->arrival_rate_per_s.mean).arg(left).arg(feature(r, "t", "lost_messages_per_s"))));
  }

  // Shedding a queued call hands its pooled connection to a waiting caller synchronously; that caller's new
  // call arrives at the same replica while leaveComponent is still draining the queue, takes the free
  // worker, and the loop then starts the next queued request as well: two requests on one worker.
  void sheddingNeverOverbooksAWorker() {
    Scenario s = base("shed-handoff", 2.9, 1.5);
    Component api = test::station("api", 8, Distribution::deterministic(0));
    Step fan;
    fan.kind = Step::Kind::Parallel;
    fan.calls = {{"db", 0}, {"db", 0}, {"db", 0}};
    api.behaviour[kAnyClass].steps = {fan};
    api.connection_pools = {ConnectionPoolSpec{"db", 2, 10.0}};
    Component db = test::station("db", 1, Distribution::deterministic(1.0));
    db.shed_after_wait_s = 0.5;
    s.components = {api, db};
    // t = 1.0: c1 serves (until 2.0), c2 queues, c3 waits for a connection; t = 1.9: a direct request queues.
    // t = 2.0: c2 is shed, c3 gets its connection and the worker, then the direct request starts too.
    s.sources = {closed("users", "api", 1.0), closed("direct", "db", 1.9)};
    const RunResult r = runSimulation(s);
    const double u = r.component("db")->utilization.mean;
    QVERIFY2(u <= 1.0 + 1e-9, qPrintable(QString("db utilization %1 > 1: more busy workers than workers").arg(u)));
  }
  // Faults on a database act on the database: after lowering, its name belongs to a zero-time router (one
  // replica, no work), and FaultHook looks faults up by that name. A slowdown then changes nothing...
  void slowdownOfADatabaseSlowsItsQueries() {
    Scenario s = base("db-slowdown", 100);
    Component db = test::station("db", 4, Distribution::deterministic(0.01));
    db.database = DatabaseSpec{};
    s.components = {db};
    s.sources = {test::poisson("db", 5)};
    FaultSpec slow = fault(FaultSpec::Kind::Slowdown, "db", 0, 100);
    slow.factor = 10;
    s.faults = {slow};
    const RunResult r = runSimulation(s);
    const double resp = r.endToEnd()->response.mean_s.mean;
    QVERIFY2(resp > 0.09, qPrintable(QString("response %1 s, expected ~0.1 s (10 x 10 ms)").arg(resp)));
  }

  // ... and killing one of three database replicas kills the router instead: the database refuses every
  // query until the router restarts.
  void killingOneOfThreeDatabaseReplicasKeepsItServing() {
    Scenario s = base("db-kill", 100);
    Component db = test::station("db", 4, Distribution::deterministic(0.01), 3);
    db.database = DatabaseSpec{};
    s.components = {db};
    s.sources = {test::poisson("db", 5)};
    FaultSpec kill = fault(FaultSpec::Kind::KillReplicas, "db", 10, 0);
    kill.count = 1;
    kill.restart_s = 30;
    s.faults = {kill};
    const RunResult r = runSimulation(s);
    QCOMPARE(r.endToEnd()->error_ratio.mean, 0.0);
  }

  // A worker freed after a long hold starts the next queued request synchronously; a zero-time request then
  // completes and frees the worker again, recursing (leaveComponent -> startService -> advance -> completeJob
  // -> leaveComponent ...) once per queued request. kMaxSynchronousDepth only guards arrive(), so a backlog of
  // ~100k zero-time requests overflows the stack. Kept last: a failure here is a crash.
  void drainingALongQueueOfZeroTimeRequestsDoesNotRecursePerRequest() {
    Scenario s = base("zero-time-backlog", 120);
    Component api = test::station("api", 1, Distribution::deterministic(0));
    api.behaviour["slow"].steps = {test::call("db")};  // holds the only worker for 100 s
    api.behaviour["fast"].steps = {};
    s.components = {api, test::station("db", 8, Distribution::deterministic(100))};
    s.sources = {test::poisson("api", 1000, "fast"), closed("slow", "api", 10)};
    const RunResult r = runSimulation(s);
    QVERIFY(r.component("api")->throughput_per_s.mean > 500);
  }
};

QTEST_GUILESS_MAIN(TestReviewRegressions)
#include "test_review_regressions.moc"
