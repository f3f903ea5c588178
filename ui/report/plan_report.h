#pragma once
// The plan report (`headroom-cli report SCENARIO --months N`, `report --project P --plan NAME`): page 1 is the
// verdict of a capacity plan in one sentence, its runway table (with the P10-P90 band when the plan has one),
// the SLO it was judged against and where that came from, monthly cost now and at the horizon when the plan
// carries cost, and the alerts that would fire; then charts over the horizon, the window checks, where the
// plan is approximate, the method and the assumptions log. Reads the plan's JSON (plan_io's headroom-plan),
// so a stored plan and a fresh one read the same way, and fields a newer planner adds appear when present.
// Plain C++, no Qt.
#include <string>

#include <nlohmann/json.hpp>

#include "ui/report/report_content.h"

namespace headroom::report {

ReportDocument buildPlanReport(const ReportInput& input);

// "day 152.3 (month 5.1)" (no month before day 30): a time from the start of the scenario, as the plan report prints it.
std::string planDateText(double t_s);

// One sentence: which component breaks first, when and why, at what growth, and when the end-to-end SLO
// breaks (with the time of day), e.g. "db saturates (workers) on day 152.3 (month 5.1) at +8%/month; p99
// breaks the 300 ms SLO first on day 160.2 (month 5.3), around 19:00 (evening)."
std::string planVerdictSentence(const Scenario& scenario, const nlohmann::json& plan);

}  // namespace headroom::report
