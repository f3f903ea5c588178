#include "model/resource_limits.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "model/validation_detail.h"

namespace headroom::limits {

using validation_detail::fmt;

std::string formatBytes(double bytes) {
  static const char* units[] = {"bytes", "KB", "MB", "GB", "TB", "PB", "EB"};
  int u = 0;
  while (bytes >= 1024 && u < 6) {
    bytes /= 1024;
    ++u;
  }
  char buf[48];
  if (!std::isfinite(bytes)) return "an unbounded amount of memory";
  std::snprintf(buf, sizeof buf, u == 0 ? "%.0f %s" : "%.1f %s", bytes, units[u]);
  return buf;
}

RunPlan planOf(const SimulationSettings& s) {
  RunPlan p;
  p.horizon_s = s.horizon_s;
  p.window_s = s.window_s;
  p.replications = s.target_relative_precision > 0 ? std::max(s.replications, s.max_replications) : s.replications;
  p.max_requests = s.max_requests;
  return p;
}

namespace {

double windowsOf(const RunPlan& p) {
  if (!(p.horizon_s > 0)) return 0;
  double w = p.window_s > 0 ? p.window_s : p.horizon_s / 120.0;
  w = std::max(w, p.horizon_s / 5000.0);  // the engine's own floor (bounded series memory)
  return std::ceil(p.horizon_s / w);
}

// Expected arrivals of an open source over [0, horizon]: the rate integrated at 2,000 midpoints. An estimate,
// not a bound: it only has to tell an hour of simulation from a year of it.
double expectedArrivals(const RateCurve& rate, double horizon_s) {
  constexpr int kSamples = 2000;
  const double dt = horizon_s / kSamples;
  double sum = 0;
  for (int i = 0; i < kSamples; ++i) sum += rate.rateAt((i + 0.5) * dt);
  return sum * dt;
}

}  // namespace

RunEstimate estimateRun(const Scenario& scenario, const RunPlan& plan) {
  RunEstimate e;
  const double horizon = plan.horizon_s > 0 && std::isfinite(plan.horizon_s) ? plan.horizon_s : 0.0;
  const double reps = std::max(1, plan.replications);
  double users = 0, arrivals = 0;
  for (const Source& s : scenario.sources) {
    if (s.kind == Source::Kind::Closed) {
      users += std::max(0, s.population);
      continue;
    }
    e.peak_rate_per_s = std::max(e.peak_rate_per_s, s.rate.upperBound(0.0, horizon));
    if (!std::isfinite(s.rate.upperBound(0.0, horizon))) e.peak_rate_per_s = INFINITY;
    arrivals += expectedArrivals(s.rate, horizon);
  }
  e.requests = arrivals * reps;
  if (plan.max_requests > 0) e.requests = std::min(e.requests, static_cast<double>(plan.max_requests) * reps);
  const double entities = static_cast<double>(scenario.components.size()) + 1;
  const double perReplication =
      entities * (windowsOf(plan) * kWindowKpisPerEntity * kBytesPerWindowValue + kBytesPerReplicationEntity);
  e.memory_per_replication_bytes = perReplication;
  e.memory_bytes = static_cast<double>(scenario.components.size()) * kBytesPerComponent + users * kBytesPerUser +
                   reps * perReplication;
  return e;
}

std::vector<ValidationIssue> checkRunLimits(const Scenario& scenario, const RunPlan& plan) {
  std::vector<ValidationIssue> out;
  const RunEstimate e = estimateRun(scenario, plan);
  const std::string where = "simulation";
  for (std::size_t i = 0; i < scenario.sources.size(); ++i) {
    const Source& s = scenario.sources[i];
    if (s.kind != Source::Kind::Open) continue;
    const double peak = s.rate.upperBound(0.0, std::max(0.0, plan.horizon_s));
    if (!std::isfinite(peak) || peak > kMaxArrivalRatePerS)
      out.push_back({validation_detail::sourceWhere(s, i), "rate",
                     "reaches " + fmt(peak) + " requests/s within the horizon (" + fmt(plan.horizon_s) +
                         " s); the limit is " + fmt(kMaxArrivalRatePerS) +
                         "/s, one arrival per nanosecond of simulated time (check the unit, the growth rate and the "
                         "ceiling)"});
  }
  if (std::isfinite(e.peak_rate_per_s) && e.peak_rate_per_s <= kMaxArrivalRatePerS && e.requests > kMaxPlannedRequests)
    out.push_back({where, "horizon_s",
                   "the run would simulate about " + fmt(std::round(e.requests)) + " requests (" +
                       std::to_string(std::max(1, plan.replications)) + " replication(s) of " + fmt(plan.horizon_s) +
                       " s, peak " + fmt(e.peak_rate_per_s) + " requests/s); the limit is " + fmt(kMaxPlannedRequests) +
                       ": shorten the horizon, lower the rate or set simulation.max_requests"});
  if (e.memory_bytes > kMemoryBudgetBytes) {
    const std::string field = plan.replications > 1000 ? "replications" : "components";
    out.push_back({where, field,
                   "the run would need about " + formatBytes(e.memory_bytes) + " of memory (" +
                       std::to_string(scenario.components.size()) + " components x " + formatBytes(kBytesPerComponent) +
                       ", " + std::to_string(std::max(1, plan.replications)) + " replications x " +
                       formatBytes(e.memory_per_replication_bytes) + " of results); the limit is " + formatBytes(kMemoryBudgetBytes)});
  }
  return out;
}

}  // namespace headroom::limits
