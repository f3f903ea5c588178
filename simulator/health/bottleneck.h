#pragma once
// Which component saturates first, and why. Pure C++ (standard library + simulator result types, no Qt);
// the health verdict (health.h) builds on it.
//
// Rule (see docs/gui.md): a component is SATURATED when its measured utilization is >= kSaturatedUtilization
// or it rejects requests (queue full). Among saturated components the one with the highest OWN-WORK
// utilization wins: an FCFS caller holds its workers while it waits for a slow callee, so its measured
// utilization can exceed the callee's although the callee is the cause. When nothing saturates, the
// busiest component is named with saturated = false. Infinite-server (delay) components never saturate.
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "simulator/observer.h"
#include "simulator/run_result.h"

namespace headroom {

inline constexpr double kSaturatedUtilization = 0.9;
inline constexpr double kRejectingRatio = 1e-3;  // rejected / arrivals above which a queue counts as full

// What the rule needs to know about one component. Fractions in [0, 1]; NaN = unknown.
struct ComponentLoad {
  std::string name;
  bool infinite_server = false;  // Delay: never queues, never a bottleneck
  double utilization = std::numeric_limits<double>::quiet_NaN();
  // Utilization from the component's own local work only (throughput x mean local work / workers);
  // NaN when unknown, then `utilization` is used for ranking.
  double own_work_utilization = std::numeric_limits<double>::quiet_NaN();
  double rejection_ratio = 0.0;
};

enum class BottleneckReason { None, Workers, QueueFull };

struct BottleneckVerdict {
  int index = -1;  // into the input (scenario order); -1 when there is no finite-capacity component
  BottleneckReason reason = BottleneckReason::None;
  bool saturated = false;  // false: merely the busiest component
  double utilization = std::numeric_limits<double>::quiet_NaN();
  double rejection_ratio = 0.0;
  std::string label() const;  // "queue full", "CPU/workers", "CPU/workers (busiest, 62%)", ""
};

BottleneckVerdict findBottleneck(const std::vector<ComponentLoad>& loads);

// Mean local work of one request at `component`, seconds: service time plus expected Work steps (branch
// arms weighted by probability), averaged over the given classes (the kAnyClass behaviour applies to all).
double meanLocalWorkSeconds(const Component& component, const std::vector<std::string>& classes);

// Builds the rule's input from a finished (or partial) run; `scenario` gives types and capacities.
std::vector<ComponentLoad> loadsFromRun(const Scenario& scenario, const RunResult& result);
// Same from one live window of the first replication (no rejection data there).
std::vector<ComponentLoad> loadsFromLiveWindow(const Scenario& scenario, const LiveWindow& window);

}  // namespace headroom
