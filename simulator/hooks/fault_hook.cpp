#include "simulator/hooks/fault_hook.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "model/database_lowering.h"

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

FaultHook::FaultHook(std::vector<FaultSpec> faults, std::vector<std::string> without_replicas)
    : faults_(std::move(faults)), without_replicas_(std::move(without_replicas)) {}

void FaultHook::holdDown(EngineControl& engine, int c, bool refuseArrivals, const std::string& reason) {
  ComponentFaults& st = state_[c];
  const int before = desired(engine, c);
  if (st.outages++ == 0) {
    st.replicas_before = before;
    engine.setReplicas(c, 0, 0);
  }
  if (refuseArrivals && st.refusing++ == 0) engine.setDown(c, true);
  engine.logDecision(c, before, 0, reason);
}

void FaultHook::release(EngineControl& engine, int c, bool refusedArrivals, const std::string& name) {
  ComponentFaults& st = state_[c];
  const int before = desired(engine, c);
  if (refusedArrivals && --st.refusing == 0) engine.setDown(c, false);
  if (--st.outages == 0) {
    engine.setReplicas(c, st.replicas_before, 0);
    engine.logDecision(c, before, st.replicas_before, "fault recovery: " + name + " is back");
  } else {
    engine.logDecision(c, before, before, "fault: one outage of " + name + " ended, another still holds it down");
  }
}

double FaultHook::sum(const std::vector<double>& values) {
  double s = 0.0;
  for (double v : values) s += v;
  return s;
}

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
  if (f.kind == FaultSpec::Kind::RegionOutage) {
    regionOutage(engine, i, true);
    return;
  }
  if (f.kind == FaultSpec::Kind::DatabaseFailover) {
    databaseFailover(engine, i, true);
    return;
  }
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
    case FaultSpec::Kind::ComponentOutage: {
      const bool refuse = std::find(without_replicas_.begin(), without_replicas_.end(), f.component) != without_replicas_.end();
      holdDown(engine, c, refuse, "fault: outage of '" + f.component + "' for " + number(f.duration_s) + " s");
      engine.scheduleTimer(endAt, this, endTag(i));
      break;
    }
    case FaultSpec::Kind::Slowdown:
      st.slowdowns.push_back(f.factor);
      engine.setSlowdown(c, product(st.slowdowns));
      engine.logDecision(c, before, before, "fault: work takes " + number(f.factor) + "x longer for " + number(f.duration_s) + " s");
      engine.scheduleTimer(endAt, this, endTag(i));
      break;
    case FaultSpec::Kind::AddedLatency:
      st.latencies.push_back(f.latency_s);
      engine.setAddedLatency(c, secondsToSimTime(sum(st.latencies)));
      engine.logDecision(c, before, before, "fault: +" + number(f.latency_s * 1000) + " ms network latency in front of '" + f.component + "' for " + number(f.duration_s) + " s");
      engine.scheduleTimer(endAt, this, endTag(i));
      break;
    case FaultSpec::Kind::Resize:
      engine.resizeReplicas(c, f.workers, secondsToSimTime(f.restart_s));
      engine.logDecision(c, before, before,
                         "vertical scaling: '" + f.component + "' resized to " + std::to_string(f.workers) +
                             " worker(s) per replica; every replica restarts, Ready again in " + number(f.restart_s) + " s");
      break;
    case FaultSpec::Kind::CacheFlush:
      engine.logDecision(c, before, before,
                         engine.flushCache(c) ? "fault: cache of '" + f.component + "' flushed: every key misses until read again"
                                              : "fault: cache flush on '" + f.component + "' has no effect (hit ratio is given, not simulated per key)");
      break;
    case FaultSpec::Kind::RegionOutage:
    case FaultSpec::Kind::DatabaseFailover:
      break;  // handled above
  }
}

void FaultHook::end(EngineControl& engine, std::size_t i) {
  const FaultSpec& f = faults_[i];
  if (f.kind == FaultSpec::Kind::RegionOutage) {
    regionOutage(engine, i, false);
    return;
  }
  if (f.kind == FaultSpec::Kind::DatabaseFailover) {
    databaseFailover(engine, i, false);
    return;
  }
  const int c = engine.componentIndex(f.component);
  if (c < 0) return;
  ComponentFaults& st = state_[c];
  const int before = desired(engine, c);
  switch (f.kind) {
    case FaultSpec::Kind::KillReplicas:
      break;  // no end: the replacements were started with the kill
    case FaultSpec::Kind::ComponentOutage: {
      const bool refused = std::find(without_replicas_.begin(), without_replicas_.end(), f.component) != without_replicas_.end();
      release(engine, c, refused, "'" + f.component + "'");
      break;
    }
    case FaultSpec::Kind::Slowdown: {
      auto it = std::find(st.slowdowns.begin(), st.slowdowns.end(), f.factor);
      if (it != st.slowdowns.end()) st.slowdowns.erase(it);
      engine.setSlowdown(c, product(st.slowdowns));
      engine.logDecision(c, before, before,
                         st.slowdowns.empty() ? std::string("fault recovery: normal speed")
                                              : "fault: one slowdown ended, work still " + number(product(st.slowdowns)) + "x longer");
      break;
    }
    case FaultSpec::Kind::AddedLatency: {
      auto it = std::find(st.latencies.begin(), st.latencies.end(), f.latency_s);
      if (it != st.latencies.end()) st.latencies.erase(it);
      engine.setAddedLatency(c, secondsToSimTime(sum(st.latencies)));
      engine.logDecision(c, before, before, "fault recovery: injected latency on '" + f.component + "' now " + number(sum(st.latencies) * 1000) + " ms");
      break;
    }
    case FaultSpec::Kind::Resize:      // permanent
    case FaultSpec::Kind::CacheFlush:  // instantaneous
    case FaultSpec::Kind::RegionOutage:
    case FaultSpec::Kind::DatabaseFailover:
      break;
  }
}

// Every component placed in the region refuses arrivals; those with replicas lose them (an autoscaler sees
// zero). Latency routing (nearest_of) skips the region while it is down.
void FaultHook::regionOutage(EngineControl& engine, std::size_t i, bool starting) {
  const FaultSpec& f = faults_[i];
  const int region = engine.regionIndex(f.region);
  if (region < 0) return;
  int& outages = region_outages_[region];
  if (starting) {
    if (outages++ == 0)
      for (int c = 0; c < engine.componentCount(); ++c)
        if (engine.componentRegion(c) == region)
          holdDown(engine, c, true, "fault: region '" + f.region + "' lost for " + number(f.duration_s) + " s");
    engine.scheduleTimer(addSimTime(engine.now(), secondsToSimTime(f.duration_s)), this, endTag(i));
    return;
  }
  if (--outages > 0) return;
  for (int c = 0; c < engine.componentCount(); ++c)
    if (engine.componentRegion(c) == region) release(engine, c, true, "region '" + f.region + "'");
}

// The primary of one shard is lost: writes are refused while the failure is detected and a replica promoted
// (duration_s); then the promoted replica serves as primary and the read pool is one instance smaller.
void FaultHook::databaseFailover(EngineControl& engine, std::size_t i, bool starting) {
  const FaultSpec& f = faults_[i];
  int primary = engine.componentIndex(databasePrimaryName(f.component, f.shard, 1));
  int pool = engine.componentIndex(databaseReplicasName(f.component, f.shard, 1));
  if (primary < 0) {
    primary = engine.componentIndex(databasePrimaryName(f.component, f.shard, 2));
    pool = engine.componentIndex(databaseReplicasName(f.component, f.shard, 2));
  }
  if (primary < 0) return;  // validation rejects a failover on something that is not a database
  const int before = desired(engine, primary);
  if (starting) {
    failover_replicas_before_[i] = before;
    engine.setReplicas(primary, 0, 0);
    engine.logDecision(primary, before, 0, "fault: primary of '" + f.component + "' lost; writes fail during failover (" + number(f.duration_s) + " s)");
    engine.scheduleTimer(addSimTime(engine.now(), secondsToSimTime(f.duration_s)), this, endTag(i));
    return;
  }
  engine.setReplicas(primary, failover_replicas_before_[i], 0);
  engine.logDecision(primary, before, failover_replicas_before_[i], "fault recovery: a replica of '" + f.component + "' was promoted to primary");
  if (pool >= 0) {
    const int readers = desired(engine, pool);
    if (readers > 1) {
      engine.setReplicas(pool, readers - 1, 0);
      engine.logDecision(pool, readers, readers - 1, "fault: one read replica became the primary; the pool is one smaller");
    }
  }
}

}  // namespace headroom
