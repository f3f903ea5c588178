#include "simulator/autoscaling/hpa_controller.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "simulator/autoscaling/hpa_replica_calculator.h"

namespace headroom::autoscaling {
namespace {

void fail(const std::string& field, const std::string& why) {
  throw std::invalid_argument("HPA spec: " + field + ": " + why);
}

void validateRules(const HpaScalingRules& r, const std::string& where) {
  if (r.stabilization_window_s && (*r.stabilization_window_s < 0 || *r.stabilization_window_s > 3600))
    fail(where + ".stabilizationWindowSeconds", "must be between 0 and 3600");
  for (std::size_t i = 0; i < r.policies.size(); ++i) {
    const auto& p = r.policies[i];
    const std::string f = where + ".policies[" + std::to_string(i) + "]";
    if (p.value <= 0) fail(f + ".value", "must be greater than 0");
    if (p.period_s <= 0 || p.period_s > 1800) fail(f + ".periodSeconds", "must be between 1 and 1800");
  }
  if (r.tolerance && !(*r.tolerance >= 0.0)) fail(where + ".tolerance", "must be >= 0");
}

const char* sourceName(HpaMetricSource s) {
  switch (s) {
    case HpaMetricSource::Resource: return "Resource";
    case HpaMetricSource::Pods: return "Pods";
    case HpaMetricSource::Object: return "Object";
    case HpaMetricSource::External: return "External";
  }
  return "?";
}

std::string describeWindow(const std::vector<TimestampedRecommendation>& w) {
  std::ostringstream os;
  os << "[";
  for (std::size_t i = 0; i < w.size(); ++i)
    os << (i ? ", " : "") << w[i].replicas << "@" << simTimeToSeconds(w[i].time) << "s";
  os << "]";
  return os.str();
}

}  // namespace

HpaController::HpaController(HpaSpec spec, HpaControllerConfig config) : spec_(std::move(spec)), config_(config) {
  if (spec_.max_replicas < 1) fail("maxReplicas", "must be at least 1");
  if (spec_.min_replicas < 0) fail("minReplicas", "must not be negative");
  if (spec_.min_replicas > spec_.max_replicas) fail("minReplicas", "must not exceed maxReplicas");
  if (spec_.metrics.empty()) fail("metrics", "at least one metric is required");
  for (std::size_t i = 0; i < spec_.metrics.size(); ++i) {
    const HpaMetricSpec& m = spec_.metrics[i];
    const std::string f = "metrics[" + std::to_string(i) + "]";
    if (m.name.empty()) fail(f + ".name", "must not be empty");
    if (!(m.target > 0.0) || !std::isfinite(m.target)) fail(f + ".target", "must be a positive number");
    const bool okType =
        (m.source == HpaMetricSource::Resource && m.target_type != HpaTargetType::Value) ||
        (m.source == HpaMetricSource::Pods && m.target_type == HpaTargetType::AverageValue) ||
        ((m.source == HpaMetricSource::Object || m.source == HpaMetricSource::External) &&
         m.target_type != HpaTargetType::Utilization);
    if (!okType) fail(f + ".target.type", std::string("not allowed for a ") + sourceName(m.source) + " metric");
  }
  if (!(config_.tolerance >= 0.0)) fail("tolerance", "must be >= 0");
  if (spec_.behavior) {
    validateRules(spec_.behavior->scale_up, "behavior.scaleUp");
    validateRules(spec_.behavior->scale_down, "behavior.scaleDown");
    up_rules_ = effectiveRules(spec_.behavior->scale_up, true, config_);
    down_rules_ = effectiveRules(spec_.behavior->scale_down, false, config_);
  }
}

HpaScalingRules HpaController::effectiveRules(const HpaScalingRules& rules, bool scaleUp,
                                              const HpaControllerConfig& config) {
  HpaScalingRules r = rules;
  if (!r.stabilization_window_s) r.stabilization_window_s = scaleUp ? 0 : config.downscale_stabilization_s;
  if (r.policies.empty()) {
    if (scaleUp)
      r.policies = {{HpaPolicyType::Pods, 4, 15}, {HpaPolicyType::Percent, 100, 15}};
    else
      r.policies = {{HpaPolicyType::Percent, 100, 15}};
  }
  if (!r.select_policy) r.select_policy = HpaSelectPolicy::Max;
  if (!r.tolerance) r.tolerance = config.tolerance;
  return r;
}

ScalingDecision HpaController::sync(const HpaSyncInput& in) {
  ScalingDecision d;
  d.time = in.now;
  const int current = in.current_replicas;
  d.current_replicas = current;
  d.desired_replicas = current;
  const int minReplicas = spec_.min_replicas;
  if (!window_initialized_) {
    // recordInitialRecommendation(): a (re)started controller must not scale down at once, so the first
    // recorded recommendation is the current size, whatever branch this sync takes.
    recommendations_.push_back({in.now, current});
    window_initialized_ = true;
  }

  if (current == 0 && minReplicas != 0) {
    d.reason = "ScalingDisabled: scaling is disabled since the replica count of the target is zero";
    return d;
  }
  int desired = 0;
  if (current > spec_.max_replicas) {
    desired = spec_.max_replicas;
    d.reason = "Current number of replicas above Spec.MaxReplicas";
  } else if (current < minReplicas) {
    desired = minReplicas;
    d.reason = "Current number of replicas below Spec.MinReplicas";
  } else {
    HpaTolerances tol{config_.tolerance, config_.tolerance};
    if (spec_.behavior) tol = {*down_rules_.tolerance, *up_rules_.tolerance};
    int best = 0;
    std::string bestName;
    int invalid = 0;
    std::string firstError;
    for (std::size_t i = 0; i < spec_.metrics.size(); ++i) {
      HpaMetricProposal p = computeMetricProposal(spec_.metrics[i], static_cast<int>(i), in, config_, tol);
      if (!p.valid) {
        if (invalid == 0) firstError = p.metric_name + ": " + p.error;
        ++invalid;
      } else if (best == 0 || p.replicas > best) {
        best = p.replicas;
        bestName = p.metric_name;
      }
      d.metrics.push_back(std::move(p));
    }
    const int n = static_cast<int>(spec_.metrics.size());
    if (invalid >= n || (invalid > 0 && best < current)) {
      // Never scale on partial metrics when that would scale down (autoscaling.md §2).
      d.reason = "FailedGetMetrics: " + firstError +
                 (invalid < n ? " (valid metrics propose " + std::to_string(best) + " < current, not scaling)" : "");
      return d;
    }
    d.metrics_computed = true;
    d.metric_recommendation = best;
    desired = best;
    std::string why;
    if (desired > current) why = bestName + " above target";
    else if (desired < current) why = "All metrics below target";
    else why = "All metrics at target";
    desired = spec_.behavior ? normalizeWithBehavior(in.now, current, desired, d)
                             : normalizeLegacy(in.now, current, desired, d);
    std::ostringstream os;
    os << why << ": metrics propose " << d.metric_recommendation << ", stabilized " << d.stabilization.stabilized
       << " (" << d.stabilization.condition << "), limited " << desired << " (" << d.rate_limit.condition << ")";
    if (d.stabilization.condition == "ScaleDownStabilized")
      os << "; highest recommendation in window " << describeWindow(d.stabilization.down_window);
    else if (d.stabilization.condition == "ScaleUpStabilized")
      os << "; lowest recommendation in window " << describeWindow(d.stabilization.up_window);
    if (invalid > 0) os << "; ignoring failed metric " << firstError;
    d.reason = os.str();
  }
  d.desired_replicas = desired;
  d.rescale = desired != current;
  if (d.rescale) storeScaleEvent(in.now, current, desired);
  else d.desired_replicas = current;
  return d;
}

int HpaController::normalizeLegacy(SimTime now, int current, int desired, ScalingDecision& d) {
  // Max of the recommendations not older than the downscale window, this one included.
  const SimTime cutoff = now - config_.downscale_stabilization_s * kNanosPerSecond;
  int maxRec = desired;
  std::vector<TimestampedRecommendation> kept;
  for (const auto& r : recommendations_) {
    if (r.time < cutoff) continue;
    d.stabilization.down_window.push_back(r);
    maxRec = std::max(maxRec, r.replicas);
    kept.push_back(r);
  }
  kept.push_back({now, desired});
  recommendations_ = std::move(kept);
  d.stabilization.raw_recommendation = desired;
  d.stabilization.stabilized = maxRec;
  d.stabilization.down_limit = maxRec;
  d.stabilization.condition = maxRec != desired ? "ScaleDownStabilized" : "ReadyForNewScale";

  // Clamp to [min, min(max, max(2*current, 4))].
  HpaRateLimitStep& rl = d.rate_limit;
  const int scaleUpLimit = static_cast<int>(std::max(2.0 * current, 4.0));
  rl.selected_limit = scaleUpLimit;
  rl.scale_up = maxRec > current;
  rl.scale_down = maxRec < current;
  rl.min_allowed = spec_.min_replicas;
  std::string limiting;
  if (spec_.max_replicas > scaleUpLimit) {
    rl.max_allowed = scaleUpLimit;
    limiting = "ScaleUpLimit";
  } else {
    rl.max_allowed = spec_.max_replicas;
    limiting = "TooManyReplicas";
  }
  if (maxRec < rl.min_allowed) {
    rl.result = rl.min_allowed;
    rl.condition = "TooFewReplicas";
  } else if (maxRec > rl.max_allowed) {
    rl.result = rl.max_allowed;
    rl.condition = limiting;
  } else {
    rl.result = maxRec;
    rl.condition = "DesiredWithinRange";
  }
  return rl.result;
}

int HpaController::normalizeWithBehavior(SimTime now, int current, int desired, ScalingDecision& d) {
  HpaStabilizationStep& st = d.stabilization;
  st.raw_recommendation = desired;
  const SimTime upCutoff = now - *up_rules_.stabilization_window_s * kNanosPerSecond;
  const SimTime downCutoff = now - *down_rules_.stabilization_window_s * kNanosPerSecond;
  int upRec = desired;
  int downRec = desired;
  std::vector<TimestampedRecommendation> kept;
  for (const auto& r : recommendations_) {
    if (r.time > upCutoff) {
      upRec = std::min(upRec, r.replicas);
      st.up_window.push_back(r);
    }
    if (r.time > downCutoff) {
      downRec = std::max(downRec, r.replicas);
      st.down_window.push_back(r);
    }
    if (!(r.time < upCutoff && r.time < downCutoff)) kept.push_back(r);
  }
  int rec = current;
  if (rec < upRec) rec = upRec;
  if (rec > downRec) rec = downRec;
  kept.push_back({now, desired});
  recommendations_ = std::move(kept);
  st.up_limit = upRec;
  st.down_limit = downRec;
  st.stabilized = rec;
  if (rec == desired) st.condition = "ReadyForNewScale";
  else st.condition = desired >= current ? "ScaleUpStabilized" : "ScaleDownStabilized";

  HpaRateLimitStep& rl = d.rate_limit;
  rl.result = rec;
  rl.condition = "DesiredWithinRange";
  rl.min_allowed = spec_.min_replicas;
  rl.max_allowed = spec_.max_replicas;
  if (rec == current) return rec;
  const bool up = rec > current;
  const HpaScalingRules& rules = up ? up_rules_ : down_rules_;
  rl.scale_up = up;
  rl.scale_down = !up;
  int limit = current;
  if (*rules.select_policy != HpaSelectPolicy::Disabled) {
    // Max means "the biggest change": the largest limit going up, the smallest going down.
    const bool pickLargest = (*rules.select_policy == HpaSelectPolicy::Max) == up;
    limit = pickLargest ? INT_MIN : INT_MAX;
    for (const HpaScalingPolicy& p : rules.policies) {
      HpaPolicyLimit pl;
      pl.policy = p;
      pl.replicas_added_in_period = replicasChangedInPeriod(now, p.period_s, scale_up_events_);
      pl.replicas_removed_in_period = replicasChangedInPeriod(now, p.period_s, scale_down_events_);
      pl.period_start_replicas = current - pl.replicas_added_in_period + pl.replicas_removed_in_period;
      const double start = pl.period_start_replicas;
      if (p.type == HpaPolicyType::Pods)
        pl.proposed = up ? pl.period_start_replicas + p.value : pl.period_start_replicas - p.value;
      else
        pl.proposed = up ? static_cast<int>(std::ceil(start * (1.0 + p.value / 100.0)))
                         : static_cast<int>(start * (1.0 - p.value / 100.0));  // truncation, as in Go
      limit = pickLargest ? std::max(limit, pl.proposed) : std::min(limit, pl.proposed);
      rl.limits.push_back(pl);
    }
  }
  rl.selected_limit = limit;
  if (up) {
    if (limit < current) limit = current;  // no further scale-up until old events leave the period
    std::string limiting;
    if (spec_.max_replicas > limit) {
      rl.max_allowed = limit;
      limiting = "ScaleUpLimit";
    } else {
      limiting = "TooManyReplicas";
    }
    if (rec > rl.max_allowed) {
      rl.result = rl.max_allowed;
      rl.condition = limiting;
    }
  } else {
    if (limit > current) limit = current;
    std::string limiting;
    if (spec_.min_replicas < limit) {
      rl.min_allowed = limit;
      limiting = "ScaleDownLimit";
    } else {
      limiting = "TooFewReplicas";
    }
    if (rec < rl.min_allowed) {
      rl.result = rl.min_allowed;
      rl.condition = limiting;
    }
  }
  return rl.result;
}

int HpaController::replicasChangedInPeriod(SimTime now, int periodSeconds,
                                           const std::vector<HpaScaleEvent>& events) const {
  const SimTime cutoff = now - periodSeconds * kNanosPerSecond;
  int replicas = 0;
  for (const HpaScaleEvent& e : events)
    if (e.time > cutoff) replicas += e.change;
  return replicas;
}

void HpaController::storeScaleEvent(SimTime now, int previous, int next) {
  if (!spec_.behavior) return;  // only the behavior rate limits read them
  const bool up = next > previous;
  const HpaScalingRules& rules = up ? up_rules_ : down_rules_;
  int longest = 0;
  for (const auto& p : rules.policies) longest = std::max(longest, p.period_s);
  auto& events = up ? scale_up_events_ : scale_down_events_;
  const SimTime cutoff = now - longest * kNanosPerSecond;
  std::erase_if(events, [cutoff](const HpaScaleEvent& e) { return e.time <= cutoff; });
  events.push_back({now, up ? next - previous : previous - next});
}

}  // namespace headroom::autoscaling
