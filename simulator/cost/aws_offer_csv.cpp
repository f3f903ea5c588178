#include "simulator/cost/aws_offer_csv.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace headroom::cost {

namespace {

using Fields = std::vector<std::string>;

// RFC 4180 records read line by line, so that a file of hundreds of MB is never held whole. A quoted field may
// hold commas, doubled quotes and line breaks; a quote inside an unquoted field is kept as it is.
class CsvRecords {
 public:
  CsvRecords(std::istream& in, const std::string& origin) : in_(in), origin_(origin) {}

  // The next record and the line it starts on; false at the end of the input.
  bool next(Fields& fields, int& line) {
    std::string text;
    if (!std::getline(in_, text)) return false;
    line = ++line_;
    if (line_ == 1 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);  // a UTF-8 byte order mark
    fields.clear();
    std::string field;
    bool quoted = false, wasQuoted = false;
    std::size_t i = 0;
    for (;;) {
      const bool endOfLine = i == text.size() || (!quoted && text[i] == '\r' && i + 1 == text.size());
      if (endOfLine) {
        if (!quoted) break;
        std::string more;
        if (!std::getline(in_, more))
          throw std::invalid_argument(origin_ + ":" + std::to_string(line) + ": field " + std::to_string(fields.size() + 1) +
                                      ": a quoted field is not closed before the end of the file");
        ++line_;
        field += '\n';
        text = std::move(more);
        i = 0;
        continue;
      }
      const char ch = text[i++];
      if (quoted) {
        if (ch != '"') {
          field += ch;
        } else if (i < text.size() && text[i] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else if (ch == '"' && field.empty() && !wasQuoted) {
        quoted = wasQuoted = true;
      } else if (ch == ',') {
        fields.push_back(std::move(field));
        field.clear();
        wasQuoted = false;
      } else {
        field += ch;
      }
    }
    fields.push_back(std::move(field));
    return true;
  }

 private:
  std::istream& in_;
  const std::string& origin_;
  int line_ = 0;
};

// Column names are matched ignoring case, spaces and underscores: offer files and tools spell them
// "Region Code", "regionCode" or "Region_Code".
std::string normalised(const std::string& name) {
  std::string out;
  for (const unsigned char c : name)
    if (c != ' ' && c != '_') out += static_cast<char>(std::tolower(c));
  return out;
}

// Indices of the columns the reader looks at (-1 when the file has no such column).
struct Columns {
  Fields names;
  int termType = -1, unit = -1, price = -1, currency = -1, start = -1, end = -1, effective = -1, serviceCode = -1,
      family = -1, location = -1, instanceType = -1, vcpu = -1, memory = -1, tenancy = -1, os = -1, preinstalled = -1,
      capacity = -1, license = -1, market = -1, dbEngine = -1, deployment = -1, cacheEngine = -1, group = -1,
      usageType = -1, transferType = -1, toLocation = -1, regionCode = -1, fromRegionCode = -1;

  explicit Columns(Fields header) : names(std::move(header)) {
    const std::pair<const char*, int*> wanted[] = {
        {"termtype", &termType}, {"unit", &unit}, {"priceperunit", &price}, {"currency", &currency},
        {"startingrange", &start}, {"endingrange", &end}, {"effectivedate", &effective}, {"servicecode", &serviceCode},
        {"productfamily", &family}, {"location", &location}, {"instancetype", &instanceType}, {"vcpu", &vcpu},
        {"memory", &memory}, {"tenancy", &tenancy}, {"operatingsystem", &os}, {"preinstalleds/w", &preinstalled},
        {"capacitystatus", &capacity}, {"licensemodel", &license}, {"marketoption", &market},
        {"databaseengine", &dbEngine}, {"deploymentoption", &deployment}, {"cacheengine", &cacheEngine},
        {"group", &group}, {"usagetype", &usageType}, {"transfertype", &transferType}, {"tolocation", &toLocation},
        {"regioncode", &regionCode}, {"fromregioncode", &fromRegionCode}};
    for (std::size_t i = 0; i < names.size(); ++i) {
      const std::string n = normalised(names[i]);
      for (const auto& [name, index] : wanted)
        if (n == name && *index < 0) *index = static_cast<int>(i);
    }
  }

  static const std::string& at(const Fields& r, int column) {
    static const std::string none;
    return column >= 0 ? r[static_cast<std::size_t>(column)] : none;
  }
  // "PricePerUnit (column 10)", for errors.
  std::string label(int column) const { return names[static_cast<std::size_t>(column)] + " (column " + std::to_string(column + 1) + ")"; }
};

// A whole field as a number (locale-independent: the GUI may run under a locale with a decimal comma).
bool parseNumber(const std::string& text, double& value) {
  const char* first = text.data();
  const char* last = first + text.size();
  const auto [ptr, ec] = std::from_chars(first, last, value);
  return ec == std::errc() && ptr == last && std::isfinite(value);
}

// The leading number of "8 GiB", "976 Gib", "0.5 GiB", "512 MiB" in GiB; 0 for "NA" or anything else.
double memoryGib(const std::string& text) {
  double value = 0.0;
  const char* first = text.data();
  const auto [ptr, ec] = std::from_chars(first, first + text.size(), value);
  if (ec != std::errc()) return 0.0;
  const std::string unit = normalised(std::string(ptr, first + text.size()));
  if (unit == "mib" || unit == "mb") return value / 1024.0;
  return unit.empty() || unit == "gib" || unit == "gb" ? value : 0.0;
}

double leadingNumber(const std::string& text) {
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() ? value : 0.0;
}

bool endsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

struct Key {
  std::string service, region, sku;
  PriceUnit unit = PriceUnit::Hour;
  bool operator<(const Key& o) const { return std::tie(service, region, sku, unit) < std::tie(o.service, o.region, o.sku, o.unit); }
};

// What a row is for: an entry key (and the factor from the file's unit to the catalog's), or why it is skipped.
struct Use {
  Key key;
  double scale = 1.0;  // price per file unit -> price per catalog unit (requests -> million requests)
  std::string skip;    // non-empty: the reason the row is not used
};

Use skipped(std::string why) {
  Use u;
  u.skip = std::move(why);
  return u;
}

Use classify(const Fields& r, const Columns& c, const std::string& offerCode) {
  const auto at = [&](int column) -> const std::string& { return Columns::at(r, column); };
  if (at(c.termType) != "OnDemand") return skipped("terms other than OnDemand (Reserved, with their upfront fees)");
  if (at(c.currency) != "USD") return skipped("currency not USD");
  const std::string& service = at(c.serviceCode).empty() ? offerCode : at(c.serviceCode);
  const std::string& unit = at(c.unit);
  const std::string& instance = at(c.instanceType);
  Use u;
  const bool computeFamily = c.family < 0 || at(c.family).rfind("Compute Instance", 0) == 0;  // "... (bare metal)" too
  if (service == "AmazonEC2" && unit == "Hrs" && !instance.empty() && computeFamily) {
    if (at(c.os) != "Linux") return skipped("EC2: operating system not Linux");
    if (at(c.tenancy) != "Shared") return skipped("EC2: tenancy not Shared (dedicated instances, hosts)");
    if (!at(c.preinstalled).empty() && at(c.preinstalled) != "NA") return skipped("EC2: pre-installed software (SQL Server, ...)");
    if (!at(c.capacity).empty() && at(c.capacity) != "Used") return skipped("EC2: capacity status not Used (capacity reservations)");
    if (!at(c.license).empty() && at(c.license) != "No License required") return skipped("EC2: licence model other than No License required");
    if (!at(c.market).empty() && at(c.market) != "OnDemand") return skipped("EC2: market option not OnDemand");
    u.key = {"ec2", "", instance, PriceUnit::Hour};
  } else if (service == "AmazonRDS" && unit == "Hrs" && !instance.empty()) {
    if (at(c.dbEngine) != "PostgreSQL" || at(c.deployment) != "Single-AZ")
      return skipped("RDS: not PostgreSQL Single-AZ (Multi-AZ is priced as 2 x Single-AZ)");
    u.key = {"rds-postgresql", "", instance, PriceUnit::Hour};
  } else if (service == "AmazonElastiCache" && unit == "Hrs" && !instance.empty()) {
    if (!at(c.cacheEngine).empty() && at(c.cacheEngine) != "Redis") return skipped("ElastiCache: cache engine not Redis");
    u.key = {"elasticache", "", instance, PriceUnit::Hour};
  } else if (service == "AmazonMSK" && unit == "Hrs" && !instance.empty()) {
    u.key = {"msk", "", instance, PriceUnit::Hour};
  } else if (service == "AWSLambda") {
    // By the product group when the file has one, else by the usage type's suffix ("USE1-Lambda-GB-Second-ARM").
    const std::string& group = at(c.group);
    const std::string& usage = at(c.usageType);
    const bool duration = unit.rfind("Lambda-GB-Second", 0) == 0, requests = unit == "Requests" || unit == "Request";
    std::string kind;
    if (c.group >= 0) {
      if (group == "AWS-Lambda-Duration" && duration) kind = "x86";
      if (group == "AWS-Lambda-Duration-ARM" && duration) kind = "arm";
      if (group == "AWS-Lambda-Requests" && requests) kind = "requests";
    } else {
      if (duration && endsWith(usage, "Lambda-GB-Second")) kind = "x86";
      if (duration && endsWith(usage, "Lambda-GB-Second-ARM")) kind = "arm";
      if (requests && (usage == "Request" || endsWith(usage, "-Request"))) kind = "requests";
    }
    if (kind.empty()) return skipped("Lambda: usage not priced (edge, provisioned concurrency, storage, Arm requests)");
    if (at(c.location) == "Any") return skipped("global free-tier rows (location Any)");
    if (kind == "requests") {
      u.key = {"lambda-requests", "", "requests", PriceUnit::MillionRequests};
      u.scale = 1e6;
    } else {
      u.key = {"lambda-duration", "", kind, PriceUnit::GbSecond};
    }
  } else if ((service == "AWSDataTransfer" || service == "AmazonEC2") && unit == "GB" && c.transferType >= 0) {
    if (at(c.transferType) != "AWS Outbound" || at(c.toLocation) != "External")
      return skipped("data transfer other than out to the internet");
    u.key = {"data-transfer-out", "", "internet", PriceUnit::Gb};
  } else {
    return skipped("products or units not priced (storage, load balancers, upfront quantities, ...)");
  }
  u.key.region = at(c.regionCode).empty() ? at(c.fromRegionCode) : at(c.regionCode);
  if (u.key.region.empty()) return skipped("no region code (global rows)");
  return u;
}

struct Tier {
  double up_to = std::numeric_limits<double>::infinity();
  double usd = 0.0;
  int line = 0;
  bool endless = false;  // EndingRange was "Inf" (or empty)
};

struct Pending {
  PriceEntry entry;
  std::map<double, Tier> tiers;  // by starting range
};

std::string describe(const Key& k) { return k.service + " " + k.region + " " + k.sku; }

std::string number(double v) {
  std::ostringstream s;
  s << v;
  return s.str();
}

constexpr std::size_t kMaxWarnings = 20;

}  // namespace

std::string OfferImport::summary(const std::string& origin) const {
  std::string s = origin + ": " + std::to_string(used) + " of " + std::to_string(rows) + " rows used";
  if (!skipped.empty()) {
    std::vector<std::pair<int, std::string>> byCount;
    for (const auto& [why, n] : skipped) byCount.push_back({-n, why});
    std::sort(byCount.begin(), byCount.end());
    s += "; skipped:";
    for (std::size_t i = 0; i < byCount.size(); ++i) s += (i ? ", " : " ") + std::to_string(-byCount[i].first) + " " + byCount[i].second;
  }
  return s;
}

OfferImport readAwsOfferCsv(std::istream& in, const std::string& origin) {
  OfferImport out;
  CsvRecords records(in, origin);
  Fields r;
  int line = 0;
  std::string offerCode, version, published, formatVersion;
  // Metadata records ("FormatVersion","v1.0" ...: five in every offer file) come before the header.
  bool haveHeader = false;
  while (records.next(r, line)) {
    if (r[0] == "SKU") {
      haveHeader = true;
      break;
    }
    static const char* const kMetadata[] = {"FormatVersion", "Disclaimer", "Publication Date", "Version", "OfferCode"};
    const bool known = std::find(std::begin(kMetadata), std::end(kMetadata), r[0]) != std::end(kMetadata);
    if ((!known && r.size() != 2) || line > 10)  // an unquoted disclaimer may hold commas
      throw std::invalid_argument(origin + ":" + std::to_string(line) + ": field 1: expected the header record starting with \"SKU\" "
                                  "after the metadata lines (FormatVersion, Disclaimer, Publication Date, Version, OfferCode), found '" +
                                  r[0].substr(0, 40) + "': not an AWS Price List offer CSV");
    if (r[0] == "FormatVersion") formatVersion = r[1];
    if (r[0] == "OfferCode") offerCode = r[1];
    if (r[0] == "Version") version = r[1];
    if (r[0] == "Publication Date") published = r[1].substr(0, 10);
  }
  if (!haveHeader)
    throw std::invalid_argument(origin + ":" + std::to_string(line + 1) + ": field 1: no header record starting with \"SKU\": "
                                "not an AWS Price List offer CSV");
  const int headerLine = line;
  const Columns c(r);
  for (const auto& [name, index] : {std::pair{"TermType", c.termType}, std::pair{"Unit", c.unit},
                                    std::pair{"PricePerUnit", c.price}, std::pair{"Currency", c.currency}})
    if (index < 0)
      throw std::invalid_argument(origin + ":" + std::to_string(headerLine) + ": field " + name + ": the header lacks the column '" +
                                  name + "'");
  if (!formatVersion.empty() && formatVersion != "v1.0")
    out.warnings.push_back(origin + ": format version " + formatVersion + " (read as v1.0)");
  if (c.regionCode < 0 && c.fromRegionCode < 0)
    out.warnings.push_back(origin + ": no Region Code column (an offer file from before 2021?): no row can be used");

  std::map<Key, Pending> pending;
  int extraWarnings = 0;
  while (records.next(r, line)) {
    if (r.size() == 1 && r[0].empty()) continue;  // a blank line (the end of the file)
    if (r.size() != c.names.size()) {
      std::string which = r.size() < c.names.size() ? "; the first missing is " + c.label(static_cast<int>(r.size()))
                                                     : "; field " + std::to_string(c.names.size() + 1) + " is beyond the last column";
      throw std::invalid_argument(origin + ":" + std::to_string(line) + ": " + std::to_string(r.size()) + " fields, the header (line " +
                                  std::to_string(headerLine) + ") has " + std::to_string(c.names.size()) + which);
    }
    ++out.rows;
    const Use use = classify(r, c, offerCode);
    if (!use.skip.empty()) {
      ++out.skipped[use.skip];
      continue;
    }
    const auto at = [&](int column) -> const std::string& { return Columns::at(r, column); };
    Tier tier;
    tier.line = line;
    if (!parseNumber(at(c.price), tier.usd) || tier.usd < 0)
      throw std::invalid_argument(origin + ":" + std::to_string(line) + ": " + c.label(c.price) + ": '" + at(c.price) + "' is not a price");
    tier.usd *= use.scale;
    double start = 0.0;
    if (!at(c.start).empty() && (!parseNumber(at(c.start), start) || start < 0))
      throw std::invalid_argument(origin + ":" + std::to_string(line) + ": " + c.label(c.start) + ": '" + at(c.start) + "' is not a number");
    tier.endless = at(c.end).empty() || at(c.end) == "Inf";
    if (!tier.endless) {
      if (!parseNumber(at(c.end), tier.up_to) || tier.up_to <= start)
        throw std::invalid_argument(origin + ":" + std::to_string(line) + ": " + c.label(c.end) + ": '" + at(c.end) +
                                    "' is not a number above the StartingRange or Inf");
      tier.up_to /= use.scale;  // ranges count the file's units: requests -> million requests
    }
    start /= use.scale;
    Pending& p = pending[use.key];
    if (auto it = p.tiers.find(start); it != p.tiers.end()) {
      ++out.skipped["duplicate prices (the first one read is used)"];
      if (out.warnings.size() < kMaxWarnings)
        out.warnings.push_back(origin + ":" + std::to_string(line) + ": a second price for " + describe(use.key) + " from " +
                               number(start) + " (first on line " + std::to_string(it->second.line) + ") is ignored");
      else
        ++extraWarnings;
      continue;
    }
    ++out.used;
    p.tiers[start] = tier;
    if (p.entry.service.empty()) {
      p.entry.vendor = "aws";
      p.entry.service = use.key.service;
      p.entry.region = use.key.region;
      p.entry.sku = use.key.sku;
      p.entry.unit = use.key.unit;
      p.entry.vcpu = leadingNumber(at(c.vcpu));
      p.entry.memory_gib = memoryGib(at(c.memory));
      const std::string effective = at(c.effective).substr(0, 10);
      p.entry.date = daysBetween(effective, effective) ? effective : published;
      p.entry.source = "AWS Price List offer " + offerCode + " " + version + " (" + origin + ":" + std::to_string(line) + ")";
      if (use.key.service == "lambda-requests") p.entry.free_per_month = 1;        // 1 M requests (pricing.md)
      if (use.key.service == "lambda-duration") p.entry.free_per_month = 400000;  // GB-s (pricing.md)
    }
  }
  if (extraWarnings > 0) out.warnings.push_back(origin + ": " + std::to_string(extraWarnings) + " more duplicate prices ignored");

  for (auto& [key, p] : pending) {
    // Tiers are graduated: each starts where the previous one ends, the first at 0, the last has no end.
    double expected = 0.0;
    bool joined = true;
    for (const auto& [start, tier] : p.tiers) {
      if (std::abs(start - expected) > 1e-9 * std::max(1.0, expected)) joined = false;
      expected = tier.up_to;
      p.entry.tiers.push_back({tier.up_to, tier.usd});
    }
    if (!joined || !p.tiers.rbegin()->second.endless)
      out.warnings.push_back(origin + ":" + std::to_string(p.tiers.begin()->second.line) + ": the tiers of " + describe(key) +
                             " do not run from 0 to Inf without gaps; the last one is taken as unbounded");
    p.entry.tiers.back().up_to = std::numeric_limits<double>::infinity();
    if (p.entry.date > out.prices.date) out.prices.date = p.entry.date;
    out.prices.put(std::move(p.entry));
  }
  out.prices.version = "aws-offer " + offerCode + " " + version;
  if (out.prices.date.empty()) out.prices.date = published;
  return out;
}

OfferImport readAwsOfferCsv(const std::string& text, const std::string& origin) {
  std::istringstream in(text);
  return readAwsOfferCsv(in, origin);
}

OfferImport readAwsOfferCsvFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(path + ": cannot open the offer file");
  return readAwsOfferCsv(in, path);
}

}  // namespace headroom::cost
