#include "simulator/planning/plan_io.h"

#include <algorithm>
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
  ojson paths = ojson::object();
  for (std::size_t i = 0; i < p.replica_paths.size() && i < p.component_names.size(); ++i) {
    ojson steps = ojson::array();
    for (const ReplicaStep& r : p.replica_paths[i]) steps.push_back({r.at_s, r.replicas});
    paths[p.component_names[i]] = std::move(steps);
  }
  o["replica_paths"] = std::move(paths);  // [at_s, replicas] from at_s on (ready or starting: what is billed)
  if (p.cost) {
    const PlanCost& c = *p.cost;
    ojson cost;
    cost["catalog_version"] = c.catalog_version;
    cost["catalog_date"] = c.catalog_date;
    cost["priced_on"] = c.priced_on;
    cost["total_usd"] = c.total_usd;
    ojson np = ojson::array();
    for (const auto& [comp, why] : c.not_priced) np.push_back({{"component", comp}, {"why", why}});
    cost["not_priced"] = std::move(np);
    cost["warnings"] = c.warnings;
    cost["approximations"] = c.approximations;
    o["cost"] = std::move(cost);
    ojson months = ojson::array();
    for (const PlanMonthCost& m : c.months) {
      ojson x;
      x["month"] = m.month;
      x["start_s"] = m.start_s;
      x["end_s"] = m.end_s;
      x["partial"] = m.partial;
      x["usd"] = m.usd;
      x["usd_per_month"] = m.usd_per_month;
      x["requests"] = m.requests;
      x["usd_per_1k_requests"] = num(m.usd_per_1k_requests);
      ojson comps = ojson::object();
      for (const auto& [name, usd] : m.components) comps[name] = usd;
      x["components"] = std::move(comps);
      ojson lines = ojson::array();
      for (const PlanCostLine& l : m.lines)
        lines.push_back({{"component", l.component}, {"resource", l.resource}, {"sku", l.sku}, {"quantity", l.quantity},
                         {"unit", l.unit}, {"usd", l.usd}});
      x["lines"] = std::move(lines);
      months.push_back(std::move(x));
    }
    o["cost_by_month"] = std::move(months);
  }
  if (!p.checks.empty() || p.checks_wall_time_s > 0) {
    ojson checks = ojson::array();
    auto verdict = [](const std::optional<bool>& v) { return v ? ojson(*v) : ojson(nullptr); };
    for (const WindowCheck& c : p.checks) {
      ojson x{{"start_s", c.start_s},         {"duration_s", c.duration_s},   {"why", c.why},
              {"offered_per_s", c.offered_per_s}, {"fluid_p99_s", num(c.fluid_p99_s)}};
      if (c.error.empty()) {
        x["des_p99_s"] = num(c.des_p99_s);
        x["des_p99_half_width_s"] = num(c.des_p99_half_width_s);
        x["des_error_ratio"] = num(c.des_error_ratio);
        x["replications"] = c.replications;
        x["des_requests"] = c.des_requests;
        x["agree"] = c.agree;
        x["used"] = c.agree ? "fluid" : "request-level";
        x["fluid_meets_slo"] = verdict(c.fluid_meets_slo);
        x["des_meets_slo"] = verdict(c.des_meets_slo);
      } else {
        x["error"] = c.error;
      }
      x["wall_time_s"] = c.wall_time_s;
      checks.push_back(std::move(x));
    }
    o["checks"] = std::move(checks);
    o["check_notes"] = p.check_notes;
    o["checks_wall_time_s"] = p.checks_wall_time_s;
  }
  if (p.band) {
    const PlanBand& b = *p.band;
    auto opt = [](const std::optional<double>& v) { return v ? ojson(*v) : ojson(nullptr); };
    ojson band;
    band["growth_percent_per_month"] = {{"p10", b.growth.p10_percent_per_month},
                                        {"p50", b.growth.p50_percent_per_month},
                                        {"p90", b.growth.p90_percent_per_month}};
    band["source"] = b.growth.source;
    band["slo_breach_at_s"] = {{"p10", opt(b.slo_breach_at_s_p10)}, {"p50", opt(b.slo_breach_at_s_p50)}, {"p90", opt(b.slo_breach_at_s_p90)}};
    ojson rws = ojson::array();
    for (const RunwayBand& r : b.runways)
      rws.push_back({{"component", r.component},
                     {"break_at_s", {{"p10", opt(r.break_at_s_p10)}, {"p50", opt(r.break_at_s_p50)}, {"p90", opt(r.break_at_s_p90)}}},
                     {"reason", r.reason_p50}});
    band["runways"] = std::move(rws);
    ojson months = ojson::array();
    for (const MonthCostBand& m : b.cost_by_month)
      months.push_back({{"month", m.month},
                        {"partial", m.partial},
                        {"usd", {{"p10", m.usd_p10}, {"p50", m.usd_p50}, {"p90", m.usd_p90}}},
                        {"usd_per_month", {{"p10", m.usd_per_month_p10}, {"p50", m.usd_per_month_p50}, {"p90", m.usd_per_month_p90}}}});
    band["cost_by_month"] = std::move(months);
    o["band"] = std::move(band);
  }
  return o;
}

std::string planBandToCsv(const PlanResult& p) {
  std::ostringstream s;
  s << "kind,name,p10,p50,p90\n";
  if (!p.band) return s.str();
  auto v = [](const std::optional<double>& x) { return x ? g(*x, "%.10g") : std::string(); };
  const PlanBand& b = *p.band;
  s << "growth_percent_per_month,traffic," << g(b.growth.p10_percent_per_month, "%.10g") << ","
    << g(b.growth.p50_percent_per_month, "%.10g") << "," << g(b.growth.p90_percent_per_month, "%.10g") << "\n";
  s << "slo_breach_at_s,end_to_end," << v(b.slo_breach_at_s_p10) << "," << v(b.slo_breach_at_s_p50) << "," << v(b.slo_breach_at_s_p90) << "\n";
  for (const RunwayBand& r : b.runways)
    s << "break_at_s," << r.component << "," << v(r.break_at_s_p10) << "," << v(r.break_at_s_p50) << "," << v(r.break_at_s_p90) << "\n";
  for (const MonthCostBand& m : b.cost_by_month)
    s << "month_usd," << m.month << "," << g(m.usd_p10, "%.6f") << "," << g(m.usd_p50, "%.6f") << "," << g(m.usd_p90, "%.6f") << "\n";
  return s.str();
}

std::string planBandText(const PlanBand& b) {
  std::ostringstream s;
  auto day = [](const std::optional<double>& x) { return x ? dayLabel(*x) : std::string("-"); };
  s << "Forecast band (" << b.growth.source << "): growth " << g(b.growth.p10_percent_per_month, "%+.2f") << " / "
    << g(b.growth.p50_percent_per_month, "%+.2f") << " / " << g(b.growth.p90_percent_per_month, "%+.2f")
    << " % per month (P10 / P50 / P90)\n";
  s << "Break dates: P10 = early (P90 traffic), P90 = late (P10 traffic); - = holds over the horizon\n";
  char line[300];
  std::snprintf(line, sizeof line, "  %-24s %-11s %-11s %-11s %s\n", "component", "P10", "P50", "P90", "binding reason");
  s << line;
  std::snprintf(line, sizeof line, "  %-24s %-11s %-11s %-11s\n", "end-to-end SLO", day(b.slo_breach_at_s_p10).c_str(),
                day(b.slo_breach_at_s_p50).c_str(), day(b.slo_breach_at_s_p90).c_str());
  s << line;
  for (const RunwayBand& r : b.runways) {
    std::snprintf(line, sizeof line, "  %-24s %-11s %-11s %-11s %s\n", r.component.c_str(), day(r.break_at_s_p10).c_str(),
                  day(r.break_at_s_p50).c_str(), day(r.break_at_s_p90).c_str(), r.break_at_s_p10 ? r.reason_p50.c_str() : "");
    s << line;
  }
  if (!b.cost_by_month.empty()) {
    s << "Monthly cost band (usd_per_month, P10 / P50 / P90)\n";
    for (const MonthCostBand& m : b.cost_by_month) {
      std::snprintf(line, sizeof line, "  month %-4s %12s %12s %12s\n", (std::to_string(m.month + 1) + (m.partial ? "*" : "")).c_str(),
                    g(m.usd_per_month_p10, "%.2f").c_str(), g(m.usd_per_month_p50, "%.2f").c_str(), g(m.usd_per_month_p90, "%.2f").c_str());
      s << line;
    }
  }
  return s.str();
}

std::string planCostToCsv(const PlanResult& p) {
  std::ostringstream s;
  s << "month,start_s,end_s,partial,component,resource,sku,quantity,unit,usd,usd_per_month,requests,usd_per_1k_requests\n";
  if (!p.cost) return s.str();
  for (const PlanMonthCost& m : p.cost->months) {
    const double scale = m.usd > 0 ? m.usd_per_month / m.usd : 0.0;
    for (const PlanCostLine& l : m.lines)
      s << m.month << "," << m.start_s << "," << m.end_s << "," << (m.partial ? 1 : 0) << "," << l.component << ","
        << l.resource << "," << l.sku << "," << g(l.quantity, "%.10g") << "," << l.unit << "," << g(l.usd, "%.6f") << ","
        << g(l.usd * scale, "%.6f") << ",,\n";
    s << m.month << "," << m.start_s << "," << m.end_s << "," << (m.partial ? 1 : 0) << ",total,,,,," << g(m.usd, "%.6f")
      << "," << g(m.usd_per_month, "%.6f") << "," << g(m.requests, "%.10g") << ","
      << (std::isfinite(m.usd_per_1k_requests) ? g(m.usd_per_1k_requests, "%.6f") : std::string()) << "\n";
  }
  return s.str();
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

std::string planChecksText(const PlanResult& p) {
  std::ostringstream s;
  s << "Request-level checks (" << p.checks.size() << " windows, " << g(p.checks_wall_time_s, "%.2f")
    << " s; the fluid pass took " << g(p.wall_time_s, "%.2f") << " s)\n";
  char line[320];
  std::snprintf(line, sizeof line, "  %-11s %-30s %9s %10s %20s %s\n", "window", "why", "req/s", "fluid p99", "request-level p99", "verdict");
  s << line;
  for (const WindowCheck& c : p.checks) {
    if (!c.error.empty()) {
      std::snprintf(line, sizeof line, "  %-11s %-30s not simulated: %s\n", dayLabel(c.start_s).c_str(), c.why.c_str(), c.error.c_str());
      s << line;
      continue;
    }
    const std::string des = g(c.des_p99_s * 1000, "%.4g") + " +- " + g(c.des_p99_half_width_s * 1000, "%.2g") + " ms";
    std::string verdict = c.agree ? "agree" : "DISAGREE: request-level used";
    if (c.des_meets_slo) verdict += *c.des_meets_slo ? ", meets SLO" : ", breaks SLO";
    std::snprintf(line, sizeof line, "  %-11s %-30s %9s %10s %20s %s\n", dayLabel(c.start_s).c_str(), c.why.substr(0, 30).c_str(),
                  g(c.offered_per_s).c_str(), (g(c.fluid_p99_s * 1000, "%.4g") + " ms").c_str(), des.c_str(), verdict.c_str());
    s << line;
  }
  for (const std::string& n : p.check_notes) s << "  note: " << n << "\n";
  return s.str();
}

std::string planCostText(const PlanCost& c) {
  std::ostringstream s;
  s << "Cost along the plan (catalog " << c.catalog_version << ", 730 h billing months)\n";
  // Components as columns, in the first month's bill order.
  std::vector<std::string> names;
  for (const PlanMonthCost& m : c.months)
    for (const auto& [name, usd] : m.components)
      if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  char line[128];
  std::snprintf(line, sizeof line, "  %-9s %12s %14s %10s", "month", "usd", "usd_per_month", "per 1k req");
  s << line;
  for (const std::string& n : names) s << "  " << n;
  s << "\n";
  for (const PlanMonthCost& m : c.months) {
    std::snprintf(line, sizeof line, "  %-9s %12s %14s %10s", (std::to_string(m.month + 1) + (m.partial ? "*" : "")).c_str(),
                  g(m.usd, "%.2f").c_str(), g(m.usd_per_month, "%.2f").c_str(),
                  std::isfinite(m.usd_per_1k_requests) ? g(m.usd_per_1k_requests, "%.4f").c_str() : "-");
    s << line;
    for (const std::string& n : names) {
      double usd = 0.0;
      for (const auto& [name, v] : m.components)
        if (name == n) usd = v;
      s << "  " << g(usd, "%.2f");
    }
    s << "\n";
  }
  s << "  total " << g(c.total_usd, "%.2f") << " USD";
  if (!c.months.empty() && c.months.back().partial) s << " (* partial month: usd_per_month scales it to 730 h)";
  s << "\n";
  for (const auto& [comp, why] : c.not_priced) s << "  not priced: " << comp << " (" << why << ")\n";
  for (const std::string& w : c.warnings) s << "  warning: " << w << "\n";
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
  if (!p.checks.empty()) s << "\n" << planChecksText(p);
  if (p.cost) s << "\n" << planCostText(*p.cost);
  if (p.band) s << "\n" << planBandText(*p.band);
  if (!p.trust_warnings.empty()) {
    s << "\nWhere this plan is approximate:\n";
    for (const std::string& w : p.trust_warnings) s << "  - " << w << "\n";
  }
  return s.str();
}

}  // namespace headroom::planning
