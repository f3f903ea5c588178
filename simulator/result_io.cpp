#include "simulator/result_io.h"

#include <cmath>
#include <iomanip>
#include <limits>

namespace headroom {
namespace {

using nlohmann::json;

// JSON has no NaN: an undefined value (no samples, or a CI from a single replication) is null.
json number(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }
double fromNumber(const json& j) {
  return j.is_number() ? j.get<double>() : std::numeric_limits<double>::quiet_NaN();
}

json toJson(const Estimate& e) { return {{"mean", number(e.mean)}, {"ci95_half_width", number(e.half_width)}, {"n", e.n}}; }
Estimate estimateFrom(const json& j) {
  Estimate e;
  e.mean = fromNumber(j.at("mean"));
  e.half_width = fromNumber(j.at("ci95_half_width"));
  e.n = j.at("n").get<int>();
  return e;
}

json toJson(const LatencyEstimates& l) {
  json j = {{"mean_s", toJson(l.mean_s)}};
  for (int q = 0; q < kNumReportedQuantiles; ++q) j[std::string(quantileLabel(q)) + "_s"] = toJson(l.quantile_s[q]);
  return j;
}
LatencyEstimates latencyFrom(const json& j) {
  LatencyEstimates l;
  l.mean_s = estimateFrom(j.at("mean_s"));
  for (int q = 0; q < kNumReportedQuantiles; ++q) l.quantile_s[q] = estimateFrom(j.at(std::string(quantileLabel(q)) + "_s"));
  return l;
}

// The scalar KPIs of a component, by JSON name; one table keeps writing and reading symmetric.
template <typename F>
void forEachComponentKpi(F&& f, auto& c) {
  f("arrival_rate_per_s", c.arrival_rate_per_s);
  f("throughput_per_s", c.throughput_per_s);
  f("utilization", c.utilization);
  f("mean_queue_length", c.mean_queue_length);
  f("mean_in_system", c.mean_in_system);
  f("rejection_ratio", c.rejection_ratio);
  f("rejections_per_s", c.rejections_per_s);
  f("timeouts_per_s", c.timeouts_per_s);
  f("failures_per_s", c.failures_per_s);
}

template <typename F>
void forEachEndToEndKpi(F&& f, auto& e) {
  f("arrival_rate_per_s", e.arrival_rate_per_s);
  f("throughput_per_s", e.throughput_per_s);
  f("error_ratio", e.error_ratio);
  f("errors_per_s", e.errors_per_s);
}

std::vector<double> numbersFrom(const json& j) {
  std::vector<double> v;
  for (const auto& x : j) v.push_back(fromNumber(x));
  return v;
}

json numbersTo(const std::vector<double>& v) {
  json a = json::array();
  for (double x : v) a.push_back(number(x));
  return a;
}

}  // namespace

json runResultToJson(const RunResult& r) {
  json j;
  j["format"] = "headroom-run-result";
  j["version"] = 1;
  j["scenario"] = r.scenario_name;
  j["seed"] = r.seed;
  j["replications"] = r.replications;
  // How the run went, not what it found: kept in one object apart from the results, so two runs of one seed
  // differ only inside it (diff them with `jq 'del(.run_metadata)'`).
  j["run_metadata"] = {{"threads", r.threads}, {"wall_time_s", r.wall_time_s}};
  j["horizon_s"] = r.horizon_s;
  j["warmup_s"] = r.warmup_s;
  j["cancelled"] = r.cancelled;
  j["stop_reason"] = r.stop_reason;
  j["events"] = r.events;
  j["requests"] = r.requests;
  j["window_s"] = r.window_s;
  j["components"] = json::array();
  for (const auto& c : r.components) {
    json cj = {{"name", c.name}};
    forEachComponentKpi([&](const char* name, const Estimate& e) { cj[name] = toJson(e); }, c);
    cj["response"] = toJson(c.response);
    cj["waiting"] = toJson(c.waiting);
    if (!c.features.empty()) {
      json fj = json::object();
      for (const auto& [name, e] : c.features) fj[name] = toJson(e);
      cj["features"] = fj;
    }
    j["components"].push_back(cj);
  }
  j["end_to_end"] = json::array();
  for (const auto& e : r.end_to_end) {
    json ej = {{"class", e.request_class}};
    forEachEndToEndKpi([&](const char* name, const Estimate& x) { ej[name] = toJson(x); }, e);
    ej["response"] = toJson(e.response);
    j["end_to_end"].push_back(ej);
  }
  j["scaling_events"] = json::array();
  for (const auto& e : r.scaling_events)
    j["scaling_events"].push_back({{"time_s", e.time_s}, {"component", e.component}, {"from", e.from}, {"to", e.to}, {"reason", e.reason}});
  j["window_start_s"] = r.window_start_s;
  j["series"] = json::array();
  for (const auto& s : r.series)
    j["series"].push_back({{"entity", s.entity}, {"kpi", s.kpi}, {"mean", numbersTo(s.mean)},
                           {"ci95_half_width", numbersTo(s.half_width)}});
  return j;
}

RunResult runResultFromJson(const json& j) {
  RunResult r;
  r.scenario_name = j.at("scenario").get<std::string>();
  r.seed = j.at("seed").get<std::uint64_t>();
  r.replications = j.at("replications").get<int>();
  // Results written before run_metadata existed carry its fields at the top level.
  const json& meta = j.contains("run_metadata") ? j.at("run_metadata") : j;
  r.threads = meta.at("threads").get<int>();
  r.horizon_s = j.at("horizon_s").get<double>();
  r.warmup_s = j.at("warmup_s").get<double>();
  r.cancelled = j.at("cancelled").get<bool>();
  r.stop_reason = j.at("stop_reason").get<std::string>();
  r.events = j.at("events").get<std::uint64_t>();
  r.requests = j.at("requests").get<std::uint64_t>();
  r.wall_time_s = meta.at("wall_time_s").get<double>();
  r.window_s = j.at("window_s").get<double>();
  for (const auto& cj : j.at("components")) {
    ComponentResult c;
    c.name = cj.at("name").get<std::string>();
    forEachComponentKpi([&](const char* name, Estimate& e) { e = estimateFrom(cj.at(name)); }, c);
    c.response = latencyFrom(cj.at("response"));
    c.waiting = latencyFrom(cj.at("waiting"));
    if (const auto it = cj.find("features"); it != cj.end())
      for (const auto& [name, e] : it->items()) c.features.emplace_back(name, estimateFrom(e));
    r.components.push_back(std::move(c));
  }
  for (const auto& ej : j.at("end_to_end")) {
    EndToEndResult e;
    e.request_class = ej.at("class").get<std::string>();
    forEachEndToEndKpi([&](const char* name, Estimate& x) { x = estimateFrom(ej.at(name)); }, e);
    e.response = latencyFrom(ej.at("response"));
    r.end_to_end.push_back(std::move(e));
  }
  for (const auto& e : j.value("scaling_events", json::array()))
    r.scaling_events.push_back({e.at("time_s").get<double>(), e.at("component").get<std::string>(), e.at("from").get<int>(),
                                e.at("to").get<int>(), e.at("reason").get<std::string>()});
  r.window_start_s = j.at("window_start_s").get<std::vector<double>>();
  for (const auto& sj : j.at("series"))
    r.series.push_back({sj.at("entity").get<std::string>(), sj.at("kpi").get<std::string>(), numbersFrom(sj.at("mean")),
                        numbersFrom(sj.at("ci95_half_width"))});
  return r;
}

void writeSeriesCsv(const RunResult& r, std::ostream& out) {
  auto quoted = [](const std::string& s) {
    std::string q = "\"";
    for (char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return q + "\"";
  };
  out << "window_start_s,window_end_s";
  for (const auto& s : r.series)
    out << ',' << quoted(s.entity + "." + s.kpi) << ',' << quoted(s.entity + "." + s.kpi + ".ci95_half_width");
  out << "\r\n";
  out << std::setprecision(10);
  for (std::size_t w = 0; w < r.window_start_s.size(); ++w) {
    out << r.window_start_s[w] << ',' << std::min(r.window_start_s[w] + r.window_s, r.horizon_s);
    for (const auto& s : r.series) {
      out << ',';
      if (w < s.mean.size() && std::isfinite(s.mean[w])) out << s.mean[w];
      out << ',';
      if (w < s.half_width.size() && std::isfinite(s.half_width[w])) out << s.half_width[w];
    }
    out << "\r\n";
  }
}

}  // namespace headroom
