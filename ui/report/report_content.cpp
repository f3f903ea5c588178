#include "ui/report/report_content.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "model/scenario_json.h"
#include "simulator/health/bottleneck.h"
#include "simulator/scenario_hash.h"
#include "ui/report/plan_report.h"

namespace headroom::report {

std::string scenarioHash(const Scenario& scenario) { return scenarioHashHex(scenario); }

void sloFromScenario(const Scenario& scenario, ReportOptions& o) {
  const HealthTargets t = healthTargetsFor(scenario);
  const bool p99InBlock = scenario.slo && scenario.slo->p99_s;
  const bool errorsInBlock = scenario.slo && scenario.slo->error_ratio;
  if (o.slo_p99_provenance != Provenance::UserEntered) {
    o.slo_p99_ms = t.p99_s * 1e3;
    o.slo_p99_provenance = p99InBlock ? Provenance::UserEntered : Provenance::Default;
    o.slo_p99_source = p99InBlock ? "scenario slo block" : scenario.slo ? "health library default; the slo block sets no p99" : "health library default; no slo block";
  }
  if (o.slo_error_provenance != Provenance::UserEntered) {
    o.slo_error_ratio = t.error_ratio;
    o.slo_error_provenance = errorsInBlock ? Provenance::UserEntered : Provenance::Default;
    o.slo_error_source = errorsInBlock ? "scenario slo block" : scenario.slo ? "health library default; the slo block sets no error ratio" : "health library default; no slo block";
  }
}

std::string formatNumber(const char* format, double x) {
  char buf[128];
  std::snprintf(buf, sizeof buf, format, x);
  return buf;
}

std::string formatUsd(double x) {
  const long long whole = std::llround(std::abs(x));
  std::string digits = std::to_string(whole);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) digits.insert(static_cast<std::size_t>(i), ",");
  return (x < 0 ? "-$" : "$") + digits;
}

std::string formatHeadline(double value, double scale, int decimals, const std::string& unit) {
  if (!std::isfinite(value)) return "n/a";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, value * scale);
  return unit.empty() ? std::string(buf) : std::string(buf) + (unit == "%" ? "%" : " " + unit);
}

namespace {

Headline makeHeadline(std::string label, std::string path, const Estimate& e, double scale, int decimals, std::string unit) {
  Headline h;
  h.label = std::move(label);
  h.json_path = std::move(path);
  h.value = e.mean;
  h.scale = scale;
  h.decimals = decimals;
  h.unit = std::move(unit);
  h.text = formatHeadline(e.mean, scale, decimals, h.unit);
  if (std::isfinite(e.half_width)) h.ci_text = "± " + formatHeadline(e.half_width, scale, decimals, "");
  return h;
}

int componentIndex(const RunResult& run, const std::string& name) {
  for (std::size_t i = 0; i < run.components.size(); ++i)
    if (run.components[i].name == name) return static_cast<int>(i);
  return -1;
}

}  // namespace

std::vector<Headline> headlines(const ReportInput& in) {
  const RunResult& run = in.primary.run;
  const ReportOptions& o = in.options;
  std::vector<Headline> out;
  const EndToEndResult* e = run.endToEnd();
  if (e) {
    const std::string base = "end_to_end[0].";
    Headline p99 = makeHeadline("p99 response (end to end)", base + "response.p99_s.mean", e->response.quantile_s[3], 1e3, 1, "ms");
    p99.target = "<= " + formatHeadline(o.slo_p99_ms, 1.0, 0, "ms");
    p99.status = std::isfinite(p99.value) ? (p99.value * 1e3 <= o.slo_p99_ms ? "meets" : "misses") : "";
    out.push_back(p99);
    out.push_back(makeHeadline("p95 response", base + "response.p95_s.mean", e->response.quantile_s[2], 1e3, 1, "ms"));
    out.push_back(makeHeadline("p50 response", base + "response.p50_s.mean", e->response.quantile_s[0], 1e3, 1, "ms"));
    out.push_back(makeHeadline("mean response", base + "response.mean_s.mean", e->response.mean_s, 1e3, 1, "ms"));
    Headline err = makeHeadline("error ratio", base + "error_ratio.mean", e->error_ratio, 100.0, 2, "%");
    err.target = "<= " + formatHeadline(o.slo_error_ratio, 100.0, 2, "%");
    err.status = std::isfinite(err.value) ? (err.value <= o.slo_error_ratio ? "meets" : "misses") : "";
    out.push_back(err);
    out.push_back(makeHeadline("goodput", base + "throughput_per_s.mean", e->throughput_per_s, 1.0, 2, "req/s"));
    out.push_back(makeHeadline("offered load", base + "arrival_rate_per_s.mean", e->arrival_rate_per_s, 1.0, 2, "req/s"));
  }
  const BottleneckVerdict v = findBottleneck(loadsFromRun(in.primary.scenario, run));
  if (v.index >= 0) {
    const std::string name = in.primary.scenario.components[static_cast<std::size_t>(v.index)].name;
    const int i = componentIndex(run, name);
    if (i >= 0) {
      Headline u = makeHeadline("utilization of " + name + (v.saturated ? " (bottleneck)" : " (busiest)"),
                                "components[" + std::to_string(i) + "].utilization.mean", run.components[static_cast<std::size_t>(i)].utilization,
                                100.0, 1, "%");
      u.target = "< " + formatHeadline(kSaturatedUtilization, 100.0, 0, "%");
      u.status = v.saturated ? "misses" : "meets";
      out.push_back(u);
    }
  }
  return out;
}

std::string verdictSentence(const ReportInput& in, const std::vector<Headline>& hs) {
  const Scenario& s = in.primary.scenario;
  auto find = [&hs](const std::string& prefix) -> const Headline* {
    for (const Headline& h : hs)
      if (h.label.rfind(prefix, 0) == 0) return &h;
    return nullptr;
  };
  const Headline* p99 = find("p99");
  const Headline* err = find("error ratio");
  const Headline* util = find("utilization of");
  std::string sentence = s.name.empty() ? "The system" : s.name;
  if (!p99 || !err) return sentence + " finished no requests in this run: nothing to judge.";
  const bool meets = p99->status == "meets" && err->status == "meets";
  sentence += meets ? " meets its SLO" : " misses its SLO";
  sentence += " (p99 " + p99->text + (p99->status == "meets" ? " within " : " above ") + formatHeadline(in.options.slo_p99_ms, 1.0, 0, "ms") +
              ", errors " + err->text + (err->status == "meets" ? " within " : " above ") +
              formatHeadline(in.options.slo_error_ratio, 100.0, 2, "%") + ")";
  const BottleneckVerdict v = findBottleneck(loadsFromRun(s, in.primary.run));
  if (util && v.index >= 0) {
    const std::string& name = s.components[static_cast<std::size_t>(v.index)].name;
    if (v.saturated) {
      sentence += "; " + name + " saturates (" + v.label() + ", " + util->text + " utilization)";
    } else if (std::isfinite(v.utilization) && v.utilization > 0) {
      // Utilization grows about in proportion to traffic: the margin to the saturation threshold.
      const double growth = kSaturatedUtilization / v.utilization - 1.0;
      sentence += "; " + name + " is the busiest component at " + util->text + " and reaches " +
                  formatHeadline(kSaturatedUtilization, 100.0, 0, "%") + " at about +" + formatHeadline(growth, 100.0, 0, "%") +
                  " traffic";
    }
  }
  return sentence + ".";
}

void appendSummary(const ReportInput& in, ReportDocument& doc) {
  doc.blocks.push_back({Block::Kind::Title, doc.title});
  doc.blocks.push_back({Block::Kind::Subtitle, "Capacity report · " + in.primary.origin + " · " + in.options.generated_utc});
  doc.blocks.push_back({Block::Kind::Heading, "Executive summary"});
  doc.blocks.push_back({Block::Kind::Verdict, doc.verdict});
  Block kpis{Block::Kind::Table};
  kpis.table.columns = {"key figure", "value", "95% CI", "target (SLO)", "status"};
  kpis.table.numeric = {false, true, true, false, false};
  for (const Headline& h : doc.headlines) kpis.table.rows.push_back({h.label, h.text, h.ci_text, h.target, h.status});
  doc.blocks.push_back(kpis);
  for (const ExtraSection& x : in.extra_sections)
    for (const std::string& line : x.headline) doc.blocks.push_back({Block::Kind::Paragraph, x.title + ": " + line});
  if (in.comparison) {
    const EndToEndResult* a = in.primary.run.endToEnd();
    const EndToEndResult* b = in.comparison->run.endToEnd();
    if (a && b)
      doc.blocks.push_back({Block::Kind::Paragraph,
                            "Variant " + in.comparison->label + ": p99 " + formatHeadline(b->response.quantile_s[3].mean, 1e3, 1, "ms") +
                                " against " + formatHeadline(a->response.quantile_s[3].mean, 1e3, 1, "ms") + " here (see Scenario comparison)."});
  }
  doc.blocks.push_back({Block::Kind::Note, "Figures are means over " + std::to_string(in.primary.run.replications) +
                                               " independent replications with 95% confidence intervals. " + sloUsedSentence(in.options) +
                                               " SLO targets and the business-impact inputs are assumptions listed in the assumptions log."});
}

std::string sloUsedSentence(const ReportOptions& o) {
  auto from = [](const std::string& source) { return source.empty() ? std::string("built-in default") : source; };
  return "SLO used: p99 <= " + formatNumber("%.4g ms", o.slo_p99_ms) + " (" + from(o.slo_p99_source) + "), errors <= " +
         formatNumber("%.3g%%", o.slo_error_ratio * 100) + " (" + from(o.slo_error_source) + ").";
}

ReportDocument buildReport(const ReportInput& in) {
  if (in.plan) return buildPlanReport(in);
  ReportDocument doc;
  const Scenario& s = in.primary.scenario;
  doc.title = "Headroom capacity report: " + (s.name.empty() ? std::string("untitled scenario") : s.name);
  doc.headlines = headlines(in);
  doc.verdict = verdictSentence(in, doc.headlines);
  doc.stamp = "Headroom " + in.options.version + " · seed " + std::to_string(in.primary.run.seed) + " · scenario " +
              scenarioHash(s) + " · " + in.options.generated_utc;
  // Page 1: summary and bottleneck; then plan/cost sections, charts, comparison, impact, method, assumptions.
  appendSummary(in, doc);
  appendBottleneck(in, doc);
  appendExtraSections(in, doc);
  appendCharts(in, doc);
  appendComparison(in, doc);
  appendBusinessImpact(in, doc);
  appendMethod(in, doc);
  appendAssumptions(in, doc);
  return doc;
}

}  // namespace headroom::report
