#include "ui/planning/sweep_builder.h"

#include <cmath>
#include <set>
#include <sstream>
#include <stdexcept>

#include "model/scenario_json.h"

namespace headroom::planning_views {
namespace {

void collect(const nlohmann::json& j, const std::string& path, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (it.key() == "layout" || it.key() == "position") continue;  // where a node is drawn changes no result
      collect(it.value(), path + "/" + it.key(), out);
    }
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      const nlohmann::json& e = j[i];
      const bool named = e.is_object() && e.contains("name") && e["name"].is_string();
      collect(e, path + "/" + (named ? e["name"].get<std::string>() : std::to_string(i)), out);
    }
  } else if (j.is_number()) {
    out.push_back(path);
  }
}

double number(const std::string& token) {
  std::size_t used = 0;
  double v = 0;
  try {
    v = std::stod(token, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || token.find_first_not_of(" \t", used) != std::string::npos || !std::isfinite(v))
    throw std::invalid_argument("'" + token + "' is not a number");
  return v;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

nlohmann::json jsonNumber(double v) {
  if (v == std::floor(v) && std::abs(v) < 1e15) return static_cast<std::int64_t>(v);  // replicas stay integers
  return v;
}

}  // namespace

std::vector<std::string> sweepableFields(const Scenario& scenario) {
  std::vector<std::string> out;
  collect(scenarioToJson(scenario), "", out);
  return out;
}

ValuesSpec parseValues(const std::string& raw) {
  const std::string text = trim(raw);
  if (text.empty()) throw std::invalid_argument("no values: write a list \"1, 2, 4\" or a range \"1..8 step 1\"");
  ValuesSpec spec;
  if (const auto dots = text.find(".."); dots != std::string::npos) {
    spec.range = true;
    spec.from = number(trim(text.substr(0, dots)));
    std::string rest = text.substr(dots + 2);
    if (const auto s = rest.find("step"); s != std::string::npos) {
      spec.step = number(trim(rest.substr(s + 4)));
      rest = rest.substr(0, s);
    }
    spec.to = number(trim(rest));
    if (!(spec.step > 0)) throw std::invalid_argument("step must be > 0");
    if (spec.to < spec.from) throw std::invalid_argument("the range ends before it starts");
    if ((spec.to - spec.from) / spec.step > 10000) throw std::invalid_argument("more than 10,000 values: use a larger step");
    return spec;
  }
  std::stringstream ss(text);
  std::string token;
  while (std::getline(ss, token, ',')) spec.values.push_back(number(trim(token)));
  return spec;
}

nlohmann::json sweepDocument(const std::string& name, const Scenario& base, const std::vector<SweepVariableSpec>& variables,
                             const std::vector<std::string>& kpis, int replications) {
  nlohmann::json doc = {{"format", "headroom-sweep"}, {"version", 1}, {"name", name}, {"base", scenarioToJson(base)},
                        {"replications", replications}, {"kpis", kpis}};
  nlohmann::json vars = nlohmann::json::array();
  std::set<std::string> used;
  for (const SweepVariableSpec& v : variables) {
    std::string varName = v.pointer.substr(v.pointer.find_last_of('/') + 1);
    for (int k = 2; used.count(varName); ++k) varName = v.pointer.substr(v.pointer.find_last_of('/') + 1) + "_" + std::to_string(k);
    used.insert(varName);
    nlohmann::json var = {{"name", varName}, {"pointer", v.pointer}};
    if (v.values.range) {
      var["range"] = {{"from", jsonNumber(v.values.from)}, {"to", jsonNumber(v.values.to)}, {"step", jsonNumber(v.values.step)}};
    } else {
      nlohmann::json values = nlohmann::json::array();
      for (double x : v.values.values) values.push_back(jsonNumber(x));
      var["values"] = values;
    }
    vars.push_back(var);
  }
  doc["variables"] = vars;
  return doc;
}

}  // namespace headroom::planning_views
