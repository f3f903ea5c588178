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

std::string seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g s", s);
  return buf;
}

}  // namespace

FaultHook::FaultHook(std::vector<FaultSpec> faults) : faults_(std::move(faults)), saved_replicas_(faults_.size(), 0) {}

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
  const int before = desired(engine, c);
  switch (f.kind) {
    case FaultSpec::Kind::KillReplicas: {
      const int killed = std::min(f.count, engine.counters(c).replicas_ready);
      engine.killReplicas(c, killed, secondsToSimTime(f.restart_s));
      engine.logDecision(c, before, before,
                         "fault: " + std::to_string(killed) + " replica(s) killed; recreated at once, Ready in " + seconds(f.restart_s));
      break;
    }
    case FaultSpec::Kind::ComponentOutage:
      saved_replicas_[i] = before;
      engine.setReplicas(c, 0, 0);
      engine.logDecision(c, before, 0, "fault: outage of '" + f.component + "' for " + seconds(f.duration_s));
      engine.scheduleTimer(engine.now() + secondsToSimTime(f.duration_s), this, endTag(i));
      break;
    case FaultSpec::Kind::Slowdown:
      engine.setSlowdown(c, f.factor);
      char factor[32];
      std::snprintf(factor, sizeof factor, "%gx", f.factor);
      engine.logDecision(c, before, before, std::string("fault: work takes ") + factor + " longer for " + seconds(f.duration_s));
      engine.scheduleTimer(engine.now() + secondsToSimTime(f.duration_s), this, endTag(i));
      break;
  }
}

void FaultHook::end(EngineControl& engine, std::size_t i) {
  const FaultSpec& f = faults_[i];
  const int c = engine.componentIndex(f.component);
  const int before = desired(engine, c);
  switch (f.kind) {
    case FaultSpec::Kind::KillReplicas:
      break;  // no end: the replacements were started with the kill
    case FaultSpec::Kind::ComponentOutage:
      engine.setReplicas(c, saved_replicas_[i], 0);
      engine.logDecision(c, before, saved_replicas_[i], "fault recovery: '" + f.component + "' is back");
      break;
    case FaultSpec::Kind::Slowdown:
      engine.setSlowdown(c, 1.0);
      engine.logDecision(c, before, before, "fault recovery: normal speed");
      break;
  }
}

}  // namespace headroom
