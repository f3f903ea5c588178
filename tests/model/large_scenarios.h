#pragma once
// Large scenarios built in memory, shared by the validation tests and tests/benchmarks/validation (issue #18:
// validating 2,001 components each with its own source took 36 s).
#include <string>

#include "model/scenario.h"

namespace headroom::test {

inline Component plainStation(const std::string& name) {
  Component c;
  c.name = name;
  c.service_time = Distribution::exponential(0.001);
  return c;
}

inline Source openSource(const std::string& name, const std::string& entry, double rate_per_s) {
  Source s;
  s.name = name;
  s.entry = entry;
  s.rate = RateCurve::constant(rate_per_s);
  return s;
}

inline Step callStep(const std::string& target) {
  Step s;
  s.kind = Step::Kind::Call;
  s.calls.push_back(CallTarget(target));
  return s;
}

// An empty scenario with a short horizon and one replication: validation's limits never get in the way.
inline Scenario emptyScenario(const std::string& name) {
  Scenario s;
  s.name = name;
  s.simulation.horizon_s = 100;
  s.simulation.replications = 1;
  return s;
}

// The shape that was measured: n independent stations, each fed by a source of its own, so there are n
// request classes (a source without a mix sends a class named after itself).
inline Scenario stationsWithOwnSources(int n) {
  Scenario s = emptyScenario("stations-" + std::to_string(n));
  for (int i = 0; i < n; ++i) {
    const std::string name = "c" + std::to_string(i);
    s.components.push_back(plainStation(name));
    s.sources.push_back(openSource("load" + std::to_string(i), name, 0.01));
  }
  return s;
}

// A chain: c0 calls c1 calls c2 ... (the "*" behaviour), one source with two classes; "checkout" has a
// behaviour of its own on every tenth component (a class whose call graph differs).
inline Scenario callChain(int n) {
  Scenario s = emptyScenario("chain-" + std::to_string(n));
  for (int i = 0; i < n; ++i) {
    Component c = plainStation("c" + std::to_string(i));
    if (i + 1 < n) {
      c.behaviour[kAnyClass].steps.push_back(callStep("c" + std::to_string(i + 1)));
      if (i % 10 == 0) c.behaviour["checkout"].steps.push_back(callStep("c" + std::to_string(i + 1)));
    }
    s.components.push_back(std::move(c));
  }
  Source web = openSource("web", "c0", 1.0);
  web.mix = {{"browse", 0.8}, {"checkout", 0.2}};
  s.sources.push_back(web);
  return s;
}

// Every class with a behaviour of its own at every component: n components and `classes` classes whose call
// graphs all differ, the case whose validation cost still grows with components x classes.
inline Scenario ownBehaviourPerClass(int n, int classes) {
  Scenario s = emptyScenario("classes-" + std::to_string(n) + "x" + std::to_string(classes));
  Source web = openSource("web", "c0", 1.0);
  for (int k = 0; k < classes; ++k) web.mix.push_back({"k" + std::to_string(k), 1.0});
  s.sources.push_back(web);
  for (int i = 0; i < n; ++i) {
    Component c = plainStation("c" + std::to_string(i));
    if (i + 1 < n)
      for (int k = 0; k < classes; ++k) c.behaviour["k" + std::to_string(k)].steps.push_back(callStep("c" + std::to_string(i + 1)));
    s.components.push_back(std::move(c));
  }
  return s;
}

// Large and wrong in many ways at once, for comparing messages before and after a change to the validator:
// n components in chains of ten, n / 5 sources with a class each plus a two-class source, class-specific
// behaviours, call cycles for one class and for every other class, a routing trap, unknown components and
// classes, a duplicate name. n >= 200.
inline Scenario largeFaultyScenario(int n) {
  Scenario s = emptyScenario("faulty-" + std::to_string(n));
  for (int i = 0; i < n; ++i) {
    Component c = plainStation("c" + std::to_string(i));
    if (i % 10 != 9 && i + 1 < n) c.behaviour[kAnyClass].steps.push_back(callStep("c" + std::to_string(i + 1)));
    // checkout closes every 100th chain into a cycle: a deadlock for checkout only.
    if (i % 100 == 9) c.behaviour["checkout"].steps.push_back(callStep("c" + std::to_string(i - 9)));
    // browse skips the chain's middle on every 50th chain start.
    if (i % 500 == 0 && i + 5 < n) c.behaviour["browse"].steps.push_back(callStep("c" + std::to_string(i + 5)));
    s.components.push_back(std::move(c));
  }
  auto at = [&](int i) -> Component& { return s.components[static_cast<std::size_t>(i)]; };
  // The last component of the last whole hundred also calls back into its chain for every other class.
  const int last = (n / 100 - 1) * 100 + 9;
  at(last).behaviour[kAnyClass].steps.push_back(callStep("c" + std::to_string(last - 6)));
  // A routing trap: two components passing requests to each other with probability 1.
  at(n / 2).behaviour[kAnyClass].next.push_back({"c" + std::to_string(n / 2 + 1), 1.0});
  at(n / 2 + 1).behaviour[kAnyClass].next.push_back({"c" + std::to_string(n / 2), 1.0});
  // Unknown targets, classes, and a duplicate name.
  at(77).behaviour[kAnyClass].steps.push_back(callStep("nowhere"));
  at(78).behaviour[kAnyClass].next.push_back({"nowhere-else", 0.5});
  at(79).behaviour["ghost"].steps.push_back(callStep("c80"));
  at(81).service_time_by_class["phantom"] = Distribution::exponential(0.002);
  at(83).cache = CacheSpec{};
  at(83).cache->hit_ratio = {{"browse", 0.9}, {"spectre", 0.5}};
  at(n - 1).name = "c0";
  for (int i = 0; i < n; i += 5) s.sources.push_back(openSource("load" + std::to_string(i), "c" + std::to_string(i), 0.01));
  Source shop = openSource("shop", "c0", 1.0);
  shop.mix = {{"browse", 0.7}, {"checkout", 0.3}};
  s.sources.push_back(shop);
  s.sources.push_back(openSource("lost", "missing-entry", 1.0));
  return s;
}

}  // namespace headroom::test
