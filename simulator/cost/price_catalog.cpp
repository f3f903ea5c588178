#include "simulator/cost/price_catalog.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace headroom::cost {

const char* priceUnitName(PriceUnit unit) {
  switch (unit) {
    case PriceUnit::Hour: return "hour";
    case PriceUnit::GbSecond: return "GB-second";
    case PriceUnit::MillionRequests: return "million requests";
    case PriceUnit::GbMonth: return "GB-month";
    case PriceUnit::Gb: return "GB";
    case PriceUnit::Fraction: return "fraction";
  }
  return "?";
}

std::optional<PriceUnit> priceUnitFromName(const std::string& name) {
  for (PriceUnit u : {PriceUnit::Hour, PriceUnit::GbSecond, PriceUnit::MillionRequests, PriceUnit::GbMonth, PriceUnit::Gb,
                      PriceUnit::Fraction})
    if (name == priceUnitName(u)) return u;
  return std::nullopt;
}

std::string PriceEntry::key() const { return vendor + "/" + service + "/" + region + "/" + sku + "/" + purchase_option; }

const PriceEntry* PriceCatalog::find(const std::string& vendor, const std::string& service, const std::string& region,
                                     const std::string& sku, const std::string& purchase_option) const {
  const PriceEntry* any = nullptr;
  for (const auto& e : entries_) {
    if (e.vendor != vendor || e.service != service || e.sku != sku || e.purchase_option != purchase_option) continue;
    if (e.region == region) return &e;
    if (e.region == "*") any = &e;
  }
  return any;
}

void PriceCatalog::put(PriceEntry entry) {
  const std::string k = entry.key();
  for (auto& e : entries_)
    if (e.key() == k) {
      e = std::move(entry);
      return;
    }
  entries_.push_back(std::move(entry));
}

void PriceCatalog::overrideWith(const PriceCatalog& book) {
  for (const auto& e : book.entries_) put(e);
  if (!book.version.empty()) version = version.empty() ? book.version : version + " + " + book.version;
  if (book.date > date) date = book.date;
}

void PriceCatalog::applyDiscount(const std::string& vendor, const std::string& service, double fraction) {
  for (auto& e : entries_) {
    if (e.vendor != vendor || e.unit == PriceUnit::Fraction || (service != "*" && e.service != service)) continue;
    for (auto& t : e.tiers) t.usd_per_unit *= 1.0 - fraction;
  }
}

namespace {

constexpr const char* kRefDate = "2026-11-01";
constexpr const char* kRefSource = "Headroom reference pricing.md (vendor pages and agreeing snapshots, gathered 2026-11)";

PriceEntry entry(const char* vendor, const char* service, const char* region, const char* sku, PriceUnit unit,
                 std::vector<PriceTier> tiers, bool uncertain = false) {
  PriceEntry e;
  e.vendor = vendor;
  e.service = service;
  e.region = region;
  e.sku = sku;
  e.unit = unit;
  e.tiers = std::move(tiers);
  e.date = kRefDate;
  e.source = kRefSource;
  e.uncertain = uncertain;
  return e;
}

PriceEntry instance(const char* vendor, const char* service, const char* region, const char* sku, double vcpu,
                    double memory_gib, double usd_per_hour) {
  PriceEntry e = entry(vendor, service, region, sku, PriceUnit::Hour, {{std::numeric_limits<double>::infinity(), usd_per_hour}});
  e.vcpu = vcpu;
  e.memory_gib = memory_gib;
  return e;
}

PriceTier flat(double usd) { return {std::numeric_limits<double>::infinity(), usd}; }

}  // namespace

PriceCatalog builtinCatalog() {
  PriceCatalog c;
  c.version = "builtin-2026-11";
  c.date = kRefDate;
  const char* aws = "us-east-1";
  // EC2 Linux on-demand, us-east-1: sizes .large = 2 vCPU, .xlarge = 4, .2xlarge = 8 (m: 4 GiB per vCPU,
  // c: 2, r: 8).
  struct Family {
    const char* name;
    double gib_per_vcpu;
    double large_usd;
  };
  const Family families[] = {{"m5", 4, 0.096}, {"m6i", 4, 0.096}, {"m7g", 4, 0.0816}, {"c6i", 2, 0.085}, {"r6i", 8, 0.126}};
  const std::pair<const char*, double> sizes[] = {{"large", 2}, {"xlarge", 4}, {"2xlarge", 8}};
  for (const auto& f : families)
    for (const auto& [size, vcpu] : sizes) {
      const std::string sku = std::string(f.name) + "." + size;
      c.put(instance("aws", "ec2", aws, sku.c_str(), vcpu, vcpu * f.gib_per_vcpu, f.large_usd * vcpu / 2.0));
    }
  // Doubling per size reproduces every size the reference lists (c6i 0.17 / 0.34, m7g 0.1632 / 0.3264, ...).
  c.put(instance("gcp", "compute-engine", "us-central1", "n2-standard-2", 2, 8, 0.0971));
  c.put(instance("gcp", "compute-engine", "us-central1", "n2-standard-4", 4, 16, 0.1942));
  c.put(instance("gcp", "compute-engine", "us-central1", "n2-standard-8", 8, 32, 0.3885));
  c.put(instance("azure", "virtual-machines", "eastus", "D2s_v5", 2, 8, 0.096));
  c.put(instance("azure", "virtual-machines", "eastus", "D4s_v5", 4, 16, 0.192));

  // Managed services, per instance-hour.
  c.put(entry("aws", "rds-postgresql", aws, "db.r6g.large", PriceUnit::Hour, {flat(0.225)}, true));  // 0.21-0.26
  c.put(entry("aws", "elasticache", aws, "cache.r6g.large", PriceUnit::Hour, {flat(0.206)}));
  c.put(entry("aws", "msk", aws, "kafka.m5.large", PriceUnit::Hour, {flat(0.21)}, true));  // "about"
  c.put(entry("aws", "msk-storage", aws, "storage", PriceUnit::GbMonth, {flat(0.10)}));

  // Data transfer out to the internet: first 100 GB a month free, then 0.09 to 10 TB, 0.085 the next 40 TB,
  // 0.07 the next 100 TB, 0.05 beyond 150 TB (GB = GiB, TB = 1024 GB).
  c.put(entry("aws", "data-transfer-out", aws, "internet", PriceUnit::Gb,
              {{100, 0.0}, {10240, 0.09}, {51200, 0.085}, {153600, 0.07}, flat(0.05)}));
  c.put(entry("aws", "data-transfer", aws, "cross-az", PriceUnit::Gb, {flat(0.01)}));       // each way
  c.put(entry("aws", "data-transfer", aws, "inter-region", PriceUnit::Gb, {flat(0.02)}));
  // CloudFront US: 0.085 the first 10 TB, then 0.080, 0.060, 0.040, 0.030, 0.025, 0.020 above 5 PB. The
  // reference gives the prices, not the bounds between 10 TB and 5 PB: 50 TB, 150 TB, 500 TB, 1 PB are the
  // vendor page's usual steps, hence uncertain. Free tier 1 TB and 10 M requests a month.
  PriceEntry cdn = entry("aws", "cloudfront", "*", "data-out-us", PriceUnit::Gb,
                         {{10240, 0.085}, {51200, 0.080}, {153600, 0.060}, {512000, 0.040}, {1048576, 0.030},
                          {5242880, 0.025}, flat(0.020)},
                         true);
  cdn.free_per_month = 1024;
  c.put(cdn);
  PriceEntry cdnRequests = entry("aws", "cloudfront-requests", "*", "https", PriceUnit::MillionRequests, {flat(1.00)}, true);
  cdnRequests.free_per_month = 10;
  c.put(cdnRequests);

  // Lambda: 0.20 per million requests; GB-seconds x86 0.0000166667 (the reference gives the first 6 B GB-s;
  // later tiers are not in it, so the first price continues), Arm 0.0000133334. Free tier 1 M requests and
  // 400,000 GB-s a month.
  PriceEntry lambdaRequests = entry("aws", "lambda-requests", aws, "requests", PriceUnit::MillionRequests, {flat(0.20)});
  lambdaRequests.free_per_month = 1;
  c.put(lambdaRequests);
  for (auto [arch, usd] : {std::pair{"x86", 0.0000166667}, std::pair{"arm", 0.0000133334}}) {
    PriceEntry d = entry("aws", "lambda-duration", aws, arch, PriceUnit::GbSecond, {flat(usd)});
    d.free_per_month = 400000;
    c.put(d);
  }
  // API Gateway per million requests (first tier only: REST to 333 M, HTTP to 300 M).
  c.put(entry("aws", "api-gateway-rest", aws, "requests", PriceUnit::MillionRequests, {flat(3.50)}));
  c.put(entry("aws", "api-gateway-http", aws, "requests", PriceUnit::MillionRequests, {flat(1.00)}));
  c.put(entry("aws", "api-gateway-websocket", aws, "messages", PriceUnit::MillionRequests, {flat(1.00)}));

  // Discounts (fraction of the on-demand price). The reference gives spot "up to 90%, typically 60-70%
  // (estimate)": 0.65 is the middle of the typical range. Savings plans and reservations are "up to": the
  // catalog keeps the maximum, labelled; a scenario should give its own committed_discount.
  auto discount = [&](const char* vendor, const char* sku, const char* option, double fraction, bool uncertain) {
    PriceEntry d = entry(vendor, "discount", "*", sku, PriceUnit::Fraction, {flat(fraction)}, uncertain);
    d.purchase_option = option;
    c.put(d);
  };
  discount("aws", "spot-typical", "spot", 0.65, true);
  discount("aws", "spot-maximum", "spot", 0.90, false);
  discount("aws", "compute-savings-plan-maximum", "savings-plan", 0.66, false);
  discount("aws", "ec2-instance-savings-plan-maximum", "savings-plan", 0.72, false);
  discount("aws", "reserved-instance-maximum", "reserved", 0.72, false);
  discount("gcp", "committed-use-1y", "commitment", 0.37, true);
  discount("gcp", "committed-use-3y", "commitment", 0.55, true);
  return c;
}

namespace {

std::optional<long> dayNumber(const std::string& s) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm).
  y -= m <= 2;
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

}  // namespace

std::optional<int> daysBetween(const std::string& from, const std::string& to) {
  const auto a = dayNumber(from), b = dayNumber(to);
  if (!a || !b) return std::nullopt;
  return static_cast<int>(*b - *a);
}

std::string staleWarning(const PriceEntry& e, const std::string& today) {
  const std::string what = e.vendor + " " + e.service + " " + e.region + " " + e.sku;
  const auto age = daysBetween(e.date, today);
  if (!age) return what + ": price has no valid date ('" + e.date + "'), its age is unknown";
  if (*age <= kStalePriceDays) return {};
  return what + ": price dated " + e.date + " is " + std::to_string(*age) + " days old (more than " +
         std::to_string(kStalePriceDays) + "); check it or import a newer one";
}

double tieredUsd(const std::vector<PriceTier>& tiers, double quantity, double free) {
  double rest = std::max(0.0, quantity - std::max(0.0, free));
  double usd = 0.0, lower = 0.0;
  for (const auto& t : tiers) {
    if (rest <= 0) break;
    const double width = t.up_to - lower;
    const double take = std::min(rest, width);
    usd += take * t.usd_per_unit;
    rest -= take;
    lower = t.up_to;
  }
  return usd;
}

}  // namespace headroom::cost
