#pragma once
// The scenario translated for the event loop: names become indices, each (component, class) behaviour
// becomes a flat program of ops, distributions become Samplers. Built once per run, shared read-only by all
// replications (and threads).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "simulator/sampler.h"

namespace headroom {

// CacheLookup: a hit jumps to target_pc (the End), a miss goes on; CacheFill stores the key after a miss
// (or applies a write). Nearest: forward to the nearest serving target of calls[first, first + count).
enum class OpKind : std::uint8_t { Work, Call, Parallel, Branch, Send, Jump, End, CacheLookup, CacheFill, Nearest };

struct Op {
  OpKind kind = OpKind::End;
  std::uint32_t sampler = 0;     // Work: index into CompiledModel::samplers
  std::uint32_t first = 0;       // Call/Parallel/Send: first index into CompiledModel::calls; Branch: first arm
  std::uint32_t count = 0;       // Parallel: number of calls; Branch: number of arms
  std::uint32_t target_pc = 0;   // Jump: destination
};

struct CompiledCall {
  std::uint32_t component = 0;
  SimTime timeout = 0;  // 0 = none
  std::int32_t retry = -1;    // index into CompiledModel::retries, -1 = no retries
  std::int16_t breaker = -1;  // index into the caller's CompiledComponent::breakers
  std::int16_t pool = -1;     // index into the caller's CompiledComponent::pools
};

struct CompiledArm {
  double cumulative_probability = 0.0;
  std::uint32_t pc = 0;  // first op of the arm
};

struct CompiledRoute {
  double cumulative_probability = 0.0;
  std::uint32_t component = 0;
};

struct CompiledProgram {
  std::uint32_t first_op = 0;  // into CompiledModel::ops; the program runs until an End op
  std::uint32_t first_route = 0, route_count = 0;
};

struct CompiledCache {
  CacheSpec spec;
  std::vector<double> given_hit_ratio;  // per class; -1 = key mode
  std::vector<std::uint8_t> read;       // per class: served through the cache
  std::vector<std::uint8_t> write;      // per class: writes the key
  std::vector<double> response_bytes;   // per class
};

struct CompiledComponent {
  std::string name;
  Component::Type type = Component::Type::Service;
  Component::Discipline discipline = Component::Discipline::FCFS;
  Component::Balancer balancer = Component::Balancer::RoundRobin;
  int replicas = 1;
  int workers = 1;
  std::int64_t queue_capacity = -1;  // per replica; -1 unbounded
  // Parts of a stack (model/component_features.h)
  int region = 0;  // index into CompiledModel::regions (0 when there are none)
  std::optional<RateLimitSpec> rate_limit;
  double error_ratio = 0.0;
  SimTime shed_after_wait = 0;  // 0 = off
  std::vector<CircuitBreakerSpec> breakers;
  std::vector<ConnectionPoolSpec> pools;
  std::optional<CompiledCache> cache;
  std::optional<TopicSpec> topic;
  std::uint32_t publish_sampler = 0;  // topic: ack latency seen by a synchronous producer
  std::optional<ServerlessSpec> serverless;
  std::uint32_t cold_start_sampler = 0;
  // A lowered database's router: it draws each request's key to measure replica staleness (reads of a key
  // written less than replication_lag ago, served by a read replica, are stale).
  std::optional<DatabaseSpec> database;
  std::vector<std::uint8_t> database_write;  // per class
  bool on_cluster = false;      // its new replicas wait for a node (ClusterHook binds them)
  double cpu_limit_cores = 0.0;  // 0 = no limit; else busy workers beyond it stretch work (CFS throttling)
  bool called_with_timeout = false;   // some caller may abandon it: report abandoned work and goodput
  bool called_with_retry = false;
  bool called_synchronously = false;  // a caller waits for it (a failed sibling call may abandon it)
  bool retries_calls = false;         // some call it makes has a retry policy
};

struct CompiledClassShare {
  double cumulative = 0.0;
  std::uint16_t request_class = 0;
};

struct CompiledSource {
  std::string name;
  int region = 0;
  Source::Kind kind = Source::Kind::Open;
  Source::Arrivals arrivals = Source::Arrivals::Poisson;
  double interarrival_cv = 1.0;
  std::uint32_t entry = 0;
  RateCurve rate;
  bool stationary = true;
  int population = 0;
  Sampler think_time;
  std::vector<CompiledClassShare> mix;
};

struct CompiledModel {
  std::vector<std::string> classes;
  std::vector<CompiledComponent> components;
  std::vector<CompiledSource> sources;
  std::vector<Op> ops;
  std::vector<CompiledCall> calls;
  std::vector<CompiledArm> arms;
  std::vector<CompiledRoute> routes;
  std::vector<Sampler> samplers;
  std::vector<RetrySpec> retries;
  std::vector<std::string> regions;         // empty = one place
  std::vector<SimTime> region_latency;      // [from * regions + to], one-way
  SimTime latency(int from, int to) const {
    return regions.empty() ? 0 : region_latency[static_cast<std::size_t>(from) * regions.size() + static_cast<std::size_t>(to)];
  }
  std::vector<CompiledProgram> programs;  // [component * classes.size() + class]

  const CompiledProgram& program(std::uint32_t component, std::uint16_t cls) const {
    return programs[component * classes.size() + cls];
  }
};

// The scenario must be valid (validateScenario() empty).
CompiledModel compileModel(const Scenario& scenario);

}  // namespace headroom
