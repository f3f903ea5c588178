#pragma once
// What a capacity plan takes and returns (simulator/planning/plan.h runs it).
//
// Units: times in SECONDS from the start of the scenario (t = 0 is the scenario's calendar start), rates in
// REQUESTS PER SECOND, latencies in SECONDS, utilizations and ratios as fractions in [0, 1]. Plain data.
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/slo_spec.h"

namespace headroom::cost {
class PriceCatalog;
}  // namespace headroom::cost

namespace headroom::planning {

// How many windows `plan`, `report --months` and the Plan view check at request level by default: enough to cover
// the busiest step, the first breach and the last days, within a few seconds for a typical scenario.
inline constexpr int kRecommendedCheckWindows = 6;

// A forecast-band path's traffic multiplier at plan time t_s: ratio_per_month ^ (t_s / kSecondsPerMonth). The
// fluid pass, the request-level checks and the Plan view's band all use this, so their bands agree.
double bandTrafficFactor(double ratio_per_month, double t_s);

struct PlanOptions {
  double horizon_s = 30.0 * 86400.0;  // how far ahead to plan
  double step_s = 60.0;               // fluid integration step (autoscalers still run at their own periods)
  double point_interval_s = 3600.0;   // timeline resolution of the result (each point aggregates its steps)
  std::optional<SloSpec> slo;         // overrides the scenario's slo block (the CLI's --slo)
  // Prices the plan month by month (plan_cost.h) when the scenario has pricing blocks; null = no cost.
  // The caller keeps the catalog alive during runPlan.
  const cost::PriceCatalog* price_catalog = nullptr;
  std::string priced_on;                // YYYY-MM-DD the 180-day staleness warning is judged against
  // Every source's rate is multiplied by this ratio per month (kSecondsPerMonth) of plan time: how a forecast
  // band's P10/P90 paths are planned around the scenario's own curve (plan_band.h). 1 = the curve as written.
  double traffic_growth_ratio_per_month = 1.0;
  // Request-level checks of chosen windows (plan_checks.h); 0 = none (the library default; the CLI and GUI run
  // kRecommendedCheckWindows).
  int check_windows = 0;
  double check_window_s = 900.0;   // each window's measured length
  double check_warmup_s = 300.0;   // simulated before it (the engine starts empty: queues and caches warm up)
  int check_replications = 5;
  int check_threads = 0;           // 0 = all hardware threads (results do not depend on it)
  double check_margin = 0.1;       // a window is "near" when fluid p99 >= (1 - margin) x SLO or utilization >= threshold - margin
  // Budget per window: when rate x (warm-up + window) x replications would exceed this many requests, both are
  // shortened in proportion (the window to no less than 120 s, the warm-up to no less than 60 s). 0 = no budget.
  double check_max_requests = 1.0e6;
};

// One component over one timeline interval: averages of rates, maxima of everything that breaks.
struct ComponentPoint {
  double offered_per_s = 0.0;      // mean arrivals offered (before admission)
  double utilization_max = 0.0;    // busy workers / workers, the worst step
  double utilization_mean = 0.0;
  double queue_max = 0.0;          // requests (messages) waiting, the worst step
  double response_mean_s = 0.0;    // mean residence time (arrival to answer), averaged over steps
  double response_p99_max_s = 0.0; // the worst step's p99
  double errors_per_s = 0.0;       // rejections + throttles + failures, averaged
  double pool_utilization_max = 0.0;  // connections in use / pool size, worst pool of the component
  int replicas_min = 0, replicas_max = 0;  // ready replicas (consumers, environments) seen
};

struct EndToEndPoint {
  double offered_per_s = 0.0;
  double response_mean_s = 0.0;
  double response_p99_max_s = 0.0;
  double error_ratio_max = 0.0;  // the worst step
};

struct TimelinePoint {
  double start_s = 0.0;
  EndToEndPoint end_to_end;
  std::vector<ComponentPoint> components;  // PlanResult::component_names order
};

enum class BindingReason {
  None,
  Workers,            // CPU / workers busy (utilization)
  ConnectionPool,     // a pool to a callee is exhausted
  QueueGrowth,        // the queue (or a topic's consumer lag) grows without bound
  RateLimit,          // a token bucket refuses traffic
  HotShard,           // one shard of a database takes more than its share
  ReplicaCap,         // the autoscaler is at max_replicas (or the topic at its partition count)
  NodeCap,            // the cluster cannot schedule more pods
  ConcurrencyLimit,   // a serverless function at its concurrency limit
  QueueFull           // arrivals rejected by a full bounded queue
};
const char* bindingReasonName(BindingReason r);

struct Runway {
  std::string component;
  bool breaks = false;              // within the horizon
  double break_at_s = 0.0;          // first time the breach held for the SLO's sustain time (start of it)
  double offered_per_s_at_break = 0.0;  // total offered traffic of every source at that time
  std::string condition;            // "utilization 0.83 > 0.8", "p99 0.41 s > 0.3 s", "errors 1.2% > 0.5%"
  BindingReason reason = BindingReason::None;
  bool scales_horizontally = false;
  int max_replicas = 0;             // the cap its scaling policy allows (fixed = its replica count; 0 = unbounded delay)
  double capacity_per_s = 0.0;      // requests per second it can take at the cap and the threshold
  double peak_offered_per_s = 0.0;  // its busiest step of the first day
  double growth_factor = 0.0;       // capacity_per_s / peak_offered_per_s: how far today's peak can grow
  double residual_capacity = 0.0;   // 1 - peak / capacity: share of the capacity still free at today's peak
};

struct AlertFiring {
  std::string rule;
  std::string entity;  // component or "end_to_end"
  double at_s = 0.0;   // first time the rule would fire (its condition held for for_s)
  double value = 0.0;  // the metric when it fired
};

// From at_s on, `replicas` are ready (a component's replica path along the plan, changes only).
struct ReplicaStep {
  double at_s = 0.0;
  int replicas = 0;
};

// One line of a month's bill (a resource of a component, or "cluster/<pool>" nodes).
struct PlanCostLine {
  std::string component;
  std::string resource;  // "instances (on-demand)", "lambda requests", "egress (internet)", ...
  std::string sku;
  std::string unit;      // "instance-hour", "million requests", "GB-second", "GB", ...
  double quantity = 0.0; // in `unit`s over the month
  double usd = 0.0;      // exact to the micro-dollar
};

// One billing month of the plan: 730 h from the start of the plan (the last one may be shorter: partial).
struct PlanMonthCost {
  int month = 0;             // 0-based
  double start_s = 0.0, end_s = 0.0;
  bool partial = false;      // shorter than 730 h (the horizon ends inside it)
  double usd = 0.0;          // over [start_s, end_s)
  double usd_per_month = 0.0;  // usd scaled to a 730 h month (= usd for a full month)
  double requests = 0.0;     // requests offered by every source in the month
  double usd_per_1k_requests = 0.0;  // NaN when no request arrived
  std::vector<std::pair<std::string, double>> components;  // usd per component (and cluster pool), bill order
  std::vector<PlanCostLine> lines;
};

struct PlanCost {
  std::string catalog_version, catalog_date, priced_on;
  std::vector<PlanMonthCost> months;
  double total_usd = 0.0;
  std::vector<std::pair<std::string, std::string>> not_priced;  // component, why
  std::vector<std::string> warnings;        // stale or uncertain prices used
  std::vector<std::string> approximations;  // where the plan's usage differs from what a request-level run records
};

// A forecast band of traffic growth: the scenario's curves are the P50 path; the P10 and P90 paths grow
// (1 + p_q) / (1 + p50) faster per month (compound, on top of the curve's own trend and seasonality).
struct GrowthBand {
  double p10_percent_per_month = 0.0;
  double p50_percent_per_month = 0.0;
  double p90_percent_per_month = 0.0;
  std::string source;  // "fit-traffic fit.json (95% CI +4.1 .. +11.9)", "--growth-band"
};

// A component's runway under the three traffic paths. Date quantiles: the early date (p10) comes from the
// P90 traffic path, the late one (p90) from the P10 path. Null = holds over the horizon on that path.
struct RunwayBand {
  std::string component;
  std::optional<double> break_at_s_p10, break_at_s_p50, break_at_s_p90;
  std::string reason_p50;  // binding reason on the P50 path (or the earliest path that breaks)
};

// A billing month's cost under the three paths, as quantiles (sorted: p10 <= p50 <= p90).
struct MonthCostBand {
  int month = 0;
  bool partial = false;
  double usd_p10 = 0.0, usd_p50 = 0.0, usd_p90 = 0.0;
  double usd_per_month_p10 = 0.0, usd_per_month_p50 = 0.0, usd_per_month_p90 = 0.0;
};

struct PlanBand {
  GrowthBand growth;
  std::vector<RunwayBand> runways;  // in the P50 plan's runway order
  std::optional<double> slo_breach_at_s_p10, slo_breach_at_s_p50, slo_breach_at_s_p90;
  std::vector<MonthCostBand> cost_by_month;  // when the plan is priced
};

// One window checked by the request-level engine against the fluid pass.
struct WindowCheck {
  double start_s = 0.0;
  double duration_s = 0.0;
  std::string why;               // "fluid SLO breach", "runway: api", "fault: kill_replicas api", "busiest step", "near the SLO"
  double offered_per_s = 0.0;    // fluid, mean over the window
  double fluid_p99_s = 0.0;      // fluid end-to-end p99, rate-weighted over the window's steps
  double des_p99_s = 0.0;        // request-level end-to-end p99, mean across replications
  double des_p99_half_width_s = 0.0;  // its 95% CI half-width
  double des_error_ratio = 0.0;
  int replications = 0;
  std::uint64_t des_requests = 0;
  bool agree = true;             // fluid p99 inside the DES CI
  std::optional<bool> fluid_meets_slo, des_meets_slo;  // against the p99 objective, when there is one
  std::string error;             // why the window could not be simulated (then the rest is empty)
  double wall_time_s = 0.0;
};

struct PlanResult {
  std::string scenario_name;
  double horizon_s = 0.0;
  double step_s = 0.0;
  double point_interval_s = 0.0;
  SloSpec slo;
  std::vector<std::string> component_names;
  std::vector<TimelinePoint> timeline;
  std::vector<Runway> runways;  // most urgent first (breaking earliest, then least growth factor)
  std::optional<double> slo_breach_at_s;  // end-to-end SLO first broken (sustained)
  std::string slo_breach_condition;
  double slo_violation_s = 0.0;           // total time the end-to-end SLO was violated (any length)
  int slo_violation_episodes = 0;         // separate violations (a spike the autoscaler absorbs late counts one)
  std::string first_to_break;             // component whose runway is shortest, empty = none breaks
  std::vector<AlertFiring> alerts;        // in time order
  std::vector<std::string> trust_warnings;  // where the fluid model is outside what it can be trusted for
  std::vector<std::vector<ReplicaStep>> replica_paths;  // ready replicas per component (component_names order)
  std::optional<PlanCost> cost;           // cost along the plan, per billing month (when priced)
  std::optional<PlanBand> band;           // runway and cost under a forecast band (runPlanBand)
  std::vector<WindowCheck> checks;        // request-level checks of chosen windows, in time order
  std::vector<std::string> check_notes;   // where a check changed the verdict (the DES number wins)
  double checks_wall_time_s = 0.0;        // spent on the checks (not in wall_time_s)
  bool cancelled = false;
  double wall_time_s = 0.0;
};

}  // namespace headroom::planning
