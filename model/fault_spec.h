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
    Slowdown          // `component`'s work takes `factor` times longer for `duration_s` (CPU exhaustion, a slow
                      // dependency, added latency on a delay component)
  };
  Kind kind = Kind::KillReplicas;
  std::string component;
  double at_s = 0.0;
  double duration_s = 0.0;  // ComponentOutage, Slowdown
  int count = 1;            // KillReplicas
  double restart_s = 30.0;  // KillReplicas
  double factor = 1.0;      // Slowdown
};

const char* faultKindName(FaultSpec::Kind kind);

}  // namespace headroom
