#include "simulator/autoscaling/hpa_replica_calculator.h"

#include <cmath>
#include <cstdint>
#include <sstream>

namespace headroom::autoscaling {
namespace {

// Kubernetes quantities are compared as int64 milli-values; keeping that makes the integer truncations of
// utilization and average usage identical to the real controller.
std::int64_t toMilli(double v) { return static_cast<std::int64_t>(std::llround(v * 1000.0)); }
double fromMilli(std::int64_t m) { return static_cast<double>(m) / 1000.0; }

struct PodValue {
  std::string name;
  std::int64_t milli = 0;
};

struct Grouping {
  HpaPodGroups groups;
  std::vector<PodValue> metrics;  // ready pods with their samples
};

// groupPods(): the readiness rules of autoscaling.md §4. Only cpu samples get the readiness treatment.
Grouping groupPods(const HpaSyncInput& in, const std::string& metricName, bool isCpu,
                   const HpaControllerConfig& cfg) {
  Grouping g;
  const SimTime initPeriod = cfg.cpu_initialization_period_s * kNanosPerSecond;
  const SimTime readinessDelay = cfg.initial_readiness_delay_s * kNanosPerSecond;
  for (const HpaPod& pod : in.pods) {
    if (pod.phase == PodPhase::Deleting || pod.phase == PodPhase::Failed) {
      g.groups.ignored.push_back(pod.name);
      continue;
    }
    if (pod.phase == PodPhase::Pending) {
      g.groups.unready.push_back(pod.name);
      continue;
    }
    const auto sample = pod.samples.find(metricName);
    if (sample == pod.samples.end()) {
      g.groups.missing.push_back(pod.name);
      continue;
    }
    if (isCpu) {
      bool unready = false;
      if (!pod.has_ready_condition || !pod.start_time) {
        unready = true;
      } else if (*pod.start_time + initPeriod > in.now) {
        // Inside the initialization period a sample is trusted only if the pod is ready and a whole metric
        // window has been collected since it became ready.
        unready = !pod.ready || sample->second.timestamp < pod.ready_transition_time + sample->second.window;
      } else {
        // Afterwards only a pod that has never been ready is ignored.
        unready = !pod.ready && *pod.start_time + readinessDelay > pod.ready_transition_time;
      }
      if (unready) {
        g.groups.unready.push_back(pod.name);
        continue;
      }
    }
    g.groups.ready.push_back(pod.name);
    g.metrics.push_back({pod.name, toMilli(sample->second.value)});
  }
  return g;
}

struct Utilization {
  double ratio = 0.0;
  std::int64_t utilization = 0;  // integer percent, truncated
};

Utilization resourceUtilization(const std::vector<PodValue>& metrics, const std::map<std::string, std::int64_t>& requests,
                                std::int64_t targetUtilization, bool& ok) {
  std::int64_t metricsTotal = 0, requestsTotal = 0;
  for (const PodValue& m : metrics) {
    const auto r = requests.find(m.name);
    if (r == requests.end()) continue;
    metricsTotal += m.milli;
    requestsTotal += r->second;
  }
  ok = requestsTotal != 0;
  if (!ok) return {};
  Utilization u;
  u.utilization = metricsTotal * 100 / requestsTotal;
  u.ratio = static_cast<double>(u.utilization) / static_cast<double>(targetUtilization);
  return u;
}

struct Usage {
  double ratio = 0.0;
  std::int64_t usage = 0;  // milli, integer average
};

Usage plainUsage(const std::vector<PodValue>& metrics, std::int64_t targetMilli) {
  std::int64_t total = 0;
  for (const PodValue& m : metrics) total += m.milli;
  Usage u;
  u.usage = total / static_cast<std::int64_t>(metrics.size());
  u.ratio = static_cast<double>(u.usage) / static_cast<double>(targetMilli);
  return u;
}

void setFill(std::vector<PodValue>& metrics, const std::vector<std::string>& names, std::int64_t milli) {
  for (const std::string& n : names) metrics.push_back({n, milli});
}

std::string fmt(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

// The per-pod algorithm shared by Resource (utilization or average value) and Pods metrics.
void podBasedProposal(const HpaMetricSpec& spec, const HpaSyncInput& in, const HpaControllerConfig& cfg,
                      const HpaTolerances& tol, HpaMetricProposal& out) {
  const bool isResource = spec.source == HpaMetricSource::Resource;
  const bool utilization = spec.target_type == HpaTargetType::Utilization;
  if (in.pods.empty()) {
    out.error = "no pods returned by selector while calculating replica count";
    return;
  }
  Grouping g = groupPods(in, spec.name, isResource && spec.name == "cpu", cfg);
  out.pods = g.groups;
  if (g.metrics.empty()) {
    out.error = "did not receive metrics for targeted pods (pods might be unready)";
    return;
  }

  std::map<std::string, std::int64_t> requests;
  if (utilization) {
    for (const HpaPod& pod : in.pods) {
      const auto r = pod.requests.find(spec.name);
      if (r == pod.requests.end() || !(r->second > 0.0)) {
        out.error = "missing request for " + spec.name + " in pod " + pod.name;
        return;
      }
      requests[pod.name] = toMilli(r->second);
    }
  }

  const std::int64_t targetUtil = std::llround(spec.target);
  const std::int64_t targetMilli = toMilli(spec.target);
  auto ratioOf = [&](const std::vector<PodValue>& metrics, double& current, bool& ok) {
    ok = true;
    if (utilization) {
      const Utilization u = resourceUtilization(metrics, requests, targetUtil, ok);
      current = static_cast<double>(u.utilization);
      return u.ratio;
    }
    const Usage u = plainUsage(metrics, targetMilli);
    current = fromMilli(u.usage);
    return u.ratio;
  };

  bool ok = true;
  const double usageRatio = ratioOf(g.metrics, out.current, ok);
  if (!ok) {
    out.error = "no metrics returned matched known pods";
    return;
  }
  out.usage_ratio = usageRatio;
  out.valid = true;
  const int current = in.current_replicas;
  const int readyCount = static_cast<int>(g.groups.ready.size());
  const bool scaleUpWithUnready = !g.groups.unready.empty() && usageRatio > 1.0;
  const std::string unit = utilization ? "%" : "";

  std::ostringstream d;
  d << "current " << fmt(out.current) << unit << " vs target " << fmt(spec.target) << unit << " -> ratio "
    << fmt(usageRatio) << " over " << readyCount << " ready pod(s)";
  if (!scaleUpWithUnready && g.groups.missing.empty()) {
    out.within_tolerance = tol.isWithin(usageRatio);
    out.pods_in_formula = readyCount;
    if (out.within_tolerance) {
      out.replicas = current;
      d << "; within tolerance, keep " << current;
    } else {
      out.replicas = static_cast<int>(std::ceil(usageRatio * readyCount));
      d << "; ceil(" << fmt(usageRatio) << " * " << readyCount << ") = " << out.replicas;
    }
    out.detail = d.str();
    return;
  }

  // Fill in the pods we know nothing about so that they dampen the move (autoscaling.md §4-5).
  std::vector<PodValue> metrics = g.metrics;
  if (!g.groups.missing.empty()) {
    if (usageRatio < 1.0) {
      for (const std::string& n : g.groups.missing) {
        std::int64_t fill = targetMilli;
        if (utilization) {
          const std::int64_t fallbackPct = std::max<std::int64_t>(100, targetUtil);
          fill = requests[n] * fallbackPct / 100;
        }
        metrics.push_back({n, fill});
      }
      d << "; " << g.groups.missing.size() << " missing pod(s) assumed at "
        << (utilization ? fmt(static_cast<double>(std::max<std::int64_t>(100, targetUtil))) + "% of request"
                        : "target");
    } else if (usageRatio > 1.0) {
      setFill(metrics, g.groups.missing, 0);
      d << "; " << g.groups.missing.size() << " missing pod(s) assumed at 0";
    }
  }
  if (scaleUpWithUnready) {
    setFill(metrics, g.groups.unready, 0);
    d << "; " << g.groups.unready.size() << " unready pod(s) assumed at 0";
  }
  out.recomputed = true;
  double ignored = 0.0;
  const double newRatio = ratioOf(metrics, ignored, ok);
  out.recomputed_ratio = newRatio;
  out.pods_in_formula = static_cast<int>(metrics.size());
  d << " -> new ratio " << fmt(newRatio);
  if (tol.isWithin(newRatio) || (usageRatio < 1.0 && newRatio > 1.0) || (usageRatio > 1.0 && newRatio < 1.0)) {
    out.within_tolerance = tol.isWithin(newRatio);
    out.replicas = current;
    d << (out.within_tolerance ? "; within tolerance" : "; direction flipped") << ", keep " << current;
    out.detail = d.str();
    return;
  }
  const int newReplicas = static_cast<int>(std::ceil(newRatio * static_cast<double>(metrics.size())));
  if ((newRatio < 1.0 && newReplicas > current) || (newRatio > 1.0 && newReplicas < current)) {
    out.replicas = current;
    d << "; ceil(" << fmt(newRatio) << " * " << metrics.size() << ") = " << newReplicas
      << " moves against the direction, keep " << current;
  } else {
    out.replicas = newReplicas;
    d << "; ceil(" << fmt(newRatio) << " * " << metrics.size() << ") = " << newReplicas;
  }
  out.detail = d.str();
}

int readyPodsCount(const HpaSyncInput& in) {
  int n = 0;
  for (const HpaPod& p : in.pods)
    if (p.phase == PodPhase::Running && p.has_ready_condition && p.ready) ++n;
  return n;
}

// Object/External with a Value target: ceil(ratio * readyPods), or ceil(ratio) from zero replicas.
void valueProposal(double usage, double target, const HpaSyncInput& in, const HpaTolerances& tol,
                   HpaMetricProposal& out) {
  const double usageRatio = static_cast<double>(toMilli(usage)) / static_cast<double>(toMilli(target));
  out.usage_ratio = usageRatio;
  out.current = usage;
  std::ostringstream d;
  d << "value " << fmt(usage) << " vs target " << fmt(target) << " -> ratio " << fmt(usageRatio);
  if (in.current_replicas != 0) {
    out.within_tolerance = tol.isWithin(usageRatio);
    if (out.within_tolerance) {
      out.valid = true;
      out.replicas = in.current_replicas;
      d << "; within tolerance, keep " << in.current_replicas;
      out.detail = d.str();
      return;
    }
    if (in.pods.empty()) {
      out.error = "unable to calculate ready pods: no pods returned by selector while calculating replica count";
      return;
    }
    const int ready = readyPodsCount(in);
    out.pods_in_formula = ready;
    out.replicas = static_cast<int>(std::ceil(usageRatio * ready));
    d << "; ceil(" << fmt(usageRatio) << " * " << ready << " ready pod(s)) = " << out.replicas;
  } else {
    out.replicas = static_cast<int>(std::ceil(usageRatio));
    d << "; from zero replicas ceil(ratio) = " << out.replicas;
  }
  out.valid = true;
  out.detail = d.str();
}

// Object/External with an AverageValue target: the total divided by the target per pod.
void averageValueProposal(double total, double targetPerPod, const HpaSyncInput& in, const HpaTolerances& tol,
                          HpaMetricProposal& out) {
  const int statusReplicas = in.status_replicas.value_or(in.current_replicas);
  const double usage = static_cast<double>(toMilli(total));
  const double target = static_cast<double>(toMilli(targetPerPod));
  out.usage_ratio = usage / (target * statusReplicas);
  out.within_tolerance = tol.isWithin(out.usage_ratio);
  out.replicas = statusReplicas;
  std::ostringstream d;
  d << "total " << fmt(total) << " vs " << fmt(targetPerPod) << " per pod on " << statusReplicas
    << " pod(s) -> ratio " << fmt(out.usage_ratio);
  if (!out.within_tolerance) {
    out.replicas = static_cast<int>(std::ceil(usage / target));
    d << "; ceil(" << fmt(total) << " / " << fmt(targetPerPod) << ") = " << out.replicas;
  } else {
    d << "; within tolerance, keep " << statusReplicas;
  }
  out.current = statusReplicas > 0 ? std::ceil(usage / statusReplicas) / 1000.0 : total;
  out.valid = true;
  out.detail = d.str();
}

}  // namespace

HpaMetricProposal computeMetricProposal(const HpaMetricSpec& metric, int index, const HpaSyncInput& input,
                                        const HpaControllerConfig& config, const HpaTolerances& tolerances) {
  HpaMetricProposal out;
  out.metric_index = index;
  out.metric_name = metric.name;
  out.target = metric.target;
  switch (metric.source) {
    case HpaMetricSource::Resource:
    case HpaMetricSource::Pods:
      podBasedProposal(metric, input, config, tolerances, out);
      break;
    case HpaMetricSource::Object: {
      const auto it = input.object_values.find(metric.name);
      if (it == input.object_values.end()) {
        out.error = "unable to get metric " + metric.name + ": no value for the object";
        break;
      }
      if (metric.target_type == HpaTargetType::Value)
        valueProposal(it->second, metric.target, input, tolerances, out);
      else
        averageValueProposal(it->second, metric.target, input, tolerances, out);
      break;
    }
    case HpaMetricSource::External: {
      const auto it = input.external_values.find(metric.name);
      if (it == input.external_values.end()) {
        out.error = "unable to get external metric " + metric.name;
        break;
      }
      double total = 0.0;
      for (double v : it->second) total += v;
      if (metric.target_type == HpaTargetType::Value)
        valueProposal(total, metric.target, input, tolerances, out);
      else
        averageValueProposal(total, metric.target, input, tolerances, out);
      break;
    }
  }
  return out;
}

}  // namespace headroom::autoscaling
