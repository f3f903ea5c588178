#include "app/cli_commands.h"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

#include "app/cli_args.h"
#include "app/cli_cost_command.h"
#include "app/traffic_edits.h"
#include "app/summary_table.h"
#include "app/terminal_progress.h"
#include "model/project/project.h"
#include "simulator/health/health.h"
#include "model/scenario_json.h"
#include "model/validation.h"
#include "simulator/analytic/comparison.h"
#include "simulator/analytic/scenario_analysis.h"
#include "app/analytic_text.h"
#include "simulator/result_io.h"
#include "simulator/cost/cost_report.h"
#include "simulator/simulation.h"

namespace headroom::cli {
namespace {

std::string requireScenarioPath(const Args& a) {
  if (a.positional().size() != 1) throw UsageError("expected exactly one SCENARIO file");
  return a.positional().front();
}

}  // namespace

std::pair<std::int64_t, std::int64_t> storeRunInProject(const std::string& path, const Scenario& s, const RunResult& r) {
  // Everything that can fail on content happens before the project is created or opened for writing.
  (void)scenarioToJson(s).dump();
  const std::string result_json = runResultToJson(r).dump();
  Project project = openOrCreateProject(path);
  const std::int64_t version = storeScenarioVersion(project, s, "saved by headroom-cli run");
  RunRecord record;
  record.scenario_name = s.name;
  record.scenario_version = version;
  record.seed = r.seed;
  const EndToEndResult* e = r.endToEnd();
  nlohmann::json summary = {{"replications", r.replications}, {"horizon_s", r.horizon_s}};
  if (e) {
    summary["response_mean_s"] = std::isfinite(e->response.mean_s.mean) ? nlohmann::json(e->response.mean_s.mean) : nlohmann::json();
    summary["response_p99_s"] = std::isfinite(e->response.quantile_s[3].mean) ? nlohmann::json(e->response.quantile_s[3].mean) : nlohmann::json();
    summary["goodput_per_s"] = e->throughput_per_s.mean;
    summary["error_ratio"] = e->error_ratio.mean;
  }
  record.summary_json = summary.dump();
  record.result_json = result_json;
  return {version, project.saveRun(record)};
}

namespace {

// Throws unless a file can be created or replaced at `path` (its folder exists and is writable).
void requireCreatable(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (folder.empty()) folder = ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec))
    throw std::runtime_error("cannot write '" + path + "': folder '" + folder.string() + "' does not exist");
  if (::access(folder.c_str(), W_OK) != 0)
    throw std::runtime_error("cannot write '" + path + "': folder '" + folder.string() + "' is not writable");
}

}  // namespace

Project openOrCreateProject(const std::string& path) {
  return std::filesystem::exists(path) ? Project::open(path) : Project::create(path);
}

std::int64_t storeScenarioVersion(Project& project, const Scenario& s, const std::string& comment) {
  const std::string json = scenarioToJson(s).dump();
  for (const auto& info : project.scenarios())
    if (info.name == s.name && project.loadScenario(s.name) == json) return info.latest_version;
  return project.saveScenario(s.name, json, comment);
}

void writeOutput(const std::string& path, const std::string& content, std::ostream& out) {
  if (path == "-") {
    out << content;
    return;
  }
  const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  try {
    {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      if (!f) throw std::runtime_error("cannot write '" + path + "'");
      f << content;
      f.flush();
      if (!f) throw std::runtime_error("error while writing '" + path + "'");
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot replace '" + path + "'");
  } catch (...) {
    std::remove(tmp.c_str());
    throw;
  }
}

RunOptions seedReplicationsThreads(const Args& a) {
  RunOptions o;
  if (auto v = a.integer("seed")) o.seed = static_cast<std::uint64_t>(*v);
  if (auto v = a.integer("replications")) {
    if (*v < 1 || *v > 1'000'000) throw UsageError("--replications must be in [1, 1000000]");
    o.replications = static_cast<int>(*v);
  }
  if (auto v = a.integer("threads")) {
    if (*v < 0) throw UsageError("--threads must be >= 0");
    o.threads = static_cast<int>(*v);
  }
  return o;
}

RunOptions runOptionsFromArgs(const Args& a) {
  RunOptions o = seedReplicationsThreads(a);
  if (auto v = a.number("horizon")) {
    if (*v <= 0) throw UsageError("--horizon must be > 0 seconds");
    o.horizon_s = *v;
  }
  if (auto v = a.number("warmup")) {
    if (*v < 0) throw UsageError("--warmup must be >= 0 seconds");
    o.warmup_s = *v;
  }
  if (auto v = a.number("window")) {
    if (*v <= 0) throw UsageError("--window must be > 0 seconds");
    o.window_s = *v;
  }
  if (auto v = a.integer("max-requests")) {
    if (*v < 0) throw UsageError("--max-requests must be >= 0");
    o.max_requests = *v;
  }
  if (auto v = a.number("precision")) {
    if (*v <= 0 || *v >= 1) throw UsageError("--precision must be in (0, 1), e.g. 0.02");
    o.target_relative_precision = *v;
  }
  return o;
}

int commandValidate(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv, {}, {});
  const std::string path = requireScenarioPath(a);
  const Scenario s = loadScenarioFile(path);  // throws with file, line, column / JSON path
  std::vector<ValidationIssue> issues;
  try {
    issues = validateScenario(s, &ctx.feedback);
  } catch (const ValidationCancelled&) {
    ctx.err << path << ": cancelled while validating\n";
    return 130;
  }
  // Warnings never fail validation: the scenario runs, a part of it just does nothing.
  for (const auto& w : scenarioWarnings(s)) ctx.err << path << ": warning: " << w.message() << "\n";
  if (issues.empty()) {
    ctx.out << path << ": valid (" << s.components.size() << " components, " << s.sources.size() << " sources, "
            << s.allRequestClasses().size() << " request classes)\n";
    return 0;
  }
  for (const auto& i : issues) ctx.err << path << ": " << i.message() << "\n";
  ctx.err << path << ": " << issues.size() << " problem(s)\n";
  return 1;
}

int commandRun(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv, {"seed", "replications", "threads", "horizon", "warmup", "window", "max-requests", "precision", "json", "csv", "project", "scenario",
                      "price-book", "today", "scale-traffic", "rate"},
               {"compare", "quiet", "no-progress"});
  Scenario s;
  try {  // validation polls Ctrl-C too: cancelled there, the command ends as a cancelled run does
    if (auto name = a.value("scenario")) {
      // Run the latest version stored in the project.
      const auto project = a.value("project");
      if (!project || !a.positional().empty()) throw UsageError("--scenario NAME runs from a project: give --project P and no SCENARIO file");
      const std::string origin = *project + ":" + *name;
      s = scenarioFromText(Project::open(*project).loadScenario(*name), "project " + *project + ": scenario '" + *name + "'");
      const auto issues = validateScenario(s, &ctx.feedback);
      if (!issues.empty()) {
        std::string msg = origin + ": invalid scenario:";
        for (const auto& i : issues) msg += "\n  " + i.message();
        throw ScenarioError(msg);
      }
    } else {
      s = loadAndValidateScenarioFile(requireScenarioPath(a), &ctx.feedback);
    }
  } catch (const ValidationCancelled&) {
    ctx.err << "cancelled while validating the scenario\n";
    return 130;
  }
  // What-if edits (--scale-traffic, then --rate), checked like the file itself.
  if (auto f = a.number("scale-traffic")) scaleTraffic(s, *f);
  for (const auto& spec : a.values("rate")) setSourceRate(s, spec);
  if (a.value("scale-traffic") || a.value("rate")) {
    const auto issues = validateScenario(s);
    if (!issues.empty()) {
      std::string msg = "the scenario with the edited traffic is invalid:";
      for (const auto& i : issues) msg += "\n  " + i.message();
      throw ScenarioError(msg);
    }
  }
  if (!a.flag("quiet"))
    for (const auto& w : scenarioWarnings(s)) ctx.err << "warning: " << w.message() << "\n";
  RunOptions o = runOptionsFromArgs(a);
  // A result that cannot be stored is a wasted run: check the project (and the output folders) first.
  if (auto p = a.value("project")) {
    if (std::filesystem::exists(*p)) Project::open(*p).requireWritable();
    else requireCreatable(*p);
  }
  for (const char* option : {"json", "csv"})
    if (auto p = a.value(option); p && *p != "-") requireCreatable(*p);
  // A scenario that says what it runs on is priced too (docs/cost.md): a recorder hook rides along.
  std::unique_ptr<cost::CostCollector> costCollector;
  if (cost::hasPricing(s)) {
    costCollector = std::make_unique<cost::CostCollector>(s);
    o.hooks = costCollector->wrap(o.hooks);
  }
  TerminalProgress progress(ctx.interactive && !a.flag("no-progress"));
  const RunResult r = runSimulation(s, o, &ctx.feedback, &progress);
  progress.finish();
  std::optional<cost::ScenarioCost> runCost;
  if (costCollector && !r.cancelled) {
    const cost::PriceCatalog catalog = catalogForCommand(a.value("project"), a.value("price-book"), std::nullopt);
    runCost = cost::priceRecordedRun(s, r, *costCollector, {&catalog, a.value("today").value_or(cost::todayUtc())});
  }
  if (!a.flag("quiet")) {
    printRunSummary(r, ctx.out);
    // The same verdict the GUI banner and the report give (simulator/health/).
    const HealthTargets targets = healthTargetsFor(s);
    if (!r.cancelled)
      ctx.out << "\nVerdict (SLO p99 " << targets.p99_s * 1000.0 << " ms, errors " << targets.error_ratio * 100.0
              << "%): " << assessHealth(s, r, targets).headline << "\n";
  }
  if (runCost && !a.flag("quiet")) ctx.out << "\n" << cost::formatCost(*runCost);
  if (auto p = a.value("json")) {
    auto j = runResultToJson(r);
    if (runCost) j["cost"] = cost::costToJson(*runCost);
    writeOutput(*p, j.dump(2) + "\n", ctx.out);
  }
  if (auto p = a.value("csv")) {
    std::ostringstream csv;
    writeSeriesCsv(r, csv);
    writeOutput(*p, csv.str(), ctx.out);
  }
  if (auto p = a.value("project"); p && !r.cancelled) {
    const auto stored = storeRunInProject(*p, s, r);
    if (runCost) storeCostInProject(*p, stored.second, *runCost);
    ctx.out << "stored in " << *p << ": scenario '" << s.name << "' version " << stored.first << ", run #" << stored.second << "\n";
  }
  int code = r.cancelled ? 130 : 0;
  if (a.flag("compare")) {
    const AnalyticReport report = analyzeScenario(s);
    const auto comparisons = compareWithSimulation(report, r);
    ctx.out << "\n" << formatAnalyticReport(report);
    if (!comparisons.empty()) ctx.out << "\n" << formatComparisonTable(comparisons);
    // Rows outside their 95% CI are flagged in the table (about 1 in 20 is expected by chance); the exit
    // code reports only a disagreement beyond the simultaneous interval over all rows.
    const double widen = simultaneousWidening(static_cast<int>(comparisons.size()), r.replications);
    for (const auto& c : comparisons)
      if (std::abs(c.simulated_mean - c.analytic) > widen * c.half_width && code == 0) code = 3;
  }
  return code;
}

int commandAnalyze(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv, {}, {});
  const Scenario s = loadAndValidateScenarioFile(requireScenarioPath(a));
  ctx.out << formatAnalyticReport(analyzeScenario(s));
  return 0;
}

}  // namespace headroom::cli
