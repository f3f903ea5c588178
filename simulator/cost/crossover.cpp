#include "simulator/cost/crossover.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace headroom::cost {

namespace {

const PriceEntry& need(const PricingContext& ctx, const std::string& vendor, const std::string& service,
                       const std::string& region, const std::string& sku) {
  if (!ctx.catalog) throw std::invalid_argument("crossover: no price catalog given");
  const PriceEntry* e = ctx.catalog->find(vendor, service, region, sku);
  if (!e) throw std::invalid_argument("crossover: no price for " + vendor + " " + service + " '" + sku + "' in " + region);
  return *e;
}

double usdPerRequest(const ServerlessSide& s, const PricingContext& ctx) {
  const double billed_s = std::ceil(s.duration_s * 1000.0 - 1e-9) / 1000.0;
  const double requestUsd = need(ctx, s.vendor, "lambda-requests", s.region, "requests").firstPrice() / 1e6;
  const double gbSecondUsd = need(ctx, s.vendor, "lambda-duration", s.region, s.architecture).firstPrice();
  return requestUsd + s.memory_mb / 1024.0 * billed_s * gbSecondUsd;
}

double instanceUsdPerHour(const ContainerSide& c, const PricingContext& ctx) {
  const std::string service = c.vendor == "gcp" ? "compute-engine" : c.vendor == "azure" ? "virtual-machines" : "ec2";
  return need(ctx, c.vendor, service, c.region, c.instance_type).firstPrice();
}

double capacityPerReplica(const ContainerSide& c) {
  if (!(c.service_time_s > 0) || c.workers_per_replica < 1 || !(c.target_utilization > 0 && c.target_utilization <= 1))
    throw std::invalid_argument("crossover: the container side needs service_time_s > 0, workers >= 1, target in (0, 1]");
  return c.workers_per_replica * c.target_utilization / c.service_time_s;
}

}  // namespace

double serverlessUsdPerHour(const ServerlessSide& s, double rate_per_s, const PricingContext& ctx) {
  return 3600.0 * rate_per_s * usdPerRequest(s, ctx);
}

double containersUsdPerHour(const ContainerSide& c, double rate_per_s, const PricingContext& ctx) {
  const double replicas = std::max<double>(c.min_replicas, std::ceil(rate_per_s / capacityPerReplica(c) - 1e-12));
  return replicas * instanceUsdPerHour(c, ctx);
}

Crossover crossoverRate(const ServerlessSide& s, const ContainerSide& c, const PricingContext& ctx, int max_replicas) {
  Crossover out;
  out.serverless_usd_per_request = usdPerRequest(s, ctx);
  out.instance_usd_per_hour = instanceUsdPerHour(c, ctx);
  out.replica_capacity_per_s = capacityPerReplica(c);
  const double perRateHour = 3600.0 * out.serverless_usd_per_request;  // serverless $/h per (req/s)
  // With k replicas (rates in ((k-1) cap, k cap], or (0, min cap] for the minimum), containers cost k p per
  // hour; serverless reaches it at k p / perRateHour. The first k whose break-even lies inside its own range
  // is the crossover.
  const int first = std::max(1, c.min_replicas);
  for (int k = first; k <= max_replicas; ++k) {
    const double lower = k == first ? 0.0 : (k - 1) * out.replica_capacity_per_s;
    const double upper = k * out.replica_capacity_per_s;
    const double breakEven = k * out.instance_usd_per_hour / perRateHour;
    if (breakEven <= upper) {
      out.found = true;
      out.rate_per_s = std::max(lower, breakEven);
      out.replicas_at_crossover = k;
      break;
    }
  }
  char buf[512];
  if (out.found)
    std::snprintf(buf, sizeof buf,
                  "serverless costs $%.9f per request ($%.6f per hour per req/s); one %s replica ($%.4f/h) serves %.2f req/s at "
                  "the target: above %.2f req/s (%d replicas) containers are cheaper",
                  out.serverless_usd_per_request, perRateHour, c.instance_type.c_str(), out.instance_usd_per_hour,
                  out.replica_capacity_per_s, out.rate_per_s, out.replicas_at_crossover);
  else
    std::snprintf(buf, sizeof buf,
                  "serverless ($%.9f per request) stays cheaper than %s replicas ($%.4f/h, %.2f req/s each) up to %d replicas",
                  out.serverless_usd_per_request, c.instance_type.c_str(), out.instance_usd_per_hour, out.replica_capacity_per_s,
                  max_replicas);
  out.explanation = buf;
  return out;
}

std::pair<ServerlessSide, ContainerSide> crossoverSides(const Scenario& serverless, const Scenario& containers) {
  std::pair<ServerlessSide, ContainerSide> out;
  bool haveS = false, haveC = false;
  for (const auto& c : serverless.components)
    if (c.type == Component::Type::Serverless && c.serverless && c.pricing) {
      out.first.duration_s = c.service_time.mean();
      out.first.memory_mb = c.serverless->memory_mb;
      out.first.architecture = c.pricing->architecture;
      if (!c.pricing->vendor.empty()) out.first.vendor = c.pricing->vendor;
      if (!c.pricing->region.empty()) out.first.region = c.pricing->region;
      haveS = true;
      break;
    }
  if (!haveS) throw std::invalid_argument("scenario '" + serverless.name + "': no serverless component with a pricing block");
  for (const auto& c : containers.components)
    if (c.pricing && !c.pricing->instance_type.empty()) {
      ContainerSide& k = out.second;
      k.instance_type = c.pricing->instance_type;
      if (!c.pricing->vendor.empty()) k.vendor = c.pricing->vendor;
      if (!c.pricing->region.empty()) k.region = c.pricing->region;
      k.service_time_s = c.service_time.mean();
      k.workers_per_replica = c.workers_per_replica;
      k.min_replicas = c.replicas;
      if (c.autoscaling) {
        k.min_replicas = c.autoscaling->min_replicas;
        for (const auto& m : c.autoscaling->metrics)
          if (m.type == HpaMetricTarget::Type::CpuUtilization) k.target_utilization = m.target / 100.0;
        for (const auto& p : c.autoscaling->aws_policies)
          if (p.type == AwsPolicySpec::Type::TargetTracking && p.metric == AwsPolicySpec::Metric::CpuUtilization)
            k.target_utilization = p.target / 100.0;
      }
      haveC = true;
      break;
    }
  if (!haveC) throw std::invalid_argument("scenario '" + containers.name + "': no component with pricing.instance_type");
  return out;
}

}  // namespace headroom::cost
