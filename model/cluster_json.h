#pragma once
// The "cluster" block of a scenario and the "pod" block of a component (docs/scenario-format.md). Internal
// to model/.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/cluster_spec.h"
#include "model/json_reader.h"

namespace headroom {
struct Scenario;
struct ValidationIssue;
}

namespace headroom::json_detail {

ClusterSpec readCluster(const nlohmann::json& j, const JsonPath& path);
nlohmann::ordered_json writeCluster(const ClusterSpec& spec);
PodResources readPod(const nlohmann::json& j, const JsonPath& path, const std::string& context);
nlohmann::ordered_json writePod(const PodResources& pod);
void checkCluster(const Scenario& scenario, std::vector<ValidationIssue>& issues);

}  // namespace headroom::json_detail
