// Cost of simulated runs: the recorder hook's trace against known replica traces, the cluster's nodes, the
// serverless GB-seconds, the per-request figures and their CIs, "not priced" components.
#include <QtTest>

#include <cmath>

#include "model/scenario_json.h"
#include "simulator/cost/cost_report.h"
#include "simulator/cost/scenario_cost.h"

using namespace headroom;
using namespace headroom::cost;
using nlohmann::json;

namespace {

Scenario parse(const char* text) { return scenarioFromJson(json::parse(text), "test"); }

}  // namespace

class TestScenarioCost : public QObject {
  Q_OBJECT
  const PriceCatalog catalog_ = builtinCatalog();
  PricingContext ctx_{&catalog_, "2026-12-01"};

 private slots:
  void fixedFleetCostsReplicasTimesHours() {
    // 3 x m6i.large for the 3600 s horizon: 3 x 0.096 = 0.288 per replication, 210.24 per 730 h month.
    const Scenario s = parse(R"({"format": "headroom-scenario", "version": 1, "name": "fixed",
      "simulation": {"horizon_s": 3600, "replications": 3, "seed": 7},
      "sources": [{"name": "load", "type": "open", "entry": "api", "rate": {"kind": "constant", "rate_per_s": 20}}],
      "components": [
        {"name": "api", "type": "service", "replicas": 3, "workers_per_replica": 2,
         "service_time": {"dist": "exponential", "mean_ms": 20}, "behaviour": {"*": {"steps": [{"call": "edge"}]}},
         "pricing": {"instance_type": "m6i.large"}},
        {"name": "edge", "type": "delay", "service_time": {"dist": "deterministic", "value_ms": 5}}]})");
    const CostRun r = runWithCost(s, RunOptions{}, ctx_);
    const ScenarioCost& c = r.cost;
    QCOMPARE(c.replications, 3);
    QCOMPARE(c.period_s, 3600.0);
    QCOMPARE(toMicroUsd(c.total_usd.mean), MicroUsd{288'000});
    QCOMPARE(c.total_usd.half_width, 0.0);
    QCOMPARE(toCents(toMicroUsd(c.usd_per_month.mean)), std::int64_t{21024});
    // Per 1,000 requests: 0.288 over about 72,000 requests.
    QVERIFY(std::abs(c.usd_per_1k_requests.mean - 0.004) < 0.0002);
    QVERIFY(c.usd_per_1k_requests.half_width > 0);
    QVERIFY(c.good_label.find("no SLO") != std::string::npos);
    QCOMPARE(c.not_priced.size(), std::size_t{1});
    QCOMPARE(c.not_priced[0].first, std::string("edge"));
    QVERIFY(costToJson(c).contains("usd_per_month"));
    QVERIFY(formatCost(c).find("not priced: edge") != std::string::npos);
  }

  void perThousandGoodCountsRequestsWithinTheSloLatency() {
    // Deterministic arrivals and service, no queueing (100 workers): "fast" gets 199 requests (every 0.5 s
    // until 99.5 s) answered in 100 ms, "slow" 99 (every 1 s until 99 s) answered in 500 ms. All succeed.
    // With slo.p99 = 300 ms exactly the 199 fast ones met the SLO; with 600 ms all 298 did.
    auto scenario = [](int p99_ms) {
      return parse(("{\"format\": \"headroom-scenario\", \"version\": 1, \"name\": \"slo-count\","
                    "\"simulation\": {\"horizon_s\": 100, \"replications\": 2, \"seed\": 5},"
                    "\"slo\": {\"p99_ms\": " + std::to_string(p99_ms) + "},"
                    "\"sources\": ["
                    "{\"name\": \"a\", \"type\": \"open\", \"entry\": \"fast\", \"arrivals\": \"deterministic\","
                    " \"rate\": {\"kind\": \"constant\", \"rate_per_s\": 2}},"
                    "{\"name\": \"b\", \"type\": \"open\", \"entry\": \"slow\", \"arrivals\": \"deterministic\","
                    " \"rate\": {\"kind\": \"constant\", \"rate_per_s\": 1}}],"
                    "\"components\": ["
                    "{\"name\": \"fast\", \"type\": \"service\", \"workers_per_replica\": 100,"
                    " \"service_time\": {\"dist\": \"deterministic\", \"value_ms\": 100},"
                    " \"pricing\": {\"instance_type\": \"m6i.large\"}},"
                    "{\"name\": \"slow\", \"type\": \"service\", \"workers_per_replica\": 100,"
                    " \"service_time\": {\"dist\": \"deterministic\", \"value_ms\": 500}}]}")
                       .c_str());
    };
    for (const auto& [p99_ms, met] : {std::pair{300, 199.0}, std::pair{600, 298.0}}) {
      const Scenario s = scenario(p99_ms);
      CostCollector collector(s);
      RunOptions o;
      o.hooks = collector.factory();
      const RunResult run = runSimulation(s, o);
      QCOMPARE(run.replications, 2);
      for (int r = 0; r < 2; ++r) {
        QCOMPARE(collector.requests(r).met_slo, met);
        QCOMPARE(collector.requests(r).successful, 298.0);
      }
      const ScenarioCost c = priceRecordedRun(s, run, collector, ctx_);
      QVERIFY2(c.good_label.find("met the SLO") != std::string::npos &&
                   c.good_label.find(std::to_string(p99_ms) + " ms") != std::string::npos,
               c.good_label.c_str());
      QVERIFY(std::abs(c.usd_per_1k_good.mean - c.total_usd.mean / met * 1000.0) < 1e-12);
    }
  }

  void scheduledFleetIsTheIntegralOfItsTrace() {
    // An AWS group at 2 instances, scheduled to 5 at 600 s and back to 3 at 1800 s, under a trickle of load
    // (drains are instant): 2 x 600 + 5 x 1200 + 3 x 1800 = 12,600 instance-seconds = 3.5 h x 0.096 = 0.336.
    // Stops are recorded when the kernel retires the replica (tests/cost/test_replica_trace.cpp): exactly.
    const Scenario s = parse(R"({"format": "headroom-scenario", "version": 1, "name": "scheduled",
      "simulation": {"horizon_s": 3600, "replications": 2, "seed": 3},
      "sources": [{"name": "load", "type": "open", "entry": "api", "rate": {"kind": "constant", "rate_per_s": 0.01}}],
      "components": [
        {"name": "api", "type": "service", "replicas": 2, "workers_per_replica": 1,
         "service_time": {"dist": "deterministic", "value_ms": 1},
         "autoscaling": {"kind": "aws", "min_replicas": 1, "max_replicas": 10, "replica_startup_s": 0,
           "scheduled_actions": [{"name": "up", "at_s": 600, "desired_capacity": 5},
                                 {"name": "down", "at_s": 1800, "desired_capacity": 3}]},
         "pricing": {"instance_type": "m6i.large"}}]})");
    CostCollector collector(s);
    RunOptions o;
    o.hooks = collector.factory();
    const RunResult run = runSimulation(s, o);
    const UsageTrace t = collector.usage(0);
    double seconds = 0;
    for (const auto& r : t.components[0].instances) seconds += r.end_s - r.start_s;
    QVERIFY2(std::abs(seconds - 12600.0) < 1e-6, std::to_string(seconds).c_str());
    const ScenarioCost c = priceRecordedRun(s, run, collector, ctx_);
    QCOMPARE(toMicroUsd(c.total_usd.mean), MicroUsd{336'000});
  }

  void shortLivedReplicaInASimulationPaysAMinute() {
    // A scheduled scale-out to 3 at 3000 s and back to 2 at 3010 s: the newest replica goes first, lives
    // 10 s and pays 60 s. Expected: 2 x 3600 + 60 (minimum) instance-seconds = 7,260 s x 0.096 / 3600 = 0.1936.
    const Scenario s = parse(R"({"format": "headroom-scenario", "version": 1, "name": "blip",
      "simulation": {"horizon_s": 3600, "replications": 1, "seed": 3},
      "sources": [{"name": "load", "type": "open", "entry": "api", "rate": {"kind": "constant", "rate_per_s": 0.01}}],
      "components": [
        {"name": "api", "type": "service", "replicas": 2, "workers_per_replica": 1,
         "service_time": {"dist": "deterministic", "value_ms": 1},
         "autoscaling": {"kind": "aws", "min_replicas": 1, "max_replicas": 10, "replica_startup_s": 0,
           "scheduled_actions": [{"name": "up", "at_s": 3000, "desired_capacity": 3},
                                 {"name": "down", "at_s": 3010, "desired_capacity": 2}]},
         "pricing": {"instance_type": "m6i.large"}}]})");
    const CostRun r = runWithCost(s, RunOptions{}, ctx_);
    const double exact = 7260.0 / 3600.0 * 0.096;
    QVERIFY2(std::abs(r.cost.total_usd.mean - exact) < 1e-6, std::to_string(r.cost.total_usd.mean).c_str());
  }

  void clusterNodesArePaidNotPods() {
    // Pods on a cluster: the node pool's instances are what is paid. Two m5.xlarge nodes stay all hour (the
    // pods fit and scale-down is off): 2 x 0.192 = 0.384.
    const Scenario s = parse(R"({"format": "headroom-scenario", "version": 1, "name": "cluster",
      "simulation": {"horizon_s": 3600, "replications": 2, "seed": 3},
      "sources": [{"name": "load", "type": "open", "entry": "api", "rate": {"kind": "constant", "rate_per_s": 10}}],
      "components": [
        {"name": "api", "type": "service", "replicas": 4, "workers_per_replica": 1,
         "service_time": {"dist": "exponential", "mean_ms": 20}, "pod": {"cpu_request_cores": 1, "memory_gib": 2}}],
      "cluster": {"node_pools": [{"name": "general", "cpu_cores": 4, "memory_gib": 16, "min_nodes": 1, "max_nodes": 5,
                                  "initial_nodes": 2, "instance_type": "m5.xlarge"}], "scale_down_enabled": false}})");
    const CostRun r = runWithCost(s, RunOptions{}, ctx_);
    QCOMPARE(toMicroUsd(r.cost.total_usd.mean), MicroUsd{384'000});
    QCOMPARE(r.cost.lines.size(), std::size_t{1});
    QCOMPARE(r.cost.lines[0].component, std::string("cluster/general"));
    QCOMPARE(r.cost.not_priced.size(), std::size_t{1});
    QVERIFY(r.cost.not_priced[0].second.find("nodes") != std::string::npos);
  }

  void clusterScaleUpIsPaidFromNodeCreation() {
    // One node (4 cores) cannot hold 6 one-core pods: the Cluster Autoscaler adds a node at its first scan;
    // it is paid from then (provisioning included) to the end. The priced node-seconds equal the integral of
    // the node count the cluster hook logged.
    const Scenario s = parse(R"({"format": "headroom-scenario", "version": 1, "name": "cluster-up",
      "simulation": {"horizon_s": 1800, "replications": 1, "seed": 3},
      "sources": [{"name": "load", "type": "open", "entry": "api", "rate": {"kind": "constant", "rate_per_s": 1}}],
      "components": [
        {"name": "api", "type": "service", "replicas": 4, "workers_per_replica": 1,
         "service_time": {"dist": "exponential", "mean_ms": 20}, "pod": {"cpu_request_cores": 1, "memory_gib": 2},
         "autoscaling": {"kind": "aws", "min_replicas": 1, "max_replicas": 10, "replica_startup_s": 10,
           "scheduled_actions": [{"name": "up", "at_s": 300, "desired_capacity": 6}]}}],
      "cluster": {"node_pools": [{"name": "general", "cpu_cores": 4, "memory_gib": 16, "min_nodes": 1, "max_nodes": 5,
                                  "initial_nodes": 1, "instance_type": "m5.xlarge"}], "scale_down_enabled": false}})");
    const CostRun r = runWithCost(s, RunOptions{}, ctx_);
    double nodeSeconds = 0, last_t = 0;
    int nodes = 1;
    for (const auto& e : r.run.scaling_events) {
      if (e.component != "cluster") continue;
      nodeSeconds += nodes * (e.time_s - last_t);
      last_t = e.time_s;
      nodes = e.to;
    }
    nodeSeconds += nodes * (1800 - last_t);
    QVERIFY2(nodes == 2, std::to_string(nodes).c_str());
    QCOMPARE(toMicroUsd(r.cost.total_usd.mean), toMicroUsd(nodeSeconds / 3600.0 * 0.192));
  }

  void serverlessGbSecondsFollowTheSimulatedDurations() {
    // 20 req/s for 1800 s of a 200 ms function at 1024 MB: 36,000 invocations x (0.200 + 0.0005 rounding) s x
    // 1 GB = 7,218 GB-s, plus cold starts (INIT is billed: it is busy time of the environment).
    const Scenario s = parse(R"({"format": "headroom-scenario", "version": 1, "name": "fn",
      "simulation": {"horizon_s": 1800, "replications": 2, "seed": 5},
      "sources": [{"name": "load", "type": "open", "entry": "fn", "rate": {"kind": "constant", "rate_per_s": 20}}],
      "components": [
        {"name": "fn", "type": "serverless", "service_time": {"dist": "deterministic", "value_ms": 200},
         "serverless": {"memory_mb": 1024, "cold_start": {"dist": "deterministic", "value_ms": 300}},
         "pricing": {"architecture": "arm"}}]})");
    const CostRun r = runWithCost(s, RunOptions{}, ctx_);
    const CostEstimateLine* gbs = nullptr;
    const CostEstimateLine* req = nullptr;
    for (const auto& l : r.cost.lines) {
      if (l.resource.find("duration") != std::string::npos) gbs = &l;
      if (l.resource.find("requests") != std::string::npos) req = &l;
    }
    QVERIFY(gbs && req);
    const double invocations = req->quantity.mean * 1e6;
    QVERIFY(std::abs(invocations - 36000) < 36000 * 0.03);
    const double cold = r.run.component("fn")->feature("cold_start_ratio")->mean * invocations;
    const double expected = invocations * 0.2005 + cold * 0.3;
    QVERIFY2(std::abs(gbs->quantity.mean - expected) < 0.01 * expected,
             (std::to_string(gbs->quantity.mean) + " vs " + std::to_string(expected)).c_str());
    QCOMPARE(gbs->sku, std::string("arm"));
  }

  void unknownInstanceTypeFailsNamingTheComponent() {
    const Scenario s = parse(R"({"format": "headroom-scenario", "version": 1, "name": "bad",
      "simulation": {"horizon_s": 60, "replications": 1},
      "sources": [{"name": "load", "type": "open", "entry": "api", "rate": {"kind": "constant", "rate_per_s": 1}}],
      "components": [{"name": "api", "type": "service", "service_time": {"dist": "exponential", "mean_ms": 10},
                      "pricing": {"instance_type": "m6i.gigantic"}}]})");
    try {
      runWithCost(s, RunOptions{}, ctx_);
      QFAIL("expected an error");
    } catch (const std::invalid_argument& e) {
      QVERIFY2(std::string(e.what()).find("component 'api': pricing.instance_type") == 0, e.what());
    }
  }
};

QTEST_APPLESS_MAIN(TestScenarioCost)
#include "test_scenario_cost.moc"
