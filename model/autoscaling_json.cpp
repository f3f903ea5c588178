#include "model/autoscaling_json.h"

#include <cmath>

#include "model/scenario.h"
#include "model/validation.h"

namespace headroom::json_detail {
namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;
using M = HpaMetricTarget::Type;
using P = HpaPolicySpec::Type;
using S = HpaDirectionSpec::Select;

HpaDirectionSpec readDirection(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  HpaDirectionSpec d;
  if (r.has("stabilization_window_s")) d.stabilization_window_s = r.integerOr("stabilization_window_s", 0);
  if (const json* pols = r.optional("policies")) {
    const json& arr = requireArray(*pols, r.pathOf("policies"), ctx);
    for (std::size_t i = 0; i < arr.size(); ++i) {
      ObjectReader pr(arr[i], r.pathOf("policies").index(i), ctx);
      HpaPolicySpec p;
      p.type = pr.enumeration<P>("type", {{"pods", P::Pods}, {"percent", P::Percent}});
      p.value = readInt(pr.required("value"), pr.pathOf("value"), ctx);
      p.period_s = readInt(pr.required("period_s"), pr.pathOf("period_s"), ctx);
      pr.finish();
      d.policies.push_back(p);
    }
  }
  if (r.has("select_policy"))
    d.select_policy = r.enumeration<S>("select_policy", {{"max", S::Max}, {"min", S::Min}, {"disabled", S::Disabled}});
  r.finish();
  return d;
}

ojson writeDirection(const HpaDirectionSpec& d) {
  ojson o = ojson::object();
  if (d.stabilization_window_s) o["stabilization_window_s"] = *d.stabilization_window_s;
  if (!d.policies.empty()) {
    ojson arr = ojson::array();
    for (const auto& p : d.policies)
      arr.push_back({{"type", p.type == P::Pods ? "pods" : "percent"}, {"value", p.value}, {"period_s", p.period_s}});
    o["policies"] = std::move(arr);
  }
  if (d.select_policy) o["select_policy"] = *d.select_policy == S::Max ? "max" : *d.select_policy == S::Min ? "min" : "disabled";
  return o;
}

}  // namespace

AutoscalingSpec readAutoscaling(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  AutoscalingSpec s;
  s.kind = r.enumeration<AutoscalingSpec::Kind>("kind", {{"kubernetes_hpa", AutoscalingSpec::Kind::KubernetesHpa}});
  s.min_replicas = r.integerOr("min_replicas", s.min_replicas);
  s.max_replicas = readInt(r.required("max_replicas"), r.pathOf("max_replicas"), ctx);
  const json& metrics = requireArray(r.required("metrics"), r.pathOf("metrics"), ctx);
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    ObjectReader mr(metrics[i], r.pathOf("metrics").index(i), ctx);
    HpaMetricTarget m;
    m.type = mr.enumeration<M>("type", {{"cpu_utilization", M::CpuUtilization},
                                        {"requests_per_second_per_replica", M::RequestsPerSecondPerReplica},
                                        {"queue_length_per_replica", M::QueueLengthPerReplica}});
    m.target = mr.number("target");
    mr.finish();
    s.metrics.push_back(m);
  }
  if (const json* b = r.optional("behavior")) {
    ObjectReader br(*b, r.pathOf("behavior"), ctx);
    s.has_behavior = true;
    if (const json* up = br.optional("scale_up")) s.scale_up = readDirection(*up, br.pathOf("scale_up"), ctx);
    if (const json* down = br.optional("scale_down")) s.scale_down = readDirection(*down, br.pathOf("scale_down"), ctx);
    br.finish();
  }
  s.sync_period_s = r.numberOr("sync_period_s", s.sync_period_s);
  s.metrics_window_s = r.numberOr("metrics_window_s", s.metrics_window_s);
  s.metrics_lag_s = r.numberOr("metrics_lag_s", s.metrics_lag_s);
  s.replica_startup_s = r.numberOr("replica_startup_s", s.replica_startup_s);
  s.tolerance = r.numberOr("tolerance", s.tolerance);
  s.cpu_initialization_period_s = r.numberOr("cpu_initialization_period_s", s.cpu_initialization_period_s);
  s.initial_readiness_delay_s = r.numberOr("initial_readiness_delay_s", s.initial_readiness_delay_s);
  r.finish();
  return s;
}

ojson writeAutoscaling(const AutoscalingSpec& s) {
  ojson o;
  o["kind"] = "kubernetes_hpa";
  o["min_replicas"] = s.min_replicas;
  o["max_replicas"] = s.max_replicas;
  ojson metrics = ojson::array();
  for (const auto& m : s.metrics) metrics.push_back({{"type", hpaMetricTypeName(m.type)}, {"target", m.target}});
  o["metrics"] = std::move(metrics);
  if (s.has_behavior) o["behavior"] = {{"scale_up", writeDirection(s.scale_up)}, {"scale_down", writeDirection(s.scale_down)}};
  const AutoscalingSpec defaults;
  auto put = [&o](const char* key, double v, double dflt) {
    if (v != dflt) o[key] = v;
  };
  put("sync_period_s", s.sync_period_s, defaults.sync_period_s);
  put("metrics_window_s", s.metrics_window_s, defaults.metrics_window_s);
  put("metrics_lag_s", s.metrics_lag_s, defaults.metrics_lag_s);
  put("replica_startup_s", s.replica_startup_s, defaults.replica_startup_s);
  put("tolerance", s.tolerance, defaults.tolerance);
  put("cpu_initialization_period_s", s.cpu_initialization_period_s, defaults.cpu_initialization_period_s);
  put("initial_readiness_delay_s", s.initial_readiness_delay_s, defaults.initial_readiness_delay_s);
  return o;
}

void checkAutoscaling(const AutoscalingSpec& s, const std::string& where, std::vector<ValidationIssue>& issues) {
  auto add = [&](const std::string& field, const std::string& rule) { issues.push_back({where, "autoscaling." + field, rule}); };
  if (s.min_replicas < 1) add("min_replicas", "must be >= 1, got " + std::to_string(s.min_replicas));
  if (s.max_replicas > kMaxReplicas)
    add("max_replicas", "must be <= " + std::to_string(kMaxReplicas) + ", got " + std::to_string(s.max_replicas));
  if (s.max_replicas < s.min_replicas)
    add("max_replicas", "must be >= min_replicas (" + std::to_string(s.min_replicas) + "), got " + std::to_string(s.max_replicas));
  if (s.metrics.empty()) add("metrics", "an autoscaler needs at least one metric");
  for (std::size_t i = 0; i < s.metrics.size(); ++i)
    if (!(s.metrics[i].target > 0) || !std::isfinite(s.metrics[i].target))
      add("metrics[" + std::to_string(i) + "].target", "must be > 0");
  for (const auto& [name, dir] : {std::pair{"behavior.scale_up", &s.scale_up}, std::pair{"behavior.scale_down", &s.scale_down}}) {
    if (dir->stabilization_window_s && (*dir->stabilization_window_s < 0 || *dir->stabilization_window_s > 3600))
      add(std::string(name) + ".stabilization_window_s", "must be in [0, 3600] s (the Kubernetes API limit)");
    for (std::size_t i = 0; i < dir->policies.size(); ++i) {
      const std::string f = std::string(name) + ".policies[" + std::to_string(i) + "]";
      if (dir->policies[i].value <= 0) add(f + ".value", "must be > 0");
      if (dir->policies[i].period_s <= 0 || dir->policies[i].period_s > 1800) add(f + ".period_s", "must be in (0, 1800] s");
    }
  }
  for (const auto& [field, v] : {std::pair{"sync_period_s", s.sync_period_s}, std::pair{"metrics_window_s", s.metrics_window_s}})
    if (!(v > 0)) add(field, "must be > 0 s");
  for (const auto& [field, v] : {std::pair{"metrics_lag_s", s.metrics_lag_s}, std::pair{"replica_startup_s", s.replica_startup_s},
                                 std::pair{"cpu_initialization_period_s", s.cpu_initialization_period_s},
                                 std::pair{"initial_readiness_delay_s", s.initial_readiness_delay_s}})
    if (!(v >= 0)) add(field, "must be >= 0 s");
  if (!(s.tolerance >= 0 && s.tolerance < 1)) add("tolerance", "must be in [0, 1)");
}

}  // namespace headroom::json_detail
