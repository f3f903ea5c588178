#include "simulator/health/bottleneck.h"

#include <algorithm>
#include <cstdio>

namespace headroom {

std::string BottleneckVerdict::label() const {
  switch (reason) {
    case BottleneckReason::QueueFull:
      return "queue full";
    case BottleneckReason::Workers:
      if (saturated) return "CPU/workers";
      {
        char buf[64];
        std::snprintf(buf, sizeof buf, "CPU/workers (busiest, %.0f%%)", utilization * 100.0);
        return buf;
      }
    case BottleneckReason::None:
      break;
  }
  return {};
}

namespace {

double finiteOr(double x, double fallback) { return std::isfinite(x) ? x : fallback; }

double rankingUtilization(const ComponentLoad& load) {
  return std::isfinite(load.own_work_utilization) ? load.own_work_utilization
                                                  : finiteOr(load.utilization, 0.0);
}

double expectedWork(const std::vector<Step>& steps) {
  double total = 0.0;
  for (const Step& step : steps) {
    if (step.kind == Step::Kind::Work) total += step.work.mean();
    if (step.kind == Step::Kind::Branch) {
      for (const BranchArm& arm : step.arms) total += arm.probability * expectedWork(arm.steps);
    }
  }
  return total;
}

}  // namespace

BottleneckVerdict findBottleneck(const std::vector<ComponentLoad>& loads) {
  BottleneckVerdict verdict;
  int bestSaturated = -1;
  int busiest = -1;
  for (int i = 0; i < static_cast<int>(loads.size()); ++i) {
    const ComponentLoad& load = loads[static_cast<std::size_t>(i)];
    if (load.infinite_server) continue;
    const bool rejecting = load.rejection_ratio > kRejectingRatio;
    const bool saturated = rejecting || finiteOr(load.utilization, 0.0) >= kSaturatedUtilization;
    if (saturated) {
      if (bestSaturated < 0 ||
          rankingUtilization(load) > rankingUtilization(loads[static_cast<std::size_t>(bestSaturated)]))
        bestSaturated = i;
    }
    if (std::isfinite(load.utilization) &&
        (busiest < 0 || load.utilization > loads[static_cast<std::size_t>(busiest)].utilization))
      busiest = i;
  }
  const int chosen = bestSaturated >= 0 ? bestSaturated : busiest;
  if (chosen < 0) return verdict;
  const ComponentLoad& load = loads[static_cast<std::size_t>(chosen)];
  verdict.index = chosen;
  verdict.saturated = bestSaturated >= 0;
  verdict.utilization = load.utilization;
  verdict.rejection_ratio = load.rejection_ratio;
  verdict.reason = load.rejection_ratio > kRejectingRatio ? BottleneckReason::QueueFull : BottleneckReason::Workers;
  return verdict;
}

double meanLocalWorkSeconds(const Component& component, const std::vector<std::string>& classes) {
  const std::vector<std::string> effective = classes.empty() ? std::vector<std::string>{kAnyClass} : classes;
  double sum = 0.0;
  for (const std::string& cls : effective) {
    double work = component.serviceTimeFor(cls).mean();
    if (const Behaviour* behaviour = component.behaviourFor(cls)) work += expectedWork(behaviour->steps);
    sum += work;
  }
  return sum / static_cast<double>(effective.size());
}

namespace {

ComponentLoad baseLoad(const Component& component) {
  ComponentLoad load;
  load.name = component.name;
  load.infinite_server = component.type == Component::Type::Delay;
  return load;
}

double ownWorkUtilization(const Component& component, const std::vector<std::string>& classes,
                          double throughput_per_s) {
  const double servers = static_cast<double>(component.replicas) * component.workers_per_replica;
  if (!(servers > 0.0) || !std::isfinite(throughput_per_s)) return std::numeric_limits<double>::quiet_NaN();
  return throughput_per_s * meanLocalWorkSeconds(component, classes) / servers;
}

}  // namespace

std::vector<ComponentLoad> loadsFromRun(const Scenario& scenario, const RunResult& result) {
  const std::vector<std::string> classes = scenario.allRequestClasses();
  std::vector<ComponentLoad> loads;
  loads.reserve(scenario.components.size());
  for (const Component& component : scenario.components) {
    ComponentLoad load = baseLoad(component);
    if (const ComponentResult* r = result.component(component.name)) {
      load.utilization = r->utilization.mean;
      load.rejection_ratio = finiteOr(r->rejection_ratio.mean, 0.0);
      // Requests refused by a rate limit or a concurrency limit are a policy at work, not a full queue.
      if (const Estimate* throttled = r->feature("throttled_per_s"); throttled && r->arrival_rate_per_s.mean > 0)
        load.rejection_ratio = std::max(0.0, load.rejection_ratio - finiteOr(throttled->mean, 0.0) / r->arrival_rate_per_s.mean);
      load.own_work_utilization = ownWorkUtilization(component, classes, r->throughput_per_s.mean);
    }
    loads.push_back(std::move(load));
  }
  return loads;
}

std::vector<ComponentLoad> loadsFromLiveWindow(const Scenario& scenario, const LiveWindow& window) {
  const std::vector<std::string> classes = scenario.allRequestClasses();
  std::vector<ComponentLoad> loads;
  loads.reserve(scenario.components.size());
  for (std::size_t i = 0; i < scenario.components.size(); ++i) {
    const Component& component = scenario.components[i];
    ComponentLoad load = baseLoad(component);
    if (i < window.utilization.size()) load.utilization = window.utilization[i];
    if (i < window.throughput_per_s.size())
      load.own_work_utilization = ownWorkUtilization(component, classes, window.throughput_per_s[i]);
    loads.push_back(std::move(load));
  }
  return loads;
}

}  // namespace headroom
