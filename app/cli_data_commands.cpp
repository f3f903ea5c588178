#include "app/cli_data_commands.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli_args.h"
#include "app/cli_series_select.h"
#include "importers/import_adjust.h"
#include "importers/registry.h"
#include "importers/route_classes.h"
#include "model/project/project.h"
#include "model/scenario_json.h"
#include "model/validation.h"
#include "simulator/calibration/backtest.h"
#include "simulator/calibration/replay.h"
#include "simulator/calibration/service_demand.h"
#include "simulator/calibration/traffic_fit.h"

namespace headroom::cli {
namespace {

std::string isoTime(double unix_s) { return calibration::isoTimeText(unix_s); }

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
  if (auto v = a.value("bin-stamp")) {
    if (*v != "start" && *v != "end") throw UsageError("--bin-stamp takes start or end, got '" + *v + "'");
    o.bin_stamp_at_end = *v == "end";
  }
  // Access logs: which field is the latency, and request classes by route.
  if (auto v = a.value("latency-field")) {
    static const std::map<std::string, std::string> modes{{"request_time", "request_time_s"},
                                                          {"upstream_response_time", "upstream_response_time_s"},
                                                          {"D_us", "D_us"}, {"T_s", "T_s"}, {"none", "none"}, {"auto", "auto"}};
    const auto it = modes.find(*v);
    if (it == modes.end())
      throw UsageError("--latency-field takes request_time, upstream_response_time, D_us, T_s, none or auto, got '" + *v + "'");
    o.access_log_latency = it->second;
  }
  if (auto v = a.integer("latency-position")) {
    if (*v < 1) throw UsageError("--latency-position counts fields from the end of the line, starting at 1");
    o.access_log_latency_position = static_cast<int>(*v);
  }
  try {
    for (const auto& r : a.values("route")) o.route_classes.push_back(parseRouteClass(r));
  } catch (const std::invalid_argument& e) {
    throw UsageError(std::string("--route: ") + e.what());
  }
  if (auto path = a.value("route-map")) {
    const auto more = readRouteMap(*path);
    o.route_classes.insert(o.route_classes.end(), more.begin(), more.end());
  }
  return o;
}

std::string optionsJson(const ImportOptions& o) {
  return nlohmann::json{{"naive_utc_offset_min", o.naive_utc_offset_min}, {"value_unit_hint", o.value_unit_hint},
                        {"bin_s", o.bin_s}, {"bin_stamp_at_end", o.bin_stamp_at_end},
                        {"access_log_latency", o.access_log_latency}}
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


TimeSeries cutToOptionWindow(const TimeSeries& s, const Args& a) {
  const calibration::TimeWindow w = windowOption(a);
  if (w.unbounded()) return s;
  try {
    return calibration::cutToWindow(s, calibration::resolveWindow(w, calibration::seriesExtent({&s})));
  } catch (const std::invalid_argument& e) {
    throw UsageError(s.name + ": " + e.what());
  }
}

struct RampCut {
  int samples = 0;
  double until_s = 0.0;
};

// Leading samples below half the median rate (within the first quarter of the window) are a start-up ramp.
RampCut cutStartupRamp(TimeSeries& s) {
  std::vector<double> v;
  for (double x : s.value)
    if (std::isfinite(x)) v.push_back(x);
  if (v.size() < 8) return {};
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  const double median = v[v.size() / 2];
  std::size_t i = 0;
  while (i < s.value.size() / 4 && (!std::isfinite(s.value[i]) || s.value[i] < 0.5 * median)) ++i;
  if (i == 0) return {};
  RampCut r{static_cast<int>(i), s.time_s[i]};
  s.time_s.erase(s.time_s.begin(), s.time_s.begin() + static_cast<std::ptrdiff_t>(i));
  s.value.erase(s.value.begin(), s.value.begin() + static_cast<std::ptrdiff_t>(i));
  return r;
}

}  // namespace

int commandImport(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv,
               {"project", "format", "utc-offset-min", "unit-hint", "bin", "bin-stamp", "latency-field", "latency-position", "route",
                "route-map", "name", "label", "from", "to", "json"},
               {});
  std::map<std::string, std::string> extraLabels;
  for (const auto& l : a.values("label")) {
    const auto eq = l.find('=');
    if (eq == std::string::npos || eq == 0) throw UsageError("--label '" + l + "': expected KEY=VALUE");
    extraLabels[l.substr(0, eq)] = l.substr(eq + 1);
  }
  const calibration::TimeWindow window = windowOption(a);
  nlohmann::json jsonOut = nlohmann::json::array();
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
    nameImportedSeries(r, a.value("name").value_or(""), extraLabels);
    applyUnitHint(r, options.value_unit_hint, file);
    if (!window.unbounded()) {
      // Relative bounds count from the earliest sample of this file.
      std::vector<const TimeSeries*> all;
      for (const auto& s : r.series) all.push_back(&s);
      calibration::ResolvedWindow w;
      try {
        w = calibration::resolveWindow(window, calibration::seriesExtent(all));
      } catch (const std::invalid_argument& e) {
        throw UsageError(file + ": " + e.what());
      }
      for (auto& s : r.series) s = calibration::cutToWindow(s, w);
    }
    nlohmann::json fileJson{{"file", file}, {"format", r.format}, {"series", nlohmann::json::array()}};
    for (const auto& s : r.series)
      fileJson["series"].push_back({{"name", s.name}, {"labels", s.labels}, {"unit", s.unit}, {"points", s.size()},
                                    {"first_time_s", s.size() ? nlohmann::json(s.time_s.front()) : nlohmann::json(nullptr)},
                                    {"last_time_s", s.size() ? nlohmann::json(s.time_s.back()) : nlohmann::json(nullptr)}});
    for (const auto& w : r.warnings)
      fileJson["warnings"].push_back({{"kind", toString(w.kind)}, {"line", w.line}, {"detail", w.detail}});
    jsonOut.push_back(std::move(fileJson));
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
  if (auto j = a.value("json")) writeOutput(*j, jsonOut.dump(2) + "\n", ctx.out);
  return 0;
}

int commandProject(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv, {"save-scenario", "comment", "json"}, {});
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
  if (auto j = a.value("json")) {
    nlohmann::json out{{"scenarios", nlohmann::json::array()}, {"series", nlohmann::json::array()}, {"runs", nlohmann::json::array()}, {"plans", nlohmann::json::array()}};
    for (const auto& s : p.scenarios())
      out["scenarios"].push_back({{"name", s.name}, {"versions", s.version_count}, {"latest_version", s.latest_version}});
    for (const auto& s : p.listSeries())
      out["series"].push_back({{"id", s.id}, {"name", s.name}, {"labels", s.labels}, {"unit", s.unit},
                               {"selector", s.name + labelsText(s.labels)}, {"points", s.point_count},
                               {"first_time_s", s.first_time_s ? nlohmann::json(*s.first_time_s) : nlohmann::json(nullptr)},
                               {"last_time_s", s.last_time_s ? nlohmann::json(*s.last_time_s) : nlohmann::json(nullptr)},
                               {"source_file", s.source_file}, {"format", s.format}});
    for (const auto& r : p.listRuns())
      out["runs"].push_back({{"id", r.id}, {"scenario", r.scenario_name}, {"scenario_version", r.scenario_version},
                             {"seed", r.seed}, {"summary", nlohmann::json::parse(r.summary_json, nullptr, false)}});
    for (const auto& pl : p.listPlans())
      out["plans"].push_back({{"id", pl.id}, {"name", pl.name}, {"scenario", pl.scenario_name}, {"scenario_version", pl.scenario_version},
                              {"scenario_hash", pl.scenario_hash}, {"created_unix_ms", pl.created_unix_ms},
                              {"options", nlohmann::json::parse(pl.options_json, nullptr, false)}});
    writeOutput(*j, out.dump(2) + "\n", ctx.out);
    if (*j == "-") return 0;
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
  ctx.out << "plans:\n";
  for (const auto& pl : p.listPlans()) {
    const auto options = nlohmann::json::parse(pl.options_json, nullptr, false);
    const double days = options.is_object() && options.value("horizon_s", 0.0) > 0 ? options.value("horizon_s", 0.0) / 86400.0 : 0.0;
    ctx.out << "  #" << pl.id << "  " << pl.name << "  (" << pl.scenario_name << " v" << pl.scenario_version << ", " << days
            << " days, scenario " << pl.scenario_hash << ")\n";
  }
  return 0;
}

int commandFitTraffic(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv,
               {"project", "series", "series-name", "utc-offset-min", "unit-hint", "bin", "forecast-days",
                "utc-offset-hours", "scenario", "source", "out", "growth", "from", "to", "json"},
               {"linear", "replay"});
  TimeSeries series = cutToOptionWindow(loadRateSeries(a), a);
  // A start-up ramp (a service coming up, a load test ramping users) is not growth: cut it off and say so.
  const RampCut ramp = cutStartupRamp(series);
  TrafficFitOptions o;
  if (a.flag("linear")) o.trend = TrafficFitOptions::Trend::Linear;
  if (auto v = a.number("utc-offset-hours")) o.utc_offset_hours = *v;
  const TrafficFit fit = fitTraffic(series, o);
  // A trend needs a window long enough to tell it from noise and the daily cycle: below two days the fitted
  // growth is not reported and nothing is extrapolated (it can be +inf% per month on a ramp).
  const double spanDays = (fit.last_time_s - fit.first_time_s) / 86400.0;
  const bool tooShort = !(spanDays >= kMinTrendDaysForGrowth);
  const std::string shortMessage = "the window covers " + formatFactor(std::round(spanDays * 24 * 10) / 10) +
                                   " h: too short to tell a trend from noise and the daily cycle (need >= " +
                                   formatFactor(kMinTrendDaysForGrowth) + " days); growth is not estimated and nothing is "
                                   "extrapolated. Use --replay to simulate the observed window as it was.";
  if (auto j = a.value("json")) {
    nlohmann::json out{{"series", series.name},
                       {"unit", series.unit},
                       {"points_used", fit.points_used},
                       {"points_skipped", fit.points_skipped},
                       {"first_time_s", fit.first_time_s},
                       {"last_time_s", fit.last_time_s},
                       {"trend", o.trend == TrafficFitOptions::Trend::Compound ? "compound" : "linear"},
                       {"r_squared", fit.r_squared},
                       {"rmse_per_s", fit.rmse_per_s},
                       {"mape_percent", fit.mape_percent},
                       {"daily_harmonics", fit.daily_harmonics},
                       {"weekly_harmonics", fit.weekly_harmonics},
                       {"notes", fit.notes},
                       {"startup_ramp", ramp.samples ? nlohmann::json{{"samples", ramp.samples}, {"until_s", ramp.until_s}}
                                                     : nlohmann::json(nullptr)}};
    if (tooShort) out["refused"] = shortMessage;
    else out["growth_percent_per_month"] = {fit.growth_percent_per_month, fit.growth_percent_per_month_lower95,
                                            fit.growth_percent_per_month_upper95};
    writeOutput(*j, out.dump(2) + "\n", ctx.out);
  }
  char buf[256];
  if (ramp.samples)
    ctx.out << "start-up ramp: the first " << ramp.samples << " samples (until " << isoTime(ramp.until_s)
            << ") are below half the median rate; they are not used for the fit (a ramp is not growth)\n";
  ctx.out << "Traffic fit of '" << series.name << "' [" << series.unit << "], " << fit.points_used << " points ("
          << fit.points_skipped << " skipped), " << isoTime(fit.first_time_s) << " .. " << isoTime(fit.last_time_s) << "\n";
  std::snprintf(buf, sizeof buf,
                "trend %s: %+.2f%% per month (95%% CI %+.2f .. %+.2f); daily harmonics %d, weekly %d\n"
                "fit quality: R^2 %.3f, RMSE %.4g req/s, MAPE %.1f%%\n",
                o.trend == TrafficFitOptions::Trend::Compound ? "compound" : "linear", fit.growth_percent_per_month,
                fit.growth_percent_per_month_lower95, fit.growth_percent_per_month_upper95, fit.daily_harmonics,
                fit.weekly_harmonics, fit.r_squared, fit.rmse_per_s, fit.mape_percent);
  if (tooShort) {
    std::snprintf(buf, sizeof buf, "fit quality: R^2 %.3f, RMSE %.4g req/s, MAPE %.1f%%\n", fit.r_squared, fit.rmse_per_s,
                  fit.mape_percent);
    ctx.out << buf << "no forecast: " << shortMessage << "\n";
  } else {
    ctx.out << buf;
  }
  for (const auto& n : fit.notes) ctx.out << "note: " << n << "\n";
  if (tooShort && !a.flag("replay")) {
    if (a.value("scenario")) throw std::runtime_error("fit-traffic: " + shortMessage);
    return 0;
  }
  const double days = a.number("forecast-days").value_or(30);
  if (!tooShort) ctx.out << "\nforecast (req/s, 95% prediction band)\n";
  for (int d = 0; d <= 10 && !tooShort; ++d) {
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
      // The user's warm-up is kept; only one that would swallow the whole replay is refused, loudly.
      if (s.simulation.warmup_s >= s.simulation.horizon_s)
        throw std::runtime_error("fit-traffic --replay: the scenario's warm-up (" + formatFactor(s.simulation.warmup_s) +
                                 " s) is not shorter than the replayed window (" + formatFactor(s.simulation.horizon_s) +
                                 " s); shorten the warm-up in " + *scenarioPath);
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
  const Args a(argv, {"project", "utilization", "throughput", "servers", "p50", "p95", "p99", "from", "to", "json"}, {});
  const auto path = a.value("project");
  if (!path || !a.integer("utilization") || !a.integer("throughput") || !a.integer("servers"))
    throw UsageError("estimate-demand needs --project P --utilization ID --throughput ID --servers N");
  Project project = Project::open(*path);
  TimeSeries u = seriesById(project, a, "utilization");
  TimeSeries x = seriesById(project, a, "throughput");
  const calibration::TimeWindow window = windowOption(a);
  if (!window.unbounded()) {
    calibration::ResolvedWindow w;
    try {
      w = calibration::resolveWindow(window, calibration::seriesExtent({&u, &x}));
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    u = calibration::cutToWindow(u, w);
    x = calibration::cutToWindow(x, w);
  }
  const int servers = static_cast<int>(*a.integer("servers"));
  const ServiceDemandEstimate e = estimateServiceDemand(u, x, servers);
  if (auto j = a.value("json")) {
    nlohmann::json out{{"ok", e.ok},
                       {"servers", servers},
                       {"service_time_s", e.service_time_s},
                       {"service_time_std_error_s", e.service_time_std_error_s},
                       {"r_squared", e.r_squared},
                       {"service_time_with_intercept_s", e.service_time_with_intercept_s},
                       {"background_busy_servers", e.background_busy_servers},
                       {"r_squared_with_intercept", e.r_squared_with_intercept},
                       {"samples_used", e.points_used},
                       {"samples_dropped", {{"saturated", e.points_saturated}, {"unpaired", e.points_unpaired}}},
                       {"warnings", e.warnings}};
    writeOutput(*j, out.dump(2) + "\n", ctx.out);
    if (*j == "-") return e.ok ? 0 : 1;
  }
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
  const Args a(argv,
               {"project", "start-time", "throughput", "p50", "p95", "p99", "component", "replications", "json", "warmup",
                "window", "horizon", "from", "to", "class", "class-label", "throughput-metric", "latency-metric",
                "latency-mean-metric"},
               {"strict"});
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
  // Per-class rows, the series picked by stable name: --class NAME[=LABEL_VALUE] with --class-label (default class).
  if (!a.values("class").empty()) {
    SeriesCatalog catalog(project);
    const std::string label = a.value("class-label").value_or("class");
    for (const auto& spec : a.values("class")) {
      const auto eq = spec.find('=');
      ObservedClass oc;
      oc.request_class = spec.substr(0, eq);
      const std::string value = eq == std::string::npos ? oc.request_class : spec.substr(eq + 1);
      oc.throughput = catalog.require({a.value("throughput-metric").value_or("throughput"), {{label, value}}},
                                      "class '" + oc.request_class + "' throughput");
      if (auto m = a.value("latency-mean-metric"))
        oc.latency_mean = catalog.require({*m, {{label, value}}}, "class '" + oc.request_class + "' mean latency");
      if (auto m = a.value("latency-metric")) {
        if (auto q = catalog.loadOne({*m, {{label, value}, {"quantile", "0.5"}}})) oc.latency_p50 = *q;
        if (auto q = catalog.loadOne({*m, {{label, value}, {"quantile", "0.95"}}})) oc.latency_p95 = *q;
        if (auto q = catalog.loadOne({*m, {{label, value}, {"quantile", "0.99"}}})) oc.latency_p99 = *q;
      }
      observed.classes.push_back(std::move(oc));
    }
  }
  // --from/--to: every observed series is cut to one window (relative bounds from the earliest sample of any).
  const calibration::TimeWindow window = windowOption(a);
  if (!window.unbounded()) {
    std::vector<TimeSeries*> all{&observed.throughput, &observed.latency_p50, &observed.latency_p95, &observed.latency_p99};
    for (auto& c : observed.components) all.insert(all.end(), {&c.throughput, &c.utilization});
    for (auto& c : observed.classes)
      all.insert(all.end(), {&c.throughput, &c.latency_mean, &c.latency_p50, &c.latency_p95, &c.latency_p99});
    std::vector<const TimeSeries*> view(all.begin(), all.end());
    calibration::ResolvedWindow w;
    try {
      w = calibration::resolveWindow(window, calibration::seriesExtent(view));
    } catch (const std::invalid_argument& e) {
      throw UsageError(e.what());
    }
    for (TimeSeries* t : all)
      if (t->size()) *t = calibration::cutToWindow(*t, w);
    if (!std::isfinite(observed.start_time_s)) observed.start_time_s = w.from_s;
  }
  BacktestOptions options;
  if (auto r = a.integer("replications")) options.run.replications = static_cast<int>(*r);
  if (auto v = a.number("warmup")) {
    if (*v < 0) throw UsageError("--warmup must be >= 0 seconds");
    options.run.warmup_s = *v;
  }
  if (auto v = a.number("window")) {
    if (*v <= 0) throw UsageError("--window must be > 0 seconds");
    options.run.window_s = *v;
  }
  if (auto v = a.number("horizon")) {
    if (*v <= 0) throw UsageError("--horizon must be > 0 seconds");
    options.run.horizon_s = *v;
  }
  const BacktestReport report = backtest(s, observed, options, &ctx.feedback);
  const auto j = a.value("json");
  if (j != std::optional<std::string>("-")) ctx.out << formatBacktestTable(report);
  if (j) writeOutput(*j, backtestToJson(report).dump(2) + "\n", ctx.out);
  if (report.cancelled) return 130;
  return a.flag("strict") && report.verdict == "fail" ? 4 : 0;
}

}  // namespace headroom::cli
