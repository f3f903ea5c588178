#include "model/autoscaling_json.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>
#include <sstream>

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

void readHpa(ObjectReader& r, AutoscalingSpec& s, const std::string& ctx) {
  const json& metrics = requireArray(r.required("metrics"), r.pathOf("metrics"), ctx);
  for (std::size_t i = 0; i < metrics.size(); ++i) {
    ObjectReader mr(metrics[i], r.pathOf("metrics").index(i), ctx);
    HpaMetricTarget m;
    m.type = mr.enumeration<M>("type", {{"cpu_utilization", M::CpuUtilization},
                                        {"requests_per_second_per_replica", M::RequestsPerSecondPerReplica},
                                        {"queue_length_per_replica", M::QueueLengthPerReplica},
                                        {"memory_utilization", M::MemoryUtilization},
                                        {"object_requests_per_second", M::ObjectRequestsPerSecond}});
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
  s.tolerance = r.numberOr("tolerance", s.tolerance);
  s.cpu_initialization_period_s = r.numberOr("cpu_initialization_period_s", s.cpu_initialization_period_s);
  s.initial_readiness_delay_s = r.numberOr("initial_readiness_delay_s", s.initial_readiness_delay_s);
}


using AP = AwsPolicySpec;

AwsPolicySpec readAwsPolicy(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  AwsPolicySpec p;
  p.type = r.enumeration<AP::Type>("type", {{"target_tracking", AP::Type::TargetTracking}, {"step", AP::Type::Step},
                                            {"simple", AP::Type::Simple}, {"predictive", AP::Type::Predictive}});
  p.name = r.stringOr("name", "");
  if (p.type == AP::Type::Predictive) {
    p.target = r.number("target_requests_per_s_per_instance");
    p.forecast_only = r.enumeration<bool>("mode", {{"forecast_and_scale", false}, {"forecast_only", true}}, false);
    p.scheduling_buffer_s = r.integerOr("scheduling_buffer_s", p.scheduling_buffer_s);
    p.increase_max_capacity = r.enumeration<bool>("max_capacity_breach", {{"honor", false}, {"increase", true}}, false);
    p.max_capacity_buffer_pct = r.numberOr("max_capacity_buffer_pct", p.max_capacity_buffer_pct);
    r.finish();
    return p;
  }
  p.metric = r.enumeration<AP::Metric>("metric", {{"cpu_utilization", AP::Metric::CpuUtilization},
                                                  {"requests_per_instance", AP::Metric::RequestsPerInstance},
                                                  {"backlog_per_instance", AP::Metric::BacklogPerInstance}});
  p.instance_warmup_s = r.integerOr("instance_warmup_s", p.instance_warmup_s);
  if (p.type == AP::Type::TargetTracking) {
    p.target = r.number("target");
    if (r.has("disable_scale_in")) p.disable_scale_in = readBool(r.required("disable_scale_in"), r.pathOf("disable_scale_in"), ctx);
  } else {
    p.threshold = r.number("threshold");
    p.comparison = r.enumeration<AP::Comparison>("comparison", {{">", AP::Comparison::GreaterThan}, {">=", AP::Comparison::GreaterThanOrEqual},
                                                               {"<", AP::Comparison::LessThan}, {"<=", AP::Comparison::LessThanOrEqual}});
    p.evaluation_periods = r.integerOr("evaluation_periods", p.evaluation_periods);
    p.datapoints_to_alarm = r.integerOr("datapoints_to_alarm", p.evaluation_periods);
    p.adjustment_type = r.enumeration<AP::Adjustment>(
        "adjustment_type", {{"change_in_capacity", AP::Adjustment::ChangeInCapacity}, {"exact_capacity", AP::Adjustment::ExactCapacity},
                            {"percent_change_in_capacity", AP::Adjustment::PercentChangeInCapacity}},
        AP::Adjustment::ChangeInCapacity);
    if (p.type == AP::Type::Step) {
      const JsonPath sp = r.pathOf("steps");
      const json& arr = requireArray(r.required("steps"), sp, ctx);
      for (std::size_t i = 0; i < arr.size(); ++i) {
        ObjectReader sr(arr[i], sp.index(i), ctx);
        AP::Step st;
        if (sr.has("lower_bound")) st.lower_bound = sr.number("lower_bound");
        if (sr.has("upper_bound")) st.upper_bound = sr.number("upper_bound");
        st.adjustment = readInt(sr.required("adjustment"), sr.pathOf("adjustment"), ctx);
        sr.finish();
        p.steps.push_back(st);
      }
    } else {
      p.adjustment = readInt(r.required("adjustment"), r.pathOf("adjustment"), ctx);
      p.cooldown_s = r.integerOr("cooldown_s", p.cooldown_s);
    }
  }
  r.finish();
  return p;
}

AwsScheduledActionSpec readScheduledAction(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  AwsScheduledActionSpec a;
  a.name = r.stringOr("name", "");
  a.at_s = r.numberOr("at_s", 0.0);
  if (r.has("cron")) a.cron = r.string("cron");
  if (r.has("min_size")) a.min_size = readInt(r.required("min_size"), r.pathOf("min_size"), ctx);
  if (r.has("max_size")) a.max_size = readInt(r.required("max_size"), r.pathOf("max_size"), ctx);
  if (r.has("desired_capacity")) a.desired_capacity = readInt(r.required("desired_capacity"), r.pathOf("desired_capacity"), ctx);
  r.finish();
  return a;
}

}  // namespace

AutoscalingSpec readAutoscaling(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  AutoscalingSpec s;
  using K = AutoscalingSpec::Kind;
  s.kind = r.enumeration<K>("kind", {{"kubernetes_hpa", K::KubernetesHpa}, {"keda", K::Keda}, {"aws", K::Aws}});
  s.min_replicas = r.integerOr("min_replicas", s.kind == K::Keda ? 0 : s.min_replicas);
  s.max_replicas = readInt(r.required("max_replicas"), r.pathOf("max_replicas"), ctx);
  s.replica_startup_s = r.numberOr("replica_startup_s", s.replica_startup_s);
  switch (s.kind) {
    case K::KubernetesHpa:
      readHpa(r, s, ctx);
      break;
    case K::Keda:
      s.keda_polling_interval_s = r.numberOr("polling_interval_s", s.keda_polling_interval_s);
      s.keda_cooldown_period_s = r.numberOr("cooldown_period_s", s.keda_cooldown_period_s);
      s.keda_target_per_replica = r.number("target_per_replica");
      s.keda_activation_target = r.numberOr("activation_target", s.keda_activation_target);
      break;
    case K::Aws: {
      if (const json* pols = r.optional("policies")) {
        const JsonPath pp = r.pathOf("policies");
        const json& arr = requireArray(*pols, pp, ctx);
        for (std::size_t i = 0; i < arr.size(); ++i) s.aws_policies.push_back(readAwsPolicy(arr[i], pp.index(i), ctx));
      }
      if (const json* acts = r.optional("scheduled_actions")) {
        const JsonPath ap = r.pathOf("scheduled_actions");
        const json& arr = requireArray(*acts, ap, ctx);
        for (std::size_t i = 0; i < arr.size(); ++i) s.aws_scheduled_actions.push_back(readScheduledAction(arr[i], ap.index(i), ctx));
      }
      break;
    }
  }
  r.finish();
  return s;
}

namespace {

const char* awsMetricName(AwsPolicySpec::Metric m) {
  switch (m) {
    case AwsPolicySpec::Metric::CpuUtilization: return "cpu_utilization";
    case AwsPolicySpec::Metric::RequestsPerInstance: return "requests_per_instance";
    case AwsPolicySpec::Metric::BacklogPerInstance: return "backlog_per_instance";
  }
  return "?";
}

ojson writeAwsPolicy(const AwsPolicySpec& p) {
  using AP = AwsPolicySpec;
  const AwsPolicySpec d;
  ojson o;
  o["type"] = p.type == AP::Type::TargetTracking ? "target_tracking" : p.type == AP::Type::Step ? "step"
              : p.type == AP::Type::Simple                                                    ? "simple"
                                                                                              : "predictive";
  if (!p.name.empty()) o["name"] = p.name;
  if (p.type == AP::Type::Predictive) {
    o["target_requests_per_s_per_instance"] = p.target;
    o["mode"] = p.forecast_only ? "forecast_only" : "forecast_and_scale";
    if (p.scheduling_buffer_s != d.scheduling_buffer_s) o["scheduling_buffer_s"] = p.scheduling_buffer_s;
    if (p.increase_max_capacity) o["max_capacity_breach"] = "increase";
    if (p.max_capacity_buffer_pct != 0) o["max_capacity_buffer_pct"] = p.max_capacity_buffer_pct;
    return o;
  }
  o["metric"] = awsMetricName(p.metric);
  if (p.instance_warmup_s != d.instance_warmup_s) o["instance_warmup_s"] = p.instance_warmup_s;
  if (p.type == AP::Type::TargetTracking) {
    o["target"] = p.target;
    if (p.disable_scale_in) o["disable_scale_in"] = true;
    return o;
  }
  o["threshold"] = p.threshold;
  o["comparison"] = p.comparison == AP::Comparison::GreaterThan ? ">" : p.comparison == AP::Comparison::GreaterThanOrEqual ? ">=" : p.comparison == AP::Comparison::LessThan ? "<" : "<=";
  o["evaluation_periods"] = p.evaluation_periods;
  o["datapoints_to_alarm"] = p.datapoints_to_alarm;
  if (p.adjustment_type != AP::Adjustment::ChangeInCapacity)
    o["adjustment_type"] = p.adjustment_type == AP::Adjustment::ExactCapacity ? "exact_capacity" : "percent_change_in_capacity";
  if (p.type == AP::Type::Step) {
    ojson steps = ojson::array();
    for (const auto& st : p.steps) {
      ojson so;
      if (st.lower_bound) so["lower_bound"] = *st.lower_bound;
      if (st.upper_bound) so["upper_bound"] = *st.upper_bound;
      so["adjustment"] = st.adjustment;
      steps.push_back(so);
    }
    o["steps"] = steps;
  } else {
    o["adjustment"] = p.adjustment;
    if (p.cooldown_s != d.cooldown_s) o["cooldown_s"] = p.cooldown_s;
  }
  return o;
}

}  // namespace

ojson writeAutoscaling(const AutoscalingSpec& s) {
  using K = AutoscalingSpec::Kind;
  ojson o;
  o["kind"] = autoscalingKindName(s.kind);
  o["min_replicas"] = s.min_replicas;
  o["max_replicas"] = s.max_replicas;
  const AutoscalingSpec defaults;
  auto put = [&o](const char* key, double v, double dflt) {
    if (v != dflt) o[key] = v;
  };
  put("replica_startup_s", s.replica_startup_s, defaults.replica_startup_s);
  if (s.kind == K::Keda) {
    put("polling_interval_s", s.keda_polling_interval_s, defaults.keda_polling_interval_s);
    put("cooldown_period_s", s.keda_cooldown_period_s, defaults.keda_cooldown_period_s);
    o["target_per_replica"] = s.keda_target_per_replica;
    put("activation_target", s.keda_activation_target, defaults.keda_activation_target);
    return o;
  }
  if (s.kind == K::Aws) {
    if (!s.aws_policies.empty()) {
      ojson arr = ojson::array();
      for (const auto& p : s.aws_policies) arr.push_back(writeAwsPolicy(p));
      o["policies"] = arr;
    }
    if (!s.aws_scheduled_actions.empty()) {
      ojson arr = ojson::array();
      for (const auto& a : s.aws_scheduled_actions) {
        ojson ao;
        if (!a.name.empty()) ao["name"] = a.name;
        ao["at_s"] = a.at_s;
        if (a.cron) ao["cron"] = *a.cron;
        if (a.min_size) ao["min_size"] = *a.min_size;
        if (a.max_size) ao["max_size"] = *a.max_size;
        if (a.desired_capacity) ao["desired_capacity"] = *a.desired_capacity;
        arr.push_back(ao);
      }
      o["scheduled_actions"] = arr;
    }
    return o;
  }
  ojson metrics = ojson::array();
  for (const auto& m : s.metrics) metrics.push_back({{"type", hpaMetricTypeName(m.type)}, {"target", m.target}});
  o["metrics"] = std::move(metrics);
  if (s.has_behavior) o["behavior"] = {{"scale_up", writeDirection(s.scale_up)}, {"scale_down", writeDirection(s.scale_down)}};
  put("sync_period_s", s.sync_period_s, defaults.sync_period_s);
  put("metrics_window_s", s.metrics_window_s, defaults.metrics_window_s);
  put("metrics_lag_s", s.metrics_lag_s, defaults.metrics_lag_s);
  put("tolerance", s.tolerance, defaults.tolerance);
  put("cpu_initialization_period_s", s.cpu_initialization_period_s, defaults.cpu_initialization_period_s);
  put("initial_readiness_delay_s", s.initial_readiness_delay_s, defaults.initial_readiness_delay_s);
  return o;
}

namespace {

// The rules AWS (and simulator/autoscaling/aws_policies) enforce on step adjustments, named per step so an
// editor can show them beside the bound: each step's lower bound below its upper bound, and the steps, in
// order of lower bound, meeting without a gap or an overlap. Offsets are from the alarm threshold.
template <typename Add>
void checkStepBounds(const std::vector<AwsPolicySpec::Step>& steps, const std::string& field, Add&& add) {
  const double inf = std::numeric_limits<double>::infinity();
  auto lower = [&](std::size_t i) { return steps[i].lower_bound.value_or(-inf); };
  auto upper = [&](std::size_t i) { return steps[i].upper_bound.value_or(inf); };
  auto text = [](double v) {
    std::ostringstream o;
    o << v;
    return o.str();
  };
  std::vector<std::size_t> order(steps.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return lower(a) < lower(b); });
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    const std::string f = field + "[" + std::to_string(i) + "]";
    if (!(lower(i) < upper(i))) {
      add(f + ".upper_bound", "must be above the lower bound (" + text(lower(i)) + "), got " + text(upper(i)));
      continue;
    }
    if (k + 1 < order.size() && upper(i) != lower(order[k + 1]))
      add(f + ".upper_bound", "must equal the lower bound of the next step (" + text(lower(order[k + 1])) + "): steps leave " +
                                  (upper(i) < lower(order[k + 1]) ? "a gap" : "an overlap") + ", got " + text(upper(i)));
  }
}

}  // namespace

void checkAutoscaling(const AutoscalingSpec& s, const std::string& where, std::vector<ValidationIssue>& issues) {
  auto add = [&](const std::string& field, const std::string& rule) { issues.push_back({where, "autoscaling." + field, rule}); };
  using K = AutoscalingSpec::Kind;
  const int lowest = s.kind == K::Keda ? 0 : 1;  // only KEDA scales to zero
  if (s.min_replicas < lowest)
    add("min_replicas", "must be >= " + std::to_string(lowest) + (lowest ? " (only KEDA scales to zero)" : "") + ", got " + std::to_string(s.min_replicas));
  if (s.max_replicas > kMaxReplicas)
    add("max_replicas", "must be <= " + std::to_string(kMaxReplicas) + ", got " + std::to_string(s.max_replicas));
  if (s.max_replicas < s.min_replicas)
    add("max_replicas", "must be >= min_replicas (" + std::to_string(s.min_replicas) + "), got " + std::to_string(s.max_replicas));
  if (!(s.replica_startup_s >= 0)) add("replica_startup_s", "must be >= 0 s");
  if (s.kind == K::Keda) {
    if (!(s.keda_polling_interval_s > 0)) add("polling_interval_s", "must be > 0 s");
    if (!(s.keda_cooldown_period_s >= 0)) add("cooldown_period_s", "must be >= 0 s");
    if (!(s.keda_target_per_replica > 0) || !std::isfinite(s.keda_target_per_replica)) add("target_per_replica", "must be > 0");
    if (!(s.keda_activation_target >= 0)) add("activation_target", "must be >= 0");
    if (s.max_replicas < 1) add("max_replicas", "must be >= 1");
    return;
  }
  if (s.kind == K::Aws) {
    if (s.aws_policies.empty() && s.aws_scheduled_actions.empty()) add("policies", "an AWS group needs at least one policy or scheduled action");
    for (std::size_t i = 0; i < s.aws_policies.size(); ++i) {
      const auto& p = s.aws_policies[i];
      const std::string f = "policies[" + std::to_string(i) + "]";
      if (p.instance_warmup_s < 0) add(f + ".instance_warmup_s", "must be >= 0 s");
      if (p.type == AwsPolicySpec::Type::TargetTracking) {
        if (!(p.target > 0) || !std::isfinite(p.target)) add(f + ".target", "must be > 0");
        continue;
      }
      if (p.type == AwsPolicySpec::Type::Predictive) {
        if (!(p.target > 0) || !std::isfinite(p.target)) add(f + ".target_requests_per_s_per_instance", "must be > 0");
        if (p.scheduling_buffer_s < 0 || p.scheduling_buffer_s > 3600) add(f + ".scheduling_buffer_s", "must be in [0, 3600] s");
        if (!(p.max_capacity_buffer_pct >= 0 && p.max_capacity_buffer_pct <= 100)) add(f + ".max_capacity_buffer_pct", "must be in [0, 100]");
        continue;
      }
      if (!std::isfinite(p.threshold)) add(f + ".threshold", "must be a finite number");
      if (p.evaluation_periods < 1) add(f + ".evaluation_periods", "must be >= 1");
      if (p.datapoints_to_alarm < 1 || p.datapoints_to_alarm > p.evaluation_periods)
        add(f + ".datapoints_to_alarm", "must be in [1, evaluation_periods]");
      if (p.type == AwsPolicySpec::Type::Step && p.steps.empty()) add(f + ".steps", "a step scaling policy needs at least one step");
      if (p.type == AwsPolicySpec::Type::Step) checkStepBounds(p.steps, f + ".steps", add);
      if (p.type == AwsPolicySpec::Type::Simple && p.cooldown_s < 0) add(f + ".cooldown_s", "must be >= 0 s");
    }
    for (std::size_t i = 0; i < s.aws_scheduled_actions.size(); ++i) {
      const auto& a = s.aws_scheduled_actions[i];
      const std::string f = "scheduled_actions[" + std::to_string(i) + "]";
      if (!a.min_size && !a.max_size && !a.desired_capacity) add(f, "sets nothing: give min_size, max_size or desired_capacity");
      if (!(a.at_s >= 0)) add(f + ".at_s", "must be >= 0 s");
      if (a.min_size && a.max_size && *a.min_size > *a.max_size) add(f + ".min_size", "must be <= max_size");
      if (a.cron) {
        // Five fields of digits, '*', ',', '-', '/' (the full grammar is checked when the run starts).
        int fields = 0;
        bool inField = false, badChar = false;
        for (char ch : *a.cron) {
          if (ch == ' ') {
            inField = false;
            continue;
          }
          if (!inField) ++fields;
          inField = true;
          if (!(std::isdigit(static_cast<unsigned char>(ch)) || ch == '*' || ch == ',' || ch == '-' || ch == '/')) badChar = true;
        }
        if (fields != 5 || badChar) add(f + ".cron", "must be 5 cron fields (minute hour day-of-month month day-of-week) of digits, * , - /");
      }
    }
    return;
  }
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
  for (const auto& [field, v] : {std::pair{"metrics_lag_s", s.metrics_lag_s},
                                 std::pair{"cpu_initialization_period_s", s.cpu_initialization_period_s},
                                 std::pair{"initial_readiness_delay_s", s.initial_readiness_delay_s}})
    if (!(v >= 0)) add(field, "must be >= 0 s");
  if (!(s.tolerance >= 0 && s.tolerance < 1)) add("tolerance", "must be in [0, 1)");
}

}  // namespace headroom::json_detail
