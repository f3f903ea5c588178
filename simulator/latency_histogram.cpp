#include "simulator/latency_histogram.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace headroom {

int LatencyHistogram::bucketIndex(SimTime v) {
  if (v <= 0) return 0;
  const auto u = static_cast<std::uint64_t>(v);
  const int e = 63 - std::countl_zero(u);
  if (e <= kSubBucketBits) return static_cast<int>(u);  // below 256 ns: exact
  if (e >= kMaxExponent) return kBucketCount - 1;
  const int shift = e - kSubBucketBits;
  return (shift << kSubBucketBits) + static_cast<int>(u >> shift);
}

double LatencyHistogram::bucketLowerNs(int index) {
  if (index < (2 << kSubBucketBits)) return index;
  const int shift = (index >> kSubBucketBits) - 1;
  const std::uint64_t mantissa = static_cast<std::uint64_t>(index & ((1 << kSubBucketBits) - 1)) + (1u << kSubBucketBits);
  return static_cast<double>(mantissa << shift);
}

double LatencyHistogram::bucketWidthNs(int index) {
  if (index < (2 << kSubBucketBits)) return 1.0;
  return static_cast<double>(std::uint64_t{1} << ((index >> kSubBucketBits) - 1));
}

void LatencyHistogram::clear() {
  if (total_ == 0) return;
  std::fill(counts_.begin(), counts_.end(), 0);
  total_ = 0;
}

void LatencyHistogram::add(const LatencyHistogram& other) {
  for (int i = 0; i < kBucketCount; ++i) counts_[i] += other.counts_[i];
  total_ += other.total_;
}

double LatencyHistogram::quantileSeconds(double q) const {
  if (total_ == 0) return std::numeric_limits<double>::quiet_NaN();
  q = std::clamp(q, 0.0, 1.0);
  // Smallest value with at least ceil(q * n) samples at or below it (the usual empirical quantile).
  const auto rank = std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::ceil(q * static_cast<double>(total_))));
  std::uint64_t cumulative = 0;
  for (int i = 0; i < kBucketCount; ++i) {
    cumulative += counts_[i];
    if (cumulative >= rank) {
      const double mid = (i < (2 << kSubBucketBits)) ? bucketLowerNs(i) : bucketLowerNs(i) + 0.5 * bucketWidthNs(i);
      return mid * 1e-9;
    }
  }
  return bucketLowerNs(kBucketCount - 1) * 1e-9;
}

}  // namespace headroom
