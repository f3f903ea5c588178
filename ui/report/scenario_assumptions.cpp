#include "ui/report/scenario_assumptions.h"

#include <cstdio>

#include "ui/report/report_content.h"

namespace headroom::report {
namespace {

std::string fmt(const char* format, double x) { return formatNumber(format, x); }

std::string ms(double seconds) { return fmt("%.4g ms", seconds * 1e3); }

const nlohmann::json* findNamed(const nlohmann::json& raw, const char* array, const std::string& name) {
  if (!raw.is_object() || !raw.contains(array) || !raw.at(array).is_array()) return nullptr;
  for (const auto& item : raw.at(array))
    if (item.is_object() && item.value("name", std::string()) == name) return &item;
  return nullptr;
}

// A duration key may be written as `<stem>_s` or `<stem>_ms` (docs/scenario-format.md).
bool names(const nlohmann::json* object, const std::string& key) {
  if (!object || !object->is_object()) return false;
  if (object->contains(key)) return true;
  if (key.size() > 2 && key.compare(key.size() - 2, 2, "_s") == 0)
    return object->contains(key.substr(0, key.size() - 2) + "_ms");
  return false;
}

}  // namespace

const char* provenanceLabel(Provenance p) {
  switch (p) {
    case Provenance::UserEntered: return "user-entered";
    case Provenance::Default: return "default";
    case Provenance::Imported: return "imported";
    case Provenance::Fitted: return "fitted";
    case Provenance::Derived: return "derived";
  }
  return "";
}

std::string describeDistribution(const Distribution& d) {
  std::string s = d.kindName() + ", mean " + ms(d.mean());
  if (d.kind == Distribution::Kind::Lognormal || d.kind == Distribution::Kind::Gamma) s += fmt(", cv %.3g", d.cv);
  return s;
}

std::string describeRate(const RateCurve& r) {
  std::string s;
  switch (r.kind) {
    case RateCurve::Kind::Constant: s = fmt("constant %.4g req/s", r.rate_per_s); break;
    case RateCurve::Kind::Steps: s = std::to_string(r.steps.size()) + " steps"; break;
    case RateCurve::Kind::Linear:
      s = fmt("linear from %.4g req/s", r.rate_per_s) + fmt(", %+.4g req/s per day", r.slope_per_s_per_day);
      break;
    case RateCurve::Kind::Compound:
      s = fmt("compound from %.4g req/s", r.rate_per_s) + fmt(", %+.3g%%", r.growth_percent) +
          fmt(" every %.4g days", r.growth_period_s / 86400.0);
      break;
    case RateCurve::Kind::Logistic:
      s = fmt("logistic %.4g", r.floor_per_s) + fmt(" to %.4g req/s", r.ceiling_per_s);
      break;
  }
  if (r.daily.enabled) s += r.daily.hourly_factors.empty() ? fmt(", daily wave ±%.0f%%", r.daily.amplitude * 100) : ", hourly profile";
  if (r.weekly.enabled) s += ", weekly profile";
  if (!r.spikes.empty()) s += ", " + std::to_string(r.spikes.size()) + " spike(s)";
  return s;
}

std::vector<Assumption> scenarioAssumptions(const Scenario& s, const nlohmann::json& raw, const std::string& fullOrigin) {
  // The table names the file only; the report's subtitle and comparison section give the whole path.
  const std::size_t slash = fullOrigin.find_last_of('/');
  const std::string origin = slash == std::string::npos ? fullOrigin : fullOrigin.substr(slash + 1);
  std::vector<Assumption> out;
  auto add = [&](std::string input, std::string value, bool given) {
    out.push_back({std::move(input), std::move(value), given ? Provenance::UserEntered : Provenance::Default,
                   given ? origin : std::string("built-in default")});
  };
  const nlohmann::json* sim = raw.is_object() && raw.contains("simulation") ? &raw.at("simulation") : nullptr;
  add("simulation: horizon", fmt("%.6g s", s.simulation.horizon_s), names(sim, "horizon_s"));
  add("simulation: warm-up", fmt("%.6g s", s.simulation.warmup_s), names(sim, "warmup_s"));
  add("simulation: replications", std::to_string(s.simulation.replications), names(sim, "replications"));
  add("simulation: seed", std::to_string(s.simulation.seed), names(sim, "seed"));
  for (const Source& src : s.sources) {
    const nlohmann::json* j = findNamed(raw, "sources", src.name);
    const std::string who = "source " + src.name;
    if (src.kind == Source::Kind::Closed) {
      add(who + ": population", std::to_string(src.population), names(j, "population"));
      add(who + ": think time", describeDistribution(src.think_time), names(j, "think_time"));
      continue;
    }
    // A curve with an hourly profile comes from fit-traffic; many steps are a replayed series.
    const bool fitted = !src.rate.daily.hourly_factors.empty() || src.rate.weekly.enabled;
    const bool replayed = src.rate.kind == RateCurve::Kind::Steps && src.rate.steps.size() > 48;
    Assumption rate{who + ": arrival rate", describeRate(src.rate), Provenance::UserEntered, origin};
    if (fitted) rate = {rate.input, rate.value, Provenance::Fitted, origin + " (fit-traffic curve)"};
    else if (replayed) rate = {rate.input, rate.value, Provenance::Imported, origin + " (replayed series)"};
    else if (!names(j, "rate")) rate = {rate.input, rate.value, Provenance::Default, "built-in default"};
    out.push_back(rate);
    add(who + ": arrivals", src.arrivals == Source::Arrivals::Poisson ? "poisson"
                            : src.arrivals == Source::Arrivals::Deterministic ? "deterministic"
                                                                             : fmt("renewal, cv %.3g", src.interarrival_cv),
        names(j, "arrivals"));
  }
  for (const Component& c : s.components) {
    const nlohmann::json* j = findNamed(raw, "components", c.name);
    const std::string who = c.name + ": ";
    add(who + "type", componentTypeName(c.type), names(j, "type"));
    if (c.type == Component::Type::Delay) {
      add(who + "latency", describeDistribution(c.service_time), names(j, "service_time"));
      continue;
    }
    add(who + "replicas", std::to_string(c.replicas), names(j, "replicas"));
    add(who + "workers per replica", std::to_string(c.workers_per_replica), names(j, "workers_per_replica"));
    add(who + "service time", describeDistribution(c.service_time), names(j, "service_time"));
    for (const auto& [cls, d] : c.service_time_by_class)
      add(who + "service time (" + cls + ")", describeDistribution(d), true);
    add(who + "queue capacity", c.queue_capacity ? std::to_string(*c.queue_capacity) + " per replica" : "unbounded",
        names(j, "queue_capacity"));
    add(who + "discipline", disciplineName(c.discipline), names(j, "discipline"));
  }
  return out;
}

std::vector<Assumption> reportOptionAssumptions(const ReportOptions& o) {
  auto source = [](Provenance p, const char* option) { return p == Provenance::Default ? std::string("built-in default") : std::string(option); };
  auto sloSource = [&](const std::string& given, Provenance p, const char* option) { return given.empty() ? source(p, option) : given; };
  return {
      {"SLO: p99 response", fmt("<= %.4g ms", o.slo_p99_ms), o.slo_p99_provenance, sloSource(o.slo_p99_source, o.slo_p99_provenance, "--slo-p99-ms")},
      {"SLO: error ratio", fmt("<= %.3g%%", o.slo_error_ratio * 100), o.slo_error_provenance,
       sloSource(o.slo_error_source, o.slo_error_provenance, "--slo-error-ratio")},
      {"business: revenue through the system", formatUsd(o.revenue_per_month_usd) + " per month", o.revenue_provenance,
       source(o.revenue_provenance, "--revenue-per-month")},
      {"business: conversion lost per +100 ms", fmt("%.3g%%", o.conversion_loss_per_100ms * 100), o.sensitivity_provenance,
       source(o.sensitivity_provenance, "--conversion-loss-per-100ms")},
  };
}

}  // namespace headroom::report

#include <ctime>

namespace headroom::report {

RunVariant makeVariant(std::string label, Scenario scenario, const nlohmann::json& raw, std::string origin, RunResult run) {
  RunVariant v;
  v.label = std::move(label);
  v.inputs = scenarioAssumptions(scenario, raw, origin);
  v.scenario = std::move(scenario);
  v.origin = std::move(origin);
  v.run = std::move(run);
  return v;
}

std::string utcNowText() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
  return buf;
}

}  // namespace headroom::report
