#pragma once
// The scenario translated for the event loop: names become indices, each (component, class) behaviour
// becomes a flat program of ops, distributions become Samplers. Built once per run, shared read-only by all
// replications (and threads).
#include <cstdint>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "simulator/sampler.h"

namespace headroom {

enum class OpKind : std::uint8_t { Work, Call, Parallel, Branch, Send, Jump, End };

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

struct CompiledComponent {
  std::string name;
  Component::Type type = Component::Type::Service;
  Component::Discipline discipline = Component::Discipline::FCFS;
  Component::Balancer balancer = Component::Balancer::RoundRobin;
  int replicas = 1;
  int workers = 1;
  std::int64_t queue_capacity = -1;  // per replica; -1 unbounded
};

struct CompiledClassShare {
  double cumulative = 0.0;
  std::uint16_t request_class = 0;
};

struct CompiledSource {
  std::string name;
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
  std::vector<CompiledProgram> programs;  // [component * classes.size() + class]

  const CompiledProgram& program(std::uint32_t component, std::uint16_t cls) const {
    return programs[component * classes.size() + cls];
  }
};

// The scenario must be valid (validateScenario() empty).
CompiledModel compileModel(const Scenario& scenario);

}  // namespace headroom
