#pragma once
// `headroom-cli sweep` (locally on all cores, one shard, or as a Slurm job array) and `headroom-cli merge`.
#include <string>
#include <vector>

#include "app/cli_commands.h"
#include "simulator/sweep/shard_folder.h"

namespace headroom::cli {

int commandSweep(const std::vector<std::string>& args, CommandContext& ctx);
int commandMerge(const std::vector<std::string>& args, CommandContext& ctx);

struct SlurmOptions {
  std::string folder;       // shard folder (absolute)
  int shards = 8;
  int max_parallel = 0;     // 0: as many as Slurm runs
  int cpus_per_task = 1;
  int retries = 2;          // re-submissions of failed shards
  double poll_s = 2.0;
  std::string partition;
};
// Submits the shards that have no usable file as a job array, waits, re-submits failed ones, and returns
// the merge (problems empty on success). Ctrl-C (ctx.feedback cancelled) runs scancel and throws.
sweep::MergeReport runSweepOnSlurm(const sweep::SweepPlan& plan, const SlurmOptions& options, CommandContext& ctx);

}  // namespace headroom::cli
