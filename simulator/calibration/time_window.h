#pragma once
// A time window on imported series, as a user gives it on the command line: `--from/--to` either absolute
// ("2026-03-01T10:00:00Z", or Unix seconds "1772359200") or relative to the start of the series ("+30m", "+3600",
// "+2h", "+1d"; a bare "+N" is seconds). Relative bounds are resolved against the earliest sample of the series
// involved, so every series of one command is cut to the same wall-clock window. Pure; thread-safe.
#include <string>
#include <vector>

#include "model/time_series.h"

namespace headroom::calibration {

struct TimeBound {
  enum class Kind { None, Absolute, Relative };
  Kind kind = Kind::None;
  double value_s = 0.0;  // Unix s (Absolute) or seconds after the series start (Relative)
};

// Throws std::invalid_argument naming the option and the text when it is neither form.
TimeBound parseTimeBound(const std::string& text, const std::string& option);

struct TimeWindow {
  TimeBound from, to;
  bool unbounded() const { return from.kind == TimeBound::Kind::None && to.kind == TimeBound::Kind::None; }
};

struct ResolvedWindow {
  double from_s = 0.0;  // Unix s, inclusive
  double to_s = 0.0;    // Unix s, exclusive
};

// Earliest and latest finite sample time over the series (NaN values count: they mark a sample time).
ResolvedWindow seriesExtent(const std::vector<const TimeSeries*>& series);

// The window in Unix seconds for series whose extent is `extent`. Throws std::invalid_argument when the window is
// empty or misses the data entirely (naming both ranges).
ResolvedWindow resolveWindow(const TimeWindow& window, const ResolvedWindow& extent);

// Samples with from_s <= t < to_s.
TimeSeries cutToWindow(const TimeSeries& s, const ResolvedWindow& w);

// "2026-03-01 10:00:00Z"
std::string isoTimeText(double unix_s);

}  // namespace headroom::calibration
