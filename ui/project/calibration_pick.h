#pragma once
// Which imported series feed a calibration and a backtest, picked in the GUI by series id (the import dialog has
// given them their role names, importers/series_roles.h), and the one time window dragged on the chart. Turns a pick
// into the same CalibrationRequest / ObservedSeries that `headroom-cli calibrate` / `backtest` build, with the same
// window rule (calibration::resolveWindow + cutToWindow). Plain C++ (no Qt); the Project is used on the calling thread.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/project/project.h"
#include "simulator/calibration/backtest.h"
#include "simulator/calibration/calibrate_model.h"
#include "simulator/calibration/traffic_fit.h"  // kMinTrendDaysForGrowth, the rule fit-traffic applies

namespace headroom {

// A short title for a stored series with a role: its role name plus class and quantile, e.g.
// `latency{class="browse",quantile="0.95"}`; the full name and labels otherwise.
std::string compactSeriesTitle(const SeriesInfo& series);

struct ClassPick {
  std::string request_class;
  std::int64_t throughput_id = 0;  // 0 = none
  std::int64_t p50_id = 0, p95_id = 0, p99_id = 0;
};

struct CalibrationPick {
  std::string component = "api";
  std::string scenario_name;         // empty: "calibrated-<component>"
  std::int64_t utilization_id = 0;   // one of utilization / busy workers is needed
  std::int64_t busy_id = 0;
  std::int64_t in_flight_id = 0;
  std::vector<ClassPick> classes;
  std::optional<int> servers;        // empty: inferred (concurrency.h)
  std::optional<double> from_s, to_s;  // Unix s; empty = the series' own extent
  CalibrationRequest::Traffic traffic = CalibrationRequest::Traffic::Mean;
};

// The role a stored series was given at import ("traffic", "utilization", "busy-workers", "in-flight",
// "latency-percentile", "latency-mean"), read from its role name; empty when it has none.
std::string storedSeriesRole(const SeriesInfo& series);

// A pick from the given series by their role names; the most recent import wins when a role repeats.
CalibrationPick pickFromRoles(const std::vector<SeriesInfo>& series);

// Throws std::runtime_error with a sentence saying what is missing (no class, no utilization/busy series, an empty
// window) or std::invalid_argument from the window rule.
CalibrationRequest buildCalibrationRequest(Project& project, const CalibrationPick& pick);
ObservedSeries buildObservedSeries(Project& project, const CalibrationPick& pick);

// The calibration result as stored in the project (Project::saveCalibration) and shown in the view.
nlohmann::json calibrationOutcomeJson(const CalibrationOutcome& outcome, const CalibrationRequest& request);

}  // namespace headroom
