#include "simulator/compiled_model.h"

#include <stdexcept>

namespace headroom {
namespace {

class Compiler {
 public:
  Compiler(const Scenario& s, CompiledModel& m) : scenario_(s), model_(m) {}

  std::uint32_t componentIndex(const std::string& name) const {
    const int i = scenario_.componentIndex(name);
    if (i < 0) throw std::invalid_argument("unknown component '" + name + "'");
    return static_cast<std::uint32_t>(i);
  }

  std::uint32_t addSampler(const Distribution& d) {
    model_.samplers.emplace_back(d);
    return static_cast<std::uint32_t>(model_.samplers.size() - 1);
  }

  std::uint32_t addCalls(const std::vector<CallTarget>& calls) {
    const auto first = static_cast<std::uint32_t>(model_.calls.size());
    for (const auto& c : calls) model_.calls.push_back({componentIndex(c.target), secondsToSimTime(c.timeout_s)});
    return first;
  }

  void emitSteps(const std::vector<Step>& steps) {
    for (const auto& step : steps) {
      Op op;
      switch (step.kind) {
        case Step::Kind::Work:
          op.kind = OpKind::Work;
          op.sampler = addSampler(step.work);
          model_.ops.push_back(op);
          break;
        case Step::Kind::Call:
        case Step::Kind::Send:
          op.kind = step.kind == Step::Kind::Call ? OpKind::Call : OpKind::Send;
          op.first = addCalls({step.calls.front()});
          op.count = 1;
          model_.ops.push_back(op);
          break;
        case Step::Kind::Parallel:
          op.kind = OpKind::Parallel;
          op.first = addCalls(step.calls);
          op.count = static_cast<std::uint32_t>(step.calls.size());
          model_.ops.push_back(op);
          break;
        case Step::Kind::Branch:
          emitBranch(step);
          break;
      }
    }
  }

  // Program-relative index of the next op to be emitted.
  std::uint32_t here() const { return static_cast<std::uint32_t>(model_.ops.size()) - programStart_; }

  // Branch layout: [Branch op] [arm 0 ops][Jump end] [arm 1 ops][Jump end] ... end:
  // Targets are program-relative, which is what the interpreter's pc is.
  void emitBranch(const Step& step) {
    const auto branchPc = model_.ops.size();
    model_.ops.push_back(Op{OpKind::Branch, 0, static_cast<std::uint32_t>(model_.arms.size()),
                            static_cast<std::uint32_t>(step.arms.size()), 0});
    const auto firstArm = model_.arms.size();
    double cumulative = 0.0;
    for (const auto& arm : step.arms) {
      cumulative += arm.probability;
      model_.arms.push_back({cumulative, 0});
    }
    std::vector<std::size_t> jumps;
    for (std::size_t i = 0; i < step.arms.size(); ++i) {
      model_.arms[firstArm + i].pc = here();
      emitSteps(step.arms[i].steps);
      jumps.push_back(model_.ops.size());
      model_.ops.push_back(Op{OpKind::Jump, 0, 0, 0, 0});
    }
    const std::uint32_t end = here();
    model_.ops[branchPc].target_pc = end;  // where "no arm chosen" continues
    for (auto j : jumps) model_.ops[j].target_pc = end;
  }

  CompiledProgram compileProgram(const Component& c, const std::string& cls) {
    CompiledProgram p;
    p.first_op = static_cast<std::uint32_t>(model_.ops.size());
    programStart_ = p.first_op;
    const Distribution& service = c.serviceTimeFor(cls);
    Op work;
    work.kind = OpKind::Work;
    work.sampler = addSampler(service);
    if (!model_.samplers.back().isZero()) model_.ops.push_back(work);
    const Behaviour* b = c.behaviourFor(cls);
    if (b) emitSteps(b->steps);
    model_.ops.push_back(Op{OpKind::End, 0, 0, 0, 0});
    p.first_route = static_cast<std::uint32_t>(model_.routes.size());
    if (b) {
      double cumulative = 0.0;
      for (const auto& r : b->next) {
        cumulative += r.probability;
        model_.routes.push_back({cumulative, componentIndex(r.to)});
      }
      p.route_count = static_cast<std::uint32_t>(b->next.size());
    }
    return p;
  }

 private:
  const Scenario& scenario_;
  CompiledModel& model_;
  std::uint32_t programStart_ = 0;
};

}  // namespace

CompiledModel compileModel(const Scenario& scenario) {
  CompiledModel m;
  m.classes = scenario.allRequestClasses();
  Compiler compiler(scenario, m);
  for (const auto& c : scenario.components) {
    CompiledComponent cc;
    cc.name = c.name;
    cc.type = c.type;
    cc.discipline = c.discipline;
    cc.balancer = c.balancer;
    cc.replicas = c.type == Component::Type::Delay ? 1 : c.replicas;
    cc.workers = c.workers_per_replica;
    cc.queue_capacity = c.queue_capacity ? *c.queue_capacity : -1;
    m.components.push_back(cc);
  }
  m.programs.resize(m.components.size() * m.classes.size());
  for (std::size_t ci = 0; ci < scenario.components.size(); ++ci) {
    for (std::size_t k = 0; k < m.classes.size(); ++k) {
      m.programs[ci * m.classes.size() + k] = compiler.compileProgram(scenario.components[ci], m.classes[k]);
    }
  }
  for (const auto& s : scenario.sources) {
    CompiledSource cs;
    cs.name = s.name;
    cs.kind = s.kind;
    cs.arrivals = s.arrivals;
    cs.interarrival_cv = s.interarrival_cv;
    cs.entry = compiler.componentIndex(s.entry);
    cs.rate = s.rate;
    cs.stationary = s.rate.isStationary();
    cs.population = s.population;
    if (s.kind == Source::Kind::Closed) cs.think_time = Sampler(s.think_time);
    double total = 0.0;
    for (const auto& share : s.mix) total += share.weight;
    double cumulative = 0.0;
    auto classIndex = [&m](const std::string& name) {
      for (std::size_t i = 0; i < m.classes.size(); ++i)
        if (m.classes[i] == name) return static_cast<std::uint16_t>(i);
      throw std::invalid_argument("unknown request class '" + name + "'");
    };
    if (s.mix.empty()) {
      cs.mix.push_back({1.0, classIndex(s.name)});
    } else {
      for (const auto& share : s.mix) {
        cumulative += share.weight / total;
        cs.mix.push_back({cumulative, classIndex(share.request_class)});
      }
      cs.mix.back().cumulative = 1.0;
    }
    m.sources.push_back(std::move(cs));
  }
  return m;
}

}  // namespace headroom
