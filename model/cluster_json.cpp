#include "model/cluster_json.h"

#include <cmath>

#include "model/scenario.h"
#include "model/validation.h"

namespace headroom::json_detail {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

ClusterSpec readCluster(const json& j, const JsonPath& path) {
  ObjectReader r(j, path, "cluster");
  ClusterSpec c;
  const JsonPath pp = r.pathOf("node_pools");
  const json& pools = requireArray(r.required("node_pools"), pp, "cluster");
  for (std::size_t i = 0; i < pools.size(); ++i) {
    ObjectReader pr(pools[i], pp.index(i), "cluster");
    NodePoolSpec p;
    p.name = pr.string("name");
    p.cpu_cores = pr.number("cpu_cores");
    p.memory_gib = pr.number("memory_gib");
    p.min_nodes = pr.integerOr("min_nodes", p.min_nodes);
    p.max_nodes = pr.integerOr("max_nodes", p.max_nodes);
    p.initial_nodes = pr.integerOr("initial_nodes", p.initial_nodes);
    p.instance_type = pr.stringOr("instance_type", p.instance_type);
    pr.finish();
    c.node_pools.push_back(p);
  }
  c.scan_interval_s = r.numberOr("scan_interval_s", c.scan_interval_s);
  c.provisioning_delay_s = r.numberOr("provisioning_delay_s", c.provisioning_delay_s);
  c.scale_down_utilization_threshold = r.numberOr("scale_down_utilization_threshold", c.scale_down_utilization_threshold);
  c.scale_down_unneeded_time_s = r.numberOr("scale_down_unneeded_time_s", c.scale_down_unneeded_time_s);
  c.scale_down_delay_after_add_s = r.numberOr("scale_down_delay_after_add_s", c.scale_down_delay_after_add_s);
  if (r.has("scale_down_enabled")) c.scale_down_enabled = readBool(r.required("scale_down_enabled"), r.pathOf("scale_down_enabled"), "cluster");
  r.finish();
  return c;
}

ojson writeCluster(const ClusterSpec& c) {
  const ClusterSpec d;
  ojson o;
  ojson pools = ojson::array();
  for (const auto& p : c.node_pools) {
    pools.push_back({{"name", p.name}, {"cpu_cores", p.cpu_cores}, {"memory_gib", p.memory_gib}, {"min_nodes", p.min_nodes},
                     {"max_nodes", p.max_nodes}, {"initial_nodes", p.initial_nodes}});
    if (!p.instance_type.empty()) pools.back()["instance_type"] = p.instance_type;
  }
  o["node_pools"] = pools;
  auto put = [&o](const char* key, double v, double dflt) {
    if (v != dflt) o[key] = v;
  };
  put("scan_interval_s", c.scan_interval_s, d.scan_interval_s);
  put("provisioning_delay_s", c.provisioning_delay_s, d.provisioning_delay_s);
  put("scale_down_utilization_threshold", c.scale_down_utilization_threshold, d.scale_down_utilization_threshold);
  put("scale_down_unneeded_time_s", c.scale_down_unneeded_time_s, d.scale_down_unneeded_time_s);
  put("scale_down_delay_after_add_s", c.scale_down_delay_after_add_s, d.scale_down_delay_after_add_s);
  if (!c.scale_down_enabled) o["scale_down_enabled"] = false;
  return o;
}

PodResources readPod(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  PodResources p;
  p.cpu_request_cores = r.numberOr("cpu_request_cores", p.cpu_request_cores);
  p.cpu_limit_cores = r.numberOr("cpu_limit_cores", p.cpu_limit_cores);
  p.memory_gib = r.numberOr("memory_gib", p.memory_gib);
  p.memory_base_gib = r.numberOr("memory_base_gib", p.memory_base_gib);
  p.memory_per_request_mib = r.numberOr("memory_per_request_mib", p.memory_per_request_mib);
  r.finish();
  return p;
}

ojson writePod(const PodResources& p) {
  ojson o = ojson::object();
  if (p.cpu_request_cores > 0) o["cpu_request_cores"] = p.cpu_request_cores;
  if (p.cpu_limit_cores > 0) o["cpu_limit_cores"] = p.cpu_limit_cores;
  o["memory_gib"] = p.memory_gib;
  const PodResources d;
  if (p.memory_base_gib != d.memory_base_gib) o["memory_base_gib"] = p.memory_base_gib;
  if (p.memory_per_request_mib != d.memory_per_request_mib) o["memory_per_request_mib"] = p.memory_per_request_mib;
  return o;
}

void checkCluster(const Scenario& s, std::vector<ValidationIssue>& issues) {
  double requestedCpu = 0, requestedMemory = 0, initialCpu = 0, initialMemory = 0;
  for (const Component& c : s.components) {
    if (!c.pod) continue;
    const std::string where = "component '" + c.name + "'";
    const PodResources& p = *c.pod;
    if (!(p.cpu_request_cores >= 0 && std::isfinite(p.cpu_request_cores))) issues.push_back({where, "pod.cpu_request_cores", "must be >= 0 (0 = one core per worker)"});
    if (!(p.cpu_limit_cores >= 0 && std::isfinite(p.cpu_limit_cores))) issues.push_back({where, "pod.cpu_limit_cores", "must be >= 0 (0 = no limit)"});
    if (!(p.memory_gib > 0 && std::isfinite(p.memory_gib))) issues.push_back({where, "pod.memory_gib", "must be > 0"});
    if (!(p.memory_base_gib >= 0 && std::isfinite(p.memory_base_gib))) issues.push_back({where, "pod.memory_base_gib", "must be >= 0"});
    if (!(p.memory_per_request_mib >= 0 && std::isfinite(p.memory_per_request_mib)))
      issues.push_back({where, "pod.memory_per_request_mib", "must be >= 0"});
    if (c.type != Component::Type::Service && c.type != Component::Type::Topic)
      issues.push_back({where, "pod", "only services and topics run as pods"});
    const double cpu = p.cpu_request_cores > 0 ? p.cpu_request_cores : c.workers_per_replica;
    requestedCpu += cpu * c.replicas;
    requestedMemory += p.memory_gib * c.replicas;
    if (s.cluster) {
      bool fitsSomewhere = false;
      for (const auto& pool : s.cluster->node_pools) fitsSomewhere |= cpu <= pool.cpu_cores && p.memory_gib <= pool.memory_gib;
      if (!fitsSomewhere) issues.push_back({where, "pod", "requests more than any node pool's instance type can hold"});
    }
  }
  if (!s.cluster) return;
  const ClusterSpec& c = *s.cluster;
  const std::string where = "cluster";
  auto add = [&](const std::string& field, const std::string& rule) { issues.push_back({where, field, rule}); };
  if (c.node_pools.empty()) add("node_pools", "a cluster needs at least one node pool");
  for (std::size_t i = 0; i < c.node_pools.size(); ++i) {
    const auto& p = c.node_pools[i];
    const std::string f = "node_pools[" + std::to_string(i) + "]";
    if (!(p.cpu_cores > 0)) add(f + ".cpu_cores", "must be > 0");
    if (!(p.memory_gib > 0)) add(f + ".memory_gib", "must be > 0");
    if (p.min_nodes < 0 || p.max_nodes < p.min_nodes || p.max_nodes > 10000) add(f + ".max_nodes", "needs 0 <= min_nodes <= max_nodes <= 10000");
    if (p.initial_nodes < p.min_nodes || p.initial_nodes > p.max_nodes) add(f + ".initial_nodes", "must be within [min_nodes, max_nodes]");
    initialCpu += p.cpu_cores * p.initial_nodes;
    initialMemory += p.memory_gib * p.initial_nodes;
  }
  if (!(c.scan_interval_s >= 1)) add("scan_interval_s", "must be >= 1 s");
  if (!(c.provisioning_delay_s >= 0)) add("provisioning_delay_s", "must be >= 0 s");
  if (!(c.scale_down_utilization_threshold > 0 && c.scale_down_utilization_threshold <= 1)) add("scale_down_utilization_threshold", "must be in (0, 1]");
  if (!(c.scale_down_unneeded_time_s >= 0)) add("scale_down_unneeded_time_s", "must be >= 0 s");
  if (!(c.scale_down_delay_after_add_s >= 0)) add("scale_down_delay_after_add_s", "must be >= 0 s");
  // The replicas at t = 0 are running: the initial nodes must have room for them.
  if (requestedCpu > initialCpu + 1e-9 || requestedMemory > initialMemory + 1e-9)
    add("node_pools", "the initial nodes (" + std::to_string(initialCpu) + " cores, " + std::to_string(initialMemory) +
                          " GiB) cannot hold the initial replicas' requests (" + std::to_string(requestedCpu) + " cores, " +
                          std::to_string(requestedMemory) + " GiB)");
}

}  // namespace headroom::json_detail
