#pragma once
// Simulation time and unit conversions.
//
// Simulation time is an integer count of NANOSECONDS (int64). Integer time makes event ordering exact and
// runs reproducible bit for bit; int64 nanoseconds cover +-292 years, far beyond any horizon we simulate.
// Everything user-facing (scenario files, results, charts) is in SECONDS as double, with names ending in
// _s or _ms to say which. Convert only through these helpers.
#include <cmath>
#include <cstdint>
#include <limits>

namespace headroom {

using SimTime = std::int64_t;  // nanoseconds since the start of the simulation

inline constexpr SimTime kNanosPerSecond = 1'000'000'000;
inline constexpr SimTime kSimTimeNever = std::numeric_limits<SimTime>::max();
inline constexpr double kSecondsPerDay = 86400.0;
inline constexpr double kSecondsPerWeek = 7 * kSecondsPerDay;
inline constexpr double kSecondsPerMonth = 365.25 / 12.0 * kSecondsPerDay;  // mean Gregorian month
inline constexpr double kSecondsPerYear = 365.25 * kSecondsPerDay;

// Rounds to the nearest nanosecond; negative and NaN inputs become 0, huge ones saturate at kSimTimeNever.
inline SimTime secondsToSimTime(double seconds) {
  if (!(seconds > 0.0)) return 0;
  const double ns = std::round(seconds * 1e9);
  if (ns >= 9.2e18) return kSimTimeNever;
  return static_cast<SimTime>(ns);
}

inline double simTimeToSeconds(SimTime t) { return static_cast<double>(t) * 1e-9; }

// t + d for non-negative d, saturating at kSimTimeNever: a huge delay means "never", not a time in the past.
inline SimTime addSimTime(SimTime t, SimTime d) { return d > kSimTimeNever - t ? kSimTimeNever : t + d; }

}  // namespace headroom
