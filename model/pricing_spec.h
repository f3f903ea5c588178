#pragma once
// What a component runs on, for the cost of a run (simulator/cost/, docs/cost.md). Plain data; the JSON codec
// is pricing_json.h. Every field names a catalog entry or a quantity; nothing here is a price.
#include <string>

namespace headroom {

// The `pricing` block of a component. A component without one is reported as "not priced".
struct PricingSpec {
  std::string vendor;         // empty = "aws"
  std::string region;         // empty = "us-east-1"
  // One instance per replica (services, topic consumers): billed per second, 60 s minimum per start.
  std::string instance_type;  // e.g. "m6i.large"; empty = replicas are not priced per instance
  // A managed service class (database primary and replicas, cache nodes, stream brokers), per hour.
  std::string managed_class;  // e.g. "db.r6g.large", "cache.r6g.large", "kafka.m5.large"
  int managed_instances = 0;  // 0 = derived: a database's shards x (1 + read_replicas), else the replicas
  bool multi_az = false;      // managed database: a standby per instance (x2)
  double storage_gb = 0.0;    // GB-month of storage (stream brokers); billed for the priced period
  // Serverless (component type serverless; memory from its `serverless.memory_mb`).
  std::string architecture = "x86";  // "x86" or "arm"
  bool free_tier = false;            // apply the vendor's monthly free tier (serverless, egress, CDN)
  // Data out: bytes per successful response, leaving to the internet or through a CDN.
  double bytes_per_response = 0.0;
  std::string egress_via = "internet";  // "internet" or "cdn"
  std::string api_gateway;              // "", "rest" or "http": a per-request gateway charge in front
  // Discounts on the covered share of the instance cost (per-replica instances and cluster nodes).
  double spot_share = 0.0;          // fraction of instance cost on spot
  double spot_discount = -1.0;      // < 0 = the catalog's typical spot discount
  double committed_share = 0.0;     // fraction covered by reserved instances or a savings plan
  double committed_discount = -1.0; // < 0 = the catalog's compute savings plan discount
};

}  // namespace headroom
