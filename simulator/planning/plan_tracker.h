#pragma once
// Turns the fluid pass's steps into the plan's answers: the timeline points, each component's runway (first
// sustained breach of its utilization threshold under its scaling policy, of the SLO, or of unbounded queue
// growth, with the binding reason), the end-to-end SLO breach and the alert timeline. Internal to planning.
#include <deque>
#include <optional>
#include <vector>

#include "model/scenario.h"
#include "simulator/planning/plan_types.h"

namespace headroom::planning {

struct PlanOptions;

// One component in one step, as the fluid pass computed it.
struct StepState {
  double offered_per_s = 0.0;
  double utilization = 0.0;
  double queue = 0.0;
  bool queue_growing = false;
  double response_mean_s = 0.0;
  double response_p99_s = 0.0;
  double local_p99_s = 0.0;  // without its callees' share
  double errors_per_s = 0.0, throttled_per_s = 0.0, rejected_per_s = 0.0;
  double pool_util = 0.0;
  double concurrency_util = 0.0;
  double hold_s = 0.0;
  int ready = 0;
  bool autoscaled = false, at_cap = false, node_capped = false, hot_shard = false;
  int max_replicas = 0;
};

class PlanTracker {
 public:
  PlanTracker(const Scenario& lowered, const Scenario& original, PlanResult& result, const PlanOptions& options);
  void step(double t0_s, double dt_s, double offered_per_s, double e2e_mean_s, double e2e_p99_s, double e2e_error_ratio,
            const std::vector<StepState>& components);
  // Closes the last point, fills the runway table (most urgent first) and sorts the alerts.
  void finish();

 private:
  struct Sustain {
    std::optional<double> since_s;
    bool fired = false;
  };
  struct CompTrack {
    Sustain breach;
    BindingReason pending_reason = BindingReason::None;
    std::string pending_condition;
    double pending_offered = 0.0;
    double peak_offered_first_day = 0.0;
    double hold_at_peak_s = 0.0;
    double pool_util_at_peak = 0.0;
    std::deque<double> p99_history;
  };
  // True once `cond` has held for `need_s` (the condition started at since).
  static bool sustained(Sustain& s, bool cond, double t0_s, double dt_s, double need_s);
  // entity: a component index, or the component count for end to end.
  void alert(const AlertRuleSpec& rule, std::size_t ruleIndex, std::size_t entity, bool cond, double value, double t0_s,
             double dt_s);
  void closePoint();

  const Scenario& sc_;
  const Scenario& original_;
  PlanResult& res_;
  double point_s_;
  double threshold_;
  std::vector<CompTrack> comps_;
  Sustain slo_;
  bool violating_ = false;
  std::vector<std::vector<Sustain>> alert_state_;  // [rule][entity]: entities = components, then end_to_end
  std::vector<Runway> runway_;
  // The point being aggregated.
  TimelinePoint point_;
  int point_steps_ = 0;
  double point_e2e_offered_ = 0.0, point_e2e_mean_ = 0.0;
  std::vector<double> point_util_sum_, point_offered_sum_, point_resp_sum_, point_err_sum_;
};

}  // namespace headroom::planning
