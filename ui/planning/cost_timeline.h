#pragma once
// A run's cost over time, for the Cost view's stacked chart: the usage trace of one replication priced
// cumulatively up to the end of each window (trace_pricing.h does all the pricing), each window's cost the
// difference of two cumulative bills, so the windows of a line add up exactly to the line's bill over the run.
// Plain C++ (no Qt).
#include <string>
#include <vector>

#include "simulator/cost/trace_pricing.h"

namespace headroom::planning_views {

struct CostTimeline {
  std::vector<double> window_start_s;  // windows of equal length (the last may be shorter)
  double window_s = 0.0;               // whole minutes when the trace is long enough (see costOverTime)
  double end_s = 0.0;                  // the trace's end: the last window ends here
  std::vector<std::string> series;           // "component / resource", in the bill's line order
  std::vector<std::vector<double>> usd;      // [series][window]: dollars spent inside the window
  std::vector<double> total_usd;             // [series]: the whole run's bill of that line
};

// At most `windows` windows. Instances are billed per whole second, so a window whose length is not a whole
// number of seconds would alternate between rounding up and down (a saw-tooth that is not in the spend): windows
// are whole minutes when the trace lasts at least `windows` minutes, else whole seconds. Requests, GB-seconds and bytes are totals without a time stamp in the trace: they are spread evenly over
// the run (the bill's own rule for monthly quantities). Throws what priceUsage throws.
CostTimeline costOverTime(const cost::UsageTrace& trace, const cost::PricingContext& context, int windows);

// The trace as it stood at `until_s` (runs alive then are ongoing, period totals prorated).
cost::UsageTrace truncateUsage(const cost::UsageTrace& trace, double until_s);

}  // namespace headroom::planning_views
