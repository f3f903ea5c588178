#pragma once
// Runs an AWS Auto Scaling group's policies (target tracking, step, simple: simulator/autoscaling/
// aws_policies.h) and scheduled actions against a simulated component. Once a minute it builds the
// CloudWatch datapoint from the instances in service (CPU % of cores busy, requests per instance, or backlog
// per instance), lets every policy evaluate, applies the largest resulting capacity (AWS picks the policy
// that gives the most capacity), launches instances that are in service after replica_startup_s, and logs
// each decision with its alarm datapoints.
#include <memory>
#include <string>
#include <vector>

#include "model/autoscaling_spec.h"
#include "simulator/autoscaling/aws_common.h"
#include "simulator/hooks/hooks.h"

namespace headroom {

namespace autoscaling {
class TargetTrackingPolicy;
class StepScalingPolicy;
class SimpleScalingPolicy;
class ScheduledScaler;
class PredictiveScaling;
}  // namespace autoscaling

class AwsHook : public SimulationHook {
 public:
  AwsHook(std::string component, const AutoscalingSpec& spec);
  ~AwsHook() override;
  void onStart(EngineControl& engine) override;
  void onTimer(EngineControl& engine, std::uint32_t tag) override;

 private:
  autoscaling::AwsEvaluationInput input(EngineControl& engine, AwsPolicySpec::Metric metric) const;

  std::string name_;
  AutoscalingSpec spec_;
  std::vector<std::unique_ptr<autoscaling::TargetTrackingPolicy>> tracking_;
  std::vector<std::unique_ptr<autoscaling::StepScalingPolicy>> steps_;
  std::vector<std::unique_ptr<autoscaling::SimpleScalingPolicy>> simple_;
  std::vector<AwsPolicySpec::Metric> tracking_metric_, step_metric_, simple_metric_;
  std::unique_ptr<autoscaling::ScheduledScaler> scheduled_;
  std::unique_ptr<autoscaling::PredictiveScaling> predictive_;
  std::uint64_t hour_arrivals_start_ = 0;  // group arrivals counter at the start of the current hour
  SimTime hour_start_ = 0;
  autoscaling::AsgCapacity capacity_;
  int component_ = -1;
  std::vector<ReplicaInfo> previous_;  // the last minute's scrape, for per-instance deltas
  SimTime previous_at_ = 0;
};

}  // namespace headroom
