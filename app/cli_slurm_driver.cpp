// The Slurm side of `headroom-cli sweep --slurm`: writes the batch script, submits the shards as a job array
// with sbatch, polls squeue (and sacct where accounting is on), re-submits failed shards, scancel on Ctrl-C.
// Whether a shard succeeded is decided by its shard file (the contract), not by what Slurm says.
#include <chrono>
#include <filesystem>
#include <thread>

#include "app/child_process.h"
#include "app/cli_sweep_command.h"
#include "model/atomic_file.h"
#include "simulator/sweep/batch_scripts.h"

namespace headroom::cli {
namespace {

using namespace headroom::sweep;
namespace fs = std::filesystem;

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

ProcessOutput mustRun(const std::vector<std::string>& argv) {
  ProcessOutput r = runProcess(argv);
  if (r.exit_code != 0) throw std::runtime_error(argv[0] + " failed (exit " + std::to_string(r.exit_code) + "): " + trim(r.output));
  return r;
}

class SweepCancelled : public std::runtime_error {
 public:
  SweepCancelled() : std::runtime_error("cancelled: the Slurm job was cancelled with scancel") {}
};

// Waits until the array job has left the queue; Ctrl-C cancels it.
void waitForJob(const std::string& job, const SlurmOptions& o, CommandContext& ctx) {
  std::string lastLine;
  for (;;) {
    const ProcessOutput q = runProcess({"squeue", "-h", "-r", "-j", job, "-o", "%i|%T"});
    // A finished job leaves the queue; squeue then prints nothing, or "Invalid job id" once purged.
    if (q.exit_code != 0 && q.output.find("Invalid job id") == std::string::npos)
      throw std::runtime_error("squeue failed (exit " + std::to_string(q.exit_code) + "): " + trim(q.output));
    const auto states = parseArrayStates(q.exit_code == 0 ? q.output : std::string());
    if (states.empty() && trim(q.output).find('|') == std::string::npos) return;
    int running = 0, pending = 0;
    for (const auto& [task, state] : states) (state == "RUNNING" ? running : pending)++;
    const std::string line = "slurm job " + job + ": " + std::to_string(running) + " running, " +
                             std::to_string(pending) + " other (pending/completing)";
    if (line != lastLine) ctx.err << line << "\n";
    lastLine = line;
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(o.poll_s);
    while (std::chrono::steady_clock::now() < until) {
      if (ctx.feedback.isCancelled()) {
        runProcess({"scancel", job});
        ctx.err << "scancel " << job << "\n";
        throw SweepCancelled();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
}

// sacct states are only a hint for the user (accounting may be off); the shard files decide.
void reportAccounting(const std::string& job, CommandContext& ctx) {
  const ProcessOutput a = runProcess({"sacct", "-n", "-P", "-X", "-j", job, "-o", "JobID,State"});
  if (a.exit_code != 0) return;
  for (const auto& [task, state] : parseArrayStates(a.output))
    if (state != "COMPLETED") ctx.err << "slurm job " << job << " task " << task << ": " << state << "\n";
}

}  // namespace

MergeReport runSweepOnSlurm(const SweepPlan& plan, const SlurmOptions& o, CommandContext& ctx) {
  writeManifest(o.folder, plan, o.shards);
  BatchJob job;
  job.name = "headroom-" + plan.name;
  std::error_code ec;
  job.cli = fs::read_symlink("/proc/self/exe", ec).string();
  if (ec) throw std::runtime_error("cannot find the path of headroom-cli (/proc/self/exe): " + ec.message());
  job.folder = o.folder;
  job.shards = o.shards;
  job.cpus_per_task = o.cpus_per_task;
  job.partition = o.partition;
  const std::string script = (fs::path(o.folder) / "sweep.sbatch").string();
  writeFileAtomically(script, slurmBatchScript(job));

  MergeReport merged = mergeShards(o.folder);  // shards already done (an earlier, interrupted run) are kept
  for (int attempt = 0; !merged.problems.empty() && attempt <= o.retries; ++attempt) {
    const auto todo = merged.badShards();
    if (attempt > 0)
      for (const auto& [shard, why] : merged.problems) ctx.err << "re-submitting shard " << shard << " (" << why << ")\n";
    std::vector<std::string> sbatch{"sbatch", "--parsable", "--array=" + slurmArraySpec(todo, o.max_parallel)};
    sbatch.push_back(script);
    std::string id = trim(mustRun(sbatch).output);
    id = id.substr(0, id.find(';'));  // "123;cluster" on federated set-ups
    ctx.err << "submitted slurm job " << id << " (" << todo.size() << " shards, script " << script << ")\n";
    waitForJob(id, o, ctx);
    reportAccounting(id, ctx);
    merged = mergeShards(o.folder);
  }
  return merged;
}

}  // namespace headroom::cli
