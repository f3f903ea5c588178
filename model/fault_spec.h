#pragma once
// A fault on the scenario's timeline (chaos experiments). Times in SECONDS from the start of the run.
#include <string>

namespace headroom {

struct FaultSpec {
  enum class Kind {
    KillReplicas,     // `count` ready replicas of `component` die at `at_s`; the ReplicaSet recreates them at once
                      // and they are Ready after `restart_s`; desired replicas do not change; in-flight work on
                      // the killed ones completes (drain)
    ComponentOutage,  // no replica of `component` takes requests for `duration_s`: arrivals are refused (errors);
                      // work already inside is finished by the departing replicas (graceful)
    Slowdown,         // `component`'s work takes `factor` times longer for `duration_s` (CPU exhaustion, a slow
                      // dependency)
    AddedLatency,     // every visit of `component` takes `latency_s` longer for `duration_s` (network latency
                      // injected in front of a service, as a chaos tool does)
    CacheFlush,       // `component`'s cache loses every entry at `at_s` (restart, flush): hit ratio recovers as
                      // keys are read again; the backing store sees the herd
    RegionOutage,     // every component in `region` is down for `duration_s`; latency routing fails over
    Resize,           // vertical scaling, a planned action: from `at_s` `component`'s replicas have `workers`
                      // workers (a bigger or smaller instance); every running replica restarts at the new size
                      // and is Ready after `restart_s` (the restart is the price of scaling up vertically)
    DatabaseFailover  // the primary of `component` (a database; shard `shard`) is lost at `at_s`: writes fail for
                      // `duration_s` (detection + promotion), then a promoted replica serves as primary; the
                      // replica pool is one instance smaller until the end
  };
  Kind kind = Kind::KillReplicas;
  std::string component;
  double at_s = 0.0;
  double duration_s = 0.0;  // ComponentOutage, Slowdown
  int count = 1;            // KillReplicas
  double restart_s = 30.0;  // KillReplicas
  double factor = 1.0;      // Slowdown
  double latency_s = 0.0;   // AddedLatency
  std::string region;       // RegionOutage (then `component` is empty)
  int shard = 0;            // DatabaseFailover
  int workers = 0;          // Resize
};

const char* faultKindName(FaultSpec::Kind kind);

}  // namespace headroom
