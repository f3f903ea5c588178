#include "app/cli_optimize_command.h"

#include <cmath>
#include <fstream>
#include <iomanip>
#include <sstream>

#include "app/cli_args.h"
#include "app/cli_cost_command.h"
#include "app/cli_plan_command.h"
#include "model/scenario_json.h"
#include "simulator/cost/scenario_cost.h"
#include "simulator/optimize/candidate_space.h"
#include "simulator/optimize/optimize_json.h"
#include "simulator/optimize/optimizer.h"
#include "simulator/optimize/stress_case.h"
#include "simulator/sweep/sweep_plan.h"

namespace headroom::cli {
namespace {

using namespace headroom::optimize;

std::string fixed(double x, int digits) {
  if (!std::isfinite(x)) return x > 0 ? "inf" : "-";
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << x;
  return s.str();
}

std::string valueText(const nlohmann::json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::vector<DecisionVariable> variablesFromFile(const std::string& path, const Scenario& base, const cost::PriceCatalog& catalog) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw UsageError(path + ": cannot open the variables file");
  nlohmann::json spec;
  try {
    spec = nlohmann::json::parse(in);
  } catch (const nlohmann::json::parse_error& e) {
    throw UsageError(path + ": not valid JSON (" + e.what() + ")");
  }
  const nlohmann::json* list = spec.is_object() && spec.contains("variables") ? &spec["variables"] : nullptr;
  if (!list || !list->is_array() || list->empty())
    throw UsageError(path + ": expected {\"variables\": [{\"name\", \"pointer\", \"values\" | \"range\"}, ...]}");
  std::vector<DecisionVariable> vars;
  for (std::size_t i = 0; i < list->size(); ++i) {
    try {
      vars.push_back(fromSweepVariable(sweep::readSweepVariable((*list)[i], path, i), base, catalog));
    } catch (const std::invalid_argument& e) {
      throw UsageError(path + ": " + e.what());
    }
  }
  return vars;
}

void printCases(const std::vector<CaseOutcome>& outcomes, std::ostream& out) {
  for (const CaseOutcome& o : outcomes) {
    out << "    " << std::left << std::setw(22) << o.stress_case << std::right << " p99 " << fixed(o.p99_ms, 1) << " ms";
    const bool ci = o.fidelity == Fidelity::Des && o.replications >= 2;
    if (ci) out << " (upper 95% CI " << fixed(o.p99_upper_ms, 1) << " ms, " << o.replications << " replications)";
    else if (o.fidelity == Fidelity::Des) out << " (simulated, 1 replication)";
    out << ", errors " << fixed(o.error_ratio * 100.0, 3) << "%";
    if (ci) out << " (upper " << fixed(o.error_ratio_upper * 100.0, 3) << "%)";
    out << (o.meets_slo ? "  meets the SLO" : "  FAILS: " + o.why) << "\n";
  }
}

void printResult(const OptimizeResult& r, std::ostream& out) {
  out << "Optimizer: " << r.scenario << ", SLO p99 <= " << fixed(r.slo.p99_ms, 1) << " ms";
  if (r.slo.error_ratio) out << ", errors <= " << fixed(*r.slo.error_ratio * 100.0, 3) << "%";
  out << "; stress cases:";
  for (const StressCase& c : r.cases) out << " " << c.name << ";";
  out << "\n\nVariables:\n";
  for (const DecisionVariable& v : r.variables) {
    out << "  " << v.name << ": " << v.levels.size() << " levels (" << valueText(v.levels.front()) << " .. "
        << valueText(v.levels.back()) << ")\n";
  }
  out << "\nCost vs p99 front (screening; worst stress case):\n";
  out << "  " << std::setw(14) << "usd_per_month" << std::setw(12) << "p99_ms" << std::setw(18) << "usd/month per ms"
      << "  configuration\n";
  for (const FrontPoint& p : r.front) {
    std::string config;
    for (auto it = p.candidate.values.begin(); it != p.candidate.values.end(); ++it)
      config += (config.empty() ? "" : ", ") + it.key() + "=" + valueText(it.value());
    const bool chosen = r.chosen && r.chosen->levels == p.candidate.levels;
    out << (chosen ? "* " : "  ") << std::setw(14) << fixed(p.candidate.usd_per_month, 2) << std::setw(12)
        << fixed(p.p99_ms, 1) << std::setw(18) << fixed(p.marginal_usd_per_month_per_ms, 3) << "  " << config << "\n";
  }
  out << "\n";
  if (r.chosen) {
    out << "Chosen configuration: " << fixed(r.chosen->usd_per_month, 2) << " USD/month (steady state, 730 h)\n";
    for (auto it = r.chosen->values.begin(); it != r.chosen->values.end(); ++it)
      out << "  " << it.key() << " = " << valueText(it.value()) << "\n";
    out << "  screening:\n";
    printCases(r.chosen->screening, out);
    if (!r.chosen->confirmation.empty()) {
      out << "  request-level confirmation (DES):\n";
      printCases(r.chosen->confirmation, out);
    }
  } else {
    out << "No configuration found that meets the SLO.\n";
  }
  if (r.binding) out << "\nBinding constraint: " << r.binding->explanation << "\n";
  const EvaluationCounts& e = r.evaluations;
  out << "\nEvaluations: " << e.screened << " of " << e.space_size << " candidates screened (" << fixed(100.0 * e.fraction_screened(), 2)
      << "% of the space), " << e.analytic_calls << " analytic solutions, " << e.des_screening_runs << " DES screenings, "
      << e.des_confirmations << " DES confirmations (" << e.des_replications << " replications)\n";
  for (const std::string& n : r.notes) out << "note: " << n << "\n";
  if (r.cancelled) out << "cancelled: the result is partial\n";
}

}  // namespace

int commandOptimize(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv, {"slo", "at", "failover", "vars", "var", "budget", "seed", "replications", "json", "threads",
                      "price-book", "project", "today"},
               {"quiet", "no-progress", "screen-only"});
  if (a.positional().size() != 1) throw UsageError("expected exactly one SCENARIO file");
  const Scenario base = loadAndValidateScenarioFile(a.positional().front());
  if (a.values("slo").empty()) throw UsageError("--slo p99=... is required (e.g. --slo p99=300ms)");
  SloSpec slo;
  for (const std::string& v : a.values("slo")) applySloArgument(v, slo);
  if (!slo.p99_s) throw UsageError("--slo p99=... is required (e.g. --slo p99=300ms)");
  OptimizeOptions o;
  o.slo.p99_ms = *slo.p99_s * 1000.0;
  o.slo.error_ratio = slo.error_ratio;
  try {
    if (auto at = a.value("at")) o.cases.push_back(parseAtOption(*at));
    // A failover case runs at the scenario's own peak: the surviving regions take the failed one's traffic.
    for (const std::string& region : a.values("failover")) {
      o.cases.push_back(failoverCase(region, 1.0));
      applyStressCase(base, o.cases.back());  // an unknown region fails here, before any work
    }
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  const auto project = a.value("project");
  const cost::PriceCatalog catalog = catalogForCommand(project, a.value("price-book"), std::nullopt);
  const cost::PricingContext pricing{&catalog, a.value("today").value_or(cost::todayUtc())};
  if (a.value("vars") && !a.values("var").empty()) throw UsageError("give --vars FILE or --var options, not both");
  try {
    if (auto file = a.value("vars")) o.variables = variablesFromFile(*file, base, catalog);
    for (const std::string& spec : a.values("var")) o.variables.push_back(fromSweepVariable(parseVarOption(spec), base, catalog));
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  if (auto b = a.integer("budget")) {
    if (*b < 1) throw UsageError("--budget must be >= 1");
    o.budget = *b;
  }
  if (auto s = a.integer("seed")) o.seed = static_cast<std::uint64_t>(*s);
  if (auto r = a.integer("replications")) {
    if (*r < 2 || *r > 1000) throw UsageError("--replications must be in [2, 1000] (the CI needs two)");
    o.replications = static_cast<int>(*r);
  }
  if (auto t = a.integer("threads")) {
    if (*t < 0) throw UsageError("--threads must be >= 0");
    o.threads = static_cast<int>(*t);
  }
  o.confirm = !a.flag("screen-only");
  if (ctx.interactive && !a.flag("no-progress"))
    ctx.feedback.setProgressCallback([&ctx](double f, const std::string& what) {
      ctx.err << "\roptimize " << static_cast<int>(100 * f) << "% " << what.substr(0, 60) << std::string(10, ' ') << std::flush;
    });
  OptimizeResult r;
  try {
    r = headroom::optimize::optimize(base, o, pricing, &ctx.feedback);
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  if (ctx.interactive && !a.flag("no-progress")) ctx.err << "\r" << std::string(90, ' ') << "\r";
  if (!a.flag("quiet")) printResult(r, ctx.out);
  if (auto j = a.value("json")) writeOutput(*j, toJson(r).dump(2) + "\n", ctx.out);
  if (r.cancelled) return 130;
  return r.chosen ? 0 : 3;
}

}  // namespace headroom::cli
