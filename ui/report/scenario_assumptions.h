#pragma once
// The assumptions log of a scenario: every input the model uses, with its provenance. An input is
// "user-entered" when the scenario's JSON text names it and "default" when the loader filled it in; a source
// whose rate follows a fitted or replayed curve is marked "fitted" (the scenario format carries no more
// provenance than that today). Plain C++.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/scenario.h"
#include "ui/report/report_input.h"

namespace headroom::report {

// `raw` is the scenario's JSON as written (file or project); `origin` names it for the log.
std::vector<Assumption> scenarioAssumptions(const Scenario& scenario, const nlohmann::json& raw, const std::string& origin);

// The report's own options (SLO, revenue, sensitivity) as log entries.
std::vector<Assumption> reportOptionAssumptions(const ReportOptions& options);

// "lognormal, mean 5 ms, cv 1.5"
std::string describeDistribution(const Distribution& d);
// "constant 50 req/s", "compound +8% per 30 d from 120 req/s", ...
std::string describeRate(const RateCurve& rate);

}  // namespace headroom::report

namespace headroom::report {

// A variant ready for the report: the scenario's assumptions are read from `raw` (the JSON as written).
RunVariant makeVariant(std::string label, Scenario scenario, const nlohmann::json& raw, std::string origin, RunResult run);

// "2026-12-02 17:40 UTC"
std::string utcNowText();

}  // namespace headroom::report
