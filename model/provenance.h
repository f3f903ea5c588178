#pragma once
// Where a scenario parameter came from: the assumptions log of a calibrated model. `headroom-cli calibrate` writes
// one entry per fitted parameter; hand-written scenarios have none. The engine ignores it; reports show it.
#include <map>
#include <string>
#include <vector>

namespace headroom {

struct ParameterProvenance {
  std::string parameter;             // what it sets, e.g. "components[api].service_time_by_class[checkout].mean"
  double value = 0.0;                // the value written into the scenario
  std::string unit;                  // "s", "1/s", "servers", "ratio", ...
  std::string estimator;             // e.g. "nnls utilization law", "max of busy-workers gauge"
  std::vector<std::string> series;   // stable names of the series used: name{label="v"}
  double window_from_s = 0.0;        // Unix s, the time window the series were cut to
  double window_to_s = 0.0;
  int samples_used = 0;
  int samples_dropped = 0;
  std::map<std::string, double> fit_quality;  // e.g. r_squared, std_error_s
  std::vector<std::string> notes;             // why samples were dropped, assumptions made
};

}  // namespace headroom
