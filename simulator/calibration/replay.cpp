#include "simulator/calibration/replay.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "simulator/calibration/series_points.h"
#include "simulator/calibration/traffic_fit.h"

namespace headroom {

RateCurve replayRateCurve(const TimeSeries& series, double growth_factor, const ReplayOptions& options) {
  if (!(growth_factor >= 0) || !std::isfinite(growth_factor))
    throw std::invalid_argument("replay of " + calibration::describe(series) + ": growth factor must be >= 0, got " +
                                std::to_string(growth_factor));
  const TimeSeries rate = calibration::toRatePerSecond(series, options.count_interval_s);
  // Sort by time, keeping NaN samples: with Gaps::Zero they are steps too.
  std::vector<calibration::Point> pts;
  for (std::size_t i = 0; i < rate.size() && i < rate.value.size(); ++i)
    if (std::isfinite(rate.time_s[i])) pts.push_back({rate.time_s[i], rate.value[i]});
  std::stable_sort(pts.begin(), pts.end(), [](const auto& a, const auto& b) { return a.t_s < b.t_s; });
  const auto firstFinite = std::find_if(pts.begin(), pts.end(), [](const auto& p) { return std::isfinite(p.v); });
  if (firstFinite == pts.end())
    throw std::invalid_argument("replay of " + calibration::describe(series) + ": the series has no finite value");

  RateCurve c;
  c.kind = RateCurve::Kind::Steps;
  // The replay starts at the first real value: leading gaps carry no information.
  const double t0 = firstFinite->t_s;
  for (auto it = firstFinite; it != pts.end(); ++it) {
    double v = it->v;
    if (!std::isfinite(v)) {
      if (options.gaps == ReplayOptions::Gaps::HoldLast) continue;
      v = 0.0;
    } else if (v < 0) {
      throw std::invalid_argument("replay of " + calibration::describe(series) + ": negative rate " +
                                  std::to_string(v) + " at time " + std::to_string(it->t_s));
    }
    const double at = it->t_s - t0;
    const double r = v * growth_factor;
    if (!c.steps.empty() && c.steps.back().at_s == at) c.steps.back().rate_per_s = r;  // duplicate time: last wins
    else if (c.steps.empty() || c.steps.back().rate_per_s != r) c.steps.push_back({at, r});  // merge equal runs
  }
  c.rate_per_s = c.steps.front().rate_per_s;
  c.start_hour = hourOf(t0, options.utc_offset_hours);
  if (c.start_hour >= 24.0) c.start_hour = 0.0;
  c.start_weekday = weekdayOf(t0, options.utc_offset_hours);
  return c;
}

double replayDuration_s(const TimeSeries& series) {
  const auto pts = calibration::finitePoints(series);
  if (pts.empty()) return 0.0;
  return pts.back().t_s - pts.front().t_s + calibration::medianStep_s(series);
}

}  // namespace headroom
