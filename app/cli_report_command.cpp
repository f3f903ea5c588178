#include "app/cli_report_command.h"

#include <QApplication>
#include <filesystem>
#include <fstream>
#include <memory>

#include "app/cli_args.h"
#include "app/cli_cost_command.h"
#include "app/terminal_progress.h"
#include "model/project/project.h"
#include "model/scenario_json.h"
#include "model/validation.h"
#include "simulator/cost/cost_recorder.h"
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
  const nlohmann::json raw = nlohmann::json::parse(project.loadScenario(stored.info.scenario_name, stored.info.scenario_version));
  const std::string origin = projectPath + " run #" + std::to_string(id) + " (scenario '" + stored.info.scenario_name + "' version " +
                             std::to_string(stored.info.scenario_version) + ")";
  Scenario s = scenarioFromJson(raw, origin);
  RunResult r = runResultFromJson(nlohmann::json::parse(stored.result_json));
  return report::makeVariant(label + ": " + s.name, std::move(s), raw, origin, std::move(r));
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
                "slo-error-ratio", "revenue-per-month", "conversion-loss-per-100ms"},
               {"no-progress", "quiet"});
  const auto out = a.value("out");
  if (!out) throw UsageError("report needs --out FILE.pdf or FILE.html");
  const std::string ext = std::filesystem::path(*out).extension().string();
  if (ext != ".pdf" && ext != ".html" && ext != ".htm") throw UsageError("--out " + *out + ": use a .pdf or .html file name");
  const auto project = a.value("project");
  if (project && !a.positional().empty()) throw UsageError("give a SCENARIO file or --project P, not both");
  if (!project && a.positional().size() != 1) throw UsageError("expected exactly one SCENARIO file (or --project P [--run ID])");
  if (a.value("run") && !project) throw UsageError("--run ID needs --project P");
  if (a.value("compare-run") && !project) throw UsageError("--compare-run ID needs --project P");
  if (a.value("compare") && a.value("compare-run")) throw UsageError("give --compare or --compare-run, not both");

  report::ReportInput input;
  report::ReportOptions& o = input.options;
  o.slo_p99_ms = positive(a, "slo-p99-ms", o.slo_p99_ms, o.slo_p99_provenance);
  o.slo_error_ratio = positive(a, "slo-error-ratio", o.slo_error_ratio, o.slo_error_provenance);
  o.revenue_per_month_usd = positive(a, "revenue-per-month", o.revenue_per_month_usd, o.revenue_provenance);
  o.conversion_loss_per_100ms = positive(a, "conversion-loss-per-100ms", o.conversion_loss_per_100ms, o.sensitivity_provenance);
  if (o.slo_error_ratio >= 1 || o.conversion_loss_per_100ms >= 1)
    throw UsageError("--slo-error-ratio and --conversion-loss-per-100ms are fractions below 1 (e.g. 0.01, 0.07)");
  o.version = HEADROOM_VERSION;
  o.generated_utc = report::utcNowText();

  if (a.value("result") && project) throw UsageError("--result RUN.json goes with a SCENARIO file, not with --project");
  if (project) input.primary = storedRun("A", *project, a.integer("run"));
  else if (auto result = a.value("result")) input.primary = fromResultFile(a.positional().front(), *result);
  else input.primary = simulateFile("A", a.positional().front(), a, ctx, &input.extra_sections);
  if (auto other = a.value("compare")) input.comparison = simulateFile("B", *other, a, ctx);
  if (auto id = a.integer("compare-run")) input.comparison = storedRun("B", *project, id);
  if (auto p = a.value("json")) writeOutput(*p, runResultToJson(input.primary.run).dump(2) + "\n", ctx.out);

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
