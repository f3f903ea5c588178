#pragma once
// Small scenarios built in code for engine tests, so each test states its model in a few lines.
#include <string>

#include "model/scenario.h"

namespace headroom::test {

inline Component station(const std::string& name, int workers, const Distribution& service, int replicas = 1) {
  Component c;
  c.name = name;
  c.workers_per_replica = workers;
  c.replicas = replicas;
  c.service_time = service;
  return c;
}

inline Source poisson(const std::string& entry, double rate_per_s, const std::string& name = "load") {
  Source s;
  s.name = name;
  s.entry = entry;
  s.rate = RateCurve::constant(rate_per_s);
  return s;
}

// N users who think (think_time), send one request to `entry`, wait for the answer, and think again.
inline Source closedUsers(const std::string& entry, int population, const Distribution& think_time) {
  Source s;
  s.name = "users";
  s.kind = Source::Kind::Closed;
  s.entry = entry;
  s.population = population;
  s.think_time = think_time;
  return s;
}

inline Step call(const std::string& target, double timeout_s = 0.0) {
  Step s;
  s.kind = Step::Kind::Call;
  s.calls.push_back({target, timeout_s});
  return s;
}

inline Scenario singleStation(const Component& c, double rate_per_s, double horizon_s, int replications) {
  Scenario s;
  s.name = "single-" + c.name;
  s.components.push_back(c);
  s.sources.push_back(poisson(c.name, rate_per_s));
  s.simulation.horizon_s = horizon_s;
  s.simulation.warmup_s = horizon_s * 0.05;
  s.simulation.replications = replications;
  s.simulation.seed = 20261122;
  return s;
}

}  // namespace headroom::test
