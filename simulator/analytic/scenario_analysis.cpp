#include "simulator/analytic/scenario_analysis.h"

#include <algorithm>

#include "model/validation.h"
#include "simulator/analytic/scenario_analysis_detail.h"

namespace headroom {

namespace analytic {

std::optional<ServiceProfile> commonProfile(const Scenario& scenario, const ScenarioTraffic& traffic, std::size_t i,
                                            std::vector<std::string>& problems) {
  std::optional<ServiceProfile> common;
  std::string first_class;
  for (std::size_t r = 0; r < traffic.classes.size(); ++r) {
    if (!(traffic.visits(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(r)) > 0.0)) continue;
    const ServiceProfile& p = traffic.profiles[i][r];
    if (!common) {
      common = p;
      first_class = traffic.classes[r];
    } else if (!sameProfile(*common, p)) {
      problems.push_back("component '" + scenario.components[i].name + "': per-class service times differ (classes '" +
                         first_class + "' and '" + traffic.classes[r] +
                         "'); an FCFS station needs one service-time distribution for all classes");
      return std::nullopt;
    }
  }
  return common;
}

std::string balancerProblem(const Component& c) {
  if (c.type != Component::Type::Service || c.replicas <= 1 || c.balancer == Component::Balancer::Random) return {};
  return "component '" + c.name + "': arrivals per replica are not Poisson under " + balancerName(c.balancer) +
         " balancing (use replicas: 1 or balancer: random)";
}

std::string withReplicas(const std::string& model, const Component& c) {
  if (c.type != Component::Type::Service || c.replicas <= 1) return model;
  return model + " per replica, " + std::to_string(c.replicas) + " replicas (random split)";
}

bool hasRetries(const std::vector<Step>& steps) {
  bool found = false;
  forEachCall(steps, [&](Step::Kind, const CallTarget& c) { found |= c.retry.has_value(); });
  return found;
}

}  // namespace analytic

AnalyticReport analyzeScenario(const Scenario& scenario) {
  AnalyticReport report;
  const std::vector<ValidationIssue> issues = validateScenario(scenario);
  if (!issues.empty()) {
    for (const ValidationIssue& issue : issues) report.not_applicable.push_back("invalid scenario: " + issue.message());
    return report;
  }
  // Parts of a stack whose behaviour no product-form model captures: say which, rather than give a wrong answer.
  for (const Component& c : scenario.components) {
    auto unsupported = [&](const std::string& what) {
      report.not_applicable.push_back("component '" + c.name + "': " + what + " has no exact queueing model here; use the simulator");
    };
    if (c.type == Component::Type::Topic) unsupported("a topic (partitions and consumer groups)");
    if (c.type == Component::Type::Serverless) unsupported("a serverless function (cold starts, throttling)");
    if (c.rate_limit) unsupported("a rate limit (token buckets)");
    if (c.cache) unsupported("a cache");
    if (c.database) unsupported("a database block (shards, replicas)");
    if (c.error_ratio > 0) unsupported("an error ratio");
    if (c.shed_after_wait_s > 0) unsupported("load shedding");
    if (!c.circuit_breakers.empty()) unsupported("a circuit breaker");
    if (!c.connection_pools.empty()) unsupported("a connection pool or bulkhead");
    if (!c.nearest_of.empty()) unsupported("latency routing");
    for (const auto& [cls, b] : c.behaviour)
      if (analytic::hasRetries(b.steps)) unsupported("a call with retries");
  }
  if (!scenario.regions.empty()) report.not_applicable.push_back("regions add network latency that the analytic models ignore; use the simulator");
  if (!report.not_applicable.empty()) return report;
  // The traffic equations are one dense m x m LU solve per request class, O(m^3) time and O(m^2) memory, with no
  // cancellation: bound the work so the answer comes in seconds (docs/reliability.md, "Cancellation").
  {
    const double m = static_cast<double>(scenario.components.size());
    const double classes = static_cast<double>(std::max<std::size_t>(1, scenario.allRequestClasses().size()));
    if (m > analytic::kMaxAnalyticComponents || m * m * m * classes > analytic::kMaxTrafficSolveWork) {
      report.not_applicable.push_back(
          std::to_string(scenario.components.size()) + " components and " + std::to_string(static_cast<long>(classes)) +
          " request class(es) are beyond the exact analysis (at most " +
          std::to_string(static_cast<int>(analytic::kMaxAnalyticComponents)) +
          " components, components^3 x classes <= 1e10): use the simulator");
      return report;
    }
  }
  std::vector<const Source*> open, closed;
  for (const Source& s : scenario.sources) (s.kind == Source::Kind::Open ? open : closed).push_back(&s);
  if (open.empty() && closed.empty()) {
    report.not_applicable.push_back("the scenario has no sources");
  } else if (!open.empty() && !closed.empty()) {
    report.not_applicable.push_back(
        "mixing open and closed sources is not supported (no exact model implemented for mixed networks)");
  } else if (closed.size() > 1) {
    report.not_applicable.push_back("several closed sources form a multi-chain closed network; exact multi-chain MVA "
                                    "is not implemented (use one closed source)");
  } else if (!closed.empty()) {
    analytic::analyzeClosedScenario(scenario, *closed.front(), report);
  } else {
    analytic::analyzeOpenScenario(scenario, open, report);
  }
  if (!report.not_applicable.empty()) {
    report.kpis.clear();
    report.entity_models.clear();
    report.model.clear();
  }
  return report;
}

}  // namespace headroom
