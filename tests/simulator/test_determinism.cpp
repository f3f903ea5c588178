// Same seed -> bit-identical results, whatever the number of threads; another seed -> other numbers.
#include <QtTest>

#include "scenario_builders.h"
#include "simulator/result_io.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

Scenario model() {
  // Synchronous calls, a branch, a parallel fan-out and a bounded queue: every random stream is exercised.
  Scenario s;
  s.name = "determinism";
  Component api = test::station("api", 4, Distribution::lognormal(0.004, 1.5), 2);
  Step branch;
  branch.kind = Step::Kind::Branch;
  Step fan;
  fan.kind = Step::Kind::Parallel;
  fan.calls = {{"db", 0.5}, {"cache", 0}};
  branch.arms = {{0.4, {fan}}};
  api.behaviour[kAnyClass].steps = {test::call("db", 0.2), branch};
  Component db = test::station("db", 2, Distribution::gamma(0.006, 0.7));
  db.queue_capacity = 5;
  s.components = {api, db, test::station("cache", 8, Distribution::deterministic(0.0005))};
  s.sources.push_back(test::poisson("api", 150));
  s.simulation.horizon_s = 60;
  s.simulation.warmup_s = 5;
  s.simulation.replications = 6;
  s.simulation.seed = 7;
  return s;
}

std::string fingerprint(const Scenario& s, int threads, std::uint64_t seed) {
  RunOptions o;
  o.threads = threads;
  o.seed = seed;
  auto j = runResultToJson(runSimulation(s, o));
  // Run metadata (threads, wall time) sits in its own object: the rest must match byte for byte.
  if (j.contains("threads") || j.contains("wall_time_s")) return "run metadata mixed into the results";
  j.erase("run_metadata");
  return j.dump();
}

}  // namespace

class DeterminismTest : public QObject {
  Q_OBJECT
 private slots:
  void sameSeedSameResultOnOneAndManyThreads() {
    const Scenario s = model();
    const std::string one = fingerprint(s, 1, 7);
    QCOMPARE(fingerprint(s, 1, 7), one);
    QCOMPARE(fingerprint(s, 2, 7), one);
    QCOMPARE(fingerprint(s, 4, 7), one);  // more threads than cores is fine too
  }

  void otherSeedOtherResult() {
    const Scenario s = model();
    QVERIFY(fingerprint(s, 2, 7) != fingerprint(s, 2, 8));
  }

  void addingAComponentDoesNotShiftOtherStreams() {
    // An unconnected extra component must not change what the others draw (streams are keyed by name).
    Scenario a = model();
    Scenario b = model();
    b.components.push_back(test::station("unused", 1, Distribution::exponential(1.0)));
    RunOptions o;
    o.threads = 1;
    const RunResult ra = runSimulation(a, o);
    const RunResult rb = runSimulation(b, o);
    QCOMPARE(rb.component("db")->response.mean_s.mean, ra.component("db")->response.mean_s.mean);
    QCOMPARE(rb.endToEnd()->response.quantile_s[3].mean, ra.endToEnd()->response.quantile_s[3].mean);
  }

  void precisionStopIsThreadIndependent() {
    Scenario s = model();
    s.simulation.target_relative_precision = 0.02;
    s.simulation.replications = 3;
    s.simulation.max_replications = 40;
    RunOptions one, two;
    one.threads = 1;
    two.threads = 2;
    const RunResult r1 = runSimulation(s, one);
    const RunResult r2 = runSimulation(s, two);
    QCOMPARE(r1.replications, r2.replications);
    QCOMPARE(r1.endToEnd()->response.mean_s.mean, r2.endToEnd()->response.mean_s.mean);
    QVERIFY(r1.stop_reason == "precision reached");
    QVERIFY(r1.endToEnd()->response.mean_s.relativeHalfWidth() <= 0.02);
  }
};

QTEST_APPLESS_MAIN(DeterminismTest)
#include "test_determinism.moc"
