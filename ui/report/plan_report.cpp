#include "ui/report/plan_report.h"

#include <cmath>
#include <optional>

#include "simulator/health/health.h"  // formatAlertValue, formatLatency
#include "ui/report/scenario_assumptions.h"

namespace headroom::report {
namespace {

using json = nlohmann::json;
constexpr double kDay = 86400.0, kMonth = 30.0 * kDay;  // the planner's month (plan --months N = N x 30 days)
constexpr std::size_t kMaxAlertRows = 20;

std::optional<double> number(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_number()) return std::nullopt;
  return j[key].get<double>();
}
std::string text(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : std::string();
}
const json& member(const json& j, const char* key) {
  static const json empty;
  return j.is_object() && j.contains(key) ? j[key] : empty;
}

std::string fmt(const char* f, double x) { return formatNumber(f, x); }

void heading(ReportDocument& doc, const std::string& t) { doc.blocks.push_back({Block::Kind::Heading, t}); }
void paragraph(ReportDocument& doc, const std::string& t) { doc.blocks.push_back({Block::Kind::Paragraph, t}); }
void chart(ReportDocument& doc, ChartKind kind, const std::string& caption) {
  Block b{Block::Kind::Chart, caption};
  b.chart = kind;
  doc.blocks.push_back(b);
}

// "+8%/month" from the plan's forecast band (P50) or the scenario's growth curves when they all agree.
std::string growthPhrase(const Scenario& s, const json& plan) {
  if (auto p50 = number(member(member(plan, "band"), "growth_percent_per_month"), "p50"))
    return fmt("%+.3g%%/month", *p50) + " (forecast P50)";
  std::optional<double> monthly;
  std::string phrase;
  for (const Source& src : s.sources) {
    const RateCurve& r = src.rate;
    if (r.kind == RateCurve::Kind::Constant || r.isStationary()) continue;
    if (r.kind != RateCurve::Kind::Compound || !(r.growth_period_s > 0)) return {};
    const double m = std::pow(1.0 + r.growth_percent / 100.0, kMonth / r.growth_period_s) - 1.0;
    if (monthly && std::abs(*monthly - m) > 1e-9) return {};
    monthly = m;
    // Growth faster than monthly (a viral week) reads in the scenario's own period, not as +10^6 %/month.
    phrase = r.growth_period_s < 0.9 * kMonth ? fmt("%+.3g%%", r.growth_percent) + (std::abs(r.growth_period_s - kDay) < 1 ? std::string(" per day") : " every " + fmt("%.3g", r.growth_period_s / kDay) + " days")
                                              : fmt("%+.3g%%/month", m * 100);
  }
  return phrase;
}

// Wall-clock hour at a plan time, from the first source's calendar (t = 0 is start_hour).
std::string timeOfDay(const Scenario& s, double t_s) {
  const double start = s.sources.empty() ? 0.0 : s.sources.front().rate.start_hour;
  const double h = std::fmod(start + t_s / 3600.0, 24.0);
  const int hh = static_cast<int>(h), mm = static_cast<int>((h - hh) * 60);
  const char* part = hh >= 5 && hh < 12 ? "morning" : hh >= 12 && hh < 17 ? "afternoon" : hh >= 17 && hh < 22 ? "evening" : "night";
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d:%02d (%s)", hh, mm, part);
  return buf;
}

// "the 300 ms p99 SLO" from a breach condition "p99 0.41 s > 0.3 s"
std::string breachWhat(const json& plan) {
  const std::string c = text(plan, "slo_breach_condition");
  const json& slo = member(plan, "slo");
  if (c.rfind("p99", 0) == 0 && number(slo, "p99_s")) return "p99 breaks the " + fmt("%.4g ms", *number(slo, "p99_s") * 1e3) + " SLO";
  if (c.rfind("error", 0) == 0 && number(slo, "error_ratio")) return "errors break the " + fmt("%.3g%%", *number(slo, "error_ratio") * 100) + " SLO";
  return "the end-to-end SLO breaks";
}

std::string sloText(const json& slo) {
  std::string t;
  if (auto p = number(slo, "p99_s")) t += "p99 <= " + fmt("%.4g ms", *p * 1e3) + ", ";
  if (auto e = number(slo, "error_ratio")) t += "errors <= " + fmt("%.3g%%", *e * 100) + ", ";
  t += "utilization <= " + fmt("%.3g%%", number(slo, "utilization_threshold").value_or(0.8) * 100);
  return t + " (a breach counts once it lasts " + fmt("%.4g s", number(slo, "sustain_s").value_or(300)) + ")";
}

// Cents while the amounts are small, whole dollars (grouped) from $1,000: one precision for a whole line.
std::string usd(double x, bool cents) { return cents ? fmt("$%.2f", x) : formatUsd(x); }

const json* bandOf(const json& plan, const std::string& component) {
  for (const json& r : member(member(plan, "band"), "runways"))
    if (text(r, "component") == component) return &r;
  return nullptr;
}

std::string bandText(const json& r) {
  const json& b = member(r, "break_at_s");
  auto d = [&](const char* k) { auto v = number(b, k); return v ? fmt("%.1f", *v / kDay) : std::string("holds"); };
  return "day " + d("p10") + " – " + d("p90");
}

}  // namespace

std::string planDateText(double t_s) {
  // Months only help from the first month on; "month 0.2" is noise next to "day 6.7".
  return "day " + fmt("%.1f", t_s / kDay) + (t_s >= kMonth ? " (month " + fmt("%.1f", t_s / kMonth) + ")" : std::string());
}

std::string planVerdictSentence(const Scenario& s, const json& plan) {
  const double horizon = number(plan, "horizon_s").value_or(0);
  const std::string growth = growthPhrase(s, plan);
  const std::string first = text(plan, "first_to_break");
  std::string sentence;
  const json* firstRunway = nullptr;
  for (const json& r : member(plan, "runways"))
    if (text(r, "component") == first) firstRunway = &r;
  if (firstRunway && number(*firstRunway, "break_at_s")) {
    const double at = *number(*firstRunway, "break_at_s");
    sentence = first + " runs out of headroom first" + (at >= 2 * kMonth ? ", in about " + fmt("%.0f", at / kMonth) + " months," : std::string()) +
               " on day " + fmt("%.1f", at / kDay) + " (" + text(*firstRunway, "reason") + ")" + (growth.empty() ? "" : ", at " + growth);
  } else {
    sentence = "No component runs out of headroom within the " + fmt("%.0f", horizon / kDay) + "-day horizon" +
               (growth.empty() ? "" : " at " + growth);
  }
  if (auto breach = number(plan, "slo_breach_at_s"))
    sentence += "; " + breachWhat(plan) + " first on day " + fmt("%.1f", *breach / kDay) + ", around " + timeOfDay(s, *breach);
  else
    sentence += "; the end-to-end SLO holds over the horizon";
  if (plan.is_object() && plan.value("cancelled", false)) sentence += " (plan CANCELLED: partial)";
  return sentence + ".";
}

ReportDocument buildPlanReport(const ReportInput& in) {
  const PlanInput& p = *in.plan;
  const json& plan = p.plan;
  const Scenario& s = in.primary.scenario;
  ReportDocument doc;
  const std::string name = p.name.empty() ? s.name : p.name;
  doc.title = "Headroom capacity plan: " + (name.empty() ? std::string("untitled scenario") : name);
  doc.verdict = planVerdictSentence(s, plan);
  doc.stamp = "Headroom " + in.options.version + " · plan " + (p.name.empty() ? std::string("(not stored)") : "'" + p.name + "'") +
              " · scenario " + scenarioHash(s) + " · " + in.options.generated_utc;
  const double horizon = number(plan, "horizon_s").value_or(0);

  doc.blocks.push_back({Block::Kind::Title, doc.title});
  doc.blocks.push_back({Block::Kind::Subtitle, "Capacity plan over " + fmt("%.0f", horizon / kDay) + " days (" +
                                                   fmt("%.3g", horizon / kMonth) + " months) · " + p.origin + " · " + in.options.generated_utc});
  heading(doc, "Executive summary");
  doc.blocks.push_back({Block::Kind::Verdict, doc.verdict});
  if (!p.origin_warning.empty()) doc.blocks.push_back({Block::Kind::Note, "Warning: " + p.origin_warning + "."});
  paragraph(doc, "Judged against: " + sloText(member(plan, "slo")) + ". Source: " + p.slo_source + ".");

  // Runway table: every number also a Headline with the JSON path it came from.
  const bool hasBand = !member(member(plan, "band"), "runways").empty();
  Block t{Block::Kind::Table};
  t.table.columns = {"component", "breaks on", "req/s then", "binding reason", "scaling", "growth room"};
  if (hasBand) t.table.columns.insert(t.table.columns.begin() + 2, "band P10 – P90");
  t.table.numeric.assign(t.table.columns.size(), false);
  t.table.numeric[hasBand ? 3 : 2] = true;
  const json& runways = member(plan, "runways");
  for (std::size_t i = 0; i < runways.size(); ++i) {
    const json& r = runways[i];
    const std::string comp = text(r, "component");
    const auto at = number(r, "break_at_s");
    const auto offered = number(r, "offered_per_s_at_break");
    const std::string path = "runways[" + std::to_string(i) + "].";
    if (at) {
      Headline h{"runway of " + comp, path + "break_at_s", *at, 1.0 / kDay, 1, "", "", "", "", ""};
      h.text = formatHeadline(*at, 1.0 / kDay, 1, "");
      doc.headlines.push_back(h);
    }
    if (offered) {
      Headline h{"traffic at break of " + comp, path + "offered_per_s_at_break", *offered, 1.0, 1, "req/s", "", "", "", ""};
      h.text = formatHeadline(*offered, 1.0, 1, "req/s");
      doc.headlines.push_back(h);
    }
    const bool scales = r.value("scales_horizontally", false);
    const int cap = r.value("max_replicas", 0);
    const auto gf = number(r, "growth_factor");
    std::vector<std::string> row = {comp, at ? planDateText(*at) : "holds",
                                    offered ? formatHeadline(*offered, 1.0, 1, "") : "-",
                                    at ? text(r, "reason") : "-",
                                    !scales ? "fixed" : cap > 0 ? "to " + std::to_string(cap) + " replicas" : "unbounded",
                                    gf ? fmt("x%.3g", *gf) : "unbounded"};
    if (hasBand) {
      const json* b = bandOf(plan, comp);
      row.insert(row.begin() + 2, b ? bandText(*b) : "");
    }
    t.table.rows.push_back(std::move(row));
  }
  heading(doc, "Runway per component (most urgent first)");
  doc.blocks.push_back(t);
  if (hasBand) {
    const json& g = member(member(plan, "band"), "growth_percent_per_month");
    doc.blocks.push_back({Block::Kind::Note, "Band: break dates at the forecast's P90 / P10 traffic growth (" +
                                                 fmt("%+.3g", number(g, "p90").value_or(NAN)) + " / " + fmt("%+.3g", number(g, "p10").value_or(NAN)) +
                                                 " %/month, " + text(member(plan, "band"), "source") + "); \"holds\" = no break within the horizon."});
  }
  // Monthly cost now and at the horizon (planners that price the plan add cost_by_month).
  const json& months = member(plan, "cost_by_month");
  if (months.is_array() && !months.empty()) {
    const json& now = months.front();
    const json& last = months.back();
    const double nowUsd = number(now, "usd_per_month").value_or(NAN), lastUsd = number(last, "usd_per_month").value_or(NAN);
    const bool cents = std::max(std::abs(nowUsd), std::abs(lastUsd)) < 1000;
    auto money = [cents](double x) { return usd(x, cents); };
    doc.headlines.push_back({"monthly cost now", "cost_by_month[0].usd_per_month", nowUsd, 1, 2, "", money(nowUsd), "", "", ""});
    doc.headlines.push_back({"monthly cost at the horizon", "cost_by_month[" + std::to_string(months.size() - 1) + "].usd_per_month",
                             lastUsd, 1, 2, "", money(lastUsd), "", "", ""});
    // Billing months are 0-based in the plan JSON and counted from 1 in what people read (as `plan` prints them).
    auto monthOf = [](const json& m, std::size_t fallback) {
      const auto n = number(m, "month");
      return n ? fmt("%.0f", *n + 1) : std::to_string(fallback);
    };
    std::string line = "Monthly cost: " + money(nowUsd) + " now (month " + monthOf(now, 1) + ") and " + money(lastUsd) +
                       " at the horizon (month " + monthOf(last, months.size()) + ")";
    if (nowUsd > 0) line += ", " + fmt("%+.0f%%", (lastUsd / nowUsd - 1) * 100);
    const json& bandMonths = member(member(plan, "band"), "cost_by_month");
    if (bandMonths.is_array() && !bandMonths.empty()) {
      const json& b = member(bandMonths.back(), "usd_per_month");
      if (number(b, "p10") && number(b, "p90")) line += "; at the horizon P10 – P90 " + money(*number(b, "p10")) + " – " + money(*number(b, "p90"));
    }
    const json& cost = member(plan, "cost");
    line += ". Priced with catalog " + text(cost, "catalog_version") + " of " + text(cost, "catalog_date") + ".";
    paragraph(doc, line);
  } else {
    paragraph(doc, "Monthly cost: not in this plan (the scenario has no pricing block, or the plan was made without pricing).");
  }
  // Alerts that would fire.
  heading(doc, "Alerts that would fire");
  const json& alerts = member(plan, "alerts");
  if (alerts.empty()) {
    paragraph(doc, "None of the alert rules fires within the horizon.");
  } else {
    Block a{Block::Kind::Table};
    a.table.columns = {"first fires", "rule", "on", "value then"};
    a.table.numeric = {false, false, false, true};
    for (std::size_t i = 0; i < alerts.size() && i < kMaxAlertRows; ++i) {
      const json& x = alerts[i];
      const auto v = number(x, "value");
      a.table.rows.push_back({planDateText(number(x, "at_s").value_or(0)), text(x, "rule"),
                              text(x, "entity") == "end_to_end" ? "end to end" : text(x, "entity"),
                              v ? formatAlertValue(s, text(x, "rule"), *v) : "-"});
    }
    doc.blocks.push_back(a);
    if (alerts.size() > kMaxAlertRows)
      doc.blocks.push_back({Block::Kind::Note, std::to_string(alerts.size() - kMaxAlertRows) + " later alerts: headroom-cli plan ... --json."});
  }

  // Charts over the horizon.
  doc.blocks.push_back({Block::Kind::PageBreak});
  heading(doc, "Traffic, utilization, latency, replicas and cost over the horizon");
  chart(doc, ChartKind::PlanTraffic, std::string("Offered traffic (req/s, mean per timeline point)") +
                                         (member(plan, "band").contains("growth_percent_per_month") ? "; band: the forecast's P10 – P90 growth" : ""));
  chart(doc, ChartKind::PlanUtilization, "Worst-step utilization of the busiest components (%); dotted: the plan's utilization threshold");
  chart(doc, ChartKind::PlanP99, "End-to-end p99 (ms, worst step per point); dashed: p99 SLO; off-scale points are clipped at the top");
  chart(doc, ChartKind::PlanReplicas, "Replicas per component (most per timeline point), autoscalers applied at their own periods");
  if (months.is_array() && !months.empty()) chart(doc, ChartKind::PlanCost, "Monthly cost projection (USD per month), with the P10 – P90 band when the plan has one");

  const json& checks = member(plan, "checks");
  if (checks.is_array() && !checks.empty()) {
    heading(doc, "Request-level checks of chosen windows");
    Block c{Block::Kind::Table};
    c.table.columns = {"window", "why", "fluid p99", "request-level p99", "used"};
    c.table.numeric = {false, false, true, true, false};
    for (const json& x : checks) {
      const auto dp = number(x, "des_p99_s"), hw = number(x, "des_p99_half_width_s"), fp = number(x, "fluid_p99_s");
      c.table.rows.push_back({planDateText(number(x, "start_s").value_or(0)), text(x, "why"), fp ? fmt("%.4g ms", *fp * 1e3) : "-",
                              x.contains("error") ? text(x, "error") : dp ? fmt("%.4g", *dp * 1e3) + (hw ? fmt(" ± %.2g ms", *hw * 1e3) : " ms") : "-",
                              text(x, "used")});
    }
    doc.blocks.push_back(c);
  }
  heading(doc, "Where this plan is approximate");
  const json& warnings = member(plan, "trust_warnings");
  if (warnings.empty()) paragraph(doc, "The planner raised no warning for this scenario.");
  for (const json& w : warnings)
    if (w.is_string()) paragraph(doc, "• " + w.get<std::string>());
  heading(doc, "Method");
  paragraph(doc, "Fluid/analytic capacity plan (docs/planning.md): every component stepped every " +
                     fmt("%.4g s", number(plan, "step_s").value_or(60)) + " over " + fmt("%.0f", horizon / kDay) +
                     " days of the scenario's traffic curves, with its autoscalers applied at their own periods; the timeline keeps one "
                     "point per " + fmt("%.4g h", number(plan, "point_interval_s").value_or(3600) / 3600) +
                     ". A component's runway is the first time it breaks the SLO or its utilization threshold for the sustain time. "
                     "Between checks it is not a request-level simulation: the latency of a point is an analytic approximation (see the "
                     "warnings above)" +
                     (member(plan, "checks").is_array() && !member(plan, "checks").empty()
                          ? std::string("; the windows in \"Request-level checks\" were simulated request by request and their p99 replaces "
                                        "the fluid one where the two disagree beyond the confidence interval. ")
                          : std::string(". ")) +
                     "Dates are days from the start of the scenario (day 0); a plan month is 30 days, a billing month 730 hours.");
  heading(doc, "Assumptions log");
  Block log{Block::Kind::Table};
  log.table.columns = {"input", "value", "provenance", "source"};
  log.table.numeric = {false, false, false, false};
  log.table.rows.push_back({"plan: objectives", sloText(member(plan, "slo")), "user-entered or default", p.slo_source});
  log.table.rows.push_back({"plan: horizon", fmt("%.0f days", horizon / kDay), "user-entered", p.origin});
  for (const Assumption& a : in.primary.inputs) log.table.rows.push_back({a.input, a.value, provenanceLabel(a.provenance), a.source});
  doc.blocks.push_back(log);
  return doc;
}

}  // namespace headroom::report
