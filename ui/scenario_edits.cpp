#include "ui/scenario_edits.h"

#include <algorithm>

namespace headroom {

namespace {

bool nameTaken(const Scenario& scenario, const std::string& name) {
  if (scenario.findComponent(name)) return true;
  return std::any_of(scenario.sources.begin(), scenario.sources.end(),
                     [&](const Source& s) { return s.name == name; });
}

void renameInSteps(std::vector<Step>& steps, const std::string& from, const std::string& to) {
  for (Step& step : steps) {
    for (CallTarget& call : step.calls)
      if (call.target == from) call.target = to;
    for (BranchArm& arm : step.arms) renameInSteps(arm.steps, from, to);
  }
}

void removeFromSteps(std::vector<Step>& steps, const std::string& target) {
  for (Step& step : steps) {
    std::erase_if(step.calls, [&](const CallTarget& c) { return c.target == target; });
    for (BranchArm& arm : step.arms) removeFromSteps(arm.steps, target);
  }
  // A call/send/parallel step left without any target would fail validation for no reason the user chose.
  std::erase_if(steps, [](const Step& s) {
    return (s.kind == Step::Kind::Call || s.kind == Step::Kind::Send || s.kind == Step::Kind::Parallel) &&
           s.calls.empty();
  });
}

}  // namespace

std::string uniqueNodeName(const Scenario& scenario, const std::string& base) {
  if (!nameTaken(scenario, base)) return base;
  for (int i = 2;; ++i) {
    std::string candidate = base + std::to_string(i);
    if (!nameTaken(scenario, candidate)) return candidate;
  }
}

bool renameComponent(Scenario& scenario, const std::string& from, const std::string& to) {
  if (to.empty() || from == to || scenario.findComponent(to) || !scenario.findComponent(from)) return false;
  for (Component& component : scenario.components) {
    if (component.name == from) component.name = to;
    for (auto& [cls, behaviour] : component.behaviour) {
      renameInSteps(behaviour.steps, from, to);
      for (RouteChoice& route : behaviour.next)
        if (route.to == from) route.to = to;
    }
  }
  for (Source& source : scenario.sources)
    if (source.entry == from) source.entry = to;
  return true;
}

bool renameSource(Scenario& scenario, const std::string& from, const std::string& to) {
  if (to.empty() || from == to) return false;
  auto same = [](const std::string& n) { return [n](const Source& s) { return s.name == n; }; };
  if (std::any_of(scenario.sources.begin(), scenario.sources.end(), same(to))) return false;
  auto it = std::find_if(scenario.sources.begin(), scenario.sources.end(), same(from));
  if (it == scenario.sources.end()) return false;
  it->name = to;
  return true;
}

void removeComponent(Scenario& scenario, const std::string& name) {
  std::erase_if(scenario.components, [&](const Component& c) { return c.name == name; });
  for (Component& component : scenario.components) {
    for (auto& [cls, behaviour] : component.behaviour) {
      removeFromSteps(behaviour.steps, name);
      std::erase_if(behaviour.next, [&](const RouteChoice& r) { return r.to == name; });
    }
  }
}

void removeSource(Scenario& scenario, const std::string& name) {
  std::erase_if(scenario.sources, [&](const Source& s) { return s.name == name; });
}

bool addLink(Scenario& scenario, const std::string& from, const std::string& to, LinkKind kind) {
  if (!scenario.findComponent(to)) return false;
  auto it = std::find_if(scenario.components.begin(), scenario.components.end(),
                         [&](const Component& c) { return c.name == from; });
  if (it == scenario.components.end()) return false;
  Behaviour& behaviour = it->behaviour[kAnyClass];
  if (kind == LinkKind::Next) {
    double assigned = 0.0;
    for (const RouteChoice& route : behaviour.next) assigned += route.probability;
    behaviour.next.push_back({to, std::max(0.1, 1.0 - assigned)});
    return true;
  }
  Step step;
  step.kind = kind == LinkKind::Call ? Step::Kind::Call : Step::Kind::Send;
  step.calls.push_back({to, 0.0});
  behaviour.steps.push_back(std::move(step));
  return true;
}

void removeLinks(Scenario& scenario, const std::string& from, const std::string& to) {
  for (Component& component : scenario.components) {
    if (component.name != from) continue;
    for (auto& [cls, behaviour] : component.behaviour) {
      removeFromSteps(behaviour.steps, to);
      std::erase_if(behaviour.next, [&](const RouteChoice& r) { return r.to == to; });
    }
  }
}

}  // namespace headroom
