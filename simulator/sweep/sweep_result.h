#pragma once
// A sweep's results: per point, every KPI's replication values and their mean with a 95% CI. Also the shard
// file: the raw task results of one shard, which merging turns into the same SweepResult as a local run.
// The JSON holds no timing or thread count, so a local run and a merged sharded run compare byte for byte.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "simulator/estimate.h"
#include "simulator/sweep/sweep_plan.h"
#include "simulator/sweep/sweep_runner.h"

namespace headroom::sweep {

struct KpiSummary {
  std::string name;
  Estimate estimate;             // over the point's replications
  std::vector<double> values;    // one per replication, in replication order (NaN: no data)
};

struct PointResult {
  std::size_t index = 0;
  nlohmann::json values;
  std::vector<KpiSummary> kpis;  // in plan.kpis order
};

struct SweepResult {
  std::string name;
  std::string digest;
  int replications = 0;
  std::vector<std::string> variables;
  std::vector<std::string> kpis;
  std::vector<PointResult> points;  // only points with every replication done
  bool complete = false;            // every task of the plan present
};

// `tasks` in any order; the result is the same for any order (tasks are placed by index).
SweepResult aggregate(const SweepPlan& plan, const std::vector<TaskResult>& tasks);
nlohmann::json sweepResultToJson(const SweepResult& result);

// Shard files: "<dir>/shard-<i>-of-<n>.json", written whole (atomically) when the shard ends.
std::string shardFileName(int shard, int shards);
nlohmann::json shardToJson(const SweepPlan& plan, int shard, int shards, const TaskRun& run, const std::string& error);
// Task results of a shard file; throws SweepError naming the file when it is not a finished shard of `plan`.
std::vector<TaskResult> tasksFromShard(const SweepPlan& plan, const nlohmann::json& shard, const std::string& origin);

}  // namespace headroom::sweep
