#pragma once
// The static part of a plan: how the scenario's traffic spreads over its components. For every flow (one
// source's share of one request class) the expected visits per request at every component, following calls,
// parallel fan-outs, sends, branches, `next` routing and cache hits (a hit skips the rest of the behaviour);
// and per component and flow what one visit holds a worker for: local work plus the synchronous waits on
// callees, kept symbolic (terms over callee response times) so the time-stepped pass can fill them in.
// Throws std::invalid_argument on what the planner cannot represent (closed sources, synchronous cycles).
// Pure, any thread.
#include <string>
#include <vector>

#include "model/scenario.h"

namespace headroom::planning {

struct Flow {
  int source = 0;  // index into scenario.sources
  std::string request_class;
  double share = 1.0;  // of the source's rate
};

// `weight` x max over targets of their response time (a call: one target; parallel: the join waits for the
// slowest). A call to a topic waits only for the broker's ack (publish time), not for consumers.
struct SyncTerm {
  double weight = 0.0;
  std::vector<int> targets;
};

struct FlowDemand {
  double visits = 0.0;        // per request of the flow
  double route_visits = 0.0;  // of those, visits the client waits for in sequence (the entry and `next` hops)
  double local_mean_s = 0.0;  // own service time + work steps, per visit (cache hits: lookup only)
  double local_scv = 1.0;     // squared coefficient of variation of the local part
  std::vector<SyncTerm> waits;
};

struct PoolUse {
  int target = -1;
  int size = 0;
  double max_wait_s = 0.0;
  std::vector<double> calls_per_visit;  // by flow
};

struct FlowModel {
  std::vector<Flow> flows;
  std::vector<std::vector<FlowDemand>> demand;  // [component][flow]
  std::vector<std::vector<PoolUse>> pools;      // [component]
  std::vector<int> order;                       // callees before callers (synchronous-call order)
  std::vector<double> cache_hit_ratio;          // [component], 0 when no cache
  std::vector<std::string> warnings;            // approximations the flow model made
};

FlowModel buildFlowModel(const Scenario& scenario);

}  // namespace headroom::planning
