#pragma once
// Scenarios shared by the model tests, written as JSON so each test can patch one field (RFC 6902) and
// look at what the loader or the validator says about it.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/scenario_json.h"
#include "model/validation.h"

namespace headroom::test {

// Small but complete: every step kind, both source kinds, classes, a delay. Valid as it stands.
inline const char* const kValidScenario = R"json({
  "format": "headroom-scenario", "version": 1, "name": "fixture",
  "simulation": {"horizon_s": 100, "warmup_s": 10, "replications": 2, "seed": 1, "window_s": 10},
  "request_classes": ["browse", "checkout"],
  "sources": [
    {"name": "web", "type": "open", "entry": "api", "rate": {"kind": "constant", "rate_per_s": 10},
     "mix": {"browse": 0.8, "checkout": 0.2}},
    {"name": "analysts", "type": "closed", "entry": "api", "population": 5,
     "think_time": {"dist": "exponential", "mean_s": 5}, "mix": {"browse": 1}}
  ],
  "components": [
    {"name": "api", "replicas": 2, "workers_per_replica": 4, "service_time": {"dist": "exponential", "mean_ms": 20},
     "behaviour": {
       "*": {"steps": [{"call": "db", "timeout_ms": 500}], "next": [{"to": "worker", "p": 0.3}]},
       "checkout": {"steps": [{"work": {"dist": "deterministic", "value_ms": 2}},
                              {"parallel": [{"call": "db"}, {"call": "ext", "timeout_s": 1}]},
                              {"branch": [{"p": 0.3, "steps": [{"call": "db"}]}]},
                              {"send": "worker"}]}}},
    {"name": "db", "service_time": {"dist": "lognormal", "mean_ms": 5, "cv": 1.5}},
    {"name": "worker", "service_time": {"dist": "uniform", "min_ms": 10, "max_ms": 30}},
    {"name": "ext", "type": "delay",
     "service_time": {"dist": "histogram", "min_ms": 0, "bins": [{"upper_ms": 10, "weight": 1}, {"upper_ms": 50, "weight": 3}]}}
  ]
})json";

// Every feature of the format at least once (all rate kinds and seasonalities, every distribution,
// arrivals variants, bounded queue, PS, balancers, advanced simulation settings). Valid as it stands.
inline const char* const kKitchenSinkScenario = R"json({
  "format": "headroom-scenario", "version": 1, "name": "kitchen sink", "description": "all features",
  "simulation": {"horizon_s": 7200, "warmup_s": 60, "replications": 3, "seed": 18446744073709551615, "window_s": 0,
                 "max_requests": 1000000, "target_relative_precision": 0.05, "max_replications": 20},
  "request_classes": ["a", "b"],
  "sources": [
    {"name": "constant", "entry": "front", "arrivals": "deterministic",
     "rate": {"kind": "constant", "rate_per_s": 12.5, "daily": {"amplitude": 0.4, "peak_hour": 20},
              "weekly": {"daily_factors": [1, 1, 1, 1, 1.2, 0.6, 0.5]}, "start_hour": 6.5, "start_weekday": "sunday"},
     "mix": {"a": 3, "b": 1}},
    {"name": "steps", "entry": "front", "arrivals": {"renewal_cv": 2.5},
     "rate": {"kind": "steps", "steps": [{"at_s": 0, "rate_per_s": 1}, {"at_s": 600, "rate_per_s": 3.25}],
              "spikes": [{"start_s": 100, "duration_s": 50, "factor": 4}, {"start_s": 900, "duration_s": 10, "factor": 0.5}]},
     "mix": {"a": 1}},
    {"name": "linear", "entry": "front", "rate": {"kind": "linear", "rate_per_s": 2, "slope_per_s_per_day": 0.25,
       "daily": {"hourly_factors": [0.2, 0.2, 0.2, 0.2, 0.3, 0.5, 0.8, 1, 1.2, 1.3, 1.3, 1.2,
                                    1.2, 1.3, 1.3, 1.2, 1.1, 1.1, 1.3, 1.5, 1.6, 1.2, 0.8, 0.4]}},
     "mix": {"b": 1}},
    {"name": "compound", "entry": "front", "rate": {"kind": "compound", "rate_per_s": 0.5, "growth_percent": 8, "per": "month"},
     "mix": {"a": 1}},
    {"name": "compound-custom", "entry": "front",
     "rate": {"kind": "compound", "rate_per_s": 0.5, "growth_percent": 1.5, "period_s": 3600}, "mix": {"a": 1}},
    {"name": "logistic", "entry": "front", "rate": {"kind": "logistic", "floor_per_s": 1, "ceiling_per_s": 9,
       "midpoint_s": 3600, "steepness_per_day": 24}, "mix": {"b": 1}},
    {"name": "closed", "type": "closed", "entry": "front", "population": 7,
     "think_time": {"dist": "gamma", "mean_s": 3.5, "cv": 0.6}, "mix": {"a": 1, "b": 1}}
  ],
  "components": [
    {"name": "front", "type": "service", "replicas": 3, "workers_per_replica": 2, "discipline": "ps",
     "balancer": "least_outstanding", "queue_capacity": 0, "service_time": {"dist": "exponential", "mean_ms": 3.5},
     "service_time_by_class": {"b": {"dist": "deterministic", "value_s": 1.25}},
     "behaviour": {
       "*": {"steps": [{"call": "mid", "timeout_ms": 250}, {"send": "sink"}],
             "next": [{"to": "mid", "p": 0.25}, {"to": "net", "p": 0.125}]},
       "b": {"steps": [{"work": {"dist": "uniform", "min_s": 1, "max_s": 2.5}},
                       {"parallel": [{"call": "mid", "timeout_s": 2}, {"call": "net"}]},
                       {"branch": [{"p": 0.5, "steps": [{"call": "mid"}, {"branch": [{"p": 0.1, "steps": [{"send": "sink"}]}]}]},
                                   {"p": 0.25, "steps": []}]}]}}},
    {"name": "mid", "replicas": 1, "workers_per_replica": 16, "discipline": "fcfs", "balancer": "random",
     "queue_capacity": 40, "service_time": {"dist": "lognormal", "mean_ms": 12, "cv": 1.7}},
    {"name": "net", "type": "delay", "service_time": {"dist": "histogram", "min_ms": 1,
       "bins": [{"upper_ms": 2, "weight": 5}, {"upper_ms": 10, "weight": 2.5}, {"upper_ms": 100, "weight": 0.5}]},
     "behaviour": {"*": {"next": [{"to": "sink", "p": 0.5}]}}},
    {"name": "sink", "service_time": {"dist": "gamma", "mean_s": 2, "cv": 0.3}}
  ]
})json";

inline Scenario scenarioFrom(const nlohmann::json& j) { return scenarioFromJson(j, "test"); }

// Building blocks for scenarios written in C++: a one-worker service with a 10 ms exponential service time,
// and a call step to one target.
inline Component serviceComponent(const std::string& name) {
  Component c;
  c.name = name;
  c.service_time = Distribution::exponential(0.01);
  return c;
}

inline Step callStep(const std::string& target) {
  Step s;
  s.kind = Step::Kind::Call;
  s.calls.push_back(CallTarget(target));
  return s;
}

// Applies an RFC 6902 patch to the valid fixture. JSON pointers write the catch-all behaviour key as
// "{*}" because "/*/" inside a C++ string confuses moc, which takes it for a comment.
inline nlohmann::json patchedFixture(std::string patch) {
  for (std::size_t at; (at = patch.find("{*}")) != std::string::npos;) patch.replace(at, 3, "*");
  const auto base = nlohmann::json::parse(kValidScenario);
  return patch.empty() ? base : base.patch(nlohmann::json::parse(patch));
}

// The validator's messages for the patched fixture.
inline std::vector<std::string> issuesAfterPatch(const std::string& patch) {
  const auto patched = patchedFixture(patch);
  std::vector<std::string> out;
  for (const auto& issue : validateScenario(scenarioFrom(patched))) out.push_back(issue.message());
  return out;
}

inline std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

}  // namespace headroom::test
