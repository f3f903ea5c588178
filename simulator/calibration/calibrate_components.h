#pragma once
// Several observed components in one scenario. Each component is calibrated like calibrateScenario (its own busy or
// utilization series, its own server count, per-class service times from the same class throughputs); the sources
// enter the first component, and the others are reached through the call graph the user gives ("A>B": A calls B
// synchronously, its worker waiting) or, without one, a chain in the given order (each component hands the request
// to the next when it is done). The graph's origin is recorded in the provenance. Pure; thread-safe.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "simulator/calibration/calibrate_model.h"

namespace headroom {

struct ComponentObservations {
  std::string component;
  TimeSeries utilization;    // "ratio"/"percent" ...
  TimeSeries busy_workers;   // ... or a busy-workers count
  TimeSeries in_flight;      // optional
  std::optional<int> servers;
};

struct MultiComponentRequest {
  CalibrationRequest base;  // classes, window, traffic, scenario name; its component fields are ignored
  std::vector<ComponentObservations> components;
  std::vector<std::pair<std::string, std::string>> calls;  // caller, callee; empty = chain in component order
};

struct MultiComponentOutcome {
  bool ok = false;
  std::string error;
  Scenario scenario;
  std::vector<CalibrationOutcome> components;  // per component, in the given order
  std::vector<std::string> notes;
};

MultiComponentOutcome calibrateComponents(const MultiComponentRequest& request);

}  // namespace headroom
