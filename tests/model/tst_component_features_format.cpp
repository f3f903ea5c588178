// The component-feature blocks of the scenario format (retry, rate limits, breakers, pools and bulkheads,
// caches, databases, topics, serverless, latency routing, regions, the new fault kinds): read, written back
// identically, and checked with messages that name the component, the field and the rule.
#include <QtTest>

#include <functional>

#include "model/scenario_json.h"
#include "model/validation.h"
#include "scenario_fixtures.h"

using namespace headroom;
using nlohmann::json;

namespace {

// Valid as it stands: every feature at least once.
const char* const kStack = R"json({
  "format": "headroom-scenario", "version": 1, "name": "stack",
  "simulation": {"horizon_s": 1000},
  "request_classes": ["read", "write"],
  "regions": [{"name": "us-east-1", "latency_ms": {"eu-west-1": 40}}, {"name": "eu-west-1"}],
  "sources": [{"name": "web", "entry": "edge", "region": "eu-west-1",
               "rate": {"kind": "constant", "rate_per_s": 10}, "mix": {"read": 9, "write": 1}}],
  "components": [
    {"name": "edge", "type": "delay", "service_time": {"dist": "deterministic", "value_ms": 1},
     "nearest_of": ["api-us", "api-eu"]},
    {"name": "api-us", "region": "us-east-1", "replicas": 2, "workers_per_replica": 8,
     "service_time": {"dist": "exponential", "mean_ms": 5},
     "behaviour": {"*": {"steps": [
        {"call": "cache", "timeout_ms": 200,
         "retry": {"max_attempts": 4, "base_backoff_ms": 50, "multiplier": 3, "max_backoff_s": 2, "jitter": "equal"}},
        {"parallel": [{"call": "db", "retry": {"max_attempts": 2}}, {"call": "fn"}]},
        {"call": "events"},
        {"send": "events"}]}},
     "rate_limit": {"rate_per_min": 100, "burst": 20, "clients": 10000,
                    "heavy_client_fraction": 0.01, "heavy_traffic_share": 0.3},
     "error_ratio": 0.02, "shed_after_wait_ms": 500,
     "circuit_breakers": [{"target": "db", "failure_ratio": 0.4, "minimum_calls": 10, "window_s": 20,
                           "open_ms": 500, "half_open_calls": 3}],
     "connection_pools": [{"target": "db", "size": 20, "max_wait_ms": 1000}],
     "bulkheads": [{"target": "fn", "size": 5}]},
    {"name": "api-eu", "region": "eu-west-1", "service_time": {"dist": "exponential", "mean_ms": 5}},
    {"name": "cache", "service_time": {"dist": "exponential", "mean_ms": 1},
     "behaviour": {"*": {"steps": [{"call": "db"}]}},
     "cache": {"keys": 100000, "zipf_exponent": 0.9, "capacity": 20000, "ttl_s": 1800, "classes": ["read"],
               "write_classes": ["write"], "invalidation": "ttl", "start_warm": false,
               "response_bytes": {"read": 250000, "*": 20000}}},
    {"name": "db", "workers_per_replica": 4, "service_time": {"dist": "exponential", "mean_ms": 3},
     "database": {"write_classes": ["write"], "read_replicas": 2, "replication_lag_ms": 50, "shards": 4,
                  "sharding": "consistent_hash", "keys": 1000000, "key_skew": 1.1, "virtual_nodes": 32}},
    {"name": "events", "type": "topic", "replicas": 3, "service_time": {"dist": "exponential", "mean_ms": 10},
     "topic": {"partitions": 12, "retention_s": 86400, "publish_time": {"dist": "deterministic", "value_ms": 5}}},
    {"name": "fn", "type": "serverless", "service_time": {"dist": "exponential", "mean_ms": 40},
     "serverless": {"concurrency_limit": 100, "scaling_environments": 500, "scaling_period_s": 5,
                    "cold_start": {"dist": "lognormal", "mean_ms": 300, "cv": 0.4}, "idle_lifetime_s": 300,
                    "memory_mb": 512}},
    {"name": "static", "service_time": {"dist": "exponential", "mean_ms": 1},
     "cache": {"hit_ratio": {"*": 0.8, "read": 0.95}}}
  ],
  "faults": [
    {"kind": "added_latency", "component": "db", "at_s": 100, "duration_s": 60, "latency_ms": 200},
    {"kind": "cache_flush", "component": "cache", "at_s": 200},
    {"kind": "region_outage", "region": "us-east-1", "at_s": 300, "duration_s": 120},
    {"kind": "database_failover", "component": "db", "at_s": 400, "duration_s": 30, "shard": 2},
    {"kind": "component_outage", "component": "events", "at_s": 500, "duration_s": 30},
    {"kind": "kill_replicas", "component": "events", "at_s": 600}
  ]
})json";

// Component indices in kStack.
constexpr int kEdge = 0, kApiUs = 1, kCache = 3, kDb = 4, kEvents = 5, kFn = 6, kStatic = 7;

json stack() { return json::parse(kStack); }

json& comp(json& j, int i) { return j["components"][i]; }

std::vector<ValidationIssue> issuesAfter(const std::function<void(json&)>& edit) {
  json j = stack();
  edit(j);
  return validateScenario(scenarioFromJson(j));
}

bool hasIssue(const std::vector<ValidationIssue>& issues, const std::string& where, const std::string& field) {
  for (const auto& i : issues)
    if (i.where == where && i.field == field) return true;
  return false;
}

std::string describe(const std::vector<ValidationIssue>& issues) {
  std::string out;
  for (const auto& i : issues) out += i.message() + "\n";
  return out.empty() ? "(no issues)" : out;
}

// The loader's message for a broken file ("" when it loads).
std::string loadError(const json& j) {
  try {
    scenarioFromJson(j);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return {};
}

std::string dumpSaved(const Scenario& s) { return scenarioToJson(s).dump(); }

}  // namespace

#define EXPECT_ISSUE(issues, where, field) \
  QVERIFY2(hasIssue(issues, where, field), (std::string("missing ") + (where) + ": " + (field) + " in\n" + describe(issues)).c_str())

#define EXPECT_LOAD_ERROR(j, fragment)                                                                   \
  do {                                                                                                 \
    const std::string err = loadError(j);                                                              \
    QVERIFY2(!err.empty(), "loaded although it should not");                                          \
    QVERIFY2(err.find(fragment) != std::string::npos, (err + "\n  expected: " + (fragment)).c_str()); \
  } while (false)

class TestComponentFeaturesFormat : public QObject {
  Q_OBJECT
 private slots:
  void readsEveryFeature() {
    const Scenario s = scenarioFromJson(stack());
    QVERIFY2(validateScenario(s).empty(), describe(validateScenario(s)).c_str());

    QCOMPARE(s.regions.size(), std::size_t{2});
    QCOMPARE(s.regions[0].latency_s.at("eu-west-1"), 0.04);
    QCOMPARE(s.sources[0].region, std::string("eu-west-1"));

    const Component& api = s.components[kApiUs];
    QCOMPARE(api.region, std::string("us-east-1"));
    const CallTarget& first = api.behaviour.at("*").steps[0].calls[0];
    QVERIFY(first.retry.has_value());
    QCOMPARE(first.retry->max_attempts, 4);
    QCOMPARE(first.retry->base_backoff_s, 0.05);
    QCOMPARE(first.retry->multiplier, 3.0);
    QCOMPARE(first.retry->max_backoff_s, 2.0);
    QVERIFY(first.retry->jitter == RetrySpec::Jitter::Equal);
    const CallTarget& par = api.behaviour.at("*").steps[1].calls[0];
    QCOMPARE(par.retry->max_attempts, 2);
    QCOMPARE(par.retry->base_backoff_s, RetrySpec{}.base_backoff_s);
    QVERIFY(par.retry->jitter == RetrySpec::Jitter::Full);
    QVERIFY(!api.behaviour.at("*").steps[1].calls[1].retry.has_value());

    QVERIFY(api.rate_limit.has_value());
    QCOMPARE(api.rate_limit->rate_per_s, 100.0 / 60.0);
    QCOMPARE(api.rate_limit->burst, 20.0);
    QCOMPARE(api.rate_limit->clients, 10000);
    QCOMPARE(api.rate_limit->heavy_client_fraction, 0.01);
    QCOMPARE(api.rate_limit->heavy_traffic_share, 0.3);
    QCOMPARE(api.error_ratio, 0.02);
    QCOMPARE(api.shed_after_wait_s, 0.5);
    QCOMPARE(api.circuit_breakers.size(), std::size_t{1});
    QCOMPARE(api.circuit_breakers[0].failure_ratio, 0.4);
    QCOMPARE(api.circuit_breakers[0].minimum_calls, 10);
    QCOMPARE(api.circuit_breakers[0].window_s, 20.0);
    QCOMPARE(api.circuit_breakers[0].open_s, 0.5);
    QCOMPARE(api.circuit_breakers[0].half_open_calls, 3);
    QCOMPARE(api.connection_pools.size(), std::size_t{2});
    QCOMPARE(api.connection_pools[0].target, std::string("db"));
    QCOMPARE(api.connection_pools[0].size, 20);
    QCOMPARE(api.connection_pools[0].max_wait_s, 1.0);
    QCOMPARE(api.connection_pools[1].target, std::string("fn"));  // the bulkhead
    QCOMPARE(api.connection_pools[1].size, 5);
    QCOMPARE(api.connection_pools[1].max_wait_s, 0.0);

    const CacheSpec& cache = *s.components[kCache].cache;
    QVERIFY(cache.hit_ratio.empty());
    QCOMPARE(cache.keys, std::int64_t{100000});
    QCOMPARE(cache.zipf_exponent, 0.9);
    QCOMPARE(cache.capacity, std::int64_t{20000});
    QCOMPARE(cache.ttl_s, 1800.0);
    QCOMPARE(cache.classes, std::vector<std::string>{"read"});
    QCOMPARE(cache.write_classes, std::vector<std::string>{"write"});
    QVERIFY(cache.invalidation == CacheSpec::Invalidation::TtlOnly);
    QVERIFY(!cache.start_warm);
    QCOMPARE(cache.response_bytes.at("*"), 20000.0);
    QCOMPARE(cache.response_bytes.at("read"), 250000.0);
    QCOMPARE(s.components[kStatic].cache->hit_ratio.at("read"), 0.95);

    const DatabaseSpec& db = *s.components[kDb].database;
    QCOMPARE(db.write_classes, std::vector<std::string>{"write"});
    QCOMPARE(db.read_replicas, 2);
    QCOMPARE(db.replication_lag_s, 0.05);
    QCOMPARE(db.shards, 4);
    QVERIFY(db.sharding == DatabaseSpec::Sharding::ConsistentHash);
    QCOMPARE(db.keys, std::int64_t{1000000});
    QCOMPARE(db.key_skew, 1.1);
    QCOMPARE(db.virtual_nodes, 32);

    const Component& events = s.components[kEvents];
    QVERIFY(events.type == Component::Type::Topic);
    QCOMPARE(events.topic->partitions, 12);
    QCOMPARE(events.topic->retention_s, 86400.0);
    QCOMPARE(events.topic->publish_time.mean_s, 0.005);

    const Component& fn = s.components[kFn];
    QVERIFY(fn.type == Component::Type::Serverless);
    QCOMPARE(fn.serverless->concurrency_limit, 100);
    QCOMPARE(fn.serverless->scaling_environments, 500);
    QCOMPARE(fn.serverless->scaling_period_s, 5.0);
    QVERIFY(fn.serverless->cold_start.kind == Distribution::Kind::Lognormal);
    QCOMPARE(fn.serverless->cold_start.mean_s, 0.3);
    QCOMPARE(fn.serverless->idle_lifetime_s, 300.0);
    QCOMPARE(fn.serverless->memory_mb, 512.0);

    QCOMPARE(s.components[kEdge].nearest_of, (std::vector<std::string>{"api-us", "api-eu"}));
  }

  void readsTheNewFaultKinds() {
    const Scenario s = scenarioFromJson(stack());
    QCOMPARE(s.faults.size(), std::size_t{6});
    QVERIFY(s.faults[0].kind == FaultSpec::Kind::AddedLatency);
    QCOMPARE(s.faults[0].latency_s, 0.2);
    QCOMPARE(s.faults[0].duration_s, 60.0);
    QVERIFY(s.faults[1].kind == FaultSpec::Kind::CacheFlush);
    QCOMPARE(s.faults[1].at_s, 200.0);
    QVERIFY(s.faults[2].kind == FaultSpec::Kind::RegionOutage);
    QCOMPARE(s.faults[2].region, std::string("us-east-1"));
    QVERIFY(s.faults[2].component.empty());
    QVERIFY(s.faults[3].kind == FaultSpec::Kind::DatabaseFailover);
    QCOMPARE(s.faults[3].shard, 2);
  }

  void roundTripsExactly() {
    const Scenario s = scenarioFromJson(stack());
    const json saved = scenarioToJson(s);
    const Scenario again = scenarioFromJson(saved);
    QCOMPARE(QString::fromStdString(dumpSaved(again)), QString::fromStdString(saved.dump()));
    QVERIFY(validateScenario(again).empty());

    // Keys as documented: the convenience per-minute rate is stored and written per second, a pool without
    // a wait is a bulkhead, durations below one second in milliseconds, defaults left out.
    const json& api = saved["components"][kApiUs];
    QCOMPARE(api["rate_limit"]["rate_per_s"].get<double>(), 100.0 / 60.0);
    QVERIFY(!api["rate_limit"].contains("rate_per_min"));
    QCOMPARE(api["shed_after_wait_ms"].get<double>(), 500.0);
    QCOMPARE(api["bulkheads"].dump(), std::string(R"([{"size":5,"target":"fn"}])"));
    QCOMPARE(api["connection_pools"][0]["max_wait_s"].get<double>(), 1.0);
    QCOMPARE(api["circuit_breakers"][0]["open_ms"].get<double>(), 500.0);
    const json& retry = api["behaviour"]["*"]["steps"][1]["parallel"][0]["retry"];
    QCOMPARE(retry.dump(), std::string(R"({"max_attempts":2})"));
    QCOMPARE(saved["regions"][0]["latency_ms"]["eu-west-1"].get<double>(), 40.0);
    QVERIFY(!saved["regions"][1].contains("latency_ms"));
    QCOMPARE(saved["faults"][0]["latency_ms"].get<double>(), 200.0);
    QVERIFY(!saved["faults"][1].contains("duration_s"));
    QCOMPARE(saved["faults"][2]["region"].get<std::string>(), std::string("us-east-1"));
    QVERIFY(!saved["faults"][2].contains("component"));
  }

  void writesKeysInDocumentedOrder() {
    // nlohmann::json sorts keys; the ordered output is visible through a saved file.
    const Scenario s = scenarioFromJson(stack());
    const QString path = QDir::temp().filePath("headroom-features-order.json");
    saveScenarioFile(path.toStdString(), s);
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const std::string text = f.readAll().toStdString();
    f.close();
    QFile::remove(path);
    auto pos = [&](const std::string& key) { return text.find("\"" + key + "\""); };
    QVERIFY(pos("request_classes") < pos("regions"));
    QVERIFY(pos("regions") < pos("sources"));
    const auto api = text.find("\"api-us\"");
    auto after = [&](const std::string& key) { return text.find("\"" + key + "\"", api); };
    QVERIFY(after("region") < after("replicas"));
    QVERIFY(after("behaviour") < after("rate_limit"));
    QVERIFY(after("rate_limit") < after("error_ratio"));
    QVERIFY(after("error_ratio") < after("shed_after_wait_ms"));
    QVERIFY(after("shed_after_wait_ms") < after("circuit_breakers"));
    QVERIFY(after("circuit_breakers") < after("connection_pools"));
    QVERIFY(after("connection_pools") < after("bulkheads"));
    QCOMPARE(scenarioFromJson(json::parse(text)).components.size(), std::size_t{8});
  }

  void poolWithoutWaitIsWrittenAsBulkhead() {
    json j = stack();
    comp(j, kApiUs)["connection_pools"][0]["max_wait_ms"] = 0;
    const json saved = scenarioToJson(scenarioFromJson(j));
    QVERIFY(!saved["components"][kApiUs].contains("connection_pools"));
    QCOMPARE(saved["components"][kApiUs]["bulkheads"].size(), std::size_t{2});
  }

  void millisecondVariantsEverywhere() {
    json j = stack();
    auto& api = comp(j, kApiUs);
    api["behaviour"]["*"]["steps"][0]["retry"] = {{"base_backoff_s", 0.25}, {"max_backoff_ms", 1500}};
    api["circuit_breakers"][0].erase("window_s");
    api["circuit_breakers"][0]["window_ms"] = 2500;
    api["connection_pools"][0].erase("max_wait_ms");
    api["connection_pools"][0]["max_wait_s"] = 0.75;
    api.erase("shed_after_wait_ms");
    api["shed_after_wait_s"] = 2;
    comp(j, kCache)["cache"].erase("ttl_s");
    comp(j, kCache)["cache"]["ttl_ms"] = 90000;
    comp(j, kDb)["database"].erase("replication_lag_ms");
    comp(j, kDb)["database"]["replication_lag_s"] = 0.125;
    comp(j, kEvents)["topic"].erase("retention_s");
    comp(j, kEvents)["topic"]["retention_ms"] = 60000;
    comp(j, kFn)["serverless"] = {{"scaling_period_ms", 2000}, {"idle_lifetime_ms", 1000}, {"concurrency_limit", 10}};
    j["regions"][0].erase("latency_ms");
    j["regions"][0]["latency_s"] = {{"eu-west-1", 0.08}};
    j["faults"][0].erase("latency_ms");
    j["faults"][0]["latency_s"] = 1.5;
    const Scenario s = scenarioFromJson(j);
    const Component& a = s.components[kApiUs];
    QCOMPARE(a.behaviour.at("*").steps[0].calls[0].retry->base_backoff_s, 0.25);
    QCOMPARE(a.behaviour.at("*").steps[0].calls[0].retry->max_backoff_s, 1.5);
    QCOMPARE(a.circuit_breakers[0].window_s, 2.5);
    QCOMPARE(a.connection_pools[0].max_wait_s, 0.75);
    QCOMPARE(a.shed_after_wait_s, 2.0);
    QCOMPARE(s.components[kCache].cache->ttl_s, 90.0);
    QCOMPARE(s.components[kDb].database->replication_lag_s, 0.125);
    QCOMPARE(s.components[kEvents].topic->retention_s, 60.0);
    QCOMPARE(s.components[kFn].serverless->scaling_period_s, 2.0);
    QCOMPARE(s.components[kFn].serverless->idle_lifetime_s, 1.0);
    QCOMPARE(s.regions[0].latency_s.at("eu-west-1"), 0.08);
    QCOMPARE(s.faults[0].latency_s, 1.5);
    QVERIFY2(validateScenario(s).empty(), describe(validateScenario(s)).c_str());
    const json saved = scenarioToJson(s);
    QCOMPARE(QString::fromStdString(dumpSaved(scenarioFromJson(saved))), QString::fromStdString(saved.dump()));
  }

  void oldFilesLoadAndSaveUnchanged() {
    const json fixture = json::parse(test::kValidScenario);
    const Scenario s = scenarioFromJson(fixture);
    QVERIFY(s.regions.empty());
    for (const auto& c : s.components) {
      QVERIFY(!c.rate_limit && !c.cache && !c.database && !c.topic && !c.serverless);
      QVERIFY(c.circuit_breakers.empty() && c.connection_pools.empty() && c.nearest_of.empty());
    }
    const std::string saved = dumpSaved(s);
    for (const char* key : {"regions", "region", "retry", "rate_limit", "error_ratio", "bulkheads", "cache", "topic"})
      QVERIFY2(saved.find(std::string("\"") + key + "\"") == std::string::npos, key);
  }

  void structuralErrorsNameThePath() {
    {
      json j = stack();
      comp(j, kApiUs)["behaviour"]["*"]["steps"][0]["retry"]["max_atempts"] = 3;
      EXPECT_LOAD_ERROR(j, "components[1].behaviour[\"*\"].steps[0].retry.max_atempts: unknown key 'max_atempts' "
                           "(did you mean 'max_attempts'?) (in component 'api-us')");
    }
    {
      json j = stack();
      comp(j, kApiUs)["behaviour"]["*"]["steps"][0]["retry"]["jitter"] = "ful";
      EXPECT_LOAD_ERROR(j, "retry.jitter: unknown value 'ful'; allowed: 'full', 'equal', 'none' (did you mean 'full'?)");
    }
    {
      json j = stack();
      comp(j, kApiUs)["behaviour"]["*"]["steps"][3]["retry"] = {{"max_attempts", 2}};
      EXPECT_LOAD_ERROR(j, "steps[3].retry: a send does not wait for an answer, so it has no retry");
    }
    {
      json j = stack();
      comp(j, kApiUs)["rate_limit"]["rate_per_s"] = 2;
      EXPECT_LOAD_ERROR(j, "components[1].rate_limit.rate_per_min: give either 'rate_per_s' or 'rate_per_min', not both");
    }
    {
      json j = stack();
      comp(j, kApiUs)["rate_limit"].erase("rate_per_min");
      EXPECT_LOAD_ERROR(j, "components[1].rate_limit: missing required key 'rate_per_s' (or 'rate_per_min')");
    }
    {
      json j = stack();
      comp(j, kApiUs)["circuit_breaker"] = json::array();
      EXPECT_LOAD_ERROR(j, "components[1].circuit_breaker: unknown key 'circuit_breaker' (did you mean 'circuit_breakers'?)");
    }
    {
      json j = stack();
      comp(j, kApiUs)["circuit_breakers"][0]["open_s"] = 1;
      EXPECT_LOAD_ERROR(j, "circuit_breakers[0].open_ms: give either 'open_s' or 'open_ms', not both");
    }
    {
      json j = stack();
      comp(j, kApiUs)["bulkheads"][0]["max_wait_ms"] = 10;
      EXPECT_LOAD_ERROR(j, "bulkheads[0].max_wait_ms: a bulkhead fails at once when full");
    }
    {
      json j = stack();
      comp(j, kApiUs)["connection_pools"][0].erase("size");
      EXPECT_LOAD_ERROR(j, "components[1].connection_pools[0]: missing required key 'size'");
    }
    {
      json j = stack();
      comp(j, kStatic)["cache"]["hit_ration"] = 0.5;
      EXPECT_LOAD_ERROR(j, "components[7].cache.hit_ration: unknown key 'hit_ration' (did you mean 'hit_ratio'?)");
    }
    {
      json j = stack();
      comp(j, kStatic)["cache"]["hit_ratio"] = 0.5;
      EXPECT_LOAD_ERROR(j, "components[7].cache.hit_ratio: must be an object");
    }
    {
      json j = stack();
      comp(j, kCache)["cache"]["keys"] = 2.5;
      EXPECT_LOAD_ERROR(j, "components[3].cache.keys: must be a whole number, got number 2.5");
    }
    {
      json j = stack();
      comp(j, kCache)["cache"]["invalidation"] = "on_read";
      EXPECT_LOAD_ERROR(j, "cache.invalidation: unknown value 'on_read'; allowed: 'on_write', 'ttl'");
    }
    {
      json j = stack();
      comp(j, kDb)["database"]["sharding"] = "hash";
      EXPECT_LOAD_ERROR(j, "database.sharding: unknown value 'hash'; allowed: 'modulo', 'consistent_hash', 'range'");
    }
    {
      json j = stack();
      comp(j, kEvents)["topic"]["partitions"] = "12";
      EXPECT_LOAD_ERROR(j, "components[5].topic.partitions: must be a whole number, got string \"12\"");
    }
    {
      json j = stack();
      comp(j, kEvents)["topic"]["retention_h"] = 24;
      EXPECT_LOAD_ERROR(j, "components[5].topic.retention_h: unknown key 'retention_h'");
    }
    {
      json j = stack();
      comp(j, kFn)["serverless"]["cold_start"] = {{"dist", "lognormal"}, {"mean_ms", 300}};
      EXPECT_LOAD_ERROR(j, "components[6].serverless.cold_start: missing required key 'cv'");
    }
    {
      json j = stack();
      comp(j, kFn)["type"] = "lambda";
      EXPECT_LOAD_ERROR(j, "unknown value 'lambda'; allowed: 'service', 'delay', 'topic', 'serverless'");
    }
    {
      json j = stack();
      comp(j, kEdge)["nearest_of"] = "api-us";
      EXPECT_LOAD_ERROR(j, "components[0].nearest_of: must be an array");
    }
    {
      json j = stack();
      j["regions"][0]["latency_s"] = {{"eu-west-1", 0.04}};
      EXPECT_LOAD_ERROR(j, "regions[0].latency_ms: give either 'latency_s' or 'latency_ms', not both (in region 'us-east-1')");
    }
    {
      json j = stack();
      j["regions"][1]["latncy_ms"] = json::object();
      EXPECT_LOAD_ERROR(j, "regions[1].latncy_ms: unknown key 'latncy_ms' (did you mean 'latency_ms'?)");
    }
    {
      json j = stack();
      j["sources"][0]["regoin"] = "eu-west-1";
      EXPECT_LOAD_ERROR(j, "sources[0].regoin: unknown key 'regoin' (did you mean 'region'?)");
    }
  }

  void faultStructureErrors() {
    {
      json j = stack();
      j["faults"][2]["component"] = "db";
      EXPECT_LOAD_ERROR(j, "faults[2].component: a region outage takes down a whole region");
    }
    {
      json j = stack();
      j["faults"][2].erase("region");
      EXPECT_LOAD_ERROR(j, "faults[2]: missing required key 'region'");
    }
    {
      json j = stack();
      j["faults"][0].erase("latency_ms");
      EXPECT_LOAD_ERROR(j, "faults[0]: missing required key 'latency_s' (or 'latency_ms')");
    }
    {
      json j = stack();
      j["faults"][1]["duration_s"] = 5;
      EXPECT_LOAD_ERROR(j, "faults[1].duration_s: unknown key 'duration_s'");
    }
    {
      json j = stack();
      j["faults"][3]["shard"] = -0.5;
      EXPECT_LOAD_ERROR(j, "faults[3].shard: must be a whole number");
    }
  }

  void badValuesAreReportedWithWhereAndField() {
    const std::string api = "component 'api-us'";
    {
      const auto issues = issuesAfter([](json& j) { comp(j, kApiUs)["rate_limit"]["rate_per_min"] = -1; });
      EXPECT_ISSUE(issues, api, "rate_limit.rate_per_s");
    }
    {
      const auto issues = issuesAfter([](json& j) {
        comp(j, kApiUs)["rate_limit"] = {{"rate_per_s", 0}, {"burst", -1}, {"clients", 0}, {"heavy_traffic_share", 0.3}};
      });
      QCOMPARE(QString::fromStdString(issues.at(0).message()),
               QString("component 'api-us': rate_limit.rate_per_s: must be > 0, got 0"));
      EXPECT_ISSUE(issues, api, "rate_limit.burst");
      EXPECT_ISSUE(issues, api, "rate_limit.clients");
      EXPECT_ISSUE(issues, api, "rate_limit.heavy_client_fraction");  // share without heavy clients
    }
    {
      const auto issues = issuesAfter([](json& j) {
        comp(j, kApiUs)["rate_limit"]["heavy_client_fraction"] = 1.5;
        comp(j, kApiUs)["error_ratio"] = 1.2;
        comp(j, kApiUs)["shed_after_wait_ms"] = -5;
      });
      EXPECT_ISSUE(issues, api, "rate_limit.heavy_client_fraction");
      EXPECT_ISSUE(issues, api, "error_ratio");
      EXPECT_ISSUE(issues, api, "shed_after_wait");
    }
    {
      const auto issues = issuesAfter([](json& j) {
        auto& steps = comp(j, kApiUs)["behaviour"]["*"]["steps"];
        steps[0]["retry"] = {{"max_attempts", 0}, {"base_backoff_s", 5}, {"max_backoff_s", 1}};
        steps[1]["parallel"][0]["retry"] = {{"multiplier", 0.5}};
      });
      EXPECT_ISSUE(issues, api, "behaviour.*.steps[0].retry.max_attempts");
      EXPECT_ISSUE(issues, api, "behaviour.*.steps[0].retry.max_backoff");
      EXPECT_ISSUE(issues, api, "behaviour.*.steps[1].parallel[0].retry.multiplier");
    }
    {
      const auto issues = issuesAfter([](json& j) {
        auto& b = comp(j, kApiUs)["circuit_breakers"];
        b[0] = {{"target", "api-eu"}, {"failure_ratio", 0}, {"minimum_calls", 0}, {"window_s", 0}, {"half_open_calls", 0}};
        b.push_back({{"target", "nowhere"}});
        b.push_back({{"target", "db"}});
        b.push_back({{"target", "db"}});
      });
      EXPECT_ISSUE(issues, api, "circuit_breakers[0].target");  // api-us never calls api-eu
      EXPECT_ISSUE(issues, api, "circuit_breakers[0].failure_ratio");
      EXPECT_ISSUE(issues, api, "circuit_breakers[0].minimum_calls");
      EXPECT_ISSUE(issues, api, "circuit_breakers[0].window");
      EXPECT_ISSUE(issues, api, "circuit_breakers[0].half_open_calls");
      EXPECT_ISSUE(issues, api, "circuit_breakers[1].target");  // unknown component
      EXPECT_ISSUE(issues, api, "circuit_breakers[3].target");  // a second breaker for db
    }
    {
      const auto issues = issuesAfter([](json& j) {
        comp(j, kApiUs)["connection_pools"][0]["size"] = 0;
        comp(j, kApiUs)["connection_pools"][0]["max_wait_ms"] = -1;
        comp(j, kApiUs)["bulkheads"][0] = {{"target", "edge"}, {"size", 0}};
      });
      EXPECT_ISSUE(issues, api, "connection_pools[0].size");
      EXPECT_ISSUE(issues, api, "connection_pools[0].max_wait");
      EXPECT_ISSUE(issues, api, "bulkheads[0].size");
      EXPECT_ISSUE(issues, api, "bulkheads[0].target");  // api-us never calls edge
    }
  }

  void cacheDatabaseTopicServerlessRules() {
    const std::string cache = "component 'cache'";
    {
      const auto issues = issuesAfter([](json& j) { comp(j, kCache)["cache"]["hit_ratio"] = {{"*", 0.5}}; });
      EXPECT_ISSUE(issues, cache, "cache.keys");  // both modes
      EXPECT_ISSUE(issues, cache, "cache.capacity");  // key mode only
    }
    {
      const auto issues = issuesAfter([](json& j) { comp(j, kStatic)["cache"] = json::object(); });
      EXPECT_ISSUE(issues, "component 'static'", "cache");  // neither mode
    }
    {
      const auto issues = issuesAfter([](json& j) {
        auto& c = comp(j, kCache)["cache"];
        c["keys"] = 20000000;
        c["capacity"] = -1;
        c["zipf_exponent"] = -0.5;
        c["ttl_s"] = -1;
        c["classes"] = {"browse"};
        c["write_classes"] = {"write", "write"};
        c["response_bytes"] = {{"*", -1}};
        comp(j, kStatic)["cache"]["hit_ratio"]["read"] = 1.2;
        comp(j, kStatic)["cache"]["hit_ratio"]["search"] = 0.5;
      });
      EXPECT_ISSUE(issues, cache, "cache.keys");
      EXPECT_ISSUE(issues, cache, "cache.capacity");
      EXPECT_ISSUE(issues, cache, "cache.zipf_exponent");
      EXPECT_ISSUE(issues, cache, "cache.ttl");
      EXPECT_ISSUE(issues, cache, "cache.classes[0]");
      EXPECT_ISSUE(issues, cache, "cache.write_classes[1]");
      EXPECT_ISSUE(issues, cache, "cache.response_bytes.*");
      EXPECT_ISSUE(issues, "component 'static'", "cache.hit_ratio.read");
      EXPECT_ISSUE(issues, "component 'static'", "cache.hit_ratio.search");
    }
    {
      const auto issues = issuesAfter([](json& j) {
        comp(j, kEdge)["cache"] = {{"keys", 10}};
        comp(j, kFn)["database"] = json::object();
      });
      EXPECT_ISSUE(issues, "component 'edge'", "cache");  // services only
      EXPECT_ISSUE(issues, "component 'fn'", "database");
    }
    {
      const auto issues = issuesAfter([](json& j) {
        comp(j, kDb)["database"] = {{"shards", 0}, {"keys", 0}, {"read_replicas", -1}, {"key_skew", -1},
                                    {"virtual_nodes", 0}, {"write_classes", {"delete"}}, {"replication_lag_ms", -1}};
      });
      const std::string db = "component 'db'";
      EXPECT_ISSUE(issues, db, "database.shards");
      EXPECT_ISSUE(issues, db, "database.keys");
      EXPECT_ISSUE(issues, db, "database.read_replicas");
      EXPECT_ISSUE(issues, db, "database.key_skew");
      EXPECT_ISSUE(issues, db, "database.virtual_nodes");
      EXPECT_ISSUE(issues, db, "database.write_classes[0]");
      EXPECT_ISSUE(issues, db, "database.replication_lag");
    }
    {
      const auto issues = issuesAfter([](json& j) { comp(j, kDb)["database"]["keys"] = 3; });
      EXPECT_ISSUE(issues, "component 'db'", "database.keys");  // fewer keys than shards
    }
    {
      const auto issues = issuesAfter([](json& j) {
        comp(j, kEvents).erase("topic");
        comp(j, kFn).erase("serverless");
        comp(j, kDb)["topic"] = {{"partitions", 2}};
        comp(j, kStatic)["serverless"] = json::object();
      });
      EXPECT_ISSUE(issues, "component 'events'", "topic");
      EXPECT_ISSUE(issues, "component 'fn'", "serverless");
      EXPECT_ISSUE(issues, "component 'db'", "topic");
      EXPECT_ISSUE(issues, "component 'static'", "serverless");
    }
    {
      const auto issues = issuesAfter([](json& j) {
        comp(j, kEvents)["topic"] = {{"partitions", 0}, {"retention_s", 0},
                                     {"publish_time", {{"dist", "lognormal"}, {"mean_ms", 0}, {"cv", 1}}}};
        comp(j, kEvents)["queue_capacity"] = 10;
        comp(j, kFn)["serverless"] = {{"concurrency_limit", 0}, {"scaling_environments", 0}, {"scaling_period_s", 0},
                                      {"idle_lifetime_s", -1}, {"memory_mb", 0},
                                      {"cold_start", {{"dist", "exponential"}, {"mean_s", -1}}}};
      });
      const std::string topic = "component 'events'", fn = "component 'fn'";
      EXPECT_ISSUE(issues, topic, "topic.partitions");
      EXPECT_ISSUE(issues, topic, "topic.retention");
      EXPECT_ISSUE(issues, topic, "topic.publish_time.mean");
      EXPECT_ISSUE(issues, topic, "queue_capacity");
      EXPECT_ISSUE(issues, fn, "serverless.concurrency_limit");
      EXPECT_ISSUE(issues, fn, "serverless.scaling_environments");
      EXPECT_ISSUE(issues, fn, "serverless.scaling_period");
      EXPECT_ISSUE(issues, fn, "serverless.idle_lifetime");
      EXPECT_ISSUE(issues, fn, "serverless.memory_mb");
      EXPECT_ISSUE(issues, fn, "serverless.cold_start.mean");
    }
  }

  void regionAndRoutingRules() {
    {
      const auto issues = issuesAfter([](json& j) {
        comp(j, kApiUs)["region"] = "mars-1";
        j["sources"][0]["region"] = "venus-2";
        j["regions"][0]["latency_ms"] = {{"jupiter", 10}, {"us-east-1", 1}};
        j["regions"][1]["latency_ms"] = {{"us-east-1", -3}};
        j["regions"].push_back({{"name", "eu-west-1"}});
      });
      EXPECT_ISSUE(issues, "component 'api-us'", "region");
      EXPECT_ISSUE(issues, "source 'web'", "region");
      EXPECT_ISSUE(issues, "region 'us-east-1'", "latency.jupiter");
      EXPECT_ISSUE(issues, "region 'us-east-1'", "latency.us-east-1");  // to itself
      EXPECT_ISSUE(issues, "region 'eu-west-1'", "latency.us-east-1");  // negative
      EXPECT_ISSUE(issues, "region 'eu-west-1'", "name");               // declared twice
    }
    {
      // Without regions: nearest_of has nothing to measure, and region names refer to nothing.
      const auto issues = issuesAfter([](json& j) {
        j.erase("regions");
        j["faults"].erase(2);
      });
      EXPECT_ISSUE(issues, "component 'edge'", "nearest_of");
      EXPECT_ISSUE(issues, "component 'api-us'", "region");
      EXPECT_ISSUE(issues, "source 'web'", "region");
    }
    {
      const auto issues = issuesAfter([](json& j) {
        comp(j, kEdge)["nearest_of"] = {"api-us", "nowhere", "api-us", "edge"};
        comp(j, kDb)["nearest_of"] = {"api-eu"};
      });
      EXPECT_ISSUE(issues, "component 'edge'", "nearest_of[1]");
      EXPECT_ISSUE(issues, "component 'edge'", "nearest_of[2]");
      EXPECT_ISSUE(issues, "component 'edge'", "nearest_of[3]");
      EXPECT_ISSUE(issues, "component 'db'", "nearest_of");  // the router must be a delay
    }
  }

  void faultRules() {
    {
      const auto issues = issuesAfter([](json& j) {
        j["faults"][0]["latency_ms"] = 0;
        j["faults"][1]["component"] = "db";      // no cache there
        j["faults"][2]["region"] = "mars-1";
        j["faults"][3]["shard"] = 4;             // db has shards 0..3
        j["faults"][5]["component"] = "fn";      // a function has no replicas to kill
      });
      EXPECT_ISSUE(issues, "fault #1 (added_latency)", "latency");
      EXPECT_ISSUE(issues, "fault #2 (cache_flush)", "component");
      EXPECT_ISSUE(issues, "fault #3 (region_outage)", "region");
      EXPECT_ISSUE(issues, "fault #4 (database_failover)", "shard");
      EXPECT_ISSUE(issues, "fault #6 (kill_replicas)", "component");
    }
    {
      const auto issues = issuesAfter([](json& j) { j["faults"][3]["component"] = "cache"; });
      EXPECT_ISSUE(issues, "fault #4 (database_failover)", "component");  // no database block
    }
    {
      // A topic's consumers can be killed or taken down; a function can be taken down; latency anywhere.
      const auto issues = issuesAfter([](json& j) {
        j["faults"].push_back({{"kind", "component_outage"}, {"component", "fn"}, {"at_s", 10}, {"duration_s", 5}});
        j["faults"].push_back({{"kind", "added_latency"}, {"component", "edge"}, {"at_s", 10}, {"duration_s", 5}, {"latency_s", 1}});
      });
      QVERIFY2(issues.empty(), describe(issues).c_str());
    }
  }

  void callsIntoTopicsAreNotSynchronousCycles() {
    // The consumer of a topic calling its producer is no deadlock: a publish returns on the broker's ack.
    const auto issues = issuesAfter([](json& j) {
      comp(j, kEvents)["behaviour"] = {{"*", {{"steps", {{{"call", "api-us"}}}}}}};
    });
    QVERIFY2(issues.empty(), describe(issues).c_str());
    // A plain cycle is still one, with retries or without.
    const auto cycle = issuesAfter([](json& j) {
      comp(j, kDb)["behaviour"] = {{"*", {{"steps", {{{"call", "cache"}, {"retry", {{"max_attempts", 2}}}}}}}}};
    });
    bool found = false;
    for (const auto& i : cycle) found = found || i.rule.find("synchronous call cycle") != std::string::npos;
    QVERIFY2(found, describe(cycle).c_str());
  }

  void inMemoryRetryOnSendIsReported() {
    Scenario s = scenarioFromJson(stack());
    s.components[kApiUs].behaviour["*"].steps[3].calls[0].retry = RetrySpec{};
    EXPECT_ISSUE(validateScenario(s), "component 'api-us'", "behaviour.*.steps[3].retry");
  }
};

QTEST_GUILESS_MAIN(TestComponentFeaturesFormat)
#include "tst_component_features_format.moc"
