// The catalog (built-in entries, dates, staleness), the JSON price book and the AWS offer CSV reader.
#include <QtTest>

#include "simulator/cost/aws_offer_csv.h"
#include "simulator/cost/price_book_json.h"
#include "simulator/cost/price_catalog.h"

using namespace headroom::cost;
using nlohmann::json;

class TestPriceCatalog : public QObject {
  Q_OBJECT

 private slots:
  void builtinEntriesCarryTheReferencePrices() {
    const PriceCatalog c = builtinCatalog();
    const PriceEntry* m = c.find("aws", "ec2", "us-east-1", "m6i.large");
    QVERIFY(m);
    QCOMPARE(m->firstPrice(), 0.096);
    QCOMPARE(m->vcpu, 2.0);
    QCOMPARE(m->memory_gib, 8.0);
    QCOMPARE(m->date, std::string("2026-11-01"));
    QVERIFY(!m->source.empty());
    QCOMPARE(c.find("aws", "ec2", "us-east-1", "r6i.2xlarge")->firstPrice(), 0.504);
    QCOMPARE(c.find("aws", "ec2", "us-east-1", "m7g.xlarge")->firstPrice(), 0.1632);
    QCOMPARE(c.find("gcp", "compute-engine", "us-central1", "n2-standard-8")->firstPrice(), 0.3885);
    QVERIFY(c.find("aws", "rds-postgresql", "us-east-1", "db.r6g.large")->uncertain);
    // CloudFront is global: found through its "*" region from any region.
    QVERIFY(c.find("aws", "cloudfront", "eu-west-1", "data-out-us"));
    QVERIFY(!c.find("aws", "ec2", "eu-west-1", "m6i.large"));  // never guessed for another region
    for (const auto& e : c.entries()) {
      QVERIFY2(!e.source.empty() && daysBetween(e.date, e.date), e.key().c_str());
      QVERIFY2(!e.tiers.empty(), e.key().c_str());
    }
  }

  void stalePriceWarnsAfter180Days() {
    const PriceEntry& e = *builtinCatalog().find("aws", "ec2", "us-east-1", "m6i.large");
    QCOMPARE(*daysBetween("2026-11-01", "2027-04-30"), 180);
    QVERIFY(staleWarning(e, "2027-04-30").empty());
    const std::string w = staleWarning(e, "2027-05-01");
    QVERIFY2(w.find("181 days old") != std::string::npos, w.c_str());
    PriceEntry undated = e;
    undated.date = "last year";
    QVERIFY(!staleWarning(undated, "2026-12-01").empty());
  }

  void tieredCostIsGraduated() {
    const std::vector<PriceTier> tiers = {{10, 1.0}, {20, 0.5}, {std::numeric_limits<double>::infinity(), 0.25}};
    QCOMPARE(tieredUsd(tiers, 5), 5.0);
    QCOMPARE(tieredUsd(tiers, 15), 12.5);
    QCOMPARE(tieredUsd(tiers, 30), 17.5);
    QCOMPARE(tieredUsd(tiers, 30, 10), 15.0);  // the free units come off first; the rest starts at the first tier
  }

  void priceBookOverridesAndDiscounts() {
    const json j = json::parse(R"({
      "format": "headroom-price-book", "version": "acme-2026",
      "entries": [
        {"vendor": "aws", "service": "ec2", "region": "us-east-1", "sku": "m6i.large", "vcpu": 2, "memory_gib": 8,
         "unit": "hour", "usd": 0.08, "date": "2026-11-20", "source": "ACME agreement"},
        {"vendor": "aws", "service": "ec2", "region": "eu-west-1", "sku": "m6i.large", "unit": "hour", "usd": 0.107,
         "date": "2026-11-20", "source": "ACME agreement"},
        {"vendor": "aws", "service": "data-transfer-out", "region": "us-east-1", "sku": "internet", "unit": "GB",
         "tiers": [{"up_to": 1024, "usd": 0}, {"usd": 0.05}], "date": "2026-11-20", "source": "ACME agreement"}],
      "discounts": [{"vendor": "aws", "service": "elasticache", "fraction": 0.1, "source": "EDP"}]})");
    const PriceBook book = priceBookFromJson(j, "acme.json");
    const PriceCatalog c = withPriceBook(builtinCatalog(), book);
    QCOMPARE(c.find("aws", "ec2", "us-east-1", "m6i.large")->firstPrice(), 0.08);
    QCOMPARE(c.find("aws", "ec2", "eu-west-1", "m6i.large")->firstPrice(), 0.107);
    QCOMPARE(c.find("aws", "elasticache", "us-east-1", "cache.r6g.large")->firstPrice(), 0.206 * 0.9);
    QCOMPARE(c.find("aws", "ec2", "us-east-1", "c6i.large")->firstPrice(), 0.085);  // untouched
    QCOMPARE(c.find("aws", "data-transfer-out", "us-east-1", "internet")->tiers.size(), std::size_t{2});
    QVERIFY(c.version.find("acme-2026") != std::string::npos);
    QCOMPARE(c.date, std::string("2026-11-20"));
    // Round trip through the writer.
    const PriceBook again = priceBookFromJson(json::parse(priceBookToJson(book).dump()), "again");
    QCOMPARE(again.prices.entries().size(), book.prices.entries().size());
    QCOMPARE(again.discounts.size(), std::size_t{1});
  }

  void priceBookErrorsNameTheField() {
    auto errorOf = [](const char* text) -> std::string {
      try {
        priceBookFromJson(json::parse(text), "book.json");
      } catch (const std::invalid_argument& e) {
        return e.what();
      }
      return {};
    };
    QVERIFY(errorOf(R"({"version": "x", "entries": [{"vendor": "aws", "service": "ec2", "sku": "a", "unit": "hours",
                         "usd": 1, "date": "2026-01-01", "source": "s"}]})")
                .find("book.json: entries[0].unit") == 0);
    QVERIFY(errorOf(R"({"version": "x", "entries": [{"vendor": "aws", "service": "ec2", "sku": "a", "unit": "hour",
                         "usd": 1, "date": "2026-13-01", "source": "s"}]})")
                .find("entries[0].date") != std::string::npos);
    QVERIFY(errorOf(R"({"version": "x", "entries": [{"vendor": "aws", "service": "ec2", "sku": "a", "unit": "GB",
                         "tiers": [{"up_to": 10, "usd": 1}, {"up_to": 5, "usd": 1}, {"usd": 1}], "date": "2026-01-01", "source": "s"}]})")
                .find("entries[0].tiers[1].up_to") != std::string::npos);
    QVERIFY(errorOf(R"({"version": "x", "discounts": [{"vendor": "aws", "fraction": 1.5}]})").find("discounts[0].fraction") !=
            std::string::npos);
    QVERIFY(errorOf(R"({"version": "x", "entrys": []})").find("entrys: unknown field") != std::string::npos);
  }

  void awsOfferCsvIsReadOffline() {
    // The layout of an offer file's index.csv: five metadata lines, then the header and one row per price.
    const std::string csv =
        "\"FormatVersion\",\"v1.0\"\n"
        "\"Disclaimer\",\"This pricing list is for informational purposes only.\"\n"
        "\"Publication Date\",\"2026-11-18T20:04:47Z\"\n"
        "\"Version\",\"20261118200447\"\n"
        "\"OfferCode\",\"AmazonEC2\"\n"
        "\"SKU\",\"OfferTermCode\",\"RateCode\",\"TermType\",\"PriceDescription\",\"EffectiveDate\",\"StartingRange\","
        "\"EndingRange\",\"Unit\",\"PricePerUnit\",\"Currency\",\"PurchaseOption\",\"Product Family\",\"serviceCode\","
        "\"Location\",\"Instance Type\",\"vCPU\",\"Memory\",\"Tenancy\",\"Operating System\",\"CapacityStatus\","
        "\"PreInstalled S/W\",\"regionCode\",\"From Location\",\"To Location\",\"Transfer Type\",\"fromRegionCode\"\n"
        "\"A1\",\"JRTCKXETXF\",\"A1.1\",\"OnDemand\",\"$0.096 per On Demand Linux m6i.large Instance Hour\",\"2026-11-01\",\"0\","
        "\"Inf\",\"Hrs\",\"0.0960000000\",\"USD\",\"\",\"Compute Instance\",\"AmazonEC2\",\"US East (N. Virginia)\",\"m6i.large\","
        "\"2\",\"8 GiB\",\"Shared\",\"Linux\",\"Used\",\"NA\",\"us-east-1\",\"\",\"\",\"\",\"\"\n"
        "\"A2\",\"JRTCKXETXF\",\"A2.1\",\"OnDemand\",\"Windows\",\"2026-11-01\",\"0\",\"Inf\",\"Hrs\",\"0.188\",\"USD\",\"\","
        "\"Compute Instance\",\"AmazonEC2\",\"US East (N. Virginia)\",\"m6i.large\",\"2\",\"8 GiB\",\"Shared\",\"Windows\","
        "\"Used\",\"NA\",\"us-east-1\",\"\",\"\",\"\",\"\"\n"
        "\"A3\",\"4NA7Y494T4\",\"A3.1\",\"Reserved\",\"1yr\",\"2026-11-01\",\"0\",\"Inf\",\"Hrs\",\"0.06\",\"USD\",\"No Upfront\","
        "\"Compute Instance\",\"AmazonEC2\",\"US East (N. Virginia)\",\"m6i.large\",\"2\",\"8 GiB\",\"Shared\",\"Linux\","
        "\"Used\",\"NA\",\"us-east-1\",\"\",\"\",\"\",\"\"\n"
        "\"D1\",\"JRTCKXETXF\",\"D1.1\",\"OnDemand\",\"$0.090 per GB - first 10 TB\",\"2026-11-01\",\"0\",\"10240\",\"GB\","
        "\"0.09\",\"USD\",\"\",\"Data Transfer\",\"AWSDataTransfer\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\","
        "\"US East (N. Virginia)\",\"External\",\"AWS Outbound\",\"us-east-1\"\n"
        "\"D1\",\"JRTCKXETXF\",\"D1.2\",\"OnDemand\",\"$0.085 per GB - next 40 TB\",\"2026-11-01\",\"10240\",\"Inf\",\"GB\","
        "\"0.085\",\"USD\",\"\",\"Data Transfer\",\"AWSDataTransfer\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\","
        "\"US East (N. Virginia)\",\"External\",\"AWS Outbound\",\"us-east-1\"\n";
    const OfferImport imp = readAwsOfferCsv(csv, "index.csv");
    QCOMPARE(imp.rows, 5);
    QCOMPARE(imp.used, 3);
    const PriceEntry* m = imp.prices.find("aws", "ec2", "us-east-1", "m6i.large");
    QVERIFY(m);
    QCOMPARE(m->firstPrice(), 0.096);
    QCOMPARE(m->memory_gib, 8.0);
    QCOMPARE(m->date, std::string("2026-11-01"));
    const PriceEntry* d = imp.prices.find("aws", "data-transfer-out", "us-east-1", "internet");
    QVERIFY(d);
    QCOMPARE(d->tiers.size(), std::size_t{2});
    QCOMPARE(d->tiers[0].up_to, 10240.0);
    QCOMPARE(d->tiers[1].usd_per_unit, 0.085);
    QVERIFY(imp.prices.version.find("AmazonEC2 20261118200447") != std::string::npos);
    // Not an offer file, and a bad price with its line.
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, readAwsOfferCsv("a,b\n1,2\n", "x.csv"));
    std::string bad = csv;
    bad.replace(bad.find("\"0.0960000000\""), 14, "\"abc\"");
    try {
      readAwsOfferCsv(bad, "index.csv");
      QFAIL("expected an error");
    } catch (const std::invalid_argument& e) {
      QVERIFY2(std::string(e.what()).find("index.csv:7:") == 0, e.what());
    }
  }
};

QTEST_APPLESS_MAIN(TestPriceCatalog)
#include "test_price_catalog.moc"
