#pragma once
// A sweep file (docs/sweeps.md) parsed and expanded into its points: one scenario per point, the KPIs to
// collect and the seed of every (point, replication) task. Everything a run needs, nothing about how it runs.
//
// Seeds: task (p, r) uses taskSeed(scenario_hash, point p's values, r, sweep seed) — the hash of the base
// scenario's JSON, the variable values (not the point's position) and the replication — so a task's result
// depends on nothing else: not on threads, shards, machines, nor on the order of the sweep's listing.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/scenario.h"

namespace headroom::sweep {

class SweepError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Variable {
  std::string name;
  std::vector<std::string> pointers;  // every pointer receives the same value
  enum class Kind { List, Range, LatinHypercube } kind = Kind::List;
  std::vector<nlohmann::json> values;  // List and Range: the values in order
  double lhs_min = 0, lhs_max = 0;     // LatinHypercube
  bool lhs_integer = false;
};

struct SweepPoint {
  nlohmann::json values;  // {"variable name": value, ...}
  Scenario scenario;      // the base with the values applied, validated
};

struct SweepPlan {
  std::string name;
  nlohmann::json spec;          // the sweep file with the base scenario inlined: self-contained (shards use it)
  nlohmann::json base;          // the base scenario document
  std::uint64_t scenario_hash = 0;
  std::uint64_t seed = 0;       // the sweep's own seed (default 1), mixed into every task seed
  int replications = 1;
  int samples = 0;              // Latin hypercube rows (0 when no variable is sampled)
  std::vector<Variable> variables;
  std::vector<std::string> kpis;
  std::vector<SweepPoint> points;

  std::size_t taskCount() const { return points.size() * static_cast<std::size_t>(replications); }
  std::size_t pointOf(std::size_t task) const { return task / static_cast<std::size_t>(replications); }
  int replicationOf(std::size_t task) const { return static_cast<int>(task % static_cast<std::size_t>(replications)); }
  std::uint64_t seedOf(std::size_t task) const;
};

// Hex digest of the plan's identity (spec with inlined base): shard files carry it so merge refuses to mix
// results of different sweeps.
std::string planDigest(const SweepPlan& plan);

std::uint64_t taskSeed(std::uint64_t scenario_hash, const nlohmann::json& point_values, int replication,
                       std::uint64_t sweep_seed);

// `origin` names the file in errors; `base_dir` resolves a relative "base" path. Throws SweepError naming the
// field, the variable or the point at fault.
// One entry of a sweep file's "variables" list (name, pointer(s), values | range | lhs), read on its own: the
// optimizer's variable files use the same syntax. `origin` names the file in errors; throws SweepError.
Variable readSweepVariable(const nlohmann::json& spec, const std::string& origin, std::size_t index);

SweepPlan planSweep(const nlohmann::json& spec, const std::string& origin, const std::string& base_dir);
SweepPlan loadSweepFile(const std::string& path);

}  // namespace headroom::sweep
