#pragma once
// The options `plan` and `report --months` share: the horizon (a month is 30 days here; cost bills 730 h months),
// the timeline resolution and the request-level window checks. One reader so the report plans exactly what `plan`
// would have planned for the same arguments.
#include <optional>

#include "app/cli_args.h"
#include "simulator/planning/plan_band.h"
#include "simulator/planning/plan_types.h"

namespace headroom::cli {

// Valued options read: months, days, step-s, point-s, check-windows, check-replications, threads; flag: no-checks.
// Fills horizon_s, step_s, point_interval_s and the check_* fields from --months/--days, --step-s, --point-s,
// --check-windows (default planning::kRecommendedCheckWindows), --check-replications, --threads and --no-checks.
// Throws UsageError naming the option when a value is out of range.
void readPlanHorizonAndChecks(const Args& a, planning::PlanOptions& opt);

// A forecast band from --traffic FIT.json (fit-traffic --json) or --growth-band P10,P50,P90 (% per month); none when
// neither is given. Throws UsageError when both are given or the band does not parse.
std::optional<planning::GrowthBand> readGrowthBand(const Args& a);

}  // namespace headroom::cli
