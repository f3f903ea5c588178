#pragma once
// Reads an AWS Price List offer file in CSV form (the bulk "index.csv" of an offer such as AmazonEC2,
// AmazonRDS, AmazonElastiCache, AmazonMSK, AWSLambda, AWSDataTransfer), offline and streamed (a regional
// EC2 file is hundreds of MB), into catalog entries: on-demand Linux shared-tenancy instance-hours (EC2),
// instance classes (RDS PostgreSQL Single-AZ, ElastiCache Redis, MSK), Lambda requests and GB-seconds (x86 and
// Arm, with their tiers), and data transfer out to the internet (with its tiers).
//
// The layout (docs/cost.md, "AWS Price List offer file"): five metadata records (FormatVersion, Disclaimer,
// Publication Date, Version, OfferCode), then the header record whose first field is "SKU", then one record
// per price dimension with exactly as many fields as the header (RFC 4180 quoting: fields with commas or
// doubled quotes are quoted, empty fields often are not; LF or CRLF line ends). Columns are found by name,
// ignoring case, spaces and underscores ("Region Code" = "regionCode", "Pre Installed S/W" = "PreInstalled S/W").
// Every other row (reserved terms and their upfront fees, other operating systems, dedicated hosts, other
// engines, other currencies, storage, free-tier rows without a region, ...) is skipped and counted by reason.
#include <istream>
#include <map>
#include <string>
#include <vector>

#include "simulator/cost/price_catalog.h"

namespace headroom::cost {

struct OfferImport {
  PriceCatalog prices;   // version = "aws-offer <OfferCode> <Version>", date = the newest effective date
  int rows = 0;          // price rows read (after the header)
  int used = 0;          // rows that became (part of) an entry
  std::map<std::string, int> skipped;  // why the other rows were not used -> how many
  std::vector<std::string> warnings;   // rows that repeat a price already read, an old layout, ...

  // "index.csv: 12 of 40 rows used; skipped: 9 reserved terms, 3 not Linux, ..."
  std::string summary(const std::string& origin) const;
};

// Throws std::invalid_argument "<origin>:<line>: <field>: ..." when the file is not an offer CSV: no header record
// starting with "SKU" after the metadata, a column the reader needs missing, a record whose field count differs
// from the header's, an unterminated quoted field, or a price or range on a used row that is not a number.
OfferImport readAwsOfferCsv(std::istream& in, const std::string& origin);
OfferImport readAwsOfferCsv(const std::string& text, const std::string& origin);
OfferImport readAwsOfferCsvFile(const std::string& path);

}  // namespace headroom::cost
