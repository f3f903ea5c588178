// The rules of the component-feature blocks (component_features.h) and of regions. Each issue names the
// component (or source, region), the field and the rule. Comparisons are written as !(x > 0) so NaN fails.
#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "model/component_features_json.h"
#include "model/scenario.h"
#include "model/validation.h"
#include "model/validation_detail.h"

namespace headroom::json_detail {

namespace {

using T = Component::Type;
using validation_detail::fmt;
using validation_detail::joinQuoted;

constexpr int kMaxShards = 1000;          // each shard becomes stations (database_lowering.h)
constexpr int kMaxVirtualNodes = 10000;   // per shard, on the consistent-hash ring
constexpr int kMaxPartitions = 100000;

std::string idx(const std::string& field, std::size_t i) { return field + "[" + std::to_string(i) + "]"; }

bool finiteAtLeast(double x, double lo) { return std::isfinite(x) && x >= lo; }

std::vector<std::string> regionNames(const Scenario& sc) {
  std::vector<std::string> out;
  for (const auto& r : sc.regions) out.push_back(r.name);
  return out;
}

bool contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Components this component waits on through `call` or `parallel` (any class, inside branch arms too).
void collectCalled(const std::vector<Step>& steps, std::set<std::string>& out) {
  forEachCall(steps, [&](Step::Kind kind, const CallTarget& c) {
    if (kind != Step::Kind::Send) out.insert(c.target);
  });
}

struct FeatureChecker {
  const Scenario& sc;
  const validation_detail::ScenarioIndex& index;
  const Component& c;
  const std::string& where;
  std::vector<ValidationIssue>& issues;
  const std::vector<std::string>& classes = index.classes();

  void add(const std::string& field, const std::string& rule) { issues.push_back({where, field, rule}); }

  void probability(const std::string& field, double p) {
    if (!(p >= 0 && p <= 1)) add(field, "must be in [0, 1], got " + fmt(p));
  }
  void atLeastOne(const std::string& field, long long n) {
    if (n < 1) add(field, "must be >= 1, got " + std::to_string(n));
  }
  void durationAtLeastZero(const std::string& field, double s) {
    if (!finiteAtLeast(s, 0)) add(field, "must be >= 0 s, got " + fmt(s) + " s");
  }
  void durationPositive(const std::string& field, double s) {
    if (!(s > 0 && std::isfinite(s))) add(field, "must be > 0 s, got " + fmt(s) + " s");
  }
  void knownClasses(const std::string& field, const std::vector<std::string>& list) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (!index.isClass(list[i]))
        add(idx(field, i), "unknown request class '" + list[i] + "' (known: " + joinQuoted(classes) + ")");
      else if (!seen.insert(list[i]).second)
        add(idx(field, i), "class '" + list[i] + "' is listed twice");
    }
  }
  void classKeys(const std::string& field, const std::map<std::string, double>& m) {
    for (const auto& [cls, v] : m)
      if (cls != kAnyClass && !index.isClass(cls))
        add(field + "." + cls, "unknown request class '" + cls + "' (known: " + joinQuoted(classes) + ") or '*'");
  }

  std::string typeName() const { return componentTypeName(c.type); }

  void checkTypeBlocks() {
    if (c.type == T::Topic && !c.topic) add("topic", "a component of type 'topic' needs a 'topic' block");
    if (c.topic && c.type != T::Topic)
      add("topic", "only a component of type 'topic' has a topic block (this one is a " + typeName() + ")");
    if (c.type == T::Serverless && !c.serverless)
      add("serverless", "a component of type 'serverless' needs a 'serverless' block");
    if (c.serverless && c.type != T::Serverless)
      add("serverless", "only a component of type 'serverless' has a serverless block (this one is a " + typeName() + ")");
    if (c.cache && c.type != T::Service)
      add("cache", "only a service component can have a cache (this one is a " + typeName() + ")");
    if (c.database && c.type != T::Service)
      add("database", "only a service component can be a database (this one is a " + typeName() + ")");
    if (c.type == T::Topic && c.queue_capacity)
      add("queue_capacity", "a topic never refuses a message (messages wait in their partition until consumed or "
                            "deleted by retention)");
  }

  void checkRateLimit() {
    if (!c.rate_limit) return;
    const RateLimitSpec& r = *c.rate_limit;
    if (!(r.rate_per_s > 0 && std::isfinite(r.rate_per_s)))
      add("rate_limit.rate_per_s", "must be > 0, got " + fmt(r.rate_per_s));
    if (!finiteAtLeast(r.burst, 0)) add("rate_limit.burst", "must be >= 0 (0 = max(1, rate_per_s)), got " + fmt(r.burst));
    atLeastOne("rate_limit.clients", r.clients);
    if (r.clients > kMaxTrackedKeys)
      add("rate_limit.clients", "must be <= " + std::to_string(kMaxTrackedKeys) +
                                    " (a token bucket per client is held in memory), got " + std::to_string(r.clients));
    const bool fracOk = r.heavy_client_fraction >= 0 && r.heavy_client_fraction < 1;
    const bool shareOk = r.heavy_traffic_share >= 0 && r.heavy_traffic_share < 1;
    if (!fracOk) add("rate_limit.heavy_client_fraction", "must be in [0, 1), got " + fmt(r.heavy_client_fraction));
    if (!shareOk) add("rate_limit.heavy_traffic_share", "must be in [0, 1), got " + fmt(r.heavy_traffic_share));
    if (fracOk && shareOk && ((r.heavy_client_fraction == 0) != (r.heavy_traffic_share == 0)))
      add(r.heavy_client_fraction == 0 ? "rate_limit.heavy_client_fraction" : "rate_limit.heavy_traffic_share",
          "heavy_client_fraction and heavy_traffic_share go together: both 0 (no heavy clients) or both in (0, 1)");
  }

  void checkAdmission() {
    probability("error_ratio", c.error_ratio);
    durationAtLeastZero("shed_after_wait", c.shed_after_wait_s);
    if (c.shed_after_wait_s > 0 && c.type == T::Delay)
      add("shed_after_wait", "a delay component never queues, so nothing waits long enough to be shed");
  }

  // Breakers and pools guard this component's own calls: the target must be one of them.
  void checkGuardTarget(const std::string& field, const std::string& target, const std::set<std::string>& called,
                        std::set<std::string>& seen, const char* what) {
    if (target.empty()) {
      add(field + ".target", "names no component");
    } else if (!index.hasComponent(target)) {
      add(field + ".target", "references unknown component '" + target + "'");
    } else if (!called.count(target)) {
      add(field + ".target", "'" + c.name + "' never calls '" + target + "' (a " + what +
                                 " guards this component's own 'call'/'parallel' calls)");
    }
    if (!target.empty() && !seen.insert(target).second)
      add(field + ".target", std::string("a second ") + what + " for '" + target + "' (one per target)");
  }

  void checkGuards() {
    std::set<std::string> called;
    for (const auto& [cls, b] : c.behaviour) collectCalled(b.steps, called);
    std::set<std::string> seen;
    for (std::size_t i = 0; i < c.circuit_breakers.size(); ++i) {
      const CircuitBreakerSpec& b = c.circuit_breakers[i];
      const std::string f = idx("circuit_breakers", i);
      checkGuardTarget(f, b.target, called, seen, "circuit breaker");
      if (!(b.failure_ratio > 0 && b.failure_ratio <= 1))
        add(f + ".failure_ratio", "must be in (0, 1], got " + fmt(b.failure_ratio));
      atLeastOne(f + ".minimum_calls", b.minimum_calls);
      durationPositive(f + ".window", b.window_s);
      durationPositive(f + ".open", b.open_s);
      atLeastOne(f + ".half_open_calls", b.half_open_calls);
    }
    // Named as they are written: pools with a wait under connection_pools, the others under bulkheads.
    seen.clear();
    std::size_t pools = 0, bulkheads = 0;
    for (const ConnectionPoolSpec& p : c.connection_pools) {
      const bool bulkhead = p.max_wait_s == 0.0;
      const std::string f = bulkhead ? idx("bulkheads", bulkheads++) : idx("connection_pools", pools++);
      checkGuardTarget(f, p.target, called, seen, bulkhead ? "bulkhead or pool" : "pool or bulkhead");
      atLeastOne(f + ".size", p.size);
      if (!bulkhead) durationAtLeastZero(f + ".max_wait", p.max_wait_s);
    }
  }

  void checkCache() {
    if (!c.cache) return;
    const CacheSpec& k = *c.cache;
    const bool ratioMode = !k.hit_ratio.empty();
    if (!ratioMode && k.keys < 1)
      add("cache", "needs either 'hit_ratio' (given hit ratios) or 'keys' >= 1 (hit ratio from key popularity)");
    if (ratioMode && k.keys != 0) add("cache.keys", "give either 'hit_ratio' or 'keys', not both");
    classKeys("cache.hit_ratio", k.hit_ratio);
    for (const auto& [cls, p] : k.hit_ratio) probability("cache.hit_ratio." + cls, p);
    if (k.keys < 0) add("cache.keys", "must be >= 1, got " + std::to_string(k.keys));
    if (k.keys > kMaxTrackedKeys)
      add("cache.keys", "must be <= " + std::to_string(kMaxTrackedKeys) + " (every key is tracked in memory), got " +
                            std::to_string(k.keys));
    if (!finiteAtLeast(k.zipf_exponent, 0)) add("cache.zipf_exponent", "must be >= 0 (0 = uniform), got " + fmt(k.zipf_exponent));
    if (k.capacity < 0) add("cache.capacity", "must be >= 0 (0 = every key fits), got " + std::to_string(k.capacity));
    durationAtLeastZero("cache.ttl", k.ttl_s);
    if (ratioMode) {
      const char* rule = "applies only when the hit ratio emerges from 'keys'; with a given 'hit_ratio' it has no effect";
      if (k.zipf_exponent != 0) add("cache.zipf_exponent", rule);
      if (k.capacity != 0) add("cache.capacity", rule);
      if (k.ttl_s != 0) add("cache.ttl", rule);
    }
    knownClasses("cache.classes", k.classes);
    knownClasses("cache.write_classes", k.write_classes);
    for (std::size_t i = 0; i < k.write_classes.size(); ++i)
      if (contains(k.classes, k.write_classes[i]))
        add(idx("cache.write_classes", i), "class '" + k.write_classes[i] + "' is also in cache.classes (a read served "
                                           "from the cache); a class either reads or writes");
    classKeys("cache.response_bytes", k.response_bytes);
    for (const auto& [cls, b] : k.response_bytes)
      if (!finiteAtLeast(b, 0)) add("cache.response_bytes." + cls, "must be >= 0 bytes, got " + fmt(b));
  }

  void checkDatabase() {
    if (!c.database) return;
    const DatabaseSpec& d = *c.database;
    knownClasses("database.write_classes", d.write_classes);
    if (d.read_replicas < 0) add("database.read_replicas", "must be >= 0, got " + std::to_string(d.read_replicas));
    if (d.read_replicas > kMaxReplicas)
      add("database.read_replicas", "must be <= " + std::to_string(kMaxReplicas) + ", got " + std::to_string(d.read_replicas));
    durationAtLeastZero("database.replication_lag", d.replication_lag_s);
    atLeastOne("database.shards", d.shards);
    if (d.shards > kMaxShards)
      add("database.shards", "must be <= " + std::to_string(kMaxShards) + ", got " + std::to_string(d.shards));
    atLeastOne("database.keys", d.keys);
    if (d.keys > kMaxTrackedKeys)
      add("database.keys", "must be <= " + std::to_string(kMaxTrackedKeys) + ", got " + std::to_string(d.keys));
    if (d.keys >= 1 && d.shards >= 1 && d.keys < d.shards)
      add("database.keys", "must be >= shards (" + std::to_string(d.shards) + "): a shard without keys gets no requests, got " +
                               std::to_string(d.keys));
    if (!finiteAtLeast(d.key_skew, 0)) add("database.key_skew", "must be >= 0 (0 = uniform), got " + fmt(d.key_skew));
    atLeastOne("database.virtual_nodes", d.virtual_nodes);
    if (d.virtual_nodes > kMaxVirtualNodes)
      add("database.virtual_nodes", "must be <= " + std::to_string(kMaxVirtualNodes) + ", got " + std::to_string(d.virtual_nodes));
  }

  void checkTopic() {
    if (!c.topic) return;
    atLeastOne("topic.partitions", c.topic->partitions);
    if (c.topic->partitions > kMaxPartitions)
      add("topic.partitions", "must be <= " + std::to_string(kMaxPartitions) + ", got " + std::to_string(c.topic->partitions));
    durationPositive("topic.retention", c.topic->retention_s);
  }

  void checkServerless() {
    if (!c.serverless) return;
    const ServerlessSpec& s = *c.serverless;
    atLeastOne("serverless.concurrency_limit", s.concurrency_limit);
    atLeastOne("serverless.scaling_environments", s.scaling_environments);
    // The Lambda model counts its scaling allowance in whole seconds (AWS's period is 10 s).
    if (!(s.scaling_period_s >= 1 && s.scaling_period_s <= 86400 && s.scaling_period_s == std::floor(s.scaling_period_s)))
      add("serverless.scaling_period", "must be a whole number of seconds in [1, 86400], got " + fmt(s.scaling_period_s) + " s");
    durationAtLeastZero("serverless.idle_lifetime", s.idle_lifetime_s);
    if (!(s.memory_mb > 0 && std::isfinite(s.memory_mb))) add("serverless.memory_mb", "must be > 0, got " + fmt(s.memory_mb));
    if (c.autoscaling)
      add("autoscaling", "a serverless function scales by its own rules ('serverless' block), not by an autoscaler");
  }

  void checkNearestOf() {
    if (c.nearest_of.empty()) return;
    if (c.type != T::Delay)
      add("nearest_of", "latency-based routing is done by a router of type 'delay' (this one is a " + typeName() + ")");
    if (sc.regions.empty())
      add("nearest_of", "needs declared 'regions': the nearest target is the one with the least latency from the client's region");
    std::set<std::string> seen;
    for (std::size_t i = 0; i < c.nearest_of.size(); ++i) {
      const std::string& t = c.nearest_of[i];
      const std::string f = idx("nearest_of", i);
      if (t.empty()) add(f, "names no component");
      else if (!index.hasComponent(t)) add(f, "references unknown component '" + t + "'");
      else if (t == c.name) add(f, "a router cannot forward to itself");
      if (!t.empty() && !seen.insert(t).second) add(f, "'" + t + "' is listed twice");
    }
  }
};

}  // namespace

void checkRetry(const RetrySpec& s, const std::string& where, const std::string& field,
                std::vector<ValidationIssue>& issues) {
  auto add = [&](const std::string& key, const std::string& rule) { issues.push_back({where, field + ".retry." + key, rule}); };
  if (s.max_attempts < 1) add("max_attempts", "must be >= 1 (the first call counts), got " + std::to_string(s.max_attempts));
  if (s.max_attempts > 1000) add("max_attempts", "must be <= 1000, got " + std::to_string(s.max_attempts));
  if (!finiteAtLeast(s.base_backoff_s, 0)) add("base_backoff", "must be >= 0 s, got " + fmt(s.base_backoff_s) + " s");
  if (!finiteAtLeast(s.multiplier, 1)) add("multiplier", "must be >= 1, got " + fmt(s.multiplier));
  if (!finiteAtLeast(s.max_backoff_s, 0)) add("max_backoff", "must be >= 0 s, got " + fmt(s.max_backoff_s) + " s");
  else if (std::isfinite(s.base_backoff_s) && s.max_backoff_s < s.base_backoff_s)
    add("max_backoff", "must be >= base_backoff (" + fmt(s.base_backoff_s) + " s), got " + fmt(s.max_backoff_s) + " s");
}

void checkComponentFeatures(const Scenario& sc, const validation_detail::ScenarioIndex& index, const Component& c,
                            const std::string& where, std::vector<ValidationIssue>& issues) {
  FeatureChecker k{sc, index, c, where, issues};
  k.checkTypeBlocks();
  k.checkRateLimit();
  k.checkAdmission();
  k.checkGuards();
  k.checkCache();
  k.checkDatabase();
  k.checkTopic();
  k.checkServerless();
  k.checkNearestOf();
}

void checkRegions(const Scenario& sc, std::vector<ValidationIssue>& issues) {
  const std::vector<std::string> names = regionNames(sc);
  std::set<std::string> seen;
  for (std::size_t i = 0; i < sc.regions.size(); ++i) {
    const RegionSpec& r = sc.regions[i];
    const std::string where = r.name.empty() ? "region #" + std::to_string(i + 1) : "region '" + r.name + "'";
    auto add = [&](const std::string& field, const std::string& rule) { issues.push_back({where, field, rule}); };
    if (r.name.empty()) add("name", "must not be empty");
    else if (!seen.insert(r.name).second) add("name", "another region has the same name; names must be unique");
    for (const auto& [to, s] : r.latency_s) {
      const std::string f = "latency." + to;
      if (!contains(names, to)) add(f, "references unknown region '" + to + "' (declared: " + joinQuoted(names) + ")");
      else if (to == r.name) add(f, "latency applies between regions; a region's latency to itself is 0");
      if (!finiteAtLeast(s, 0)) add(f, "must be >= 0 s, got " + fmt(s) + " s");
    }
  }
  auto checkRegionRef = [&](const std::string& where, const std::string& region) {
    if (region.empty()) return;
    if (sc.regions.empty())
      issues.push_back({where, "region", "names region '" + region + "' but the scenario declares no 'regions'"});
    else if (!contains(names, region))
      issues.push_back({where, "region", "references unknown region '" + region + "' (declared: " + joinQuoted(names) + ")"});
  };
  for (std::size_t i = 0; i < sc.components.size(); ++i)
    checkRegionRef(validation_detail::componentWhere(sc.components[i], i), sc.components[i].region);
  for (std::size_t i = 0; i < sc.sources.size(); ++i)
    checkRegionRef(validation_detail::sourceWhere(sc.sources[i], i), sc.sources[i].region);
}

}  // namespace headroom::json_detail
