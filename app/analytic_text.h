#pragma once
// The analytic report as text for the terminal: the model, one line per entity's model, the KPIs, and
// every "not applicable" reason instead of a number when no exact model fits.
#include <string>

#include "simulator/analytic/analytic_report.h"

namespace headroom::cli {

std::string formatAnalyticReport(const AnalyticReport& report);

}  // namespace headroom::cli
