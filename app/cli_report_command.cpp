#include "app/cli_report_command.h"

#include <QApplication>
#include <filesystem>
#include <fstream>
#include <memory>

#include "app/cli_args.h"
#include "app/cli_cost_command.h"
#include "app/cli_plan_options.h"
#include "app/cli_plan_store.h"
#include "app/terminal_progress.h"
#include "model/project/project.h"
#include "model/scenario_json.h"
#include "model/validation.h"
#include "simulator/cost/cost_recorder.h"
#include "simulator/planning/plan.h"
#include "simulator/planning/plan_band.h"
#include "simulator/planning/plan_io.h"
#include "simulator/result_io.h"
#include "simulator/simulation.h"
#include "ui/report/cost_section.h"
#include "ui/report/report_writer.h"
#include "ui/report/scenario_assumptions.h"

namespace headroom::cli {
namespace {

nlohmann::json readJsonFile(const std::string& path) {
  std::ifstream f(path);
  if (!f) throw std::runtime_error("cannot read '" + path + "'");
  try {
    return nlohmann::json::parse(f);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(path + ": not JSON: " + e.what());
  }
}

// A document stored in a project, read back: damage is reported with where it came from, never as nlohmann's
// bare "[json.exception.parse_error.101] ..." (issue #18).
template <typename Read>
auto readStored(const std::string& origin, const char* what, Read&& read) -> decltype(read()) {
  try {
    return read();
  } catch (const nlohmann::json::exception& e) {
    std::string detail = e.what();
    if (const auto end = detail.find("] "); detail.rfind("[json.exception", 0) == 0 && end != std::string::npos)
      detail = detail.substr(end + 2);
    throw std::runtime_error(origin + ": the stored " + what + " is damaged: " + detail);
  }
}

// The result of an earlier `headroom-cli run --json` of the same scenario, instead of simulating again.
report::RunVariant fromResultFile(const std::string& path, const std::string& resultPath) {
  const Scenario s = loadAndValidateScenarioFile(path);
  RunResult r;
  try {
    r = runResultFromJson(readJsonFile(resultPath));
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(resultPath + ": not a headroom run result: " + e.what());
  }
  if (r.scenario_name != s.name)
    throw std::runtime_error(resultPath + ": result of scenario '" + r.scenario_name + "', not of '" + s.name + "' (" + path + ")");
  return report::makeVariant("A: " + s.name, s, readJsonFile(path), path, std::move(r));
}

// Simulates the scenario; one with a pricing block is priced too (built-in catalog) and adds the Cost section.
report::RunVariant simulateFile(const std::string& label, const std::string& path, const Args& a, CommandContext& ctx,
                                std::vector<report::ExtraSection>* sections = nullptr) {
  const Scenario s = loadAndValidateScenarioFile(path);
  RunOptions options = seedReplicationsThreads(a);
  std::unique_ptr<cost::CostCollector> collector;
  if (sections && cost::hasPricing(s)) {
    collector = std::make_unique<cost::CostCollector>(s);
    options.hooks = collector->wrap(options.hooks);
  }
  TerminalProgress progress(ctx.interactive && !a.flag("no-progress"));
  RunResult r = runSimulation(s, options, &ctx.feedback, &progress);
  progress.finish();
  if (r.cancelled) throw std::runtime_error("cancelled");
  if (collector) {
    const cost::PriceCatalog catalog = catalogForCommand(std::nullopt, std::nullopt, std::nullopt);
    sections->push_back(report::costSection(cost::priceRecordedRun(s, r, *collector, {&catalog, cost::todayUtc()})));
  }
  return report::makeVariant(label + ": " + s.name, s, readJsonFile(path), path, std::move(r));
}

report::RunVariant storedRun(const std::string& label, const std::string& projectPath, std::optional<long long> runId) {
  Project project = Project::open(projectPath);
  const auto runs = project.listRuns();
  if (runs.empty()) throw std::runtime_error(projectPath + ": no stored runs (headroom-cli run S.json --project P stores one)");
  const std::int64_t id = runId ? *runId : runs.back().id;
  const StoredRun stored = project.loadRun(id);
  const std::string text = project.loadScenario(stored.info.scenario_name, stored.info.scenario_version);
  const std::string origin = projectPath + " run #" + std::to_string(id) + " (scenario '" + stored.info.scenario_name + "' version " +
                             std::to_string(stored.info.scenario_version) + ")";
  Scenario s = scenarioFromText(text, origin);  // a damaged text fails here with line and column
  const nlohmann::json raw = nlohmann::json::parse(text);
  RunResult r = readStored(origin, "result", [&] { return runResultFromJson(nlohmann::json::parse(stored.result_json)); });
  return report::makeVariant(label + ": " + s.name, std::move(s), raw, origin, std::move(r));
}

// `report SCENARIO --months N`: plans the scenario now. The plan is judged against the report's SLO (one source:
// the scenario's slo block via healthTargetsFor, the health library's defaults, --slo-* options overriding).
report::PlanInput planNow(const Scenario& s, const std::string& path, const Args& a, const report::ReportOptions& o, CommandContext& ctx) {
  planning::PlanOptions opt;
  readPlanHorizonAndChecks(a, opt);  // as `plan`: the same horizon, timeline and request-level window checks
  SloSpec slo = s.slo.value_or(SloSpec{});
  slo.p99_s = o.slo_p99_ms / 1e3;
  slo.error_ratio = o.slo_error_ratio;
  opt.slo = slo;
  // A priced scenario gets its monthly cost along the plan (the planner fills cost_by_month when it prices).
  std::optional<cost::PriceCatalog> catalog;
  if (cost::hasPricing(s)) {
    catalog = catalogForCommand(std::nullopt, std::nullopt, std::nullopt);
    opt.price_catalog = &*catalog;
    opt.priced_on = cost::todayUtc();
  }
  TerminalProgress progress(ctx.interactive && !a.flag("no-progress"));
  const std::optional<planning::GrowthBand> band = readGrowthBand(a);
  const planning::PlanResult plan = band ? planning::runPlanBand(s, opt, *band, &ctx.feedback) : planning::runPlan(s, opt, &ctx.feedback);
  progress.finish();
  if (plan.cancelled) throw std::runtime_error("cancelled");
  report::PlanInput in;
  in.plan = planning::planToJson(plan);
  in.origin = path + ", planned for this report";
  in.slo_source = "p99 from " + (o.slo_p99_source.empty() ? std::string("--slo-p99-ms") : o.slo_p99_source) + "; errors from " +
                  (o.slo_error_source.empty() ? std::string("--slo-error-ratio") : o.slo_error_source) +
                  "; utilization threshold " + (s.slo ? "from the scenario's slo block" : "the planner's default");
  return in;
}

// `report --project P --plan NAME`: the newest plan stored under NAME, with the scenario version it was made from.
report::PlanInput storedPlan(const std::string& projectPath, const std::string& name, report::RunVariant& variant) {
  Project project = Project::open(projectPath);
  const StoredPlan stored = project.loadPlan(name);
  const std::string text = project.loadScenario(stored.info.scenario_name, stored.info.scenario_version);
  const std::string origin = projectPath + " plan '" + name + "' #" + std::to_string(stored.info.id) + " (scenario '" +
                             stored.info.scenario_name + "' version " + std::to_string(stored.info.scenario_version) + ")";
  Scenario s = scenarioFromText(text, origin);  // a damaged text fails here with line and column
  const nlohmann::json raw = nlohmann::json::parse(text);
  report::PlanInput in;
  // A different hash means the scenario reads differently now (another Headroom version): say so, do not hide it.
  if (scenarioHashHex(s) != stored.info.scenario_hash)
    in.origin_warning = "the stored scenario now hashes to " + scenarioHashHex(s) + "; the plan was made from " + stored.info.scenario_hash +
                        " (re-run headroom-cli plan to refresh it)";
  in.plan = readStored(origin, "plan", [&] { return nlohmann::json::parse(stored.plan_json); });
  in.origin = origin;
  in.name = name;
  const nlohmann::json options = nlohmann::json::parse(stored.info.options_json, nullptr, false);
  const bool overridden = options.is_object() && options.contains("slo_override") && !options["slo_override"].is_null();
  in.slo_source = overridden ? "--slo given to headroom-cli plan when the plan was stored"
                  : s.slo ? "the scenario's slo block (as stored with the plan)"
                          : "the planner's defaults (the scenario has no slo block: no latency or error objective)";
  variant = report::makeVariant("Plan: " + s.name, std::move(s), raw, origin, RunResult{});
  return in;
}

double positive(const Args& a, const char* name, double fallback, report::Provenance& provenance) {
  const auto v = a.number(name);
  if (!v) return fallback;
  if (!(*v > 0)) throw UsageError(std::string("--") + name + " must be > 0");
  provenance = report::Provenance::UserEntered;
  return *v;
}

}  // namespace

int commandReport(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv,
               {"out", "json", "result", "project", "run", "compare", "compare-run", "seed", "replications", "threads", "slo-p99-ms",
                "slo-error-ratio", "revenue-per-month", "conversion-loss-per-100ms", "months", "days", "plan", "step-s", "point-s",
                "check-windows", "check-replications", "growth-band", "traffic"},
               {"no-progress", "quiet", "no-checks"});
  const auto out = a.value("out");
  if (!out) throw UsageError("report needs --out FILE.pdf or FILE.html");
  const std::string ext = std::filesystem::path(*out).extension().string();
  if (ext != ".pdf" && ext != ".html" && ext != ".htm") throw UsageError("--out " + *out + ": use a .pdf or .html file name");
  const auto project = a.value("project");
  if (project && !a.positional().empty()) throw UsageError("give a SCENARIO file or --project P, not both");
  if (!project && a.positional().size() != 1) throw UsageError("expected exactly one SCENARIO file (or --project P [--run ID])");
  if (a.value("run") && !project) throw UsageError("--run ID needs --project P");
  if (a.value("plan") && !project) throw UsageError("--plan NAME needs --project P");
  const bool planNowMode = a.value("months") || a.value("days");
  if (planNowMode && project) throw UsageError("--months/--days plan a SCENARIO file; a stored plan is --project P --plan NAME");
  for (const char* planOnly : {"step-s", "point-s", "check-windows", "check-replications", "growth-band", "traffic"})
    if (!planNowMode && a.value(planOnly)) throw UsageError(std::string("--") + planOnly + " shapes a plan: give --months N or --days N");
  if (!planNowMode && a.flag("no-checks")) throw UsageError("--no-checks shapes a plan: give --months N or --days N");
  if ((planNowMode || a.value("plan")) && (a.value("run") || a.value("compare") || a.value("compare-run") || a.value("result")))
    throw UsageError("a plan report takes no --run, --result, --compare or --compare-run");
  if (a.value("compare-run") && !project) throw UsageError("--compare-run ID needs --project P");
  if (a.value("compare") && a.value("compare-run")) throw UsageError("give --compare or --compare-run, not both");

  report::ReportInput input;
  report::ReportOptions& o = input.options;
  o.slo_p99_ms = positive(a, "slo-p99-ms", o.slo_p99_ms, o.slo_p99_provenance);
  if (a.value("slo-p99-ms")) o.slo_p99_source = "--slo-p99-ms";
  o.slo_error_ratio = positive(a, "slo-error-ratio", o.slo_error_ratio, o.slo_error_provenance);
  if (a.value("slo-error-ratio")) o.slo_error_source = "--slo-error-ratio";
  o.revenue_per_month_usd = positive(a, "revenue-per-month", o.revenue_per_month_usd, o.revenue_provenance);
  o.conversion_loss_per_100ms = positive(a, "conversion-loss-per-100ms", o.conversion_loss_per_100ms, o.sensitivity_provenance);
  if (o.slo_error_ratio >= 1 || o.conversion_loss_per_100ms >= 1)
    throw UsageError("--slo-error-ratio and --conversion-loss-per-100ms are fractions below 1 (e.g. 0.01, 0.07)");
  o.version = HEADROOM_VERSION;
  o.generated_utc = report::utcNowText();

  if (a.value("result") && project) throw UsageError("--result RUN.json goes with a SCENARIO file, not with --project");
  if (auto name = a.value("plan")) {
    input.plan = storedPlan(*project, *name, input.primary);
  } else if (planNowMode) {
    const Scenario s = loadAndValidateScenarioFile(a.positional().front());
    report::sloFromScenario(s, o);
    input.plan = planNow(s, a.positional().front(), a, o, ctx);
    input.primary = report::makeVariant("Plan: " + s.name, s, readJsonFile(a.positional().front()), a.positional().front(), RunResult{});
  } else if (project) input.primary = storedRun("A", *project, a.integer("run"));
  else if (auto result = a.value("result")) input.primary = fromResultFile(a.positional().front(), *result);
  else input.primary = simulateFile("A", a.positional().front(), a, ctx, &input.extra_sections);
  if (auto other = a.value("compare")) input.comparison = simulateFile("B", *other, a, ctx);
  if (auto id = a.integer("compare-run")) input.comparison = storedRun("B", *project, id);
  if (!input.plan) report::sloFromScenario(input.primary.scenario, o);
  if (auto p = a.value("json"))
    writeOutput(*p, (input.plan ? input.plan->plan : nlohmann::json(runResultToJson(input.primary.run))).dump(2) + "\n", ctx.out);

  report::ensureHeadlessPlatform();
  std::unique_ptr<QApplication> app;
  if (!QApplication::instance()) {
    static int argc = 1;
    static char name[] = "headroom-cli";
    static char* args[] = {name, nullptr};
    app = std::make_unique<QApplication>(argc, args);
  }
  const report::ReportDocument doc = report::writeReport(input, *out);
  if (!a.flag("quiet")) ctx.out << doc.verdict << "\nwrote " << *out << "\n";
  return 0;
}

}  // namespace headroom::cli
