#include "model/rate_curve.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "model/units.h"

namespace headroom {

RateCurve RateCurve::constant(double rate_per_s) {
  RateCurve c;
  c.kind = Kind::Constant;
  c.rate_per_s = rate_per_s;
  return c;
}

double RateCurve::baseAt(double t) const {
  switch (kind) {
    case Kind::Constant:
      return rate_per_s;
    case Kind::Steps: {
      // Replayed series have thousands of steps: binary search for the last step at or before t.
      if (steps.empty()) return 0.0;
      auto it = std::upper_bound(steps.begin(), steps.end(), t, [](double x, const RateStep& s) { return x < s.at_s; });
      return it == steps.begin() ? steps.front().rate_per_s : std::prev(it)->rate_per_s;
    }
    case Kind::Linear:
      return std::max(0.0, rate_per_s + slope_per_s_per_day * t / kSecondsPerDay);
    case Kind::Compound:
      return rate_per_s * std::pow(1.0 + growth_percent / 100.0, t / growth_period_s);
    case Kind::Logistic: {
      const double k = steepness_per_day / kSecondsPerDay;
      return floor_per_s + (ceiling_per_s - floor_per_s) / (1.0 + std::exp(-k * (t - midpoint_s)));
    }
  }
  return 0.0;
}

double RateCurve::baseUpperBound(double a, double b) const {
  if (kind == Kind::Steps) {
    double m = baseAt(a);
    auto it = std::upper_bound(steps.begin(), steps.end(), a, [](double x, const RateStep& s) { return x < s.at_s; });
    for (; it != steps.end() && it->at_s <= b; ++it) m = std::max(m, it->rate_per_s);
    return m;
  }
  // Every other base kind is monotone in t, so the bound is at an end point.
  return std::max(baseAt(a), baseAt(b));
}

double RateCurve::dailyFactor(double t) const {
  if (!daily.enabled) return 1.0;
  const double hour = std::fmod(start_hour + t / 3600.0, 24.0);
  if (!daily.hourly_factors.empty()) {
    // Factor i applies at hour i + 0.5; interpolate cyclically between neighbours.
    const int n = static_cast<int>(daily.hourly_factors.size());
    double pos = hour - 0.5;
    if (pos < 0) pos += 24.0;
    const int i = static_cast<int>(std::floor(pos)) % n;
    const double frac = pos - std::floor(pos);
    return daily.hourly_factors[i] * (1.0 - frac) + daily.hourly_factors[(i + 1) % n] * frac;
  }
  return 1.0 + daily.amplitude * std::cos(2.0 * std::numbers::pi * (hour - daily.peak_hour) / 24.0);
}

double RateCurve::weeklyFactor(double t) const {
  if (!weekly.enabled || weekly.daily_factors.size() != 7) return 1.0;
  const double days = (start_hour / 24.0) + start_weekday + t / kSecondsPerDay;
  const auto day = static_cast<long long>(std::floor(days)) % 7;
  return weekly.daily_factors[static_cast<std::size_t>(day)];
}

double RateCurve::spikeFactor(double t) const {
  double f = 1.0;
  for (const auto& s : spikes)
    if (t >= s.start_s && t < s.start_s + s.duration_s) f *= s.factor;
  return f;
}

double RateCurve::rateAt(double t) const {
  return std::max(0.0, baseAt(t) * dailyFactor(t) * weeklyFactor(t) * spikeFactor(t));
}

double RateCurve::upperBound(double a, double b) const {
  double bound = baseUpperBound(a, b);
  if (daily.enabled) {
    double m = 1.0 + std::abs(daily.amplitude);
    if (!daily.hourly_factors.empty())
      m = *std::max_element(daily.hourly_factors.begin(), daily.hourly_factors.end());
    bound *= m;
  }
  if (weekly.enabled && weekly.daily_factors.size() == 7)
    bound *= *std::max_element(weekly.daily_factors.begin(), weekly.daily_factors.end());
  double spike = 1.0;
  for (const auto& s : spikes)
    if (s.start_s <= b && s.start_s + s.duration_s > a) spike *= std::max(1.0, s.factor);
  return std::max(0.0, bound * spike);
}

bool RateCurve::isStationary() const {
  if (daily.enabled || weekly.enabled || !spikes.empty()) return false;
  switch (kind) {
    case Kind::Constant: return true;
    case Kind::Steps: return steps.size() <= 1;
    case Kind::Linear: return slope_per_s_per_day == 0.0;
    case Kind::Compound: return growth_percent == 0.0;
    case Kind::Logistic: return floor_per_s == ceiling_per_s;
  }
  return false;
}

std::string RateCurve::kindName() const {
  switch (kind) {
    case Kind::Constant: return "constant";
    case Kind::Steps: return "steps";
    case Kind::Linear: return "linear";
    case Kind::Compound: return "compound";
    case Kind::Logistic: return "logistic";
  }
  return "?";
}

}  // namespace headroom
