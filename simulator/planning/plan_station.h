#pragma once
// One component over one fluid step: given what reaches it and its state, how busy it is, what waits, how long
// a visit takes and what it turns away.
//   - Below saturation with an empty fluid queue: each replica is an M/G/c queue fed by its share of the
//     arrivals (the balancer spreads them): Erlang C with the Allen-Cunneen factor (1 + scv)/2 for the wait,
//     M/M/c/K when the queue is bounded, M/G/c-PS for processor sharing (insensitive mean).
//   - At or beyond saturation, or while a backlog drains: the fluid queue dQ/dt = lambda - mu, clipped at the
//     bounded queue (the overflow is rejected); a visit waits Q / mu.
// Units: rates in REQUESTS PER SECOND, times in SECONDS. Pure, any thread.
#include <optional>

namespace headroom::planning {

struct StationInput {
  double arrivals_per_s = 0.0;
  int replicas = 1;                 // ready replicas (consumers)
  int servers_per_replica = 1;      // workers (cores for processor sharing)
  double hold_mean_s = 0.0;         // what a visit holds a server for (FCFS: including synchronous calls)
  double hold_scv = 1.0;
  bool processor_sharing = false;
  bool infinite_servers = false;    // a delay: never queues
  std::optional<int> queue_capacity_per_replica;
  double throughput_cap_per_s = 0.0;  // another limit on completions (a connection pool); 0 = none
  double queue = 0.0;               // fluid backlog at the start of the step
  double step_s = 60.0;
};

struct StationOutput {
  double utilization = 0.0;       // busy servers / servers
  double queue = 0.0;             // backlog at the end of the step (fluid) or the stationary mean Lq
  double fluid_queue = 0.0;       // the state to carry to the next step (0 when stationary)
  double response_mean_s = 0.0;
  double response_p99_s = 0.0;
  double rejections_per_s = 0.0;  // bounded queue full (or no server at all)
  bool saturated = false;         // the fluid regime: arrivals at or above what it can complete
};

StationOutput evaluateStation(const StationInput& in);

// p99 of one visit's holding time from its mean and squared coefficient of variation (exponential tail when
// scv >= 0.5, else a normal-like spread): used where no queue is involved.
double holdP99(double mean_s, double scv);

}  // namespace headroom::planning
