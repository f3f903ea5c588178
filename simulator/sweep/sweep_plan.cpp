#include "simulator/sweep/sweep_plan.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <set>
#include <sstream>

#include "model/json_reader.h"
#include "model/scenario_json.h"
#include "model/validation.h"
#include "simulator/random_stream.h"
#include "simulator/sweep/json_pointer_edit.h"
#include "simulator/sweep/kpi_names.h"

namespace headroom::sweep {
namespace {

using nlohmann::json;
using json_detail::FieldError;
using json_detail::JsonPath;
using json_detail::ObjectReader;

const char* const kFormat = "headroom-sweep";
const std::vector<std::string> kDefaultKpis = {"end_to_end.response_mean_s", "end_to_end.response_p99_s",
                                               "end_to_end.throughput_per_s", "end_to_end.error_ratio"};
constexpr std::size_t kMaxPoints = 1'000'000;

json readJsonFile(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw SweepError(path + ": cannot open " + what);
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::parse_error& e) {
    throw SweepError(path + ": not valid JSON (" + e.what() + ")");
  }
}

std::vector<json> rangeValues(ObjectReader& r, const std::string& var) {
  const json& range = r.required("range");
  ObjectReader rr(range, r.pathOf("range"), r.context());
  const double from = rr.number("from"), to = rr.number("to"), step = rr.number("step");
  rr.finish();
  if (!(step > 0)) rr.fail("step", "must be > 0");
  if (to < from) rr.fail("to", "must be >= from");
  const bool integral = range["from"].is_number_integer() && range["step"].is_number_integer();
  const double count = std::floor((to - from) / step + 1e-9) + 1;
  if (count > static_cast<double>(kMaxPoints)) rr.fail("step", "gives more than a million values");
  std::vector<json> values;
  for (long k = 0; k < static_cast<long>(count); ++k) {
    // from + k*step, not repeated addition, so the values do not drift.
    if (integral)
      values.emplace_back(range["from"].get<std::int64_t>() + k * range["step"].get<std::int64_t>());
    else
      values.emplace_back(from + static_cast<double>(k) * step);
  }
  return values;
}

Variable readVariable(const json& j, const JsonPath& path) {
  ObjectReader r(j, path, "variable");
  Variable v;
  v.name = r.string("name");
  r.setContext("variable '" + v.name + "'");
  if (const json* p = r.optional("pointer")) v.pointers.push_back(json_detail::readString(*p, r.pathOf("pointer"), r.context()));
  if (const json* ps = r.optional("pointers")) {
    const json& arr = json_detail::requireArray(*ps, r.pathOf("pointers"), r.context());
    for (std::size_t i = 0; i < arr.size(); ++i)
      v.pointers.push_back(json_detail::readString(arr[i], r.pathOf("pointers").index(i), r.context()));
  }
  if (v.pointers.empty()) r.failHere("needs \"pointer\" (or \"pointers\"): the scenario field(s) it sets");
  const int kinds = int(r.has("values")) + int(r.has("range")) + int(r.has("lhs"));
  if (kinds != 1) r.failHere("needs exactly one of \"values\" (a list), \"range\" {from, to, step} or \"lhs\" {min, max}");
  if (const json* vals = r.optional("values")) {
    const json& arr = json_detail::requireArray(*vals, r.pathOf("values"), r.context());
    if (arr.empty()) r.fail("values", "is empty");
    v.values.assign(arr.begin(), arr.end());
  } else if (r.has("range")) {
    v.kind = Variable::Kind::Range;
    v.values = rangeValues(r, v.name);
  } else {
    v.kind = Variable::Kind::LatinHypercube;
    ObjectReader lr(r.required("lhs"), r.pathOf("lhs"), r.context());
    v.lhs_min = lr.number("min");
    v.lhs_max = lr.number("max");
    if (const json* integer = lr.optional("integer")) v.lhs_integer = json_detail::readBool(*integer, lr.pathOf("integer"), r.context());
    lr.finish();
    if (!(v.lhs_max >= v.lhs_min)) lr.fail("max", "must be >= min");
  }
  r.finish();
  return v;
}

// Latin hypercube: each sampled variable's range is cut into `samples` equal strata, every stratum used once,
// the pairing of strata across variables random. Drawn from the sweep seed and the variable's name only.
std::vector<std::vector<json>> latinHypercube(const std::vector<const Variable*>& vars, int samples,
                                              std::uint64_t seed, std::uint64_t scenario_hash) {
  std::vector<std::vector<json>> rows(static_cast<std::size_t>(samples));
  for (const Variable* v : vars) {
    RandomStream rng(splitMix64(seed) ^ scenario_hash, "lhs/" + v->name);
    std::vector<int> strata(static_cast<std::size_t>(samples));
    std::iota(strata.begin(), strata.end(), 0);
    for (std::size_t i = strata.size(); i > 1; --i) std::swap(strata[i - 1], strata[rng.below(i)]);
    for (int i = 0; i < samples; ++i) {
      const double u = (strata[static_cast<std::size_t>(i)] + rng.uniform()) / samples;
      if (v->lhs_integer) {
        const double lo = std::ceil(v->lhs_min), hi = std::floor(v->lhs_max);
        rows[static_cast<std::size_t>(i)].emplace_back(static_cast<std::int64_t>(std::min(hi, lo + std::floor(u * (hi - lo + 1)))));
      } else {
        rows[static_cast<std::size_t>(i)].emplace_back(v->lhs_min + u * (v->lhs_max - v->lhs_min));
      }
    }
  }
  return rows;
}

std::string describePoint(const json& values) {
  std::string out;
  for (auto it = values.begin(); it != values.end(); ++it) out += (out.empty() ? "" : ", ") + it.key() + "=" + it.value().dump();
  return out;
}

// The document pointers apply to: the base as written, or, when a pointer names a field the file leaves at
// its default, the base as Headroom writes it back (every field spelled out).
json editableBase(const json& base, const std::vector<Variable>& vars, const std::string& origin) {
  bool allPresent = true;
  json probe = base;
  for (const auto& v : vars)
    for (const auto& p : v.pointers) allPresent = allPresent && resolvePointer(probe, p) != nullptr;
  if (allPresent) return base;
  json full = scenarioToJson(scenarioFromJson(base, origin + ": base scenario"));
  for (const auto& v : vars)
    for (const auto& p : v.pointers) {
      std::string why;
      if (!resolvePointer(full, p, &why) && !resolvePointer(probe, p))
        throw SweepError(origin + ": variable '" + v.name + "': pointer " + why + " in the base scenario");
    }
  return full;
}

}  // namespace

std::uint64_t taskSeed(std::uint64_t scenario_hash, const json& point_values, int replication, std::uint64_t sweep_seed) {
  std::uint64_t s = scenario_hash ^ (0x9E3779B97F4A7C15ULL * (sweep_seed + 1));
  s = splitMix64(s) ^ stableHash(point_values.dump());
  s = splitMix64(s) ^ (0xA0761D6478BD642FULL * static_cast<std::uint64_t>(replication + 1));
  return splitMix64(s);
}

std::uint64_t SweepPlan::seedOf(std::size_t task) const {
  return taskSeed(scenario_hash, points[pointOf(task)].values, replicationOf(task), seed);
}

std::string planDigest(const SweepPlan& plan) {
  std::ostringstream hex;
  hex << std::hex << stableHash(plan.spec.dump());
  return hex.str();
}

Variable readSweepVariable(const json& spec, const std::string& origin, std::size_t index) {
  try {
    return readVariable(spec, JsonPath().key("variables").index(index));
  } catch (const json_detail::FieldError& e) {
    throw SweepError(origin + ": " + e.what());
  }
}

SweepPlan planSweep(const json& spec, const std::string& origin, const std::string& base_dir) {
  SweepPlan plan;
  try {
    ObjectReader r(spec, JsonPath{}, {});
    const std::string format = r.string("format");
    if (format != kFormat) r.fail("format", "is '" + format + "', expected '" + kFormat + "' (not a Headroom sweep file)");
    if (const json* version = r.optional("version"); version && *version != 1) r.fail("version", "must be 1");
    plan.name = r.string("name");
    const json& base = r.required("base");
    if (base.is_string()) {
      std::filesystem::path p = base.get<std::string>();
      if (p.is_relative()) p = std::filesystem::path(base_dir) / p;
      plan.base = readJsonFile(p.string(), "the base scenario (\"base\")");
    } else if (base.is_object()) {
      plan.base = base;
    } else {
      r.fail("base", "must be a scenario file path or an inline scenario object");
    }
    plan.replications = r.integerOr("replications", 1);
    if (plan.replications < 1) r.fail("replications", "must be >= 1");
    if (const json* seed = r.optional("seed")) plan.seed = json_detail::readUint64(*seed, r.pathOf("seed"), {});
    else plan.seed = 1;
    plan.samples = r.integerOr("samples", 0);
    const json& vars = json_detail::requireArray(r.required("variables"), r.pathOf("variables"), {});
    std::set<std::string> names;
    for (std::size_t i = 0; i < vars.size(); ++i) {
      plan.variables.push_back(readVariable(vars[i], r.pathOf("variables").index(i)));
      if (!names.insert(plan.variables.back().name).second)
        r.fail("variables", "two variables are named '" + plan.variables.back().name + "'");
    }
    if (plan.variables.empty()) r.fail("variables", "is empty: a sweep needs at least one variable");
    if (const json* kpis = r.optional("kpis")) {
      const json& arr = json_detail::requireArray(*kpis, r.pathOf("kpis"), {});
      for (std::size_t i = 0; i < arr.size(); ++i) plan.kpis.push_back(json_detail::readString(arr[i], r.pathOf("kpis").index(i), {}));
      if (plan.kpis.empty()) r.fail("kpis", "is empty");
    } else {
      plan.kpis = kDefaultKpis;
    }
    const bool sampled = std::any_of(plan.variables.begin(), plan.variables.end(),
                                     [](const Variable& v) { return v.kind == Variable::Kind::LatinHypercube; });
    if (sampled && plan.samples < 1) r.fail("samples", "must be >= 1: the number of Latin hypercube rows for the \"lhs\" variables");
    if (!sampled && plan.samples != 0) r.fail("samples", "applies only with \"lhs\" variables");
    r.finish();
  } catch (const json_detail::FieldError& e) {
    throw SweepError(origin + ": " + e.what());
  }
  plan.spec = spec;
  plan.spec["base"] = plan.base;
  plan.scenario_hash = stableHash(plan.base.dump());

  const json doc = editableBase(plan.base, plan.variables, origin);
  std::vector<const Variable*> grid, sampledVars;
  double count = 1;
  for (const auto& v : plan.variables) {
    if (v.kind == Variable::Kind::LatinHypercube) {
      sampledVars.push_back(&v);
    } else {
      grid.push_back(&v);
      count *= static_cast<double>(v.values.size());
    }
  }
  if (!sampledVars.empty()) count *= plan.samples;
  if (count > static_cast<double>(kMaxPoints)) throw SweepError(origin + ": the sweep has " + std::to_string(count) + " points; at most a million");
  const auto lhsRows = latinHypercube(sampledVars, sampledVars.empty() ? 1 : plan.samples, plan.seed, plan.scenario_hash);

  // Grid in row-major order (the first variable changes slowest), each grid cell crossed with every LHS row.
  std::vector<std::size_t> digits(grid.size(), 0);
  for (std::size_t cell = 0; cell < static_cast<std::size_t>(count) / lhsRows.size(); ++cell) {
    for (const auto& row : lhsRows) {
      SweepPoint point;
      point.values = json::object();
      json doc_at = doc;
      auto assign = [&](const Variable& v, const json& value) {
        point.values[v.name] = value;
        for (const auto& p : v.pointers) {
          std::string why;
          json* target = resolvePointer(doc_at, p, &why);
          if (!target) throw SweepError(origin + ": variable '" + v.name + "': pointer " + why + " in the base scenario");
          *target = value;
        }
      };
      for (std::size_t g = 0; g < grid.size(); ++g) assign(*grid[g], grid[g]->values[digits[g]]);
      for (std::size_t s = 0; s < sampledVars.size(); ++s) assign(*sampledVars[s], row[s]);
      const std::string where = origin + ": point " + std::to_string(plan.points.size()) + " (" + describePoint(point.values) + ")";
      try {
        point.scenario = scenarioFromJson(doc_at, where);
      } catch (const ScenarioError& e) {
        throw SweepError(e.what());
      }
      const auto issues = validateScenario(point.scenario);
      if (!issues.empty()) {
        std::string msg = where + ": invalid scenario:";
        for (const auto& i : issues) msg += "\n  " + i.message();
        throw SweepError(msg);
      }
      plan.points.push_back(std::move(point));
    }
    for (std::size_t g = grid.size(); g-- > 0;) {
      if (++digits[g] < grid[g]->values.size()) break;
      digits[g] = 0;
    }
  }

  // KPI names are checked against every distinct shape of result (a variable may add a cache, say).
  std::set<std::string> checkedShapes;
  for (std::size_t p = 0; p < plan.points.size(); ++p) {
    const auto catalogue = kpiCatalogue(plan.points[p].scenario);
    std::string shape;
    for (const auto& n : catalogue) shape += n + "\n";
    if (!checkedShapes.insert(shape).second) continue;
    for (std::size_t k = 0; k < plan.kpis.size(); ++k) {
      if (std::find(catalogue.begin(), catalogue.end(), plan.kpis[k]) != catalogue.end()) continue;
      const std::string near = json_detail::closestMatch(plan.kpis[k], catalogue);
      std::string msg = origin + ": kpis[" + std::to_string(k) + "]: '" + plan.kpis[k] + "' is not a KPI of point " +
                        std::to_string(p) + " (" + describePoint(plan.points[p].values) + ")";
      msg += near.empty() ? "; KPIs are '<end_to_end|component>.<metric>', e.g. 'end_to_end.response_p99_s'"
                          : "; did you mean '" + near + "'?";
      throw SweepError(msg);
    }
  }
  return plan;
}

SweepPlan loadSweepFile(const std::string& path) {
  json spec = readJsonFile(path, "the sweep file");
  // A shard folder's manifest (shard_folder.h) wraps the self-contained sweep: shards run from it.
  if (spec.is_object() && spec.value("format", "") == "headroom-sweep-manifest" && spec.contains("sweep")) spec = spec["sweep"];
  return planSweep(spec, path, std::filesystem::path(path).parent_path().string());
}

}  // namespace headroom::sweep
