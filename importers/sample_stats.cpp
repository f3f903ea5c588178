#include "importers/sample_stats.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace headroom {

double sortedQuantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nan("");
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(pos));
  const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - static_cast<double>(lo));
}

void deriveSampleSeries(std::vector<RawSample> samples, const ImportOptions& options, SeriesBuilder& b,
                        const std::map<std::string, std::string>& labels) {
  if (samples.empty()) return;
  const double bin = options.bin_s > 0 ? options.bin_s : 1.0;
  std::stable_sort(samples.begin(), samples.end(), [](const RawSample& a, const RawSample& c) { return a.time_s < c.time_s; });
  const std::size_t thr = b.series("throughput", labels, "1/s");
  const std::size_t err = b.series("error_rate", labels, "ratio");
  std::vector<std::size_t> lat;
  for (double q : options.quantiles) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", q);
    auto l = labels;
    l["quantile"] = buf;
    lat.push_back(b.series("latency", l, "s"));
  }
  double binStart = std::floor(samples.front().time_s / bin) * bin;
  std::size_t i = 0;
  std::vector<double> latencies;
  // Bound the number of bins so a stray far-future timestamp cannot make us loop for ever.
  const double span = samples.back().time_s - binStart;
  if (!(span / bin < 5e6)) return;
  while (i < samples.size()) {
    const double binEnd = binStart + bin;
    std::size_t n = 0, failed = 0;
    latencies.clear();
    while (i < samples.size() && samples[i].time_s < binEnd) {
      ++n;
      if (!samples[i].ok) ++failed;
      if (!std::isnan(samples[i].latency_s)) latencies.push_back(samples[i].latency_s);
      ++i;
    }
    std::sort(latencies.begin(), latencies.end());
    const double stamp = options.bin_stamp_at_end ? binEnd : binStart;
    b.add(thr, stamp, static_cast<double>(n) / bin);
    b.add(err, stamp, n ? static_cast<double>(failed) / static_cast<double>(n) : std::nan(""));
    for (std::size_t k = 0; k < lat.size(); ++k) b.add(lat[k], stamp, sortedQuantile(latencies, options.quantiles[k]));
    binStart = binEnd;
  }
}

}  // namespace headroom
