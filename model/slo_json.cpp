#include "model/slo_json.h"

#include <cmath>

#include "model/scenario.h"
#include "model/validation.h"

namespace headroom {

std::vector<AlertRuleSpec> defaultAlertRules() {
  using M = AlertRuleSpec::Metric;
  return {{"cpu_above_80pct_5min", M::CpuUtilization, 0.8, 300.0, ""},
          {"p99_up_20pct_in_5min", M::P99Increase, 0.2, 300.0, ""},
          {"avg_latency_above_200ms", M::LatencyMean, 0.2, 300.0, ""},
          {"errors_above_0.5pct_1min", M::ErrorRatio, 0.005, 60.0, ""},
          {"pool_above_90pct", M::PoolUtilization, 0.9, 300.0, ""},
          {"consumer_lag_above_1000", M::ConsumerLag, 1000.0, 300.0, ""}};
}

namespace {
constexpr std::pair<const char*, AlertRuleSpec::Metric> kMetricNames[] = {
    {"cpu_utilization", AlertRuleSpec::Metric::CpuUtilization}, {"p99_increase", AlertRuleSpec::Metric::P99Increase},
    {"latency_mean", AlertRuleSpec::Metric::LatencyMean},       {"error_ratio", AlertRuleSpec::Metric::ErrorRatio},
    {"pool_utilization", AlertRuleSpec::Metric::PoolUtilization}, {"consumer_lag", AlertRuleSpec::Metric::ConsumerLag}};
}  // namespace

const char* alertMetricName(AlertRuleSpec::Metric m) {
  for (const auto& [name, value] : kMetricNames)
    if (value == m) return name;
  return "?";
}

std::optional<AlertRuleSpec::Metric> alertMetricFromName(const std::string& name) {
  for (const auto& [n, value] : kMetricNames)
    if (name == n) return value;
  return std::nullopt;
}

}  // namespace headroom

namespace headroom::json_detail {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

SloSpec readSlo(const json& j, const JsonPath& path) {
  ObjectReader r(j, path, "slo");
  SloSpec s;
  s.p99_s = r.optionalDurationS("p99");
  if (r.has("error_ratio")) s.error_ratio = r.number("error_ratio");
  s.utilization_threshold = r.numberOr("utilization_threshold", s.utilization_threshold);
  s.sustain_s = r.numberOr("sustain_s", s.sustain_s);
  if (const json* alerts = r.optional("alerts")) {
    const JsonPath p = r.pathOf("alerts");
    const json& arr = requireArray(*alerts, p, "slo");
    for (std::size_t i = 0; i < arr.size(); ++i) {
      ObjectReader a(arr[i], p.index(i), "slo alert");
      AlertRuleSpec rule;
      rule.name = a.string("name");
      rule.metric = a.enumeration<AlertRuleSpec::Metric>(
          "metric", {kMetricNames[0], kMetricNames[1], kMetricNames[2], kMetricNames[3], kMetricNames[4], kMetricNames[5]});
      rule.threshold = a.number("threshold");
      rule.for_s = a.numberOr("for_s", rule.for_s);
      rule.component = a.stringOr("component", "");
      a.finish();
      s.alerts.push_back(rule);
    }
  }
  r.finish();
  return s;
}

ojson writeSlo(const SloSpec& s) {
  const SloSpec d;
  ojson o = ojson::object();
  if (s.p99_s) o["p99_s"] = *s.p99_s;
  if (s.error_ratio) o["error_ratio"] = *s.error_ratio;
  if (s.utilization_threshold != d.utilization_threshold) o["utilization_threshold"] = s.utilization_threshold;
  if (s.sustain_s != d.sustain_s) o["sustain_s"] = s.sustain_s;
  if (!s.alerts.empty()) {
    ojson arr = ojson::array();
    for (const AlertRuleSpec& a : s.alerts) {
      ojson x;
      x["name"] = a.name;
      x["metric"] = alertMetricName(a.metric);
      x["threshold"] = a.threshold;
      x["for_s"] = a.for_s;
      if (!a.component.empty()) x["component"] = a.component;
      arr.push_back(std::move(x));
    }
    o["alerts"] = std::move(arr);
  }
  return o;
}

void checkSlo(const Scenario& sc, std::vector<ValidationIssue>& issues) {
  if (!sc.slo) return;
  const SloSpec& s = *sc.slo;
  auto add = [&](const std::string& field, const std::string& rule) { issues.push_back({"slo", field, rule}); };
  if (s.p99_s && !(*s.p99_s > 0 && std::isfinite(*s.p99_s))) add("p99_s", "must be > 0");
  if (s.error_ratio && !(*s.error_ratio > 0 && *s.error_ratio < 1)) add("error_ratio", "must be in (0, 1)");
  if (!(s.utilization_threshold > 0 && s.utilization_threshold <= 1)) add("utilization_threshold", "must be in (0, 1]");
  if (!(s.sustain_s >= 0 && std::isfinite(s.sustain_s))) add("sustain_s", "must be >= 0");
  for (std::size_t i = 0; i < s.alerts.size(); ++i) {
    const AlertRuleSpec& a = s.alerts[i];
    const std::string f = "alerts[" + std::to_string(i) + "]";
    if (a.name.empty()) add(f + ".name", "must not be empty");
    if (!(a.threshold >= 0 && std::isfinite(a.threshold))) add(f + ".threshold", "must be >= 0");
    if (!(a.for_s >= 0 && std::isfinite(a.for_s))) add(f + ".for_s", "must be >= 0");
    if (!a.component.empty() && !sc.findComponent(a.component))
      add(f + ".component", "references unknown component '" + a.component + "'");
  }
}

}  // namespace headroom::json_detail
