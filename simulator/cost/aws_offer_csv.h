#pragma once
// Reads an AWS Price List offer file in CSV form (the bulk "index.csv" of an offer such as AmazonEC2,
// AmazonRDS, AmazonElastiCache, AmazonMSK, AWSLambda, AWSDataTransfer), offline, into catalog entries:
// on-demand Linux shared-tenancy instance-hours (EC2), instance classes (RDS PostgreSQL Single-AZ, ElastiCache,
// MSK), Lambda requests and GB-seconds (x86 and Arm, with their tiers), and data transfer out to the
// internet (with its tiers). Other rows (reserved terms, other operating systems, ...) are skipped and counted.
#include <string>

#include "simulator/cost/price_catalog.h"

namespace headroom::cost {

struct OfferImport {
  PriceCatalog prices;   // version = "aws-offer <OfferCode> <Version>", date = the publication date
  int rows = 0;          // price rows read
  int used = 0;          // rows that became (part of) an entry
};

// Throws std::invalid_argument "<origin>:<line>: ..." when the file is not an offer CSV (missing header,
// a column the reader needs, a price that is not a number).
OfferImport readAwsOfferCsv(const std::string& text, const std::string& origin);
OfferImport readAwsOfferCsvFile(const std::string& path);

}  // namespace headroom::cost
