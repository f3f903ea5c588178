#include "ui/planning/cost_timeline.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace headroom::planning_views {
namespace {

std::vector<cost::InstanceRun> runsUntil(const std::vector<cost::InstanceRun>& runs, double until_s) {
  std::vector<cost::InstanceRun> out;
  for (const cost::InstanceRun& r : runs) {
    if (r.start_s >= until_s) continue;
    cost::InstanceRun c = r;
    if (r.end_s > until_s) {
      // Cut by the window, not stopped: no 60 s minimum yet, and only the whole seconds it has run so far, so
      // that consecutive cuts a whole number of seconds apart differ by exactly that many billed seconds.
      c.end_s = r.start_s + std::floor(until_s - r.start_s);
      c.ongoing = true;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace

cost::UsageTrace truncateUsage(const cost::UsageTrace& trace, double until_s) {
  cost::UsageTrace out = trace;
  out.end_s = std::clamp(until_s, trace.start_s, trace.end_s);
  const double span = trace.end_s - trace.start_s;
  const double share = span > 0 ? (out.end_s - trace.start_s) / span : 1.0;
  for (cost::ComponentUsage& c : out.components) {
    c.instances = runsUntil(c.instances, out.end_s);
    c.requests *= share;
    c.gb_seconds *= share;
    c.bytes_out *= share;
  }
  for (cost::NodePoolUsage& p : out.node_pools) p.nodes = runsUntil(p.nodes, out.end_s);
  return out;
}

CostTimeline costOverTime(const cost::UsageTrace& trace, const cost::PricingContext& context, int windows) {
  CostTimeline out;
  windows = std::max(1, windows);
  const double span = trace.end_s - trace.start_s;
  out.end_s = trace.end_s;
  out.window_s = span / windows;
  // Whole minutes for long traces, else whole seconds (billing counts whole seconds).
  const double unit = span >= 60.0 * windows ? 60.0 : span >= windows ? 1.0 : 0.0;
  if (unit > 0) {
    out.window_s = unit * std::ceil(span / windows / unit);
    windows = static_cast<int>(std::ceil(span / out.window_s - 1e-9));
  }
  std::map<std::string, std::size_t> index;
  std::vector<double> previous;  // cumulative dollars per series at the previous window end
  for (int w = 0; w < windows; ++w) {
    const double start = trace.start_s + out.window_s * w;
    const double end = w + 1 == windows ? trace.end_s : std::min(trace.end_s, start + out.window_s);
    out.window_start_s.push_back(start);
    const cost::CostBreakdown bill = cost::priceUsage(truncateUsage(trace, end), context);
    std::vector<double> cumulative(out.series.size(), 0.0);
    for (const cost::CostLine& line : bill.lines) {
      const std::string key = line.component + " / " + line.resource;
      auto [it, added] = index.emplace(key, out.series.size());
      if (added) {
        out.series.push_back(key);
        out.usd.emplace_back(static_cast<std::size_t>(w), 0.0);  // nothing spent before it appeared
        cumulative.push_back(0.0);
        previous.push_back(0.0);
      }
      cumulative[it->second] += cost::toUsd(line.micro_usd);
    }
    for (std::size_t s = 0; s < out.series.size(); ++s) {
      out.usd[s].push_back(cumulative[s] - previous[s]);
      previous[s] = cumulative[s];
    }
  }
  out.total_usd = previous;
  return out;
}

}  // namespace headroom::planning_views
