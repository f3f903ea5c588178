#include "ui/kpi_rows.h"

#include <cmath>
#include <limits>

namespace headroom {

namespace {

void addLatency(std::vector<KpiRow>& rows, const std::string& entity, const LatencyEstimates& latency) {
  rows.push_back({entity, "response_mean_s", "mean response", "ms", 1e3, latency.mean_s});
  for (int q : {0, 2, 3})  // p50, p95, p99
    rows.push_back({entity, std::string("response_") + quantileLabel(q) + "_s", std::string(quantileLabel(q)) + " response",
                    "ms", 1e3, latency.quantile_s[q]});
}

// Feature metrics carry their unit in their name (simulator/feature_metrics.h): ratios shown in %, seconds in
// ms, rates in /s, counts as they are.
KpiRow featureRow(const std::string& entity, const std::string& name, const Estimate& value) {
  auto endsWith = [&name](const std::string& suffix) {
    return name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  auto stem = [&name](std::size_t cut) {
    std::string s = name.substr(0, name.size() - cut);
    for (char& ch : s)
      if (ch == '_') ch = ' ';
    return s;
  };
  if (endsWith("_ratio")) return {entity, name, stem(6), "%", 100.0, value};
  if (endsWith("_per_s")) return {entity, name, stem(6), "/s", 1.0, value};
  if (endsWith("_s")) return {entity, name, stem(2), "ms", 1e3, value};
  return {entity, name, stem(0), "", 1.0, value};
}

}  // namespace

std::vector<KpiRow> kpiRows(const RunResult& result) {
  std::vector<KpiRow> rows;
  if (const EndToEndResult* e2e = result.endToEnd()) {
    const std::string entity = "end_to_end";
    rows.push_back({entity, "arrival_rate_per_s", "offered load", "req/s", 1.0, e2e->arrival_rate_per_s});
    rows.push_back({entity, "throughput_per_s", "goodput", "req/s", 1.0, e2e->throughput_per_s});
    rows.push_back({entity, "error_ratio", "error ratio", "%", 100.0, e2e->error_ratio});
    addLatency(rows, entity, e2e->response);
  }
  for (const ComponentResult& c : result.components) {
    rows.push_back({c.name, "utilization", "utilization", "%", 100.0, c.utilization});
    rows.push_back({c.name, "throughput_per_s", "throughput", "req/s", 1.0, c.throughput_per_s});
    rows.push_back({c.name, "mean_queue_length", "mean queue length", "requests", 1.0, c.mean_queue_length});
    rows.push_back({c.name, "mean_in_system", "mean in system", "requests", 1.0, c.mean_in_system});
    rows.push_back({c.name, "waiting_mean_s", "mean wait", "ms", 1e3, c.waiting.mean_s});
    addLatency(rows, c.name, c.response);
    rows.push_back({c.name, "rejection_ratio", "rejected", "%", 100.0, c.rejection_ratio});
    // Only where they happen: most components never time out a call.
    if (c.timeouts_per_s.mean > 0) rows.push_back({c.name, "timeouts_per_s", "calls timed out", "/s", 1.0, c.timeouts_per_s});
    if (c.failures_per_s.mean > 0) rows.push_back({c.name, "failures_per_s", "failed visits", "/s", 1.0, c.failures_per_s});
    for (const auto& [name, value] : c.features) rows.push_back(featureRow(c.name, name, value));
  }
  return rows;
}

std::vector<KpiDelta> compareRuns(const RunResult& previous, const RunResult& current) {
  const std::vector<KpiRow> before = kpiRows(previous);
  std::vector<KpiDelta> out;
  for (const KpiRow& row : kpiRows(current)) {
    KpiDelta d;
    d.current = row;
    for (const KpiRow& b : before)
      if (b.entity == row.entity && b.kpi == row.kpi) d.previous = b.value;
    const double cur = row.value.mean * row.scale;
    const double prev = d.previous.mean * row.scale;
    d.delta = cur - prev;
    d.relative = std::isfinite(prev) && prev != 0.0 ? d.delta / std::abs(prev) : std::numeric_limits<double>::quiet_NaN();
    d.significant = std::isfinite(row.value.half_width) && std::isfinite(d.previous.half_width) &&
                    (row.value.lower() > d.previous.upper() || row.value.upper() < d.previous.lower());
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace headroom
