#include "simulator/analytic/comparison.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <limits>
#include <string_view>

#include "simulator/latency_histogram.h"

namespace headroom {
namespace {

constexpr double kRoundingTolerance = 1e-6;
// Simulated percentiles are read from a log-linear histogram and returned at a bucket's midpoint: up to
// half a sub-bucket (1/256) off, whatever the number of samples. That is a bias the CI cannot show.
constexpr double kPercentileResolution = 0.5 / (1 << LatencyHistogram::kSubBucketBits);

bool isPercentile(std::string_view kpi) {
  for (int q = 0; q < kNumReportedQuantiles; ++q)
    if (kpi == responseQuantileKpi(q)) return true;
  return false;
}

const Estimate* quantileEstimate(const LatencyEstimates& l, std::string_view kpi) {
  for (int q = 0; q < kNumReportedQuantiles; ++q)
    if (kpi == responseQuantileKpi(q)) return &l.quantile_s[q];
  return nullptr;
}

const Estimate* componentEstimate(const ComponentResult& c, std::string_view kpi) {
  if (kpi == "arrival_rate_per_s") return &c.arrival_rate_per_s;
  if (kpi == "throughput_per_s") return &c.throughput_per_s;
  if (kpi == "utilization") return &c.utilization;
  if (kpi == "mean_queue_length") return &c.mean_queue_length;
  if (kpi == "mean_in_system") return &c.mean_in_system;
  if (kpi == "rejection_ratio") return &c.rejection_ratio;
  if (kpi == "response_mean_s") return &c.response.mean_s;
  if (kpi == "waiting_mean_s") return &c.waiting.mean_s;
  return quantileEstimate(c.response, kpi);
}

const Estimate* endToEndEstimate(const EndToEndResult& e, std::string_view kpi) {
  if (kpi == "arrival_rate_per_s") return &e.arrival_rate_per_s;
  if (kpi == "throughput_per_s") return &e.throughput_per_s;
  if (kpi == "error_ratio") return &e.error_ratio;
  if (kpi == "response_mean_s") return &e.response.mean_s;
  return quantileEstimate(e.response, kpi);
}

const Estimate* simulatedEstimate(const RunResult& run, const std::string& entity, std::string_view kpi) {
  const std::string prefix = std::string(kEndToEndEntity) + ":";
  if (entity == kEndToEndEntity || entity.rfind(prefix, 0) == 0) {
    const std::string cls = entity == kEndToEndEntity ? "all" : entity.substr(prefix.size());
    for (const EndToEndResult& e : run.end_to_end)
      if (e.request_class == cls) return endToEndEstimate(e, kpi);
    return nullptr;
  }
  for (const ComponentResult& c : run.components)
    if (c.name == entity) return componentEstimate(c, kpi);
  return nullptr;
}

std::string number(double v) {
  if (std::isnan(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string percent(double v) {
  if (std::isnan(v)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.2f%%", 100.0 * v);
  return buf;
}

}  // namespace

std::vector<KpiComparison> compareWithSimulation(const AnalyticReport& report, const RunResult& run) {
  std::vector<KpiComparison> rows;
  for (const AnalyticKpi& k : report.kpis) {
    const Estimate* e = simulatedEstimate(run, k.entity, k.kpi);
    if (!e || std::isnan(e->mean)) continue;
    KpiComparison row;
    row.entity = k.entity;
    row.kpi = k.kpi;
    row.analytic = k.value;
    row.simulated_mean = e->mean;
    row.half_width = e->half_width;
    // The tolerance absorbs the integer-nanosecond clock's rounding, which makes "exact" simulated values
    // (a deterministic delay, an all-zero ratio) differ from the analytic one in the last digits.
    const double slack = isPercentile(k.kpi) ? kPercentileResolution : kRoundingTolerance;
    row.within_ci = std::isfinite(e->half_width) &&
                    std::abs(e->mean - k.value) <= e->half_width + slack * std::abs(k.value);
    row.relative_error =
        k.value != 0.0 ? (e->mean - k.value) / std::abs(k.value) : std::numeric_limits<double>::quiet_NaN();
    rows.push_back(row);
  }
  return rows;
}

std::vector<KpiComparison> outsideConfidenceInterval(const std::vector<KpiComparison>& rows) {
  std::vector<KpiComparison> out;
  std::copy_if(rows.begin(), rows.end(), std::back_inserter(out), [](const KpiComparison& r) { return !r.within_ci; });
  return out;
}

std::string formatComparisonTable(const std::vector<KpiComparison>& rows) {
  const std::vector<std::string> header = {"entity", "kpi", "analytic", "simulated", "+-", "rel.error", "check"};
  std::vector<std::vector<std::string>> cells = {header};
  for (const KpiComparison& r : rows)
    cells.push_back({r.entity, r.kpi, number(r.analytic), number(r.simulated_mean), number(r.half_width),
                     percent(r.relative_error), r.within_ci                   ? "ok"
                     : std::isnan(r.half_width) ? "no CI (1 replication)"
                                                : "OUTSIDE CI"});
  std::vector<std::size_t> width(header.size(), 0);
  for (const auto& row : cells)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  std::string out;
  for (const auto& row : cells) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      const bool left = c < 2 || c + 1 == row.size();  // names and the flag left, numbers right
      const std::string pad(width[c] - row[c].size(), ' ');
      line += left ? row[c] + pad : pad + row[c];
      if (c + 1 < row.size()) line += "  ";
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
  return out;
}

}  // namespace headroom
