#pragma once
// The "slo" block of a scenario (docs/scenario-format.md, docs/planning.md). Internal to model/.
#include <vector>

#include <nlohmann/json.hpp>

#include "model/json_reader.h"
#include "model/slo_spec.h"

namespace headroom {
struct Scenario;
struct ValidationIssue;
}  // namespace headroom

namespace headroom::json_detail {

SloSpec readSlo(const nlohmann::json& j, const JsonPath& path);
nlohmann::ordered_json writeSlo(const SloSpec& spec);
void checkSlo(const Scenario& scenario, std::vector<ValidationIssue>& issues);

}  // namespace headroom::json_detail
