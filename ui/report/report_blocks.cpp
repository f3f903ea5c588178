// The report's sections after the summary: charts, bottleneck, comparison, business impact, plan/cost
// sections contributed by other engines, method and confidence, assumptions log.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "simulator/analytic/comparison.h"
#include "simulator/analytic/scenario_analysis.h"
#include "simulator/health/bottleneck.h"
#include "ui/kpi_rows.h"
#include "ui/report/report_content.h"
#include "ui/report/scenario_assumptions.h"

namespace headroom::report {
namespace {

std::string fmt(const char* format, double x) { return formatNumber(format, x); }

std::string usd(double x) { return formatUsd(x); }

std::string estimateText(const Estimate& e, double scale, int decimals, const std::string& unit) {
  std::string s = formatHeadline(e.mean, scale, decimals, unit);
  if (std::isfinite(e.half_width) && std::isfinite(e.mean)) s += " ± " + formatHeadline(e.half_width, scale, decimals, "");
  return s;
}

void heading(ReportDocument& doc, const std::string& text) { doc.blocks.push_back({Block::Kind::Heading, text}); }
void paragraph(ReportDocument& doc, const std::string& text) { doc.blocks.push_back({Block::Kind::Paragraph, text}); }

// Replica counts that changed during the run (an autoscaler or a fault acted): worth a chart.
bool replicasMove(const RunResult& run) {
  for (const SeriesResult& s : run.series) {
    if (s.kpi != "replicas" || s.mean.empty()) continue;
    const auto [lo, hi] = std::minmax_element(s.mean.begin(), s.mean.end());
    if (*hi - *lo > 1e-9) return true;
  }
  return false;
}

std::string constantReplicas(const Scenario& s) {
  std::string text;
  for (const Component& c : s.components) {
    if (c.type == Component::Type::Delay) continue;
    text += (text.empty() ? "" : ", ") + c.name + " " + std::to_string(c.replicas);
  }
  return text;
}

}  // namespace

void appendCharts(const ReportInput& in, ReportDocument& doc) {
  doc.blocks.push_back({Block::Kind::PageBreak});
  heading(doc, "Traffic, latency and utilization over time");
  const int variants = in.comparison ? 2 : 1;
  for (int v = 0; v < variants; ++v) {
    const RunVariant& rv = v == 0 ? in.primary : *in.comparison;
    const std::string who = variants > 1 ? " — " + rv.label : std::string();
    auto chart = [&](ChartKind kind, const std::string& caption) {
      Block b{Block::Kind::Chart, caption + who};
      b.chart = kind;
      b.variant = v;
      doc.blocks.push_back(b);
    };
    chart(ChartKind::Traffic, "Offered load and goodput (req/s), mean over replications with 95% band");
    chart(ChartKind::Latency, "End-to-end response percentiles (ms) with 95% bands; dashed: p99 SLO");
    chart(ChartKind::Utilization, "Utilization of the busiest components (%); dotted: saturation threshold");
    if (replicasMove(rv.run)) chart(ChartKind::Replicas, "Serving replicas per component (time-averaged per window)");
    else paragraph(doc, "Replicas did not change during the run" + who + " (no autoscaler or fault acted): " + constantReplicas(rv.scenario) + ".");
  }
}

void appendBottleneck(const ReportInput& in, ReportDocument& doc) {
  const Scenario& s = in.primary.scenario;
  const RunResult& run = in.primary.run;
  const std::vector<ComponentLoad> loads = loadsFromRun(s, run);
  const BottleneckVerdict v = findBottleneck(loads);
  heading(doc, "Bottleneck");
  if (v.index < 0) {
    paragraph(doc, "No component has finite capacity: nothing can saturate.");
    return;
  }
  const std::string& name = s.components[static_cast<std::size_t>(v.index)].name;
  if (v.saturated && v.reason == BottleneckReason::QueueFull)
    paragraph(doc, name + " is the bottleneck: its queue is full and it rejects " + fmt("%.2f%%", v.rejection_ratio * 100) +
                       " of the requests that reach it. Requests it refuses fail end to end.");
  else if (v.saturated)
    paragraph(doc, name + " is the bottleneck: its workers are busy " + fmt("%.1f%%", v.utilization * 100) +
                       " of the time (at or above the " + fmt("%.0f%%", kSaturatedUtilization * 100) +
                       " saturation threshold), so requests queue there and response times grow quickly with more traffic.");
  else
    paragraph(doc, "Nothing saturates. " + name + " is the busiest component at " + fmt("%.1f%%", v.utilization * 100) +
                       " utilization; it is the first to saturate if traffic grows evenly (about +" +
                       fmt("%.0f%%", (kSaturatedUtilization / v.utilization - 1.0) * 100) + " traffic, assuming utilization grows in proportion).");
  paragraph(doc, "Rule: a component is saturated when its utilization is at least " + fmt("%.0f%%", kSaturatedUtilization * 100) +
                     " or it rejects requests. Among saturated components the one with the highest utilization from its own "
                     "work wins: a caller holds its workers while it waits for a slow callee, so its measured utilization can "
                     "exceed the callee's although the callee is the cause.");
  Block t{Block::Kind::Table};
  t.table.columns = {"component", "utilization", "own work", "rejected", "mean wait", "p99 response"};
  t.table.numeric = {false, true, true, true, true, true};
  std::vector<std::size_t> order(loads.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto util = [&loads](std::size_t i) { return std::isfinite(loads[i].utilization) ? loads[i].utilization : -1.0; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return util(a) > util(b); });
  for (std::size_t i : order) {
    const ComponentResult* c = run.component(loads[i].name);
    if (!c || loads[i].infinite_server) continue;
    t.table.rows.push_back({loads[i].name, estimateText(c->utilization, 100, 1, "%"),
                            formatHeadline(loads[i].own_work_utilization, 100, 1, "%"), formatHeadline(loads[i].rejection_ratio, 100, 2, "%"),
                            formatHeadline(c->waiting.mean_s.mean, 1e3, 1, "ms"), formatHeadline(c->response.quantile_s[3].mean, 1e3, 1, "ms")});
  }
  doc.blocks.push_back(t);
}

void appendComparison(const ReportInput& in, ReportDocument& doc) {
  heading(doc, "Scenario comparison");
  if (!in.comparison) {
    paragraph(doc, "No variant was given. Compare two designs with `headroom-cli report A.json --compare B.json` "
                   "(or a stored run with --compare-run ID); the report then shows both side by side.");
    return;
  }
  const RunVariant& a = in.primary;
  const RunVariant& b = *in.comparison;
  paragraph(doc, "A = " + a.label + " (" + a.origin + "), B = " + b.label + " (" + b.origin +
                     "). A change is marked significant when the two 95% confidence intervals do not overlap.");
  Block t{Block::Kind::Table};
  t.table.columns = {"entity", "KPI", "A", "B", "change", "significant"};
  t.table.numeric = {false, false, true, true, true, false};
  for (const KpiDelta& d : compareRuns(a.run, b.run)) {
    const KpiRow& r = d.current;
    const bool endToEnd = r.entity == "end_to_end";
    const bool keyComponentKpi = r.kpi == "utilization" || r.kpi == "response_p99_s";
    if (!endToEnd && !keyComponentKpi) continue;
    const int decimals = r.unit == "%" ? 2 : 1;
    const std::string change = std::isfinite(d.relative) ? fmt("%+.1f%%", d.relative * 100) : formatHeadline(d.delta, 1, decimals, r.unit);
    t.table.rows.push_back({endToEnd ? "end to end" : r.entity, r.label, formatHeadline(d.previous.mean, r.scale, decimals, r.unit),
                            formatHeadline(r.value.mean, r.scale, decimals, r.unit), change, d.significant ? "yes" : "no"});
  }
  // Components only A has (B removed or renamed them): say so rather than leave them out silently.
  for (const ComponentResult& c : a.run.components)
    if (!b.run.component(c.name))
      t.table.rows.push_back({c.name, "utilization", formatHeadline(c.utilization.mean, 100, 2, "%"), "absent in B", "", ""});
  doc.blocks.push_back(t);
}

void appendBusinessImpact(const ReportInput& in, ReportDocument& doc) {
  const ReportOptions& o = in.options;
  heading(doc, "Business impact (assumption — edit it)");
  doc.blocks.push_back({Block::Kind::Note,
                        "ASSUMPTION, not a measurement: conversion falls by " + fmt("%.3g%%", o.conversion_loss_per_100ms * 100) +
                            " for every +100 ms of mean response time (the often-cited \"+100 ms ≈ −7% conversion\"), applied "
                            "linearly to " + usd(o.revenue_per_month_usd) +
                            " of revenue per month through this system. Change both with --revenue-per-month and "
                            "--conversion-loss-per-100ms."});
  const double perMs = o.revenue_per_month_usd * o.conversion_loss_per_100ms / 100.0;
  Block t{Block::Kind::Table};
  t.table.columns = {"latency change (mean response)", "revenue at risk per month"};
  t.table.numeric = {false, true};
  if (in.comparison) {
    const EndToEndResult* a = in.primary.run.endToEnd();
    const EndToEndResult* b = in.comparison->run.endToEnd();
    if (a && b && std::isfinite(a->response.mean_s.mean) && std::isfinite(b->response.mean_s.mean)) {
      const double delta_ms = (b->response.mean_s.mean - a->response.mean_s.mean) * 1e3;
      const double risk = delta_ms * perMs;
      paragraph(doc, "Going from A to B changes the mean response time by " + fmt("%+.1f ms", delta_ms) + ": " +
                         (risk >= 0 ? usd(risk) + " of revenue at risk per month." : usd(-risk) + " per month of revenue gained."));
      t.table.rows.push_back({"A → B: " + fmt("%+.1f ms", delta_ms), usd(risk)});
    }
  }
  for (double step : {10.0, 50.0, 100.0, 250.0}) t.table.rows.push_back({fmt("+%.0f ms", step), usd(step * perMs)});
  doc.blocks.push_back(t);
}

void appendExtraSections(const ReportInput& in, ReportDocument& doc) {
  for (const ExtraSection& x : in.extra_sections) {
    heading(doc, x.title);
    for (const std::string& p : x.paragraphs) paragraph(doc, p);
    if (!x.columns.empty()) {
      Block t{Block::Kind::Table};
      t.table.columns = x.columns;
      t.table.rows = x.rows;
      t.table.numeric.assign(x.columns.size(), false);
      doc.blocks.push_back(t);
    }
  }
}

void appendMethod(const ReportInput& in, ReportDocument& doc) {
  const RunResult& run = in.primary.run;
  heading(doc, "Method and confidence");
  paragraph(doc, "Discrete-event simulation of the scenario: " + std::to_string(run.replications) + " independent replications of " +
                     fmt("%.6g s", run.horizon_s) + " simulated time each (the first " + fmt("%.6g s", run.warmup_s) +
                     " discarded as warm-up), base seed " + std::to_string(run.seed) + ", stopped by " +
                     (run.stop_reason.empty() ? std::string("horizon") : run.stop_reason) + ". Every figure is the mean across "
                     "replications with a 95% Student-t confidence interval; the same seed reproduces the same numbers on any "
                     "machine and thread count.");
  if (const EndToEndResult* e = run.endToEnd()) {
    const Estimate& p99 = e->response.quantile_s[3];
    if (std::isfinite(p99.half_width) && p99.mean > 0)
      paragraph(doc, "Precision: the p99 response time is known to within " + fmt("±%.1f%%", 100 * p99.half_width / p99.mean) +
                         " and the mean to within " + fmt("±%.1f%%", 100 * e->response.mean_s.relativeHalfWidth()) +
                         " (95% confidence). More replications narrow these bands.");
    else
      paragraph(doc, "Precision: a single replication gives no confidence interval; run at least two.");
  }
  const AnalyticReport analytic = analyzeScenario(in.primary.scenario);
  if (!analytic.applicable()) {
    std::string why = analytic.not_applicable.empty() ? std::string("no KPI to compare") : analytic.not_applicable.front();
    paragraph(doc, "Analytic cross-check: not applicable — " + why +
                       (analytic.not_applicable.size() > 1 ? " (and " + std::to_string(analytic.not_applicable.size() - 1) + " more reasons)" : "") +
                       ". The simulation is the only estimate here.");
    return;
  }
  const auto rows = compareWithSimulation(analytic, run);
  const auto outside = outsideConfidenceInterval(rows);
  paragraph(doc, "Analytic cross-check (" + analytic.model + "): " + std::to_string(rows.size() - outside.size()) + " of " +
                     std::to_string(rows.size()) + " KPIs agree with the exact queueing formulas within the simulation's 95% "
                     "confidence interval (about 1 in 20 may miss by chance).");
  Block t{Block::Kind::Table};
  t.table.columns = {"entity", "KPI", "analytic", "simulated", "± (95%)", "check"};
  t.table.numeric = {false, false, true, true, true, false};
  for (std::size_t i = 0; i < rows.size() && i < 16; ++i) {
    const KpiComparison& r = rows[i];
    t.table.rows.push_back({r.entity, r.kpi, fmt("%.5g", r.analytic), fmt("%.5g", r.simulated_mean), fmt("%.3g", r.half_width),
                            r.within_ci ? "ok" : (std::isfinite(r.half_width) ? "outside CI" : "no CI")});
  }
  doc.blocks.push_back(t);
  if (rows.size() > 16) doc.blocks.push_back({Block::Kind::Note, std::to_string(rows.size() - 16) + " more rows: headroom-cli run --compare."});
}

void appendAssumptions(const ReportInput& in, ReportDocument& doc) {
  heading(doc, "Assumptions log");
  paragraph(doc, "Every input of the model and of this report, with its provenance: user-entered (written in the scenario or given "
                 "as an option), default (filled in by Headroom), imported or fitted (from monitoring data).");
  auto table = [&](const std::vector<Assumption>& inputs) {
    Block t{Block::Kind::Table};
    t.table.columns = {"input", "value", "provenance", "source"};
    t.table.numeric = {false, false, false, false};
    for (const Assumption& a : inputs) t.table.rows.push_back({a.input, a.value, provenanceLabel(a.provenance), a.source});
    doc.blocks.push_back(t);
  };
  table(reportOptionAssumptions(in.options));
  if (in.comparison) doc.blocks.push_back({Block::Kind::Subtitle, in.primary.label});
  table(in.primary.inputs);
  if (in.comparison) {
    doc.blocks.push_back({Block::Kind::Subtitle, in.comparison->label});
    table(in.comparison->inputs);
  }
}

}  // namespace headroom::report
