#pragma once
// Seeded synthetic monitoring series for the calibration tests: known trend, seasonality and noise, so a
// test can check that a fit recovers what was put in.
#include <cmath>
#include <numbers>
#include <random>
#include <string>

#include "model/time_series.h"

namespace headroom::test {

inline constexpr double kMonday2026 = 1767571200.0;  // 2026-01-05 00:00 UTC, a Monday
inline constexpr double kDay = 86400.0;

struct TrafficShape {
  double base_per_s = 100.0;
  double growth_percent_per_month = 8.0;  // compound
  double daily_log_amplitude = 0.3;       // log-rate sinusoid, peak at 14:00
  double weekly_log_amplitude = 0.1;      // log-rate sinusoid over the week
  double noise_log_sigma = 0.05;          // multiplicative lognormal noise
};

inline double shapeLogRate(const TrafficShape& s, double t_s) {
  const double days = (t_s - kMonday2026) / kDay;
  const double pi2 = 2.0 * std::numbers::pi;
  const double monthDays = 365.25 / 12.0;
  return std::log(s.base_per_s) + days / monthDays * std::log(1.0 + s.growth_percent_per_month / 100.0) +
         s.daily_log_amplitude * std::cos(pi2 * (days - std::floor(days) - 14.0 / 24.0)) +
         s.weekly_log_amplitude * std::cos(pi2 * days / 7.0);
}

// Rate series in 1/s sampled every step_s from kMonday2026 for `days` days.
inline TimeSeries compoundSeries(const TrafficShape& s, double days, double step_s, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> noise(0.0, s.noise_log_sigma);
  TimeSeries ts;
  ts.name = "requests";
  ts.unit = "1/s";
  for (double t = kMonday2026; t < kMonday2026 + days * kDay; t += step_s) {
    ts.time_s.push_back(t);
    ts.value.push_back(std::exp(shapeLogRate(s, t) + noise(rng)));
  }
  return ts;
}

}  // namespace headroom::test
