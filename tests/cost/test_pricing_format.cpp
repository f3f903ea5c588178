// The scenario's `pricing` block and node pools' instance_type: JSON round trip, strict reading, validation
// naming the component and rule.
#include <QtTest>

#include "model/scenario_json.h"
#include "model/validation.h"

using namespace headroom;
using nlohmann::json;

namespace {

json base() {
  return json::parse(R"({"format": "headroom-scenario", "version": 1, "name": "p",
    "sources": [{"name": "load", "type": "open", "entry": "api", "rate": {"kind": "constant", "rate_per_s": 1}}],
    "components": [{"name": "api", "type": "service", "service_time": {"dist": "exponential", "mean_ms": 10}}]})");
}

std::vector<std::string> issuesOf(const json& pricing) {
  json j = base();
  j["components"][0]["pricing"] = pricing;
  std::vector<std::string> out;
  for (const auto& i : validateScenario(scenarioFromJson(j))) out.push_back(i.message());
  return out;
}

bool has(const std::vector<std::string>& issues, const std::string& text) {
  for (const auto& i : issues)
    if (i.find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

class TestPricingFormat : public QObject {
  Q_OBJECT

 private slots:
  void roundTrip() {
    json j = base();
    j["components"][0]["pricing"] = {{"vendor", "aws"},          {"region", "us-east-1"}, {"instance_type", "m6i.large"},
                                     {"managed_class", "cache.r6g.large"}, {"managed_instances", 2}, {"multi_az", true},
                                     {"storage_gb", 50},         {"free_tier", true},     {"bytes_per_response", 4096},
                                     {"egress_via", "cdn"},      {"api_gateway", "http"}, {"spot_share", 0.25},
                                     {"spot_discount", 0.6},     {"committed_share", 0.5}, {"committed_discount", 0.3}};
    j["cluster"] = {{"node_pools", {{{"name", "general"}, {"cpu_cores", 4}, {"memory_gib", 16}, {"instance_type", "m5.xlarge"}}}}};
    const Scenario s = scenarioFromJson(j);
    QVERIFY(s.components[0].pricing);
    const PricingSpec& p = *s.components[0].pricing;
    QCOMPARE(p.instance_type, std::string("m6i.large"));
    QCOMPARE(p.managed_instances, 2);
    QVERIFY(p.multi_az && p.free_tier);
    QCOMPARE(p.bytes_per_response, 4096.0);
    QCOMPARE(p.committed_discount, 0.3);
    QCOMPARE(s.cluster->node_pools[0].instance_type, std::string("m5.xlarge"));
    const json again = scenarioToJson(s);
    QCOMPARE(again["components"][0]["pricing"], j["components"][0]["pricing"]);
    QCOMPARE(again["cluster"]["node_pools"][0]["instance_type"], json("m5.xlarge"));
    const Scenario s2 = scenarioFromJson(again);
    QCOMPARE(scenarioToJson(s2).dump(), again.dump());
    // A scenario without pricing writes none (old files stay byte-identical).
    QVERIFY(!scenarioToJson(scenarioFromJson(base()))["components"][0].contains("pricing"));
  }

  void unknownKeyIsRejectedWithItsPath() {
    json j = base();
    j["components"][0]["pricing"] = {{"instance_typ", "m6i.large"}};
    try {
      scenarioFromJson(j);
      QFAIL("expected an error");
    } catch (const std::exception& e) {
      QVERIFY2(std::string(e.what()).find("components[0].pricing") != std::string::npos, e.what());
    }
  }

  void validationNamesComponentAndRule() {
    QVERIFY(issuesOf({{"instance_type", "m6i.large"}}).empty());
    QVERIFY(has(issuesOf({{"spot_share", 1.5}, {"instance_type", "m6i.large"}}), "component 'api': pricing.spot_share: must be in [0, 1]"));
    QVERIFY(has(issuesOf({{"spot_share", 0.7}, {"committed_share", 0.5}, {"instance_type", "m6i.large"}}),
                "pricing.committed_share: spot_share + committed_share must be <= 1"));
    QVERIFY(has(issuesOf({{"spot_share", 0.5}}), "discounts apply to instances"));
    QVERIFY(has(issuesOf({{"egress_via", "carrier-pigeon"}}), "pricing.egress_via"));
    QVERIFY(has(issuesOf({{"architecture", "arm"}}), "only serverless functions take an architecture"));
    QVERIFY(has(issuesOf({{"bytes_per_response", -1}}), "pricing.bytes_per_response: must be >= 0"));
    QVERIFY(has(issuesOf({{"api_gateway", "soap"}}), "pricing.api_gateway"));
    QVERIFY(has(issuesOf({{"committed_discount", 2}, {"instance_type", "m6i.large"}, {"committed_share", 0.1}}),
                "pricing.committed_discount"));
  }
};

QTEST_APPLESS_MAIN(TestPricingFormat)
#include "test_pricing_format.moc"
