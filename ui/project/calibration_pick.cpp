#include "ui/project/calibration_pick.h"

#include <cmath>
#include <stdexcept>

#include "importers/series_roles.h"
#include "simulator/calibration/calibration_json.h"
#include "simulator/calibration/time_window.h"

namespace headroom {

std::string storedSeriesRole(const SeriesInfo& s) {
  for (SeriesRole r : allSeriesRoles())
    if (r != SeriesRole::Keep && s.name == roleMetricName(r)) return toString(r);
  return {};
}

std::string compactSeriesTitle(const SeriesInfo& s) {
  const bool hasRole = !storedSeriesRole(s).empty();
  std::string labels;
  for (const auto& [k, v] : s.labels) {
    if (k == "source_metric" || k == "__name__" || (hasRole && k != "class" && k != "quantile")) continue;
    labels += (labels.empty() ? "" : ",") + k + "=\"" + v + "\"";
  }
  return labels.empty() ? s.name : s.name + "{" + labels + "}";
}

namespace {

std::string labelOf(const SeriesInfo& s, const std::string& key) {
  const auto it = s.labels.find(key);
  return it == s.labels.end() ? std::string() : it->second;
}

ClassPick& classSlot(CalibrationPick& pick, const std::string& cls) {
  for (auto& c : pick.classes)
    if (c.request_class == cls) return c;
  pick.classes.push_back({cls});
  return pick.classes.back();
}

TimeSeries loadOrEmpty(Project& project, std::int64_t id) { return id > 0 ? project.loadSeries(id) : TimeSeries{}; }

calibration::ResolvedWindow pickWindow(const CalibrationPick& pick, const std::vector<const TimeSeries*>& all) {
  calibration::TimeWindow w;
  if (pick.from_s) w.from = {calibration::TimeBound::Kind::Absolute, *pick.from_s};
  if (pick.to_s) w.to = {calibration::TimeBound::Kind::Absolute, *pick.to_s};
  return calibration::resolveWindow(w, calibration::seriesExtent(all));
}

void cutAll(const std::vector<TimeSeries*>& all, const calibration::ResolvedWindow& w) {
  for (TimeSeries* s : all)
    if (s->size()) *s = calibration::cutToWindow(*s, w);
}

}  // namespace

CalibrationPick pickFromRoles(const std::vector<SeriesInfo>& series) {
  CalibrationPick pick;
  for (const SeriesInfo& s : series) {  // by id: a later import overwrites an earlier one
    const std::string role = storedSeriesRole(s), cls = labelOf(s, "class");
    if (role == "utilization") pick.utilization_id = s.id;
    else if (role == "busy-workers") pick.busy_id = s.id;
    else if (role == "in-flight") pick.in_flight_id = s.id;
    else if (role == "traffic" && !cls.empty()) classSlot(pick, cls).throughput_id = s.id;
    else if (role == "latency-percentile" && !cls.empty()) {
      const std::string q = labelOf(s, "quantile");
      if (q == "0.5") classSlot(pick, cls).p50_id = s.id;
      else if (q == "0.95") classSlot(pick, cls).p95_id = s.id;
      else if (q == "0.99") classSlot(pick, cls).p99_id = s.id;
    }
  }
  return pick;
}

CalibrationRequest buildCalibrationRequest(Project& project, const CalibrationPick& pick) {
  if (pick.classes.empty()) throw std::runtime_error("pick the traffic series of at least one request class");
  if (!pick.utilization_id && !pick.busy_id)
    throw std::runtime_error("pick a utilization or a busy-workers series of the component '" + pick.component + "'");
  CalibrationRequest req;
  req.component = pick.component;
  req.scenario_name = pick.scenario_name.empty() ? "calibrated-" + pick.component : pick.scenario_name;
  req.servers = pick.servers;
  req.traffic = pick.traffic;
  req.utilization = loadOrEmpty(project, pick.utilization_id);
  req.busy_workers = loadOrEmpty(project, pick.busy_id);
  req.in_flight = loadOrEmpty(project, pick.in_flight_id);
  for (const ClassPick& c : pick.classes) {
    if (!c.throughput_id) throw std::runtime_error("class '" + c.request_class + "' has no traffic series");
    ClassObservations o;
    o.request_class = c.request_class;
    o.throughput = project.loadSeries(c.throughput_id);
    o.p50 = loadOrEmpty(project, c.p50_id);
    o.p95 = loadOrEmpty(project, c.p95_id);
    o.p99 = loadOrEmpty(project, c.p99_id);
    req.classes.push_back(std::move(o));
  }
  // One window for every series, as the CLI does.
  std::vector<TimeSeries*> all{&req.utilization, &req.busy_workers, &req.in_flight};
  for (auto& c : req.classes) all.insert(all.end(), {&c.throughput, &c.p50, &c.p95, &c.p99});
  std::vector<const TimeSeries*> extent{&req.utilization, &req.busy_workers, &req.in_flight};
  for (const auto& c : req.classes) extent.push_back(&c.throughput);
  req.window = pickWindow(pick, extent);
  cutAll(all, req.window);
  return req;
}

ObservedSeries buildObservedSeries(Project& project, const CalibrationPick& pick) {
  ObservedSeries o;
  ObservedComponent comp;
  comp.component = pick.component;
  comp.utilization = loadOrEmpty(project, pick.utilization_id);
  std::vector<TimeSeries*> all{&comp.utilization};
  for (const ClassPick& c : pick.classes) {
    ObservedClass oc;
    oc.request_class = c.request_class;
    oc.throughput = loadOrEmpty(project, c.throughput_id);
    oc.latency_p50 = loadOrEmpty(project, c.p50_id);
    oc.latency_p95 = loadOrEmpty(project, c.p95_id);
    oc.latency_p99 = loadOrEmpty(project, c.p99_id);
    o.classes.push_back(std::move(oc));
  }
  for (auto& c : o.classes) all.insert(all.end(), {&c.throughput, &c.latency_p50, &c.latency_p95, &c.latency_p99});
  std::vector<const TimeSeries*> view(all.begin(), all.end());
  const auto w = pickWindow(pick, view);
  if (comp.utilization.size()) o.components.push_back(std::move(comp));
  all.clear();
  for (auto& c : o.components) all.push_back(&c.utilization);
  for (auto& c : o.classes) all.insert(all.end(), {&c.throughput, &c.latency_p50, &c.latency_p95, &c.latency_p99});
  cutAll(all, w);
  o.start_time_s = w.from_s;
  return o;
}

nlohmann::json calibrationOutcomeJson(const CalibrationOutcome& o, const CalibrationRequest& request) {
  nlohmann::json j = calibrationOutcomeToJson(o);  // as headroom-cli calibrate --json
  j["component"] = request.component;
  j["window"] = {{"from_s", request.window.from_s}, {"to_s", request.window.to_s}};
  return j;
}

}  // namespace headroom
