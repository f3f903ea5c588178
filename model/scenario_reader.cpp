// JSON -> Scenario. Structure only (types, required keys, unknown keys, enum values, units); the semantic
// rules (ranges, references, cycles) live in validation.cpp so that scenarios built in memory get them too.
#include <string>

#include "model/provenance_json.h"
#include "model/autoscaling_json.h"
#include "model/cluster_json.h"
#include "model/slo_json.h"
#include "model/pricing_json.h"
#include "model/component_features_json.h"
#include "model/fault_json.h"
#include "model/json_reader.h"
#include "model/scenario_codec.h"
#include "model/units.h"

namespace headroom::json_detail {

namespace {

using nlohmann::json;

const char* const kFormatName = "headroom-scenario";

}  // namespace

Distribution readDistribution(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  using K = Distribution::Kind;
  const K kind = r.enumeration<K>("dist", {{"exponential", K::Exponential},
                                           {"deterministic", K::Deterministic},
                                           {"uniform", K::Uniform},
                                           {"lognormal", K::Lognormal},
                                           {"gamma", K::Gamma},
                                           {"histogram", K::Histogram}});
  Distribution d;
  switch (kind) {
    case K::Exponential: d = Distribution::exponential(r.durationS("mean")); break;
    case K::Deterministic: d = Distribution::deterministic(r.durationS("value")); break;
    case K::Uniform: {
      const double lo = r.durationS("min");
      d = Distribution::uniform(lo, r.durationS("max"));
      break;
    }
    case K::Lognormal: {
      const double mean = r.durationS("mean");
      d = Distribution::lognormal(mean, r.number("cv"));
      break;
    }
    case K::Gamma: {
      const double mean = r.durationS("mean");
      d = Distribution::gamma(mean, r.number("cv"));
      break;
    }
    case K::Histogram: {
      d.kind = K::Histogram;
      d.min_s = r.optionalDurationS("min").value_or(0.0);
      const JsonPath binsPath = r.pathOf("bins");
      const json& bins = requireArray(r.required("bins"), binsPath, ctx);
      for (std::size_t i = 0; i < bins.size(); ++i) {
        ObjectReader b(bins[i], binsPath.index(i), ctx);
        HistogramBin bin;
        bin.upper_s = b.durationS("upper");
        bin.weight = b.number("weight");
        b.finish();
        d.bins.push_back(bin);
      }
      d.mean_s = d.mean();
      break;
    }
  }
  r.finish();
  return d;
}

namespace {

CallTarget readCallTarget(ObjectReader& r) {
  CallTarget c;
  c.target = r.string("call");
  c.timeout_s = r.optionalDurationS("timeout").value_or(0.0);
  if (const json* retry = r.optional("retry")) c.retry = readRetry(*retry, r.pathOf("retry"), r.context());
  return c;
}

std::vector<Step> readSteps(const json& j, const JsonPath& path, const std::string& ctx);

Step readStep(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  static const char* const kKinds[] = {"work", "call", "parallel", "branch", "send"};
  std::vector<std::string> present;
  for (const char* k : kKinds)
    if (r.has(k)) present.emplace_back(k);
  if (present.empty()) {
    r.finish();  // a typo such as "cal" is reported as such, with the suggestion
    r.failHere("a step needs one of 'work', 'call', 'parallel', 'branch' or 'send'");
  }
  if (present.size() > 1)
    r.failHere("a step does one thing: found both '" + present[0] + "' and '" + present[1] +
               "'; split it into two steps");

  Step s;
  const std::string& kind = present.front();
  if (kind == "work") {
    s.kind = Step::Kind::Work;
    s.work = readDistribution(r.required("work"), r.pathOf("work"), ctx);
  } else if (kind == "call") {
    s.kind = Step::Kind::Call;
    s.calls.push_back(readCallTarget(r));
  } else if (kind == "send") {
    s.kind = Step::Kind::Send;
    if (r.has("timeout_s") || r.has("timeout_ms"))
      r.fail(r.has("timeout_s") ? "timeout_s" : "timeout_ms", "a send does not wait for an answer, so it has no timeout");
    if (r.has("retry")) r.fail("retry", "a send does not wait for an answer, so it has no retry");
    s.calls.push_back(CallTarget{r.string("send"), 0.0, std::nullopt});
  } else if (kind == "parallel") {
    s.kind = Step::Kind::Parallel;
    const JsonPath p = r.pathOf("parallel");
    const json& arr = requireArray(r.required("parallel"), p, ctx);
    for (std::size_t i = 0; i < arr.size(); ++i) {
      ObjectReader c(arr[i], p.index(i), ctx);
      s.calls.push_back(readCallTarget(c));
      c.finish();
    }
  } else {
    s.kind = Step::Kind::Branch;
    const JsonPath p = r.pathOf("branch");
    const json& arr = requireArray(r.required("branch"), p, ctx);
    for (std::size_t i = 0; i < arr.size(); ++i) {
      ObjectReader a(arr[i], p.index(i), ctx);
      BranchArm arm;
      arm.probability = a.number("p");
      arm.steps = readSteps(a.required("steps"), a.pathOf("steps"), ctx);
      a.finish();
      s.arms.push_back(std::move(arm));
    }
  }
  r.finish();
  return s;
}

std::vector<Step> readSteps(const json& j, const JsonPath& path, const std::string& ctx) {
  requireArray(j, path, ctx);
  std::vector<Step> steps;
  for (std::size_t i = 0; i < j.size(); ++i) steps.push_back(readStep(j[i], path.index(i), ctx));
  return steps;
}

Behaviour readBehaviour(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  Behaviour b;
  if (const json* steps = r.optional("steps")) b.steps = readSteps(*steps, r.pathOf("steps"), ctx);
  if (const json* next = r.optional("next")) {
    const JsonPath p = r.pathOf("next");
    requireArray(*next, p, ctx);
    for (std::size_t i = 0; i < next->size(); ++i) {
      ObjectReader n((*next)[i], p.index(i), ctx);
      RouteChoice c;
      c.to = n.string("to");
      c.probability = n.number("p");
      n.finish();
      b.next.push_back(std::move(c));
    }
  }
  r.finish();
  return b;
}

std::vector<double> readNumberArray(const json& j, const JsonPath& path, const std::string& ctx) {
  requireArray(j, path, ctx);
  std::vector<double> out;
  for (std::size_t i = 0; i < j.size(); ++i) out.push_back(readNumber(j[i], path.index(i), ctx));
  return out;
}

void readSeasonality(ObjectReader& r, RateCurve& c, const std::string& ctx) {
  if (const json* daily = r.optional("daily")) {
    ObjectReader d(*daily, r.pathOf("daily"), ctx);
    c.daily.enabled = true;
    const bool sinusoid = d.has("amplitude") || d.has("peak_hour");
    if (const json* f = d.optional("hourly_factors")) {
      if (sinusoid)
        d.fail("hourly_factors", "give either 'amplitude'/'peak_hour' or 'hourly_factors', not both");
      c.daily.hourly_factors = readNumberArray(*f, d.pathOf("hourly_factors"), ctx);
    } else if (sinusoid) {
      c.daily.amplitude = d.number("amplitude");
      c.daily.peak_hour = d.numberOr("peak_hour", c.daily.peak_hour);
    } else {
      d.finish();
      d.failHere("daily seasonality needs 'amplitude' (and 'peak_hour') or 24 'hourly_factors'");
    }
    d.finish();
  }
  if (const json* weekly = r.optional("weekly")) {
    ObjectReader w(*weekly, r.pathOf("weekly"), ctx);
    c.weekly.enabled = true;
    c.weekly.daily_factors = readNumberArray(w.required("daily_factors"), w.pathOf("daily_factors"), ctx);
    w.finish();
  }
  if (const json* spikes = r.optional("spikes")) {
    const JsonPath p = r.pathOf("spikes");
    requireArray(*spikes, p, ctx);
    for (std::size_t i = 0; i < spikes->size(); ++i) {
      ObjectReader s((*spikes)[i], p.index(i), ctx);
      RateSpike spike;
      spike.start_s = s.number("start_s");
      spike.duration_s = s.number("duration_s");
      spike.factor = s.number("factor");
      s.finish();
      c.spikes.push_back(spike);
    }
  }
  c.start_hour = r.numberOr("start_hour", 0.0);
  if (const json* wd = r.optional("start_weekday")) {
    if (wd->is_string()) {
      c.start_weekday = r.enumeration<int>("start_weekday", {{"monday", 0},
                                                             {"tuesday", 1},
                                                             {"wednesday", 2},
                                                             {"thursday", 3},
                                                             {"friday", 4},
                                                             {"saturday", 5},
                                                             {"sunday", 6}});
    } else {
      c.start_weekday = readInt(*wd, r.pathOf("start_weekday"), ctx);
    }
  }
}

RateCurve readRate(const json& j, const JsonPath& path, const std::string& ctx) {
  ObjectReader r(j, path, ctx);
  using K = RateCurve::Kind;
  RateCurve c;
  c.kind = r.enumeration<K>("kind", {{"constant", K::Constant},
                                     {"steps", K::Steps},
                                     {"linear", K::Linear},
                                     {"compound", K::Compound},
                                     {"logistic", K::Logistic}});
  switch (c.kind) {
    case K::Constant: c.rate_per_s = r.number("rate_per_s"); break;
    case K::Steps: {
      const JsonPath p = r.pathOf("steps");
      const json& arr = requireArray(r.required("steps"), p, ctx);
      for (std::size_t i = 0; i < arr.size(); ++i) {
        ObjectReader s(arr[i], p.index(i), ctx);
        RateStep step;
        step.at_s = s.number("at_s");
        step.rate_per_s = s.number("rate_per_s");
        s.finish();
        c.steps.push_back(step);
      }
      break;
    }
    case K::Linear:
      c.rate_per_s = r.number("rate_per_s");
      c.slope_per_s_per_day = r.number("slope_per_s_per_day");
      break;
    case K::Compound: {
      c.rate_per_s = r.number("rate_per_s");
      c.growth_percent = r.number("growth_percent");
      const bool hasPer = r.has("per"), hasPeriod = r.has("period_s");
      if (hasPer && hasPeriod) r.fail("period_s", "give either 'per' or 'period_s', not both");
      if (hasPeriod) {
        c.growth_period_s = r.number("period_s");
      } else if (hasPer) {
        c.growth_period_s = r.enumeration<double>("per", {{"day", kSecondsPerDay},
                                                          {"week", kSecondsPerWeek},
                                                          {"month", kSecondsPerMonth},
                                                          {"year", kSecondsPerYear}});
      } else {
        r.failHere("compound growth needs 'per' (day, week, month, year) or 'period_s'");
      }
      break;
    }
    case K::Logistic:
      c.floor_per_s = r.number("floor_per_s");
      c.ceiling_per_s = r.number("ceiling_per_s");
      c.midpoint_s = r.number("midpoint_s");
      c.steepness_per_day = r.number("steepness_per_day");
      break;
  }
  readSeasonality(r, c, ctx);
  r.finish();
  return c;
}

void readMix(ObjectReader& r, std::vector<ClassShare>& mix, const std::string& ctx) {
  const json* m = r.optional("mix");
  if (!m) return;
  const JsonPath p = r.pathOf("mix");
  if (!m->is_object()) throw FieldError(p, "must be an object {\"class\": weight}, got " + describeJsonValue(*m), ctx);
  for (const auto& [cls, weight] : m->items())
    mix.push_back(ClassShare{cls, readNumber(weight, p.key(cls), ctx)});
}

Source readSource(const json& j, const JsonPath& path) {
  ObjectReader r(j, path);
  Source s;
  s.name = r.string("name");
  const std::string ctx = "source '" + s.name + "'";
  r.setContext(ctx);
  s.kind = r.enumeration<Source::Kind>("type", {{"open", Source::Kind::Open}, {"closed", Source::Kind::Closed}},
                                       Source::Kind::Open);
  s.entry = r.string("entry");
  s.region = r.stringOr("region", "");
  const bool open = s.kind == Source::Kind::Open;
  static const std::vector<std::string> kClosedOnly = {"population", "think_time"};
  static const std::vector<std::string> kOpenOnly = {"rate", "arrivals"};
  for (const std::string& k : open ? kClosedOnly : kOpenOnly)
    if (r.has(k))
      r.fail(k, "'" + k + "' applies to " + (open ? "closed" : "open") + " sources only (this one is " +
                    (open ? "open" : "closed") + ")");
  if (open) {
    s.rate = readRate(r.required("rate"), r.pathOf("rate"), ctx);
    if (const json* a = r.optional("arrivals")) {
      if (a->is_object()) {
        ObjectReader ar(*a, r.pathOf("arrivals"), ctx);
        s.arrivals = Source::Arrivals::Renewal;
        s.interarrival_cv = ar.number("renewal_cv");
        ar.finish();
      } else if (a->is_string()) {
        s.arrivals = r.enumeration<Source::Arrivals>(
            "arrivals", {{"poisson", Source::Arrivals::Poisson}, {"deterministic", Source::Arrivals::Deterministic}});
      } else {
        r.fail("arrivals", "must be \"poisson\", \"deterministic\" or {\"renewal_cv\": number}, got " +
                               describeJsonValue(*a));
      }
    }
  } else {
    s.population = readInt(r.required("population"), r.pathOf("population"), ctx);
    s.think_time = readDistribution(r.required("think_time"), r.pathOf("think_time"), ctx);
  }
  readMix(r, s.mix, ctx);
  r.finish();
  return s;
}

Component readComponent(const json& j, const JsonPath& path) {
  ObjectReader r(j, path);
  Component c;
  c.name = r.string("name");
  const std::string ctx = "component '" + c.name + "'";
  r.setContext(ctx);
  using T = Component::Type;
  using D = Component::Discipline;
  using B = Component::Balancer;
  c.type = r.enumeration<T>(
      "type", {{"service", T::Service}, {"delay", T::Delay}, {"topic", T::Topic}, {"serverless", T::Serverless}},
      T::Service);
  c.region = r.stringOr("region", "");
  c.replicas = r.integerOr("replicas", c.replicas);
  c.workers_per_replica = r.integerOr("workers_per_replica", c.workers_per_replica);
  c.discipline = r.enumeration<D>("discipline", {{"fcfs", D::FCFS}, {"ps", D::ProcessorSharing}}, D::FCFS);
  c.balancer = r.enumeration<B>(
      "balancer",
      {{"round_robin", B::RoundRobin}, {"least_outstanding", B::LeastOutstanding}, {"random", B::Random}},
      B::RoundRobin);
  if (const json* q = r.optional("queue_capacity"); q && !q->is_null())
    c.queue_capacity = readInt(*q, r.pathOf("queue_capacity"), ctx);
  c.service_time = readDistribution(r.required("service_time"), r.pathOf("service_time"), ctx);
  if (const json* byClass = r.optional("service_time_by_class")) {
    const JsonPath p = r.pathOf("service_time_by_class");
    if (!byClass->is_object())
      throw FieldError(p, "must be an object {\"class\": distribution}, got " + describeJsonValue(*byClass), ctx);
    for (const auto& [cls, d] : byClass->items()) c.service_time_by_class[cls] = readDistribution(d, p.key(cls), ctx);
  }
  if (const json* beh = r.optional("behaviour")) {
    const JsonPath p = r.pathOf("behaviour");
    if (!beh->is_object())
      throw FieldError(p, "must be an object {\"class or *\": {steps, next}}, got " + describeJsonValue(*beh), ctx);
    for (const auto& [cls, b] : beh->items()) c.behaviour[cls] = readBehaviour(b, p.key(cls), ctx);
  }
  if (const json* a = r.optional("autoscaling")) c.autoscaling = readAutoscaling(*a, r.pathOf("autoscaling"), ctx);
  if (const json* pod = r.optional("pod")) c.pod = readPod(*pod, r.pathOf("pod"), ctx);
  if (const json* pricing = r.optional("pricing")) c.pricing = readPricing(*pricing, r.pathOf("pricing"), ctx);
  readComponentFeatures(r, c, ctx);
  r.finish();
  return c;
}

SimulationSettings readSimulation(const json& j, const JsonPath& path) {
  ObjectReader r(j, path);
  SimulationSettings s;
  s.horizon_s = r.numberOr("horizon_s", s.horizon_s);
  s.warmup_s = r.numberOr("warmup_s", s.warmup_s);
  s.replications = r.integerOr("replications", s.replications);
  if (const json* seed = r.optional("seed")) s.seed = readUint64(*seed, r.pathOf("seed"), {});
  s.window_s = r.numberOr("window_s", s.window_s);
  if (const json* m = r.optional("max_requests")) s.max_requests = readInt64(*m, r.pathOf("max_requests"), {});
  s.target_relative_precision = r.numberOr("target_relative_precision", s.target_relative_precision);
  s.max_replications = r.integerOr("max_replications", s.max_replications);
  r.finish();
  return s;
}

void checkFormatAndVersion(ObjectReader& r, Scenario& sc) {
  const json* format = r.optional("format");
  if (!format)
    r.failHere(std::string("not a Headroom scenario: missing \"format\": \"") + kFormatName + "\"");
  const std::string f = readString(*format, r.pathOf("format"), {});
  if (f != kFormatName)
    r.fail("format", "is '" + f + "', expected '" + kFormatName + "' (not a Headroom scenario file)");
  const int version = readInt(r.required("version"), r.pathOf("version"), {});
  if (version > kScenarioFormatVersion)
    r.fail("version", "format version " + std::to_string(version) + " was written by a newer Headroom; this build reads versions up to " +
                          std::to_string(kScenarioFormatVersion));
  if (version < 1) r.fail("version", "must be >= 1, got " + std::to_string(version));
  sc.format_version = version;
}

// "layout": {"components": {"api": {"x": 230, "y": 0}}, "sources": {"web": {"x": 0, "y": 0}}}
ScenarioLayout readLayout(const json& j, const JsonPath& path) {
  ObjectReader r(j, path, "layout");
  ScenarioLayout layout;
  auto readNodes = [&r](const char* key, std::map<std::string, NodePosition>& out) {
    const json* nodes = r.optional(key);
    if (!nodes) return;
    ObjectReader n(*nodes, r.pathOf(key), "layout");
    for (const auto& [name, value] : nodes->items()) {
      ObjectReader position(value, n.pathOf(name), "layout of '" + name + "'");
      n.has(name);
      out[name] = {position.number("x"), position.number("y")};
      position.finish();
    }
    n.finish();
  };
  readNodes("components", layout.components);
  readNodes("sources", layout.sources);
  r.finish();
  return layout;
}

}  // namespace

Scenario readScenario(const json& j) {
  ObjectReader r(j, JsonPath{});
  Scenario sc;
  checkFormatAndVersion(r, sc);  // first: a newer file may use keys this build does not know
  sc.name = r.stringOr("name", "");
  sc.description = r.stringOr("description", "");
  if (const json* sim = r.optional("simulation")) sc.simulation = readSimulation(*sim, r.pathOf("simulation"));
  if (const json* classes = r.optional("request_classes")) {
    const JsonPath p = r.pathOf("request_classes");
    requireArray(*classes, p, {});
    for (std::size_t i = 0; i < classes->size(); ++i) sc.request_classes.push_back(readString((*classes)[i], p.index(i), {}));
  }
  if (const json* regions = r.optional("regions")) {
    const JsonPath p = r.pathOf("regions");
    const json& arr = requireArray(*regions, p, {});
    for (std::size_t i = 0; i < arr.size(); ++i) sc.regions.push_back(readRegion(arr[i], p.index(i)));
  }
  {
    const JsonPath p = r.pathOf("sources");
    const json& arr = requireArray(r.required("sources"), p, {});
    sc.sources.reserve(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i) sc.sources.push_back(readSource(arr[i], p.index(i)));
  }
  {
    const JsonPath p = r.pathOf("components");
    const json& arr = requireArray(r.required("components"), p, {});
    // Reserved: a component is large and its move may throw, so each reallocation would copy them all.
    sc.components.reserve(arr.size());
    for (std::size_t i = 0; i < arr.size(); ++i) sc.components.push_back(readComponent(arr[i], p.index(i)));
  }
  if (const json* cluster = r.optional("cluster")) sc.cluster = readCluster(*cluster, r.pathOf("cluster"));
  if (const json* slo = r.optional("slo")) sc.slo = readSlo(*slo, r.pathOf("slo"));
  if (const json* layout = r.optional("layout")) sc.layout = readLayout(*layout, r.pathOf("layout"));
  if (const json* faults = r.optional("faults")) {
    const JsonPath p = r.pathOf("faults");
    const json& arr = requireArray(*faults, p, {});
    for (std::size_t i = 0; i < arr.size(); ++i) sc.faults.push_back(readFault(arr[i], p.index(i)));
  }
  if (const json* prov = r.optional("provenance")) sc.provenance = readProvenance(*prov, r.pathOf("provenance"));
  r.finish();
  return sc;
}

}  // namespace headroom::json_detail
