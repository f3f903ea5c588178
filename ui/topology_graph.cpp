#include "ui/topology_graph.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <tuple>

namespace headroom {

namespace {

void collectFromSteps(const std::string& component, const std::string& cls, const std::vector<Step>& steps,
                      double probability, std::vector<TopologyEdge>& out) {
  for (const Step& step : steps) {
    switch (step.kind) {
      case Step::Kind::Work:
        break;
      case Step::Kind::Call:
      case Step::Kind::Send:
      case Step::Kind::Parallel: {
        const TopologyEdge::Kind kind = step.kind == Step::Kind::Call   ? TopologyEdge::Kind::Call
                                        : step.kind == Step::Kind::Send ? TopologyEdge::Kind::Send
                                                                        : TopologyEdge::Kind::Parallel;
        for (const CallTarget& call : step.calls)
          out.push_back({kind, false, component, call.target, probability, cls});
        break;
      }
      case Step::Kind::Branch:
        for (const BranchArm& arm : step.arms)
          collectFromSteps(component, cls, arm.steps, probability * arm.probability, out);
        break;
    }
  }
}

}  // namespace

std::vector<TopologyEdge> collectEdges(const Scenario& scenario) {
  std::vector<TopologyEdge> all;
  for (const Source& source : scenario.sources)
    all.push_back({TopologyEdge::Kind::Entry, true, source.name, source.entry, 1.0, {}});
  for (const Component& component : scenario.components) {
    for (const auto& [cls, behaviour] : component.behaviour) {
      collectFromSteps(component.name, cls, behaviour.steps, 1.0, all);
      for (const RouteChoice& route : behaviour.next)
        all.push_back({TopologyEdge::Kind::Next, false, component.name, route.to, route.probability, cls});
    }
  }
  std::vector<TopologyEdge> unique;
  std::set<std::tuple<bool, std::string, std::string, TopologyEdge::Kind>> seen;
  for (TopologyEdge& edge : all) {
    if (seen.insert({edge.from_source, edge.from, edge.to, edge.kind}).second) unique.push_back(std::move(edge));
  }
  return unique;
}

std::vector<NodePlacement> layeredLayout(const Scenario& scenario) {
  const std::vector<TopologyEdge> edges = collectEdges(scenario);
  const int n = static_cast<int>(scenario.components.size());
  std::vector<std::vector<int>> successors(static_cast<std::size_t>(n));
  for (const TopologyEdge& edge : edges) {
    if (edge.from_source) continue;
    const int from = scenario.componentIndex(edge.from);
    const int to = scenario.componentIndex(edge.to);
    if (from >= 0 && to >= 0) successors[static_cast<std::size_t>(from)].push_back(to);
  }

  // Depth-first from every entry, in source order: edges to a node still on the stack are back edges
  // (loops through `next`) and are dropped, which leaves a DAG for longest-path layering.
  std::vector<int> roots;
  for (const Source& source : scenario.sources) {
    const int entry = scenario.componentIndex(source.entry);
    if (entry >= 0 && std::find(roots.begin(), roots.end(), entry) == roots.end()) roots.push_back(entry);
  }
  std::vector<int> state(static_cast<std::size_t>(n), 0);  // 0 new, 1 on stack, 2 done
  std::vector<int> discovery;
  std::vector<std::vector<int>> dagSuccessors(static_cast<std::size_t>(n));
  std::function<void(int)> visit = [&](int v) {
    state[static_cast<std::size_t>(v)] = 1;
    discovery.push_back(v);
    for (int w : successors[static_cast<std::size_t>(v)]) {
      if (state[static_cast<std::size_t>(w)] == 1) continue;
      dagSuccessors[static_cast<std::size_t>(v)].push_back(w);
      if (state[static_cast<std::size_t>(w)] == 0) visit(w);
    }
    state[static_cast<std::size_t>(v)] = 2;
  };
  for (int root : roots)
    if (state[static_cast<std::size_t>(root)] == 0) visit(root);
  for (int v = 0; v < n; ++v)
    if (state[static_cast<std::size_t>(v)] == 0) visit(v);

  // Longest path: relax in a topological order (reverse DFS post-order of the DAG).
  std::vector<int> layer(static_cast<std::size_t>(n), 1);
  std::vector<int> order;
  std::vector<char> done(static_cast<std::size_t>(n), 0);
  std::function<void(int)> post = [&](int v) {
    done[static_cast<std::size_t>(v)] = 1;
    for (int w : dagSuccessors[static_cast<std::size_t>(v)])
      if (!done[static_cast<std::size_t>(w)]) post(w);
    order.push_back(v);
  };
  for (int v : discovery)
    if (!done[static_cast<std::size_t>(v)]) post(v);
  std::reverse(order.begin(), order.end());
  for (int v : order)
    for (int w : dagSuccessors[static_cast<std::size_t>(v)])
      layer[static_cast<std::size_t>(w)] = std::max(layer[static_cast<std::size_t>(w)], layer[static_cast<std::size_t>(v)] + 1);

  std::vector<NodePlacement> placements;
  int sourceRow = 0;
  for (const Source& source : scenario.sources) placements.push_back({source.name, true, 0, sourceRow++});
  std::map<int, int> rowsPerLayer;
  for (int v : discovery) {
    const int l = layer[static_cast<std::size_t>(v)];
    placements.push_back({scenario.components[static_cast<std::size_t>(v)].name, false, l, rowsPerLayer[l]++});
  }
  return placements;
}

}  // namespace headroom
