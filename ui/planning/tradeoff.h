#pragma once
// Cost against p99 of a set of configurations (the points of a sweep): each one run with its cost, the
// Pareto front (no other point is both cheaper and faster), and the configuration to choose: the cheapest
// whose p99 meets the objective. The view is not yet wired to the optimizer library
// (simulator/optimize/, `headroom-cli optimize`), whose front rule differs (a sorted sweep with a 0.1 ms minimum
// gain); the Optimizer view says which one it shows. Plain C++ (no Qt).
#include <optional>
#include <string>
#include <vector>

#include "model/feedback.h"
#include "model/scenario.h"
#include "simulator/cost/trace_pricing.h"
#include "simulator/estimate.h"

namespace headroom::planning_views {

struct TradeoffPoint {
  std::string label;             // the point's variable values, "replicas=3, workers=2"
  Scenario scenario;             // the configuration
  Estimate usd_per_month;        // 730 h at the run's hourly cost
  Estimate p99_s;                // end-to-end p99
  bool pareto = false;
};

struct Tradeoff {
  std::vector<TradeoffPoint> points;
  std::optional<std::size_t> chosen;  // cheapest point meeting p99 <= objective (by its mean)
  double p99_objective_s = 0.0;
  bool cancelled = false;
};

// Marks the Pareto front (minimise both) and picks the chosen point.
void markParetoFront(Tradeoff& t);

// Runs every configuration with its cost (replications each, seed fixed so reruns agree). Throws what
// runWithCost throws, naming the configuration. Progress and cancel through `feedback` (may be null).
Tradeoff evaluateTradeoff(const std::vector<std::pair<std::string, Scenario>>& configurations, const cost::PricingContext& pricing,
                          double p99_objective_s, int replications, Feedback* feedback);

}  // namespace headroom::planning_views
