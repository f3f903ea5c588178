#pragma once
// The "faults" array of the scenario format (docs/scenario-format.md). Internal to model/.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/fault_spec.h"
#include "model/json_reader.h"

namespace headroom {
struct Scenario;
struct ValidationIssue;
}

namespace headroom::json_detail {

FaultSpec readFault(const nlohmann::json& j, const JsonPath& path);
nlohmann::ordered_json writeFault(const FaultSpec& fault);
void checkFaults(const Scenario& scenario, std::vector<ValidationIssue>& issues);

}  // namespace headroom::json_detail
