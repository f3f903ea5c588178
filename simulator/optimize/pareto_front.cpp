#include "simulator/optimize/pareto_front.h"

#include <algorithm>
#include <cmath>

namespace headroom::optimize {

namespace {
constexpr double kMinGainMs = 0.1;
}  // namespace

std::vector<FrontPoint> paretoFront(std::vector<Candidate> candidates) {
  std::erase_if(candidates, [](const Candidate& c) { return !std::isfinite(c.worstP99Ms()) || !std::isfinite(c.usd_per_month); });
  // Cheapest first; at equal cost the lower p99 first; then the levels, so the order never depends on input order.
  std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
    if (a.usd_per_month != b.usd_per_month) return a.usd_per_month < b.usd_per_month;
    if (a.worstP99Ms() != b.worstP99Ms()) return a.worstP99Ms() < b.worstP99Ms();
    return a.levels < b.levels;
  });
  std::vector<FrontPoint> front;
  for (Candidate& c : candidates) {
    const double p99 = c.worstP99Ms();
    // A point must buy at least 0.1 ms (the shown resolution): near the service-time floor, tiny gains would
    // give meaningless marginal costs.
    if (!front.empty() && !(p99 < front.back().p99_ms - kMinGainMs)) continue;
    FrontPoint point;
    point.p99_ms = p99;
    if (!front.empty())
      point.marginal_usd_per_month_per_ms = (c.usd_per_month - front.back().candidate.usd_per_month) / (front.back().p99_ms - p99);
    point.candidate = std::move(c);
    front.push_back(std::move(point));
  }
  return front;
}

}  // namespace headroom::optimize
