#include "simulator/sweep/shard_folder.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "model/atomic_file.h"

namespace headroom::sweep {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const char* const kManifestFormat = "headroom-sweep-manifest";

std::optional<json> readJson(const std::string& path, std::string* why) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *why = "missing";
    return std::nullopt;
  }
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::parse_error& e) {
    *why = "unreadable (" + std::string(e.what()) + ")";
    return std::nullopt;
  }
}

}  // namespace

std::string manifestPath(const std::string& dir) { return (fs::path(dir) / "sweep.json").string(); }

void writeManifest(const std::string& dir, const SweepPlan& plan, int shards) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw SweepError(dir + ": cannot create the shard folder (" + ec.message() + ")");
  const std::string path = manifestPath(dir);
  const json manifest = {{"format", kManifestFormat}, {"version", 1}, {"shards", shards},
                         {"digest", planDigest(plan)}, {"sweep", plan.spec}};
  std::string why;
  if (auto existing = readJson(path, &why)) {
    if (existing->value("digest", "") != planDigest(plan))
      throw SweepError(path + ": the folder holds shards of another sweep (digest " + existing->value("digest", "?") +
                       "); use an empty --out folder");
    if (existing->value("shards", 0) != shards)
      throw SweepError(path + ": the folder was split into " + std::to_string(existing->value("shards", 0)) +
                       " shards, not " + std::to_string(shards));
    return;
  }
  writeFileAtomically(path, manifest.dump(1) + "\n");
}

Manifest readManifest(const std::string& dir) {
  const std::string path = manifestPath(dir);
  std::string why;
  const auto j = readJson(path, &why);
  if (!j) throw SweepError(path + ": " + why + " (is '" + dir + "' a shard folder written by 'sweep --shards'?)");
  if (j->value("format", "") != kManifestFormat) throw SweepError(path + ": not a sweep manifest");
  Manifest m;
  m.plan = planSweep(j->at("sweep"), path, dir);
  m.shards = j->value("shards", 0);
  if (m.shards < 1) throw SweepError(path + ": \"shards\" must be >= 1");
  return m;
}

TaskRun runShard(const std::string& dir, const SweepPlan& plan, int shard, int shards, int threads, Feedback* feedback) {
  const auto tasks = shardTasks(plan, shard, shards);
  writeManifest(dir, plan, shards);
  const std::string path = (fs::path(dir) / shardFileName(shard, shards)).string();
  TaskRun run;
  try {
    run = runTasks(plan, tasks, threads, feedback);
  } catch (const std::exception& e) {
    writeFileAtomically(path, shardToJson(plan, shard, shards, TaskRun{}, e.what()).dump() + "\n");
    throw;
  }
  writeFileAtomically(path, shardToJson(plan, shard, shards, run, {}).dump() + "\n");
  return run;
}

std::vector<int> MergeReport::badShards() const {
  std::vector<int> out;
  for (const auto& [shard, why] : problems) out.push_back(shard);
  return out;
}

MergeReport mergeShards(const std::string& dir) {
  const Manifest m = readManifest(dir);
  MergeReport report;
  report.shards = m.shards;
  std::vector<TaskResult> all;
  for (int i = 0; i < m.shards; ++i) {
    const std::string path = (fs::path(dir) / shardFileName(i, m.shards)).string();
    std::string why;
    const auto j = readJson(path, &why);
    if (!j) {
      report.problems.emplace_back(i, why);
      continue;
    }
    try {
      auto tasks = tasksFromShard(m.plan, *j, path);
      if (tasks.size() != shardTasks(m.plan, i, m.shards).size() || j->value("shard", -1) != i)
        throw SweepError(path + ": incomplete (" + std::to_string(tasks.size()) + " of " +
                         std::to_string(shardTasks(m.plan, i, m.shards).size()) + " tasks)");
      for (auto& t : tasks) all.push_back(std::move(t));
    } catch (const SweepError& e) {
      report.problems.emplace_back(i, e.what());
    }
  }
  report.result = aggregate(m.plan, all);
  return report;
}

}  // namespace headroom::sweep
