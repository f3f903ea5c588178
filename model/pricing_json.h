#pragma once
// The "pricing" block of a component (docs/scenario-format.md, docs/cost.md). Internal to model/.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/json_reader.h"
#include "model/pricing_spec.h"

namespace headroom {
struct Scenario;
struct ValidationIssue;
}

namespace headroom::json_detail {

PricingSpec readPricing(const nlohmann::json& j, const JsonPath& path, const std::string& context);
nlohmann::ordered_json writePricing(const PricingSpec& spec);
// Rules per component ("component 'api'", "pricing.spot_share", "must be in [0, 1]") and per node pool.
void checkPricing(const Scenario& scenario, std::vector<ValidationIssue>& issues);

}  // namespace headroom::json_detail
