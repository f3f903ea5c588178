#include "simulator/planning/plan_io.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace headroom::planning {
namespace {

using ojson = nlohmann::ordered_json;

ojson num(double v) { return std::isfinite(v) ? ojson(v) : ojson(nullptr); }

std::string g(double v, const char* f = "%.4g") {
  if (!std::isfinite(v)) return "inf";
  char buf[48];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

}  // namespace

std::string dayLabel(double t_s) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "day %.2f", t_s / 86400.0);
  return buf;
}

ojson planToJson(const PlanResult& p) {
  ojson o;
  o["format"] = "headroom-plan";
  o["version"] = 1;
  o["scenario"] = p.scenario_name;
  o["horizon_s"] = p.horizon_s;
  o["step_s"] = p.step_s;
  o["point_interval_s"] = p.point_interval_s;
  o["cancelled"] = p.cancelled;
  o["wall_time_s"] = p.wall_time_s;
  ojson slo;
  if (p.slo.p99_s) slo["p99_s"] = *p.slo.p99_s;
  if (p.slo.error_ratio) slo["error_ratio"] = *p.slo.error_ratio;
  slo["utilization_threshold"] = p.slo.utilization_threshold;
  slo["sustain_s"] = p.slo.sustain_s;
  o["slo"] = slo;
  o["slo_breach_at_s"] = p.slo_breach_at_s ? ojson(*p.slo_breach_at_s) : ojson(nullptr);
  o["slo_breach_condition"] = p.slo_breach_condition;
  o["slo_violation_s"] = p.slo_violation_s;
  o["slo_violation_episodes"] = p.slo_violation_episodes;
  o["first_to_break"] = p.first_to_break;
  ojson runways = ojson::array();
  for (const Runway& r : p.runways) {
    ojson x;
    x["component"] = r.component;
    x["breaks"] = r.breaks;
    x["break_at_s"] = r.breaks ? ojson(r.break_at_s) : ojson(nullptr);
    x["offered_per_s_at_break"] = r.breaks ? ojson(r.offered_per_s_at_break) : ojson(nullptr);
    x["condition"] = r.condition;
    x["reason"] = bindingReasonName(r.reason);
    x["scales_horizontally"] = r.scales_horizontally;
    x["max_replicas"] = r.max_replicas;
    x["capacity_per_s"] = num(r.capacity_per_s);
    x["peak_offered_per_s"] = r.peak_offered_per_s;
    x["growth_factor"] = num(r.growth_factor);
    x["residual_capacity"] = num(r.residual_capacity);
    runways.push_back(std::move(x));
  }
  o["runways"] = std::move(runways);
  ojson alerts = ojson::array();
  for (const AlertFiring& a : p.alerts) alerts.push_back({{"rule", a.rule}, {"entity", a.entity}, {"at_s", a.at_s}, {"value", num(a.value)}});
  o["alerts"] = std::move(alerts);
  o["trust_warnings"] = p.trust_warnings;
  o["components"] = p.component_names;
  ojson tl = ojson::array();
  for (const TimelinePoint& t : p.timeline) {
    ojson x;
    x["start_s"] = t.start_s;
    x["end_to_end"] = {{"offered_per_s", t.end_to_end.offered_per_s},
                       {"response_mean_s", num(t.end_to_end.response_mean_s)},
                       {"response_p99_max_s", num(t.end_to_end.response_p99_max_s)},
                       {"error_ratio_max", t.end_to_end.error_ratio_max}};
    ojson cs = ojson::array();
    for (const ComponentPoint& c : t.components)
      cs.push_back({{"offered_per_s", c.offered_per_s},       {"utilization_mean", c.utilization_mean},
                    {"utilization_max", c.utilization_max},   {"queue_max", num(c.queue_max)},
                    {"response_mean_s", num(c.response_mean_s)}, {"response_p99_max_s", num(c.response_p99_max_s)},
                    {"errors_per_s", c.errors_per_s},         {"pool_utilization_max", c.pool_utilization_max},
                    {"replicas_min", c.replicas_min},         {"replicas_max", c.replicas_max}});
    x["components"] = std::move(cs);
    tl.push_back(std::move(x));
  }
  o["timeline"] = std::move(tl);
  return o;
}

std::string planToCsv(const PlanResult& p) {
  std::ostringstream s;
  s << "start_s,entity,offered_per_s,utilization_mean,utilization_max,queue_max,response_mean_s,response_p99_max_s,"
       "errors_per_s,error_ratio_max,pool_utilization_max,replicas_min,replicas_max\n";
  for (const TimelinePoint& t : p.timeline) {
    s << t.start_s << ",end_to_end," << t.end_to_end.offered_per_s << ",,,," << g(t.end_to_end.response_mean_s, "%.6g") << ","
      << g(t.end_to_end.response_p99_max_s, "%.6g") << ",," << t.end_to_end.error_ratio_max << ",,,\n";
    for (std::size_t i = 0; i < t.components.size(); ++i) {
      const ComponentPoint& c = t.components[i];
      s << t.start_s << "," << p.component_names[i] << "," << c.offered_per_s << "," << c.utilization_mean << ","
        << c.utilization_max << "," << g(c.queue_max, "%.6g") << "," << g(c.response_mean_s, "%.6g") << ","
        << g(c.response_p99_max_s, "%.6g") << "," << c.errors_per_s << ",," << c.pool_utilization_max << ","
        << c.replicas_min << "," << c.replicas_max << "\n";
    }
  }
  return s.str();
}

std::string planSummaryText(const PlanResult& p) {
  std::ostringstream s;
  s << "Plan of '" << p.scenario_name << "' over " << g(p.horizon_s / 86400.0) << " days (step " << g(p.step_s)
    << " s)";
  if (p.cancelled) s << " - CANCELLED";
  s << "\nSLO: utilization <= " << g(100 * p.slo.utilization_threshold) << "%";
  if (p.slo.p99_s) s << ", p99 <= " << g(*p.slo.p99_s * 1000) << " ms";
  if (p.slo.error_ratio) s << ", errors <= " << g(100 * *p.slo.error_ratio) << "%";
  s << " (sustained " << g(p.slo.sustain_s) << " s)\n";
  if (p.slo_breach_at_s)
    s << "End-to-end SLO first broken at " << dayLabel(*p.slo_breach_at_s) << ": " << p.slo_breach_condition << "\n";
  else
    s << "End-to-end SLO held over the horizon (sustained " << g(p.slo.sustain_s) << " s)\n";
  if (p.slo_violation_episodes > 0)
    s << "SLO violated " << p.slo_violation_episodes << " time(s), " << g(p.slo_violation_s / 60.0) << " minutes in all\n";
  s << "\nRunway (most urgent first)\n";
  char line[400];
  std::snprintf(line, sizeof line, "%-24s %-11s %-10s %-28s %-10s %-9s %-9s %s\n", "component", "breaks", "at req/s",
                "binding reason", "scales", "growth x", "residual", "condition");
  s << line;
  for (const Runway& r : p.runways) {
    std::snprintf(line, sizeof line, "%-24s %-11s %-10s %-28s %-10s %-9s %-9s %s\n", r.component.c_str(),
                  r.breaks ? dayLabel(r.break_at_s).c_str() : "-", r.breaks ? g(r.offered_per_s_at_break).c_str() : "-",
                  r.breaks ? bindingReasonName(r.reason) : "-",
                  !r.scales_horizontally ? "fixed" : r.max_replicas > 0 ? ("to " + std::to_string(r.max_replicas)).c_str() : "unbounded",
                  g(r.growth_factor, "%.3g").c_str(), (g(100 * r.residual_capacity, "%.3g") + "%").c_str(), r.condition.c_str());
    s << line;
  }
  if (!p.first_to_break.empty()) s << "First to break: " << p.first_to_break << "\n";
  if (!p.alerts.empty()) {
    s << "\nAlerts (first firing)\n";
    for (const AlertFiring& a : p.alerts) s << "  " << dayLabel(a.at_s) << "  " << a.rule << " on " << a.entity << " (" << g(a.value) << ")\n";
  }
  if (!p.trust_warnings.empty()) {
    s << "\nWhere this plan is approximate:\n";
    for (const std::string& w : p.trust_warnings) s << "  - " << w << "\n";
  }
  return s.str();
}

}  // namespace headroom::planning
