#pragma once
// The two halves of the scenario JSON format (docs/scenario-format.md), behind scenario_json.h. Internal to
// model/: callers use scenarioFromJson / scenarioToJson, which add the origin to error messages.
#include <initializer_list>
#include <string>

#include <nlohmann/json.hpp>

#include "model/json_reader.h"
#include "model/scenario.h"

namespace headroom::json_detail {

// Throws json_detail::FieldError (path + problem) for anything the format does not allow.
Scenario readScenario(const nlohmann::json& json);

// Keys in the documented order, durations in the unit a human would pick (ms below one second).
nlohmann::ordered_json writeScenario(const Scenario& scenario);

// Shared by the block codecs (component_features_json.cpp, fault_json.cpp).
Distribution readDistribution(const nlohmann::json& j, const JsonPath& path, const std::string& ctx);
nlohmann::ordered_json writeDistribution(const Distribution& d);
// A number as JSON; whole numbers without ".0".
nlohmann::ordered_json num(double x);
// True when every value is below one second: such durations are written in milliseconds.
bool prefersMilliseconds(std::initializer_list<double> values_s);
// Writes `<stem>_ms` (exactly restorable) or `<stem>_s`.
void putDuration(nlohmann::ordered_json& o, const std::string& stem, double s, bool ms);
// putDuration in the unit a human would pick: milliseconds below one second.
inline void putDuration(nlohmann::ordered_json& o, const std::string& stem, double s) {
  putDuration(o, stem, s, prefersMilliseconds({s}));
}
// seconds -> milliseconds such that dividing by 1000 gives back exactly `s` when possible.
double toMilliseconds(double s);

}  // namespace headroom::json_detail
