#pragma once
// Fixed-size log-linear histogram of durations in nanoseconds (the HdrHistogram idea: 128 linear
// sub-buckets per power of two). Memory is constant (~46 KB) whatever the number of samples, and any
// quantile is returned with a relative error below 0.4% (half a sub-bucket), inside the 1% we promise.
// Values of 2^50 ns (about 13 days) and more land in the last bucket.
#include <array>
#include <cstdint>
#include <vector>

#include "model/units.h"

namespace headroom {

class LatencyHistogram {
 public:
  static constexpr int kSubBucketBits = 7;
  static constexpr int kMaxExponent = 50;
  static constexpr int kBucketCount = ((kMaxExponent - kSubBucketBits) << kSubBucketBits) + (2 << kSubBucketBits);

  LatencyHistogram() : counts_(kBucketCount, 0) {}

  void record(SimTime value_ns) {
    ++counts_[bucketIndex(value_ns)];
    ++total_;
  }
  void clear();
  void add(const LatencyHistogram& other);
  std::uint64_t count() const { return total_; }
  // q in [0, 1]; NaN when empty. Seconds.
  double quantileSeconds(double q) const;

  static int bucketIndex(SimTime v);
  static double bucketLowerNs(int index);
  static double bucketWidthNs(int index);

 private:
  std::vector<std::uint64_t> counts_;
  std::uint64_t total_ = 0;
};

}  // namespace headroom
