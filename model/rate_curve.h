#pragma once
// Offered arrival rate as a function of simulation time: a base trend times optional daily and weekly
// seasonality times one-off spikes. Rates are in REQUESTS PER SECOND, times in SECONDS from the start of
// the simulation (t = 0 is Monday 00:00 unless start_weekday / start_hour say otherwise).
//
// The simulator draws non-homogeneous Poisson arrivals by thinning against upperBound(a, b), so every
// part here must be able to bound itself exactly over an interval; keep that true when adding a kind.
#include <string>
#include <vector>

namespace headroom {

struct RateStep {
  double at_s = 0.0;
  double rate_per_s = 0.0;
};

struct RateSpike {
  double start_s = 0.0;
  double duration_s = 0.0;
  double factor = 1.0;  // multiplies the rate while active (x4 for a flash sale)
};

struct DailySeasonality {
  bool enabled = false;
  // Either a sinusoid 1 + amplitude*cos(2*pi*(hour - peak_hour)/24) ...
  double amplitude = 0.0;  // in [0, 1)
  double peak_hour = 12.0;
  // ... or 24 hourly factors, linearly interpolated between hour centres (takes precedence when non-empty).
  std::vector<double> hourly_factors;
};

struct WeeklySeasonality {
  bool enabled = false;
  std::vector<double> daily_factors;  // 7 factors, Monday first
};

struct RateCurve {
  enum class Kind { Constant, Steps, Linear, Compound, Logistic };
  Kind kind = Kind::Constant;
  double rate_per_s = 0.0;             // Constant; initial rate for Linear and Compound
  std::vector<RateStep> steps;         // Steps: rate holds from at_s until the next step; sorted by at_s
  double slope_per_s_per_day = 0.0;    // Linear: rate grows by this many req/s every day
  double growth_percent = 0.0;         // Compound: +growth_percent every growth_period_s
  double growth_period_s = 0.0;
  double floor_per_s = 0.0;            // Logistic: floor + (ceiling - floor) / (1 + exp(-k (t - midpoint)))
  double ceiling_per_s = 0.0;
  double midpoint_s = 0.0;
  double steepness_per_day = 1.0;
  DailySeasonality daily;
  WeeklySeasonality weekly;
  std::vector<RateSpike> spikes;
  double start_hour = 0.0;    // wall-clock hour of day at t = 0 (for seasonality)
  int start_weekday = 0;      // 0 = Monday

  static RateCurve constant(double rate_per_s);

  double rateAt(double t_s) const;
  // An upper bound of rateAt over [a_s, b_s], tight enough for efficient thinning (exact for the monotone
  // base kinds, max factor for the seasonal parts).
  double upperBound(double a_s, double b_s) const;
  // Rate that never changes: the simulator and the analytic models can treat the source as stationary.
  bool isStationary() const;
  std::string kindName() const;

 private:
  double baseAt(double t_s) const;
  double baseUpperBound(double a_s, double b_s) const;
  double dailyFactor(double t_s) const;
  double weeklyFactor(double t_s) const;
  double spikeFactor(double t_s) const;
};

}  // namespace headroom
