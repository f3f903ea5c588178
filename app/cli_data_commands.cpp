#include "app/cli_data_commands.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli_args.h"
#include "importers/registry.h"
#include "model/project/project.h"
#include "model/scenario_json.h"
#include "model/validation.h"
#include "simulator/calibration/backtest.h"
#include "simulator/calibration/replay.h"
#include "simulator/calibration/service_demand.h"
#include "simulator/calibration/traffic_fit.h"

namespace headroom::cli {
namespace {

std::string isoTime(double unix_s) {
  if (!std::isfinite(unix_s)) return "-";
  const auto t = static_cast<std::time_t>(std::floor(unix_s));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
  return buf;
}

std::string labelsText(const std::map<std::string, std::string>& labels) {
  std::string s;
  for (const auto& [k, v] : labels) s += (s.empty() ? "{" : ",") + k + "=\"" + v + "\"";
  return s.empty() ? s : s + "}";
}

std::string formatFactor(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

Project openOrCreate(const std::string& path) {
  return std::filesystem::exists(path) ? Project::open(path) : Project::create(path);
}

ImportOptions importOptions(const Args& a) {
  ImportOptions o;
  if (auto v = a.integer("utc-offset-min")) o.naive_utc_offset_min = static_cast<int>(*v);
  if (auto v = a.value("unit-hint")) o.value_unit_hint = *v;
  if (auto v = a.number("bin")) {
    if (*v <= 0) throw UsageError("--bin must be > 0 seconds");
    o.bin_s = *v;
  }
  return o;
}

std::string optionsJson(const ImportOptions& o) {
  return nlohmann::json{{"naive_utc_offset_min", o.naive_utc_offset_min}, {"value_unit_hint", o.value_unit_hint},
                        {"bin_s", o.bin_s}, {"access_log_latency", o.access_log_latency}}
      .dump();
}

// A rate series from a file (first series, or the one whose name matches) or from a project by id.
TimeSeries loadRateSeries(const Args& a) {
  if (auto project = a.value("project")) {
    auto id = a.integer("series");
    if (!id) throw UsageError("with --project, give --series ID (see 'headroom-cli project FILE')");
    return Project::open(*project).loadSeries(*id);
  }
  if (a.positional().size() != 1) throw UsageError("expected one FILE (or --project P --series ID)");
  const ImportResult r = ImporterRegistry().importFile(a.positional().front(), importOptions(a));
  const auto wanted = a.value("series-name");
  for (const auto& s : r.series)
    if (!wanted || s.name == *wanted) return s;
  throw std::runtime_error(a.positional().front() + ": no series" + (wanted ? " named '" + *wanted + "'" : std::string()));
}

}  // namespace

int commandImport(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv, {"project", "format", "utc-offset-min", "unit-hint", "bin"}, {});
  if (a.positional().empty()) throw UsageError("expected one or more FILEs to import");
  const ImporterRegistry registry;
  const ImportOptions options = importOptions(a);
  // Every file is read before the project is touched: a bad file leaves the project as it was.
  std::vector<std::pair<std::string, ImportResult>> results;
  for (const auto& file : a.positional()) {
    ImportResult r;
    if (auto fmt = a.value("format")) {
      const Importer* imp = registry.find(*fmt);
      if (!imp) throw UsageError("unknown --format '" + *fmt + "'");
      std::ifstream in(file, std::ios::binary);
      if (!in) throw std::runtime_error(file + ": cannot open");
      r = imp->read(in, file, options, &ctx.feedback);
    } else {
      r = registry.importFile(file, options, &ctx.feedback);
    }
    ctx.out << file << ": " << r.format << ", " << r.series.size() << " series, " << r.warnings.size() << " warning(s)\n";
    std::size_t shown = 0;
    for (const auto& s : r.series) {
      if (++shown > 20) {
        ctx.out << "  ... " << (r.series.size() - 20) << " more\n";
        break;
      }
      ctx.out << "  " << s.name << labelsText(s.labels) << "  [" << (s.unit.empty() ? "?" : s.unit) << "]  " << s.size()
              << " points  " << (s.size() ? isoTime(s.time_s.front()) + " .. " + isoTime(s.time_s.back()) : "") << "\n";
    }
    for (std::size_t i = 0; i < r.warnings.size() && i < 10; ++i)
      ctx.err << file << ":" << r.warnings[i].line << ": warning: " << toString(r.warnings[i].kind) << ": "
              << r.warnings[i].detail << "\n";
    if (r.warnings.size() > 10) ctx.err << file << ": ... " << (r.warnings.size() - 10) << " more warnings\n";
    results.emplace_back(file, std::move(r));
  }
  if (auto path = a.value("project")) {
    Project project = openOrCreate(*path);
    for (const auto& [file, r] : results) {
      const auto stored = project.importSeries(r.series, {file, r.format, optionsJson(options)});
      ctx.out << file << ": saved as import " << stored.import_id << " in " << *path << "\n";
    }
  }
  return 0;
}

int commandProject(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv, {"save-scenario", "comment"}, {});
  if (a.positional().size() != 1) throw UsageError("expected one PROJECT file");
  std::optional<Scenario> toSave;
  if (auto path = a.value("save-scenario")) toSave = loadAndValidateScenarioFile(*path);  // before touching the project
  if (!toSave && !std::filesystem::exists(a.positional().front()))
    throw std::runtime_error(a.positional().front() + ": no such project (import into it or --save-scenario to create it)");
  Project p = openOrCreate(a.positional().front());
  if (toSave) {
    const Scenario& s = *toSave;
    const auto version = p.saveScenario(s.name, scenarioToJson(s).dump(), a.value("comment").value_or(""));
    ctx.out << "saved scenario '" << s.name << "' as version " << version << "\n";
  }
  ctx.out << "scenarios:\n";
  for (const auto& s : p.scenarios())
    ctx.out << "  " << s.name << "  (" << s.version_count << " version(s), latest " << s.latest_version << ")\n";
  ctx.out << "series:\n";
  for (const auto& s : p.listSeries())
    ctx.out << "  #" << s.id << "  " << s.name << labelsText(s.labels) << "  [" << s.unit << "]  " << s.point_count
            << " points  from " << s.source_file << " (" << s.format << ")\n";
  ctx.out << "runs:\n";
  for (const auto& r : p.listRuns())
    ctx.out << "  #" << r.id << "  " << r.scenario_name << " v" << r.scenario_version << "  seed " << r.seed << "  "
            << r.summary_json << "\n";
  return 0;
}

int commandFitTraffic(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv,
               {"project", "series", "series-name", "utc-offset-min", "unit-hint", "bin", "forecast-days",
                "utc-offset-hours", "scenario", "source", "out", "growth"},
               {"linear", "replay"});
  const TimeSeries series = loadRateSeries(a);
  TrafficFitOptions o;
  if (a.flag("linear")) o.trend = TrafficFitOptions::Trend::Linear;
  if (auto v = a.number("utc-offset-hours")) o.utc_offset_hours = *v;
  const TrafficFit fit = fitTraffic(series, o);
  char buf[256];
  ctx.out << "Traffic fit of '" << series.name << "' [" << series.unit << "], " << fit.points_used << " points ("
          << fit.points_skipped << " skipped), " << isoTime(fit.first_time_s) << " .. " << isoTime(fit.last_time_s) << "\n";
  std::snprintf(buf, sizeof buf,
                "trend %s: %+.2f%% per month (95%% CI %+.2f .. %+.2f); daily harmonics %d, weekly %d\n"
                "fit quality: R^2 %.3f, RMSE %.4g req/s, MAPE %.1f%%\n",
                o.trend == TrafficFitOptions::Trend::Compound ? "compound" : "linear", fit.growth_percent_per_month,
                fit.growth_percent_per_month_lower95, fit.growth_percent_per_month_upper95, fit.daily_harmonics,
                fit.weekly_harmonics, fit.r_squared, fit.rmse_per_s, fit.mape_percent);
  ctx.out << buf;
  for (const auto& n : fit.notes) ctx.out << "note: " << n << "\n";
  const double days = a.number("forecast-days").value_or(30);
  ctx.out << "\nforecast (req/s, 95% prediction band)\n";
  for (int d = 0; d <= 10; ++d) {
    const double t = fit.last_time_s + d * days / 10.0 * 86400.0;
    const TrafficForecast f = fit.forecast(t);
    std::snprintf(buf, sizeof buf, "  %s  %10.3f  [%10.3f .. %10.3f]\n", isoTime(t).c_str(), f.mean, f.lower95, f.upper95);
    ctx.out << buf;
  }
  if (auto scenarioPath = a.value("scenario")) {
    // Drive a source of a scenario with the fitted curve (t = 0 at the end of the observed window).
    const auto out = a.value("out");
    if (!out) throw UsageError("--scenario needs --out FILE for the scenario with the fitted rate");
    Scenario s = loadAndValidateScenarioFile(*scenarioPath);
    const std::string sourceName = a.value("source").value_or(s.sources.empty() ? "" : s.sources.front().name);
    bool found = false;
    const bool replay = a.flag("replay");
    const double growth = a.number("growth").value_or(1.0);
    for (auto& src : s.sources)
      if (src.name == sourceName && src.kind == Source::Kind::Open) {
        // Replay: the observed series itself (times shifted to start at 0, scaled by --growth); otherwise the
        // fitted trend + seasonality, continuing from the end of the observed window.
        src.rate = replay ? replayRateCurve(series, growth) : fit.toRateCurve(fit.last_time_s);
        found = true;
      }
    if (!found) throw UsageError("no open source named '" + sourceName + "' in " + *scenarioPath);
    if (replay) {
      s.simulation.horizon_s = replayDuration_s(series);
      s.simulation.warmup_s = std::min(s.simulation.warmup_s, 0.1 * s.simulation.horizon_s);
    }
    const auto issues = validateScenario(s);  // e.g. a fault now beyond the replayed horizon
    if (!issues.empty()) {
      std::string msg = "the scenario with the new rate would be invalid, not written:";
      for (const auto& i : issues) msg += "\n  " + i.message();
      throw std::runtime_error(msg);
    }
    saveScenarioFile(*out, s);
    ctx.out << "\nwrote " << *out << ": source '" << sourceName << "' now "
            << (replay ? "replays the series (x" + formatFactor(growth) + "), horizon " +
                             std::to_string(static_cast<long long>(s.simulation.horizon_s)) + " s"
                       : std::string("follows the fitted curve"))
            << "\n";
  }
  return 0;
}

namespace {

TimeSeries seriesById(Project& project, const Args& a, const std::string& option) {
  auto id = a.integer(option);
  if (!id) return {};
  return project.loadSeries(*id);
}

}  // namespace

int commandEstimateDemand(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv, {"project", "utilization", "throughput", "servers", "p50", "p95", "p99"}, {});
  const auto path = a.value("project");
  if (!path || !a.integer("utilization") || !a.integer("throughput") || !a.integer("servers"))
    throw UsageError("estimate-demand needs --project P --utilization ID --throughput ID --servers N");
  Project project = Project::open(*path);
  const TimeSeries u = seriesById(project, a, "utilization");
  const TimeSeries x = seriesById(project, a, "throughput");
  const int servers = static_cast<int>(*a.integer("servers"));
  const ServiceDemandEstimate e = estimateServiceDemand(u, x, servers);
  char buf[256];
  if (e.ok) {
    std::snprintf(buf, sizeof buf,
                  "service time per request: %.4g ms (std error %.2g ms), R^2 %.3f, %d points (%d saturated excluded, %d unpaired)\n"
                  "with background load: %.4g ms per request + %.3g busy servers, R^2 %.3f\n",
                  e.service_time_s * 1e3, e.service_time_std_error_s * 1e3, e.r_squared, e.points_used, e.points_saturated,
                  e.points_unpaired, e.service_time_with_intercept_s * 1e3, e.background_busy_servers, e.r_squared_with_intercept);
    ctx.out << buf;
  } else {
    ctx.out << "no estimate could be made\n";
  }
  for (const auto& w : e.warnings) ctx.out << "warning: " << w << "\n";
  if (a.integer("p50") && a.integer("p95") && a.integer("p99")) {
    const ServiceVariabilityEstimate v =
        estimateServiceVariability(seriesById(project, a, "p50"), seriesById(project, a, "p95"), seriesById(project, a, "p99"), u);
    if (v.ok) {
      std::snprintf(buf, sizeof buf, "service-time shape (lognormal from p50/p95/p99 at low load): mean %.4g ms, cv %.2f, fit R^2 %.3f\n",
                    v.mean_s * 1e3, v.cv, v.r_squared);
      ctx.out << buf;
    }
    for (const auto& w : v.warnings) ctx.out << "warning: " << w << "\n";
  }
  return e.ok ? 0 : 1;
}

int commandBacktest(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv, {"project", "start-time", "throughput", "p50", "p95", "p99", "component", "replications", "json"}, {});
  if (a.positional().size() != 1 || !a.value("project"))
    throw UsageError("backtest needs SCENARIO.json --project P and observed series ids (--throughput, --p50, --p95, --p99, "
                     "--component NAME:THROUGHPUT_ID:UTILIZATION_ID)");
  const Scenario s = loadAndValidateScenarioFile(a.positional().front());
  Project project = Project::open(*a.value("project"));
  ObservedSeries observed;
  if (auto t = a.number("start-time")) observed.start_time_s = *t;
  observed.throughput = seriesById(project, a, "throughput");
  observed.latency_p50 = seriesById(project, a, "p50");
  observed.latency_p95 = seriesById(project, a, "p95");
  observed.latency_p99 = seriesById(project, a, "p99");
  if (auto spec = a.value("component")) {
    // NAME:THROUGHPUT_ID:UTILIZATION_ID, either id may be empty
    const auto c1 = spec->find(':');
    const auto c2 = c1 == std::string::npos ? std::string::npos : spec->find(':', c1 + 1);
    if (c2 == std::string::npos) throw UsageError("--component takes NAME:THROUGHPUT_ID:UTILIZATION_ID");
    ObservedComponent oc;
    oc.component = spec->substr(0, c1);
    const std::string tid = spec->substr(c1 + 1, c2 - c1 - 1), uid = spec->substr(c2 + 1);
    auto seriesId = [&](const std::string& text) {
      std::size_t used = 0;
      long long id = -1;
      try {
        id = std::stoll(text, &used);
      } catch (const std::exception&) {
      }
      if (id < 0 || used != text.size()) throw UsageError("--component " + *spec + ": '" + text + "' is not a series id");
      return id;
    };
    if (!tid.empty()) oc.throughput = project.loadSeries(seriesId(tid));
    if (!uid.empty()) oc.utilization = project.loadSeries(seriesId(uid));
    observed.components.push_back(std::move(oc));
  }
  BacktestOptions options;
  if (auto r = a.integer("replications")) options.run.replications = static_cast<int>(*r);
  const BacktestReport report = backtest(s, observed, options, &ctx.feedback);
  ctx.out << formatBacktestTable(report);
  if (auto j = a.value("json")) writeOutput(*j, backtestToJson(report).dump(2) + "\n", ctx.out);
  return report.cancelled ? 130 : 0;
}

}  // namespace headroom::cli
