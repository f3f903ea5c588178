#pragma once
// Fit of an imported request-rate series: trend (compound or linear) plus daily and weekly seasonality,
// by ordinary least squares (Eigen), with fit quality and a growth forecast with a 95% prediction band.
// Plain C++; fitTraffic() is a pure function, a TrafficFit is immutable and safe to share between threads.
//
// Model (t_days = days since the first sample, phase from Unix time shifted by utc_offset_hours):
//   y(t) = b0 + b1 * t_days + sum_k [a_k sin(2 pi k tod) + c_k cos(2 pi k tod)]       (daily, k = 1..3)
//                           + sum_k [d_k sin(2 pi k tow) + e_k cos(2 pi k tow)]       (weekly, k = 1..2)
// where tod = fraction of the day, tow = fraction of the week from Monday 00:00, and
//   y = log(rate)  for Trend::Compound (growth is a percentage per month),
//   y = rate       for Trend::Linear   (growth is req/s per day).
// Rates are REQUESTS PER SECOND; see series_points.h for the accepted units.
#include <limits>
#include <string>
#include <vector>

#include "model/rate_curve.h"
#include "model/time_series.h"

namespace headroom {

// Growth and forecasts are estimated only from windows at least this long (days): a shorter window cannot tell a
// trend from the daily cycle or a start-up ramp. fit-traffic and the desktop's Calibrate view both refuse below it.
constexpr double kMinTrendDaysForGrowth = 2.0;

struct TrafficFitOptions {
  enum class Trend { Compound, Linear };
  Trend trend = Trend::Compound;
  int daily_harmonics = 3;     // 0 disables daily seasonality
  int weekly_harmonics = 2;    // 0 disables weekly seasonality
  double utc_offset_hours = 0.0;  // local time = UTC + offset, for the seasonal phase
  double count_interval_s = 0.0;  // unit "count": interval each value covers; 0 = median sampling step
};

struct TrafficForecast {
  double mean = 0.0;     // req/s: expected rate (Compound: lognormal mean, exp(mu + s^2/2))
  double lower95 = 0.0;  // req/s: 95% prediction interval for one observation at that time
  double upper95 = 0.0;
};

struct TrafficCoefficient {
  std::string name;  // "intercept", "trend_per_day", "daily_sin_1", ...
  double value = 0.0;
  double std_error = 0.0;
};

class TrafficFit {
 public:
  TrafficFitOptions options;
  std::vector<TrafficCoefficient> coefficients;
  double first_time_s = 0.0;  // Unix seconds of the first sample used (t_days = 0)
  double last_time_s = 0.0;
  int points_used = 0;
  int points_skipped = 0;     // gaps (NaN) and, for Compound, non-positive rates
  int daily_harmonics = 0;    // actually used, after the short-series and sampling checks
  int weekly_harmonics = 0;
  double growth_percent_per_month = 0.0;  // Compound: exact; Linear: slope relative to the mid-window level
  double growth_percent_per_month_lower95 = 0.0;
  double growth_percent_per_month_upper95 = 0.0;
  double slope_per_s_per_day = 0.0;  // Linear only: req/s gained per day
  double r_squared = 0.0;       // in the regression space (log rate or rate)
  double residual_std = 0.0;    // regression space: log units (Compound) or req/s (Linear), dof-corrected
  double rmse_per_s = 0.0;      // in req/s, fitted central value vs observed
  double mape_percent = 0.0;    // in %, over points with a positive observed rate
  std::vector<std::string> notes;  // assumptions and reductions made, in plain words

  // Central value of the regression at Unix time t_s (req/s; Compound: the median exp(mu)).
  double fittedAt(double t_s) const;
  // Forecast at Unix time t_s with its 95% prediction interval (residual variance + parameter covariance).
  TrafficForecast forecast(double t_s) const;
  // The closest RateCurve, with simulation t = 0 at Unix time start_time_s (NaN = first sample):
  // Compound/Linear base + 24 hourly factors + 7 daily factors (Monday first), factors averaging 1.
  RateCurve toRateCurve(double start_time_s = std::numeric_limits<double>::quiet_NaN()) const;

  // Regressors at Unix time t_s, in the order of `coefficients`.
  std::vector<double> designRow(double t_s) const;
  // Regression-space prediction x(t)' beta (log rate for Compound, req/s for Linear).
  double linearPredictor(double t_s) const;

  std::vector<double> beta;        // coefficient values, same order as `coefficients`
  std::vector<double> covariance;  // row-major p x p, sigma^2 (X'X)^-1
  int dof = 0;                     // residual degrees of freedom, n - p
};

// Throws std::invalid_argument (naming the series) when the unit is not a rate, or when fewer than 3
// usable points remain.
TrafficFit fitTraffic(const TimeSeries& rate, const TrafficFitOptions& options = {});

// Day of week (0 = Monday) and hour of day [0, 24) of a Unix time, shifted by utc_offset_hours.
int weekdayOf(double unix_s, double utc_offset_hours = 0.0);
double hourOf(double unix_s, double utc_offset_hours = 0.0);

}  // namespace headroom
