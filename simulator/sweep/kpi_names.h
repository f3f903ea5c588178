#pragma once
// The KPIs a sweep can collect, by name: "<entity>.<metric>", the entity being "end_to_end",
// "end_to_end[<class>]" or a component (after database lowering, as in a run result), e.g.
// "end_to_end.response_p99_s", "api.utilization", "product-cache.cache_hit_ratio".
#include <string>
#include <vector>

#include "model/scenario.h"
#include "simulator/run_result.h"

namespace headroom::sweep {

// Every KPI name the scenario's run results will have (validated scenario).
std::vector<std::string> kpiCatalogue(const Scenario& scenario);
// One replication's value (the estimate's mean; NaN when the KPI had no data, e.g. no request finished).
// Throws std::invalid_argument for a name the result does not have.
double kpiValue(const RunResult& result, const std::string& name);

}  // namespace headroom::sweep
