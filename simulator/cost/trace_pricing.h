#pragma once
// Prices a usage trace, however it was produced: a simulation run (cost_recorder.h), a capacity plan over
// months, or a hand-written test. This is the one function that turns usage into money.
//
// Inputs, per component: what it runs on (its PricingSpec from the scenario) and what it used over the priced
// period [start_s, end_s): the life of every instance it ran (or a replica-count step trace, converted with
// runsFromSteps), its managed instances, requests, billed serverless GB-seconds and bytes sent out; per
// cluster node pool: the life of every node.
//
// Billing rules (docs/cost.md):
//   - instances and nodes: per second, each run rounded up to a whole second with a 60 s minimum per start
//     (a run still going at the period's end has no minimum applied: it is not over);
//   - managed classes: instances x hours (x2 Multi-AZ), storage GB-month prorated to the period;
//   - monthly quantities (requests, GB-seconds, GB out) go through graduated monthly tiers and free tiers:
//     the period's total is spread evenly over 730 h billing months (a period of 1 h is 1/730 of a month
//     whose usage is 730 times the hour's). For traffic that grows, price each month as its own trace;
//   - discounts: spot_share and committed_share of the instance cost get their discount, the rest on demand.
// Amounts are rounded once per line to the micro-dollar (money.h), so lines add up exactly.
#include <string>
#include <vector>

#include "model/pricing_spec.h"
#include "simulator/cost/money.h"
#include "simulator/cost/price_catalog.h"

namespace headroom::cost {

// One instance's life inside the priced period.
struct InstanceRun {
  double start_s = 0.0;
  double end_s = 0.0;
  bool ongoing = false;  // still running at end_s (the period ends, the instance does not): no 60 s minimum
};

// From at_s on, `count` instances run (a replica or node count trace; steps in time order).
struct CountStep {
  double at_s = 0.0;
  int count = 0;
};

// Instance runs of a count trace up to end_s: an increase starts instances, a decrease stops the most
// recently started first (what a scale-in of the newest replicas does). Runs alive at end_s are ongoing.
std::vector<InstanceRun> runsFromSteps(const std::vector<CountStep>& steps, double end_s);

struct ComponentUsage {
  std::string component;
  PricingSpec pricing;
  std::vector<InstanceRun> instances;  // one per replica start (pricing.instance_type)
  bool serverless = false;             // a function: bill its requests and GB-seconds
  int managed_instances = 0;           // pricing.managed_class instances for the whole period (before Multi-AZ)
  double requests = 0.0;               // requests that reached it (serverless invocations, gateway requests)
  double gb_seconds = 0.0;             // serverless: billed duration (each rounded up to 1 ms) x memory GB
  double bytes_out = 0.0;              // bytes sent to clients (internet or CDN)
};

struct NodePoolUsage {
  std::string pool;
  std::string vendor = "aws";
  std::string region = "us-east-1";
  std::string instance_type;
  std::vector<InstanceRun> nodes;
};

struct UsageTrace {
  double start_s = 0.0;
  double end_s = 0.0;
  std::vector<ComponentUsage> components;
  std::vector<NodePoolUsage> node_pools;
};

// One line of a bill: a resource of a component (or of a node pool, component "cluster/<pool>").
struct CostLine {
  std::string component;
  std::string resource;  // "instances (on-demand)", "lambda requests", "egress (internet)", ...
  std::string sku;       // catalog sku used
  double quantity = 0.0; // in `unit`s over the period
  std::string unit;      // "instance-hour", "million requests", "GB-second", "GB", "GB-month"
  MicroUsd micro_usd = 0;
};

struct CostBreakdown {
  double period_s = 0.0;
  std::vector<CostLine> lines;
  MicroUsd total_micro_usd = 0;
  std::vector<std::string> warnings;  // stale or uncertain prices used, tiers beyond the reference
  std::vector<const PriceEntry*> used;  // catalog entries used (pointers into the catalog passed in)

  MicroUsd componentMicroUsd(const std::string& component) const;
};

struct PricingContext {
  const PriceCatalog* catalog = nullptr;
  std::string today;  // YYYY-MM-DD, for the 180-day staleness warning
};

// Throws std::invalid_argument naming the component and field when a price it needs is not in the catalog
// (a price is never guessed) or the trace is malformed (end before start).
CostBreakdown priceUsage(const UsageTrace& trace, const PricingContext& context);

// The catalog service of a vendor's per-instance prices: "ec2", "compute-engine", "virtual-machines".
std::string instanceService(const std::string& vendor);

// Billed seconds of one run: whole seconds, rounded up, at least 60 unless ongoing.
double billedSeconds(const InstanceRun& run);

}  // namespace headroom::cost
