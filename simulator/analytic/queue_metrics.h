#pragma once
// Steady-state mean values of one queueing station, shared by every closed-form model in this folder.
// Units: rates in REQUESTS PER SECOND, times in SECONDS, counts in REQUESTS, utilization and probabilities
// as fractions in [0, 1]. Plain value type; thread-agnostic.
#include <limits>

namespace headroom::analytic {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct QueueMetrics {
  bool stable = false;                 // false: no steady state exists (offered load >= capacity)
  double utilization = kNaN;           // busy servers / servers
  double throughput_per_s = kNaN;      // admitted (and so completed) requests per second
  double blocking_probability = 0.0;   // arrivals turned away (finite-capacity models only)
  double mean_in_system = kNaN;        // L: waiting + in service
  double mean_queue_length = kNaN;     // Lq: waiting, not in service
  double response_mean_s = kNaN;       // W: arrival to departure, admitted requests only
  double waiting_mean_s = kNaN;        // Wq: arrival to start of service, admitted requests only
};

}  // namespace headroom::analytic
