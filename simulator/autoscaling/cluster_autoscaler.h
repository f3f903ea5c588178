#pragma once
// Kubernetes Cluster Autoscaler (node level) with a first-fit pod scheduler, as a pure state machine.
//
// Per sync: (1) forget pods that are gone and queue new ones as pending; (2) nodes whose provisioning delay has
// elapsed become Ready; (3) the scheduler binds pending pods first-fit to Ready nodes (node creation order);
// (4) when a scan is due (scan-interval 10 s): pending pods that fit neither on a Ready node nor on a node
// still provisioning trigger a scale-up of the first node pool that can hold them (first-fit packing onto new
// nodes, bounded by the pool's max); otherwise nodes whose requested cpu and memory are both below
// scale-down-utilization-threshold (0.5) and whose pods fit elsewhere are "unneeded"; a node unneeded for
// scale-down-unneeded-time (10 min) is removed, but never within scale-down-delay-after-add (10 min) of a
// scale-up (empty nodes all at once, other nodes one per scan; their pods go back to pending).
// Simplifications, documented in docs/autoscaling.md: pool choice is "first pool that fits" (the real default
// expander is random), no PodDisruptionBudgets, no max-node-provision-time failures.
// The engine calls sync() at least every scan interval and whenever the set of pods changes, and starts a pod
// only once nodeOf() names a Ready node. Single-threaded.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/units.h"

namespace headroom::autoscaling {

struct CaInstanceType {
  std::string name;
  double cpu_cores = 4.0;   // allocatable
  double memory_gib = 16.0;  // allocatable
};

struct CaNodePool {
  std::string name;
  CaInstanceType type;
  int min_nodes = 0;
  int max_nodes = 10;
  int initial_nodes = 0;  // Ready at time 0
};

struct CaConfig {
  int scan_interval_s = 10;
  int provisioning_delay_s = 240;  // cloud-dependent: a new node is usable after about 3-5 min
  double scale_down_utilization_threshold = 0.5;
  int scale_down_unneeded_time_s = 600;
  int scale_down_delay_after_add_s = 600;
  bool scale_down_enabled = true;
};

struct CaPod {
  std::string name;
  double cpu_cores = 0.5;  // requests
  double memory_gib = 1.0;
};

struct CaNode {
  int id = 0;
  std::string name;
  int pool = 0;
  SimTime created = 0;
  SimTime ready_at = 0;
  bool ready = false;
  std::optional<SimTime> unneeded_since;
  double cpu_requested = 0.0;
  double memory_requested = 0.0;
};

enum class CaEventKind { ScaleUp, NoScaleUp, NodeReady, NodeUnneeded, ScaleDown, PodScheduled, PodEvicted };

struct CaEvent {
  SimTime time = 0;
  CaEventKind kind = CaEventKind::ScaleUp;
  std::string text;  // human-readable, with the numbers behind it
};

struct CaSyncResult {
  SimTime time = 0;
  bool scanned = false;
  std::vector<CaEvent> events;
  int pending_pods = 0;
  int ready_nodes = 0;
  int provisioning_nodes = 0;
};

class ClusterAutoscaler {
 public:
  // Throws std::invalid_argument for an empty pool list or inconsistent pool bounds/config.
  ClusterAutoscaler(std::vector<CaNodePool> pools, CaConfig config = {});

  // `pods` is every pod that currently exists (pending or running), identified by name.
  CaSyncResult sync(SimTime now, const std::vector<CaPod>& pods);

  std::optional<std::string> nodeOf(const std::string& pod) const;  // Ready node the pod is bound to
  const std::vector<CaNode>& nodes() const { return nodes_; }
  double utilization(const CaNode& node) const;  // max(cpu, memory) requested / allocatable

 private:
  struct PodState {
    CaPod pod;
    int node = -1;  // node id, -1 = pending
  };
  CaNode* findNode(int id);
  bool fits(const CaNode& n, const CaPod& p) const;
  void bind(PodState& ps, CaNode& n);
  void unbind(PodState& ps);
  void schedulePending(SimTime now, CaSyncResult& r);
  bool scaleUp(SimTime now, CaSyncResult& r);
  void scaleDown(SimTime now, CaSyncResult& r);
  int poolNodeCount(int pool) const;

  std::vector<CaNodePool> pools_;
  CaConfig config_;
  std::vector<CaNode> nodes_;
  std::map<std::string, PodState> pods_;
  std::vector<std::string> pod_order_;  // arrival order, for a deterministic scheduler
  int next_node_id_ = 0;
  SimTime next_scan_ = 0;
  std::optional<SimTime> last_scale_up_;
};

}  // namespace headroom::autoscaling
