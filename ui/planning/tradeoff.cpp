#include "ui/planning/tradeoff.h"

#include <cmath>
#include <stdexcept>

#include "simulator/cost/scenario_cost.h"

namespace headroom::planning_views {

void markParetoFront(Tradeoff& t) {
  t.chosen.reset();
  for (std::size_t i = 0; i < t.points.size(); ++i) {
    TradeoffPoint& p = t.points[i];
    p.pareto = std::isfinite(p.usd_per_month.mean) && std::isfinite(p.p99_s.mean);
    for (std::size_t j = 0; j < t.points.size() && p.pareto; ++j) {
      const TradeoffPoint& q = t.points[j];
      if (j == i || !std::isfinite(q.usd_per_month.mean) || !std::isfinite(q.p99_s.mean)) continue;
      const bool noWorse = q.usd_per_month.mean <= p.usd_per_month.mean && q.p99_s.mean <= p.p99_s.mean;
      const bool better = q.usd_per_month.mean < p.usd_per_month.mean || q.p99_s.mean < p.p99_s.mean;
      if (noWorse && better) p.pareto = false;
    }
    if (p.pareto && p.p99_s.mean <= t.p99_objective_s &&
        (!t.chosen || p.usd_per_month.mean < t.points[*t.chosen].usd_per_month.mean))
      t.chosen = i;
  }
}

Tradeoff evaluateTradeoff(const std::vector<std::pair<std::string, Scenario>>& configurations, const cost::PricingContext& pricing,
                          double p99_objective_s, int replications, Feedback* feedback) {
  Tradeoff out;
  out.p99_objective_s = p99_objective_s;
  const double n = static_cast<double>(std::max<std::size_t>(1, configurations.size()));
  for (std::size_t i = 0; i < configurations.size(); ++i) {
    if (feedback && feedback->isCancelled()) {
      out.cancelled = true;
      break;
    }
    if (feedback) feedback->setProgress(i / n, "configuration " + std::to_string(i + 1) + " of " + std::to_string(configurations.size()));
    RunOptions options;
    options.replications = replications;
    options.seed = 1;  // every configuration sees the same random stream: differences come from the configuration
    options.threads = 1;
    cost::CostRun r;
    try {
      r = cost::runWithCost(configurations[i].second, options, pricing, nullptr);
    } catch (const std::exception& e) {
      throw std::invalid_argument(configurations[i].first + ": " + e.what());
    }
    TradeoffPoint p;
    p.label = configurations[i].first;
    p.scenario = configurations[i].second;
    p.usd_per_month = r.cost.usd_per_month;
    // The p99 with its CI across replications, as the run reports it (kReportedQuantiles[3] = 0.99).
    static_assert(kReportedQuantiles[3] == 0.99);
    if (!r.run.end_to_end.empty()) p.p99_s = r.run.end_to_end.front().response.quantile_s[3];
    out.points.push_back(std::move(p));
  }
  if (feedback) feedback->setProgress(1.0, "done");
  markParetoFront(out);
  return out;
}

}  // namespace headroom::planning_views
