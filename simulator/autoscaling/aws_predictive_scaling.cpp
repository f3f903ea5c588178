#include "simulator/autoscaling/aws_predictive_scaling.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace headroom::autoscaling {
namespace {

constexpr SimTime kHour = 3600 * kNanosPerSecond;
constexpr int kMaxDays = 14;
constexpr int kHorizonHours = 48;
constexpr SimTime kRefresh = 6 * kHour;

std::int64_t hourIndex(SimTime t) { return t >= 0 ? t / kHour : (t - kHour + 1) / kHour; }

}  // namespace

PredictiveScaling::PredictiveScaling(PredictiveScalingConfig config) : config_(config) {
  if (!(config_.target_load_per_instance > 0.0))
    throw std::invalid_argument("predictive scaling: target load per instance must be > 0");
  if (config_.scheduling_buffer_s < 0 || config_.scheduling_buffer_s > 3600)
    throw std::invalid_argument("predictive scaling: SchedulingBufferTime must be within 0-3600 s");
  if (!(config_.max_capacity_buffer_pct >= 0.0) || config_.max_capacity_buffer_pct > 100.0)
    throw std::invalid_argument("predictive scaling: MaxCapacityBuffer must be within 0-100");
}

void PredictiveScaling::recordHourlyLoad(SimTime hourStart, double load) {
  if (!std::isfinite(load) || load < 0.0) throw std::invalid_argument("predictive scaling: load must be >= 0");
  history_[hourIndex(hourStart)] = load;
}

std::optional<ForecastPoint> PredictiveScaling::forecastHour(SimTime hourStart, SimTime asOf) const {
  const std::int64_t h = hourIndex(hourStart);
  const std::int64_t known = hourIndex(asOf);  // hours < known are history
  std::vector<double> ks, vs, trendKs, dayMeans;
  for (int k = 1; k <= kMaxDays; ++k) {
    const std::int64_t same = h - 24LL * k;
    if (same >= known) continue;
    const auto it = history_.find(same);
    if (it == history_.end()) continue;
    // Keep only the last 14 days of history relative to now.
    if (same < known - 24LL * kMaxDays) break;
    double sum = 0.0;
    int n = 0;
    for (std::int64_t j = same - 23; j <= same; ++j) {
      const auto d = history_.find(j);
      if (d != history_.end()) {
        sum += d->second;
        ++n;
      }
    }
    ks.push_back(k);
    vs.push_back(it->second);
    // A day with gaps would bias the trend by its missing hours (the daily shape), so only whole days count.
    if (n == 24) {
      trendKs.push_back(k);
      dayMeans.push_back(sum / n);
    }
  }
  if (vs.empty()) return std::nullopt;
  double meanK = 0.0, meanV = 0.0;
  for (std::size_t i = 0; i < vs.size(); ++i) {
    meanK += ks[i] / static_cast<double>(vs.size());
    meanV += vs[i] / static_cast<double>(vs.size());
  }
  double slope = 0.0;  // load per day, forward in time (time runs as -k)
  if (trendKs.size() >= 2) {
    double mk = 0.0, md = 0.0;
    for (std::size_t i = 0; i < trendKs.size(); ++i) {
      mk += trendKs[i] / static_cast<double>(trendKs.size());
      md += dayMeans[i] / static_cast<double>(trendKs.size());
    }
    double sxx = 0.0, sxy = 0.0;
    for (std::size_t i = 0; i < trendKs.size(); ++i) {
      sxx += (trendKs[i] - mk) * (trendKs[i] - mk);
      sxy += (trendKs[i] - mk) * (dayMeans[i] - md);
    }
    if (sxx > 0.0) slope = -sxy / sxx;
  }
  ForecastPoint p;
  p.hour_start = h * kHour;
  p.load = std::max(0.0, meanV + slope * meanK);
  p.capacity = static_cast<int>(std::ceil(p.load / config_.target_load_per_instance - 1e-9));
  p.days_used = static_cast<int>(vs.size());
  return p;
}

PredictiveDecision PredictiveScaling::evaluate(SimTime now, const AsgCapacity& capacity) {
  PredictiveDecision d;
  d.time = now;
  d.capacity = capacity;
  const std::int64_t nowHour = hourIndex(now);
  int hoursOfHistory = 0;
  for (const auto& [hour, load] : history_)
    if (hour < nowHour) ++hoursOfHistory;
  if (hoursOfHistory < 24) {
    d.reason = "no forecast: " + std::to_string(hoursOfHistory) + " h of history, 24 h needed";
    return d;
  }
  if (!last_refresh_ || now >= *last_refresh_ + kRefresh) {
    forecast_.clear();
    for (int i = 0; i < kHorizonHours; ++i)
      if (auto p = forecastHour((nowHour + i) * kHour, now)) forecast_.push_back(*p);
    last_refresh_ = now;
    d.refreshed = true;
  }
  d.forecast_available = !forecast_.empty();
  const std::int64_t servedHour = hourIndex(now + config_.scheduling_buffer_s * kNanosPerSecond);
  for (const ForecastPoint& p : forecast_)
    if (hourIndex(p.hour_start) == servedHour) d.applied = p;
  if (!d.applied) {
    d.reason = "no forecast for the hour starting at t=" + std::to_string(simTimeToSeconds(servedHour * kHour)) + " s";
    return d;
  }
  std::ostringstream os;
  os << "forecast load " << d.applied->load << " for hour at t=" << simTimeToSeconds(d.applied->hour_start)
     << " s (" << d.applied->days_used << " day(s)) -> " << d.applied->capacity << " instance(s)";
  if (config_.mode == PredictiveMode::ForecastOnly) {
    os << "; ForecastOnly, no action";
    d.reason = os.str();
    return d;
  }
  int wanted = d.applied->capacity;
  if (config_.max_capacity_breach == MaxCapacityBreachBehavior::IncreaseMaxCapacity) {
    // AWS example: forecast 50, max 40, buffer 10% -> effective max 55.
    const int effectiveMax =
        static_cast<int>(std::ceil(wanted * (1.0 + config_.max_capacity_buffer_pct / 100.0) - 1e-9));
    if (effectiveMax > capacity.max) {
      d.capacity.max = effectiveMax;
      os << "; max raised " << capacity.max << " -> " << effectiveMax << " (IncreaseMaxCapacity, buffer "
         << config_.max_capacity_buffer_pct << "%)";
    }
  } else if (wanted > capacity.max) {
    wanted = capacity.max;
    os << "; capped at max " << capacity.max << " (HonorMaxCapacity)";
  }
  if (wanted > capacity.desired) {
    d.capacity.desired = wanted;
    d.changed = true;
    os << "; desired " << capacity.desired << " -> " << wanted;
  } else {
    d.changed = d.capacity.max != capacity.max;
    os << "; desired " << capacity.desired << " already >= forecast, predictive scaling never scales in";
  }
  d.reason = os.str();
  return d;
}

}  // namespace headroom::autoscaling
