#pragma once
// Databases are written by users as one component with a `database` block (read replicas, shards, sharding
// scheme, key skew) and simulated as plain stations. This pass rewrites a valid scenario so that every
// database component D becomes:
//   D                      a zero-time router that picks the shard of the request's key and sends writes to
//                          that shard's primary, reads to its replica pool (or its primary when there are no
//                          read replicas);
//   D/shard-<i>            the primary of shard i: D's replicas, workers, discipline, queue, service times and
//                          behaviour (reads and writes alike when read_replicas = 0, writes only otherwise);
//   D/shard-<i>/replicas   read_replicas replicas with D's workers and service times (reads).
// With one shard the names drop "/shard-0": D/primary and D/replicas. Callers keep calling D. The shard
// probabilities are exact: the Zipf(key_skew) mass of the keys each scheme maps to each shard.
// docs/database-model.md explains the model; the choices below are the ones a user can observe.
//
// The router. It must run steps (a branch of calls), which validation forbids for delay components, and
// faults may name it, which needs a service; so it is a SERVICE with processor sharing, one replica, one
// core and a deterministic 0 service time: it never holds a worker while it waits for a part, never queues
// and adds no time. It keeps D's name, region, rate_limit, cache (one cache in front of every shard: a hit is
// answered without reaching a shard), nearest_of and the `database` block itself (so the lowered scenario
// still tells which component is a database, its shard count and replication lag: the database_failover
// fault and reports read it there). Its behaviour, per class: a branch with one arm per shard (the exact
// shard probabilities) whose only step is a call (no timeout) to the part serving that class on that shard,
// followed by D's `next` routing for that class (a part is reached by a call, so routing must stay with D).
// Writes are the classes in write_classes; every other class is a read.
//
// The parts copy everything else from D (type, replicas, workers, discipline, balancer, queue_capacity,
// service times, behaviour steps, region, error_ratio, shed_after_wait_s, connection_pools,
// circuit_breakers); primaries also keep D's autoscaling (each primary scales on its own), replica pools
// have exactly read_replicas replicas and no autoscaling. Parts have no `database`, cache, rate limit or
// `next`.
//
// Every database is lowered, even one shard without replicas (D + D/primary), so fault targets and
// reports are the same for every database. Faults and autoscaling that name D keep naming the router:
// a kill_replicas / component_outage on D takes the whole database away, a slowdown on D does nothing (the
// router has no work). To act on one instance set, name a part (kill_replicas on D/shard-1, slowdown on
// D/replicas, ...); to lose a primary with promotion of a replica use the database_failover fault on D.
// Other components' connection pools and circuit breakers towards D keep targeting D.
//
// Lowering is idempotent: a database whose parts all exist already is left as it is. A component that is
// named like a part of a database that is not yet lowered makes lowerDatabases throw std::invalid_argument,
// as does a database block whose numbers are out of range (shards, keys or virtual_nodes < 1, key_skew < 0).
#include <cstdint>
#include <string>
#include <vector>

#include "model/scenario.h"

namespace headroom {

// Pure: returns the scenario unchanged when it has no database component.
Scenario lowerDatabases(const Scenario& scenario);

// The probability that a request's key lands on each shard (size = spec.shards). Key k in 0..keys-1 has
// popularity (k+1)^-key_skew (key 0 the most popular); the scheme maps keys to shards:
//   modulo           shard = k mod shards
//   range            shard i holds the keys [floor(i*keys/shards), floor((i+1)*keys/shards))
//   consistent_hash  a ring of shards*virtual_nodes points, point (i, v) at ringHash(i, v); key k at
//                    keyHash(k) belongs to the first point at or after it, wrapping (docs/database-model.md
//                    gives the hashes). O(keys) (and O(keys log points) for the ring); keys <= 10^7 is fine.
// Throws std::invalid_argument when shards, keys or virtual_nodes are < 1 or key_skew is < 0 (or NaN).
std::vector<double> shardProbabilities(const DatabaseSpec& spec);

// The shard of every key 0..keys-1 under spec's scheme (what shardProbabilities weighs), for tests and
// reports. A key's shard does not depend on `keys`. Memory: 4 bytes per key.
std::vector<int> databaseShardOfKeys(const DatabaseSpec& spec);

// Names of the parts, for faults and reports.
std::string databasePrimaryName(const std::string& database, int shard, int shards);
std::string databaseReplicasName(const std::string& database, int shard, int shards);

}  // namespace headroom
