#pragma once
// Runs (point, replication) tasks of a plan on a pool of threads. Each task is one single-threaded
// replication with its own derived seed, so a task's KPI values are the same whichever thread, shard or
// machine runs it; results are returned in task order.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "model/feedback.h"
#include "simulator/sweep/sweep_plan.h"

namespace headroom::sweep {

struct TaskResult {
  std::size_t task = 0;
  std::uint64_t seed = 0;
  std::vector<double> kpis;  // in plan.kpis order; NaN where a KPI had no data
};

struct TaskRun {
  std::vector<TaskResult> results;  // the tasks that finished, in task order
  bool cancelled = false;
};

// `tasks`: indices into [0, plan.taskCount()). threads <= 0 means all hardware threads. Progress (fraction of
// `tasks` done, including the running ones' share) and cancellation go through `feedback` (may be null).
// A task that throws stops the run; the exception is rethrown with the point and replication named.
TaskRun runTasks(const SweepPlan& plan, const std::vector<std::size_t>& tasks, int threads, Feedback* feedback);

// The tasks of shard `shard` of `shards`: every shards-th task starting at `shard` (round robin spreads
// cheap and expensive points evenly).
std::vector<std::size_t> shardTasks(const SweepPlan& plan, int shard, int shards);

}  // namespace headroom::sweep
