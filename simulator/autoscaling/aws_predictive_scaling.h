#pragma once
// EC2 Auto Scaling predictive scaling, with a documented stand-in for AWS's (unpublished) forecaster.
//
// The engine records the group's load once per hour (e.g. mean requests/s or total CPU cores used in that
// hour, hour_start a multiple of 1 h) and calls evaluate() every minute or so. Rules reproduced: no forecast
// before 24 h of history; at most the last 14 days are used; a 48 h hourly forecast is (re)computed every 6 h;
// the capacity for an hour is put in place SchedulingBufferTime (default 300 s) before the hour starts;
// ForecastOnly only reports; ForecastAndScale raises desired capacity to the forecast but never lowers it
// (scale-in is left to a reactive policy); MaxCapacityBreachBehavior HonorMaxCapacity caps at max,
// IncreaseMaxCapacity raises max to forecast * (1 + MaxCapacityBuffer/100) when that exceeds it.
//
// Forecaster (ours): for target hour H, take the load at the same hour on each past day k = 1..14 that has a
// value; forecast = mean + trend * mean(k), where trend is the least-squares slope (load per day) of the
// daily mean load of those days (complete 24 h windows ending at H - 24k h), so a steady growth is carried
// forward. Forecast capacity = ceil(load / target_load_per_instance). Single-threaded.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "simulator/autoscaling/aws_common.h"

namespace headroom::autoscaling {

enum class PredictiveMode { ForecastOnly, ForecastAndScale };
enum class MaxCapacityBreachBehavior { HonorMaxCapacity, IncreaseMaxCapacity };

struct PredictiveScalingConfig {
  double target_load_per_instance = 100.0;  // load one instance carries at the policy's target
  PredictiveMode mode = PredictiveMode::ForecastOnly;
  int scheduling_buffer_s = 300;
  MaxCapacityBreachBehavior max_capacity_breach = MaxCapacityBreachBehavior::HonorMaxCapacity;
  double max_capacity_buffer_pct = 0.0;
};

struct ForecastPoint {
  SimTime hour_start = 0;
  double load = 0.0;
  int capacity = 0;
  int days_used = 0;
};

struct PredictiveDecision {
  SimTime time = 0;
  bool forecast_available = false;
  bool refreshed = false;               // the forecast was recomputed at this call
  std::optional<ForecastPoint> applied;  // the hour whose capacity is in force now (now + buffer)
  AsgCapacity capacity;
  bool changed = false;
  std::string reason;
};

class PredictiveScaling {
 public:
  explicit PredictiveScaling(PredictiveScalingConfig config);  // throws std::invalid_argument

  // Load of the hour starting at hour_start (a multiple of 3600 s; later values replace earlier ones).
  void recordHourlyLoad(SimTime hour_start, double load);
  PredictiveDecision evaluate(SimTime now, const AsgCapacity& capacity);

  const std::vector<ForecastPoint>& forecast() const { return forecast_; }
  // The forecaster alone, for hour H using history strictly before `asOf`.
  std::optional<ForecastPoint> forecastHour(SimTime hourStart, SimTime asOf) const;

 private:
  PredictiveScalingConfig config_;
  std::map<std::int64_t, double> history_;  // hour index -> load
  std::vector<ForecastPoint> forecast_;
  std::optional<SimTime> last_refresh_;
};

}  // namespace headroom::autoscaling
