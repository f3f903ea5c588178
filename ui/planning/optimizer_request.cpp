#include "ui/planning/optimizer_request.h"

#include <stdexcept>

#include "simulator/optimize/candidate_space.h"
#include "simulator/optimize/stress_case.h"

namespace headroom::planning_views {
namespace {

std::string trimmed(const std::string& s) {
  const auto a = s.find_first_not_of(" \t");
  if (a == std::string::npos) return {};
  return s.substr(a, s.find_last_not_of(" \t") - a + 1);
}

}  // namespace

std::string varOptionText(const OptimizerVariableSpec& spec) {
  const std::string pointer = trimmed(spec.pointer);
  const std::string values = trimmed(spec.values);
  if (pointer.empty()) throw std::invalid_argument("a decision variable needs a field");
  if (values.empty()) throw std::invalid_argument(pointer + ": give values (\"1..8\", \"1..8 step 2\" or \"1, 2, 4\")");
  const auto dots = values.find("..");
  if (dots != std::string::npos) {
    // "LO..HI [step S]" -> "LO:HI[:S]"
    std::string lo = trimmed(values.substr(0, dots));
    std::string rest = values.substr(dots + 2);
    std::string step;
    if (const auto s = rest.find("step"); s != std::string::npos) {
      step = trimmed(rest.substr(s + 4));
      rest = rest.substr(0, s);
    }
    std::string out = pointer + "=" + lo + ":" + trimmed(rest);
    if (!step.empty()) out += ":" + step;
    return out;
  }
  std::string list;
  std::size_t at = 0;
  while (at <= values.size()) {
    const auto comma = std::min(values.find(',', at), values.size());
    list += (list.empty() ? "" : ",") + trimmed(values.substr(at, comma - at));
    at = comma + 1;
  }
  return pointer + "=" + list;
}

optimize::OptimizeOptions optimizeOptions(const OptimizerRequest& request, const Scenario& base, const cost::PriceCatalog& catalog) {
  if (!(request.p99_ms > 0)) throw std::invalid_argument("the p99 SLO must be > 0 ms");
  if (request.budget < 1) throw std::invalid_argument("the budget must be >= 1 candidate");
  if (request.replications < 2) throw std::invalid_argument("replications must be >= 2 (the CI needs two)");
  optimize::OptimizeOptions o;
  o.slo.p99_ms = request.p99_ms;
  if (!trimmed(request.at).empty()) o.cases.push_back(optimize::parseAtOption(trimmed(request.at)));
  for (const OptimizerVariableSpec& v : request.variables)
    o.variables.push_back(optimize::fromSweepVariable(optimize::parseVarOption(varOptionText(v)), base, catalog));
  // A pointer that resolves nowhere is refused here, on the GUI thread, naming the variable.
  if (!o.variables.empty()) optimize::CandidateSpace(base, o.variables, catalog);
  o.budget = request.budget;
  o.seed = request.seed;
  o.replications = request.replications;
  return o;
}

Scenario candidateScenario(const Scenario& base, const optimize::OptimizeResult& result, const optimize::Candidate& candidate,
                           const cost::PriceCatalog& catalog) {
  const optimize::CandidateSpace space(base, result.variables, catalog);
  return space.scenarioOf(candidate.levels);
}

std::string shortVariableName(const std::string& name) {
  const std::string prefix = "/components/";
  if (name.rfind(prefix, 0) != 0) return name;
  const auto slash = name.find('/', prefix.size());
  if (slash == std::string::npos) return name;
  return name.substr(prefix.size(), slash - prefix.size()) + "." + name.substr(name.rfind('/') + 1);
}

std::string candidateLabel(const optimize::Candidate& candidate) {
  std::string out;
  for (auto it = candidate.values.begin(); it != candidate.values.end(); ++it)
    out += (out.empty() ? "" : ", ") + shortVariableName(it.key()) + "=" + (it.value().is_string() ? it.value().get<std::string>() : it.value().dump());
  return out.empty() ? "base" : out;
}

}  // namespace headroom::planning_views
