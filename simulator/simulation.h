#pragma once
// Entry point of the discrete-event engine. Plain C++, no Qt.
//
// runSimulation() runs independent replications of `scenario` on `threads` worker threads. Replication r
// uses seeds derived from (seed, r) only, and results are combined in replication order, so the same seed
// gives bit-identical results whatever the thread count. Blocking: call it from a worker thread in a GUI.
#include <cstdint>
#include <optional>

#include "model/feedback.h"
#include "model/scenario.h"
#include "simulator/hooks/hooks.h"
#include "simulator/observer.h"
#include "simulator/run_result.h"

namespace headroom {

// Overrides of the scenario's SimulationSettings; unset fields keep the scenario's value.
struct RunOptions {
  std::optional<std::uint64_t> seed;
  std::optional<int> replications;
  std::optional<double> horizon_s;
  std::optional<double> warmup_s;
  std::optional<double> window_s;
  std::optional<std::int64_t> max_requests;
  std::optional<double> target_relative_precision;
  int threads = 0;  // 0 = all hardware threads
  // Extra hooks (autoscalers, fault injectors, collectors) created afresh for every replication.
  HookFactory hooks;
};

// Throws std::invalid_argument if the scenario does not validate (see model/validation.h).
// Cancellation through `feedback` returns promptly with result.cancelled = true and the replications that
// completed. `observer` and `feedback` may be null.
RunResult runSimulation(const Scenario& scenario, const RunOptions& options = {},
                        Feedback* feedback = nullptr, SimulationObserver* observer = nullptr);

}  // namespace headroom
