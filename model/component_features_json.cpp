// JSON <-> the component-feature specs (component_features.h). Structure only; the rules are in
// validation_features.cpp.
#include "model/component_features_json.h"

#include "model/scenario.h"
#include "model/scenario_codec.h"

namespace headroom::json_detail {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

std::vector<std::string> readStringArray(const json& j, const JsonPath& path, const std::string& ctx) {
  requireArray(j, path, ctx);
  std::vector<std::string> out;
  for (std::size_t i = 0; i < j.size(); ++i) out.push_back(readString(j[i], path.index(i), ctx));
  return out;
}

// {"class or *": number}
std::map<std::string, double> readNumberMap(const json& j, const JsonPath& path, const std::string& ctx,
                                            const char* shape) {
  if (!j.is_object()) throw FieldError(path, std::string("must be an object ") + shape + ", got " + describeJsonValue(j), ctx);
  std::map<std::string, double> out;
  for (const auto& [k, v] : j.items()) out[k] = readNumber(v, path.key(k), ctx);
  return out;
}

// The catch-all first, as in "behaviour".
ojson writeNumberMap(const std::map<std::string, double>& m) {
  ojson o = ojson::object();
  if (auto it = m.find(kAnyClass); it != m.end()) o[kAnyClass] = num(it->second);
  for (const auto& [k, v] : m)
    if (k != kAnyClass) o[k] = num(v);
  return o;
}

std::int64_t readInt64Or(ObjectReader& r, const std::string& key, std::int64_t fallback) {
  const json* v = r.optional(key);
  return v ? readInt64(*v, r.pathOf(key), r.context()) : fallback;
}

bool sameDistribution(const Distribution& a, const Distribution& b) {
  return writeDistribution(a) == writeDistribution(b);
}

// A list of specs read from an array of objects.
template <typename T, typename F>
void readArray(ObjectReader& r, const std::string& key, const std::string& ctx, std::vector<T>& out, F readOne) {
  const json* arr = r.optional(key);
  if (!arr) return;
  const JsonPath p = r.pathOf(key);
  requireArray(*arr, p, ctx);
  for (std::size_t i = 0; i < arr->size(); ++i) out.push_back(readOne((*arr)[i], p.index(i)));
}

using J = RetrySpec::Jitter;
using Inv = CacheSpec::Invalidation;
using Sh = DatabaseSpec::Sharding;

const char* jitterName(J j) {
  switch (j) {
    case J::None: return "none";
    case J::Full: return "full";
    case J::Equal: return "equal";
  }
  return "?";
}

const char* shardingName(Sh s) {
  switch (s) {
    case Sh::Modulo: return "modulo";
    case Sh::ConsistentHash: return "consistent_hash";
    case Sh::Range: return "range";
  }
  return "?";
}

}  // namespace

// ---- reading ---------------------------------------------------------------------------------------------

RetrySpec readRetry(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  RetrySpec s;
  s.max_attempts = r.integerOr("max_attempts", s.max_attempts);
  s.base_backoff_s = r.optionalDurationS("base_backoff").value_or(s.base_backoff_s);
  s.multiplier = r.numberOr("multiplier", s.multiplier);
  s.max_backoff_s = r.optionalDurationS("max_backoff").value_or(s.max_backoff_s);
  s.jitter = r.enumeration<J>("jitter", {{"full", J::Full}, {"equal", J::Equal}, {"none", J::None}}, s.jitter);
  r.finish();
  return s;
}

RateLimitSpec readRateLimit(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  RateLimitSpec s;
  const json* perS = r.optional("rate_per_s");
  const json* perMin = r.optional("rate_per_min");
  s.burst = r.numberOr("burst", s.burst);
  s.clients = r.integerOr("clients", s.clients);
  s.heavy_client_fraction = r.numberOr("heavy_client_fraction", s.heavy_client_fraction);
  s.heavy_traffic_share = r.numberOr("heavy_traffic_share", s.heavy_traffic_share);
  r.finish();
  if (perS && perMin) r.fail("rate_per_min", "give either 'rate_per_s' or 'rate_per_min', not both");
  if (perS) s.rate_per_s = readNumber(*perS, r.pathOf("rate_per_s"), ctx);
  else if (perMin) s.rate_per_s = readNumber(*perMin, r.pathOf("rate_per_min"), ctx) / 60.0;
  else r.failHere("missing required key 'rate_per_s' (or 'rate_per_min')");
  return s;
}

CircuitBreakerSpec readCircuitBreaker(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  CircuitBreakerSpec s;
  s.target = r.string("target");
  s.failure_ratio = r.numberOr("failure_ratio", s.failure_ratio);
  s.minimum_calls = r.integerOr("minimum_calls", s.minimum_calls);
  s.window_s = r.optionalDurationS("window").value_or(s.window_s);
  s.open_s = r.optionalDurationS("open").value_or(s.open_s);
  s.half_open_calls = r.integerOr("half_open_calls", s.half_open_calls);
  r.finish();
  return s;
}

ConnectionPoolSpec readConnectionPool(const json& j, const JsonPath& path, const std::string& ctx, bool bulkhead) {
  ObjectReader r(j, path, ctx);
  ConnectionPoolSpec s;
  s.target = r.string("target");
  s.size = readInt(r.required("size"), r.pathOf("size"), ctx);
  if (bulkhead) {
    if (r.has("max_wait_s") || r.has("max_wait_ms"))
      r.fail(r.has("max_wait_s") ? "max_wait_s" : "max_wait_ms",
             "a bulkhead fails at once when full; for a wait, put it in 'connection_pools'");
    s.max_wait_s = 0.0;
  } else {
    s.max_wait_s = r.optionalDurationS("max_wait").value_or(0.0);
  }
  r.finish();
  return s;
}

CacheSpec readCache(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  CacheSpec s;
  if (const json* h = r.optional("hit_ratio"))
    s.hit_ratio = readNumberMap(*h, r.pathOf("hit_ratio"), ctx, "{\"class or *\": ratio}");
  s.keys = readInt64Or(r, "keys", s.keys);
  s.zipf_exponent = r.numberOr("zipf_exponent", s.zipf_exponent);
  s.capacity = readInt64Or(r, "capacity", s.capacity);
  s.ttl_s = r.optionalDurationS("ttl").value_or(s.ttl_s);
  if (const json* c = r.optional("classes")) s.classes = readStringArray(*c, r.pathOf("classes"), ctx);
  if (const json* w = r.optional("write_classes")) s.write_classes = readStringArray(*w, r.pathOf("write_classes"), ctx);
  s.invalidation = r.enumeration<Inv>("invalidation", {{"on_write", Inv::OnWrite}, {"ttl", Inv::TtlOnly}}, s.invalidation);
  if (const json* w = r.optional("start_warm")) s.start_warm = readBool(*w, r.pathOf("start_warm"), ctx);
  if (const json* b = r.optional("response_bytes"))
    s.response_bytes = readNumberMap(*b, r.pathOf("response_bytes"), ctx, "{\"class or *\": bytes}");
  r.finish();
  return s;
}

DatabaseSpec readDatabase(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  DatabaseSpec s;
  if (const json* w = r.optional("write_classes")) s.write_classes = readStringArray(*w, r.pathOf("write_classes"), ctx);
  s.read_replicas = r.integerOr("read_replicas", s.read_replicas);
  s.replication_lag_s = r.optionalDurationS("replication_lag").value_or(s.replication_lag_s);
  s.shards = r.integerOr("shards", s.shards);
  s.sharding = r.enumeration<Sh>(
      "sharding", {{"modulo", Sh::Modulo}, {"consistent_hash", Sh::ConsistentHash}, {"range", Sh::Range}}, s.sharding);
  s.keys = readInt64Or(r, "keys", s.keys);
  s.key_skew = r.numberOr("key_skew", s.key_skew);
  s.virtual_nodes = r.integerOr("virtual_nodes", s.virtual_nodes);
  r.finish();
  return s;
}

TopicSpec readTopic(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  TopicSpec s;
  s.partitions = r.integerOr("partitions", s.partitions);
  s.retention_s = r.optionalDurationS("retention").value_or(s.retention_s);
  if (const json* p = r.optional("publish_time")) s.publish_time = readDistribution(*p, r.pathOf("publish_time"), ctx);
  r.finish();
  return s;
}

ServerlessSpec readServerless(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  ServerlessSpec s;
  s.concurrency_limit = r.integerOr("concurrency_limit", s.concurrency_limit);
  s.scaling_environments = r.integerOr("scaling_environments", s.scaling_environments);
  s.scaling_period_s = r.optionalDurationS("scaling_period").value_or(s.scaling_period_s);
  if (const json* c = r.optional("cold_start")) s.cold_start = readDistribution(*c, r.pathOf("cold_start"), ctx);
  s.idle_lifetime_s = r.optionalDurationS("idle_lifetime").value_or(s.idle_lifetime_s);
  s.memory_mb = r.numberOr("memory_mb", s.memory_mb);
  r.finish();
  return s;
}

RegionSpec readRegion(const json& j, const JsonPath& path) {
  ObjectReader r(j, path);
  RegionSpec s;
  s.name = r.string("name");
  const std::string ctx = "region '" + s.name + "'";
  r.setContext(ctx);
  const json* inS = r.optional("latency_s");
  const json* inMs = r.optional("latency_ms");
  if (inS && inMs) r.fail("latency_ms", "give either 'latency_s' or 'latency_ms', not both");
  if (inS) {
    s.latency_s = readNumberMap(*inS, r.pathOf("latency_s"), ctx, "{\"region\": seconds}");
  } else if (inMs) {
    for (const auto& [to, ms] : readNumberMap(*inMs, r.pathOf("latency_ms"), ctx, "{\"region\": milliseconds}"))
      s.latency_s[to] = ms / 1000.0;
  }
  r.finish();
  return s;
}

void readComponentFeatures(ObjectReader& r, Component& c, const std::string& ctx) {
  if (const json* rl = r.optional("rate_limit")) c.rate_limit = readRateLimit(*rl, r.pathOf("rate_limit"), ctx);
  c.error_ratio = r.numberOr("error_ratio", c.error_ratio);
  c.shed_after_wait_s = r.optionalDurationS("shed_after_wait").value_or(c.shed_after_wait_s);
  readArray(r, "circuit_breakers", ctx, c.circuit_breakers,
            [&](const json& j, const JsonPath& p) { return readCircuitBreaker(j, p, ctx); });
  readArray(r, "connection_pools", ctx, c.connection_pools,
            [&](const json& j, const JsonPath& p) { return readConnectionPool(j, p, ctx, false); });
  readArray(r, "bulkheads", ctx, c.connection_pools,
            [&](const json& j, const JsonPath& p) { return readConnectionPool(j, p, ctx, true); });
  if (const json* v = r.optional("cache")) c.cache = readCache(*v, r.pathOf("cache"), ctx);
  if (const json* v = r.optional("database")) c.database = readDatabase(*v, r.pathOf("database"), ctx);
  if (const json* v = r.optional("topic")) c.topic = readTopic(*v, r.pathOf("topic"), ctx);
  if (const json* v = r.optional("serverless")) c.serverless = readServerless(*v, r.pathOf("serverless"), ctx);
  if (const json* v = r.optional("nearest_of")) c.nearest_of = readStringArray(*v, r.pathOf("nearest_of"), ctx);
}

// ---- writing ---------------------------------------------------------------------------------------------

ojson writeRetry(const RetrySpec& s) {
  const RetrySpec d;
  ojson o;
  o["max_attempts"] = s.max_attempts;
  if (s.base_backoff_s != d.base_backoff_s) putDuration(o, "base_backoff", s.base_backoff_s);
  if (s.multiplier != d.multiplier) o["multiplier"] = num(s.multiplier);
  if (s.max_backoff_s != d.max_backoff_s) putDuration(o, "max_backoff", s.max_backoff_s);
  if (s.jitter != d.jitter) o["jitter"] = jitterName(s.jitter);
  return o;
}

ojson writeRateLimit(const RateLimitSpec& s) {
  const RateLimitSpec d;
  ojson o;
  o["rate_per_s"] = num(s.rate_per_s);
  if (s.burst != d.burst) o["burst"] = num(s.burst);
  if (s.clients != d.clients) o["clients"] = s.clients;
  if (s.heavy_client_fraction != d.heavy_client_fraction) o["heavy_client_fraction"] = num(s.heavy_client_fraction);
  if (s.heavy_traffic_share != d.heavy_traffic_share) o["heavy_traffic_share"] = num(s.heavy_traffic_share);
  return o;
}

ojson writeCircuitBreaker(const CircuitBreakerSpec& s) {
  const CircuitBreakerSpec d;
  ojson o;
  o["target"] = s.target;
  if (s.failure_ratio != d.failure_ratio) o["failure_ratio"] = num(s.failure_ratio);
  if (s.minimum_calls != d.minimum_calls) o["minimum_calls"] = s.minimum_calls;
  if (s.window_s != d.window_s) putDuration(o, "window", s.window_s);
  if (s.open_s != d.open_s) putDuration(o, "open", s.open_s);
  if (s.half_open_calls != d.half_open_calls) o["half_open_calls"] = s.half_open_calls;
  return o;
}

ojson writeConnectionPool(const ConnectionPoolSpec& s) {
  ojson o;
  o["target"] = s.target;
  o["size"] = s.size;
  if (s.max_wait_s != 0.0) putDuration(o, "max_wait", s.max_wait_s);
  return o;
}

ojson writeCache(const CacheSpec& s) {
  const CacheSpec d;
  ojson o = ojson::object();
  if (!s.hit_ratio.empty()) o["hit_ratio"] = writeNumberMap(s.hit_ratio);
  if (s.keys != d.keys) o["keys"] = s.keys;
  if (s.zipf_exponent != d.zipf_exponent) o["zipf_exponent"] = num(s.zipf_exponent);
  if (s.capacity != d.capacity) o["capacity"] = s.capacity;
  if (s.ttl_s != d.ttl_s) putDuration(o, "ttl", s.ttl_s);
  if (!s.classes.empty()) o["classes"] = s.classes;
  if (!s.write_classes.empty()) o["write_classes"] = s.write_classes;
  if (s.invalidation != d.invalidation) o["invalidation"] = s.invalidation == Inv::OnWrite ? "on_write" : "ttl";
  if (s.start_warm != d.start_warm) o["start_warm"] = s.start_warm;
  if (!s.response_bytes.empty()) o["response_bytes"] = writeNumberMap(s.response_bytes);
  return o;
}

ojson writeDatabase(const DatabaseSpec& s) {
  const DatabaseSpec d;
  ojson o = ojson::object();
  if (!s.write_classes.empty()) o["write_classes"] = s.write_classes;
  if (s.read_replicas != d.read_replicas) o["read_replicas"] = s.read_replicas;
  if (s.replication_lag_s != d.replication_lag_s) putDuration(o, "replication_lag", s.replication_lag_s);
  o["shards"] = s.shards;
  if (s.sharding != d.sharding) o["sharding"] = shardingName(s.sharding);
  if (s.keys != d.keys) o["keys"] = s.keys;
  if (s.key_skew != d.key_skew) o["key_skew"] = num(s.key_skew);
  if (s.virtual_nodes != d.virtual_nodes) o["virtual_nodes"] = s.virtual_nodes;
  return o;
}

ojson writeTopic(const TopicSpec& s) {
  const TopicSpec d;
  ojson o;
  o["partitions"] = s.partitions;
  if (s.retention_s != d.retention_s) putDuration(o, "retention", s.retention_s);
  if (!sameDistribution(s.publish_time, d.publish_time)) o["publish_time"] = writeDistribution(s.publish_time);
  return o;
}

ojson writeServerless(const ServerlessSpec& s) {
  const ServerlessSpec d;
  ojson o;
  o["concurrency_limit"] = s.concurrency_limit;
  if (s.scaling_environments != d.scaling_environments) o["scaling_environments"] = s.scaling_environments;
  if (s.scaling_period_s != d.scaling_period_s) putDuration(o, "scaling_period", s.scaling_period_s);
  if (!sameDistribution(s.cold_start, d.cold_start)) o["cold_start"] = writeDistribution(s.cold_start);
  if (s.idle_lifetime_s != d.idle_lifetime_s) putDuration(o, "idle_lifetime", s.idle_lifetime_s);
  if (s.memory_mb != d.memory_mb) o["memory_mb"] = num(s.memory_mb);
  return o;
}

ojson writeRegion(const RegionSpec& s) {
  ojson o;
  o["name"] = s.name;
  if (!s.latency_s.empty()) {
    bool ms = true;
    for (const auto& [to, v] : s.latency_s) ms = ms && prefersMilliseconds({v});
    ojson lat = ojson::object();
    for (const auto& [to, v] : s.latency_s) lat[to] = num(ms ? toMilliseconds(v) : v);
    o[ms ? "latency_ms" : "latency_s"] = std::move(lat);
  }
  return o;
}

void writeComponentFeatures(const Component& c, ojson& o) {
  if (c.rate_limit) o["rate_limit"] = writeRateLimit(*c.rate_limit);
  if (c.error_ratio != 0.0) o["error_ratio"] = num(c.error_ratio);
  if (c.shed_after_wait_s != 0.0) putDuration(o, "shed_after_wait", c.shed_after_wait_s);
  if (!c.circuit_breakers.empty()) {
    ojson arr = ojson::array();
    for (const auto& b : c.circuit_breakers) arr.push_back(writeCircuitBreaker(b));
    o["circuit_breakers"] = std::move(arr);
  }
  ojson pools = ojson::array(), bulkheads = ojson::array();
  for (const auto& p : c.connection_pools) (p.max_wait_s != 0.0 ? pools : bulkheads).push_back(writeConnectionPool(p));
  if (!pools.empty()) o["connection_pools"] = std::move(pools);
  if (!bulkheads.empty()) o["bulkheads"] = std::move(bulkheads);
  if (c.cache) o["cache"] = writeCache(*c.cache);
  if (c.database) o["database"] = writeDatabase(*c.database);
  if (c.topic) o["topic"] = writeTopic(*c.topic);
  if (c.serverless) o["serverless"] = writeServerless(*c.serverless);
  if (!c.nearest_of.empty()) o["nearest_of"] = c.nearest_of;
}

}  // namespace headroom::json_detail
