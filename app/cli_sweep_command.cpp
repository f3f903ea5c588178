#include "app/cli_sweep_command.h"

#include <unistd.h>

#include <cctype>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "app/cli_args.h"
#include "model/scenario_json.h"
#include "simulator/sweep/batch_scripts.h"
#include "simulator/sweep/sweep_result.h"

namespace headroom::cli {
namespace {

using namespace headroom::sweep;
namespace fs = std::filesystem;

int threadsOption(const Args& a) {
  const auto v = a.integer("threads");
  if (v && *v < 0) throw UsageError("--threads must be >= 0");
  return v ? static_cast<int>(*v) : 0;
}

std::string cell(const KpiSummary& k) {
  std::ostringstream s;
  s << std::setprecision(4);
  if (!std::isfinite(k.estimate.mean)) return "-";
  s << k.estimate.mean;
  if (std::isfinite(k.estimate.half_width)) s << " ±" << std::setprecision(2) << k.estimate.half_width;
  return s.str();
}

// One row per point: the variable values, then each KPI's mean and 95% CI half-width.
void printTable(const SweepResult& r, std::ostream& out) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> head{"point"};
  for (const auto& v : r.variables) head.push_back(v);
  for (const auto& k : r.kpis) head.push_back(k);
  rows.push_back(head);
  for (const auto& p : r.points) {
    std::vector<std::string> row{std::to_string(p.index)};
    for (const auto& v : r.variables) row.push_back(p.values[v].is_string() ? p.values[v].get<std::string>() : p.values[v].dump());
    for (const auto& k : p.kpis) row.push_back(cell(k));
    rows.push_back(row);
  }
  std::vector<std::size_t> width(head.size(), 0);
  for (const auto& row : rows)
    for (std::size_t c = 0; c < row.size(); ++c) width[c] = std::max(width[c], row[c].size());
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) out << (c ? "  " : "") << std::setw(static_cast<int>(width[c])) << row[c];
    out << "\n";
  }
}

void storeInProject(const std::string& path, const SweepPlan& plan, const SweepResult& r, std::ostream& out) {
  Project project = openOrCreateProject(path);
  const Scenario base = scenarioFromJson(plan.base, plan.name + ": base scenario");
  const std::int64_t version = storeScenarioVersion(project, base, "base of sweep '" + plan.name + "'");
  const auto id = project.saveSweep({base.name, version, plan.name, r.digest, plan.spec.dump(), sweepResultToJson(r).dump()});
  out << "stored in " << path << ": scenario '" << base.name << "' version " << version << ", sweep #" << id << "\n";
}

int report(const SweepResult& r, const Args& a, CommandContext& ctx, const SweepPlan& plan) {
  if (!a.flag("quiet")) printTable(r, ctx.out);
  if (auto p = a.value("json")) writeOutput(*p, sweepResultToJson(r).dump(2) + "\n", ctx.out);
  if (auto p = a.value("project"); p && r.complete) storeInProject(*p, plan, r, ctx.out);
  return r.complete ? 0 : 130;
}

std::string defaultFolder(const std::string& sweepPath) {
  return (fs::absolute(fs::path(sweepPath)).parent_path() / (fs::path(sweepPath).stem().string() + "-shards")).string();
}

void showProgress(Feedback& feedback, CommandContext& ctx, bool enabled) {
  if (!enabled) return;
  feedback.setProgressCallback([&ctx](double f, const std::string&) {
    ctx.err << "\rsweep " << std::fixed << std::setprecision(1) << f * 100.0 << "%" << std::flush;
  });
}

}  // namespace

int commandSweep(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv, {"threads", "project", "json", "shard", "shards", "out", "partition", "max-parallel", "retries", "poll", "kubernetes", "image", "volume-claim"},
               {"slurm", "quiet", "no-progress"});
  if (a.positional().size() != 1) throw UsageError("expected exactly one SWEEP file");
  const std::string path = a.positional().front();
  const SweepPlan plan = loadSweepFile(path);
  const int threads = threadsOption(a);
  const bool progress = ctx.interactive && !a.flag("no-progress");

  if (a.flag("slurm")) {
    if (a.value("shard")) throw UsageError("--slurm submits every shard; --shard runs one (it is what each array task runs)");
    SlurmOptions o;
    o.folder = fs::absolute(a.value("out").value_or(defaultFolder(path))).string();
    o.shards = static_cast<int>(a.integer("shards").value_or(std::min<long long>(8, static_cast<long long>(plan.taskCount()))));
    o.max_parallel = static_cast<int>(a.integer("max-parallel").value_or(0));
    o.retries = static_cast<int>(a.integer("retries").value_or(2));
    o.poll_s = a.number("poll").value_or(2.0);
    o.cpus_per_task = std::max(1, threads);
    o.partition = a.value("partition").value_or("");
    if (o.shards < 1 || o.max_parallel < 0 || o.retries < 0 || !(o.poll_s > 0)) throw UsageError("--shards >= 1, --max-parallel >= 0, --retries >= 0, --poll > 0");
    MergeReport merged;
    try {
      merged = runSweepOnSlurm(plan, o, ctx);
    } catch (const std::exception& e) {
      if (!ctx.feedback.isCancelled()) throw;
      ctx.err << e.what() << "\n";
      return 130;
    }
    for (const auto& [shard, why] : merged.problems) ctx.err << "shard " << shard << " of " << merged.shards << ": " << why << "\n";
    if (!merged.problems.empty()) return 1;
    return report(merged.result, a, ctx, plan);
  }

  if (auto k8s = a.value("kubernetes")) {
    const auto shards = a.integer("shards");
    if (!shards || *shards < 1) throw UsageError("--kubernetes needs --shards N");
    BatchJob job;
    job.name = "headroom-";
    for (char c : plan.name) job.name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : '-';
    job.name = job.name.substr(0, 63);  // a DNS label
    job.cli = "headroom-cli";
    job.folder = a.value("out").value_or("/shards");
    job.shards = static_cast<int>(*shards);
    job.cpus_per_task = std::max(1, threads);
    job.image = a.value("image").value_or("headroom:latest");
    job.volume_claim = a.value("volume-claim").value_or("headroom-shards");
    writeOutput(*k8s, kubernetesIndexedJob(job, static_cast<int>(a.integer("max-parallel").value_or(0))), ctx.out);
    return 0;
  }

  if (a.value("shards") || a.value("shard")) {
    const auto shards = a.integer("shards");
    const auto out = a.value("out");
    if (!shards || !out) throw UsageError("sharding needs --shards N and --out DIR (and --shard i to run shard i)");
    if (*shards < 1) throw UsageError("--shards must be >= 1");
    if (!a.value("shard")) {
      writeManifest(*out, plan, static_cast<int>(*shards));  // prepare the folder; shards run elsewhere
      ctx.out << *out << ": " << *shards << " shards of " << plan.taskCount() << " tasks; run each with --shard i\n";
      return 0;
    }
    const int shard = static_cast<int>(*a.integer("shard"));
    Feedback& fb = ctx.feedback;
    showProgress(fb, ctx, progress);
    const TaskRun run = runShard(*out, plan, shard, static_cast<int>(*shards), threads, &fb);
    if (progress) ctx.err << "\n";
    if (!a.flag("quiet"))
      ctx.out << "shard " << shard << " of " << *shards << ": " << run.results.size() << " tasks -> "
              << (fs::path(*out) / shardFileName(shard, static_cast<int>(*shards))).string() << "\n";
    return run.cancelled ? 130 : 0;
  }

  std::vector<std::size_t> tasks(plan.taskCount());
  for (std::size_t t = 0; t < tasks.size(); ++t) tasks[t] = t;
  showProgress(ctx.feedback, ctx, progress);
  const TaskRun run = runTasks(plan, tasks, threads, &ctx.feedback);
  if (progress) ctx.err << "\n";
  return report(aggregate(plan, run.results), a, ctx, plan);
}

int commandMerge(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv, {"project", "json", "threads"}, {"rerun", "quiet", "no-progress"});
  if (a.positional().size() != 1) throw UsageError("expected exactly one shard folder");
  const std::string dir = a.positional().front();
  MergeReport merged = mergeShards(dir);
  if (!merged.problems.empty() && a.flag("rerun")) {
    const Manifest m = readManifest(dir);
    for (const auto& [shard, why] : merged.problems) {
      ctx.err << "re-running shard " << shard << " of " << merged.shards << " (" << why << ")\n";
      runShard(dir, m.plan, shard, m.shards, threadsOption(a), &ctx.feedback);
      if (ctx.feedback.isCancelled()) return 130;
    }
    merged = mergeShards(dir);
  }
  for (const auto& [shard, why] : merged.problems) ctx.err << "shard " << shard << " of " << merged.shards << ": " << why << "\n";
  if (!merged.problems.empty()) {
    ctx.err << merged.problems.size() << " of " << merged.shards << " shard(s) unusable; run them again or use --rerun\n";
    return 1;
  }
  return report(merged.result, a, ctx, readManifest(dir).plan);
}

}  // namespace headroom::cli
