#include "app/summary_table.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace headroom::cli {
namespace {

std::string fmt(double x, double scale, int decimals) {
  if (!std::isfinite(x)) return "-";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, x * scale);
  return buf;
}

// "12.3 ±0.4"
std::string withCi(const Estimate& e, double scale, int decimals) {
  std::string s = fmt(e.mean, scale, decimals);
  if (std::isfinite(e.half_width)) s += " ±" + fmt(e.half_width, scale, decimals);
  return s;
}

// Terminal columns taken by a UTF-8 string (each code point counts one: we only print ± beyond ASCII).
std::size_t displayWidth(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void printTable(std::ostream& out, const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::size_t> width(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) width[c] = displayWidth(header[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], displayWidth(r[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(width[c] - displayWidth(cells[c]), ' ');
      out << (c == 0 ? cells[c] + pad : pad + cells[c]) << (c + 1 < cells.size() ? "  " : "\n");
    }
  };
  line(header);
  std::vector<std::string> rule;
  for (auto w : width) rule.emplace_back(w, '-');
  line(rule);
  for (const auto& r : rows) line(r);
}

}  // namespace

void printRunSummary(const RunResult& r, std::ostream& out) {
  out << "Scenario '" << r.scenario_name << "': " << r.replications << " replication(s) x " << r.horizon_s
      << " s (warm-up " << r.warmup_s << " s), seed " << r.seed << ", " << r.threads << " thread(s); stopped by "
      << r.stop_reason << ".\n";
  char buf[160];
  std::snprintf(buf, sizeof buf, "%llu events, %llu requests in %.2f s wall time (%.2f M events/s). CI = 95%% across replications.\n\n",
                static_cast<unsigned long long>(r.events), static_cast<unsigned long long>(r.requests), r.wall_time_s,
                r.wall_time_s > 0 ? static_cast<double>(r.events) / r.wall_time_s / 1e6 : 0.0);
  out << buf;
  std::vector<std::vector<std::string>> rows;
  for (const auto& c : r.components)
    rows.push_back({c.name, withCi(c.utilization, 100, 1), withCi(c.throughput_per_s, 1, 2), withCi(c.mean_queue_length, 1, 2),
                    withCi(c.response.mean_s, 1e3, 2), withCi(c.response.quantile_s[2], 1e3, 2),
                    withCi(c.response.quantile_s[3], 1e3, 2), fmt(c.rejection_ratio.mean, 100, 2),
                    fmt(c.timeouts_per_s.mean, 1, 3)});
  printTable(out, {"component", "util %", "throughput /s", "queue", "resp mean ms", "p95 ms", "p99 ms", "rejected %", "timeouts /s"}, rows);
  out << "\n";
  rows.clear();
  for (const auto& c : r.components)
    for (const auto& [name, e] : c.features) {
      // Ratios read best as percentages; the rest keep the unit their name carries.
      const bool isRatio = name.size() > 6 && name.compare(name.size() - 6, 6, "_ratio") == 0;
      rows.push_back({c.name, isRatio ? name.substr(0, name.size() - 6) + " %" : name, withCi(e, isRatio ? 100 : 1, isRatio ? 2 : 3)});
    }
  if (!rows.empty()) {
    printTable(out, {"component", "feature metric", "value"}, rows);
    out << "\n";
  }
  rows.clear();
  for (const auto& e : r.end_to_end)
    rows.push_back({e.request_class, withCi(e.arrival_rate_per_s, 1, 2), withCi(e.throughput_per_s, 1, 2),
                    withCi(e.error_ratio, 100, 2), withCi(e.response.mean_s, 1e3, 2), withCi(e.response.quantile_s[0], 1e3, 2),
                    withCi(e.response.quantile_s[2], 1e3, 2), withCi(e.response.quantile_s[3], 1e3, 2),
                    withCi(e.response.quantile_s[4], 1e3, 2)});
  printTable(out, {"end to end", "offered /s", "goodput /s", "errors %", "mean ms", "p50 ms", "p95 ms", "p99 ms", "p99.9 ms"}, rows);
}

}  // namespace headroom::cli
