#include "simulator/fault_hook.h"

#include <algorithm>
#include <cstdio>
#include <string>

namespace headroom {
namespace {

// Timer tags: 2 i = fault i begins, 2 i + 1 = it ends (outages and slowdowns).
std::uint32_t beginTag(std::size_t i) { return static_cast<std::uint32_t>(2 * i); }
std::uint32_t endTag(std::size_t i) { return static_cast<std::uint32_t>(2 * i + 1); }

int desired(EngineControl& engine, int component) {
  const ComponentCounters k = engine.counters(component);
  return k.replicas_ready + k.replicas_starting;
}

std::string number(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

}  // namespace

FaultHook::FaultHook(std::vector<FaultSpec> faults) : faults_(std::move(faults)) {}

double FaultHook::product(const std::vector<double>& factors) {
  double p = 1.0;
  for (double f : factors) p *= f;
  return p;
}

void FaultHook::onStart(EngineControl& engine) {
  for (std::size_t i = 0; i < faults_.size(); ++i) engine.scheduleTimer(secondsToSimTime(faults_[i].at_s), this, beginTag(i));
}

void FaultHook::onTimer(EngineControl& engine, std::uint32_t tag) {
  const std::size_t i = tag / 2;
  if (tag % 2 == 0)
    begin(engine, i);
  else
    end(engine, i);
}

void FaultHook::begin(EngineControl& engine, std::size_t i) {
  const FaultSpec& f = faults_[i];
  const int c = engine.componentIndex(f.component);
  if (c < 0) return;  // validation rejects this; never act on a wrong index
  ComponentFaults& st = state_[c];
  const int before = desired(engine, c);
  const SimTime endAt = addSimTime(engine.now(), secondsToSimTime(f.duration_s));
  switch (f.kind) {
    case FaultSpec::Kind::KillReplicas: {
      const int killed = std::min(f.count, engine.counters(c).replicas_ready);
      engine.killReplicas(c, killed, secondsToSimTime(f.restart_s));
      engine.logDecision(c, before, before,
                         "fault: " + std::to_string(killed) + " replica(s) killed; recreated at once, Ready in " + number(f.restart_s) + " s");
      break;
    }
    case FaultSpec::Kind::ComponentOutage:
      if (st.outages++ == 0) {
        st.replicas_before = before;
        engine.setReplicas(c, 0, 0);
      }
      engine.logDecision(c, before, 0, "fault: outage of '" + f.component + "' for " + number(f.duration_s) + " s");
      engine.scheduleTimer(endAt, this, endTag(i));
      break;
    case FaultSpec::Kind::Slowdown:
      st.slowdowns.push_back(f.factor);
      engine.setSlowdown(c, product(st.slowdowns));
      engine.logDecision(c, before, before, "fault: work takes " + number(f.factor) + "x longer for " + number(f.duration_s) + " s");
      engine.scheduleTimer(endAt, this, endTag(i));
      break;
  }
}

void FaultHook::end(EngineControl& engine, std::size_t i) {
  const FaultSpec& f = faults_[i];
  const int c = engine.componentIndex(f.component);
  if (c < 0) return;
  ComponentFaults& st = state_[c];
  const int before = desired(engine, c);
  switch (f.kind) {
    case FaultSpec::Kind::KillReplicas:
      break;  // no end: the replacements were started with the kill
    case FaultSpec::Kind::ComponentOutage:
      if (--st.outages == 0) {
        engine.setReplicas(c, st.replicas_before, 0);
        engine.logDecision(c, before, st.replicas_before, "fault recovery: '" + f.component + "' is back");
      } else {
        engine.logDecision(c, before, before, "fault: one outage of '" + f.component + "' ended, another still holds it down");
      }
      break;
    case FaultSpec::Kind::Slowdown: {
      auto it = std::find(st.slowdowns.begin(), st.slowdowns.end(), f.factor);
      if (it != st.slowdowns.end()) st.slowdowns.erase(it);
      engine.setSlowdown(c, product(st.slowdowns));
      engine.logDecision(c, before, before,
                         st.slowdowns.empty() ? std::string("fault recovery: normal speed")
                                              : "fault: one slowdown ended, work still " + number(product(st.slowdowns)) + "x longer");
      break;
    }
  }
}

}  // namespace headroom
