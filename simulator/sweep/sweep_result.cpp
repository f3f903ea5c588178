#include "simulator/sweep/sweep_result.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

namespace headroom::sweep {
namespace {

using nlohmann::json;

// JSON has no NaN: a KPI without data is null, read back as NaN. Finite doubles round-trip exactly.
json number(double v) { return std::isfinite(v) ? json(v) : json(); }
double numberFrom(const json& j) { return j.is_number() ? j.get<double>() : std::numeric_limits<double>::quiet_NaN(); }

}  // namespace

SweepResult aggregate(const SweepPlan& plan, const std::vector<TaskResult>& tasks) {
  std::vector<std::optional<const TaskResult*>> byTask(plan.taskCount());
  for (const auto& t : tasks)
    if (t.task < byTask.size()) byTask[t.task] = &t;
  SweepResult out;
  out.name = plan.name;
  out.digest = planDigest(plan);
  out.replications = plan.replications;
  for (const auto& v : plan.variables) out.variables.push_back(v.name);
  out.kpis = plan.kpis;
  out.complete = true;
  const auto reps = static_cast<std::size_t>(plan.replications);
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    bool whole = true;
    for (std::size_t r = 0; r < reps; ++r) whole = whole && byTask[p * reps + r].has_value();
    if (!whole) {
      out.complete = false;
      continue;
    }
    PointResult pr;
    pr.index = p;
    pr.values = plan.points[p].values;
    for (std::size_t k = 0; k < plan.kpis.size(); ++k) {
      KpiSummary ks;
      ks.name = plan.kpis[k];
      for (std::size_t r = 0; r < reps; ++r) ks.values.push_back((*byTask[p * reps + r])->kpis[k]);
      ks.estimate = estimateFromSamples(ks.values);
      pr.kpis.push_back(std::move(ks));
    }
    out.points.push_back(std::move(pr));
  }
  return out;
}

json sweepResultToJson(const SweepResult& result) {
  json points = json::array();
  for (const auto& p : result.points) {
    json kpis = json::object();
    for (const auto& k : p.kpis) {
      json values = json::array();
      for (double v : k.values) values.push_back(number(v));
      kpis[k.name] = {{"mean", number(k.estimate.mean)},
                      {"half_width", number(k.estimate.half_width)},
                      {"upper95", number(k.estimate.upper())},
                      {"n", k.estimate.n},
                      {"values", values}};
    }
    points.push_back({{"index", p.index}, {"values", p.values}, {"kpis", kpis}});
  }
  return {{"format", "headroom-sweep-result"}, {"version", 1},       {"name", result.name},
          {"digest", result.digest},           {"replications", result.replications},
          {"variables", result.variables},     {"kpis", result.kpis}, {"complete", result.complete},
          {"points", points}};
}

std::string shardFileName(int shard, int shards) {
  char name[64];
  std::snprintf(name, sizeof name, "shard-%04d-of-%04d.json", shard, shards);
  return name;
}

json shardToJson(const SweepPlan& plan, int shard, int shards, const TaskRun& run, const std::string& error) {
  json tasks = json::array();
  for (const auto& t : run.results) {
    json kpis = json::array();
    for (double v : t.kpis) kpis.push_back(number(v));
    tasks.push_back({{"task", t.task}, {"seed", t.seed}, {"kpis", kpis}});
  }
  const std::string status = !error.empty() ? "failed" : run.cancelled ? "cancelled" : "complete";
  json out = {{"format", "headroom-sweep-shard"}, {"version", 1}, {"digest", planDigest(plan)}, {"shard", shard},
              {"shards", shards}, {"status", status}, {"tasks", tasks}};
  if (!error.empty()) out["error"] = error;
  return out;
}

std::vector<TaskResult> tasksFromShard(const SweepPlan& plan, const json& shard, const std::string& origin) {
  try {
    if (shard.value("format", "") != "headroom-sweep-shard") throw SweepError(origin + ": not a Headroom sweep shard file");
    if (shard.at("digest").get<std::string>() != planDigest(plan))
      throw SweepError(origin + ": belongs to a different sweep (digest " + shard.at("digest").get<std::string>() + ", expected " + planDigest(plan) + ")");
    const std::string status = shard.at("status").get<std::string>();
    if (status != "complete")
      throw SweepError(origin + ": shard " + status + (shard.contains("error") ? ": " + shard["error"].get<std::string>() : ""));
    std::vector<TaskResult> out;
    for (const auto& t : shard.at("tasks")) {
      TaskResult r;
      r.task = t.at("task").get<std::size_t>();
      r.seed = t.at("seed").get<std::uint64_t>();
      if (r.task >= plan.taskCount() || r.seed != plan.seedOf(r.task)) throw SweepError(origin + ": task " + std::to_string(r.task) + " does not belong to this sweep");
      for (const auto& v : t.at("kpis")) r.kpis.push_back(numberFrom(v));
      if (r.kpis.size() != plan.kpis.size()) throw SweepError(origin + ": task " + std::to_string(r.task) + " has the wrong number of KPIs");
      out.push_back(std::move(r));
    }
    return out;
  } catch (const json::exception& e) {
    throw SweepError(origin + ": malformed shard file (" + e.what() + ")");
  }
}

}  // namespace headroom::sweep
