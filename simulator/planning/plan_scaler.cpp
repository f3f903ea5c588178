#include "simulator/planning/plan_scaler.h"

#include <algorithm>
#include <cmath>

#include "simulator/autoscaling/hpa_controller.h"
#include "simulator/autoscaling/keda_scaler.h"
#include "simulator/autoscaling/spec_from_model.h"

namespace headroom::planning {
namespace {

constexpr double kSteadySync_s = 300.0;

void addWarning(std::vector<std::string>& w, const std::string& s) {
  if (std::find(w.begin(), w.end(), s) == w.end()) w.push_back(s);
}

}  // namespace

ReplicaScaler::ReplicaScaler(const Scenario& sc, const Component& c, std::vector<std::string>& warnings)
    : component_(c) {
  ready_ = desired_ = min_ = max_ = c.replicas;
  cpu_request_ = c.pod && c.pod->cpu_request_cores > 0 ? c.pod->cpu_request_cores : c.workers_per_replica;
  const std::string where = "component '" + c.name + "'";
  if (c.autoscaling) {
    const AutoscalingSpec& a = *c.autoscaling;
    min_ = a.min_replicas;
    max_ = a.max_replicas;
    startup_s_ = a.replica_startup_s;
    switch (a.kind) {
      case AutoscalingSpec::Kind::KubernetesHpa:
        kind_ = Kind::Hpa;
        period_s_ = a.sync_period_s;
        hpa_ = std::make_unique<autoscaling::HpaController>(autoscaling::hpaSpecFromModel(a), autoscaling::hpaConfigFromModel(a));
        addWarning(warnings, where + ": HPA metrics read without the metrics-server lag (" +
                                 std::to_string(static_cast<int>(a.metrics_lag_s)) + " s): scale-ups come slightly early");
        break;
      case AutoscalingSpec::Kind::Keda:
        kind_ = Kind::Keda;
        period_s_ = 5.0;  // the KEDA hook's tick: reaches both the operator's poll and its HPA on time
        keda_ = std::make_unique<autoscaling::KedaScaler>(autoscaling::kedaSpecFromModel(a));
        break;
      case AutoscalingSpec::Kind::Aws: {
        kind_ = Kind::AwsTarget;
        period_s_ = 60.0;  // one CloudWatch datapoint per minute
        bool tracked = false;
        for (const AwsPolicySpec& p : a.aws_policies) tracked |= p.type == AwsPolicySpec::Type::TargetTracking;
        if (!tracked) kind_ = Kind::Fixed;
        if (!tracked || a.aws_policies.size() > 1 || !a.aws_scheduled_actions.empty())
          addWarning(warnings, where + ": only AWS target tracking is applied by the plan (step, simple, predictive "
                                       "policies and scheduled actions are not): check with `run`");
        break;
      }
    }
    ready_ = desired_ = std::clamp(c.replicas, min_, max_);
  }
  if (sc.cluster && c.pod) {
    double cores = 0.0;
    for (const NodePoolSpec& p : sc.cluster->node_pools) cores += p.max_nodes * std::floor(p.cpu_cores / cpu_request_) * cpu_request_;
    const int cap = static_cast<int>(std::floor(cores / cpu_request_ + 1e-9));
    if (cap < max_) {
      max_ = std::max(1, cap);
      node_capped_ = true;
    }
    addWarning(warnings, "cluster: node capacity caps each component as if it had the cluster alone, and new nodes are "
                         "ready at once (the Cluster Autoscaler's delays are not planned)");
  }
  ready_at_s_.assign(static_cast<std::size_t>(ready_), -1e18);
  next_sync_s_ = period_s_;
}

ReplicaScaler::~ReplicaScaler() = default;

void ReplicaScaler::apply(double now_s, int desired) {
  desired = std::clamp(desired, kind_ == Kind::Keda ? std::min(min_, 0) : min_, max_);
  if (desired == desired_) return;
  if (desired > desired_)
    for (int i = desired_; i < desired; ++i) ready_at_s_.push_back(now_s + startup_s_);
  else
    ready_at_s_.resize(static_cast<std::size_t>(desired));
  desired_ = desired;
  last_scale_s_ = now_s;
}

void ReplicaScaler::syncHpa(double now_s, const ScalerMetrics& m) {
  using namespace autoscaling;
  HpaSyncInput in;
  const SimTime now = secondsToSimTime(now_s);
  in.now = now;
  in.current_replicas = desired_;
  const double per_ready_rps = ready_ > 0 ? m.arrivals_per_s / ready_ : 0.0;
  const double present = ready_ > 0 ? m.in_system / ready_ : 0.0;
  const PodResources pod = component_.pod.value_or(PodResources{});
  for (std::size_t i = 0; i < ready_at_s_.size(); ++i) {
    HpaPod p;
    p.name = component_.name + "-" + std::to_string(i);
    const bool isReady = ready_at_s_[i] <= now_s;
    p.phase = isReady ? PodPhase::Running : PodPhase::Pending;
    const double created = std::max(-1e9, ready_at_s_[i] - startup_s_);
    p.start_time = secondsToSimTime(std::max(0.0, created));
    p.ready = isReady;
    p.ready_transition_time = secondsToSimTime(std::max(0.0, isReady ? ready_at_s_[i] : created));
    p.requests["cpu"] = cpu_request_;
    p.requests["memory"] = pod.memory_gib;
    if (isReady) {
      const SimTime window = 15 * kNanosPerSecond;
      p.samples["cpu"] = {m.utilization * component_.workers_per_replica, now, window};
      p.samples["requests_per_second"] = {per_ready_rps, now, window};
      p.samples["memory"] = {pod.memory_base_gib + present * pod.memory_per_request_mib / 1024.0, now, window};
    }
    in.pods.push_back(std::move(p));
  }
  in.external_values["queue_length"] = {m.waiting};
  in.object_values["requests_per_second"] = m.arrivals_per_s;
  const ScalingDecision d = hpa_->sync(in);
  if (d.rescale) apply(now_s, d.desired_replicas);
}

void ReplicaScaler::advance(double now_s, const ScalerMetrics& m) {
  while (kind_ != Kind::Fixed && next_sync_s_ <= now_s + 1e-9) {
    const double t = next_sync_s_;
    next_sync_s_ += period_s_;
    switch (kind_) {
      case Kind::Hpa: {
        // Thinning for months-long plans: while the inputs stay within 1% of the last sync that changed nothing
        // and no pod is starting, the controller would repeat itself; consult it every 5 minutes at most (a
        // scale-down may come up to that much later; a scale-up needs a changed input and is not delayed).
        const bool starting = !ready_at_s_.empty() && ready_at_s_.back() > t;
        const auto near = [](double a, double b) { return std::abs(a - b) <= 0.01 * std::max(std::abs(b), 1e-9); };
        const bool steady = last_unchanged_ && !starting && near(m.utilization, last_.utilization) &&
                            near(m.arrivals_per_s, last_.arrivals_per_s) && near(m.waiting, last_.waiting) &&
                            t - last_sync_s_ < kSteadySync_s;
        if (steady) break;
        const int before = desired_;
        syncHpa(t, m);
        last_unchanged_ = desired_ == before;
        last_ = m;
        last_sync_s_ = t;
        break;
      }
      case Kind::Keda: {
        autoscaling::KedaSyncInput in;
        in.now = secondsToSimTime(t);
        in.current_replicas = desired_;
        in.metric_value = m.waiting;
        const autoscaling::KedaDecision d = keda_->sync(in);
        if (d.rescale) apply(t, d.desired_replicas);
        break;
      }
      case Kind::AwsTarget: {
        const AutoscalingSpec& a = *component_.autoscaling;
        for (const AwsPolicySpec& p : a.aws_policies) {
          if (p.type != AwsPolicySpec::Type::TargetTracking || !(p.target > 0)) continue;
          const double value = p.metric == AwsPolicySpec::Metric::CpuUtilization      ? 100.0 * m.utilization
                               : p.metric == AwsPolicySpec::Metric::RequestsPerInstance ? (ready_ > 0 ? 60.0 * m.arrivals_per_s / ready_ : 0.0)
                                                                                        : (ready_ > 0 ? m.waiting / ready_ : 0.0);
          const int want = static_cast<int>(std::ceil(std::max(1, ready_) * value / p.target - 1e-9));
          if (want > desired_ && t - last_scale_s_ >= std::min(60, p.instance_warmup_s)) apply(t, want);
          else if (want < desired_ && !p.disable_scale_in && t - last_scale_s_ >= 300.0) apply(t, std::max(want, desired_ - 1));
          break;
        }
        break;
      }
      case Kind::Fixed:
        break;
    }
  }
  ready_ = 0;
  for (double r : ready_at_s_) ready_ += r <= now_s ? 1 : 0;
}

}  // namespace headroom::planning
