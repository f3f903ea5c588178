#include "simulator/cost/aws_offer_csv.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace headroom::cost {

namespace {

// One CSV record (RFC 4180 quoting) starting at `pos`; advances `pos` and `line` past it.
std::vector<std::string> record(const std::string& text, std::size_t& pos, int& line) {
  std::vector<std::string> fields;
  std::string field;
  bool quoted = false;
  for (; pos < text.size(); ++pos) {
    const char ch = text[pos];
    if (quoted) {
      if (ch == '"') {
        if (pos + 1 < text.size() && text[pos + 1] == '"') {
          field += '"';
          ++pos;
        } else {
          quoted = false;
        }
      } else {
        if (ch == '\n') ++line;
        field += ch;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == ',') {
      fields.push_back(std::move(field));
      field.clear();
    } else if (ch == '\n' || ch == '\r') {
      if (ch == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
      ++pos;
      ++line;
      break;
    } else {
      field += ch;
    }
  }
  fields.push_back(std::move(field));
  return fields;
}

struct Key {
  std::string service, region, sku;
  PriceUnit unit;
  bool operator<(const Key& o) const {
    return std::tie(service, region, sku, unit) < std::tie(o.service, o.region, o.sku, o.unit);
  }
};

struct Pending {
  PriceEntry entry;
  std::vector<std::pair<double, PriceTier>> tiers;  // (starting range, tier)
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

OfferImport readAwsOfferCsv(const std::string& text, const std::string& origin) {
  OfferImport out;
  std::size_t pos = 0;
  int line = 1;
  std::string offerCode, version, published;
  std::vector<std::string> header;
  // Metadata lines ("FormatVersion","v1.0" ...) come before the header row, which starts with "SKU".
  while (pos < text.size()) {
    const int at = line;
    auto r = record(text, pos, line);
    if (!r.empty() && r[0] == "SKU") {
      header = std::move(r);
      break;
    }
    if (r.size() >= 2) {
      if (r[0] == "OfferCode") offerCode = r[1];
      if (r[0] == "Version") version = r[1];
      if (r[0] == "Publication Date") published = r[1].substr(0, 10);
    }
    if (at > 50) break;
  }
  if (header.empty()) throw std::invalid_argument(origin + ": not an AWS Price List offer CSV (no header row starting with \"SKU\")");
  std::map<std::string, std::size_t> col;
  for (std::size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
  for (const char* need : {"TermType", "Unit", "PricePerUnit", "Currency"})
    if (!col.count(need)) throw std::invalid_argument(origin + ": offer CSV header lacks the column '" + need + "'");
  auto get = [&](const std::vector<std::string>& r, const char* name) -> std::string {
    auto it = col.find(name);
    return it != col.end() && it->second < r.size() ? r[it->second] : std::string();
  };

  std::map<Key, Pending> pending;
  while (pos < text.size()) {
    const int at = line;
    auto r = record(text, pos, line);
    if (r.size() == 1 && r[0].empty()) continue;
    ++out.rows;
    if (get(r, "TermType") != "OnDemand" || get(r, "Currency") != "USD") continue;
    const std::string priceText = get(r, "PricePerUnit");
    char* end = nullptr;
    const double price = std::strtod(priceText.c_str(), &end);
    if (priceText.empty() || *end != '\0' || price < 0)
      throw std::invalid_argument(origin + ":" + std::to_string(at) + ": PricePerUnit '" + priceText + "' is not a price");
    const std::string serviceCode = get(r, "serviceCode").empty() ? offerCode : get(r, "serviceCode");
    const std::string unit = get(r, "Unit"), region = get(r, "regionCode"), instance = get(r, "Instance Type");
    const std::string usage = lower(get(r, "usageType") + get(r, "Usage Type") + get(r, "Group"));
    Key key{"", region.empty() ? "*" : region, "", PriceUnit::Hour};
    double scale = 1.0;
    if (serviceCode == "AmazonEC2" && unit == "Hrs" && !instance.empty()) {
      if (get(r, "Tenancy") != "Shared" || get(r, "Operating System") != "Linux") continue;
      if (!get(r, "PreInstalled S/W").empty() && get(r, "PreInstalled S/W") != "NA") continue;
      if (!get(r, "CapacityStatus").empty() && get(r, "CapacityStatus") != "Used") continue;
      key = {"ec2", key.region, instance, PriceUnit::Hour};
    } else if (serviceCode == "AmazonRDS" && unit == "Hrs" && !instance.empty()) {
      if (get(r, "Database Engine") != "PostgreSQL" || get(r, "Deployment Option") != "Single-AZ") continue;
      key = {"rds-postgresql", key.region, instance, PriceUnit::Hour};
    } else if (serviceCode == "AmazonElastiCache" && unit == "Hrs" && !instance.empty()) {
      key = {"elasticache", key.region, instance, PriceUnit::Hour};
    } else if (serviceCode == "AmazonMSK" && unit == "Hrs" && !instance.empty()) {
      key = {"msk", key.region, instance, PriceUnit::Hour};
    } else if (serviceCode == "AWSLambda" && (unit == "Lambda-GB-Second" || unit == "Second")) {
      if (usage.find("provisioned") != std::string::npos || usage.find("edge") != std::string::npos) continue;
      key = {"lambda-duration", key.region, usage.find("arm") != std::string::npos ? "arm" : "x86", PriceUnit::GbSecond};
    } else if (serviceCode == "AWSLambda" && unit == "Requests") {
      if (usage.find("edge") != std::string::npos) continue;
      key = {"lambda-requests", key.region, "requests", PriceUnit::MillionRequests};
      scale = 1e6;
    } else if ((serviceCode == "AWSDataTransfer" || serviceCode == "AmazonEC2") && unit == "GB" &&
               get(r, "To Location") == "External" && get(r, "Transfer Type") == "AWS Outbound") {
      key = {"data-transfer-out", region.empty() ? get(r, "fromRegionCode") : region, "internet", PriceUnit::Gb};
      if (key.region.empty()) key.region = "*";
    } else {
      continue;
    }
    ++out.used;
    Pending& p = pending[key];
    if (p.entry.service.empty()) {
      p.entry.vendor = "aws";
      p.entry.service = key.service;
      p.entry.region = key.region;
      p.entry.sku = key.sku;
      p.entry.unit = key.unit;
      p.entry.vcpu = std::atof(get(r, "vCPU").c_str());
      p.entry.memory_gib = std::atof(get(r, "Memory").c_str());  // "8 GiB"
      p.entry.date = get(r, "EffectiveDate").substr(0, 10);
      if (p.entry.date.empty()) p.entry.date = published;
      p.entry.source = "AWS Price List offer " + offerCode + " " + version + " (" + origin + ")";
      if (key.service == "lambda-requests") p.entry.free_per_month = 1;        // 1 M requests (pricing.md)
      if (key.service == "lambda-duration") p.entry.free_per_month = 400000;  // GB-s (pricing.md)
    }
    const std::string startText = get(r, "StartingRange"), endText = get(r, "EndingRange");
    const double start = startText.empty() ? 0.0 : std::atof(startText.c_str());
    const double upTo = endText.empty() || endText == "Inf" ? std::numeric_limits<double>::infinity() : std::atof(endText.c_str());
    // Lambda tiers are per second of GB in the file's own unit; requests are priced each.
    p.tiers.push_back({start, {upTo * (key.unit == PriceUnit::MillionRequests ? 1e-6 : 1.0), price * scale}});
  }
  for (auto& [key, p] : pending) {
    std::sort(p.tiers.begin(), p.tiers.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [start, tier] : p.tiers) p.entry.tiers.push_back(tier);
    if (p.entry.date > out.prices.date) out.prices.date = p.entry.date;
    out.prices.put(std::move(p.entry));
  }
  out.prices.version = "aws-offer " + offerCode + " " + version;
  if (out.prices.date.empty()) out.prices.date = published;
  return out;
}

OfferImport readAwsOfferCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(path + ": cannot open the offer file");
  std::stringstream ss;
  ss << in.rdbuf();
  return readAwsOfferCsv(ss.str(), path);
}

}  // namespace headroom::cost
