#include "app/cli_calibrate_command.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/cli_args.h"
#include "app/cli_series_select.h"
#include "model/scenario_json.h"
#include "model/validation.h"
#include "simulator/calibration/calibrate_components.h"
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

// "--throughput-metric throughput{class}": metric `throughput` whose class label is `class` instead of
// --class-label (series from an access log carry `class`, Prometheus series e.g. `endpoint`).
struct MetricSpec {
  std::string name, class_label;
};
MetricSpec metricSpec(const std::string& text, const std::string& defaultLabel, const std::string& option) {
  const auto open = text.find('{');
  if (open == std::string::npos) return {text, defaultLabel};
  const std::string label = text.substr(open + 1, text.size() - open - 2);
  if (open == 0 || text.back() != '}' || label.empty() || label.find_first_of("=,\"{}") != std::string::npos)
    throw UsageError(option + " '" + text + "': expected NAME or NAME{CLASS_LABEL}");
  return {text.substr(0, open), label};
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

std::string validationError(const Scenario& s) {
  const auto issues = validateScenario(s);
  if (issues.empty()) return "";
  std::string e = "the calibrated scenario is not valid:";
  for (const auto& i : issues) e += "\n  " + i.message();
  return e;
}

void printComponent(const CalibrationOutcome& o, const std::string& component, std::ostream& os) {
  char buf[256];
  os << "component '" << component << "': servers " << o.concurrency.servers << "  (" << o.concurrency.method << ")\n";
  std::snprintf(buf, sizeof buf, "service demand (NNLS): R^2 %.3f, background %.3g busy servers, %d samples used, %d dropped\n",
                o.demand.r_squared, o.demand.background_busy_servers, o.demand.points_used,
                o.demand.points_dropped_gap + o.demand.points_dropped_saturated + o.demand.points_dropped_unpaired);
  os << buf;
  for (std::size_t k = 0; k < o.demand.classes.size(); ++k) {
    const auto& d = o.demand.classes[k];
    std::snprintf(buf, sizeof buf, "  %-16s %8.3f req/s  S = %8.4g ms (se %.2g ms)  cv %.2f  %s\n", d.request_class.c_str(),
                  d.mean_throughput_per_s, d.service_time_s * 1e3, d.std_error_s * 1e3, o.variability[k].cv,
                  o.variability[k].method.c_str());
    os << buf;
  }
  for (const auto& w : o.demand.warnings) os << "warning: " << w << "\n";
  for (const auto& n : o.concurrency.notes) os << "note: " << n << "\n";
}

// Several components: one scenario, per component the same steps as for one.
int calibrateSeveral(const CalibrationRequest& base, const std::vector<ComponentObservations>& comps,
                     const std::vector<std::pair<std::string, std::string>>& calls, const std::vector<std::string>& notes,
                     const std::string& out, const std::optional<std::string>& json, CommandContext& ctx) {
  MultiComponentRequest mr;
  mr.base = base;
  mr.components = comps;
  mr.calls = calls;
  MultiComponentOutcome o = calibrateComponents(mr);
  o.notes.insert(o.notes.begin(), notes.begin(), notes.end());
  if (o.ok) {
    o.error = validationError(o.scenario);
    o.ok = o.error.empty();
  }
  if (json) {
    nlohmann::json j{{"ok", o.ok}, {"scenario_file", out}, {"notes", o.notes}};
    if (!o.ok) j["error"] = o.error;
    nlohmann::json cs = nlohmann::json::array();
    for (std::size_t i = 0; i < o.components.size(); ++i) {
      nlohmann::json c = outcomeJson(o.components[i], out);
      c["component"] = comps[i].component;
      c.erase("scenario_file");
      cs.push_back(c);
    }
    j["components"] = cs;
    writeOutput(*json, j.dump(2) + "\n", ctx.out);
  }
  if (!o.ok) {
    ctx.err << "headroom-cli: calibrate: " << (o.components.size() && o.components.size() <= comps.size()
                                                   ? "component '" + comps[o.components.size() - 1].component + "': "
                                                   : std::string())
            << o.error << "\n";
    for (const auto& n : o.notes) ctx.err << "note: " << n << "\n";
    return 1;
  }
  saveScenarioFile(out, o.scenario);
  if (json == std::optional<std::string>("-")) return 0;
  ctx.out << "Calibrated " << comps.size() << " components over " << calibration::isoTimeText(base.window.from_s) << " .. "
          << calibration::isoTimeText(base.window.to_s) << "\n";
  for (std::size_t i = 0; i < o.components.size(); ++i) printComponent(o.components[i], comps[i].component, ctx.out);
  for (const auto& n : o.notes) ctx.out << "note: " << n << "\n";
  ctx.out << "wrote " << out << " (" << o.scenario.provenance.size() << " parameters with provenance)\n";
  return 0;
}

}  // namespace

int commandCalibrate(const std::vector<std::string>& argv, CommandContext& ctx) {
  const Args a(argv,
               {"project", "class", "class-label", "component", "component-label", "call", "throughput-metric", "utilization-metric", "busy-metric",
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

  // Components: "--component api" (one, the series as selected), or several "--component api[=LABEL_VALUE]", each
  // selecting its series by --component-label (default "component").
  std::vector<ComponentObservations> comps;
  for (const auto& spec : a.values("component")) comps.push_back({parseClass(spec).first, {}, {}, {}, std::nullopt});
  if (comps.empty()) comps.push_back({"api", {}, {}, {}, std::nullopt});
  const bool several = comps.size() > 1;
  const std::string componentLabel = a.value("component-label").value_or("component");
  for (const auto& sv : a.values("servers")) {
    const auto eq = sv.find('=');
    const std::string who = eq == std::string::npos ? "" : sv.substr(0, eq);
    long long n = 0;
    try {
      std::size_t used = 0;
      const std::string num = eq == std::string::npos ? sv : sv.substr(eq + 1);
      n = std::stoll(num, &used);
      if (used != num.size()) throw std::invalid_argument(num);
    } catch (const std::exception&) {
      throw UsageError("--servers '" + sv + "': expected N or COMPONENT=N");
    }
    if (n < 1) throw UsageError("--servers must be >= 1");
    if (who.empty() && several) throw UsageError("--servers '" + sv + "': with several components say which: COMPONENT=N");
    auto it = std::find_if(comps.begin(), comps.end(), [&](const ComponentObservations& c) { return who.empty() || c.component == who; });
    if (it == comps.end()) throw UsageError("--servers '" + sv + "': no --component " + who);
    it->servers = static_cast<int>(n);
  }
  std::vector<std::pair<std::string, std::string>> calls;
  for (const auto& c : a.values("call")) {
    const auto gt = c.find('>');
    if (gt == std::string::npos || gt == 0 || gt + 1 == c.size()) throw UsageError("--call '" + c + "': expected CALLER>CALLEE");
    calls.emplace_back(c.substr(0, gt), c.substr(gt + 1));
  }
  if (!calls.empty() && !several) throw UsageError("--call needs at least two --component");

  CalibrationRequest req;
  req.component = comps.front().component;
  req.scenario_name = a.value("name").value_or("calibrated-" + req.component);
  if (auto t = a.value("traffic")) {
    if (*t == "mean") req.traffic = CalibrationRequest::Traffic::Mean;
    else if (*t == "replay") req.traffic = CalibrationRequest::Traffic::Replay;
    else throw UsageError("--traffic takes mean or replay, got '" + *t + "'");
  }
  for (std::size_t i = 0; i < comps.size(); ++i) {
    auto& c = comps[i];
    const std::string specs = a.values("component").empty() ? "" : a.values("component")[i];
    std::map<std::string, std::string> labels;
    if (several || specs.find('=') != std::string::npos) labels[componentLabel] = parseClass(specs).second;
    const std::string who = several ? " (component '" + c.component + "')" : "";
    if (auto m = a.value("utilization-metric")) c.utilization = catalog.require(selector(*m, labels), "--utilization-metric" + who, &notes);
    if (auto m = a.value("busy-metric")) c.busy_workers = catalog.require(selector(*m, labels), "--busy-metric" + who, &notes);
    if (auto m = a.value("in-flight-metric")) c.in_flight = catalog.require(selector(*m, labels), "--in-flight-metric" + who, &notes);
  }
  const MetricSpec thr = metricSpec(a.value("throughput-metric").value_or("throughput"), classLabel, "--throughput-metric");
  const std::optional<MetricSpec> lat =
      a.value("latency-metric") ? std::optional(metricSpec(*a.value("latency-metric"), classLabel, "--latency-metric")) : std::nullopt;
  const std::optional<MetricSpec> bucket =
      a.value("bucket-metric") ? std::optional(metricSpec(*a.value("bucket-metric"), classLabel, "--bucket-metric")) : std::nullopt;
  for (const auto& spec : a.values("class")) {
    const auto [name, value] = parseClass(spec);
    ClassObservations c;
    c.request_class = name;
    c.throughput = catalog.require(selector(thr.name, {{thr.class_label, value}}), "class '" + name + "' throughput", &notes);
    if (lat) {
      TimeSeries* slots[] = {&c.p50, &c.p95, &c.p99};
      const double qs[] = {0.5, 0.95, 0.99};
      for (int i = 0; i < 3; ++i)
        if (auto s = catalog.loadOne(selector(lat->name, {{lat->class_label, value}, {"quantile", quantileText(qs[i])}}), &notes))
          *slots[i] = *s;
      if (!c.p50.size()) notes.push_back("class '" + name + "': no " + lat->name + "{quantile=\"0.5\"} series: no percentile shape");
    }
    if (bucket) {
      c.buckets = catalog.loadAll(selector(bucket->name, {{bucket->class_label, value}}));
      if (c.buckets.empty()) notes.push_back("class '" + name + "': no " + bucket->name + " bucket series");
    }
    req.classes.push_back(std::move(c));
  }

  // One window for every series: relative bounds count from the earliest sample of any of them.
  std::vector<const TimeSeries*> all;
  for (const auto& c : comps) all.insert(all.end(), {&c.utilization, &c.busy_workers, &c.in_flight});
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
  for (auto& c : comps)
    for (TimeSeries* s : {&c.utilization, &c.busy_workers, &c.in_flight}) cut(*s);
  for (auto& c : req.classes) {
    for (TimeSeries* s : {&c.throughput, &c.p50, &c.p95, &c.p99}) cut(*s);
    for (auto& b : c.buckets) cut(b);
  }

  if (several) return calibrateSeveral(req, comps, calls, notes, *out, a.value("json"), ctx);
  req.utilization = comps.front().utilization;
  req.busy_workers = comps.front().busy_workers;
  req.in_flight = comps.front().in_flight;
  req.servers = comps.front().servers;
  CalibrationOutcome o = calibrateScenario(req);
  o.notes.insert(o.notes.begin(), notes.begin(), notes.end());
  if (o.ok) {
    o.error = validationError(o.scenario);
    o.ok = o.error.empty();
  }
  if (auto j = a.value("json")) writeOutput(*j, outcomeJson(o, *out).dump(2) + "\n", ctx.out);
  if (!o.ok) {
    ctx.err << "headroom-cli: calibrate: " << o.error << "\n";
    for (const auto& n : o.notes) ctx.err << "note: " << n << "\n";
    return 1;
  }
  saveScenarioFile(*out, o.scenario);
  if (a.value("json") == std::optional<std::string>("-")) return 0;
  ctx.out << "Calibrated component '" << req.component << "' over " << calibration::isoTimeText(req.window.from_s) << " .. "
          << calibration::isoTimeText(req.window.to_s) << "\n";
  printComponent(o, req.component, ctx.out);
  for (const auto& n : o.notes) ctx.out << "note: " << n << "\n";
  ctx.out << "wrote " << *out << " (" << o.scenario.provenance.size() << " parameters with provenance)\n";
  return 0;
}

}  // namespace headroom::cli
