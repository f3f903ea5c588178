#pragma once
// Limits that keep a scenario inside what this machine can simulate, checked before anything runs: a run
// that would exhaust memory or never finish is refused up front with the estimate that condemned it
// (docs/reliability.md). The limits are fixed, not read from the machine, so a scenario that validates on
// one computer validates on every other.
#include <cstdint>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "model/validation.h"

namespace headroom::limits {

// One arrival per nanosecond: the engine's clock cannot separate arrivals any closer.
inline constexpr double kMaxArrivalRatePerS = 1e9;
// Longest mean of a duration (service, work, think time): 10^7 s (116 days) keeps every sampled time and every
// processor-sharing completion far inside the +-292 years an int64 nanosecond clock can count.
inline constexpr double kMaxDurationS = 1e7;
// Longest horizon: 10^9 s (31 years), a tenth of what the clock can count.
inline constexpr double kMaxHorizonS = 1e9;
// Requests one run may plan (expected arrivals x replications) unless simulation.max_requests caps it: about an
// hour of simulation on one core; a larger plan is almost always a unit mistake (per ms instead of per s).
inline constexpr double kMaxPlannedRequests = 1e9;
// Memory a run may plan for (results kept per replication, state per component and per user).
inline constexpr double kMemoryBudgetBytes = 4.0 * 1024 * 1024 * 1024;
// Nesting of branch steps inside branch arms, and of JSON arrays/objects in any file we parse: deeper input
// is refused before a recursive walk could exhaust the stack or build quadratic paths.
inline constexpr int kMaxBranchDepth = 32;
inline constexpr int kMaxJsonDepth = 256;

// Costs behind the memory estimate, measured on this code base (docs/reliability.md has the commands).
inline constexpr double kBytesPerComponent = 160.0 * 1024;     // an idle component's kernel state and results
inline constexpr double kBytesPerUser = 512.0;                 // one closed-population user (a job in flight)
inline constexpr double kBytesPerWindowValue = 2 * 8.0;        // mean + half-width per window, KPI and entity
inline constexpr double kWindowKpisPerEntity = 12.0;           // windowed KPIs stored per component
inline constexpr double kBytesPerReplicationEntity = 64 * 8.0; // scalar KPIs kept per replication and entity

// The settings a run will really use (the scenario's, or the command line's overrides).
struct RunPlan {
  double horizon_s = 0;
  double window_s = 0;        // 0 = horizon / 120, as the engine does
  int replications = 1;       // the most replications the run may make
  std::int64_t max_requests = 0;
};

struct RunEstimate {
  double peak_rate_per_s = 0;  // highest arrival rate of any open source over the horizon (may be inf)
  double requests = 0;         // expected arrivals over all replications, capped by max_requests
  double memory_bytes = 0;
  double memory_per_replication_bytes = 0;  // results kept for one replication
};

RunPlan planOf(const SimulationSettings& settings);
RunEstimate estimateRun(const Scenario& scenario, const RunPlan& plan);
// Issues for every limit the plan breaks, each with its estimate ("about 2.1e+11 bytes (200 GB) ...").
std::vector<ValidationIssue> checkRunLimits(const Scenario& scenario, const RunPlan& plan);

// "3.2 GB", "512 MB": a byte count for a message.
std::string formatBytes(double bytes);

}  // namespace headroom::limits
