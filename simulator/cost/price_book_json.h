#pragma once
// The price book: a user's own prices (enterprise discounts, negotiated rates, other regions) as JSON, the
// format of `--price-book FILE` and of the price book stored in a project file (docs/cost.md). Entries
// replace built-in ones with the same vendor/service/region/sku/purchase option, or add new ones; discounts
// then take a fraction off every price of a vendor's service ("*" = all its services).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "simulator/cost/price_catalog.h"

namespace headroom::cost {

struct BookDiscount {
  std::string vendor;
  std::string service = "*";
  double fraction = 0.0;  // of the price, in [0, 1)
  std::string source;
};

struct PriceBook {
  PriceCatalog prices;  // version = the book's name
  std::vector<BookDiscount> discounts;
};

// Throws std::invalid_argument "<origin>: entries[2].unit: must be one of ..." for anything malformed.
PriceBook priceBookFromJson(const nlohmann::json& json, const std::string& origin);
PriceBook readPriceBookFile(const std::string& path);
nlohmann::ordered_json priceBookToJson(const PriceBook& book);
// `catalog` with the book's entries put in and its discounts applied.
PriceCatalog withPriceBook(PriceCatalog catalog, const PriceBook& book);

}  // namespace headroom::cost
