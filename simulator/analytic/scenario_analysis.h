#pragma once
// Scenario -> exact analytic queueing model, when one exists.
//
// analyzeScenario() decides which model class the scenario belongs to (single station M/M/c, M/M/c/K,
// M/G/1, M/G/c-PS; open Jackson/BCMP network; closed product-form network solved exactly) and computes the
// KPIs the simulator also reports, or lists every assumption that fails (report.not_applicable) and then
// gives no KPIs at all. The mapping follows the simulator's semantics; docs/analytic-models.md lists them
// and every "not applicable" reason.
//
// Units as in analytic_report.h. Pure function of the scenario, callable from any thread.
#include "model/scenario.h"
#include "simulator/analytic/analytic_report.h"

namespace headroom {

AnalyticReport analyzeScenario(const Scenario& scenario);

}  // namespace headroom
