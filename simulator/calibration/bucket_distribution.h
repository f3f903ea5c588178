#pragma once
// An empirical service-time distribution from histogram bucket series (Prometheus `<name>_bucket{le="..."}`, OTLP
// histograms imported as buckets): the increase of every cumulative bucket counter over the window gives the
// number of observations per bucket, i.e. a Distribution of kind Histogram (uniform inside each bucket) - the
// measured shape itself, not a lognormal through three percentiles. Counter resets (a decrease) count the new value
// as the increase. Observations above the highest finite bound (the +Inf bucket) are put in one extra bucket of the
// same width as the last finite one, with a note. Pure; thread-safe.
#include <functional>
#include <string>
#include <vector>

#include "model/distribution.h"
#include "model/time_series.h"

namespace headroom {

struct BucketDistributionEstimate {
  bool ok = false;
  Distribution distribution;     // kind Histogram, seconds
  double observations = 0.0;     // total increase of the +Inf (or highest) bucket
  double mean_s = 0.0;
  double cv = 0.0;
  int buckets = 0;
  int samples_used = 0;          // bucket intervals (all buckets) counted: inside the window and kept
  std::vector<std::string> notes;
};

// `buckets`: one cumulative counter series per `le` label value ("+Inf" included or not), bounds in seconds; a
// series in "1/s" is taken as per-bucket rates (rate(x_bucket[..]) exported) and multiplied by its sampling step.
// Throws std::invalid_argument for a series without an `le` label or with an `le` that is not a number.
// `keep` (optional) selects the intervals that count: an increase between two samples counts when keep(t) holds for
// the later sample's time t (a per-bucket rate when keep(t) holds for its own time). Calibration keeps only the
// intervals at low utilization, where response time is close to service time.
BucketDistributionEstimate distributionFromBuckets(const std::vector<TimeSeries>& buckets,
                                                   const std::function<bool(double t_s)>& keep = {});

// The same shape with every bound scaled so that its mean is `mean_s` (response-time buckets measured at low load
// give the shape; the utilization law gives the mean of the service time itself).
Distribution scaledToMean(const Distribution& histogram, double mean_s);

}  // namespace headroom
