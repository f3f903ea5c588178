#pragma once
// What the analytic cross-check says about a scenario: named KPI values per component and end to end,
// the queueing model used for each entity, and, when no exact model applies, the precise assumptions that
// fail. Plain value type; thread-agnostic.
//
// Entities: a component's name, "end_to_end" for every request class together, "end_to_end:<class>" for
// one class. KPI names and units (the same names as the simulator's results):
//   utilization (fraction), throughput_per_s, arrival_rate_per_s (req/s), mean_in_system,
//   mean_queue_length (requests), response_mean_s, waiting_mean_s (seconds, per visit for components),
//   rejection_ratio (component, fraction), error_ratio (end to end, fraction),
//   response_p50_s, response_p90_s, response_p95_s, response_p99_s, response_p999_s (seconds).
#include <optional>
#include <string>
#include <vector>

namespace headroom {

inline constexpr const char* kEndToEndEntity = "end_to_end";

// "end_to_end" for "all", else "end_to_end:<class>".
std::string endToEndEntity(const std::string& request_class = "all");
// "response_p50_s" ... "response_p999_s", in the order of kReportedQuantiles (simulator/run_result.h).
const char* responseQuantileKpi(int index);

struct AnalyticKpi {
  std::string entity;
  std::string kpi;
  double value = 0.0;
};

struct EntityModel {
  std::string entity;
  std::string model;  // e.g. "M/M/4 per replica, 2 replicas (random split)"
};

struct AnalyticReport {
  std::string model;                        // the whole scenario: "M/M/c", "open Jackson network", ...
                                            // empty when no exact model applies
  std::vector<EntityModel> entity_models;
  std::vector<AnalyticKpi> kpis;
  std::vector<std::string> not_applicable;  // every assumption that fails; kpis is then empty
  std::vector<std::string> notes;           // assumptions relied on, KPIs deliberately left out and why

  bool applicable() const { return not_applicable.empty() && !kpis.empty(); }
  std::optional<double> find(const std::string& entity, const std::string& kpi) const;
  void set(const std::string& entity, const std::string& kpi, double value);  // replaces an existing value
};

}  // namespace headroom
