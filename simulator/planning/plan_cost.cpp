#include "simulator/planning/plan_cost.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "simulator/cost/cost_recorder.h"
#include "simulator/cost/money.h"
#include "simulator/cost/scenario_cost.h"

namespace headroom::planning {
namespace {

constexpr double kMonth_s = cost::kHoursPerMonth * 3600.0;

void appendStep(std::vector<cost::CountStep>& steps, double at_s, int count) {
  if (steps.empty() || steps.back().count != count) steps.push_back({at_s, count});
}

// The part of each run inside [from_s, to_s). A run that began before the month is not a new start and one
// that goes on after it is not over: neither gets the 60 s minimum in this month.
std::vector<cost::InstanceRun> clip(const std::vector<cost::InstanceRun>& runs, double from_s, double to_s) {
  std::vector<cost::InstanceRun> out;
  for (const cost::InstanceRun& r : runs) {
    const double s = std::max(r.start_s, from_s), e = std::min(r.end_s, to_s);
    if (!(e > s)) continue;
    out.push_back({s, e, r.ongoing || r.end_s > to_s || r.start_s < from_s});
  }
  return out;
}

}  // namespace

std::vector<int> nodesForPods(const Scenario& sc, const std::vector<int>& pods) {
  std::vector<int> nodes;
  if (!sc.cluster) return nodes;
  // Pods still to place per component, as a fraction of a pool's node each.
  std::vector<double> left(sc.components.size(), 0.0);
  for (std::size_t i = 0; i < sc.components.size() && i < pods.size(); ++i)
    if (sc.components[i].pod) left[i] = std::max(0, pods[i]);
  for (const NodePoolSpec& p : sc.cluster->node_pools) {
    double need = 0.0;
    std::vector<double> perNode(sc.components.size(), 0.0);
    for (std::size_t i = 0; i < sc.components.size(); ++i) {
      if (!(left[i] > 0)) continue;
      const Component& c = sc.components[i];
      const double cpu = c.pod->cpu_request_cores > 0 ? c.pod->cpu_request_cores : c.workers_per_replica;
      const double byCpu = std::floor(p.cpu_cores / cpu + 1e-9);
      const double byMem = c.pod->memory_gib > 0 ? std::floor(p.memory_gib / c.pod->memory_gib + 1e-9) : byCpu;
      perNode[i] = std::min(byCpu, byMem);
      if (perNode[i] >= 1) need += left[i] / perNode[i];
    }
    const double fits = std::min(1.0, need > 0 ? p.max_nodes / need : 1.0);
    const int n = need > 0 ? std::min(p.max_nodes, static_cast<int>(std::ceil(need - 1e-9))) : 0;
    nodes.push_back(std::max(p.min_nodes, n));
    for (std::size_t i = 0; i < left.size(); ++i)
      if (perNode[i] >= 1) left[i] *= 1.0 - fits;
  }
  return nodes;
}

PlanCostRecorder::PlanCostRecorder(const Scenario& original, const Scenario& lowered) : original_(original), lowered_(lowered) {
  for (const Component& c : original.components) {
    if (!c.pricing) continue;
    Priced p;
    p.component = &c;
    for (std::size_t i = 0; i < lowered.components.size(); ++i) {
      const std::string& n = lowered.components[i].name;
      if (n == c.name || n.rfind(c.name + "/", 0) == 0) p.lowered.push_back(i);  // a database's lowered parts
    }
    priced_.push_back(std::move(p));
  }
  if (lowered.cluster) nodes_.resize(lowered.cluster->node_pools.size());
}

PlanCostRecorder::Month& PlanCostRecorder::monthOf(double t_s) {
  const auto m = static_cast<std::size_t>(std::max(0.0, std::floor(t_s / kMonth_s)));
  while (months_.size() <= m) {
    months_.emplace_back();
    months_.back().arrivals.assign(priced_.size(), 0.0);
    months_.back().served.assign(priced_.size(), 0.0);
    months_.back().busy_s.assign(priced_.size(), 0.0);
  }
  return months_[m];
}

void PlanCostRecorder::step(double t0, double dt, double offered, const std::vector<StepState>& st,
                            const std::vector<int>& billed) {
  for (std::size_t k = 0; k < priced_.size(); ++k) {
    Priced& p = priced_[k];
    int count = 0;
    for (std::size_t i : p.lowered) count += billed[i];
    appendStep(p.replicas, t0, count);
  }
  if (!nodes_.empty()) {
    const std::vector<int> n = nodesForPods(lowered_, billed);
    for (std::size_t q = 0; q < nodes_.size(); ++q) appendStep(nodes_[q], t0, n[q]);
  }
  // Usage counted per month; a step that crosses a month boundary is split at it.
  for (double a = t0, end = t0 + dt; a < end - 1e-9;) {
    const double b = std::min(end, (std::floor(a / kMonth_s + 1e-12) + 1.0) * kMonth_s);
    const double d = b - a;
    Month& mo = monthOf(a);
    mo.requests += offered * d;
    for (std::size_t k = 0; k < priced_.size(); ++k)
      for (std::size_t i : priced_[k].lowered) {
        const StepState& s = st[i];
        const double served = std::max(0.0, s.offered_per_s - s.errors_per_s);
        mo.arrivals[k] += s.offered_per_s * d;
        mo.served[k] += served * d;
        mo.busy_s[k] += served * s.hold_s * d;
      }
    a = b;
  }
}

PlanCost PlanCostRecorder::finish(double end_s, const cost::PricingContext& ctx) const {
  PlanCost out;
  out.catalog_version = ctx.catalog ? ctx.catalog->version : "";
  out.catalog_date = ctx.catalog ? ctx.catalog->date : "";
  out.priced_on = ctx.today;
  out.approximations = {
      "usage is the fluid pass's: replicas as its autoscalers set them step by step (billed from creation, "
      "including startup), requests and bytes out at the fluid rates, serverless GB-seconds = served rate x "
      "mean duration + 0.5 ms rounding per invocation",
      "each month's tiers apply to that month's own usage (730 h billing months from the start of the plan)"};
  if (!nodes_.empty())
    out.approximations.push_back(
        "cluster nodes follow the pods at once (fluid bin-packing, at least min_nodes): no provisioning or "
        "scale-down delays, no fragmentation between components, so the node cost is a lower bound");
  std::vector<std::vector<cost::InstanceRun>> runs;
  for (const Priced& p : priced_) runs.push_back(cost::runsFromSteps(p.replicas, end_s));
  std::vector<std::vector<cost::InstanceRun>> nodeRuns;
  for (const auto& steps : nodes_) nodeRuns.push_back(cost::runsFromSteps(steps, end_s));
  std::string vendor = "aws", region = "us-east-1";
  for (const Priced& p : priced_) {
    if (vendor == "aws" && !p.component->pricing->vendor.empty()) vendor = p.component->pricing->vendor;
    if (region == "us-east-1" && !p.component->pricing->region.empty()) region = p.component->pricing->region;
  }

  std::set<std::string> warned;
  cost::MicroUsd total = 0;
  for (std::size_t m = 0; m < months_.size() && m * kMonth_s < end_s - 1e-9; ++m) {
    const Month& mo = months_[m];
    cost::UsageTrace t;
    t.start_s = m * kMonth_s;
    t.end_s = std::min(end_s, (m + 1) * kMonth_s);
    for (std::size_t k = 0; k < priced_.size(); ++k) {
      const Component& c = *priced_[k].component;
      cost::ComponentUsage u;
      u.component = c.name;
      u.pricing = *c.pricing;
      if (!u.pricing.instance_type.empty()) u.instances = clip(runs[k], t.start_s, t.end_s);
      if (!u.pricing.managed_class.empty())
        u.managed_instances = u.pricing.managed_instances > 0 ? u.pricing.managed_instances : cost::derivedManagedInstances(c);
      u.requests = mo.arrivals[k];
      if (c.type == Component::Type::Serverless && c.serverless) {
        u.serverless = true;
        u.gb_seconds = (mo.busy_s[k] + 0.0005 * mo.served[k]) * c.serverless->memory_mb / 1024.0;
      }
      u.bytes_out = u.pricing.bytes_per_response * mo.served[k];
      t.components.push_back(std::move(u));
    }
    if (lowered_.cluster)
      for (std::size_t q = 0; q < nodes_.size(); ++q) {
        const NodePoolSpec& pool = lowered_.cluster->node_pools[q];
        t.node_pools.push_back({pool.name, vendor, region, pool.instance_type, clip(nodeRuns[q], t.start_s, t.end_s)});
      }
    const cost::CostBreakdown bill = cost::priceUsage(t, ctx);
    // The scenario-level summary names what is not priced and gathers warnings the way `cost` does.
    const cost::ScenarioCost summary = cost::summarizeCost(original_, {bill}, {{mo.requests, mo.requests}}, ctx);
    if (m == 0) out.not_priced = summary.not_priced;
    for (const std::string& w : summary.warnings)
      if (warned.insert(w).second) out.warnings.push_back(w);

    PlanMonthCost pm;
    pm.month = static_cast<int>(m);
    pm.start_s = t.start_s;
    pm.end_s = t.end_s;
    pm.partial = t.end_s - t.start_s < kMonth_s - 1e-6;
    pm.usd = cost::toUsd(bill.total_micro_usd);
    pm.usd_per_month = pm.usd * kMonth_s / (t.end_s - t.start_s);
    pm.requests = mo.requests;
    pm.usd_per_1k_requests = mo.requests > 0 ? pm.usd / mo.requests * 1000.0 : std::numeric_limits<double>::quiet_NaN();
    for (const cost::CostLine& l : bill.lines) {
      pm.lines.push_back({l.component, l.resource, l.sku, l.unit, l.quantity, cost::toUsd(l.micro_usd)});
      auto it = std::find_if(pm.components.begin(), pm.components.end(), [&](const auto& x) { return x.first == l.component; });
      if (it == pm.components.end()) pm.components.emplace_back(l.component, 0.0);
    }
    for (auto& [name, usd] : pm.components) usd = cost::toUsd(bill.componentMicroUsd(name));
    total += bill.total_micro_usd;
    out.months.push_back(std::move(pm));
  }
  out.total_usd = cost::toUsd(total);
  return out;
}

}  // namespace headroom::planning
