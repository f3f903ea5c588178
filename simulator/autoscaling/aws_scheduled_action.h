#pragma once
// EC2 Auto Scaling scheduled actions: set min/max/desired capacity at a time, once or on a cron recurrence.
//
// Cron expressions have the five Unix fields (minute hour day-of-month month day-of-week, UTC) with `*`,
// lists, ranges and `/step`; day-of-week 0 and 7 are Sunday; when both day fields are restricted a day matches
// if either matches (Vixie cron). Calendar time comes from `epoch_unix_s`, the UTC instant of SimTime 0.
// The engine calls due() with non-decreasing times (every minute is enough: actions have minute granularity)
// and applies the returned actions in order. Single-threaded.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "simulator/autoscaling/aws_common.h"

namespace headroom::autoscaling {

// A parsed 5-field cron expression. Throws std::invalid_argument naming the field on bad input.
class CronSchedule {
 public:
  explicit CronSchedule(const std::string& expression);
  // Whether the minute starting at `unixSeconds` (UTC, a multiple of 60) matches.
  bool matches(std::int64_t unixSeconds) const;

 private:
  std::vector<bool> minute_, hour_, dom_, month_, dow_;
  bool dom_star_ = true, dow_star_ = true;
};

struct ScheduledAction {
  std::string name;
  SimTime start = 0;                  // one-off time, or first time the recurrence may fire
  std::optional<std::string> recurrence;  // cron; nullopt = once at `start`
  std::optional<SimTime> end;
  std::optional<int> min_size, max_size, desired_capacity;
};

struct FiredAction {
  SimTime time = 0;  // when it was due
  std::string name;
  AsgCapacity before, after;
  std::string reason;
};

class ScheduledScaler {
 public:
  // Throws std::invalid_argument when an action sets nothing, has a bad cron, or has min > max.
  ScheduledScaler(std::vector<ScheduledAction> actions, std::int64_t epoch_unix_s = 0);

  // Applies every action due in (last call, now] to `capacity` (desired is clamped into the new [min, max])
  // and returns them in time order.
  std::vector<FiredAction> due(SimTime now, AsgCapacity& capacity);

 private:
  std::vector<ScheduledAction> actions_;
  std::vector<std::optional<CronSchedule>> crons_;
  std::int64_t epoch_unix_s_;
  std::optional<SimTime> last_;
};

}  // namespace headroom::autoscaling
