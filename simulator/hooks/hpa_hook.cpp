#include "simulator/hooks/hpa_hook.h"

#include <cmath>
#include <cstdio>

#include "simulator/autoscaling/hpa_controller.h"

namespace headroom {
namespace {

enum Tag : std::uint32_t { kSync = 0, kScrape = 1 };

autoscaling::HpaSpec toControllerSpec(const AutoscalingSpec& s) {
  using namespace autoscaling;
  HpaSpec h;
  h.min_replicas = s.min_replicas;
  h.max_replicas = s.max_replicas;
  for (const auto& m : s.metrics) {
    HpaMetricSpec ms;
    switch (m.type) {
      case HpaMetricTarget::Type::CpuUtilization:
        ms = {HpaMetricSource::Resource, "cpu", HpaTargetType::Utilization, m.target};
        break;
      case HpaMetricTarget::Type::RequestsPerSecondPerReplica:
        ms = {HpaMetricSource::Pods, "requests_per_second", HpaTargetType::AverageValue, m.target};
        break;
      case HpaMetricTarget::Type::QueueLengthPerReplica:
        ms = {HpaMetricSource::External, "queue_length", HpaTargetType::AverageValue, m.target};
        break;
      case HpaMetricTarget::Type::MemoryUtilization:
        ms = {HpaMetricSource::Resource, "memory", HpaTargetType::Utilization, m.target};
        break;
      case HpaMetricTarget::Type::ObjectRequestsPerSecond:
        ms = {HpaMetricSource::Object, "requests_per_second", HpaTargetType::AverageValue, m.target};
        break;
    }
    h.metrics.push_back(ms);
  }
  if (s.has_behavior) {
    auto rules = [](const HpaDirectionSpec& d) {
      HpaScalingRules r;
      r.stabilization_window_s = d.stabilization_window_s;
      for (const auto& p : d.policies)
        r.policies.push_back({p.type == HpaPolicySpec::Type::Pods ? HpaPolicyType::Pods : HpaPolicyType::Percent, p.value,
                              p.period_s});
      if (d.select_policy)
        r.select_policy = *d.select_policy == HpaDirectionSpec::Select::Max   ? HpaSelectPolicy::Max
                          : *d.select_policy == HpaDirectionSpec::Select::Min ? HpaSelectPolicy::Min
                                                                               : HpaSelectPolicy::Disabled;
      return r;
    };
    h.behavior = HpaBehavior{rules(s.scale_up), rules(s.scale_down)};
  }
  return h;
}

autoscaling::HpaControllerConfig toControllerConfig(const AutoscalingSpec& s) {
  autoscaling::HpaControllerConfig c;
  c.tolerance = s.tolerance;
  c.cpu_initialization_period_s = static_cast<int>(s.cpu_initialization_period_s);
  c.initial_readiness_delay_s = static_cast<int>(s.initial_readiness_delay_s);
  return c;
}

}  // namespace

HpaHook::HpaHook(std::string component, const AutoscalingSpec& spec, std::optional<PodResources> pod)
    : name_(std::move(component)),
      spec_(spec),
      controller_(std::make_unique<autoscaling::HpaController>(toControllerSpec(spec), toControllerConfig(spec))),
      pod_(pod.value_or(PodResources{})) {}

HpaHook::~HpaHook() = default;

void HpaHook::onStart(EngineControl& engine) {
  component_ = engine.componentIndex(name_);
  scrape(engine);
  engine.scheduleTimer(secondsToSimTime(spec_.metrics_window_s), this, kScrape);
  engine.scheduleTimer(secondsToSimTime(spec_.sync_period_s), this, kSync);
}

void HpaHook::onTimer(EngineControl& engine, std::uint32_t tag) {
  if (tag == kScrape) {
    scrape(engine);
    engine.scheduleTimer(addSimTime(engine.now(), secondsToSimTime(spec_.metrics_window_s)), this, kScrape);
  } else {
    sync(engine);
    engine.scheduleTimer(addSimTime(engine.now(), secondsToSimTime(spec_.sync_period_s)), this, kSync);
  }
}

void HpaHook::scrape(EngineControl& engine) {
  scrapes_.push_back({engine.now(), engine.replicas(component_), engine.counters(component_).arrivals});
  // Keep what the lag and one window need, plus one spare scrape.
  const SimTime keep = secondsToSimTime(spec_.metrics_lag_s + 2 * spec_.metrics_window_s) + 1;
  while (scrapes_.size() > 2 && engine.now() - scrapes_.front().time > keep) scrapes_.pop_front();
}

// The same replica (slot and creation time) in an earlier scrape, or null.
const ReplicaInfo* HpaHook::find(const Scrape& s, const ReplicaInfo& r) const {
  for (const auto& x : s.replicas)
    if (x.slot == r.slot && x.created_at == r.created_at) return &x;
  return nullptr;
}

void HpaHook::sync(EngineControl& engine) {
  using namespace autoscaling;
  const SimTime now = engine.now();
  const ComponentCounters k = engine.counters(component_);
  // The newest scrape old enough to have reached the controller, and the one a window before it.
  const SimTime readable = now - secondsToSimTime(spec_.metrics_lag_s);
  const Scrape* end = nullptr;
  const Scrape* begin = nullptr;
  for (auto it = scrapes_.rbegin(); it != scrapes_.rend(); ++it)
    if (it->time <= readable) {
      end = &*it;
      break;
    }
  if (end)
    for (const auto& s : scrapes_)
      if (s.time < end->time && end->time - s.time >= secondsToSimTime(spec_.metrics_window_s) - 1) begin = &s;

  HpaSyncInput in;
  in.now = now;
  in.current_replicas = k.replicas_ready + k.replicas_starting;
  for (const auto& r : engine.replicas(component_)) {
    HpaPod pod;
    pod.name = name_ + "-" + std::to_string(r.slot) + "@" + std::to_string(r.created_at);
    pod.phase = r.phase == ReplicaInfo::Phase::Starting   ? PodPhase::Pending
                : r.phase == ReplicaInfo::Phase::Draining ? PodPhase::Deleting
                                                          : PodPhase::Running;
    pod.start_time = r.created_at;
    pod.ready = r.phase == ReplicaInfo::Phase::Ready;
    pod.ready_transition_time = r.phase == ReplicaInfo::Phase::Starting ? r.created_at : r.ready_at;
    pod.requests["cpu"] = pod_.cpu_request_cores > 0 ? pod_.cpu_request_cores : r.workers;  // default: one core per worker
    pod.requests["memory"] = pod_.memory_gib;
    if (end && begin) {
      const ReplicaInfo* a = find(*begin, r);
      const ReplicaInfo* b = find(*end, r);
      if (a && b) {
        const SimTime window = end->time - begin->time;
        const double window_s = simTimeToSeconds(window);
        pod.samples["cpu"] = {(b->cpu_busy_ns - a->cpu_busy_ns) / static_cast<double>(window), end->time, window};
        pod.samples["requests_per_second"] = {static_cast<double>(b->arrivals - a->arrivals) / window_s, end->time, window};
        // Working set at the scrape: a base plus a share per request present (GiB, like the request).
        pod.samples["memory"] = {pod_.memory_base_gib + static_cast<double>(b->present) * pod_.memory_per_request_mib / 1024.0,
                                 end->time, window};
      }
    }
    in.pods.push_back(std::move(pod));
  }
  in.external_values["queue_length"] = {static_cast<double>(k.waiting)};
  if (end && begin && end->time > begin->time)
    in.object_values["requests_per_second"] = static_cast<double>(end->arrivals - begin->arrivals) / simTimeToSeconds(end->time - begin->time);

  const ScalingDecision d = controller_->sync(in);
  if (d.rescale) engine.setReplicas(component_, d.desired_replicas, secondsToSimTime(spec_.replica_startup_s));
  // The reason plus the numbers behind each metric's proposal: what a user needs to see why (not) at 14:02.
  std::string reason = d.reason;
  for (const auto& m : d.metrics) {
    char buf[200];
    if (m.valid)
      std::snprintf(buf, sizeof buf, "; %s %.4g (target %.4g) -> %d replicas [%zu ready, %zu unready, %zu missing]",
                    m.metric_name.c_str(), m.current, m.target, m.replicas, m.pods.ready.size(), m.pods.unready.size(),
                    m.pods.missing.size());
    else
      std::snprintf(buf, sizeof buf, "; %s unavailable: %s", m.metric_name.c_str(), m.error.c_str());
    reason += buf;
  }
  engine.logDecision(component_, in.current_replicas, d.desired_replicas, reason);
}

}  // namespace headroom
