#include "simulator/autoscaling/cluster_autoscaler.h"

#include <algorithm>
#include <set>
#include <sstream>
#include <stdexcept>

namespace headroom::autoscaling {
namespace {

constexpr double kEps = 1e-9;  // requests are sums of decimals; do not refuse a pod over rounding noise

std::string fmt(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

}  // namespace

ClusterAutoscaler::ClusterAutoscaler(std::vector<CaNodePool> pools, CaConfig config)
    : pools_(std::move(pools)), config_(config) {
  if (pools_.empty()) throw std::invalid_argument("Cluster Autoscaler: at least one node pool is required");
  for (std::size_t i = 0; i < pools_.size(); ++i) {
    const CaNodePool& p = pools_[i];
    const std::string f = "Cluster Autoscaler: pool '" + p.name + "': ";
    if (!(p.type.cpu_cores > 0.0) || !(p.type.memory_gib > 0.0))
      throw std::invalid_argument(f + "instance type needs positive cpu and memory");
    if (p.min_nodes < 0 || p.max_nodes < p.min_nodes)
      throw std::invalid_argument(f + "needs 0 <= min_nodes <= max_nodes");
    if (p.initial_nodes < p.min_nodes || p.initial_nodes > p.max_nodes)
      throw std::invalid_argument(f + "initial_nodes must be within [min_nodes, max_nodes]");
    for (int k = 0; k < p.initial_nodes; ++k) {
      CaNode n;
      n.id = next_node_id_++;
      n.name = p.name + "-" + std::to_string(n.id);
      n.pool = static_cast<int>(i);
      n.ready = true;
      nodes_.push_back(n);
    }
  }
  if (config_.scan_interval_s <= 0 || config_.provisioning_delay_s < 0 || config_.scale_down_unneeded_time_s < 0 ||
      config_.scale_down_delay_after_add_s < 0 || !(config_.scale_down_utilization_threshold >= 0.0) ||
      config_.scale_down_utilization_threshold > 1.0)
    throw std::invalid_argument("Cluster Autoscaler: invalid timing or threshold configuration");
}

CaNode* ClusterAutoscaler::findNode(int id) {
  for (CaNode& n : nodes_)
    if (n.id == id) return &n;
  return nullptr;
}

bool ClusterAutoscaler::fits(const CaNode& n, const CaPod& p) const {
  const CaInstanceType& t = pools_[static_cast<std::size_t>(n.pool)].type;
  return n.cpu_requested + p.cpu_cores <= t.cpu_cores + kEps && n.memory_requested + p.memory_gib <= t.memory_gib + kEps;
}

double ClusterAutoscaler::utilization(const CaNode& n) const {
  const CaInstanceType& t = pools_[static_cast<std::size_t>(n.pool)].type;
  return std::max(n.cpu_requested / t.cpu_cores, n.memory_requested / t.memory_gib);
}

void ClusterAutoscaler::bind(PodState& ps, CaNode& n) {
  ps.node = n.id;
  n.cpu_requested += ps.pod.cpu_cores;
  n.memory_requested += ps.pod.memory_gib;
}

void ClusterAutoscaler::unbind(PodState& ps) {
  if (ps.node < 0) return;
  if (CaNode* n = findNode(ps.node)) {
    n->cpu_requested = std::max(0.0, n->cpu_requested - ps.pod.cpu_cores);
    n->memory_requested = std::max(0.0, n->memory_requested - ps.pod.memory_gib);
  }
  ps.node = -1;
}

int ClusterAutoscaler::poolNodeCount(int pool) const {
  return static_cast<int>(std::count_if(nodes_.begin(), nodes_.end(), [pool](const CaNode& n) { return n.pool == pool; }));
}

std::optional<std::string> ClusterAutoscaler::nodeOf(const std::string& pod) const {
  const auto it = pods_.find(pod);
  if (it == pods_.end() || it->second.node < 0) return std::nullopt;
  for (const CaNode& n : nodes_)
    if (n.id == it->second.node) return n.name;
  return std::nullopt;
}

void ClusterAutoscaler::schedulePending(SimTime now, CaSyncResult& r) {
  for (const std::string& name : pod_order_) {
    PodState& ps = pods_.at(name);
    if (ps.node >= 0) continue;
    for (CaNode& n : nodes_) {
      if (!n.ready || !fits(n, ps.pod)) continue;
      bind(ps, n);
      r.events.push_back({now, CaEventKind::PodScheduled, "pod " + name + " scheduled on " + n.name});
      break;
    }
  }
}

CaSyncResult ClusterAutoscaler::sync(SimTime now, const std::vector<CaPod>& pods) {
  CaSyncResult r;
  r.time = now;

  // (1) reconcile the pod set.
  std::set<std::string> present;
  for (const CaPod& p : pods) present.insert(p.name);
  for (auto it = pods_.begin(); it != pods_.end();) {
    if (present.count(it->first)) {
      ++it;
      continue;
    }
    unbind(it->second);
    it = pods_.erase(it);
  }
  std::erase_if(pod_order_, [&](const std::string& n) { return !present.count(n); });
  for (const CaPod& p : pods) {
    if (pods_.count(p.name)) continue;
    pods_[p.name] = PodState{p, -1};
    pod_order_.push_back(p.name);
  }

  // (2) provisioning completes.
  for (CaNode& n : nodes_) {
    if (n.ready || n.ready_at > now) continue;
    n.ready = true;
    r.events.push_back({now, CaEventKind::NodeReady,
                        "node " + n.name + " Ready after " + fmt(simTimeToSeconds(n.ready_at - n.created)) +
                            " s of provisioning"});
  }

  // (3) scheduler.
  schedulePending(now, r);

  // (4) autoscaler loop.
  if (now >= next_scan_) {
    r.scanned = true;
    next_scan_ = now + config_.scan_interval_s * kNanosPerSecond;
    const bool scaledUp = scaleUp(now, r);
    if (!scaledUp && config_.scale_down_enabled) scaleDown(now, r);
  }

  for (const auto& [name, ps] : pods_)
    if (ps.node < 0) ++r.pending_pods;
  for (const CaNode& n : nodes_) (n.ready ? r.ready_nodes : r.provisioning_nodes)++;
  return r;
}

bool ClusterAutoscaler::scaleUp(SimTime now, CaSyncResult& r) {
  // Nodes still provisioning count as upcoming capacity, so the same pending pods never trigger twice.
  std::vector<CaNode> virtualNodes;
  for (const CaNode& n : nodes_)
    if (!n.ready) virtualNodes.push_back(n);
  std::map<int, std::vector<std::string>> podsPerPool;
  std::vector<int> newPerPool(pools_.size(), 0);
  for (const std::string& name : pod_order_) {
    const PodState& ps = pods_.at(name);
    if (ps.node >= 0) continue;
    bool placed = false;
    for (CaNode& v : virtualNodes) {
      if (!fits(v, ps.pod)) continue;
      v.cpu_requested += ps.pod.cpu_cores;
      v.memory_requested += ps.pod.memory_gib;
      placed = true;
      break;
    }
    if (placed) continue;
    for (std::size_t p = 0; p < pools_.size() && !placed; ++p) {
      const int pool = static_cast<int>(p);
      if (poolNodeCount(pool) + newPerPool[p] >= pools_[p].max_nodes) continue;
      CaNode v;
      v.pool = pool;
      if (!fits(v, ps.pod)) continue;
      v.id = -1;
      v.cpu_requested = ps.pod.cpu_cores;
      v.memory_requested = ps.pod.memory_gib;
      virtualNodes.push_back(v);
      ++newPerPool[p];
      podsPerPool[pool].push_back(name);
      placed = true;
    }
    if (!placed) {
      r.events.push_back({now, CaEventKind::NoScaleUp,
                          "pod " + name + " (" + fmt(ps.pod.cpu_cores) + " cpu, " + fmt(ps.pod.memory_gib) +
                              " GiB) fits no node pool below its max size"});
    }
  }
  bool any = false;
  for (std::size_t p = 0; p < pools_.size(); ++p) {
    if (newPerPool[p] == 0) continue;
    any = true;
    for (int k = 0; k < newPerPool[p]; ++k) {
      CaNode n;
      n.id = next_node_id_++;
      n.name = pools_[p].name + "-" + std::to_string(n.id);
      n.pool = static_cast<int>(p);
      n.created = now;
      n.ready_at = now + config_.provisioning_delay_s * kNanosPerSecond;
      nodes_.push_back(n);
    }
    std::ostringstream os;
    os << "scale-up pool " << pools_[p].name << " by " << newPerPool[p] << " node(s) ("
       << poolNodeCount(static_cast<int>(p)) << "/" << pools_[p].max_nodes << "), Ready at t="
       << simTimeToSeconds(now + config_.provisioning_delay_s * kNanosPerSecond) << " s, for "
       << podsPerPool[static_cast<int>(p)].size() << " unschedulable pod(s):";
    // A pod's key ends in "@<creation time in ns>" to stay unique across restarts; people read "api/4".
    for (const auto& name : podsPerPool[static_cast<int>(p)]) os << " " << name.substr(0, name.find('@'));
    r.events.push_back({now, CaEventKind::ScaleUp, os.str()});
  }
  if (any) last_scale_up_ = now;
  return any;
}

void ClusterAutoscaler::scaleDown(SimTime now, CaSyncResult& r) {
  // A node is unneeded when it is lightly used, its pool can shrink and its pods fit on the other Ready nodes.
  std::vector<int> poolCount(pools_.size(), 0);
  for (const CaNode& n : nodes_) ++poolCount[static_cast<std::size_t>(n.pool)];
  auto podsOn = [&](int nodeId) {
    std::vector<const PodState*> out;
    for (const std::string& name : pod_order_) {
      const PodState& ps = pods_.at(name);
      if (ps.node == nodeId) out.push_back(&ps);
    }
    return out;
  };
  auto podsFitElsewhere = [&](const CaNode& node, const std::set<int>& excluded) {
    std::vector<CaNode> others;
    for (const CaNode& n : nodes_)
      if (n.ready && n.id != node.id && !excluded.count(n.id)) others.push_back(n);
    for (const PodState* ps : podsOn(node.id)) {
      bool placed = false;
      for (CaNode& o : others) {
        if (!fits(o, ps->pod)) continue;
        o.cpu_requested += ps->pod.cpu_cores;
        o.memory_requested += ps->pod.memory_gib;
        placed = true;
        break;
      }
      if (!placed) return false;
    }
    return true;
  };

  for (CaNode& n : nodes_) {
    if (!n.ready) continue;
    const double u = utilization(n);
    const bool unneeded = u < config_.scale_down_utilization_threshold &&
                          poolCount[static_cast<std::size_t>(n.pool)] > pools_[static_cast<std::size_t>(n.pool)].min_nodes &&
                          podsFitElsewhere(n, {});
    if (!unneeded) {
      n.unneeded_since.reset();
      continue;
    }
    if (!n.unneeded_since) {
      n.unneeded_since = now;
      r.events.push_back({now, CaEventKind::NodeUnneeded,
                          "node " + n.name + " unneeded: utilization " + fmt(u) + " < threshold " +
                              fmt(config_.scale_down_utilization_threshold) + " and its pods fit elsewhere"});
    }
  }

  if (last_scale_up_ && now < *last_scale_up_ + config_.scale_down_delay_after_add_s * kNanosPerSecond) return;
  const SimTime unneededTime = config_.scale_down_unneeded_time_s * kNanosPerSecond;
  std::set<int> removed;
  bool nonEmptyRemoved = false;
  for (CaNode& n : nodes_) {
    if (!n.unneeded_since || now - *n.unneeded_since < unneededTime) continue;
    if (poolCount[static_cast<std::size_t>(n.pool)] <= pools_[static_cast<std::size_t>(n.pool)].min_nodes) continue;
    const auto onNode = podsOn(n.id);
    if (!onNode.empty() && (nonEmptyRemoved || !podsFitElsewhere(n, removed))) continue;
    if (!onNode.empty()) nonEmptyRemoved = true;
    removed.insert(n.id);
    --poolCount[static_cast<std::size_t>(n.pool)];
    std::ostringstream os;
    os << "scale-down: node " << n.name << " removed after " << simTimeToSeconds(now - *n.unneeded_since)
       << " s unneeded (utilization " << utilization(n) << "), " << onNode.size() << " pod(s) evicted";
    r.events.push_back({now, CaEventKind::ScaleDown, os.str()});
    for (const std::string& name : pod_order_) {
      PodState& ps = pods_.at(name);
      if (ps.node != n.id) continue;
      unbind(ps);
      r.events.push_back({now, CaEventKind::PodEvicted, "pod " + name + " evicted from " + n.name});
    }
  }
  if (removed.empty()) return;
  std::erase_if(nodes_, [&](const CaNode& n) { return removed.count(n.id) > 0; });
  schedulePending(now, r);
}

}  // namespace headroom::autoscaling
