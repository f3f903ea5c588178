#include "simulator/calibration/bucket_distribution.h"

#include <cstdlib>
#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "simulator/calibration/series_points.h"

namespace headroom {

namespace {

double increase(const TimeSeries& s, int& samples, const std::function<bool(double)>& keep) {
  const auto pts = calibration::finitePoints(s);
  double total = 0.0;
  if (s.unit == "1/s") {
    // Per-bucket rates (rate(x_bucket[..]) exported): observations = rate x the sampling step.
    const double step = calibration::medianStep_s(s);
    for (const auto& p : pts)
      if (!keep || keep(p.t_s)) {
        total += p.v * step;
        ++samples;
      }
    return total;
  }
  for (std::size_t i = 1; i < pts.size(); ++i) {
    if (keep && !keep(pts[i].t_s)) continue;
    ++samples;
    const double d = pts[i].v - pts[i - 1].v;
    total += d >= 0 ? d : pts[i].v;  // a decrease is a counter reset: the new value is the increase
  }
  return total;
}

}  // namespace

BucketDistributionEstimate distributionFromBuckets(const std::vector<TimeSeries>& buckets,
                                                   const std::function<bool(double)>& keep) {
  BucketDistributionEstimate est;
  std::map<double, double> cumulative;  // upper bound -> increase (cumulative over bounds)
  for (const auto& b : buckets) {
    const auto it = b.labels.find("le");
    if (it == b.labels.end()) throw std::invalid_argument(calibration::describe(b) + ": a bucket series needs an 'le' label");
    char* end = nullptr;
    const std::string& text = it->second;
    const double le = (text == "+Inf" || text == "Inf" || text == "inf") ? INFINITY : std::strtod(text.c_str(), &end);
    if (std::isnan(le) || (std::isfinite(le) && (!end || *end != '\0')))
      throw std::invalid_argument(calibration::describe(b) + ": le='" + text + "' is not a number");
    cumulative[le] += increase(b, est.samples_used, keep);  // equal bounds (e.g. "0.1" and "0.10") are merged
  }
  // Per-bucket counts from cumulative ones; cumulative counts are forced monotonic like PromQL does.
  double prevCum = 0.0, prevBound = 0.0, lastFiniteWidth = 0.0;
  std::vector<HistogramBin> bins;
  for (const auto& [bound, cum] : cumulative) {
    const double c = std::max(cum, prevCum);
    const double count = c - prevCum;
    if (std::isinf(bound)) {
      if (count > 0) {
        const double width = lastFiniteWidth > 0 ? lastFiniteWidth : std::max(prevBound, 1e-3);
        bins.push_back({prevBound + width, count});
        est.notes.push_back(std::to_string(static_cast<long long>(count)) +
                            " observations above the highest finite bucket bound " + std::to_string(prevBound) +
                            " s were placed in (" + std::to_string(prevBound) + ", " + std::to_string(prevBound + width) +
                            "] s: the tail beyond is unknown");
      }
    } else {
      bins.push_back({bound, count});
      lastFiniteWidth = bound - prevBound;
      prevBound = bound;
    }
    prevCum = c;
  }
  est.observations = prevCum;
  est.buckets = static_cast<int>(bins.size());
  if (!(est.observations > 0)) {
    est.notes.push_back("no observation in the window (bucket counters did not increase)");
    return est;
  }
  // Drop empty leading/trailing bins so the distribution starts where data starts (uniform inside a bin).
  while (!bins.empty() && bins.back().weight <= 0) bins.pop_back();
  Distribution d;
  d.kind = Distribution::Kind::Histogram;
  d.min_s = 0.0;
  d.bins = bins;
  est.distribution = d;
  est.mean_s = d.mean();
  est.cv = std::sqrt(std::max(0.0, d.squaredCoefficientOfVariation()));
  est.ok = est.mean_s > 0;
  return est;
}

Distribution scaledToMean(const Distribution& histogram, double mean_s) {
  Distribution d = histogram;
  const double m = histogram.mean();
  if (!(m > 0) || !(mean_s > 0)) return d;
  const double f = mean_s / m;
  d.min_s *= f;
  for (auto& b : d.bins) b.upper_s *= f;
  return d;
}

}  // namespace headroom
