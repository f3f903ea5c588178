#include "simulator/cost/scenario_cost.h"

#include <cstdio>
#include <ctime>
#include <map>
#include <set>

namespace headroom::cost {

namespace {

Estimate scaled(const std::vector<double>& xs, double factor) {
  std::vector<double> v;
  v.reserve(xs.size());
  for (double x : xs) v.push_back(x * factor);
  return estimateFromSamples(v);
}

}  // namespace

ScenarioCost summarizeCost(const Scenario& scenario, const std::vector<CostBreakdown>& bills,
                           const std::vector<RequestCounts>& requests, const PricingContext& context) {
  ScenarioCost out;
  out.catalog_version = context.catalog ? context.catalog->version : "";
  out.catalog_date = context.catalog ? context.catalog->date : "";
  out.priced_on = context.today;
  out.replications = static_cast<int>(bills.size());
  const std::size_t n = bills.size();

  // Lines by (component, resource) in order of first appearance; a replication without the line has 0.
  std::vector<std::pair<std::string, std::string>> keys;
  std::map<std::pair<std::string, std::string>, std::size_t> index;
  std::vector<std::vector<double>> usd, qty;
  std::vector<const CostLine*> first;
  std::vector<std::string> componentOrder;
  std::set<std::string> componentSeen;
  for (std::size_t r = 0; r < n; ++r)
    for (const auto& l : bills[r].lines) {
      const auto k = std::make_pair(l.component, l.resource);
      auto [it, inserted] = index.emplace(k, keys.size());
      if (inserted) {
        keys.push_back(k);
        usd.emplace_back(n, 0.0);
        qty.emplace_back(n, 0.0);
        first.push_back(&l);
      }
      usd[it->second][r] += toUsd(l.micro_usd);
      qty[it->second][r] += l.quantity;
      if (componentSeen.insert(l.component).second) componentOrder.push_back(l.component);
    }
  for (std::size_t i = 0; i < keys.size(); ++i)
    out.lines.push_back({keys[i].first, keys[i].second, first[i]->sku, first[i]->unit, estimateFromSamples(qty[i]),
                         estimateFromSamples(usd[i])});

  const std::optional<double> sloTarget = sloLatencyTargetS(scenario);
  if (sloTarget) {
    char label[160];
    std::snprintf(label, sizeof label, "requests that met the SLO (succeeded within %g ms)", *sloTarget * 1000.0);
    out.good_label = label;
  }
  std::vector<double> total(n), hours(n), perK(n), perKGood(n);
  for (std::size_t r = 0; r < n; ++r) {
    total[r] = toUsd(bills[r].total_micro_usd);
    hours[r] = bills[r].period_s / 3600.0;
    const double req = r < requests.size() ? requests[r].requests : 0.0;
    const double good = r >= requests.size() ? 0.0 : sloTarget ? requests[r].met_slo : requests[r].successful;
    perK[r] = req > 0 ? total[r] / req * 1000.0 : std::numeric_limits<double>::quiet_NaN();
    perKGood[r] = good > 0 ? total[r] / good * 1000.0 : std::numeric_limits<double>::quiet_NaN();
  }
  for (const auto& name : componentOrder) {
    std::vector<double> c(n), ch(n);
    for (std::size_t r = 0; r < n; ++r) {
      c[r] = toUsd(bills[r].componentMicroUsd(name));
      ch[r] = c[r] / hours[r];
    }
    out.components.push_back({name, estimateFromSamples(c), estimateFromSamples(ch)});
  }
  std::vector<double> perHour(n);
  for (std::size_t r = 0; r < n; ++r) perHour[r] = total[r] / hours[r];
  out.period_s = n ? bills.front().period_s : 0.0;
  out.total_usd = estimateFromSamples(total);
  out.usd_per_hour = estimateFromSamples(perHour);
  out.usd_per_month = scaled(perHour, kHoursPerMonth);
  out.usd_per_1k_requests = estimateFromSamples(perK);
  out.usd_per_1k_good = estimateFromSamples(perKGood);

  std::set<std::string> onCluster;
  for (const auto& c : scenario.components) {
    if (c.pricing) continue;
    if (c.pod && scenario.cluster)
      out.not_priced.push_back({c.name, "runs as pods on the cluster: paid as its nodes"});
    else
      out.not_priced.push_back({c.name, "no pricing block: not priced"});
  }
  if (scenario.cluster)
    for (const auto& p : scenario.cluster->node_pools)
      if (p.instance_type.empty()) out.not_priced.push_back({"cluster/" + p.name, "node pool without instance_type: not priced"});
  std::set<std::string> seen;
  for (const auto& b : bills)
    for (const auto& w : b.warnings)
      if (seen.insert(w).second) out.warnings.push_back(w);
  return out;
}

ScenarioCost priceRecordedRun(const Scenario& scenario, const RunResult& run, const CostCollector& collector,
                              const PricingContext& context) {
  std::vector<CostBreakdown> bills;
  std::vector<RequestCounts> requests;
  for (int r = 0; r < run.replications; ++r) {
    bills.push_back(priceUsage(collector.usage(r), context));
    requests.push_back(collector.requests(r));
  }
  return summarizeCost(scenario, bills, requests, context);
}

CostRun runWithCost(const Scenario& scenario, RunOptions options, const PricingContext& context, Feedback* feedback,
                    SimulationObserver* observer) {
  CostCollector collector(scenario);
  options.hooks = collector.wrap(options.hooks);
  CostRun out;
  out.run = runSimulation(scenario, options, feedback, observer);
  out.cost = priceRecordedRun(scenario, out.run, collector, context);
  return out;
}

std::string todayUtc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

}  // namespace headroom::cost
