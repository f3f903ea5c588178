#pragma once
// A plan under a forecast band: the fluid pass run on the P10, P50 and P90 traffic paths (the scenario's
// curves are P50; the band's growth rates tilt them by (1 + p_q) / (1 + p50) per month), then every
// component's runway as P10/P50/P90 break dates and each month's cost as a band. docs/planning.md.
#include <string>

#include "model/feedback.h"
#include "model/scenario.h"
#include "simulator/planning/plan_types.h"

namespace headroom::planning {

// The P50 plan, with `band` filled. Throws std::invalid_argument as runPlan does, or when the band is not
// ordered (p10 <= p50 <= p90) or a rate is not above -100%. Progress over the three passes; cancellation
// returns the passes done so far (cancelled = true, band left empty).
PlanResult runPlanBand(const Scenario& scenario, const PlanOptions& options, const GrowthBand& band,
                       Feedback* feedback = nullptr);

// A band from `headroom-cli fit-traffic --json` output: growth_percent_per_month = [mean, lower95, upper95]
// of a normal estimate, so P10/P90 = mean -/+ 1.2816 / 1.96 of the half-width on each side. Throws
// std::invalid_argument naming `origin` and the field when it is missing or the fit refused a trend.
GrowthBand growthBandFromFitJson(const std::string& json_text, const std::string& origin);

// A band typed as "P10,P50,P90" in % per month ("4,8,12", a trailing % allowed on each): the CLI's --growth-band
// and the Plan view's field. `source` is kept as the band's source. Throws std::invalid_argument saying what is
// expected or which part is not a number.
GrowthBand growthBandFromText(const std::string& text, const std::string& source);

}  // namespace headroom::planning
