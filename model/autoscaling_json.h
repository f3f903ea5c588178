#pragma once
// The "autoscaling" block of a component in the scenario format (docs/scenario-format.md). Internal to
// model/: the scenario reader, writer and validation call these.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/autoscaling_spec.h"
#include "model/json_reader.h"

namespace headroom {
struct ValidationIssue;
}

namespace headroom::json_detail {

AutoscalingSpec readAutoscaling(const nlohmann::json& j, const JsonPath& path, const std::string& context);
nlohmann::ordered_json writeAutoscaling(const AutoscalingSpec& spec);
// Appends one issue per broken rule ("where" names the component; fields start with "autoscaling.").
void checkAutoscaling(const AutoscalingSpec& spec, const std::string& where, std::vector<ValidationIssue>& issues);

}  // namespace headroom::json_detail
