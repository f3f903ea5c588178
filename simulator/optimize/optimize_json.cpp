#include "simulator/optimize/optimize_json.h"

#include <cmath>

namespace headroom::optimize {
namespace {

using nlohmann::json;

json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

json toJson(const CaseOutcome& o) {
  return {{"stress_case", o.stress_case},       {"fidelity", fidelityName(o.fidelity)},
          {"p99_ms", number(o.p99_ms)},         {"p99_upper_ms", number(o.p99_upper_ms)},
          {"error_ratio", number(o.error_ratio)}, {"error_ratio_upper", number(o.error_ratio_upper)},
          {"replications", o.replications},     {"meets_slo", o.meets_slo},
          {"why", o.why}};
}

}  // namespace

json toJson(const Candidate& c) {
  json j = {{"values", c.values},
            {"levels", c.levels},
            {"usd_per_month", number(c.usd_per_month)},
            {"screened_feasible", c.screened_feasible},
            {"confirmed_feasible", c.confirmed_feasible},
            {"screening", json::array()},
            {"confirmation", json::array()}};
  for (const CaseOutcome& o : c.screening) j["screening"].push_back(toJson(o));
  for (const CaseOutcome& o : c.confirmation) j["confirmation"].push_back(toJson(o));
  return j;
}

json toJson(const OptimizeResult& r) {
  json j;
  j["scenario"] = r.scenario;
  j["seed"] = r.seed;
  j["slo"] = {{"p99_ms", r.slo.p99_ms}, {"error_ratio", r.slo.error_ratio ? json(*r.slo.error_ratio) : json(nullptr)}};
  j["stress_cases"] = json::array();
  for (const StressCase& c : r.cases)
    j["stress_cases"].push_back({{"name", c.name}, {"traffic_factor", c.traffic_factor}, {"failed_region", c.failed_region}});
  j["variables"] = json::array();
  for (const DecisionVariable& v : r.variables)
    j["variables"].push_back({{"name", v.name}, {"pointers", v.pointers}, {"levels", v.levels}, {"instance_type_of", v.instance_type_of}});
  j["front"] = json::array();
  for (const FrontPoint& p : r.front) {
    json point = toJson(p.candidate);
    point["p99_ms"] = number(p.p99_ms);
    point["marginal_usd_per_month_per_ms"] = number(p.marginal_usd_per_month_per_ms);
    j["front"].push_back(point);
  }
  j["chosen"] = r.chosen ? toJson(*r.chosen) : json(nullptr);
  if (r.binding) {
    const BindingConstraint& b = *r.binding;
    j["binding"] = {{"slo", b.slo}, {"stress_case", b.stress_case}, {"variable", b.variable}, {"component", b.component},
                    {"cheaper_value", b.cheaper_value}, {"saving_usd_per_month", number(b.saving_usd_per_month)},
                    {"chosen_value", number(b.chosen_value)}, {"limit", number(b.limit)},
                    {"neighbour_value", number(b.neighbour_value)}, {"explanation", b.explanation}};
  } else {
    j["binding"] = nullptr;
  }
  const EvaluationCounts& e = r.evaluations;
  j["evaluations"] = {{"space_size", e.space_size}, {"screened", e.screened}, {"analytic_calls", e.analytic_calls},
                      {"des_screening_runs", e.des_screening_runs}, {"des_confirmations", e.des_confirmations},
                      {"des_replications", e.des_replications}, {"fraction_screened", number(e.fraction_screened())}};
  j["cancelled"] = r.cancelled;
  j["notes"] = r.notes;
  return j;
}

}  // namespace headroom::optimize
