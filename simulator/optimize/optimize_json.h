#pragma once
// The optimizer's result as JSON (headroom-cli optimize --json; docs/optimizer.md lists the fields).
// Non-finite numbers (an overloaded case's p99) are written as null.
#include <nlohmann/json.hpp>

#include "simulator/optimize/optimize_types.h"

namespace headroom::optimize {

nlohmann::json toJson(const OptimizeResult& result);
nlohmann::json toJson(const Candidate& candidate);

}  // namespace headroom::optimize
