#include "simulator/compiled_model.h"

#include <algorithm>
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

  // `sync`: the caller waits for the answer (call, parallel, latency routing), unlike a send.
  std::uint32_t addCalls(const std::vector<CallTarget>& calls, bool sync = true) {
    const auto first = static_cast<std::uint32_t>(model_.calls.size());
    for (const auto& c : calls) {
      CompiledCall cc;
      cc.component = componentIndex(c.target);
      cc.timeout = secondsToSimTime(c.timeout_s);
      auto& target = model_.components[cc.component];
      if (c.retry) {
        model_.retries.push_back(*c.retry);
        cc.retry = static_cast<std::int32_t>(model_.retries.size() - 1);
        target.called_with_retry = true;
      }
      if (cc.timeout > 0) target.called_with_timeout = true;
      if (sync) target.called_synchronously = true;
      if (c.retry) model_.components[current_].retries_calls = true;
      const auto& caller = model_.components[current_];
      for (std::size_t b = 0; b < caller.breakers.size(); ++b)
        if (caller.breakers[b].target == c.target) cc.breaker = static_cast<std::int16_t>(b);
      for (std::size_t p = 0; p < caller.pools.size(); ++p)
        if (caller.pools[p].target == c.target) cc.pool = static_cast<std::int16_t>(p);
      model_.calls.push_back(cc);
    }
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
          op.first = addCalls({step.calls.front()}, step.kind == Step::Kind::Call);
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

  // Program layout: [service work] [CacheLookup -> End on a hit] [Nearest] [behaviour steps] [CacheFill] End
  CompiledProgram compileProgram(std::uint32_t ci, const Component& c, std::uint16_t cls) {
    current_ = ci;
    CompiledProgram p;
    p.first_op = static_cast<std::uint32_t>(model_.ops.size());
    programStart_ = p.first_op;
    const Distribution& service = c.serviceTimeFor(model_.classes[cls]);
    Op work;
    work.kind = OpKind::Work;
    work.sampler = addSampler(service);
    if (!model_.samplers.back().isZero()) model_.ops.push_back(work);
    const auto& cache = model_.components[ci].cache;
    const bool cacheRead = cache && cache->read[cls], cacheWrite = cache && cache->write[cls];
    std::size_t lookupAt = 0;
    if (cacheRead) {
      lookupAt = model_.ops.size();
      model_.ops.push_back(Op{OpKind::CacheLookup, 0, 0, 0, 0});
    }
    if (!c.nearest_of.empty()) {
      std::vector<CallTarget> targets;
      for (const auto& t : c.nearest_of) targets.emplace_back(t);
      model_.ops.push_back(Op{OpKind::Nearest, 0, addCalls(targets), static_cast<std::uint32_t>(targets.size()), 0});
    }
    const Behaviour* b = c.behaviourFor(model_.classes[cls]);
    if (b) emitSteps(b->steps);
    if (cacheRead || cacheWrite) model_.ops.push_back(Op{OpKind::CacheFill, 0, 0, 0, 0});
    if (cacheRead) model_.ops[lookupAt].target_pc = here();
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
  std::uint32_t current_ = 0;  // component whose program is being compiled (the caller of its calls)
};

// One-way latencies; a pair given on one side only is symmetric; a region to itself costs nothing.
void compileRegions(const Scenario& scenario, CompiledModel& m) {
  for (const auto& r : scenario.regions) m.regions.push_back(r.name);
  const std::size_t n = m.regions.size();
  m.region_latency.assign(n * n, 0);
  auto index = [&m](const std::string& name) -> std::size_t {
    for (std::size_t i = 0; i < m.regions.size(); ++i)
      if (m.regions[i] == name) return i;
    throw std::invalid_argument("unknown region '" + name + "'");
  };
  for (std::size_t i = 0; i < n; ++i)
    for (const auto& [other, latency_s] : scenario.regions[i].latency_s) {
      const std::size_t j = index(other);
      m.region_latency[i * n + j] = secondsToSimTime(latency_s);
      if (scenario.regions[j].latency_s.count(m.regions[i]) == 0) m.region_latency[j * n + i] = secondsToSimTime(latency_s);
    }
}

CompiledCache compileCache(const CacheSpec& spec, const std::vector<std::string>& classes) {
  CompiledCache c;
  c.spec = spec;
  auto byClass = [](const std::map<std::string, double>& m, const std::string& cls, double fallback) {
    if (auto it = m.find(cls); it != m.end()) return it->second;
    if (auto it = m.find(kAnyClass); it != m.end()) return it->second;
    return fallback;
  };
  auto contains = [](const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
  };
  for (const auto& cls : classes) {
    const bool write = contains(spec.write_classes, cls);
    const bool read = !write && (spec.classes.empty() || contains(spec.classes, cls));
    c.write.push_back(write);
    c.read.push_back(read);
    c.given_hit_ratio.push_back(spec.hit_ratio.empty() ? -1.0 : byClass(spec.hit_ratio, cls, 0.0));
    c.response_bytes.push_back(byClass(spec.response_bytes, cls, 0.0));
  }
  return c;
}

}  // namespace

CompiledModel compileModel(const Scenario& scenario) {
  CompiledModel m;
  m.classes = scenario.allRequestClasses();
  compileRegions(scenario, m);
  auto regionIndex = [&m](const std::string& name) {
    for (std::size_t i = 0; i < m.regions.size(); ++i)
      if (m.regions[i] == name) return static_cast<int>(i);
    return 0;  // empty name: the first region (validation rejects unknown names)
  };
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
    cc.region = regionIndex(c.region);
    cc.rate_limit = c.rate_limit;
    cc.error_ratio = c.error_ratio;
    cc.shed_after_wait = secondsToSimTime(c.shed_after_wait_s);
    cc.breakers = c.circuit_breakers;
    cc.pools = c.connection_pools;
    if (c.cache) cc.cache = compileCache(*c.cache, m.classes);
    cc.topic = c.topic;
    if (c.topic) {
      m.samplers.emplace_back(c.topic->publish_time);
      cc.publish_sampler = static_cast<std::uint32_t>(m.samplers.size() - 1);
    }
    cc.serverless = c.serverless;
    cc.on_cluster = scenario.cluster && c.pod;
    if (c.database && c.database->read_replicas > 0 && c.database->replication_lag_s > 0) {
      cc.database = c.database;
      for (const auto& cls : m.classes)
        cc.database_write.push_back(std::find(c.database->write_classes.begin(), c.database->write_classes.end(), cls) !=
                                    c.database->write_classes.end());
    }
    cc.cpu_limit_cores = c.pod ? c.pod->cpu_limit_cores : 0.0;
    if (c.serverless) {
      cc.replicas = 1;
      m.samplers.emplace_back(c.serverless->cold_start);
      cc.cold_start_sampler = static_cast<std::uint32_t>(m.samplers.size() - 1);
    }
    m.components.push_back(cc);
  }
  m.programs.resize(m.components.size() * m.classes.size());
  for (std::size_t ci = 0; ci < scenario.components.size(); ++ci) {
    for (std::size_t k = 0; k < m.classes.size(); ++k) {
      m.programs[ci * m.classes.size() + k] =
          compiler.compileProgram(static_cast<std::uint32_t>(ci), scenario.components[ci], static_cast<std::uint16_t>(k));
    }
  }
  for (const auto& s : scenario.sources) {
    CompiledSource cs;
    cs.name = s.name;
    cs.kind = s.kind;
    cs.arrivals = s.arrivals;
    cs.interarrival_cv = s.interarrival_cv;
    cs.region = regionIndex(s.region);
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
