// Network-wide rules. Both are checked per request class, because a request keeps its class through
// calls and routing: a -> b for 'browse' and b -> a for 'checkout' is not a cycle any request can follow.
#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <set>

#include "model/validation_detail.h"

namespace headroom::validation_detail {

namespace {

constexpr double kLeakTolerance = 1e-9;

using Graph = std::vector<std::vector<int>>;

// Every class some source can emit, or the catch-all when no source says (a scenario still being built).
std::vector<std::string> classesToCheck(const Scenario& sc) {
  std::vector<std::string> classes = sc.allRequestClasses();
  if (classes.empty()) classes.push_back(kAnyClass);
  return classes;
}

void collectCalls(const std::vector<Step>& steps, bool includeSends, std::vector<std::string>& out) {
  forEachCall(steps, [&](Step::Kind kind, const CallTarget& c) {
    if (kind != Step::Kind::Send || includeSends) out.push_back(c.target);
  });
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

}  // namespace

void checkCallCycles(const Scenario& sc, IssueList& issues) {
  const int n = static_cast<int>(sc.components.size());
  const std::vector<std::string> classes = classesToCheck(sc);
  std::map<std::vector<int>, std::vector<std::string>> cycles;  // canonical cycle -> classes that follow it

  for (const std::string& cls : classes) {
    Graph calls(n);
    for (int i = 0; i < n; ++i) {
      const Behaviour* b = sc.components[i].behaviourFor(cls);
      if (!b) continue;
      std::vector<std::string> targets;
      collectCalls(b->steps, false, targets);
      // A call to a topic returns on the broker's ack: it never waits for the consumers.
      for (const auto& t : targets)
        if (const int j = sc.componentIndex(t); j >= 0 && sc.components[j].type != Component::Type::Topic)
          calls[i].push_back(j);
    }
    // Depth-first search; a back edge to a node on the stack closes a cycle. Iterative (an explicit stack of
    // node and next edge), so a chain of thousands of components cannot overflow the call stack.
    std::vector<int> state(n, 0);  // 0 new, 1 on stack, 2 done
    std::vector<int> stack;
    std::vector<std::pair<int, std::size_t>> frames;
    for (int root = 0; root < n; ++root) {
      if (state[root] != 0) continue;
      state[root] = 1;
      stack.push_back(root);
      frames.push_back({root, 0});
      while (!frames.empty()) {
        auto& [u, edge] = frames.back();
        if (edge == calls[u].size()) {
          stack.pop_back();
          state[u] = 2;
          frames.pop_back();
          continue;
        }
        const int v = calls[u][edge++];
        if (state[v] == 1) {
          const auto from = std::find(stack.begin(), stack.end(), v);
          auto& seenBy = cycles[canonicalCycle(std::vector<int>(from, stack.end()))];
          if (seenBy.empty() || seenBy.back() != cls) seenBy.push_back(cls);
        } else if (state[v] == 0) {
          state[v] = 1;
          stack.push_back(v);
          frames.push_back({v, 0});
        }
      }
    }
  }

  for (const auto& [cycle, cycleClasses] : cycles) {
    std::string path;
    for (int i : cycle) path += sc.components[i].name + " -> ";
    path += sc.components[cycle.front()].name;
    issues.add(componentWhere(sc.components[cycle.front()], cycle.front()), "behaviour",
               "synchronous call cycle " + path +
                   ": a request would wait for an answer from itself (deadlock)" +
                   describeClasses(cycleClasses, classes.size()));
  }
}

void checkRoutingTraps(const Scenario& sc, IssueList& issues) {
  const int n = static_cast<int>(sc.components.size());
  const std::vector<std::string> classes = classesToCheck(sc);
  std::map<std::vector<int>, std::vector<std::string>> traps;  // trapped components -> classes

  for (const std::string& cls : classes) {
    Graph route(n), reverse(n), any(n);
    std::vector<bool> exits(n, false);
    for (int i = 0; i < n; ++i) {
      const Behaviour* b = sc.components[i].behaviourFor(cls);
      if (!b) {
        exits[i] = true;
        continue;
      }
      double stay = 0.0;
      for (const auto& r : b->next) {
        const int j = sc.componentIndex(r.to);
        if (j < 0 || !(r.probability > 0)) continue;  // an unknown target is reported elsewhere
        stay += r.probability;
        route[i].push_back(j);
        reverse[j].push_back(i);
        any[i].push_back(j);
      }
      exits[i] = 1.0 - stay > kLeakTolerance;
      std::vector<std::string> targets;
      collectCalls(b->steps, true, targets);
      for (const auto& t : targets)
        if (const int j = sc.componentIndex(t); j >= 0) any[i].push_back(j);
    }
    // A latency router forwards to one of its targets: they see its classes too.
    for (int i = 0; i < n; ++i)
      for (const auto& t : sc.components[i].nearest_of)
        if (const int j = sc.componentIndex(t); j >= 0) any[i].push_back(j);

    // Components that see this class: source entries, then everything they call, send to or route to.
    std::vector<bool> reached(n, false);
    std::deque<int> todo;
    for (const auto& s : sc.sources) {
      const auto sourceClasses = classesOf(s);
      const int e = sc.componentIndex(s.entry);
      if (e >= 0 && (cls == kAnyClass || std::find(sourceClasses.begin(), sourceClasses.end(), cls) != sourceClasses.end()))
        todo.push_back(e);
    }
    if (sc.sources.empty())
      for (int i = 0; i < n; ++i) todo.push_back(i);
    while (!todo.empty()) {
      const int u = todo.front();
      todo.pop_front();
      if (reached[u]) continue;
      reached[u] = true;
      for (int v : any[u]) todo.push_back(v);
    }

    // Backwards from the exits: who can leave the system with positive probability.
    std::vector<bool> canLeave(n, false);
    for (int i = 0; i < n; ++i)
      if (exits[i]) todo.push_back(i);
    while (!todo.empty()) {
      const int u = todo.front();
      todo.pop_front();
      if (canLeave[u]) continue;
      canLeave[u] = true;
      for (int v : reverse[u]) todo.push_back(v);
    }

    std::vector<int> trapped;
    for (int i = 0; i < n; ++i)
      if (reached[i] && !canLeave[i]) trapped.push_back(i);
    if (!trapped.empty()) traps[trapped].push_back(cls);
  }

  for (const auto& [trapped, trapClasses] : traps) {
    std::string names;
    for (std::size_t k = 0; k < trapped.size(); ++k) names += (k ? ", '" : "'") + sc.components[trapped[k]].name + "'";
    issues.add(componentWhere(sc.components[trapped.front()], trapped.front()), "behaviour.next",
               "routing never lets requests leave the system: from " + names +
                   " every 'next' path stays among components whose next probabilities sum to 1" +
                   describeClasses(trapClasses, classes.size()));
  }
}

}  // namespace headroom::validation_detail
