#pragma once
// What turns a plain station into a part of a real stack: resilience on calls, rate limits, caches, databases,
// message topics, serverless functions, regions. Plain data; the JSON codec is component_features_json.h,
// the rules each field must obey are checked by validation, the behaviour lives in simulator/.
//
// Units: durations in SECONDS, rates in REQUESTS PER SECOND, sizes in BYTES or ITEMS as named.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/distribution.h"

namespace headroom {

// ---- resilience on a call (a "call" step or a "parallel" entry) -----------------------------------------------

// Retry a failed call (timeout, rejection such as 429/503, a failure downstream, an open breaker, a pool
// checkout timeout). Attempt n (n >= 1 retries) waits min(max_backoff_s, base_backoff_s * multiplier^(n-1))
// shaped by the jitter, then calls again. The caller keeps its worker while it waits (as a blocking client
// does). The timeout of the call applies to each attempt.
struct RetrySpec {
  int max_attempts = 3;  // including the first one
  double base_backoff_s = 0.1;
  double multiplier = 2.0;
  double max_backoff_s = 10.0;
  enum class Jitter {
    None,   // exactly the backoff
    Full,   // uniform in [0, backoff] (AWS "full jitter")
    Equal   // backoff/2 + uniform in [0, backoff/2]
  };
  Jitter jitter = Jitter::Full;
};

// A circuit breaker held by the calling component for one target (shared by the caller's replicas, as when
// the state lives in a sidecar or a shared store). Closed: calls pass; when, over the last window_s, at
// least minimum_calls finished and the failure ratio is >= failure_ratio, it opens. Open: calls fail at once
// (no load reaches the target) for open_s. Half-open: half_open_calls trial calls pass; if all succeed it
// closes, the first failure opens it again; further calls fail at once until the trials are decided.
struct CircuitBreakerSpec {
  std::string target;
  double failure_ratio = 0.5;
  int minimum_calls = 20;
  double window_s = 10.0;
  double open_s = 30.0;
  int half_open_calls = 5;
};

// A connection pool (PgBouncer, HikariCP) or a bulkhead: at most `size` calls from ONE caller replica to the
// target at once. A call that finds the pool full waits for a free connection up to max_wait_s, then fails
// (pool checkout timeout); max_wait_s = 0 fails at once (a bulkhead). Waiting happens while the caller holds
// its worker, which is how pool exhaustion turns into a queue upstream.
struct ConnectionPoolSpec {
  std::string target;
  int size = 10;
  double max_wait_s = 0.0;
};

// ---- admission at a component ----------------------------------------------------------------------------------

// Token bucket per client key (e.g. 100 requests/min per IP): each key's bucket holds up to `burst` tokens,
// refilled at rate_per_s; a request without a token is refused (HTTP 429, counted as throttled). Requests
// are spread over `clients` keys; a fraction heavy_client_fraction of them are heavy and send
// heavy_traffic_share of the requests (the rest is spread evenly over the others). clients = 1: one global
// limit (a third-party quota).
struct RateLimitSpec {
  double rate_per_s = 1.0;  // per client key
  double burst = 0.0;       // bucket capacity in requests; 0 = max(1, rate_per_s)
  int clients = 1;
  double heavy_client_fraction = 0.0;
  double heavy_traffic_share = 0.0;
};

// ---- caches (Redis/Memcached, gateway response cache, CDN edge) ----------------------------------------------

// A component with a cache answers a hit right after its own service time (the lookup), skipping the rest of
// its behaviour; a miss runs the behaviour (typically a call to the backing store or the origin) and then
// stores the key (read-through). Either the hit ratio is given per class, or it emerges from keys: each
// request reads one key drawn from a Zipf(zipf_exponent) popularity over `keys` keys; the cache holds up to
// `capacity` keys (LRU eviction) for ttl_s each.
struct CacheSpec {
  std::map<std::string, double> hit_ratio;  // by request class or "*"; non-empty = given-ratio mode
  std::int64_t keys = 0;                    // key mode: distinct keys
  double zipf_exponent = 0.0;               // 0 = every key equally popular
  std::int64_t capacity = 0;                // keys held at once; 0 = every key fits
  double ttl_s = 0.0;                       // 0 = entries never expire
  std::vector<std::string> classes;         // classes served through the cache; empty = every non-write class
  std::vector<std::string> write_classes;   // requests that write the key: they run the behaviour and
  enum class Invalidation {                 //   then either
    OnWrite,                                //   evict the key (no stale reads; the next read misses), or
    TtlOnly                                 //   leave the cached copy, which is stale until it expires
  };
  Invalidation invalidation = Invalidation::OnWrite;
  bool start_warm = true;  // false = empty at t = 0 (a cold start; the backing store sees the herd)
  std::map<std::string, double> response_bytes;  // by class or "*": bytes per answer, for egress volume
};

// ---- databases ---------------------------------------------------------------------------------------------

// A database component is lowered (model/database_lowering.h) into plain stations before simulation:
// per shard a primary (this component's replicas, workers and service times) and, when read_replicas > 0,
// a replica pool that serves every read; writes (write_classes) only ever reach a primary. The shard of a
// request is the shard of its key: keys drawn from a Zipf(key_skew) popularity over `keys` keys and mapped
// by the sharding scheme, so a skewed key under range sharding makes a hot shard.
struct DatabaseSpec {
  std::vector<std::string> write_classes;
  int read_replicas = 0;  // per shard
  double replication_lag_s = 0.0;  // reported with the replicas (reads may be this stale)
  int shards = 1;
  enum class Sharding { Modulo, ConsistentHash, Range };
  Sharding sharding = Sharding::Modulo;
  std::int64_t keys = 100000;
  double key_skew = 0.0;   // Zipf exponent of key popularity; 0 = uniform
  int virtual_nodes = 64;  // consistent hashing: points per shard on the ring
};

// ---- message topics (Kafka/RabbitMQ) ---------------------------------------------------------------------

// A topic component stores messages in partitions; its replicas are the consumers of one consumer group and
// its behaviour (service time + steps) is what a consumer does per message. Partition p is owned by ready
// consumer p mod n (consumers beyond the partition count stay idle); each consumer takes the oldest message
// of its partitions in turn. With no consumer, messages wait (nothing is refused). A message older than
// retention_s when a consumer reaches it was deleted by retention: it is lost and counted. A producer's
// `call` to a topic returns after publish_time (the broker's ack); a `send` does not wait.
struct TopicSpec {
  int partitions = 1;
  double retention_s = 7 * 24 * 3600.0;
  Distribution publish_time = Distribution::deterministic(0.002);
};

// ---- serverless functions (AWS Lambda rules, simulator/autoscaling/lambda_concurrency.h) ---------------------

struct ServerlessSpec {
  int concurrency_limit = 1000;            // reserved (or account) concurrency
  int scaling_environments = 1000;         // new environments per scaling period
  double scaling_period_s = 10.0;
  Distribution cold_start = Distribution::lognormal(0.4, 0.5);  // INIT duration added to a cold invocation
  double idle_lifetime_s = 600.0;          // an idle environment is reclaimed after this
  double memory_mb = 128.0;                // for GB-seconds (cost)
};

// ---- regions ---------------------------------------------------------------------------------------------

struct RegionSpec {
  std::string name;
  std::map<std::string, double> latency_s;  // one-way network latency to other regions (symmetric if one side given)
};

}  // namespace headroom
