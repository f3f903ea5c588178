#pragma once
// Where pods run: per-pod resource requests and limits, and the cluster's node pools with the Cluster
// Autoscaler's settings (simulator/autoscaling/cluster_autoscaler.h has the rules). Units: CPU in cores,
// memory in GiB, durations in SECONDS.
#include <optional>
#include <string>
#include <vector>

namespace headroom {

// Kubernetes resources of one replica (pod). The CPU request is what the scheduler and the Cluster Autoscaler
// pack onto nodes (and what an HPA's CPU utilization is a percentage of); a CPU limit below the replica's
// workers throttles it: work running while more workers are busy than the limit allows is stretched by
// busy / limit (CFS quota).
struct PodResources {
  double cpu_request_cores = 0.0;  // 0 = one core per worker
  double cpu_limit_cores = 0.0;    // 0 = no limit
  double memory_gib = 0.5;         // request
  // Memory in use (for an HPA on memory): a base working set plus a share per request present at the replica.
  double memory_base_gib = 0.25;
  double memory_per_request_mib = 0.0;
};

struct NodePoolSpec {
  std::string name;
  double cpu_cores = 4.0;    // allocatable per node
  double memory_gib = 16.0;  // allocatable per node
  int min_nodes = 0;
  int max_nodes = 10;
  int initial_nodes = 1;     // Ready at t = 0
  std::string instance_type;  // for cost (simulator/cost/): each node is one such instance; empty = not priced
};

// Components with a `pod` block run on this cluster: a new replica is Pending until the scheduler binds it to
// a Ready node with room (the Cluster Autoscaler adds nodes after its scan interval and provisioning delay, and
// removes underused ones after its delays), then starts (replica_startup_s of its autoscaler, or 30 s).
struct ClusterSpec {
  std::vector<NodePoolSpec> node_pools;
  double scan_interval_s = 10.0;
  double provisioning_delay_s = 240.0;
  double scale_down_utilization_threshold = 0.5;
  double scale_down_unneeded_time_s = 600.0;
  double scale_down_delay_after_add_s = 600.0;
  bool scale_down_enabled = true;
};

}  // namespace headroom
