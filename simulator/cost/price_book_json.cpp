#include "simulator/cost/price_book_json.h"

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

namespace headroom::cost {

namespace {

using nlohmann::json;
using ojson = nlohmann::ordered_json;

class Reader {
 public:
  Reader(const json& j, std::string path, const std::string& origin) : j_(j), path_(std::move(path)), origin_(origin) {
    if (!j.is_object()) fail("", "must be an object");
  }
  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    std::string where = path_;
    if (!key.empty()) where += (where.empty() ? "" : ".") + key;
    throw std::invalid_argument(origin_ + ": " + (where.empty() ? "" : where + ": ") + problem);
  }
  const json* get(const std::string& key) {
    known_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() ? nullptr : &*it;
  }
  std::string str(const std::string& key, const std::string& fallback, bool required = false) {
    const json* v = get(key);
    if (!v) {
      if (required) fail(key, "is required");
      return fallback;
    }
    if (!v->is_string()) fail(key, "must be a string");
    return v->get<std::string>();
  }
  double number(const std::string& key, double fallback, bool required = false) {
    const json* v = get(key);
    if (!v) {
      if (required) fail(key, "is required");
      return fallback;
    }
    if (!v->is_number() || !std::isfinite(v->get<double>())) fail(key, "must be a number");
    return v->get<double>();
  }
  void finish() const {
    for (const auto& [k, v] : j_.items())
      if (!known_.count(k)) fail(k, "unknown field");
  }
  std::string child(const std::string& key, std::size_t i) const {
    return (path_.empty() ? "" : path_ + ".") + key + "[" + std::to_string(i) + "]";
  }

 private:
  const json& j_;
  std::string path_;
  const std::string& origin_;
  std::set<std::string> known_;
};

PriceEntry readEntry(const json& j, const std::string& path, const std::string& origin) {
  Reader r(j, path, origin);
  PriceEntry e;
  e.vendor = r.str("vendor", "", true);
  e.service = r.str("service", "", true);
  e.region = r.str("region", "*");
  e.sku = r.str("sku", "", true);
  e.vcpu = r.number("vcpu", 0);
  e.memory_gib = r.number("memory_gib", 0);
  const std::string unit = r.str("unit", "", true);
  const auto u = priceUnitFromName(unit);
  if (!u) r.fail("unit", "'" + unit + "' must be one of hour, GB-second, million requests, GB-month, GB, fraction");
  e.unit = *u;
  const json* usd = r.get("usd");
  const json* tiers = r.get("tiers");
  if ((usd != nullptr) == (tiers != nullptr)) r.fail("usd", "give exactly one of usd (one price) or tiers");
  if (usd) {
    const double p = r.number("usd", 0);
    if (p < 0) r.fail("usd", "must be >= 0");
    e.tiers = {{std::numeric_limits<double>::infinity(), p}};
  } else {
    if (!tiers->is_array() || tiers->empty()) r.fail("tiers", "must be a non-empty array of {up_to, usd}");
    double lower = 0;
    for (std::size_t i = 0; i < tiers->size(); ++i) {
      Reader t((*tiers)[i], r.child("tiers", i), origin);
      PriceTier tier;
      const bool last = i + 1 == tiers->size();
      tier.up_to = t.number("up_to", std::numeric_limits<double>::infinity(), !last);
      tier.usd_per_unit = t.number("usd", 0, true);
      if (tier.usd_per_unit < 0) t.fail("usd", "must be >= 0");
      if (!(tier.up_to > lower)) t.fail("up_to", "tiers must increase (each up_to above the previous one)");
      lower = tier.up_to;
      t.finish();
      e.tiers.push_back(tier);
    }
  }
  e.free_per_month = r.number("free_per_month", 0);
  if (e.free_per_month < 0) r.fail("free_per_month", "must be >= 0");
  e.purchase_option = r.str("purchase_option", "on-demand");
  e.date = r.str("date", "", true);
  if (!daysBetween(e.date, e.date)) r.fail("date", "'" + e.date + "' must be a date YYYY-MM-DD");
  e.source = r.str("source", "", true);
  if (const json* u2 = r.get("uncertain")) {
    if (!u2->is_boolean()) r.fail("uncertain", "must be true or false");
    e.uncertain = u2->get<bool>();
  }
  if (e.unit == PriceUnit::Fraction && !(e.firstPrice() >= 0 && e.firstPrice() < 1)) r.fail("usd", "a discount fraction must be in [0, 1)");
  r.finish();
  return e;
}

}  // namespace

PriceBook priceBookFromJson(const json& j, const std::string& origin) {
  Reader r(j, "", origin);
  PriceBook b;
  const std::string format = r.str("format", "headroom-price-book");
  if (format != "headroom-price-book") r.fail("format", "must be \"headroom-price-book\"");
  b.prices.version = r.str("version", "", true);
  if (const json* entries = r.get("entries")) {
    if (!entries->is_array()) r.fail("entries", "must be an array");
    for (std::size_t i = 0; i < entries->size(); ++i) {
      PriceEntry e = readEntry((*entries)[i], r.child("entries", i), origin);
      if (e.date > b.prices.date) b.prices.date = e.date;
      b.prices.put(std::move(e));
    }
  }
  if (const json* ds = r.get("discounts")) {
    if (!ds->is_array()) r.fail("discounts", "must be an array");
    for (std::size_t i = 0; i < ds->size(); ++i) {
      Reader d((*ds)[i], r.child("discounts", i), origin);
      BookDiscount x;
      x.vendor = d.str("vendor", "", true);
      x.service = d.str("service", "*");
      x.fraction = d.number("fraction", 0, true);
      if (!(x.fraction >= 0 && x.fraction < 1)) d.fail("fraction", "must be in [0, 1)");
      x.source = d.str("source", "");
      d.finish();
      b.discounts.push_back(x);
    }
  }
  r.finish();
  return b;
}

PriceBook readPriceBookFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument(path + ": cannot open the price book");
  std::stringstream ss;
  ss << in.rdbuf();
  json j;
  try {
    j = json::parse(ss.str());
  } catch (const json::parse_error& e) {
    throw std::invalid_argument(path + ": not valid JSON (byte " + std::to_string(e.byte) + ")");
  }
  return priceBookFromJson(j, path);
}

ojson priceBookToJson(const PriceBook& b) {
  ojson o;
  o["format"] = "headroom-price-book";
  o["version"] = b.prices.version;
  ojson entries = ojson::array();
  for (const auto& e : b.prices.entries()) {
    ojson x;
    x["vendor"] = e.vendor;
    x["service"] = e.service;
    x["region"] = e.region;
    x["sku"] = e.sku;
    if (e.vcpu > 0) x["vcpu"] = e.vcpu;
    if (e.memory_gib > 0) x["memory_gib"] = e.memory_gib;
    x["unit"] = priceUnitName(e.unit);
    if (e.tiers.size() == 1 && std::isinf(e.tiers.front().up_to)) {
      x["usd"] = e.firstPrice();
    } else {
      ojson tiers = ojson::array();
      for (const auto& t : e.tiers) {
        ojson tier;
        if (std::isfinite(t.up_to)) tier["up_to"] = t.up_to;
        tier["usd"] = t.usd_per_unit;
        tiers.push_back(tier);
      }
      x["tiers"] = tiers;
    }
    if (e.free_per_month > 0) x["free_per_month"] = e.free_per_month;
    x["purchase_option"] = e.purchase_option;
    x["date"] = e.date;
    x["source"] = e.source;
    if (e.uncertain) x["uncertain"] = true;
    entries.push_back(x);
  }
  o["entries"] = entries;
  ojson ds = ojson::array();
  for (const auto& d : b.discounts) ds.push_back({{"vendor", d.vendor}, {"service", d.service}, {"fraction", d.fraction}, {"source", d.source}});
  o["discounts"] = ds;
  return o;
}

PriceCatalog withPriceBook(PriceCatalog catalog, const PriceBook& book) {
  // Discounts come off the list prices first; the book's own entries are the final word (a negotiated rate
  // is not discounted again).
  for (const auto& d : book.discounts) catalog.applyDiscount(d.vendor, d.service, d.fraction);
  catalog.overrideWith(book.prices);
  return catalog;
}

}  // namespace headroom::cost
