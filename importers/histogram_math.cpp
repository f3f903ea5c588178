#include "importers/histogram_math.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace headroom {

double histogramQuantile(double q, std::vector<HistogramBucket> buckets, bool* fixedMonotonic) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  if (fixedMonotonic) *fixedMonotonic = false;
  if (std::isnan(q)) return kNaN;
  if (q < 0) return -kInf;
  if (q > 1) return kInf;
  for (const auto& b : buckets)
    if (std::isnan(b.upper_bound)) return kNaN;  // an unordered bound: no meaningful answer (and sorting needs order)
  std::stable_sort(buckets.begin(), buckets.end(),
                   [](const HistogramBucket& a, const HistogramBucket& b) { return a.upper_bound < b.upper_bound; });
  if (buckets.empty() || buckets.back().upper_bound != kInf) return kNaN;
  // Merge buckets with the same bound ("0.2", "2e-1" and "2.0e-1" are one bucket): counts are added.
  std::vector<HistogramBucket> merged;
  for (const auto& b : buckets) {
    if (!merged.empty() && merged.back().upper_bound == b.upper_bound)
      merged.back().count += b.count;
    else
      merged.push_back(b);
  }
  double runningMax = -kInf;
  for (auto& b : merged) {
    if (b.count < runningMax) {
      b.count = runningMax;
      if (fixedMonotonic) *fixedMonotonic = true;
    }
    runningMax = b.count;
  }
  if (merged.size() < 2) return kNaN;
  const double observations = merged.back().count;
  if (observations == 0 || std::isnan(observations)) return kNaN;
  const double rank = q * observations;
  std::size_t b = 0;
  while (b < merged.size() - 1 && !(merged[b].count >= rank)) ++b;
  if (b == merged.size() - 1) return merged[merged.size() - 2].upper_bound;
  if (b == 0 && merged[0].upper_bound <= 0) return merged[0].upper_bound;
  double bucketStart = 0;
  const double bucketEnd = merged[b].upper_bound;
  double count = merged[b].count;
  double r = rank;
  if (b > 0) {
    bucketStart = merged[b - 1].upper_bound;
    count -= merged[b - 1].count;
    r -= merged[b - 1].count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (r / count);
}

}  // namespace headroom
