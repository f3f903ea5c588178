#include "simulator/autoscaling/keda_scaler.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace headroom::autoscaling {
namespace {

void fail(const std::string& field, const std::string& why) {
  throw std::invalid_argument("KEDA ScaledObject: " + field + ": " + why);
}

const KedaSpec& validated(const KedaSpec& s) {
  if (s.polling_interval_s <= 0) fail("pollingInterval", "must be > 0 s");
  if (s.cooldown_period_s < 0) fail("cooldownPeriod", "must be >= 0 s");
  if (s.min_replica_count < 0) fail("minReplicaCount", "must be >= 0");
  if (s.max_replica_count < std::max(1, s.min_replica_count))
    fail("maxReplicaCount", "must be >= max(1, minReplicaCount)");
  if (s.idle_replica_count && *s.idle_replica_count >= s.min_replica_count && s.min_replica_count > 0)
    fail("idleReplicaCount", "must be lower than minReplicaCount");
  if (!(s.target_per_replica > 0.0)) fail("trigger target", "must be > 0");
  if (s.fallback && (s.fallback->failure_threshold < 1 || s.fallback->replicas < 1))
    fail("fallback", "failureThreshold and replicas must be >= 1");
  if (s.hpa_sync_period_s <= 0) fail("hpa sync period", "must be > 0 s");
  return s;
}

}  // namespace

HpaSpec KedaScaler::hpaSpecFor(const KedaSpec& s) {
  HpaSpec h;
  h.min_replicas = std::max(1, s.min_replica_count);
  h.max_replicas = s.max_replica_count;
  h.metrics.push_back({HpaMetricSource::External, s.metric_name, HpaTargetType::AverageValue, s.target_per_replica});
  h.behavior = s.behavior;
  return h;
}

KedaScaler::KedaScaler(KedaSpec spec) : spec_(validated(spec)), hpa_(hpaSpecFor(spec_), spec_.hpa_config) {}

KedaDecision KedaScaler::sync(const KedaSyncInput& in) {
  KedaDecision d;
  d.time = in.now;
  d.current_replicas = in.current_replicas;
  d.desired_replicas = in.current_replicas;
  const int current = in.current_replicas;
  const bool pollDue = in.now >= next_poll_;
  const bool hpaDue = in.now >= next_hpa_sync_ && current >= 1;
  if (!pollDue && !hpaDue) {
    d.reason = "no loop due";
    d.consecutive_failures = failures_;
    d.last_active_time = last_active_;
    return d;
  }
  // Every query of the scaler (operator poll or HPA metric request) updates its health.
  failures_ = in.metric_value ? 0 : failures_ + 1;
  const bool fallback = spec_.fallback && failures_ >= spec_.fallback->failure_threshold;
  d.fallback_active = fallback;
  d.consecutive_failures = failures_;
  std::ostringstream why;

  if (pollDue) {
    d.operator_polled = true;
    next_poll_ = in.now + spec_.polling_interval_s * kNanosPerSecond;
    d.active = in.metric_value && *in.metric_value > spec_.activation_target;
    if (d.active) last_active_ = in.now;
    const int idle = spec_.idle_replica_count.value_or(0);
    if (d.active && (current == 0 || (spec_.idle_replica_count && current == idle))) {
      d.desired_replicas = std::max(1, spec_.min_replica_count);
      why << "activated: metric " << *in.metric_value << " > activation " << spec_.activation_target
          << ", scale from " << current << " to " << d.desired_replicas;
    } else if (!in.metric_value && fallback && spec_.fallback->replicas != current) {
      d.desired_replicas = spec_.fallback->replicas;
      why << "fallback: " << failures_ << " consecutive failed queries >= failureThreshold "
          << spec_.fallback->failure_threshold << ", scale to fallback.replicas " << d.desired_replicas;
    } else if (in.metric_value && !d.active && current > 0 && spec_.min_replica_count == 0 &&
               current != idle) {
      // KEDA scales to zero at once when it never saw activity (no lastActiveTime), otherwise strictly after
      // lastActiveTime + cooldownPeriod.
      const SimTime cooldownEnd =
          last_active_ ? *last_active_ + spec_.cooldown_period_s * kNanosPerSecond : in.now - 1;
      if (cooldownEnd < in.now) {
        d.desired_replicas = idle;
        why << "inactive: metric " << *in.metric_value << " <= activation " << spec_.activation_target
            << " and cooldown " << spec_.cooldown_period_s << " s elapsed, scale to " << idle;
      } else {
        why << "inactive, waiting for cooldown until t=" << simTimeToSeconds(cooldownEnd) << " s";
      }
    }
    if (d.desired_replicas != current) {
      d.rescale = true;
      d.reason = why.str();
      d.last_active_time = last_active_;
      next_hpa_sync_ = in.now + spec_.hpa_sync_period_s * kNanosPerSecond;
      return d;
    }
  }

  if (hpaDue) {
    d.hpa_synced = true;
    next_hpa_sync_ = in.now + spec_.hpa_sync_period_s * kNanosPerSecond;
    HpaSyncInput h;
    h.now = in.now;
    h.current_replicas = current;
    if (in.metric_value)
      h.external_values[spec_.metric_name] = {*in.metric_value};
    else if (fallback)
      // KEDA's metrics adapter answers with fallback.replicas * target so the HPA lands on fallback.replicas.
      h.external_values[spec_.metric_name] = {spec_.fallback->replicas * spec_.target_per_replica};
    d.hpa = hpa_.sync(h);
    d.desired_replicas = d.hpa->desired_replicas;
    d.rescale = d.hpa->rescale;
    if (why.tellp() > 0) why << "; ";
    why << "HPA: " << d.hpa->reason;
  }
  d.reason = why.str();
  d.last_active_time = last_active_;
  return d;
}

}  // namespace headroom::autoscaling
