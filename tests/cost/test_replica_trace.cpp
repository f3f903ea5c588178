// The cost recorder's replica trace is exact: a scripted fleet (a test hook calls setReplicas at chosen
// instants, none on a whole second) is recorded start for start and stop for stop, and its bill is the exact
// integral of the trace with each run rounded up to a second and at least 60 s; a replica living less than a
// second is billed its minute; a drained replica stops when the kernel retires it (its last request leaves), not
// at a poll; the trace does not depend on the order of the hooks.
#include <QtTest>

#include <cmath>
#include <memory>

#include "model/scenario_json.h"
#include "simulator/cost/scenario_cost.h"

using namespace headroom;
using namespace headroom::cost;
using nlohmann::json;

namespace {

constexpr double kM6iLargeUsdPerHour = 0.096;

struct ScaleStep {
  double at_s;
  int replicas;
  double startup_s;
};

// What the script saw of the kernel: replicas listed by EngineControl::replicas() at chosen instants.
struct Probe {
  double at_s;
  int listed = -1;
};

// Sets the replicas of "api" at each step's instant and counts the replicas the kernel lists at each probe.
class ScriptHook : public SimulationHook {
 public:
  ScriptHook(std::vector<ScaleStep> steps, std::shared_ptr<std::vector<Probe>> probes) : steps_(std::move(steps)), probes_(std::move(probes)) {}

  void onStart(EngineControl& engine) override {
    api_ = engine.componentIndex("api");
    for (std::size_t i = 0; i < steps_.size(); ++i) engine.scheduleTimer(secondsToSimTime(steps_[i].at_s), this, static_cast<std::uint32_t>(i));
    for (std::size_t i = 0; i < probes_->size(); ++i)
      engine.scheduleTimer(secondsToSimTime((*probes_)[i].at_s), this, static_cast<std::uint32_t>(kProbe + i));
  }

  void onTimer(EngineControl& engine, std::uint32_t tag) override {
    if (tag >= kProbe) {
      (*probes_)[tag - kProbe].listed = static_cast<int>(engine.replicas(api_).size());
      return;
    }
    const ScaleStep& s = steps_[tag];
    engine.setReplicas(api_, s.replicas, secondsToSimTime(s.startup_s));
  }

 private:
  static constexpr std::uint32_t kProbe = 1u << 20;
  std::vector<ScaleStep> steps_;
  std::shared_ptr<std::vector<Probe>> probes_;
  int api_ = -1;
};

// A component "api" on m6i.large, no autoscaler, under deterministic arrivals `rate_per_s` served in `service_ms`.
Scenario scenario(double horizon_s, int replicas, double rate_per_s, double service_ms) {
  json j = json::parse(R"({"format": "headroom-scenario", "version": 1, "name": "scripted",
      "simulation": {"horizon_s": 3600, "replications": 1, "seed": 11},
      "sources": [{"name": "load", "type": "open", "entry": "api", "arrivals": "deterministic",
                   "rate": {"kind": "constant", "rate_per_s": 1}}],
      "components": [{"name": "api", "type": "service", "replicas": 2, "workers_per_replica": 1,
                      "service_time": {"dist": "deterministic", "value_ms": 1},
                      "pricing": {"instance_type": "m6i.large"}}]})");
  j["simulation"]["horizon_s"] = horizon_s;
  j["components"][0]["replicas"] = replicas;
  j["sources"][0]["rate"]["rate_per_s"] = rate_per_s;
  j["components"][0]["service_time"]["value_ms"] = service_ms;
  return scenarioFromJson(j, "test");
}

enum class Order { ScriptFirst, RecorderFirst };

HookFactory withScript(const CostCollector& collector, std::vector<ScaleStep> steps, std::shared_ptr<std::vector<Probe>> probes, Order order) {
  HookFactory script = [steps, probes](const Scenario&, int) {
    HookList hooks;
    hooks.push_back(std::make_unique<ScriptHook>(steps, probes));
    return hooks;
  };
  if (order == Order::ScriptFirst) return collector.wrap(script);
  HookFactory recorder = collector.factory();
  return [recorder, script](const Scenario& s, int r) {
    HookList hooks = recorder(s, r);
    for (auto& h : script(s, r)) hooks.push_back(std::move(h));
    return hooks;
  };
}

std::vector<InstanceRun> sortedRuns(std::vector<InstanceRun> runs) {
  std::sort(runs.begin(), runs.end(), [](const InstanceRun& a, const InstanceRun& b) {
    return std::tie(a.start_s, a.end_s, a.ongoing) < std::tie(b.start_s, b.end_s, b.ongoing);
  });
  return runs;
}

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

// One replication of `s` under the script, the recorder placed before or after it: the recorded usage and what
// the probes saw.
struct Scripted {
  UsageTrace usage;
  std::vector<Probe> probes;
};

Scripted runScripted(const Scenario& s, const std::vector<ScaleStep>& steps, const std::vector<double>& probe_at_s,
                     Order order = Order::ScriptFirst) {
  auto probes = std::make_shared<std::vector<Probe>>();
  for (const double at : probe_at_s) probes->push_back({at});
  CostCollector collector(s);
  RunOptions o;
  o.hooks = withScript(collector, steps, probes, order);
  const RunResult run = runSimulation(s, o);
  if (run.replications != 1) throw std::logic_error("expected one replication");
  return {collector.usage(0), *probes};
}

}  // namespace

class TestReplicaTrace : public QObject {
  Q_OBJECT
  const PriceCatalog catalog_ = builtinCatalog();
  PricingContext ctx_{&catalog_, "2026-12-01"};

 private slots:
  void scriptedFleetCostsTheExactIntegralOfItsTrace() {
    // Six hours: 2 replicas always, and 35 times a scale-out to 50 at 600k + 37.9 s and back to 2 at 600k + 338.2 s.
    // No request is in service at any of these instants (arrivals every 100 s, 1 ms of service), so every scale-in
    // retires its replicas at once: the 48 newest, those started at the matching scale-out.
    const double horizon_s = 6 * 3600;
    std::vector<ScaleStep> steps;
    std::vector<InstanceRun> expected;
    for (int k = 0; k < 35; ++k) {
      const double up = 600.0 * k + 37.9, down = 600.0 * k + 338.2;
      steps.push_back({up, 50, 0.0});
      steps.push_back({down, 2, 0.0});
      for (int i = 0; i < 48; ++i) expected.push_back({up, down, false});
    }
    expected.push_back({0.0, horizon_s, true});
    expected.push_back({0.0, horizon_s, true});
    const Scenario s = scenario(horizon_s, 2, 0.01, 1);

    std::vector<std::vector<InstanceRun>> byOrder;
    std::vector<MicroUsd> bills;
    for (const Order order : {Order::ScriptFirst, Order::RecorderFirst}) {
      const UsageTrace t = runScripted(s, steps, {}, order).usage;
      QCOMPARE(t.end_s, horizon_s);
      byOrder.push_back(sortedRuns(t.components.at(0).instances));
      bills.push_back(priceUsage(t, ctx_).total_micro_usd);
    }
    const std::vector<InstanceRun> want = sortedRuns(expected);
    for (const auto& runs : byOrder) {
      QCOMPARE(runs.size(), want.size());
      for (std::size_t i = 0; i < runs.size(); ++i)
        QVERIFY2(near(runs[i].start_s, want[i].start_s) && near(runs[i].end_s, want[i].end_s) && runs[i].ongoing == want[i].ongoing,
                 (std::to_string(i) + ": " + std::to_string(runs[i].start_s) + " - " + std::to_string(runs[i].end_s)).c_str());
    }
    QCOMPARE(bills[0], bills[1]);

    // The integral of the trace: 2 x 21,600 + 35 x 48 x 300.3 instance-seconds.
    double integral = 0;
    for (const auto& r : byOrder[0]) integral += r.end_s - r.start_s;
    QVERIFY2(std::abs(integral - (2 * horizon_s + 35 * 48 * 300.3)) < 1e-6, std::to_string(integral).c_str());

    // Billed: each of the 1,680 short runs rounds 300.3 s up to 301 s; the two long ones pay their 21,600 s.
    // 2 x 21,600 + 1,680 x 301 = 548,880 s x $0.096 / 3600 s = $14.636800.
    const double billed_s = 2 * horizon_s + 35 * 48 * 301.0;
    QCOMPARE(bills[0], toMicroUsd(billed_s / 3600.0 * kM6iLargeUsdPerHour));
    QCOMPARE(bills[0], MicroUsd{14'636'800});
    QCOMPARE(toCents(bills[0]), std::int64_t{1464});
    // The one-second poll this replaces saw each stop at the next whole second (339 s): 301.1 s, billed 302 s each,
    // $14.681600, 4.48 cents more. The data tells the two apart to the cent.
    const double pollBilled_s = 2 * horizon_s + 35 * 48 * 302.0;
    QCOMPARE(toCents(toMicroUsd(pollBilled_s / 3600.0 * kM6iLargeUsdPerHour)), std::int64_t{1468});
  }

  void replicaLivingUnderASecondPaysItsMinute() {
    // A third replica is asked for at 1000.1 s (5 s start-up) and taken back at 1000.5 s, still starting: it lived
    // 0.4 s, between two whole seconds. It is recorded, and billed 60 s: (2 x 3600 + 60) x $0.096 / 3600 = $0.1936.
    const Scenario s = scenario(3600, 2, 0.01, 1);
    const Scripted r = runScripted(s, {{1000.1, 3, 5.0}, {1000.5, 2, 5.0}}, {1000.3, 1000.6});
    QCOMPARE(r.probes[0].listed, 3);  // the kernel lists it while it starts
    QCOMPARE(r.probes[1].listed, 2);  // and no more after 1000.5 s
    const UsageTrace& t = r.usage;
    const auto runs = sortedRuns(t.components.at(0).instances);
    QCOMPARE(runs.size(), std::size_t{3});
    QVERIFY(near(runs[2].start_s, 1000.1) && near(runs[2].end_s, 1000.5) && !runs[2].ongoing);
    QCOMPARE(billedSeconds(runs[2]), 60.0);
    QCOMPARE(priceUsage(t, ctx_).total_micro_usd, MicroUsd{193'600});
  }

  void drainedReplicaStopsWhenItsLastRequestLeaves() {
    // One replica; a request arrives every 10 s and takes 4.3 s. Scaled to 0 at 12.5 s, the replica drains the
    // request that started at 10 s and is retired by the kernel when it finishes, at 14.3 s: the probe at 14.299 s
    // still lists it (draining), the one at 14.301 s does not. A new replica starts at 15 s and runs to the end.
    const Scenario s = scenario(60, 1, 0.1, 4300);
    const Scripted r = runScripted(s, {{12.5, 0, 0.0}, {15.0, 1, 0.0}}, {14.299, 14.301});
    QCOMPARE(r.probes[0].listed, 1);
    QCOMPARE(r.probes[1].listed, 0);
    const UsageTrace& t = r.usage;
    const auto runs = sortedRuns(t.components.at(0).instances);
    QCOMPARE(runs.size(), std::size_t{2});
    QVERIFY2(near(runs[0].start_s, 0.0) && near(runs[0].end_s, 14.3) && !runs[0].ongoing, std::to_string(runs[0].end_s).c_str());
    QVERIFY(near(runs[1].start_s, 15.0) && near(runs[1].end_s, 60.0) && runs[1].ongoing);
    // 60 s (minimum) + 45 s = 105 s x $0.096 / 3600 = $0.0028.
    QCOMPARE(priceUsage(t, ctx_).total_micro_usd, MicroUsd{2'800});
  }
};

QTEST_APPLESS_MAIN(TestReplicaTrace)
#include "test_replica_trace.moc"
