#pragma once
// Is the modelled system healthy, and if not, when and why did it fail? One verdict computed from a finished
// run, shared by the GUI badge, the results table and reports. Pure C++ (no Qt).
//
// It reads the whole run, not only its means: a system that serves well for 4 minutes and then collapses has
// good averages. Inputs: the windowed end-to-end series (offered, served, errors, p99), each component's
// utilization, throughput and queue length per window, its retries, and the run's totals. The rules are in
// docs/gui.md ("The health verdict") and each threshold is a named constant below.
#include <limits>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "simulator/health/bottleneck.h"
#include "simulator/run_result.h"

namespace headroom {

// Service-level objectives the verdict checks. The scenario format has no SLO block yet, so callers pass them;
// the defaults suit an interactive request path.
struct HealthTargets {
  double error_ratio = 0.01;  // failed / finished, whole run (after warm-up)
  double p99_s = 1.0;         // end-to-end p99 of successful requests, whole run and worst window
};

enum class HealthLevel {
  Healthy,    // SLOs met and every component below kSaturatedUtilization in every window
  Strained,   // SLOs met, but a component saturates (no headroom) or a queue keeps growing
  Degraded,   // an SLO is breached or served traffic fell below offered for a while, then recovered
  Collapsed,  // served traffic fell below kCollapseServedRatio of offered and did not recover by the end
};
const char* healthLevelName(HealthLevel level);  // "healthy", "strained", "degraded", "collapsed"

inline constexpr double kCollapseServedRatio = 0.5;  // served / offered below this in a window = outage window
inline constexpr int kMinOutageWindows = 2;          // shorter dips are noise, not an outage
inline constexpr double kAmplificationNoted = 1.5;   // arrivals per offered request vs healthy windows
inline constexpr double kQueueGrowthMinimum = 50.0;  // a growing queue must also be this long (requests)

struct ComponentHealth {
  std::string name;
  double worst_utilization = std::numeric_limits<double>::quiet_NaN();  // highest window utilization
  double final_queue_length = std::numeric_limits<double>::quiet_NaN();
  bool queue_growing = false;  // still rising over the last half of the run and at least kQueueGrowthMinimum
  double rejection_ratio = 0.0;
  double retries_per_s = 0.0;  // retries this component issued as a caller
};

struct HealthVerdict {
  HealthLevel level = HealthLevel::Healthy;
  std::string headline;               // "collapsed at 245 s: db saturated, 60% errors, retries tripled the load"
  std::vector<std::string> findings;  // one sentence per breached rule, most important first
  double collapse_at_s = std::numeric_limits<double>::quiet_NaN();    // start of the outage that never ended
  double outage_from_s = std::numeric_limits<double>::quiet_NaN();    // longest outage (recovered or not)
  double outage_to_s = std::numeric_limits<double>::quiet_NaN();
  double worst_window_s = std::numeric_limits<double>::quiet_NaN();   // start of the worst window
  double worst_served_ratio = std::numeric_limits<double>::quiet_NaN();  // served / offered there
  double error_ratio = std::numeric_limits<double>::quiet_NaN();      // whole run
  double p99_s = std::numeric_limits<double>::quiet_NaN();            // whole run
  double worst_p99_s = std::numeric_limits<double>::quiet_NaN();      // highest window p99
  bool error_slo_breached = false;
  bool latency_slo_breached = false;
  int culprit = -1;  // component index (scenario order) that limits the system; -1 when none
  std::string culprit_reason;      // "saturated", "queue full", "queue growing"
  double load_amplification = 1.0;  // culprit arrivals per offered request, worst window vs healthy windows
  bool retries_involved = false;    // some caller of the culprit retried
  BottleneckVerdict busiest;        // the plain bottleneck rule on whole-run means, for the "busiest" note
  std::vector<ComponentHealth> components;  // scenario order

  bool healthy() const { return level == HealthLevel::Healthy; }
  // Red badge: only when the verdict is degraded or collapsed, or a component truly saturates.
  bool alarming() const { return level == HealthLevel::Degraded || level == HealthLevel::Collapsed; }
};

HealthVerdict assessHealth(const Scenario& scenario, const RunResult& result, const HealthTargets& targets = {});

// The scenario's own objectives (its `slo` block) where it states them, the defaults above otherwise.
HealthTargets healthTargetsFor(const Scenario& scenario);

// "245 s", "4.5 min", "3.2 h", "2.5 days": a simulated time for people (the verdict's and the charts' unit rule).
std::string formatSimTime(double seconds);
// "3 ms", "250 ms", "1.2 s", "25 s": a latency in the unit that keeps the digits few.
std::string formatLatency(double seconds);
// An alert's value in its metric's unit ("80.4%", "+20.7%", "250 ms", "1200 messages"), found by the rule's name in
// the scenario's alert rules (or the defaults); a plain number when the rule is unknown. The plan report and the
// Plan view both print it.
std::string formatAlertValue(const Scenario& scenario, const std::string& rule, double value);
// "tripled", "doubled", "multiplied by 4.2": how a load factor reads in a sentence.
std::string describeFactor(double factor);

}  // namespace headroom
