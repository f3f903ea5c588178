#pragma once
// What "broken" means for a capacity plan (simulator/planning/): the service-level objectives the end-to-end
// traffic must meet, the utilization a component may reach before it counts as out of headroom, and the alert
// rules practitioners set on dashboards. Plain data; JSON in slo_json.h, rules checked by validation.
//
// Units: latency in SECONDS, ratios and utilizations as fractions in [0, 1], durations in SECONDS.
#include <optional>
#include <string>
#include <vector>

namespace headroom {

struct AlertRuleSpec {
  enum class Metric {
    CpuUtilization,   // busy workers / workers of a component > threshold
    P99Increase,      // component p99 grew by more than `threshold` (0.2 = +20%) against for_s earlier
    LatencyMean,      // end-to-end mean latency > threshold seconds
    ErrorRatio,       // end-to-end failed / offered > threshold
    PoolUtilization,  // connections in use / pool size > threshold (components with a connection pool)
    ConsumerLag       // messages waiting in a topic > threshold
  };
  std::string name;
  Metric metric = Metric::CpuUtilization;
  double threshold = 0.8;
  double for_s = 300.0;   // the condition must hold this long (P99Increase: the look-back)
  std::string component;  // empty = every component the metric applies to (or end-to-end)
};

struct SloSpec {
  std::optional<double> p99_s;        // end-to-end p99 latency objective
  std::optional<double> error_ratio;  // end-to-end error objective
  double utilization_threshold = 0.8; // a component out of headroom above this (at its replica cap)
  double sustain_s = 300.0;           // a breach counts once it lasts this long
  std::vector<AlertRuleSpec> alerts;  // empty = the defaults of defaultAlertRules()
};

// CPU > 80% for 5 min, p99 up 20% in 5 min, average latency > 200 ms for 5 min, 5xx > 0.5% over 1 min,
// pool > 90% for 5 min, consumer lag > 1000 messages for 5 min.
std::vector<AlertRuleSpec> defaultAlertRules();
const char* alertMetricName(AlertRuleSpec::Metric m);
std::optional<AlertRuleSpec::Metric> alertMetricFromName(const std::string& name);

}  // namespace headroom
