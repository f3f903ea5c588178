#include "ui/planning/plan_explain.h"

#include <cmath>
#include <cstdio>

namespace headroom::planning_views {
namespace {

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

std::string reasonText(planning::BindingReason r) {
  using R = planning::BindingReason;
  switch (r) {
    case R::None: return "no single resource binds";
    case R::Workers: return "its workers (CPU) are busy beyond the threshold";
    case R::ConnectionPool: return "a connection pool to a callee is exhausted";
    case R::QueueGrowth: return "its queue (or a topic's consumer lag) grows without bound";
    case R::RateLimit: return "a rate limit refuses traffic";
    case R::HotShard: return "one database shard takes more than its share";
    case R::ReplicaCap: return "the autoscaler is at its maximum replicas (or the topic at its partition count)";
    case R::NodeCap: return "the cluster cannot schedule more pods";
    case R::ConcurrencyLimit: return "the function is at its concurrency limit";
    case R::QueueFull: return "arrivals are rejected by a full bounded queue";
  }
  return planning::bindingReasonName(r);
}

}  // namespace

double bandTrafficFactor(const planning::GrowthBand& band, double t_s, double percent_per_month) {
  const double ratio = (1.0 + percent_per_month / 100.0) / (1.0 + band.p50_percent_per_month / 100.0);
  return planning::bandTrafficFactor(ratio, t_s);
}

std::string formatPlanTime(double seconds) {
  const double days = seconds / 86400.0;
  if (days < 60.0) return fmt("%.1f days", days);
  return fmt("%.1f months", days / 30.0);
}

std::vector<std::string> explainRunway(const planning::Runway& r, double horizon_s) {
  std::vector<std::string> out;
  if (r.breaks) {
    out.push_back(r.component + " breaks after " + formatPlanTime(r.break_at_s) + ": " + r.condition + ".");
    out.push_back("Why: " + reasonText(r.reason) + ".");
    out.push_back("Traffic then: " + fmt("%.1f req/s", r.offered_per_s_at_break) + " offered in total.");
  } else {
    out.push_back(r.component + " holds for the whole horizon (" + formatPlanTime(horizon_s) + ").");
  }
  if (r.scales_horizontally)
    out.push_back("It scales out, up to " + (r.max_replicas > 0 ? std::to_string(r.max_replicas) + " replicas" : std::string("no set limit")) +
                  ": raising that cap (or the cluster's) moves the break.");
  else
    out.push_back("It does not scale out (" + std::to_string(r.max_replicas) +
                  " fixed replicas): more replicas, workers or faster service move the break.");
  if (r.capacity_per_s > 0)
    out.push_back("Capacity at the cap and threshold: " + fmt("%.1f req/s", r.capacity_per_s) + " against a first-day peak of " +
                  fmt("%.1f req/s", r.peak_offered_per_s) + ": today's peak can grow " + fmt("%.2fx", r.growth_factor) + ", " +
                  fmt("%.0f%%", 100.0 * r.residual_capacity) + " of the capacity is still free.");
  return out;
}

}  // namespace headroom::planning_views
