#include "simulator/planning/plan_tracker.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "simulator/planning/plan.h"

namespace headroom::planning {
namespace {

std::string describe(const char* f, double a, double b) {
  char buf[160];
  std::snprintf(buf, sizeof buf, f, a, b);
  return buf;
}

constexpr double kDay_s = 86400.0;

}  // namespace

const char* bindingReasonName(BindingReason r) {
  switch (r) {
    case BindingReason::None: return "none";
    case BindingReason::Workers: return "cpu/workers";
    case BindingReason::ConnectionPool: return "connection pool";
    case BindingReason::QueueGrowth: return "queue/consumer lag";
    case BindingReason::RateLimit: return "rate limit";
    case BindingReason::HotShard: return "hot shard";
    case BindingReason::ReplicaCap: return "replica cap";
    case BindingReason::NodeCap: return "node cap";
    case BindingReason::ConcurrencyLimit: return "serverless concurrency limit";
    case BindingReason::QueueFull: return "queue full";
  }
  return "?";
}

PlanTracker::PlanTracker(const Scenario& lowered, const Scenario& original, PlanResult& result, const PlanOptions& options)
    : sc_(lowered), original_(original), res_(result), point_s_(options.point_interval_s),
      threshold_(result.slo.utilization_threshold) {
  const std::size_t m = sc_.components.size();
  comps_.resize(m);
  alert_state_.assign(res_.slo.alerts.size(), std::vector<Sustain>(m + 1));
  point_.components.resize(m);
  point_util_sum_.assign(m, 0.0);
  point_offered_sum_.assign(m, 0.0);
  point_resp_sum_.assign(m, 0.0);
  point_err_sum_.assign(m, 0.0);
  runway_.resize(m);
}

bool PlanTracker::sustained(Sustain& s, bool cond, double t0_s, double dt_s, double need_s) {
  if (!cond) {
    s.since_s.reset();
    return false;
  }
  if (!s.since_s) s.since_s = t0_s;
  return t0_s + dt_s - *s.since_s >= need_s - 1e-9;
}

void PlanTracker::alert(const AlertRuleSpec& rule, std::size_t ri, std::size_t e, bool cond, double value, double t0_s,
                        double dt_s) {
  Sustain& s = alert_state_[ri][e];
  if (s.fired) return;
  const double need = rule.metric == AlertRuleSpec::Metric::P99Increase ? 0.0 : rule.for_s;
  if (sustained(s, cond, t0_s, dt_s, need)) {
    s.fired = true;
    res_.alerts.push_back({rule.name, e == sc_.components.size() ? "end_to_end" : sc_.components[e].name, t0_s + dt_s, value});
  }
}

void PlanTracker::step(double t0, double dt, double offered, double e2eMean, double e2eP99, double e2eErr,
                       const std::vector<StepState>& st) {
  const SloSpec& slo = res_.slo;
  const double errThr = slo.error_ratio.value_or(0.005);
  const std::size_t m = st.size();
  for (std::size_t i = 0; i < m; ++i) {
    const StepState& s = st[i];
    const Component& c = sc_.components[i];
    CompTrack& ct = comps_[i];
    if (t0 < kDay_s && (s.offered_per_s >= ct.peak_offered_first_day || ct.peak_offered_first_day == 0)) {
      ct.peak_offered_first_day = s.offered_per_s;
      ct.hold_at_peak_s = s.hold_s;
      ct.pool_util_at_peak = s.ready > 0 ? s.pool_util * s.ready : s.pool_util;  // per-replica load x replicas
    }
    // What breaks it, in the order a capacity planner would name the cause.
    BindingReason reason = BindingReason::None;
    std::string cond;
    const double lam = std::max(s.offered_per_s, 1e-300);
    if (s.concurrency_util > threshold_) {
      reason = BindingReason::ConcurrencyLimit;
      cond = describe("concurrency %.3g of the limit > %.3g", s.concurrency_util, threshold_);
    } else if (s.pool_util > threshold_) {
      reason = BindingReason::ConnectionPool;
      cond = describe("pool in use %.3g > %.3g", s.pool_util, threshold_);
    } else if (s.throttled_per_s / lam > errThr) {
      reason = BindingReason::RateLimit;
      cond = describe("throttled %.3g%% > %.3g%%", 100 * s.throttled_per_s / lam, 100 * errThr);
    } else if (s.rejected_per_s / lam > errThr) {
      reason = c.type == Component::Type::Serverless ? BindingReason::ConcurrencyLimit : BindingReason::QueueFull;
      cond = describe("rejected %.3g%% > %.3g%%", 100 * s.rejected_per_s / lam, 100 * errThr);
    } else if (c.type != Component::Type::Delay && c.type != Component::Type::Serverless && s.utilization > threshold_ &&
               (!s.autoscaled || s.at_cap)) {
      const bool partitionCap = c.type == Component::Type::Topic && c.topic && s.ready >= c.topic->partitions;
      reason = s.hot_shard ? BindingReason::HotShard
               : s.node_capped && s.at_cap ? BindingReason::NodeCap
               : (s.autoscaled || partitionCap) ? BindingReason::ReplicaCap
                                                : BindingReason::Workers;
      cond = describe("utilization %.3g > %.3g", s.utilization, threshold_);
    } else if (s.queue_growing) {
      reason = BindingReason::QueueGrowth;
      cond = describe("backlog %.4g growing (utilization %.3g)", s.queue, s.utilization);
    } else if (slo.p99_s && s.local_p99_s > *slo.p99_s && c.type != Component::Type::Topic) {  // consumers answer nobody
      reason = s.hot_shard ? BindingReason::HotShard : s.at_cap && s.autoscaled ? BindingReason::ReplicaCap : BindingReason::Workers;
      cond = describe("p99 %.4g s > %.4g s", s.local_p99_s, *slo.p99_s);
    }
    Runway& rw = runway_[i];
    if (!rw.breaks) {
      const bool was = ct.breach.since_s.has_value();
      if (reason != BindingReason::None && !was) {
        ct.pending_reason = reason;
        ct.pending_condition = cond;
        ct.pending_offered = offered;
      }
      if (sustained(ct.breach, reason != BindingReason::None, t0, dt, slo.sustain_s)) {
        rw.breaks = true;
        rw.break_at_s = *ct.breach.since_s;
        rw.reason = ct.pending_reason;
        rw.condition = ct.pending_condition;
        rw.offered_per_s_at_break = ct.pending_offered;
      }
    }
  }

  // End-to-end objective.
  const bool lat = slo.p99_s && e2eP99 > *slo.p99_s;
  const bool err = slo.error_ratio && e2eErr > *slo.error_ratio;
  if (lat || err) {
    res_.slo_violation_s += dt;
    if (!violating_) ++res_.slo_violation_episodes;
  }
  violating_ = lat || err;
  if (!res_.slo_breach_at_s) {
    if (sustained(slo_, lat || err, t0, dt, slo.sustain_s)) {
      res_.slo_breach_at_s = *slo_.since_s;
      std::size_t worst = 0;
      double worstValue = -1.0;
      for (std::size_t i = 0; i < m; ++i) {
        const double v = err && !lat ? st[i].errors_per_s : st[i].local_p99_s;
        if (v > worstValue) worstValue = v, worst = i;
      }
      res_.slo_breach_condition = (lat ? describe("p99 %.4g s > %.4g s", e2eP99, *slo.p99_s)
                                       : describe("errors %.3g%% > %.3g%%", 100 * e2eErr, 100 * *slo.error_ratio)) +
                                  "; largest share: " + sc_.components[worst].name;
    }
  }

  // Alerts.
  for (std::size_t ri = 0; ri < slo.alerts.size(); ++ri) {
    const AlertRuleSpec& rule = slo.alerts[ri];
    using M = AlertRuleSpec::Metric;
    const bool e2e = rule.component.empty() && (rule.metric == M::LatencyMean || rule.metric == M::ErrorRatio);
    if (e2e) {
      const double v = rule.metric == M::LatencyMean ? e2eMean : e2eErr;
      alert(rule, ri, m, v > rule.threshold, v, t0, dt);
      continue;
    }
    for (std::size_t i = 0; i < m; ++i) {
      const Component& c = sc_.components[i];
      if (!rule.component.empty() && rule.component != c.name) continue;
      const StepState& s = st[i];
      double v = 0.0;
      bool cond = false;
      switch (rule.metric) {
        case M::CpuUtilization:
          if (c.type == Component::Type::Delay) continue;
          v = s.utilization, cond = v > rule.threshold;
          break;
        case M::P99Increase: {
          const auto back = static_cast<std::size_t>(std::max(1.0, std::round(rule.for_s / dt)));
          const std::deque<double>& h = comps_[i].p99_history;
          if (h.size() > back) {
            const double then = h[h.size() - 1 - back];
            v = then > 0 ? s.response_p99_s / then - 1.0 : 0.0;
            cond = then > 0 && v > rule.threshold;
          }
          break;
        }
        case M::LatencyMean: v = s.response_mean_s, cond = v > rule.threshold; break;
        case M::ErrorRatio: v = s.errors_per_s / std::max(s.offered_per_s, 1e-300), cond = v > rule.threshold; break;
        case M::PoolUtilization:
          if (c.connection_pools.empty()) continue;
          v = s.pool_util, cond = v > rule.threshold;
          break;
        case M::ConsumerLag:
          if (c.type != Component::Type::Topic) continue;
          v = s.queue, cond = v > rule.threshold;
          break;
      }
      alert(rule, ri, i, cond, v, t0, dt);
    }
  }
  std::size_t keep = 2;
  for (const AlertRuleSpec& r : slo.alerts)
    if (r.metric == AlertRuleSpec::Metric::P99Increase) keep = std::max(keep, static_cast<std::size_t>(std::round(r.for_s / dt)) + 2);
  for (std::size_t i = 0; i < m; ++i) {
    auto& h = comps_[i].p99_history;
    h.push_back(st[i].response_p99_s);
    while (h.size() > keep) h.pop_front();
  }

  // Timeline point.
  if (point_steps_ == 0) point_.start_s = t0;
  ++point_steps_;
  point_e2e_offered_ += offered;
  point_e2e_mean_ += e2eMean;
  point_.end_to_end.response_p99_max_s = std::max(point_.end_to_end.response_p99_max_s, e2eP99);
  point_.end_to_end.error_ratio_max = std::max(point_.end_to_end.error_ratio_max, e2eErr);
  for (std::size_t i = 0; i < m; ++i) {
    ComponentPoint& p = point_.components[i];
    const StepState& s = st[i];
    point_offered_sum_[i] += s.offered_per_s;
    point_util_sum_[i] += s.utilization;
    point_resp_sum_[i] += s.response_mean_s;
    point_err_sum_[i] += s.errors_per_s;
    p.utilization_max = std::max(p.utilization_max, s.utilization);
    p.queue_max = std::max(p.queue_max, s.queue);
    p.response_p99_max_s = std::max(p.response_p99_max_s, s.response_p99_s);
    p.pool_utilization_max = std::max(p.pool_utilization_max, s.pool_util);
    p.replicas_min = point_steps_ == 1 ? s.ready : std::min(p.replicas_min, s.ready);
    p.replicas_max = std::max(p.replicas_max, s.ready);
  }
  if (t0 + dt >= point_.start_s + point_s_ - 1e-9) closePoint();
}

void PlanTracker::closePoint() {
  if (point_steps_ == 0) return;
  const double n = point_steps_;
  point_.end_to_end.offered_per_s = point_e2e_offered_ / n;
  point_.end_to_end.response_mean_s = point_e2e_mean_ / n;
  for (std::size_t i = 0; i < point_.components.size(); ++i) {
    ComponentPoint& p = point_.components[i];
    p.offered_per_s = point_offered_sum_[i] / n;
    p.utilization_mean = point_util_sum_[i] / n;
    p.response_mean_s = point_resp_sum_[i] / n;
    p.errors_per_s = point_err_sum_[i] / n;
  }
  res_.timeline.push_back(point_);
  point_ = TimelinePoint{};
  point_.components.resize(sc_.components.size());
  point_steps_ = 0;
  point_e2e_offered_ = point_e2e_mean_ = 0.0;
  std::fill(point_util_sum_.begin(), point_util_sum_.end(), 0.0);
  std::fill(point_offered_sum_.begin(), point_offered_sum_.end(), 0.0);
  std::fill(point_resp_sum_.begin(), point_resp_sum_.end(), 0.0);
  std::fill(point_err_sum_.begin(), point_err_sum_.end(), 0.0);
}

void PlanTracker::finish() {
  closePoint();
  const double inf = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < sc_.components.size(); ++i) {
    const Component& c = sc_.components[i];
    const CompTrack& ct = comps_[i];
    Runway& r = runway_[i];
    r.component = c.name;
    r.scales_horizontally = c.autoscaling.has_value() || c.type == Component::Type::Serverless || c.type == Component::Type::Delay;
    r.max_replicas = c.type == Component::Type::Delay ? 0 : c.autoscaling ? c.autoscaling->max_replicas : c.replicas;
    const double hold = ct.hold_at_peak_s > 0 ? ct.hold_at_peak_s : c.service_time.mean();
    double cap = inf;
    if (c.type == Component::Type::Serverless) {
      const int limit = c.serverless ? c.serverless->concurrency_limit : 1000;
      r.max_replicas = limit;
      cap = threshold_ * limit / hold;
    } else if (c.type != Component::Type::Delay) {
      int reps = r.max_replicas;
      if (c.type == Component::Type::Topic && c.topic) reps = std::min(reps, c.topic->partitions);
      cap = threshold_ * reps * c.workers_per_replica / hold;
    }
    if (ct.pool_util_at_peak > 0 && ct.peak_offered_first_day > 0)
      cap = std::min(cap, ct.peak_offered_first_day * threshold_ * r.max_replicas / ct.pool_util_at_peak);
    if (c.rate_limit) cap = std::min(cap, c.rate_limit->rate_per_s * c.rate_limit->clients);
    r.capacity_per_s = cap;
    r.peak_offered_per_s = ct.peak_offered_first_day;
    r.growth_factor = r.peak_offered_per_s > 0 ? cap / r.peak_offered_per_s : inf;
    r.residual_capacity = std::isfinite(cap) && cap > 0 ? 1.0 - r.peak_offered_per_s / cap : 1.0;
  }
  res_.runways = runway_;
  std::stable_sort(res_.runways.begin(), res_.runways.end(), [](const Runway& a, const Runway& b) {
    if (a.breaks != b.breaks) return a.breaks;
    if (a.breaks) return a.break_at_s < b.break_at_s;
    return a.growth_factor < b.growth_factor;
  });
  if (!res_.runways.empty() && res_.runways.front().breaks) res_.first_to_break = res_.runways.front().component;
  std::stable_sort(res_.alerts.begin(), res_.alerts.end(), [](const AlertFiring& a, const AlertFiring& b) { return a.at_s < b.at_s; });
}

}  // namespace headroom::planning
