// Field-level rules for every part of a scenario; the network-wide rules are in validation_graph.cpp.
// Comparisons are written as !(x > 0) so that NaN, which a scenario built in memory can hold, fails too.
#include "model/validation.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "model/autoscaling_json.h"
#include "model/cluster_json.h"
#include "model/component_features_json.h"
#include "model/fault_json.h"
#include "model/resource_limits.h"
#include "model/slo_json.h"
#include "model/pricing_json.h"
#include "model/validation_detail.h"

namespace headroom {

using validation_detail::IssueList;
using validation_detail::fmt;
using validation_detail::joinQuoted;

std::string ValidationIssue::message() const {
  std::string m = where;
  if (!field.empty()) m += ": " + field;
  return m + ": " + rule;
}

namespace validation_detail {

std::string componentWhere(const Component& c, std::size_t index) {
  return c.name.empty() ? "component #" + std::to_string(index + 1) : "component '" + c.name + "'";
}

std::string sourceWhere(const Source& s, std::size_t index) {
  return s.name.empty() ? "source #" + std::to_string(index + 1) : "source '" + s.name + "'";
}

std::vector<std::string> classesOf(const Source& s) {
  if (s.mix.empty()) return {s.name};
  std::vector<std::string> out;
  for (const auto& m : s.mix) out.push_back(m.request_class);
  return out;
}

std::string fmt(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

std::string joinQuoted(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? ", '" : "'") + items[i] + "'";
  return out.empty() ? "(none)" : out;
}

}  // namespace validation_detail

namespace {

constexpr double kProbabilityTolerance = 1e-9;

// Context shared by the checks of one scenario.
struct Checker {
  const Scenario& sc;
  const validation_detail::ScenarioIndex& lookup;
  IssueList& issues;

  bool componentExists(const std::string& name) const { return lookup.hasComponent(name); }

  void checkTarget(const std::string& where, const std::string& field, const std::string& target) {
    if (target.empty()) issues.add(where, field, "names no component");
    else if (!componentExists(target)) issues.add(where, field, "references unknown component '" + target + "'");
  }

  void checkDistribution(const std::string& where, const std::string& field, const Distribution& d) {
    using K = Distribution::Kind;
    const double typical_s = d.kind == K::Uniform ? d.max_s : d.kind == K::Histogram ? (d.bins.empty() ? d.min_s : d.bins.back().upper_s) : d.mean_s;
    if (typical_s > limits::kMaxDurationS)
      issues.add(where, field,
                 "a duration of " + fmt(typical_s) + " s is beyond the limit of " + fmt(limits::kMaxDurationS) +
                     " s (116 days): simulated time is counted in int64 nanoseconds, and longer times risk "
                     "overflowing it (check the unit: seconds, not milliseconds)");
    switch (d.kind) {
      case K::Exponential:
      case K::Deterministic:
        if (!(d.mean_s >= 0))
          issues.add(where, field + (d.kind == K::Exponential ? ".mean" : ".value"),
                     "must be >= 0 (a duration), got " + fmt(d.mean_s) + " s");
        break;
      case K::Uniform:
        if (!(d.min_s >= 0)) issues.add(where, field + ".min", "must be >= 0 (a duration), got " + fmt(d.min_s) + " s");
        if (!(d.min_s <= d.max_s))
          issues.add(where, field, "uniform min (" + fmt(d.min_s) + " s) must not exceed max (" + fmt(d.max_s) + " s)");
        break;
      case K::Lognormal:
      case K::Gamma:
        if (!(d.mean_s > 0))
          issues.add(where, field + ".mean",
                     "must be > 0 for a " + d.kindName() + " distribution (use deterministic 0 for no time), got " +
                         fmt(d.mean_s) + " s");
        if (!(d.cv > 0))
          issues.add(where, field + ".cv",
                     "must be > 0 (use a deterministic distribution for a constant), got " + fmt(d.cv));
        break;
      case K::Histogram: {
        if (!(d.min_s >= 0)) issues.add(where, field + ".min", "must be >= 0 (a duration), got " + fmt(d.min_s) + " s");
        if (d.bins.empty()) {
          issues.add(where, field + ".bins", "a histogram needs at least one bin");
          break;
        }
        double lower = d.min_s;
        bool positive = false;
        for (std::size_t i = 0; i < d.bins.size(); ++i) {
          const auto& b = d.bins[i];
          const std::string f = field + ".bins[" + std::to_string(i) + "]";
          if (!(b.upper_s > lower))
            issues.add(where, f + ".upper",
                       "bin bounds must increase: " + fmt(b.upper_s) + " s is not above " + fmt(lower) + " s");
          if (!(b.weight >= 0)) issues.add(where, f + ".weight", "must be >= 0, got " + fmt(b.weight));
          if (b.weight > 0) positive = true;
          lower = b.upper_s;
        }
        if (!positive) issues.add(where, field + ".bins", "no bin has a positive weight");
        break;
      }
    }
  }

  void checkFactors(const std::string& where, const std::string& field, const std::vector<double>& f,
                    std::size_t count, const char* what) {
    if (f.size() != count) {
      issues.add(where, field,
                 "needs exactly " + std::to_string(count) + " " + what + ", got " + std::to_string(f.size()));
      return;
    }
    bool positive = false;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (!(f[i] >= 0)) issues.add(where, field + "[" + std::to_string(i) + "]", "must be >= 0, got " + fmt(f[i]));
      if (f[i] > 0) positive = true;
    }
    if (!positive) issues.add(where, field, "all factors are zero: no request would ever arrive");
  }

  void checkRate(const std::string& where, const RateCurve& c) {
    using K = RateCurve::Kind;
    switch (c.kind) {
      case K::Constant:
        if (!(c.rate_per_s > 0)) issues.add(where, "rate.rate_per_s", "must be > 0, got " + fmt(c.rate_per_s));
        break;
      case K::Steps: {
        if (c.steps.empty()) {
          issues.add(where, "rate.steps", "a step rate needs at least one step");
          break;
        }
        bool positive = false;
        for (std::size_t i = 0; i < c.steps.size(); ++i) {
          const auto& s = c.steps[i];
          const std::string f = "rate.steps[" + std::to_string(i) + "]";
          if (!(s.at_s >= 0)) issues.add(where, f + ".at_s", "must be >= 0, got " + fmt(s.at_s));
          if (i > 0 && !(s.at_s > c.steps[i - 1].at_s))
            issues.add(where, f + ".at_s",
                       "steps must be in increasing time order: " + fmt(s.at_s) + " s is not after " +
                           fmt(c.steps[i - 1].at_s) + " s");
          if (!(s.rate_per_s >= 0)) issues.add(where, f + ".rate_per_s", "must be >= 0, got " + fmt(s.rate_per_s));
          if (s.rate_per_s > 0) positive = true;
        }
        if (!positive) issues.add(where, "rate.steps", "every step has rate 0: no request would ever arrive");
        break;
      }
      case K::Linear:
        if (!(c.rate_per_s >= 0)) issues.add(where, "rate.rate_per_s", "must be >= 0, got " + fmt(c.rate_per_s));
        else if (c.rate_per_s == 0 && !(c.slope_per_s_per_day > 0))
          issues.add(where, "rate", "starts at 0 and never grows: no request would ever arrive");
        if (!std::isfinite(c.slope_per_s_per_day)) issues.add(where, "rate.slope_per_s_per_day", "must be a finite number");
        break;
      case K::Compound:
        if (!(c.rate_per_s > 0)) issues.add(where, "rate.rate_per_s", "must be > 0, got " + fmt(c.rate_per_s));
        if (!(c.growth_period_s > 0))
          issues.add(where, "rate.period_s", "the growth period must be > 0, got " + fmt(c.growth_period_s) + " s");
        if (!(c.growth_percent > -100))
          issues.add(where, "rate.growth_percent", "must be > -100 (a rate cannot shrink below 0), got " +
                                                       fmt(c.growth_percent));
        break;
      case K::Logistic:
        if (!(c.floor_per_s >= 0)) issues.add(where, "rate.floor_per_s", "must be >= 0, got " + fmt(c.floor_per_s));
        if (!(c.ceiling_per_s >= 0))
          issues.add(where, "rate.ceiling_per_s", "must be >= 0, got " + fmt(c.ceiling_per_s));
        if (!(std::max(c.floor_per_s, c.ceiling_per_s) > 0))
          issues.add(where, "rate", "floor and ceiling are both 0: no request would ever arrive");
        if (!(c.steepness_per_day > 0))
          issues.add(where, "rate.steepness_per_day",
                     "must be > 0 (for a decline, make the floor larger than the ceiling), got " +
                         fmt(c.steepness_per_day));
        if (!std::isfinite(c.midpoint_s)) issues.add(where, "rate.midpoint_s", "must be a finite number");
        break;
    }
    if (c.daily.enabled) {
      if (!c.daily.hourly_factors.empty()) {
        checkFactors(where, "rate.daily.hourly_factors", c.daily.hourly_factors, 24, "hourly factors");
      } else {
        if (!(c.daily.amplitude >= 0 && c.daily.amplitude < 1))
          issues.add(where, "rate.daily.amplitude",
                     "must be in [0, 1) so the rate stays positive, got " + fmt(c.daily.amplitude));
        if (!(c.daily.peak_hour >= 0 && c.daily.peak_hour < 24))
          issues.add(where, "rate.daily.peak_hour", "must be in [0, 24), got " + fmt(c.daily.peak_hour));
      }
    }
    if (c.weekly.enabled)
      checkFactors(where, "rate.weekly.daily_factors", c.weekly.daily_factors, 7, "daily factors (Monday first)");
    for (std::size_t i = 0; i < c.spikes.size(); ++i) {
      const auto& s = c.spikes[i];
      const std::string f = "rate.spikes[" + std::to_string(i) + "]";
      if (!(s.start_s >= 0)) issues.add(where, f + ".start_s", "must be >= 0, got " + fmt(s.start_s));
      if (!(s.duration_s > 0)) issues.add(where, f + ".duration_s", "must be > 0, got " + fmt(s.duration_s));
      if (!(s.factor >= 0)) issues.add(where, f + ".factor", "must be >= 0, got " + fmt(s.factor));
    }
    if (!(c.start_hour >= 0 && c.start_hour < 24))
      issues.add(where, "rate.start_hour", "must be in [0, 24), got " + fmt(c.start_hour));
    if (c.start_weekday < 0 || c.start_weekday > 6)
      issues.add(where, "rate.start_weekday",
                 "must be 0..6 (Monday..Sunday), got " + std::to_string(c.start_weekday));
  }

  void checkProbability(const std::string& where, const std::string& field, double p) {
    if (!(p >= 0 && p <= 1)) issues.add(where, field, "probability must be in [0, 1], got " + fmt(p));
  }

  void checkSteps(const std::string& where, const std::string& field, const std::vector<Step>& steps, int depth = 0) {
    // Paths grow with depth, so an unbounded walk would cost memory quadratic in it: stop at the limit.
    if (depth > limits::kMaxBranchDepth) {
      issues.add(where, field,
                 "branches are nested more than " + std::to_string(limits::kMaxBranchDepth) + " levels deep");
      return;
    }
    for (std::size_t i = 0; i < steps.size(); ++i) {
      const Step& s = steps[i];
      const std::string f = field + "[" + std::to_string(i) + "]";
      switch (s.kind) {
        case Step::Kind::Work: checkDistribution(where, f + ".work", s.work); break;
        case Step::Kind::Call:
        case Step::Kind::Send: {
          const std::string key = f + (s.kind == Step::Kind::Call ? ".call" : ".send");
          if (s.calls.size() != 1) {
            issues.add(where, key, "must name exactly one component, has " + std::to_string(s.calls.size()));
            break;
          }
          checkTarget(where, key, s.calls[0].target);
          if (!(s.calls[0].timeout_s >= 0))
            issues.add(where, f + ".timeout", "must be >= 0 (0 = wait forever), got " + fmt(s.calls[0].timeout_s) + " s");
          if (s.calls[0].retry) {
            if (s.kind == Step::Kind::Send)
              issues.add(where, f + ".retry", "a send does not wait for an answer, so it has no retry");
            else
              checkRetry(where, f, *s.calls[0].retry);
          }
          break;
        }
        case Step::Kind::Parallel:
          if (s.calls.empty()) issues.add(where, f + ".parallel", "a parallel step needs at least one call");
          for (std::size_t j = 0; j < s.calls.size(); ++j) {
            const std::string pf = f + ".parallel[" + std::to_string(j) + "]";
            checkTarget(where, pf + ".call", s.calls[j].target);
            if (!(s.calls[j].timeout_s >= 0))
              issues.add(where, pf + ".timeout", "must be >= 0 (0 = wait forever), got " + fmt(s.calls[j].timeout_s) + " s");
            if (s.calls[j].retry) checkRetry(where, pf, *s.calls[j].retry);
          }
          break;
        case Step::Kind::Branch: {
          if (s.arms.empty()) issues.add(where, f + ".branch", "a branch needs at least one arm");
          double sum = 0;
          for (std::size_t j = 0; j < s.arms.size(); ++j) {
            const std::string af = f + ".branch[" + std::to_string(j) + "]";
            checkProbability(where, af + ".p", s.arms[j].probability);
            sum += s.arms[j].probability;
            checkSteps(where, af + ".steps", s.arms[j].steps, depth + 1);
          }
          if (sum > 1 + kProbabilityTolerance)
            issues.add(where, f + ".branch", "arm probabilities sum to " + fmt(sum) + ", more than 1");
          break;
        }
      }
    }
  }

  void checkRetry(const std::string& where, const std::string& field, const RetrySpec& retry) {
    std::vector<ValidationIssue> found;
    json_detail::checkRetry(retry, where, field, found);
    for (const auto& i : found) issues.add(i.where, i.field, i.rule);
  }

  bool isKnownClass(const std::string& cls) const { return lookup.isClass(cls); }

  std::string unknownClassRule(const std::string& cls) const {
    return "unknown request class '" + cls + "' (known: " + joinQuoted(lookup.classes()) + ")";
  }

  void checkComponent(const Component& c, std::size_t index) {
    const std::string where = validation_detail::componentWhere(c, index);
    if (c.name.empty()) issues.add(where, "name", "must not be empty");
    const bool delay = c.type == Component::Type::Delay;
    // A serverless function has an environment per invocation: no replica count or workers to check.
    if (!delay && c.type != Component::Type::Serverless) {
      if (c.replicas < 1) issues.add(where, "replicas", "must be >= 1, got " + std::to_string(c.replicas));
      if (c.replicas > kMaxReplicas)
        issues.add(where, "replicas", "must be <= " + std::to_string(kMaxReplicas) + ", got " + std::to_string(c.replicas));
      if (c.workers_per_replica < 1)
        issues.add(where, "workers_per_replica", "must be >= 1, got " + std::to_string(c.workers_per_replica));
      if (c.queue_capacity && *c.queue_capacity < 0)
        issues.add(where, "queue_capacity",
                   "must be >= 0 (or absent for an unbounded queue), got " + std::to_string(*c.queue_capacity));
    } else if (c.queue_capacity) {
      issues.add(where, "queue_capacity", "a delay component never queues (it serves every request at once)");
    }
    checkDistribution(where, "service_time", c.service_time);
    if (c.autoscaling) {
      if (delay) issues.add(where, "autoscaling", "a delay component has no replicas to scale");
      std::vector<ValidationIssue> found;
      json_detail::checkAutoscaling(*c.autoscaling, where, found);
      for (const auto& i : found) issues.add(i.where, i.field, i.rule);
    }
    {
      std::vector<ValidationIssue> found;
      json_detail::checkComponentFeatures(sc, lookup, c, where, found);
      for (const auto& i : found) issues.add(i.where, i.field, i.rule);
    }
    if (c.topic) checkDistribution(where, "topic.publish_time", c.topic->publish_time);
    if (c.serverless) checkDistribution(where, "serverless.cold_start", c.serverless->cold_start);
    for (const auto& [cls, d] : c.service_time_by_class) {
      if (!isKnownClass(cls)) issues.add(where, "service_time_by_class." + cls, unknownClassRule(cls));
      checkDistribution(where, "service_time_by_class." + cls, d);
    }
    for (const auto& [cls, b] : c.behaviour) {
      const std::string f = "behaviour." + cls;
      if (cls != kAnyClass && !isKnownClass(cls)) issues.add(where, f, unknownClassRule(cls) + " or '*'");
      if (delay && !b.steps.empty())
        issues.add(where, f + ".steps",
                   "a delay component only adds latency: it cannot run steps (move them to a service component; "
                   "'next' routing is allowed)");
      checkSteps(where, f + ".steps", b.steps);
      double sum = 0;
      for (std::size_t j = 0; j < b.next.size(); ++j) {
        const std::string nf = f + ".next[" + std::to_string(j) + "]";
        checkTarget(where, nf + ".to", b.next[j].to);
        checkProbability(where, nf + ".p", b.next[j].probability);
        sum += b.next[j].probability;
      }
      if (sum > 1 + kProbabilityTolerance)
        issues.add(where, f + ".next", "routing probabilities sum to " + fmt(sum) + ", more than 1");
    }
  }

  void checkSource(const Source& s, std::size_t index) {
    const std::string where = validation_detail::sourceWhere(s, index);
    if (s.name.empty()) issues.add(where, "name", "must not be empty");
    if (s.entry.empty()) issues.add(where, "entry", "names no component");
    else if (!componentExists(s.entry)) issues.add(where, "entry", "references unknown component '" + s.entry + "'");
    if (s.kind == Source::Kind::Open) {
      checkRate(where, s.rate);
      if (s.arrivals == Source::Arrivals::Renewal && !(s.interarrival_cv > 0))
        issues.add(where, "arrivals.renewal_cv",
                   "must be > 0 (use \"deterministic\" arrivals for cv 0), got " + fmt(s.interarrival_cv));
    } else {
      if (s.population < 1) issues.add(where, "population", "must be >= 1, got " + std::to_string(s.population));
      // A default-constructed Distribution (exponential, mean 0) is how "no think time set" looks in memory.
      if (s.think_time.kind == Distribution::Kind::Exponential && s.think_time.mean_s == 0.0)
        issues.add(where, "think_time",
                   "is missing: a closed source needs a think time (use deterministic 0 for users who never pause)");
      else
        checkDistribution(where, "think_time", s.think_time);
    }
    std::set<std::string> seen;
    bool positive = false;
    for (const auto& m : s.mix) {
      const std::string f = "mix." + m.request_class;
      if (m.request_class.empty()) issues.add(where, "mix", "has a class with an empty name");
      if (!seen.insert(m.request_class).second) issues.add(where, f, "class appears twice in the mix");
      if (!(m.weight >= 0)) issues.add(where, f, "weight must be >= 0, got " + fmt(m.weight));
      if (m.weight > 0) positive = true;
      if (!sc.request_classes.empty() && !lookup.isDeclaredClass(m.request_class))
        issues.add(where, f,
                   "class '" + m.request_class + "' is not declared in request_classes (declared: " +
                       joinQuoted(sc.request_classes) + ")");
    }
    if (!s.mix.empty() && !positive) issues.add(where, "mix", "all weights are zero: no class to send");
    if (s.mix.empty() && !sc.request_classes.empty() && !lookup.isDeclaredClass(s.name))
      issues.add(where, "mix",
                 "is missing, so requests get the class '" + s.name + "', which is not declared in request_classes (" +
                     joinQuoted(sc.request_classes) + ")");
  }

  void checkSimulation() {
    const SimulationSettings& s = sc.simulation;
    const std::string where = "simulation";
    if (!(s.horizon_s > 0)) issues.add(where, "horizon_s", "must be > 0, got " + fmt(s.horizon_s));
    else if (!(s.horizon_s <= limits::kMaxHorizonS))
      issues.add(where, "horizon_s",
                 "must be <= " + fmt(limits::kMaxHorizonS) +
                     " s (31 years): simulated time is counted in int64 nanoseconds; got " + fmt(s.horizon_s));
    if (!(s.warmup_s >= 0)) issues.add(where, "warmup_s", "must be >= 0, got " + fmt(s.warmup_s));
    else if (s.horizon_s > 0 && !(s.horizon_s > s.warmup_s))
      issues.add(where, "horizon_s",
                 "must be longer than warmup_s (" + fmt(s.warmup_s) + " s), or nothing is measured; got " +
                     fmt(s.horizon_s) + " s");
    if (s.replications < 1) issues.add(where, "replications", "must be >= 1, got " + std::to_string(s.replications));
    if (!(s.window_s >= 0)) issues.add(where, "window_s", "must be >= 0 (0 = horizon / 120), got " + fmt(s.window_s));
    if (s.max_requests < 0)
      issues.add(where, "max_requests", "must be >= 0 (0 = no limit), got " + std::to_string(s.max_requests));
    if (!(s.target_relative_precision >= 0 && s.target_relative_precision < 1))
      issues.add(where, "target_relative_precision",
                 "must be in [0, 1) (0 = fixed replications), got " + fmt(s.target_relative_precision));
    if (s.max_replications < 1)
      issues.add(where, "max_replications", "must be >= 1, got " + std::to_string(s.max_replications));
    else if (s.target_relative_precision > 0 && s.max_replications < s.replications)
      issues.add(where, "max_replications",
                 "must be >= replications (" + std::to_string(s.replications) + "), got " +
                     std::to_string(s.max_replications));
  }

  void checkNames() {
    std::set<std::string> seen;
    for (const auto& cls : sc.request_classes) {
      if (cls.empty()) issues.add("request_classes", "", "a class name must not be empty");
      else if (cls == kAnyClass) issues.add("request_classes", "", "'*' is reserved for behaviour of every class");
      else if (!seen.insert(cls).second) issues.add("request_classes", "", "class '" + cls + "' is declared twice");
    }
    seen.clear();
    for (std::size_t i = 0; i < sc.components.size(); ++i) {
      const auto& n = sc.components[i].name;
      if (!n.empty() && !seen.insert(n).second)
        issues.add(validation_detail::componentWhere(sc.components[i], i), "name",
                   "another component has the same name; names must be unique");
    }
    seen.clear();
    for (std::size_t i = 0; i < sc.sources.size(); ++i) {
      const auto& n = sc.sources[i].name;
      if (!n.empty() && !seen.insert(n).second)
        issues.add(validation_detail::sourceWhere(sc.sources[i], i), "name",
                   "another source has the same name; names must be unique");
    }
    if (sc.components.empty()) issues.add("scenario", "components", "there are no components");
    if (sc.sources.empty()) issues.add("scenario", "sources", "there are no sources: nothing sends requests");
  }
};

}  // namespace

std::vector<ValidationIssue> validateScenario(const Scenario& scenario, Feedback* feedback) {
  std::vector<ValidationIssue> out;
  IssueList issues(out);
  // A scenario too big to simulate is told so at once: the network-wide checks below grow with components
  // times classes.
  if (static_cast<double>(scenario.components.size()) * limits::kBytesPerComponent > limits::kMemoryBudgetBytes)
    return limits::checkRunLimits(scenario, limits::planOf(scenario.simulation));
  const validation_detail::ScenarioIndex index(scenario);
  // The work, in component visits: the field checks, then a call graph and a routing graph per class with a
  // behaviour of its own, plus one of each shared by all the other classes.
  const double n = static_cast<double>(scenario.components.size());
  std::size_t graphs = 1;
  for (const std::string& cls : index.classes()) graphs += index.hasOwnBehaviour(cls) ? 1 : 0;
  validation_detail::ValidationPoll poll(feedback, n + 2.0 * n * static_cast<double>(graphs) + static_cast<double>(scenario.sources.size()));
  poll.advance(0);
  Checker checker{scenario, index, issues};
  checker.checkSimulation();
  checker.checkNames();
  constexpr std::size_t kPollEvery = 256;
  for (std::size_t i = 0; i < scenario.sources.size(); ++i) {
    checker.checkSource(scenario.sources[i], i);
    if (i % kPollEvery == kPollEvery - 1) poll.advance(kPollEvery);
  }
  for (std::size_t i = 0; i < scenario.components.size(); ++i) {
    checker.checkComponent(scenario.components[i], i);
    if (i % kPollEvery == kPollEvery - 1) poll.advance(kPollEvery);
  }
  validation_detail::checkNetwork(scenario, index, poll, issues);
  json_detail::checkRegions(scenario, out);
  json_detail::checkFaults(scenario, out);
  json_detail::checkCluster(scenario, out);
  json_detail::checkSlo(scenario, out);
  json_detail::checkPricing(scenario, out);
  // Resource limits only make sense for settings that are otherwise valid.
  const SimulationSettings& sim = scenario.simulation;
  if (sim.horizon_s > 0 && sim.horizon_s <= limits::kMaxHorizonS && sim.replications >= 1 && sim.max_replications >= 1)
    for (auto& issue : limits::checkRunLimits(scenario, limits::planOf(sim))) out.push_back(std::move(issue));
  return out;
}

}  // namespace headroom
