#include "simulator/hooks/keda_hook.h"

#include <cmath>
#include <cstdio>

#include "simulator/autoscaling/keda_scaler.h"

namespace headroom {
namespace {

// KEDA's loops run every pollingInterval (operator) and every 15 s (its HPA); a 5 s tick reaches both on time.
constexpr double kTick_s = 5.0;

autoscaling::KedaSpec toKedaSpec(const AutoscalingSpec& s) {
  autoscaling::KedaSpec k;
  k.polling_interval_s = static_cast<int>(std::lround(s.keda_polling_interval_s));
  k.cooldown_period_s = static_cast<int>(std::lround(s.keda_cooldown_period_s));
  k.min_replica_count = s.min_replicas;
  k.max_replica_count = s.max_replicas;
  k.metric_name = "lag";
  k.target_per_replica = s.keda_target_per_replica;
  k.activation_target = s.keda_activation_target;
  return k;
}

}  // namespace

KedaHook::KedaHook(std::string component, const AutoscalingSpec& spec)
    : name_(std::move(component)), spec_(spec), scaler_(std::make_unique<autoscaling::KedaScaler>(toKedaSpec(spec))) {}

KedaHook::~KedaHook() = default;

void KedaHook::onStart(EngineControl& engine) {
  component_ = engine.componentIndex(name_);
  engine.scheduleTimer(0, this, 0);
}

void KedaHook::onTimer(EngineControl& engine, std::uint32_t) {
  const ComponentCounters k = engine.counters(component_);
  autoscaling::KedaSyncInput in;
  in.now = engine.now();
  in.current_replicas = k.replicas_ready + k.replicas_starting;
  in.metric_value = static_cast<double>(k.waiting);
  const autoscaling::KedaDecision d = scaler_->sync(in);
  if (d.operator_polled || d.hpa_synced) {
    if (d.rescale) engine.setReplicas(component_, d.desired_replicas, secondsToSimTime(spec_.replica_startup_s));
    char buf[120];
    std::snprintf(buf, sizeof buf, "keda: lag %d (target %.4g per replica)%s; ", k.waiting, spec_.keda_target_per_replica,
                  d.active ? ", active" : "");
    engine.logDecision(component_, in.current_replicas, d.desired_replicas, buf + d.reason);
  }
  engine.scheduleTimer(addSimTime(engine.now(), secondsToSimTime(kTick_s)), this, 0);
}

}  // namespace headroom
