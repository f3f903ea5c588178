#pragma once
// Serverless against containers for the same steady traffic: the request rate above which a function costs
// more per hour than an autoscaled fleet of instances. Both sides are steady-state formulas over catalog
// prices (no free tier):
//   serverless(λ) = 3600 λ (request price + GB x billed duration x GB-second price)   [billed = duration
//                   rounded up to 1 ms]
//   containers(λ) = instance price x max(min_replicas, ceil(λ S / (workers x target utilization)))
// containers is a step function, so the crossover is the smallest λ with serverless(λ) >= containers(λ).
// The simulated pair (scenarios/serverless-vs-containers-*.json) checks these against runs.
#include <string>

#include "model/scenario.h"
#include "simulator/cost/trace_pricing.h"

namespace headroom::cost {

struct ServerlessSide {
  double duration_s = 0.1;
  double memory_mb = 128.0;
  std::string architecture = "x86";
  std::string vendor = "aws", region = "us-east-1";
};

struct ContainerSide {
  std::string instance_type = "m6i.large";
  double service_time_s = 0.1;  // mean work per request on one worker
  int workers_per_replica = 1;
  double target_utilization = 0.7;  // what the autoscaler holds
  int min_replicas = 1;
  std::string vendor = "aws", region = "us-east-1";
};

struct Crossover {
  bool found = false;
  double rate_per_s = 0.0;               // crossover rate (valid when found)
  int replicas_at_crossover = 0;
  double serverless_usd_per_request = 0.0;
  double instance_usd_per_hour = 0.0;
  double replica_capacity_per_s = 0.0;   // requests per second one replica serves at the target utilization
  std::string explanation;
};

double serverlessUsdPerHour(const ServerlessSide& s, double rate_per_s, const PricingContext& context);
double containersUsdPerHour(const ContainerSide& c, double rate_per_s, const PricingContext& context);
// Searches replica counts up to `max_replicas`; not found means serverless stays cheaper up to there.
Crossover crossoverRate(const ServerlessSide& s, const ContainerSide& c, const PricingContext& context,
                        int max_replicas = 10000);

// The two sides from a scenario pair: the first priced serverless component of `serverless`, the first
// component with an instance_type of `containers` (its autoscaler's target and min replicas, when it has an
// HPA on CPU or an AWS target-tracking policy; otherwise 0.7 and its replicas). Throws
// std::invalid_argument naming the scenario when a side is missing.
std::pair<ServerlessSide, ContainerSide> crossoverSides(const Scenario& serverless, const Scenario& containers);

}  // namespace headroom::cost
