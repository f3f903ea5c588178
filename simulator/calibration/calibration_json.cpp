#include "simulator/calibration/calibration_json.h"

#include <cmath>

namespace headroom {

nlohmann::json calibrationOutcomeToJson(const CalibrationOutcome& o) {
  nlohmann::json j;
  j["ok"] = o.ok;
  if (!o.ok) j["error"] = o.error;
  j["servers"] = {{"value", o.concurrency.servers}, {"method", o.concurrency.method}, {"notes", o.concurrency.notes}};
  nlohmann::json classes = nlohmann::json::array();
  for (std::size_t k = 0; k < o.demand.classes.size(); ++k) {
    const auto& d = o.demand.classes[k];
    nlohmann::json c{{"class", d.request_class},
                     {"service_time_s", d.service_time_s},
                     {"std_error_s", d.std_error_s},
                     {"mean_throughput_per_s", d.mean_throughput_per_s}};
    if (k < o.variability.size())
      c["variability"] = {{"method", o.variability[k].method}, {"cv", o.variability[k].cv},
                          {"samples_used", o.variability[k].samples_used}, {"notes", o.variability[k].notes}};
    classes.push_back(c);
  }
  j["classes"] = classes;
  j["demand"] = {{"background_busy_servers", o.demand.background_busy_servers},
                 {"r_squared", o.demand.r_squared},
                 {"condition_number", std::isfinite(o.demand.condition_number) ? nlohmann::json(o.demand.condition_number)
                                                                              : nlohmann::json(nullptr)},
                 {"samples_used", o.demand.points_used},
                 {"samples_dropped", {{"saturated", o.demand.points_dropped_saturated},
                                      {"unpaired", o.demand.points_dropped_unpaired},
                                      {"gap", o.demand.points_dropped_gap}}},
                 {"warnings", o.demand.warnings}};
  j["notes"] = o.notes;
  return j;
}

}  // namespace headroom
