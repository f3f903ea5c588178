// Scenario -> JSON, the inverse of scenario_reader.cpp: reading what this writes gives back the same
// scenario (durations converted to milliseconds are chosen so that /1000 restores the exact double).
#include <cmath>
#include <cstdio>
#include <string>

#include "model/provenance_json.h"
#include "model/autoscaling_json.h"
#include "model/cluster_json.h"
#include "model/slo_json.h"
#include "model/pricing_json.h"
#include "model/component_features_json.h"
#include "model/fault_json.h"
#include "model/scenario_codec.h"
#include "model/units.h"

namespace headroom::json_detail {

using ojson = nlohmann::ordered_json;

// Whole numbers are written without ".0" so hand-written and saved files look alike.
ojson num(double x) {
  if (std::isfinite(x) && x == std::floor(x) && std::abs(x) < 1e15) return static_cast<std::int64_t>(x);
  return x;
}

// seconds * 1000 can be one ulp off (0.0035 * 1000 = 3.5000000000000004); prefer the short decimal when
// dividing it by 1000 gives back exactly the same seconds, as it does when the value was read in ms.
double toMilliseconds(double s) {
  const double ms = s * 1000.0;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.12g", ms);
  const double rounded = std::strtod(buf, nullptr);
  return rounded / 1000.0 == s ? rounded : ms;
}

void putDuration(ojson& o, const std::string& stem, double s, bool ms) {
  if (ms) o[stem + "_ms"] = num(toMilliseconds(s));
  else o[stem + "_s"] = num(s);
}

bool prefersMilliseconds(std::initializer_list<double> values_s) {
  for (double v : values_s)
    if (std::abs(v) >= 1.0) return false;
  return true;
}

ojson writeDistribution(const Distribution& d) {
  ojson o;
  o["dist"] = distributionKindName(d.kind);
  using K = Distribution::Kind;
  switch (d.kind) {
    case K::Exponential: putDuration(o, "mean", d.mean_s, prefersMilliseconds({d.mean_s})); break;
    case K::Deterministic: putDuration(o, "value", d.mean_s, prefersMilliseconds({d.mean_s})); break;
    case K::Uniform: {
      const bool ms = prefersMilliseconds({d.min_s, d.max_s});
      putDuration(o, "min", d.min_s, ms);
      putDuration(o, "max", d.max_s, ms);
      break;
    }
    case K::Lognormal:
    case K::Gamma:
      putDuration(o, "mean", d.mean_s, prefersMilliseconds({d.mean_s}));
      o["cv"] = num(d.cv);
      break;
    case K::Histogram: {
      bool ms = std::abs(d.min_s) < 1.0;
      for (const auto& b : d.bins) ms = ms && std::abs(b.upper_s) < 1.0;
      putDuration(o, "min", d.min_s, ms);
      ojson bins = ojson::array();
      for (const auto& b : d.bins) {
        ojson bin;
        putDuration(bin, "upper", b.upper_s, ms);
        bin["weight"] = num(b.weight);
        bins.push_back(std::move(bin));
      }
      o["bins"] = std::move(bins);
      break;
    }
  }
  return o;
}

namespace {

ojson writeCall(const std::string& key, const CallTarget& c) {
  ojson o;
  o[key] = c.target;
  if (c.timeout_s != 0.0) putDuration(o, "timeout", c.timeout_s, prefersMilliseconds({c.timeout_s}));
  if (c.retry) o["retry"] = writeRetry(*c.retry);
  return o;
}

ojson writeSteps(const std::vector<Step>& steps);

ojson writeStep(const Step& s) {
  static const CallTarget kNone;
  const CallTarget& first = s.calls.empty() ? kNone : s.calls.front();
  switch (s.kind) {
    case Step::Kind::Work: return ojson{{"work", writeDistribution(s.work)}};
    case Step::Kind::Call: return writeCall("call", first);
    case Step::Kind::Send: return ojson{{"send", first.target}};
    case Step::Kind::Parallel: {
      ojson calls = ojson::array();
      for (const auto& c : s.calls) calls.push_back(writeCall("call", c));
      return ojson{{"parallel", std::move(calls)}};
    }
    case Step::Kind::Branch: {
      ojson arms = ojson::array();
      for (const auto& a : s.arms) {
        ojson arm;
        arm["p"] = num(a.probability);
        arm["steps"] = writeSteps(a.steps);
        arms.push_back(std::move(arm));
      }
      return ojson{{"branch", std::move(arms)}};
    }
  }
  return ojson::object();
}

ojson writeSteps(const std::vector<Step>& steps) {
  ojson out = ojson::array();
  for (const auto& s : steps) out.push_back(writeStep(s));
  return out;
}

ojson writeBehaviour(const Behaviour& b) {
  ojson o = ojson::object();
  if (!b.steps.empty()) o["steps"] = writeSteps(b.steps);
  if (!b.next.empty()) {
    ojson next = ojson::array();
    for (const auto& n : b.next) next.push_back(ojson{{"to", n.to}, {"p", num(n.probability)}});
    o["next"] = std::move(next);
  }
  return o;
}

ojson numbers(const std::vector<double>& v) {
  ojson out = ojson::array();
  for (double x : v) out.push_back(num(x));
  return out;
}

ojson writeRate(const RateCurve& c) {
  ojson o;
  o["kind"] = c.kindName();
  using K = RateCurve::Kind;
  switch (c.kind) {
    case K::Constant: o["rate_per_s"] = num(c.rate_per_s); break;
    case K::Steps: {
      ojson steps = ojson::array();
      for (const auto& s : c.steps) steps.push_back(ojson{{"at_s", num(s.at_s)}, {"rate_per_s", num(s.rate_per_s)}});
      o["steps"] = std::move(steps);
      break;
    }
    case K::Linear:
      o["rate_per_s"] = num(c.rate_per_s);
      o["slope_per_s_per_day"] = num(c.slope_per_s_per_day);
      break;
    case K::Compound:
      o["rate_per_s"] = num(c.rate_per_s);
      o["growth_percent"] = num(c.growth_percent);
      if (c.growth_period_s == kSecondsPerDay) o["per"] = "day";
      else if (c.growth_period_s == kSecondsPerWeek) o["per"] = "week";
      else if (c.growth_period_s == kSecondsPerMonth) o["per"] = "month";
      else if (c.growth_period_s == kSecondsPerYear) o["per"] = "year";
      else o["period_s"] = num(c.growth_period_s);
      break;
    case K::Logistic:
      o["floor_per_s"] = num(c.floor_per_s);
      o["ceiling_per_s"] = num(c.ceiling_per_s);
      o["midpoint_s"] = num(c.midpoint_s);
      o["steepness_per_day"] = num(c.steepness_per_day);
      break;
  }
  if (c.daily.enabled) {
    if (!c.daily.hourly_factors.empty())
      o["daily"] = ojson{{"hourly_factors", numbers(c.daily.hourly_factors)}};
    else
      o["daily"] = ojson{{"amplitude", num(c.daily.amplitude)}, {"peak_hour", num(c.daily.peak_hour)}};
  }
  if (c.weekly.enabled) o["weekly"] = ojson{{"daily_factors", numbers(c.weekly.daily_factors)}};
  if (!c.spikes.empty()) {
    ojson spikes = ojson::array();
    for (const auto& s : c.spikes)
      spikes.push_back(
          ojson{{"start_s", num(s.start_s)}, {"duration_s", num(s.duration_s)}, {"factor", num(s.factor)}});
    o["spikes"] = std::move(spikes);
  }
  if (c.start_hour != 0.0) o["start_hour"] = num(c.start_hour);
  static const char* const kDays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
  if (c.start_weekday != 0) {
    if (c.start_weekday > 0 && c.start_weekday < 7) o["start_weekday"] = kDays[c.start_weekday];
    else o["start_weekday"] = c.start_weekday;  // out of range: kept as is so validation can say so
  }
  return o;
}

ojson writeSource(const Source& s) {
  ojson o;
  o["name"] = s.name;
  const bool open = s.kind == Source::Kind::Open;
  o["type"] = open ? "open" : "closed";
  o["entry"] = s.entry;
  if (!s.region.empty()) o["region"] = s.region;
  if (open) {
    switch (s.arrivals) {
      case Source::Arrivals::Poisson: o["arrivals"] = "poisson"; break;
      case Source::Arrivals::Deterministic: o["arrivals"] = "deterministic"; break;
      case Source::Arrivals::Renewal: o["arrivals"] = ojson{{"renewal_cv", num(s.interarrival_cv)}}; break;
    }
    o["rate"] = writeRate(s.rate);
  } else {
    o["population"] = s.population;
    o["think_time"] = writeDistribution(s.think_time);
  }
  if (!s.mix.empty()) {
    ojson mix = ojson::object();
    for (const auto& m : s.mix) mix[m.request_class] = num(m.weight);
    o["mix"] = std::move(mix);
  }
  return o;
}

ojson writeComponent(const Component& c) {
  ojson o;
  o["name"] = c.name;
  o["type"] = componentTypeName(c.type);
  if (!c.region.empty()) o["region"] = c.region;
  // A delay (or a serverless function, an environment per invocation) has no replica count, workers or
  // queue to speak of; write those settings only when someone changed them. A topic's replicas are its
  // consumers.
  const bool service = c.type == Component::Type::Service || c.type == Component::Type::Topic;
  if (service || c.replicas != 1) o["replicas"] = c.replicas;
  if (service || c.workers_per_replica != 1) o["workers_per_replica"] = c.workers_per_replica;
  if (service || c.discipline != Component::Discipline::FCFS) o["discipline"] = disciplineName(c.discipline);
  if (service || c.balancer != Component::Balancer::RoundRobin) o["balancer"] = balancerName(c.balancer);
  if (c.queue_capacity) o["queue_capacity"] = *c.queue_capacity;
  o["service_time"] = writeDistribution(c.service_time);
  if (!c.service_time_by_class.empty()) {
    ojson byClass = ojson::object();
    for (const auto& [cls, d] : c.service_time_by_class) byClass[cls] = writeDistribution(d);
    o["service_time_by_class"] = std::move(byClass);
  }
  if (!c.behaviour.empty()) {
    ojson beh = ojson::object();
    // The catch-all first: it reads as the default that the class entries refine.
    if (auto it = c.behaviour.find(kAnyClass); it != c.behaviour.end()) beh[kAnyClass] = writeBehaviour(it->second);
    for (const auto& [cls, b] : c.behaviour)
      if (cls != kAnyClass) beh[cls] = writeBehaviour(b);
    o["behaviour"] = std::move(beh);
  }
  if (c.autoscaling) o["autoscaling"] = writeAutoscaling(*c.autoscaling);
  if (c.pod) o["pod"] = writePod(*c.pod);
  writeComponentFeatures(c, o);
  if (c.pricing) o["pricing"] = writePricing(*c.pricing);
  return o;
}

ojson writeSimulation(const SimulationSettings& s) {
  const SimulationSettings defaults;
  ojson o;
  o["horizon_s"] = num(s.horizon_s);
  o["warmup_s"] = num(s.warmup_s);
  o["replications"] = s.replications;
  o["seed"] = s.seed;
  o["window_s"] = num(s.window_s);
  if (s.max_requests != defaults.max_requests) o["max_requests"] = s.max_requests;
  if (s.target_relative_precision != defaults.target_relative_precision)
    o["target_relative_precision"] = num(s.target_relative_precision);
  if (s.max_replications != defaults.max_replications) o["max_replications"] = s.max_replications;
  return o;
}

}  // namespace

ojson writeScenario(const Scenario& sc) {
  ojson o;
  o["format"] = "headroom-scenario";
  o["version"] = kScenarioFormatVersion;
  o["name"] = sc.name;
  if (!sc.description.empty()) o["description"] = sc.description;
  o["simulation"] = writeSimulation(sc.simulation);
  if (!sc.request_classes.empty()) o["request_classes"] = sc.request_classes;
  if (!sc.regions.empty()) {
    ojson regions = ojson::array();
    for (const auto& r : sc.regions) regions.push_back(writeRegion(r));
    o["regions"] = std::move(regions);
  }
  ojson sources = ojson::array();
  for (const auto& s : sc.sources) sources.push_back(writeSource(s));
  o["sources"] = std::move(sources);
  ojson components = ojson::array();
  for (const auto& c : sc.components) components.push_back(writeComponent(c));
  o["components"] = std::move(components);
  if (sc.cluster) o["cluster"] = writeCluster(*sc.cluster);
  if (sc.slo) o["slo"] = writeSlo(*sc.slo);
  if (!sc.faults.empty()) {
    ojson faults = ojson::array();
    for (const auto& f : sc.faults) faults.push_back(writeFault(f));
    o["faults"] = std::move(faults);
  }
  if (!sc.layout.empty()) {
    ojson layout;
    auto writeNodes = [&layout](const char* key, const std::map<std::string, NodePosition>& nodes) {
      if (nodes.empty()) return;
      ojson out;
      for (const auto& [name, p] : nodes) out[name] = ojson{{"x", p.x}, {"y", p.y}};
      layout[key] = std::move(out);
    };
    writeNodes("components", sc.layout.components);
    writeNodes("sources", sc.layout.sources);
    o["layout"] = std::move(layout);
  }
  if (!sc.provenance.empty()) o["provenance"] = writeProvenance(sc.provenance);
  return o;
}

}  // namespace headroom::json_detail
