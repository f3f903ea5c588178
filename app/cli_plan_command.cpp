#include "app/cli_plan_command.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "app/cli_args.h"
#include "app/cli_plan_options.h"
#include "app/cli_cost_command.h"
#include "app/cli_plan_store.h"
#include "model/project/project.h"
#include "model/scenario_json.h"
#include "simulator/cost/cost_recorder.h"
#include "simulator/cost/scenario_cost.h"
#include "simulator/cost/text_file.h"
#include "simulator/planning/plan.h"
#include "simulator/planning/plan_band.h"
#include "simulator/planning/plan_io.h"

namespace headroom::cli {
namespace {

double parseQuantity(const std::string& text, const std::string& what, bool duration) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  const std::string unit = end ? std::string(end) : std::string();
  if (end == text.c_str() || !std::isfinite(v)) throw UsageError("--slo " + what + ": '" + text + "' is not a number");
  if (duration) {
    if (unit == "ms") return v / 1000.0;
    if (unit == "s" || unit.empty()) return v;
    throw UsageError("--slo " + what + ": unit '" + unit + "' (use ms or s)");
  }
  if (unit == "%") return v / 100.0;
  if (unit.empty()) return v;
  throw UsageError("--slo " + what + ": unit '" + unit + "' (use % or a fraction)");
}

}  // namespace

void applySloArgument(const std::string& value, SloSpec& slo) {
  const auto eq = value.find('=');
  if (eq == std::string::npos) throw UsageError("--slo '" + value + "': expected KEY=VALUE (p99=300ms, errors=0.5%, utilization=80%)");
  const std::string key = value.substr(0, eq), v = value.substr(eq + 1);
  if (key == "p99") {
    slo.p99_s = parseQuantity(v, key, true);
    if (!(*slo.p99_s > 0)) throw UsageError("--slo p99 must be > 0");
  } else if (key == "errors") {
    slo.error_ratio = parseQuantity(v, key, false);
    if (!(*slo.error_ratio > 0 && *slo.error_ratio < 1)) throw UsageError("--slo errors must be in (0, 100%)");
  } else if (key == "utilization") {
    slo.utilization_threshold = parseQuantity(v, key, false);
    if (!(slo.utilization_threshold > 0 && slo.utilization_threshold <= 1)) throw UsageError("--slo utilization must be in (0, 100%]");
  } else {
    throw UsageError("--slo '" + key + "': unknown objective (p99, errors, utilization)");
  }
}

int commandPlan(const std::vector<std::string>& argv, CommandContext& ctx) {
  // --slo may repeat: take every occurrence out before the single-valued parser sees the rest.
  std::vector<std::string> rest, slos;
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (argv[i] == "--slo") {
      if (i + 1 >= argv.size()) throw UsageError("--slo needs a value");
      slos.push_back(argv[++i]);
    } else if (argv[i].rfind("--slo=", 0) == 0) {
      slos.push_back(argv[i].substr(6));
    } else {
      rest.push_back(argv[i]);
    }
  }
  const Args a(rest, {"months", "days", "step-s", "point-s", "json", "csv", "cost-csv", "price-book", "offer-csv", "today",
                                 "traffic", "growth-band", "band-csv",
                                 "check-windows", "check-replications", "threads", "project", "name"},
                {"quiet", "no-cost", "no-checks"});
  if (a.positional().size() != 1) throw UsageError("expected exactly one SCENARIO file");
  const Scenario s = loadAndValidateScenarioFile(a.positional().front());
  planning::PlanOptions opt;
  readPlanHorizonAndChecks(a, opt);
  if (!slos.empty()) {
    SloSpec slo = s.slo.value_or(SloSpec{});
    for (const std::string& v : slos) applySloArgument(v, slo);
    opt.slo = slo;
  }
  if (a.value("name") && !a.value("project")) throw UsageError("--name NAME stores the plan: it needs --project P");
  if (auto p = a.value("project"); p && std::filesystem::exists(*p)) Project::open(*p).requireWritable();  // before the long job
  // Cost along the plan when the scenario says what its components run on.
  std::optional<cost::PriceCatalog> catalog;
  if (!a.flag("no-cost") && cost::hasPricing(s)) {
    catalog = catalogForCommand(std::nullopt, a.value("price-book"), a.value("offer-csv"), &ctx.err);
    opt.price_catalog = &*catalog;
    opt.priced_on = a.value("today").value_or(cost::todayUtc());
    if (!cost::daysBetween(opt.priced_on, opt.priced_on)) throw UsageError("--today must be a date YYYY-MM-DD");
  }
  if (ctx.interactive)
    ctx.feedback.setProgressCallback([&ctx](double f, const std::string&) {
      ctx.err << "\rplanning " << static_cast<int>(100 * f) << "%   " << std::flush;
    });
  // A forecast band: from a fit-traffic --json file, or given as P10,P50,P90 % per month.
  const std::optional<planning::GrowthBand> band = readGrowthBand(a);
  if (a.value("band-csv") && !band) throw UsageError("--band-csv needs --traffic or --growth-band");
  const planning::PlanResult plan = band ? planning::runPlanBand(s, opt, *band, &ctx.feedback) : planning::runPlan(s, opt, &ctx.feedback);
  if (ctx.interactive) ctx.err << "\r" << std::string(20, ' ') << "\r";
  if (auto j = a.value("json")) writeOutput(*j, planning::planToJson(plan).dump(2) + "\n", ctx.out);
  if (auto c = a.value("csv")) writeOutput(*c, planning::planToCsv(plan), ctx.out);
  if (auto c = a.value("cost-csv")) writeOutput(*c, planning::planCostToCsv(plan), ctx.out);
  if (auto c = a.value("band-csv")) writeOutput(*c, planning::planBandToCsv(plan), ctx.out);
  if (!a.flag("quiet")) ctx.out << planning::planSummaryText(plan);
  if (auto p = a.value("project"); p && !plan.cancelled) 
    storePlanInProject(*p, a.value("name").value_or(s.name), s, opt, plan, a.value("json") == "-" ? ctx.err : ctx.out);
  return plan.cancelled ? 130 : 0;
}

}  // namespace headroom::cli
