#pragma once
// Classic-histogram arithmetic with exactly PromQL's histogram_quantile rules (see docs/importers.md).
// Pure functions, thread-safe.
#include <vector>

namespace headroom {

struct HistogramBucket {
  double upper_bound;  // the `le` bound; +Inf for the last bucket
  double count;        // CUMULATIVE count of observations <= upper_bound
};

// PromQL histogram_quantile: NaN q -> NaN; q < 0 -> -Inf; q > 1 -> +Inf; buckets sorted by bound; no +Inf bucket ->
// NaN; equal bounds merged (counts added); cumulative counts forced monotonic (running max; *fixedMonotonic set when
// that changed something); fewer than 2 buckets or zero observations -> NaN; rank = q * count(+Inf); the first finite
// bucket whose count >= rank is chosen, the +Inf bucket answers the highest finite bound; a first bucket with bound <= 0
// answers its bound; otherwise linear interpolation from the previous bound (0 for the first bucket).
double histogramQuantile(double q, std::vector<HistogramBucket> buckets, bool* fixedMonotonic = nullptr);

// Increase of a cumulative counter between two scrapes; a decrease means the process restarted from 0, so the
// increase is the new value (Prometheus' rate()/increase() rule).
inline double counterIncrease(double previous, double current) {
  return current < previous ? current : current - previous;
}

}  // namespace headroom
