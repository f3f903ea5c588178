// Warnings: what validates but cannot do what its author meant. Today one rule, links no request can take,
// found by following every request class from its source through the behaviours it actually runs.
#include <deque>
#include <map>
#include <set>

#include "model/scenario.h"
#include "model/validation.h"
#include "model/validation_detail.h"

namespace headroom {

namespace {

// The request classes that can arrive at each component: from the sources' mixes, through the behaviour each
// class runs (its own, else "*"), along calls, sends, `next` routes and latency routing.
using Reaching = std::map<std::string, std::set<std::string>>;

Reaching classesReaching(const Scenario& sc, const validation_detail::ScenarioIndex& index) {
  Reaching reaching;
  std::deque<std::pair<std::string, std::string>> todo;  // (component, class)
  auto arrive = [&](const std::string& component, const std::string& cls) {
    if (reaching[component].insert(cls).second) todo.emplace_back(component, cls);
  };
  for (const Source& s : sc.sources)
    for (const std::string& cls : validation_detail::classesOf(s)) arrive(s.entry, cls);
  while (!todo.empty()) {
    // Named copies, not a structured binding: clang 14 refuses to capture a binding in the lambda below.
    const std::string name = todo.front().first;
    const std::string cls = todo.front().second;
    todo.pop_front();
    const int at = index.component(name);
    if (at < 0) continue;
    const Component* c = &sc.components[static_cast<std::size_t>(at)];
    for (const std::string& target : c->nearest_of) arrive(target, cls);
    const Behaviour* b = c->behaviourFor(cls);
    if (!b) continue;
    forEachCall(b->steps, [&](Step::Kind, const CallTarget& call) { arrive(call.target, cls); });
    for (const RouteChoice& r : b->next)
      if (r.probability > 0) arrive(r.to, cls);
  }
  return reaching;
}

std::vector<std::string> targetsOf(const Behaviour& b) {
  std::vector<std::string> out;
  auto add = [&](const std::string& t) {
    for (const std::string& seen : out)
      if (seen == t) return;
    out.push_back(t);
  };
  forEachCall(b.steps, [&](Step::Kind, const CallTarget& call) { add(call.target); });
  for (const RouteChoice& r : b.next) add(r.to);
  return out;
}

std::vector<DeadLink> deadLinks(const Scenario& sc, const Reaching& reaching) {
  std::vector<DeadLink> out;
  for (const Component& c : sc.components) {
    auto it = reaching.find(c.name);
    // A component nobody reaches is a different problem (and common while drawing): only links inside a
    // component that does receive traffic are judged here.
    if (it == reaching.end() || it->second.empty()) continue;
    for (const auto& [key, behaviour] : c.behaviour) {
      bool runs = false;
      if (key == kAnyClass) {
        for (const std::string& cls : it->second) runs |= c.behaviour.count(cls) == 0;
      } else {
        runs = it->second.count(key) > 0;
      }
      if (runs) continue;
      for (const std::string& target : targetsOf(behaviour)) out.push_back(DeadLink{c.name, key, target});
    }
  }
  return out;
}

}  // namespace

std::vector<DeadLink> findDeadLinks(const Scenario& sc) {
  return deadLinks(sc, classesReaching(sc, validation_detail::ScenarioIndex(sc)));
}

std::vector<ValidationIssue> scenarioWarnings(const Scenario& sc) {
  const validation_detail::ScenarioIndex lookup(sc);
  const Reaching reaching = classesReaching(sc, lookup);
  std::vector<ValidationIssue> out;
  for (const DeadLink& link : deadLinks(sc, reaching)) {
    const int index = lookup.component(link.component);
    const Component& c = sc.components[static_cast<std::size_t>(index)];
    const auto& classes = reaching.at(link.component);
    const std::string list = validation_detail::joinQuoted({classes.begin(), classes.end()});
    std::string rule = "the link to '" + link.target + "' can carry no traffic: ";
    if (link.behaviour_key == kAnyClass)
      rule += "every request class reaching '" + c.name + "' (" + list + ") has a behaviour of its own, so the '*' behaviour never runs";
    else
      rule += "no '" + link.behaviour_key + "' request reaches '" + c.name + "' (it receives " + list + ")";
    out.push_back(ValidationIssue{validation_detail::componentWhere(c, static_cast<std::size_t>(index)),
                                  "behaviour." + link.behaviour_key, rule});
  }
  return out;
}

}  // namespace headroom
