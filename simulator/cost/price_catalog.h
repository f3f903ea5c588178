#pragma once
// The price catalog: every price the cost model may use, each with where it came from and when. Built-in
// entries come from /work/shared/reference/pricing.md (builtinCatalog); a user's price book (price_book_json.h)
// or an AWS Price List offer file (aws_offer_csv.h) overrides or extends them. Plain data, no I/O.
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace headroom::cost {

enum class PriceUnit {
  Hour,             // per instance-hour (instances, nodes, managed service classes)
  GbSecond,         // serverless duration x memory
  MillionRequests,  // per million requests
  GbMonth,          // storage held for a 730 h month
  Gb,               // data transferred (GiB: 1024^3 bytes)
  Fraction          // a discount: share of the on-demand price taken off
};
const char* priceUnitName(PriceUnit unit);  // "hour", "GB-second", "million requests", "GB-month", "GB", "fraction"
std::optional<PriceUnit> priceUnitFromName(const std::string& name);

// Graduated monthly tiers: the quantity in a month up to `up_to` (cumulative) costs `usd_per_unit`; the last
// tier has no bound. A single-price entry has one tier.
struct PriceTier {
  double up_to = std::numeric_limits<double>::infinity();
  double usd_per_unit = 0.0;
};

struct PriceEntry {
  std::string vendor;   // "aws", "gcp", "azure"
  std::string service;  // "ec2", "lambda-duration", "data-transfer-out", ... (docs/cost.md lists them)
  std::string region;   // "us-east-1"; "*" = every region
  std::string sku;      // instance type or class ("m6i.large"), or the usage kind ("x86", "requests")
  double vcpu = 0.0;        // instances
  double memory_gib = 0.0;  // instances
  PriceUnit unit = PriceUnit::Hour;
  std::vector<PriceTier> tiers;    // at least one
  double free_per_month = 0.0;     // optional free tier, in `unit`s per month (applied when asked)
  std::string purchase_option = "on-demand";  // "on-demand", "spot", "savings-plan", "reserved", "commitment"
  std::string date;                // YYYY-MM-DD the price was read
  std::string source;              // where (page, file, agreement)
  bool uncertain = false;          // sources disagreed

  double firstPrice() const { return tiers.empty() ? 0.0 : tiers.front().usd_per_unit; }
  std::string key() const;  // vendor/service/region/sku/purchase_option
};

class PriceCatalog {
 public:
  std::string version;  // "builtin-2026-11", or a price book's own name
  std::string date;     // the newest entry's date, YYYY-MM-DD

  const std::vector<PriceEntry>& entries() const { return entries_; }
  // Exact region first, then an entry for region "*". Null when absent.
  const PriceEntry* find(const std::string& vendor, const std::string& service, const std::string& region,
                         const std::string& sku, const std::string& purchase_option = "on-demand") const;
  // Adds an entry, replacing one with the same key (a user's price wins over the built-in one).
  void put(PriceEntry entry);
  // Every entry of `book` replaces or extends this catalog; the version names both.
  void overrideWith(const PriceCatalog& book);
  // Multiplies every price of (vendor, service) by (1 - fraction); service "*" = all of the vendor's
  // (an enterprise discount). Discount entries (unit fraction) are left alone.
  void applyDiscount(const std::string& vendor, const std::string& service, double fraction);

 private:
  std::vector<PriceEntry> entries_;
};

// The catalog built from the reference facts (dated 2026-11-01), each entry with its source.
PriceCatalog builtinCatalog();

// Days from `from` to `to`, both YYYY-MM-DD; nullopt when either is not a valid date.
std::optional<int> daysBetween(const std::string& from, const std::string& to);
inline constexpr int kStalePriceDays = 180;
// "aws ec2 us-east-1 m6i.large: price dated 2026-11-01 is 200 days old (> 180)" when older than 180 days
// on `today`; empty otherwise. An undated entry warns too.
std::string staleWarning(const PriceEntry& entry, const std::string& today);

// Cost of `quantity` units in one month under graduated tiers, after `free` units.
double tieredUsd(const std::vector<PriceTier>& tiers, double quantity, double free = 0.0);

}  // namespace headroom::cost
