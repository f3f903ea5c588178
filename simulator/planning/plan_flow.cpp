#include "simulator/planning/plan_flow.h"

#include <algorithm>
#include <functional>
#include <stdexcept>

#include "simulator/features/cache_analytics.h"
#include "simulator/features/zipf_keys.h"

namespace headroom::planning {
namespace {

// What one visit of one class does at one component, independent of how many visits there are.
struct VisitShape {
  double mean_s = 0.0;
  double second_moment_s2 = 0.0;
  std::vector<SyncTerm> waits;
  std::vector<std::pair<int, double>> callees;  // every call, parallel entry and send: expected count per visit
  std::vector<std::pair<int, double>> next;
};

void addWarning(std::vector<std::string>& w, const std::string& s) {
  if (std::find(w.begin(), w.end(), s) == w.end()) w.push_back(s);
}

// Work steps and calls of `steps` executed with probability `p`: accumulates into `shape`.
void walkSteps(const Scenario& sc, const std::vector<Step>& steps, double p, VisitShape& shape,
               std::vector<std::string>& warnings, const std::string& where) {
  for (const Step& s : steps) {
    switch (s.kind) {
      case Step::Kind::Work: {
        const double m = s.work.mean();
        // Sequential work adds means; the second moment of the sum is approximated as independent parts.
        shape.second_moment_s2 += p * (s.work.secondMoment() + 2.0 * m * shape.mean_s);
        shape.mean_s += p * m;
        break;
      }
      case Step::Kind::Call:
      case Step::Kind::Parallel:
      case Step::Kind::Send: {
        SyncTerm term{p, {}};
        for (const CallTarget& c : s.calls) {
          const int j = sc.componentIndex(c.target);
          if (j < 0) throw std::invalid_argument(where + ": calls unknown component '" + c.target + "'");
          shape.callees.emplace_back(j, p);
          term.targets.push_back(j);
          if (c.retry && c.retry->max_attempts > 1)
            addWarning(warnings, where + ": retries on calls to '" + c.target +
                                     "' are not amplified in the plan (heavy retries: distrust the runway)");
        }
        if (s.kind != Step::Kind::Send && !term.targets.empty()) shape.waits.push_back(term);
        break;
      }
      case Step::Kind::Branch:
        for (const BranchArm& a : s.arms) walkSteps(sc, a.steps, p * a.probability, shape, warnings, where);
        break;
    }
  }
}

bool servedThroughCache(const CacheSpec& cache, const std::string& cls) {
  if (std::find(cache.write_classes.begin(), cache.write_classes.end(), cls) != cache.write_classes.end()) return false;
  return cache.classes.empty() || std::find(cache.classes.begin(), cache.classes.end(), cls) != cache.classes.end();
}

double cacheHitRatio(const Component& c, const std::string& cls, double offered_per_s, std::vector<std::string>& warnings) {
  const CacheSpec& cache = *c.cache;
  if (!servedThroughCache(cache, cls)) return 0.0;
  if (!cache.hit_ratio.empty()) {
    auto it = cache.hit_ratio.find(cls);
    if (it == cache.hit_ratio.end()) it = cache.hit_ratio.find(kAnyClass);
    return it == cache.hit_ratio.end() ? 0.0 : it->second;
  }
  if (cache.keys <= 0 || cache.keys > 10'000'000) return 0.0;
  const features::ZipfKeys keys(cache.keys, cache.zipf_exponent);
  double h = 1.0;
  if (cache.capacity > 0 && cache.capacity < cache.keys) h = std::min(h, features::cheLruHitRatio(keys, cache.capacity));
  if (cache.ttl_s > 0) {
    h = std::min(h, features::ttlHitRatio(keys, offered_per_s, cache.ttl_s));
    addWarning(warnings, "component '" + c.name +
                             "': TTL cache hit ratio taken at the starting traffic (it rises with traffic: conservative)");
  }
  if (!cache.start_warm) addWarning(warnings, "component '" + c.name + "': a cold cache start is not modelled (warm from t = 0)");
  return h;
}

}  // namespace

FlowModel buildFlowModel(const Scenario& sc) {
  FlowModel fm;
  const std::size_t m = sc.components.size();
  for (std::size_t s = 0; s < sc.sources.size(); ++s) {
    const Source& src = sc.sources[s];
    if (src.kind == Source::Kind::Closed)
      throw std::invalid_argument("source '" + src.name +
                                  "': closed populations are outside what the planner can trust (the offered load "
                                  "falls as latency grows); run the simulator instead");
    double total = 0.0;
    for (const ClassShare& c : src.mix) total += c.weight;
    if (src.mix.empty() || !(total > 0.0))
      fm.flows.push_back({static_cast<int>(s), src.name, 1.0});
    else
      for (const ClassShare& c : src.mix)
        if (c.weight > 0.0) fm.flows.push_back({static_cast<int>(s), c.request_class, c.weight / total});
  }
  const std::size_t nf = fm.flows.size();
  fm.demand.assign(m, std::vector<FlowDemand>(nf));
  fm.pools.assign(m, {});
  fm.cache_hit_ratio.assign(m, 0.0);

  for (std::size_t f = 0; f < nf; ++f) {
    const Flow& flow = fm.flows[f];
    const Source& src = sc.sources[static_cast<std::size_t>(flow.source)];
    std::vector<bool> shaped(m, false);
    std::vector<VisitShape> shapes(m);
    auto shapeOf = [&](int i) -> const VisitShape& {
      if (shaped[static_cast<std::size_t>(i)]) return shapes[static_cast<std::size_t>(i)];
      const Component& c = sc.components[static_cast<std::size_t>(i)];
      const std::string where = "component '" + c.name + "'";
      VisitShape shape;
      const Distribution& st = c.serviceTimeFor(flow.request_class);
      shape.mean_s = st.mean();
      shape.second_moment_s2 = st.secondMoment();
      double miss = 1.0;
      if (c.cache) {
        const double h = cacheHitRatio(c, flow.request_class, src.rate.rateAt(0.0) * flow.share, fm.warnings);
        fm.cache_hit_ratio[static_cast<std::size_t>(i)] = std::max(fm.cache_hit_ratio[static_cast<std::size_t>(i)], h);
        miss = 1.0 - h;
      }
      if (const Behaviour* b = c.behaviourFor(flow.request_class)) {
        walkSteps(sc, b->steps, miss, shape, fm.warnings, where);
        for (const RouteChoice& r : b->next) {
          const int j = sc.componentIndex(r.to);
          if (j < 0) throw std::invalid_argument(where + ": next '" + r.to + "' is not a component");
          shape.next.emplace_back(j, miss * r.probability);
        }
      }
      if (!c.nearest_of.empty()) {
        // Latency routing: the target in the client's region serves it (network latency itself is not planned).
        int pick = sc.componentIndex(c.nearest_of.front());
        for (const std::string& n : c.nearest_of) {
          const Component* t = sc.findComponent(n);
          if (t && !src.region.empty() && t->region == src.region) pick = sc.componentIndex(n);
        }
        if (pick >= 0) shape.next.emplace_back(pick, miss);
      }
      shapes[static_cast<std::size_t>(i)] = std::move(shape);
      shaped[static_cast<std::size_t>(i)] = true;
      return shapes[static_cast<std::size_t>(i)];
    };
    std::function<void(int, double, int, bool)> visit = [&](int i, double mult, int depth, bool onRoute) {
      if (depth > 64)
        throw std::invalid_argument("component '" + sc.components[static_cast<std::size_t>(i)].name +
                                    "': the request flow loops more than 64 levels deep; the planner needs an acyclic flow");
      if (!(mult > 1e-12)) return;
      fm.demand[static_cast<std::size_t>(i)][f].visits += mult;
      if (onRoute) fm.demand[static_cast<std::size_t>(i)][f].route_visits += mult;
      const VisitShape& shape = shapeOf(i);
      for (const auto& [j, c] : shape.callees) visit(j, mult * c, depth + 1, false);
      for (const auto& [j, p] : shape.next) visit(j, mult * p, depth + 1, onRoute);
    };
    const int entry = sc.componentIndex(src.entry);
    if (entry < 0) throw std::invalid_argument("source '" + src.name + "': entry '" + src.entry + "' is not a component");
    visit(entry, 1.0, 0, true);
    for (std::size_t i = 0; i < m; ++i) {
      if (!shaped[i]) continue;
      FlowDemand& d = fm.demand[i][f];
      const VisitShape& shape = shapes[i];
      d.local_mean_s = shape.mean_s;
      const double var = std::max(0.0, shape.second_moment_s2 - shape.mean_s * shape.mean_s);
      d.local_scv = shape.mean_s > 0 ? var / (shape.mean_s * shape.mean_s) : 0.0;
      d.waits = shape.waits;
      const Component& c = sc.components[i];
      for (const ConnectionPoolSpec& p : c.connection_pools) {
        const int t = sc.componentIndex(p.target);
        auto it = std::find_if(fm.pools[i].begin(), fm.pools[i].end(), [&](const PoolUse& u) { return u.target == t; });
        if (it == fm.pools[i].end()) {
          fm.pools[i].push_back({t, p.size, p.max_wait_s, std::vector<double>(nf, 0.0)});
          it = fm.pools[i].end() - 1;
        }
        double calls = 0.0;
        for (const SyncTerm& w : shape.waits)
          for (int target : w.targets)
            if (target == t) calls += w.weight;
        it->calls_per_visit[f] = calls;
      }
    }
  }

  // Callees before callers over synchronous waits; a cycle of synchronous calls has no fluid fixed point here.
  std::vector<int> state(m, 0);
  std::function<void(int, int)> dfs = [&](int i, int depth) {
    if (state[static_cast<std::size_t>(i)] == 2) return;
    if (state[static_cast<std::size_t>(i)] == 1 || depth > 256)
      throw std::invalid_argument("component '" + sc.components[static_cast<std::size_t>(i)].name +
                                  "': synchronous calls form a cycle; the planner needs an acyclic call graph");
    state[static_cast<std::size_t>(i)] = 1;
    for (const FlowDemand& d : fm.demand[static_cast<std::size_t>(i)])
      for (const SyncTerm& w : d.waits)
        for (int t : w.targets)
          if (sc.components[static_cast<std::size_t>(t)].type != Component::Type::Topic) dfs(t, depth + 1);
    state[static_cast<std::size_t>(i)] = 2;
    fm.order.push_back(i);
  };
  for (std::size_t i = 0; i < m; ++i) dfs(static_cast<int>(i), 0);

  for (const Component& c : sc.components) {
    if (!c.circuit_breakers.empty())
      addWarning(fm.warnings, "component '" + c.name + "': circuit breakers are not modelled (the plan sends every call)");
    if (c.shed_after_wait_s > 0)
      addWarning(fm.warnings, "component '" + c.name + "': load shedding is not modelled (waits grow instead)");
    if (!c.nearest_of.empty() || !sc.regions.empty())
      addWarning(fm.warnings, "regions: network latency between regions is not added to the plan's latencies");
  }
  if (!sc.faults.empty())
    addWarning(fm.warnings, "faults: the fault timeline is not applied by the fluid pass (check those windows with `run`)");
  return fm;
}

}  // namespace headroom::planning
