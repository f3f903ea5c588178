#include "simulator/cost/trace_pricing.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

namespace headroom::cost {

std::vector<InstanceRun> runsFromSteps(const std::vector<CountStep>& steps, double end_s) {
  std::vector<InstanceRun> done;
  std::vector<double> alive;  // start times, oldest first
  for (const auto& s : steps) {
    if (s.at_s >= end_s) break;
    const int target = std::max(0, s.count);
    while (static_cast<int>(alive.size()) < target) alive.push_back(s.at_s);
    while (static_cast<int>(alive.size()) > target) {
      done.push_back({alive.back(), s.at_s, false});
      alive.pop_back();
    }
  }
  for (double start : alive) done.push_back({start, end_s, true});
  return done;
}

double billedSeconds(const InstanceRun& run) {
  const double s = std::ceil(std::max(0.0, run.end_s - run.start_s) - 1e-9);  // float noise must not add a second
  return run.ongoing ? std::max(0.0, s) : std::max(60.0, s);
}

MicroUsd CostBreakdown::componentMicroUsd(const std::string& component) const {
  MicroUsd sum = 0;
  for (const auto& l : lines)
    if (l.component == component) sum += l.micro_usd;
  return sum;
}

std::string instanceService(const std::string& vendor) {
  if (vendor == "gcp") return "compute-engine";
  if (vendor == "azure") return "virtual-machines";
  return "ec2";
}

namespace {

std::string orDefault(const std::string& s, const char* fallback) { return s.empty() ? fallback : s; }

std::string managedService(const std::string& cls) {
  if (cls.rfind("db.", 0) == 0) return "rds-postgresql";
  if (cls.rfind("cache.", 0) == 0) return "elasticache";
  if (cls.rfind("kafka.", 0) == 0) return "msk";
  return {};
}

class Biller {
 public:
  Biller(const UsageTrace& t, const PricingContext& ctx) : ctx_(ctx) {
    if (!ctx.catalog) throw std::invalid_argument("cost: no price catalog given");
    if (!(t.end_s > t.start_s)) throw std::invalid_argument("cost: the priced period must end after it starts");
    out_.period_s = t.end_s - t.start_s;
    months_ = out_.period_s / 3600.0 / kHoursPerMonth;
  }

  const PriceEntry& price(const std::string& who, const std::string& field, const std::string& vendor,
                          const std::string& service, const std::string& region, const std::string& sku,
                          const std::string& option = "on-demand") {
    const PriceEntry* e = ctx_.catalog->find(vendor, service, region, sku, option);
    if (!e)
      throw std::invalid_argument(who + ": " + field + ": no price for " + vendor + " " + service + " '" + sku + "' in " +
                                  region + " (" + option + ") in the catalog '" + ctx_.catalog->version +
                                  "'; add it with a price book (docs/cost.md)");
    if (std::find(out_.used.begin(), out_.used.end(), e) == out_.used.end()) out_.used.push_back(e);
    return *e;
  }

  void line(const std::string& component, const std::string& resource, const std::string& sku, double quantity,
            const std::string& unit, double usd) {
    const MicroUsd m = toMicroUsd(usd);
    out_.lines.push_back({component, resource, sku, quantity, unit, m});
    out_.total_micro_usd += m;
  }

  // A monthly, tiered quantity: spread evenly over the period's billing months.
  double monthly(const PriceEntry& e, double quantity, bool freeTier) const {
    const double perMonth = quantity / months_;
    return tieredUsd(e.tiers, perMonth, freeTier ? e.free_per_month : 0.0) * months_;
  }

  void instances(const ComponentUsage& u, const std::string& vendor, const std::string& region) {
    const PricingSpec& p = u.pricing;
    const PriceEntry& e = price("component '" + u.component + "'", "pricing.instance_type", vendor, instanceService(vendor),
                                region, p.instance_type);
    double seconds = 0;
    for (const auto& r : u.instances) {
      if (!(r.end_s >= r.start_s)) throw std::invalid_argument("component '" + u.component + "': an instance run ends before it starts");
      seconds += billedSeconds(r);
    }
    const double hours = seconds / 3600.0;
    const double onDemandUsd = hours * e.firstPrice();
    const double spotShare = p.spot_share, committedShare = p.committed_share;
    const double odShare = std::max(0.0, 1.0 - spotShare - committedShare);
    line(u.component, "instances (on-demand)", p.instance_type, hours * odShare, "instance-hour", onDemandUsd * odShare);
    if (spotShare > 0) {
      const double d = p.spot_discount >= 0 ? p.spot_discount : discount(u.component, vendor, "spot-typical", "spot");
      line(u.component, "instances (spot)", p.instance_type, hours * spotShare, "instance-hour", onDemandUsd * spotShare * (1 - d));
    }
    if (committedShare > 0) {
      const double d = p.committed_discount >= 0 ? p.committed_discount
                                                 : discount(u.component, vendor, "compute-savings-plan-maximum", "savings-plan");
      line(u.component, "instances (committed)", p.instance_type, hours * committedShare, "instance-hour",
           onDemandUsd * committedShare * (1 - d));
    }
  }

  double discount(const std::string& component, const std::string& vendor, const std::string& sku, const std::string& option) {
    return price("component '" + component + "'", "pricing discounts", vendor, "discount", "*", sku, option).firstPrice();
  }

  void managed(const ComponentUsage& u, const std::string& vendor, const std::string& region) {
    const PricingSpec& p = u.pricing;
    const std::string who = "component '" + u.component + "'";
    const std::string service = managedService(p.managed_class);
    if (service.empty())
      throw std::invalid_argument(who + ": pricing.managed_class: '" + p.managed_class +
                                  "' is not a known class family (db.*, cache.*, kafka.*)");
    const PriceEntry& e = price(who, "pricing.managed_class", vendor, service, region, p.managed_class);
    const double hours = out_.period_s / 3600.0 * u.managed_instances * (p.multi_az ? 2 : 1);
    line(u.component, std::string("managed ") + service + (p.multi_az ? " (Multi-AZ)" : ""), p.managed_class, hours,
         "instance-hour", hours * e.firstPrice());
    if (p.storage_gb > 0) {
      const std::string storageService = service == "msk" ? "msk-storage" : service + "-storage";
      const PriceEntry& s = price(who, "pricing.storage_gb", vendor, storageService, region, "storage");
      const double gbMonths = p.storage_gb * months_;
      line(u.component, "storage", "storage", gbMonths, "GB-month", gbMonths * s.firstPrice());
    }
  }

  void serverless(const ComponentUsage& u, const std::string& vendor, const std::string& region) {
    const PricingSpec& p = u.pricing;
    const std::string who = "component '" + u.component + "'";
    const PriceEntry& req = price(who, "serverless requests", vendor, "lambda-requests", region, "requests");
    const PriceEntry& dur = price(who, "pricing.architecture", vendor, "lambda-duration", region, p.architecture);
    line(u.component, std::string("lambda requests") + (p.free_tier ? " (free tier)" : ""), "requests", u.requests / 1e6,
         "million requests", monthly(req, u.requests / 1e6, p.free_tier));
    line(u.component, std::string("lambda duration") + (p.free_tier ? " (free tier)" : ""), p.architecture, u.gb_seconds,
         "GB-second", monthly(dur, u.gb_seconds, p.free_tier));
  }

  void gateway(const ComponentUsage& u, const std::string& vendor, const std::string& region) {
    const std::string service = "api-gateway-" + u.pricing.api_gateway;
    const PriceEntry& e = price("component '" + u.component + "'", "pricing.api_gateway", vendor, service, region, "requests");
    line(u.component, service, "requests", u.requests / 1e6, "million requests", monthly(e, u.requests / 1e6, false));
  }

  void egress(const ComponentUsage& u, const std::string& vendor, const std::string& region) {
    const PricingSpec& p = u.pricing;
    const std::string who = "component '" + u.component + "'";
    const double gb = u.bytes_out / kBytesPerGb;
    if (p.egress_via == "cdn") {
      const PriceEntry& e = price(who, "pricing.egress_via", vendor, "cloudfront", region, "data-out-us");
      line(u.component, std::string("CDN data out") + (p.free_tier ? " (free tier)" : ""), e.sku, gb, "GB", monthly(e, gb, p.free_tier));
      const PriceEntry& r = price(who, "pricing.egress_via", vendor, "cloudfront-requests", region, "https");
      line(u.component, "CDN requests", r.sku, u.requests / 1e6, "million requests", monthly(r, u.requests / 1e6, p.free_tier));
    } else {
      const PriceEntry& e = price(who, "pricing.bytes_per_response", vendor, "data-transfer-out", region, "internet");
      line(u.component, "egress (internet)", e.sku, gb, "GB", monthly(e, gb, false));
    }
  }

  void nodes(const NodePoolUsage& n) {
    const std::string who = "cluster node pool '" + n.pool + "'";
    const PriceEntry& e = price(who, "instance_type", n.vendor, instanceService(n.vendor), n.region, n.instance_type);
    double seconds = 0;
    for (const auto& r : n.nodes) seconds += billedSeconds(r);
    line("cluster/" + n.pool, "nodes (on-demand)", n.instance_type, seconds / 3600.0, "instance-hour", seconds / 3600.0 * e.firstPrice());
  }

  CostBreakdown finish() {
    std::set<std::string> seen;
    for (const PriceEntry* e : out_.used) {
      const std::string stale = staleWarning(*e, ctx_.today);
      if (!stale.empty() && seen.insert(stale).second) out_.warnings.push_back(stale);
      if (e->uncertain) {
        const std::string w = e->vendor + " " + e->service + " " + e->sku + ": price marked uncertain in '" + e->source + "'";
        if (seen.insert(w).second) out_.warnings.push_back(w);
      }
    }
    return std::move(out_);
  }

 private:
  const PricingContext& ctx_;
  CostBreakdown out_;
  double months_ = 0.0;
};

}  // namespace

CostBreakdown priceUsage(const UsageTrace& trace, const PricingContext& context) {
  Biller b(trace, context);
  for (const auto& u : trace.components) {
    const std::string vendor = orDefault(u.pricing.vendor, "aws"), region = orDefault(u.pricing.region, "us-east-1");
    if (!u.pricing.instance_type.empty()) b.instances(u, vendor, region);
    if (!u.pricing.managed_class.empty()) b.managed(u, vendor, region);
    if (u.serverless) b.serverless(u, vendor, region);
    if (!u.pricing.api_gateway.empty()) b.gateway(u, vendor, region);
    if (u.bytes_out > 0 || u.pricing.bytes_per_response > 0) b.egress(u, vendor, region);
  }
  for (const auto& n : trace.node_pools)
    if (!n.instance_type.empty()) b.nodes(n);
  return b.finish();
}

}  // namespace headroom::cost
