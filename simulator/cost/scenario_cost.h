#pragma once
// The cost of a simulated scenario: run it with a CostCollector, price every replication's usage
// (trace_pricing.h), and report each figure as a mean with its 95% CI across replications (estimate.h).
#include <string>
#include <utility>
#include <vector>

#include "model/feedback.h"
#include "model/scenario.h"
#include "simulator/cost/cost_recorder.h"
#include "simulator/cost/trace_pricing.h"
#include "simulator/estimate.h"
#include "simulator/simulation.h"

namespace headroom::cost {

struct CostEstimateLine {
  std::string component;
  std::string resource;
  std::string sku;
  std::string unit;
  Estimate quantity;  // over the simulated period
  Estimate usd;       // over the simulated period
};

struct ComponentCost {
  std::string component;
  Estimate usd;           // over the simulated period
  Estimate usd_per_hour;
};

struct ScenarioCost {
  std::string catalog_version;
  std::string catalog_date;
  std::string priced_on;  // the date staleness is judged against
  double period_s = 0.0;  // simulated time priced per replication
  int replications = 0;
  std::vector<CostEstimateLine> lines;
  std::vector<ComponentCost> components;
  Estimate total_usd;  // over the simulated period
  Estimate usd_per_hour;
  Estimate usd_per_month;  // 730 h at the simulated hourly rate
  Estimate usd_per_1k_requests;
  Estimate usd_per_1k_good;  // per 1,000 requests that met the SLO, or successful ones when no SLO exists
  std::string good_label = "successful requests (no SLO defined)";
  std::vector<std::pair<std::string, std::string>> not_priced;  // component, why
  std::vector<std::string> warnings;
};

// Figures across replications. `bills[r]` and `requests[r]` belong to replication r.
ScenarioCost summarizeCost(const Scenario& scenario, const std::vector<CostBreakdown>& bills,
                           const std::vector<RequestCounts>& requests, const PricingContext& context);

struct CostRun {
  RunResult run;
  ScenarioCost cost;
};

// Runs `scenario` (options.hooks are kept) and prices it. Throws std::invalid_argument for an invalid
// scenario or a price missing from the catalog.
CostRun runWithCost(const Scenario& scenario, RunOptions options, const PricingContext& context,
                    Feedback* feedback = nullptr, SimulationObserver* observer = nullptr);

// Prices a finished run whose options carried `collector`'s hooks.
ScenarioCost priceRecordedRun(const Scenario& scenario, const RunResult& run, const CostCollector& collector,
                              const PricingContext& context);

// Today's date (UTC) as YYYY-MM-DD, for PricingContext::today when the caller gives none.
std::string todayUtc();

}  // namespace headroom::cost
