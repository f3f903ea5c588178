#pragma once
// Replay of an imported request-rate series as a source's RateCurve (kind Steps): the rate holds each
// sample's value until the next sample, scaled by a growth factor, shifted so the first sample is at
// simulation t = 0. Pure functions; safe from any thread.
#include "model/rate_curve.h"
#include "model/time_series.h"

namespace headroom {

struct ReplayOptions {
  enum class Gaps { HoldLast, Zero };
  Gaps gaps = Gaps::HoldLast;     // a NaN sample keeps the previous rate, or drops the rate to 0
  double count_interval_s = 0.0;  // unit "count": interval each value covers; 0 = median sampling step
  double utc_offset_hours = 0.0;  // sets start_hour / start_weekday (for seasonality added later by a user)
};

// Rates in REQUESTS PER SECOND (see series_points.h for the accepted units). Throws std::invalid_argument
// naming the series for a wrong unit, a negative growth factor, a negative rate, or no finite value.
RateCurve replayRateCurve(const TimeSeries& series, double growth_factor = 1.0, const ReplayOptions& options = {});

// Seconds the replay covers: last sample time - first sample time + one median sampling step (the last
// sample holds for one interval). Use as the simulation horizon.
double replayDuration_s(const TimeSeries& series);

}  // namespace headroom
