// AWS Price List offer files (CSV) as AWS publishes them, read offline. The fixtures in tests/cost/data/aws-offer/
// are small files written for these tests, following the layout of the real bulk files
// (https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/<OfferCode>/current/[<region>/]index.csv): the five
// metadata lines and the sixth, header line as AWS documents them ("Reading an offer file", AWS Billing user
// guide: "The first five rows of the CSV are the metadata ... The sixth row has all the column names ... The first
// 12 columns contain all the pricing details"); the column lists of the 2025-2026 AmazonEC2 and AmazonRDS files and
// sample rows as quoted in public projects that read them (upfront-fee rows with unit Quantity and no range, empty
// fields left unquoted, "Pre Installed S/W", "Region Code", "Memory" like "8 GiB" or "976 Gib"); the Lambda,
// ElastiCache and DataTransfer column lists of those offers. Prices are the reference ones
// (/work/shared/reference/pricing.md); SKUs are made up. Traps: reserved terms and their upfront fees, Windows,
// RHEL, pre-installed SQL Server, dedicated tenancy and hosts, capacity reservations, CNY prices, Multi-AZ and
// other engines, Valkey and Memcached nodes, Lambda@Edge, provisioned concurrency, Arm requests, global free-tier
// rows without a region, inbound and inter-region transfer, quoted commas and doubled quotes, CRLF line ends
// (AWSDataTransfer-index.csv is stored with them and with every empty field quoted, as older files were).
#include <QtTest>

#include <fstream>
#include <sstream>

#include "simulator/cost/aws_offer_csv.h"
#include "simulator/cost/trace_pricing.h"

using namespace headroom;
using namespace headroom::cost;

namespace {

std::string fixturePath(const std::string& name) { return std::string(HEADROOM_SOURCE_DIR) + "/tests/cost/data/aws-offer/" + name; }

std::string fixture(const std::string& name) {
  std::ifstream in(fixturePath(name), std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string errorOf(const std::string& text) {
  try {
    readAwsOfferCsv(text, "index.csv");
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "(no error)";
}

// The text with its line `n` (1-based) replaced.
std::string withLine(const std::string& text, int n, const std::string& replacement) {
  std::size_t begin = 0;
  for (int i = 1; i < n; ++i) begin = text.find('\n', begin) + 1;
  const std::size_t end = text.find('\n', begin);
  return text.substr(0, begin) + replacement + text.substr(end);
}

std::string lineOf(const std::string& text, int n) {
  std::size_t begin = 0;
  for (int i = 1; i < n; ++i) begin = text.find('\n', begin) + 1;
  return text.substr(begin, text.find('\n', begin) - begin);
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  if (at == std::string::npos) throw std::logic_error("fixture lacks " + from);
  return text.replace(at, from.size(), to);
}

const std::string kDuplicateSkip = "duplicate prices (the first one read is used)";

}  // namespace

class TestAwsOfferCsv : public QObject {
  Q_OBJECT

 private slots:
  void ec2UsesOnDemandLinuxSharedInstancesAndInternetEgress() {
    const OfferImport imp = readAwsOfferCsvFile(fixturePath("AmazonEC2-us-east-1-index.csv"));
    QCOMPARE(imp.rows, 28);
    QCOMPARE(imp.used, 12);  // 7 instance types + 5 egress tiers
    const std::map<std::string, int> skipped = {
        {"terms other than OnDemand (Reserved, with their upfront fees)", 5},
        {"currency not USD", 1},
        {"EC2: operating system not Linux", 2},
        {"EC2: pre-installed software (SQL Server, ...)", 1},
        {"EC2: tenancy not Shared (dedicated instances, hosts)", 1},
        {"EC2: capacity status not Used (capacity reservations)", 2},
        {"products or units not priced (storage, load balancers, upfront quantities, ...)", 3},
        {"data transfer other than out to the internet", 1}};
    QCOMPARE(imp.skipped, skipped);
    QVERIFY(imp.warnings.empty());
    QCOMPARE(imp.prices.version, std::string("aws-offer AmazonEC2 20261118200447"));
    QCOMPARE(imp.prices.date, std::string("2026-11-01"));

    const PriceEntry* m = imp.prices.find("aws", "ec2", "us-east-1", "m6i.large");
    QVERIFY(m);
    QCOMPARE(m->firstPrice(), 0.096);  // not Windows 0.188, RHEL, SQL Web, dedicated 0.1056, reserved 0.06
    QCOMPARE(m->vcpu, 2.0);
    QCOMPARE(m->memory_gib, 8.0);
    QCOMPARE(m->tiers.size(), std::size_t{1});
    QCOMPARE(m->date, std::string("2026-11-01"));
    QVERIFY2(m->source.find("AmazonEC2 20261118200447") != std::string::npos && m->source.find("index.csv:7") != std::string::npos,
             m->source.c_str());
    const PriceEntry* graviton = imp.prices.find("aws", "ec2", "us-east-1", "m7g.large");
    QVERIFY(graviton);  // its description holds doubled quotes
    QCOMPARE(graviton->firstPrice(), 0.0816);
    const PriceEntry* nano = imp.prices.find("aws", "ec2", "us-east-1", "t3.nano");
    QVERIFY(nano);
    QCOMPARE(nano->memory_gib, 0.5);
    const PriceEntry* x1 = imp.prices.find("aws", "ec2", "us-east-1", "x1.16xlarge");
    QVERIFY(x1);  // its Storage is "1 x 1,920 SSD": a quoted comma
    QCOMPARE(x1->firstPrice(), 6.669);
    QCOMPARE(x1->vcpu, 64.0);
    QCOMPARE(x1->memory_gib, 976.0);  // "976 Gib"
    QVERIFY(!imp.prices.find("aws", "ec2", "cn-north-1", "m6i.large"));  // priced in CNY
    QVERIFY(!imp.prices.find("aws", "ec2", "us-east-1", "m6i"));          // a dedicated host
    std::size_t ec2Entries = 0;
    for (const auto& e : imp.prices.entries()) ec2Entries += e.service == "ec2";
    QCOMPARE(ec2Entries, std::size_t{7});

    const PriceEntry* out = imp.prices.find("aws", "data-transfer-out", "us-east-1", "internet");
    QVERIFY(out);
    QCOMPARE(out->unit, PriceUnit::Gb);
    const std::vector<std::pair<double, double>> tiers = {{1, 0.0}, {10240, 0.09}, {51200, 0.085}, {153600, 0.07},
                                                          {std::numeric_limits<double>::infinity(), 0.05}};
    QCOMPARE(out->tiers.size(), tiers.size());
    for (std::size_t i = 0; i < tiers.size(); ++i) {
      QCOMPARE(out->tiers[i].up_to, tiers[i].first);
      QCOMPARE(out->tiers[i].usd_per_unit, tiers[i].second);
    }
    QVERIFY(imp.summary("index.csv").find("index.csv: 12 of 28 rows used; skipped: 5 terms other than OnDemand") == 0);
  }

  void crlfLineEndsAndQuotedEmptyFieldsReadTheSame() {
    std::string lf = fixture("AmazonEC2-us-east-1-index.csv");
    std::string crlf;
    for (const char c : lf) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    const OfferImport a = readAwsOfferCsv(lf, "lf.csv"), b = readAwsOfferCsv(crlf, "crlf.csv");
    QCOMPARE(b.rows, a.rows);
    QCOMPARE(b.used, a.used);
    QCOMPARE(b.skipped, a.skipped);
    QCOMPARE(b.prices.entries().size(), a.prices.entries().size());
    for (std::size_t i = 0; i < a.prices.entries().size(); ++i) {
      QCOMPARE(b.prices.entries()[i].key(), a.prices.entries()[i].key());
      QCOMPARE(b.prices.entries()[i].firstPrice(), a.prices.entries()[i].firstPrice());
    }

    // Metadata lines written bare, a comma in the disclaimer.
    std::string bare = lf;
    bare.replace(0, bare.find("\"SKU\""), "FormatVersion,v1.0\nDisclaimer,For information only, subject to change\n"
                                           "Publication Date,2026-11-18T20:04:47Z\nVersion,20261118200447\nOfferCode,AmazonEC2\n");
    const OfferImport c = readAwsOfferCsv(bare, "bare.csv");
    QCOMPARE(c.used, a.used);
    QCOMPARE(c.prices.version, a.prices.version);

    // Stored with CRLF and "" for every empty field.
    const std::string dt = fixture("AWSDataTransfer-index.csv");
    QVERIFY(dt.find("\"\",\"\"") != std::string::npos && dt.find("\r\n") != std::string::npos);
    const OfferImport d = readAwsOfferCsvFile(fixturePath("AWSDataTransfer-index.csv"));
    QCOMPARE(d.rows, 15);
    QCOMPARE(d.used, 10);
    QCOMPARE(d.skipped.at("data transfer other than out to the internet"), 5);  // inbound x2, inter-region, AZ, CloudFront
    for (const char* region : {"us-east-1", "eu-west-1"}) {
      const PriceEntry* e = d.prices.find("aws", "data-transfer-out", region, "internet");
      QVERIFY(e);
      QCOMPARE(e->tiers.size(), std::size_t{5});
      QCOMPARE(e->tiers[1].usd_per_unit, 0.09);
      QCOMPARE(e->tiers[1].up_to, 10240.0);
    }
  }

  void lambdaRequestsAndDurationTiersPerArchitecture() {
    const OfferImport imp = readAwsOfferCsvFile(fixturePath("AWSLambda-us-east-1-index.csv"));
    QCOMPARE(imp.rows, 16);
    QCOMPARE(imp.used, 8);
    QCOMPARE(imp.skipped.at("Lambda: usage not priced (edge, provisioned concurrency, storage, Arm requests)"), 6);
    QCOMPARE(imp.skipped.at("global free-tier rows (location Any)"), 2);
    const PriceEntry* req = imp.prices.find("aws", "lambda-requests", "us-east-1", "requests");
    QVERIFY(req);
    QCOMPARE(req->unit, PriceUnit::MillionRequests);
    QCOMPARE(req->tiers.size(), std::size_t{1});
    QVERIFY(std::abs(req->firstPrice() - 0.20) < 1e-12);  // 0.0000002 per request = $0.20 per million
    QCOMPARE(req->free_per_month, 1.0);
    QVERIFY(imp.prices.find("aws", "lambda-requests", "eu-west-1", "requests"));
    const PriceEntry* x86 = imp.prices.find("aws", "lambda-duration", "us-east-1", "x86");
    const PriceEntry* arm = imp.prices.find("aws", "lambda-duration", "us-east-1", "arm");
    QVERIFY(x86 && arm);
    QCOMPARE(x86->tiers.size(), std::size_t{3});
    QCOMPARE(x86->tiers[0].up_to, 6e9);
    QCOMPARE(x86->tiers[0].usd_per_unit, 0.0000166667);
    QCOMPARE(x86->tiers[1].up_to, 15e9);
    QCOMPARE(x86->tiers[1].usd_per_unit, 0.000015);
    QCOMPARE(x86->tiers[2].usd_per_unit, 0.0000133334);
    QCOMPARE(x86->free_per_month, 400000.0);
    QCOMPARE(arm->tiers.size(), std::size_t{3});
    QCOMPARE(arm->tiers[0].usd_per_unit, 0.0000133334);
    QCOMPARE(arm->tiers[0].up_to, 7.5e9);
    // 10 M requests of 100 ms at 512 MB in a month: 500,000 GB-s in the first tier, no free tier: $10.33.
    const double usd = tieredUsd(req->tiers, 10.0) + tieredUsd(x86->tiers, 10e6 * 0.1 * 0.5);
    QCOMPARE(std::llround(usd * 100), 1033LL);
  }

  void managedClassesTakeTheSingleAzPostgresAndRedisRows() {
    const OfferImport rds = readAwsOfferCsvFile(fixturePath("AmazonRDS-us-east-1-index.csv"));
    QCOMPARE(rds.rows, 10);
    QCOMPARE(rds.used, 2);
    QCOMPARE(rds.skipped.at("RDS: not PostgreSQL Single-AZ (Multi-AZ is priced as 2 x Single-AZ)"), 4);
    QCOMPARE(rds.skipped.at("terms other than OnDemand (Reserved, with their upfront fees)"), 2);
    QCOMPARE(rds.skipped.at("products or units not priced (storage, load balancers, upfront quantities, ...)"), 2);
    const PriceEntry* pg = rds.prices.find("aws", "rds-postgresql", "us-east-1", "db.r6g.large");
    QVERIFY(pg);
    QCOMPARE(pg->firstPrice(), 0.225);
    QCOMPARE(pg->memory_gib, 16.0);
    QCOMPARE(rds.prices.find("aws", "rds-postgresql", "us-east-1", "db.r6g.xlarge")->firstPrice(), 0.45);

    const OfferImport cache = readAwsOfferCsvFile(fixturePath("AmazonElastiCache-us-east-1-index.csv"));
    QCOMPARE(cache.rows, 7);
    QCOMPARE(cache.used, 2);
    QCOMPARE(cache.skipped.at("ElastiCache: cache engine not Redis"), 2);
    const PriceEntry* redis = cache.prices.find("aws", "elasticache", "us-east-1", "cache.r6g.large");
    QVERIFY(redis);
    QCOMPARE(redis->firstPrice(), 0.206);  // not Valkey's 0.1648
    QCOMPARE(redis->memory_gib, 13.07);
    QCOMPARE(cache.prices.find("aws", "elasticache", "us-east-1", "cache.m6g.large")->firstPrice(), 0.149);
  }

  void importedPricesBillTheKnownAnswers() {
    // The built-in catalog with the EC2 offer file over it: 3 x m6i.large for 730 h = $210.24. Internet egress
    // from the offer: the regional rows begin with 1 GB free beyond AWS's global 100 GB free tier, so 5 TB
    // (5,120 GB) = 5,119 x $0.09 = $460.71 (the built-in entry, with the 100 GB, gives $451.80).
    PriceCatalog catalog = builtinCatalog();
    catalog.overrideWith(readAwsOfferCsvFile(fixturePath("AmazonEC2-us-east-1-index.csv")).prices);
    UsageTrace t;
    t.end_s = 730 * 3600.0;
    ComponentUsage api;
    api.component = "api";
    api.pricing.instance_type = "m6i.large";
    for (int i = 0; i < 3; ++i) api.instances.push_back({0.0, t.end_s, true});
    t.components.push_back(api);
    const CostBreakdown bill = priceUsage(t, {&catalog, "2026-12-01"});
    QCOMPARE(toCents(bill.total_micro_usd), std::int64_t{21024});
    const PriceEntry* out = catalog.find("aws", "data-transfer-out", "us-east-1", "internet");
    QCOMPARE(std::llround(tieredUsd(out->tiers, 5120) * 100), 46071LL);
    QCOMPARE(std::llround(tieredUsd(builtinCatalog().find("aws", "data-transfer-out", "us-east-1", "internet")->tiers, 5120) * 100), 45180LL);
  }

  void duplicatePricesAreSkippedWithAWarning() {
    const std::string text = fixture("AmazonEC2-us-east-1-index.csv");
    const std::string row7 = lineOf(text, 7);
    const OfferImport imp = readAwsOfferCsv(withLine(text, 7, row7 + "\n" + row7), "index.csv");
    QCOMPARE(imp.rows, 29);
    QCOMPARE(imp.used, 12);
    QCOMPARE(imp.skipped.at(kDuplicateSkip), 1);
    QCOMPARE(imp.warnings.size(), std::size_t{1});
    QVERIFY2(imp.warnings[0].find("index.csv:8: a second price for ec2 us-east-1 m6i.large from 0 (first on line 7) is ignored") == 0,
             imp.warnings[0].c_str());
  }

  void malformedFilesNameTheFileLineAndField() {
    const std::string text = fixture("AmazonEC2-us-east-1-index.csv");
    // No header: the sixth record does not start with "SKU".
    std::string e = errorOf(replaced(text, "\"SKU\",\"OfferTermCode\"", "\"Sku\",\"OfferTermCode\""));
    QVERIFY2(e.find("index.csv:6: field 1: expected the header record starting with \"SKU\"") == 0, e.c_str());
    e = errorOf("\"FormatVersion\",\"v1.0\"\n\"OfferCode\",\"AmazonEC2\"\n");
    QVERIFY2(e.find("index.csv:3: field 1: no header record starting with \"SKU\"") == 0, e.c_str());
    e = errorOf("");
    QVERIFY2(e.find("index.csv:1: field 1: no header record") == 0, e.c_str());
    // A column the reader needs.
    e = errorOf(replaced(text, "\"PricePerUnit\"", "\"Price\""));
    QVERIFY2(e.find("index.csv:6: field PricePerUnit: the header lacks the column 'PricePerUnit'") == 0, e.c_str());
    // A row cut short, and one with a field too many.
    const std::string row7 = lineOf(text, 7);
    e = errorOf(withLine(text, 7, row7.substr(0, row7.rfind(','))));
    QVERIFY2(e.find("index.csv:7: 90 fields, the header (line 6) has 91; the first missing is VPCNetworkingSupport (column 91)") == 0, e.c_str());
    e = errorOf(withLine(text, 9, lineOf(text, 9) + ",\"extra\""));
    QVERIFY2(e.find("index.csv:9: 92 fields, the header (line 6) has 91; field 92 is beyond the last column") == 0, e.c_str());
    // A price or a range that is not a number, on a row that is used.
    e = errorOf(replaced(text, "\"0.0960000000\"", "\"0.09.6\""));
    QVERIFY2(e.find("index.csv:7: PricePerUnit (column 10): '0.09.6' is not a price") == 0, e.c_str());
    e = errorOf(replaced(text, "\"0.0850000000\",\"USD\"", "\"-0.085\",\"USD\""));
    QVERIFY2(e.find("index.csv:10: PricePerUnit (column 10): '-0.085' is not a price") == 0, e.c_str());
    e = errorOf(replaced(text, "\"10240\",\"51200\"", "\"10240\",\"ten\""));
    QVERIFY2(e.find(": EndingRange (column 8): 'ten' is not a number above the StartingRange or Inf") != std::string::npos, e.c_str());
    // A quoted field left open.
    e = errorOf(text + "\"ABC,def\n");
    QVERIFY2(e.find("index.csv:35: field 1: a quoted field is not closed before the end of the file") == 0, e.c_str());
  }
};

QTEST_APPLESS_MAIN(TestAwsOfferCsv)
#include "test_aws_offer_csv.moc"
