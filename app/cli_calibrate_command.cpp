#include "app/cli_calibrate_command.h"

#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/cli_args.h"
#include "app/cli_series_select.h"
#include "model/scenario_json.h"
#include "model/validation.h"
#include "simulator/calibration/calibrate_model.h"
#include "simulator/calibration/calibration_json.h"

namespace headroom::cli {

namespace {

// "--class browse" (label value = class name) or "--class browse=/api/browse*" (label value given).
std::pair<std::string, std::string> parseClass(const std::string& spec) {
  const auto eq = spec.find('=');
  std::string name = spec.substr(0, eq), value = eq == std::string::npos ? name : spec.substr(eq + 1);
  if (name.empty() || value.empty()) throw UsageError("--class '" + spec + "': expected NAME or NAME=LABEL_VALUE");
  return {name, value};
}

std::string quantileText(double q) {
  char b[16];
  std::snprintf(b, sizeof b, "%g", q);
  return b;
}

nlohmann::json outcomeJson(const CalibrationOutcome& o, const std::string& out) {
  nlohmann::json j = calibrationOutcomeToJson(o);
  j["scenario_file"] = out;
  return j;
}

}  // namespace

int commandCalibrate(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv,
               {"project", "class", "class-label", "component", "throughput-metric", "utilization-metric", "busy-metric",
                "in-flight-metric", "latency-metric", "bucket-metric", "match", "servers", "from", "to", "traffic", "out",
                "name", "json"},
               {});
  const auto projectPath = a.value("project");
  const auto out = a.value("out");
  if (!projectPath || a.values("class").empty() || !out)
    throw UsageError("calibrate needs --project P --class NAME[=VALUE]... --out SCENARIO.json (see --help)");
  if (!a.value("utilization-metric") && !a.value("busy-metric"))
    throw UsageError("calibrate needs --utilization-metric NAME or --busy-metric NAME for the component");
  Project project = Project::open(*projectPath);
  SeriesCatalog catalog(project);
  const std::string classLabel = a.value("class-label").value_or("class");
  std::map<std::string, std::string> match;
  for (const auto& m : a.values("match")) {
    const auto eq = m.find('=');
    if (eq == std::string::npos) throw UsageError("--match '" + m + "': expected LABEL=VALUE");
    match[m.substr(0, eq)] = m.substr(eq + 1);
  }
  std::vector<std::string> notes;
  auto selector = [&](const std::string& name, std::map<std::string, std::string> labels) {
    for (const auto& [k, v] : match) labels.emplace(k, v);
    return SeriesSelector{name, labels};
  };

  CalibrationRequest req;
  req.component = a.value("component").value_or("api");
  req.scenario_name = a.value("name").value_or("calibrated-" + req.component);
  if (auto s = a.integer("servers")) {
    if (*s < 1) throw UsageError("--servers must be >= 1");
    req.servers = static_cast<int>(*s);
  }
  if (auto t = a.value("traffic")) {
    if (*t == "mean") req.traffic = CalibrationRequest::Traffic::Mean;
    else if (*t == "replay") req.traffic = CalibrationRequest::Traffic::Replay;
    else throw UsageError("--traffic takes mean or replay, got '" + *t + "'");
  }
  if (auto m = a.value("utilization-metric")) req.utilization = catalog.require(selector(*m, {}), "--utilization-metric", &notes);
  if (auto m = a.value("busy-metric")) req.busy_workers = catalog.require(selector(*m, {}), "--busy-metric", &notes);
  if (auto m = a.value("in-flight-metric")) req.in_flight = catalog.require(selector(*m, {}), "--in-flight-metric", &notes);
  const std::string thrMetric = a.value("throughput-metric").value_or("throughput");
  for (const auto& spec : a.values("class")) {
    const auto [name, value] = parseClass(spec);
    ClassObservations c;
    c.request_class = name;
    c.throughput = catalog.require(selector(thrMetric, {{classLabel, value}}), "class '" + name + "' throughput", &notes);
    if (auto lat = a.value("latency-metric")) {
      TimeSeries* slots[] = {&c.p50, &c.p95, &c.p99};
      const double qs[] = {0.5, 0.95, 0.99};
      for (int i = 0; i < 3; ++i)
        if (auto s = catalog.loadOne(selector(*lat, {{classLabel, value}, {"quantile", quantileText(qs[i])}}), &notes))
          *slots[i] = *s;
      if (!c.p50.size()) notes.push_back("class '" + name + "': no " + *lat + "{quantile=\"0.5\"} series: no percentile shape");
    }
    if (auto b = a.value("bucket-metric")) {
      c.buckets = catalog.loadAll(selector(*b, {{classLabel, value}}));
      if (c.buckets.empty()) notes.push_back("class '" + name + "': no " + *b + " bucket series");
    }
    req.classes.push_back(std::move(c));
  }

  // One window for every series: relative bounds count from the earliest sample of any of them.
  std::vector<const TimeSeries*> all{&req.utilization, &req.busy_workers, &req.in_flight};
  for (const auto& c : req.classes) all.push_back(&c.throughput);
  const calibration::TimeWindow window = windowOption(a);
  try {
    req.window = calibration::resolveWindow(window, calibration::seriesExtent(all));
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  auto cut = [&](TimeSeries& s) {
    if (s.size()) s = calibration::cutToWindow(s, req.window);
  };
  cut(req.utilization);
  cut(req.busy_workers);
  cut(req.in_flight);
  for (auto& c : req.classes) {
    for (TimeSeries* s : {&c.throughput, &c.p50, &c.p95, &c.p99}) cut(*s);
    for (auto& b : c.buckets) cut(b);
  }

  CalibrationOutcome o = calibrateScenario(req);
  o.notes.insert(o.notes.begin(), notes.begin(), notes.end());
  if (o.ok) {
    const auto issues = validateScenario(o.scenario);
    if (!issues.empty()) {
      o.ok = false;
      o.error = "the calibrated scenario is not valid:";
      for (const auto& i : issues) o.error += "\n  " + i.message();
    }
  }
  if (auto j = a.value("json")) writeOutput(*j, outcomeJson(o, *out).dump(2) + "\n", ctx.out);
  if (!o.ok) {
    ctx.err << "headroom-cli: calibrate: " << o.error << "\n";
    for (const auto& n : o.notes) ctx.err << "note: " << n << "\n";
    return 1;
  }
  saveScenarioFile(*out, o.scenario);
  if (a.value("json") == std::optional<std::string>("-")) return 0;
  char buf[256];
  ctx.out << "Calibrated component '" << req.component << "' over " << calibration::isoTimeText(req.window.from_s) << " .. "
          << calibration::isoTimeText(req.window.to_s) << "\n";
  ctx.out << "servers: " << o.concurrency.servers << "  (" << o.concurrency.method << ")\n";
  std::snprintf(buf, sizeof buf, "service demand (NNLS): R^2 %.3f, background %.3g busy servers, %d samples used, %d dropped\n",
                o.demand.r_squared, o.demand.background_busy_servers, o.demand.points_used,
                o.demand.points_dropped_gap + o.demand.points_dropped_saturated + o.demand.points_dropped_unpaired);
  ctx.out << buf;
  for (std::size_t k = 0; k < o.demand.classes.size(); ++k) {
    const auto& d = o.demand.classes[k];
    std::snprintf(buf, sizeof buf, "  %-16s %8.3f req/s  S = %8.4g ms (se %.2g ms)  cv %.2f  %s\n", d.request_class.c_str(),
                  d.mean_throughput_per_s, d.service_time_s * 1e3, d.std_error_s * 1e3, o.variability[k].cv,
                  o.variability[k].method.c_str());
    ctx.out << buf;
  }
  for (const auto& w : o.demand.warnings) ctx.out << "warning: " << w << "\n";
  for (const auto& n : o.concurrency.notes) ctx.out << "note: " << n << "\n";
  for (const auto& n : o.notes) ctx.out << "note: " << n << "\n";
  ctx.out << "wrote " << *out << " (" << o.scenario.provenance.size() << " parameters with provenance)\n";
  return 0;
}

}  // namespace headroom::cli
