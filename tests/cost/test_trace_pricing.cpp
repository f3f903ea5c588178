// Known answers to the cent for the trace pricer (simulator/cost/trace_pricing.h): each case is a hand
// calculation from the reference prices, written out in the comment next to it.
#include <QtTest>

#include <cmath>

#include "simulator/cost/trace_pricing.h"

using namespace headroom;
using namespace headroom::cost;

namespace {

constexpr double kMonth_s = 730.0 * 3600.0;

PricingSpec instanceSpec(const char* type) {
  PricingSpec p;
  p.instance_type = type;
  return p;
}

ComponentUsage named(const std::string& name, const PricingSpec& spec = {}) {
  ComponentUsage u;
  u.component = name;
  u.pricing = spec;
  return u;
}

UsageTrace month() {
  UsageTrace t;
  t.end_s = kMonth_s;
  return t;
}

std::int64_t cents(const CostBreakdown& b) { return toCents(b.total_micro_usd); }

}  // namespace

class TestTracePricing : public QObject {
  Q_OBJECT
  const PriceCatalog catalog_ = builtinCatalog();
  PricingContext ctx_{&catalog_, "2026-12-01"};

 private slots:
  void threeM6iLargeOnDemandForAMonth() {
    // 3 x 0.096 $/h x 730 h = 210.24
    UsageTrace t = month();
    ComponentUsage u = named("api", instanceSpec("m6i.large"));
    for (int i = 0; i < 3; ++i) u.instances.push_back({0.0, kMonth_s, true});
    t.components.push_back(u);
    const CostBreakdown b = priceUsage(t, ctx_);
    QCOMPARE(cents(b), std::int64_t{21024});
    QCOMPARE(b.total_micro_usd, MicroUsd{210'240'000});
    QCOMPARE(b.lines.size(), std::size_t{1});
    QCOMPARE(b.lines[0].quantity, 3 * 730.0);
  }

  void lambda512MbHundredMsTenMillionRequests() {
    // 10 M x 0.20 / M = 2.00; 10 M x 0.1 s x 0.5 GB = 500,000 GB-s x 0.0000166667 = 8.33335; total 10.33335
    UsageTrace t = month();
    ComponentUsage u = named("fn");
    u.serverless = true;
    u.requests = 10e6;
    u.gb_seconds = 10e6 * 0.100 * (512.0 / 1024.0);
    t.components.push_back(u);
    const CostBreakdown b = priceUsage(t, ctx_);
    QCOMPARE(cents(b), std::int64_t{1033});
    QCOMPARE(b.total_micro_usd, MicroUsd{10'333'350});
  }

  void lambdaFreeTier() {
    // (10 - 1) M x 0.20 = 1.80; (500,000 - 400,000) GB-s x 0.0000166667 = 1.66667; total 3.46667
    UsageTrace t = month();
    ComponentUsage u = named("fn");
    u.pricing.free_tier = true;
    u.serverless = true;
    u.requests = 10e6;
    u.gb_seconds = 500000;
    t.components.push_back(u);
    QCOMPARE(priceUsage(t, ctx_).total_micro_usd, MicroUsd{3'466'670});
  }

  void fiveTerabytesOfInternetEgress() {
    // 5 TB = 5120 GB; first 100 GB free; 5020 x 0.09 = 451.80
    UsageTrace t = month();
    ComponentUsage u = named("web");
    u.bytes_out = 5.0 * 1024 * kBytesPerGb;
    t.components.push_back(u);
    QCOMPARE(cents(priceUsage(t, ctx_)), std::int64_t{45180});
  }

  void egressCrossesATier() {
    // 20 TB = 20480 GB: 100 free, 10140 x 0.09 = 912.60, then 10240 x 0.085 = 870.40; total 1783.00
    UsageTrace t = month();
    ComponentUsage u = named("web");
    u.bytes_out = 20.0 * 1024 * kBytesPerGb;
    t.components.push_back(u);
    QCOMPARE(priceUsage(t, ctx_).total_micro_usd, MicroUsd{1'783'000'000});
  }

  void cdnTiersWithFreeTier() {
    // 12 TB = 12288 GB, 1024 free: 10240 x 0.085 = 870.40 + 1024 x 0.080 = 81.92 -> 952.32 (requests: none)
    UsageTrace t = month();
    ComponentUsage u = named("web");
    u.pricing.egress_via = "cdn";
    u.pricing.free_tier = true;
    u.bytes_out = 12.0 * 1024 * kBytesPerGb;
    t.components.push_back(u);
    QCOMPARE(priceUsage(t, ctx_).total_micro_usd, MicroUsd{952'320'000});
  }

  void monthlyTiersSpreadOverAShortPeriod() {
    // One hour carrying a 730th of the 5 TB month: a 730th of 451.80 = 0.618904...
    UsageTrace t;
    t.end_s = 3600.0;
    ComponentUsage u = named("web");
    u.bytes_out = 5.0 * 1024 * kBytesPerGb / 730.0;
    t.components.push_back(u);
    QCOMPARE(priceUsage(t, ctx_).total_micro_usd, toMicroUsd(451.80 / 730.0));
  }

  void autoscaledFleetIsTheIntegralOfItsTrace() {
    // 2 replicas from 0, 5 from 600 s, 3 from 1800 s, to 3600 s: 2 x 600 + 5 x 1200 + 3 x 1800 = 12,600
    // replica-seconds = 3.5 h x 0.096 = 0.336
    const std::vector<CountStep> steps = {{0, 2}, {600, 5}, {1800, 3}};
    UsageTrace t;
    t.end_s = 3600;
    ComponentUsage u = named("api", instanceSpec("m6i.large"));
    u.instances = runsFromSteps(steps, 3600);
    QCOMPARE(u.instances.size(), std::size_t{5});
    t.components.push_back(u);
    const CostBreakdown b = priceUsage(t, ctx_);
    QCOMPARE(b.lines[0].quantity, 3.5);
    QCOMPARE(b.total_micro_usd, MicroUsd{336'000});
  }

  void shortLivedReplicaPaysSixtySeconds() {
    // 12.3 s -> 60 s minimum: 60 / 3600 x 0.096 = 0.0016; 75.2 s -> 76 s: 0.0020267; an ongoing 12.3 s run
    // (cut by the period's end) pays its 13 s: 0.0003467
    UsageTrace t;
    t.end_s = 3600;
    ComponentUsage u = named("api", instanceSpec("m6i.large"));
    u.instances = {{100.0, 112.3, false}};
    t.components.push_back(u);
    QCOMPARE(priceUsage(t, ctx_).total_micro_usd, MicroUsd{1600});
    t.components[0].instances = {{100.0, 175.2, false}};
    QCOMPARE(priceUsage(t, ctx_).total_micro_usd, toMicroUsd(76.0 / 3600.0 * 0.096));
    t.components[0].instances = {{3587.7, 3600.0, true}};
    QCOMPARE(priceUsage(t, ctx_).total_micro_usd, toMicroUsd(13.0 / 3600.0 * 0.096));
  }

  void discountsApplyToTheCoveredShare() {
    // 70.08 on demand: 20% stays (14.016), 50% spot at 60% off (14.016), 30% committed at 40% off (12.6144)
    UsageTrace t = month();
    ComponentUsage u = named("api", instanceSpec("m6i.large"));
    u.pricing.spot_share = 0.5;
    u.pricing.spot_discount = 0.6;
    u.pricing.committed_share = 0.3;
    u.pricing.committed_discount = 0.4;
    u.instances = {{0, kMonth_s, true}};
    t.components.push_back(u);
    const CostBreakdown b = priceUsage(t, ctx_);
    QCOMPARE(b.lines.size(), std::size_t{3});
    QCOMPARE(b.total_micro_usd, MicroUsd{40'646'400});
    // The catalog's typical spot discount (65%) when the scenario gives none: 70.08 x 0.35 = 24.528
    t.components[0].pricing = instanceSpec("m6i.large");
    t.components[0].pricing.spot_share = 1.0;
    QCOMPARE(priceUsage(t, ctx_).total_micro_usd, MicroUsd{24'528'000});
  }

  void managedServicesPerHourPlusStorage() {
    // db.r6g.large Multi-AZ, 2 instances: 0.225 x 2 x 2 x 730 = 657.00; MSK 3 x 0.21 x 730 = 459.90 and
    // 1000 GB-month x 0.10 = 100.00
    UsageTrace t = month();
    ComponentUsage db = named("db");
    db.pricing.managed_class = "db.r6g.large";
    db.pricing.multi_az = true;
    db.managed_instances = 2;
    ComponentUsage kafka = named("events");
    kafka.pricing.managed_class = "kafka.m5.large";
    kafka.pricing.storage_gb = 1000;
    kafka.managed_instances = 3;
    t.components = {db, kafka};
    const CostBreakdown b = priceUsage(t, ctx_);
    QCOMPARE(b.componentMicroUsd("db"), MicroUsd{657'000'000});
    QCOMPARE(b.componentMicroUsd("events"), MicroUsd{559'900'000});
  }

  void clusterNodesArePaidPerNode() {
    // Pool of m5.xlarge (0.192 $/h): 2 nodes for the hour, a third for 1,200 s: 2 + 1/3 h -> 0.448
    UsageTrace t;
    t.end_s = 3600;
    NodePoolUsage pool;
    pool.pool = "general";
    pool.instance_type = "m5.xlarge";
    pool.nodes = runsFromSteps({{0, 2}, {1200, 3}, {2400, 2}}, 3600);
    t.node_pools.push_back(pool);
    const CostBreakdown b = priceUsage(t, ctx_);
    QCOMPARE(b.lines[0].component, std::string("cluster/general"));
    QCOMPARE(b.total_micro_usd, toMicroUsd((2.0 + 1.0 / 3.0) * 0.192));
  }

  void missingPriceIsAnErrorNamingTheComponent() {
    UsageTrace t = month();
    t.components.push_back(named("api", instanceSpec("m9.huge")));
    try {
      priceUsage(t, ctx_);
      QFAIL("expected an error");
    } catch (const std::invalid_argument& e) {
      const std::string what = e.what();
      QVERIFY2(what.find("component 'api'") != std::string::npos && what.find("m9.huge") != std::string::npos, e.what());
    }
  }

  void linesAddUpToTheTotal() {
    UsageTrace t = month();
    ComponentUsage u = named("api", instanceSpec("c6i.xlarge"));
    u.pricing.bytes_per_response = 2048;
    u.instances = {{0, 1234.5, false}, {10, 99999.9, false}};
    u.bytes_out = 2048.0 * 7'777'777;
    t.components.push_back(u);
    const CostBreakdown b = priceUsage(t, ctx_);
    MicroUsd sum = 0;
    for (const auto& l : b.lines) sum += l.micro_usd;
    QCOMPARE(sum, b.total_micro_usd);
  }
};

QTEST_APPLESS_MAIN(TestTracePricing)
#include "test_trace_pricing.moc"
