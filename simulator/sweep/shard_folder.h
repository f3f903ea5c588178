#pragma once
// The sharding contract on disk. A shard folder holds "sweep.json" (the manifest: the self-contained sweep
// and the shard count) and one "shard-<i>-of-<n>.json" per finished shard. Any machine that can read the
// folder can run a shard (`headroom-cli sweep <dir>/sweep.json --shard i --shards n --out <dir>`), and the
// merge names every shard that is missing, failed, cancelled or does not belong.
#include <string>
#include <utility>
#include <vector>

#include "simulator/sweep/sweep_result.h"

namespace headroom::sweep {

std::string manifestPath(const std::string& dir);
// Creates `dir` when needed. Rewriting the same manifest is harmless (shards may all do it); a manifest for
// a different sweep or shard count is refused, naming what differs.
void writeManifest(const std::string& dir, const SweepPlan& plan, int shards);
struct Manifest {
  SweepPlan plan;
  int shards = 0;
};
Manifest readManifest(const std::string& dir);

// Runs shard `shard` and writes its file (status failed with the error when a task throws; the exception
// is rethrown after the file is written).
TaskRun runShard(const std::string& dir, const SweepPlan& plan, int shard, int shards, int threads, Feedback* feedback);

struct MergeReport {
  SweepResult result;
  int shards = 0;
  std::vector<std::pair<int, std::string>> problems;  // shard index, why it is not usable ("missing", ...)
  std::vector<int> badShards() const;
};
MergeReport mergeShards(const std::string& dir);

}  // namespace headroom::sweep
