// Network-wide rules. Both are checked per request class, because a request keeps its class through
// calls and routing: a -> b for 'browse' and b -> a for 'checkout' is not a cycle any request can follow.
//
// Cost (issue #18: 2,001 components each with its own source took 36 s): every behaviour is turned into
// component numbers once; a class then only picks, per component, its own behaviour or the "*" one. Classes
// without a behaviour of their own anywhere all follow the "*" graph, which is walked once for all of them.
// So the time grows with components x (classes with a behaviour of their own + 1), not with sources.
// The issues and their order are those of one walk per class.
#include <algorithm>
#include <deque>
#include <map>
#include <optional>

#include "model/validation_detail.h"

namespace headroom::validation_detail {

namespace {

constexpr double kLeakTolerance = 1e-9;

// One behaviour in component numbers (unknown names are left out: they are reported elsewhere).
struct BehaviourEdges {
  std::vector<int> waits;   // call and parallel targets that are not topics, in step order
  std::vector<int> passes;  // everything a request is passed to: 'next' targets with p > 0, every call and send
  std::vector<int> routes;  // 'next' targets with p > 0
  bool exits = true;        // the 'next' probabilities leave room to leave the system
};

// Every behaviour of the scenario as edges, and which behaviour each class runs at each component.
class Network {
 public:
  Network(const Scenario& sc, const ScenarioIndex& index) : n_(static_cast<int>(sc.components.size())) {
    shared_.assign(static_cast<std::size_t>(n_), nullptr);
    nearest_.resize(static_cast<std::size_t>(n_));
    for (int i = 0; i < n_; ++i) {
      const Component& c = sc.components[static_cast<std::size_t>(i)];
      for (const auto& [key, behaviour] : c.behaviour) {
        const BehaviourEdges* e = &store_.emplace_back(edgesOf(sc, index, behaviour));
        if (key == kAnyClass) shared_[static_cast<std::size_t>(i)] = e;
        else own_[key].push_back({i, e});
      }
      // A latency router forwards to one of its targets: they see its classes too.
      for (const auto& t : c.nearest_of)
        if (const int j = index.component(t); j >= 0) nearest_[static_cast<std::size_t>(i)].push_back(j);
    }
  }

  int size() const { return n_; }
  // Component -> the behaviour `cls` runs there (its own, else "*", else none).
  std::vector<const BehaviourEdges*> rowsFor(const std::string& cls) const {
    std::vector<const BehaviourEdges*> rows = shared_;
    if (const auto it = own_.find(cls); it != own_.end())
      for (const auto& [i, e] : it->second) rows[static_cast<std::size_t>(i)] = e;
    return rows;
  }
  const std::vector<int>& nearest(int i) const { return nearest_[static_cast<std::size_t>(i)]; }

 private:
  static BehaviourEdges edgesOf(const Scenario& sc, const ScenarioIndex& index, const Behaviour& b) {
    BehaviourEdges e;
    double stay = 0.0;
    for (const auto& r : b.next) {
      const int j = index.component(r.to);
      if (j < 0 || !(r.probability > 0)) continue;
      stay += r.probability;
      e.routes.push_back(j);
      e.passes.push_back(j);
    }
    e.exits = 1.0 - stay > kLeakTolerance;
    forEachCall(b.steps, [&](Step::Kind kind, const CallTarget& call) {
      const int j = index.component(call.target);
      if (j < 0) return;
      e.passes.push_back(j);
      // A call to a topic returns on the broker's ack: it never waits for the consumers.
      if (kind != Step::Kind::Send && sc.components[static_cast<std::size_t>(j)].type != Component::Type::Topic)
        e.waits.push_back(j);
    });
    return e;
  }

  int n_;
  std::deque<BehaviourEdges> store_;  // stable addresses
  std::vector<const BehaviourEdges*> shared_;
  std::map<std::string, std::vector<std::pair<int, const BehaviourEdges*>>> own_;
  std::vector<std::vector<int>> nearest_;
};

// Every class some source can emit, or the catch-all when no source says (a scenario still being built).
std::vector<std::string> classesToCheck(const ScenarioIndex& index) {
  std::vector<std::string> classes = index.classes();
  if (classes.empty()) classes.push_back(kAnyClass);
  return classes;
}

std::string describeClasses(const std::vector<std::string>& classes, std::size_t total) {
  if (classes.size() == total) return "";
  std::string out = " (request class";
  out += classes.size() == 1 ? " " : "es ";
  for (std::size_t i = 0; i < classes.size(); ++i) out += (i ? ", '" : "'") + classes[i] + "'";
  return out + ")";
}

// Rotates a cycle (without its repeated end) so the same cycle found from another start compares equal.
std::vector<int> canonicalCycle(std::vector<int> cycle) {
  std::rotate(cycle.begin(), std::min_element(cycle.begin(), cycle.end()), cycle.end());
  return cycle;
}

const std::vector<int> kNoEdges;

// The cycles of one class's synchronous calls, in the order a depth-first search from component 0, 1, ...
// closes them (canonical form). Iterative (an explicit stack of node and next edge), so a chain of thousands
// of components cannot overflow the call stack.
std::vector<std::vector<int>> callCycles(const std::vector<const BehaviourEdges*>& rows) {
  const int n = static_cast<int>(rows.size());
  auto calls = [&](int u) -> const std::vector<int>& { return rows[static_cast<std::size_t>(u)] ? rows[static_cast<std::size_t>(u)]->waits : kNoEdges; };
  std::vector<std::vector<int>> found;
  std::vector<int> state(static_cast<std::size_t>(n), 0);  // 0 new, 1 on stack, 2 done
  std::vector<int> stack;
  std::vector<std::pair<int, std::size_t>> frames;
  for (int root = 0; root < n; ++root) {
    if (state[static_cast<std::size_t>(root)] != 0) continue;
    state[static_cast<std::size_t>(root)] = 1;
    stack.push_back(root);
    frames.push_back({root, 0});
    while (!frames.empty()) {
      auto& [u, edge] = frames.back();
      const std::vector<int>& out = calls(u);
      if (edge == out.size()) {
        stack.pop_back();
        state[static_cast<std::size_t>(u)] = 2;
        frames.pop_back();
        continue;
      }
      const int v = out[edge++];
      if (state[static_cast<std::size_t>(v)] == 1) {
        const auto from = std::find(stack.begin(), stack.end(), v);
        found.push_back(canonicalCycle(std::vector<int>(from, stack.end())));
      } else if (state[static_cast<std::size_t>(v)] == 0) {
        state[static_cast<std::size_t>(v)] = 1;
        stack.push_back(v);
        frames.push_back({v, 0});
      }
    }
  }
  return found;
}

// Which components can let a request of this class leave the system with positive probability: backwards
// along 'next' routes from the components that exit.
std::vector<bool> canLeave(const std::vector<const BehaviourEdges*>& rows) {
  const std::size_t n = rows.size();
  // Reverse 'next' edges in one flat array (offsets per target), not a vector per component.
  std::vector<std::size_t> offset(n + 1, 0);
  for (const BehaviourEdges* e : rows)
    if (e)
      for (int j : e->routes) ++offset[static_cast<std::size_t>(j) + 1];
  for (std::size_t i = 0; i < n; ++i) offset[i + 1] += offset[i];
  std::vector<int> from(offset[n]);
  std::vector<std::size_t> fill(offset.begin(), offset.end() - 1);
  for (std::size_t i = 0; i < n; ++i)
    if (rows[i])
      for (int j : rows[i]->routes) from[fill[static_cast<std::size_t>(j)]++] = static_cast<int>(i);

  std::vector<bool> leaves(n, false);
  std::deque<int> todo;
  for (std::size_t i = 0; i < n; ++i)
    if (!rows[i] || rows[i]->exits) todo.push_back(static_cast<int>(i));
  while (!todo.empty()) {
    const auto u = static_cast<std::size_t>(todo.front());
    todo.pop_front();
    if (leaves[u]) continue;
    leaves[u] = true;
    for (std::size_t k = offset[u]; k < offset[u + 1]; ++k) todo.push_back(from[k]);
  }
  return leaves;
}

// A component that can reach itself through synchronous calls for some class: the request would wait for
// itself.
void checkCallCycles(const Scenario& sc, const Network& net, const ScenarioIndex& index, ValidationPoll& poll,
                     IssueList& issues) {
  const std::vector<std::string> classes = classesToCheck(index);
  std::map<std::vector<int>, std::vector<std::string>> cycles;  // canonical cycle -> classes that follow it
  std::optional<std::vector<std::vector<int>>> shared;
  for (const std::string& cls : classes) {
    const bool isShared = !index.hasOwnBehaviour(cls);
    std::vector<std::vector<int>> own;
    if (isShared && !shared) shared = callCycles(net.rowsFor(cls));
    if (!isShared) own = callCycles(net.rowsFor(cls));
    poll.advance(isShared ? 0.0 : net.size());
    for (const auto& cycle : isShared ? *shared : own) {
      auto& seenBy = cycles[cycle];
      if (seenBy.empty() || seenBy.back() != cls) seenBy.push_back(cls);
    }
  }

  for (const auto& [cycle, cycleClasses] : cycles) {
    std::string path;
    for (int i : cycle) path += sc.components[static_cast<std::size_t>(i)].name + " -> ";
    path += sc.components[static_cast<std::size_t>(cycle.front())].name;
    issues.add(componentWhere(sc.components[static_cast<std::size_t>(cycle.front())], static_cast<std::size_t>(cycle.front())),
               "behaviour",
               "synchronous call cycle " + path + ": a request would wait for an answer from itself (deadlock)" +
                   describeClasses(cycleClasses, classes.size()));
  }
}

// Components that receive a class (from a source, a call, a send or a routing step) and from which 'next'
// routing can never leave the system with positive probability.
void checkRoutingTraps(const Scenario& sc, const Network& net, const ScenarioIndex& index, ValidationPoll& poll,
                       IssueList& issues) {
  const int n = net.size();
  const std::vector<std::string> classes = classesToCheck(index);
  std::map<std::vector<int>, std::vector<std::string>> traps;  // trapped components -> classes
  std::optional<std::pair<std::vector<const BehaviourEdges*>, std::vector<bool>>> shared;
  // Components reached by the class being checked, marked with its number so nothing is cleared per class.
  std::vector<std::size_t> reachedBy(static_cast<std::size_t>(n), 0);
  std::deque<int> todo;

  for (std::size_t k = 0; k < classes.size(); ++k) {
    const std::string& cls = classes[k];
    const bool isShared = !index.hasOwnBehaviour(cls);
    std::pair<std::vector<const BehaviourEdges*>, std::vector<bool>> own;
    if (isShared && !shared) {
      shared.emplace(net.rowsFor(cls), std::vector<bool>{});
      shared->second = canLeave(shared->first);
    }
    if (!isShared) {
      own.first = net.rowsFor(cls);
      own.second = canLeave(own.first);
    }
    poll.advance(isShared ? 0.0 : n);
    const auto& [rows, leaves] = isShared ? *shared : own;
    if (std::find(leaves.begin(), leaves.end(), false) == leaves.end()) continue;  // nothing can be trapped

    // Components that see this class: source entries, then everything they call, send to or route to.
    if (sc.sources.empty())
      for (int i = 0; i < n; ++i) todo.push_back(i);
    else
      for (int e : index.entriesOf(cls)) todo.push_back(e);
    std::vector<int> trapped;
    while (!todo.empty()) {
      const int u = todo.front();
      todo.pop_front();
      auto& mark = reachedBy[static_cast<std::size_t>(u)];
      if (mark == k + 1) continue;
      mark = k + 1;
      if (!leaves[static_cast<std::size_t>(u)]) trapped.push_back(u);
      if (const BehaviourEdges* e = rows[static_cast<std::size_t>(u)])
        for (int v : e->passes) todo.push_back(v);
      for (int v : net.nearest(u)) todo.push_back(v);
    }
    poll.advance(0.0);
    std::sort(trapped.begin(), trapped.end());
    if (!trapped.empty()) traps[trapped].push_back(cls);
  }

  for (const auto& [trapped, trapClasses] : traps) {
    std::string names;
    for (std::size_t k = 0; k < trapped.size(); ++k)
      names += (k ? ", '" : "'") + sc.components[static_cast<std::size_t>(trapped[k])].name + "'";
    issues.add(componentWhere(sc.components[static_cast<std::size_t>(trapped.front())], static_cast<std::size_t>(trapped.front())),
               "behaviour.next",
               "routing never lets requests leave the system: from " + names +
                   " every 'next' path stays among components whose next probabilities sum to 1" +
                   describeClasses(trapClasses, classes.size()));
  }
}

}  // namespace

void checkNetwork(const Scenario& sc, const ScenarioIndex& index, ValidationPoll& poll, IssueList& issues) {
  const Network net(sc, index);
  checkCallCycles(sc, net, index, poll, issues);
  checkRoutingTraps(sc, net, index, poll, issues);
}

}  // namespace headroom::validation_detail
