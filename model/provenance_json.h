#pragma once
// JSON codec of the scenario's "provenance" array (model/provenance.h, docs/scenario-format.md). Internal to model/.
#include <vector>

#include <nlohmann/json.hpp>

#include "model/json_reader.h"
#include "model/provenance.h"

namespace headroom::json_detail {

std::vector<ParameterProvenance> readProvenance(const nlohmann::json& j, const JsonPath& path);
nlohmann::ordered_json writeProvenance(const std::vector<ParameterProvenance>& entries);

}  // namespace headroom::json_detail
