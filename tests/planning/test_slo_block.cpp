// The scenario's slo block: JSON round trip, defaults, validation naming the field, and --slo parsing rules.
#include <QtTest>

#include "model/scenario_json.h"
#include "model/validation.h"
#include "plan_fixtures.h"
#include "simulator/planning/plan.h"

using namespace headroom;

namespace {
const char* kComponents = R"([{"name": "api", "type": "service", "service_time": {"dist": "exponential", "mean_ms": 10}}])";
const char* kRate = R"({"kind": "constant", "rate_per_s": 1})";
}  // namespace

class TestSloBlock : public QObject {
  Q_OBJECT
 private slots:
  void roundTrips() {
    const Scenario s = test::scenarioFrom(kComponents, kRate,
        R"(, "slo": {"p99_ms": 300, "error_ratio": 0.005, "utilization_threshold": 0.75, "sustain_s": 600,
           "alerts": [{"name": "hot", "metric": "cpu_utilization", "threshold": 0.9, "for_s": 120, "component": "api"}]})");
    QVERIFY(s.slo);
    QCOMPARE(*s.slo->p99_s, 0.3);
    QCOMPARE(s.slo->alerts.size(), std::size_t(1));
    QCOMPARE(s.slo->alerts[0].metric, AlertRuleSpec::Metric::CpuUtilization);
    const Scenario back = scenarioFromJson(nlohmann::json::parse(scenarioToJson(s).dump()));
    QVERIFY(back.slo);
    QCOMPARE(*back.slo->p99_s, 0.3);
    QCOMPARE(*back.slo->error_ratio, 0.005);
    QCOMPARE(back.slo->utilization_threshold, 0.75);
    QCOMPARE(back.slo->sustain_s, 600.0);
    QCOMPARE(back.slo->alerts[0].component, std::string("api"));
    QCOMPARE(scenarioToJson(back).dump(), scenarioToJson(s).dump());
  }
  void absentBlockStaysAbsent() {
    const Scenario s = test::scenarioFrom(kComponents, kRate);
    QVERIFY(!s.slo);
    QVERIFY(!scenarioToJson(s).contains("slo"));
    const SloSpec eff = planning::effectiveSlo(s, {});
    QCOMPARE(eff.alerts.size(), defaultAlertRules().size());
  }
  void validationNamesTheField() {
    const Scenario s = test::scenarioFrom(kComponents, kRate,
        R"(, "slo": {"error_ratio": 2, "alerts": [{"name": "x", "metric": "consumer_lag", "threshold": 5, "component": "nope"}]})");
    const auto issues = validateScenario(s);
    bool ratio = false, comp = false;
    for (const auto& i : issues) {
      ratio |= i.where == "slo" && i.field == "error_ratio";
      comp |= i.where == "slo" && i.field == "alerts[0].component";
    }
    QVERIFY(ratio);
    QVERIFY(comp);
  }
  void unknownKeysAndMetricsAreErrors() {
    QVERIFY_THROWS_EXCEPTION(ScenarioError, test::scenarioFrom(kComponents, kRate, R"(, "slo": {"p99_msec": 3})"));
    QVERIFY_THROWS_EXCEPTION(ScenarioError, test::scenarioFrom(kComponents, kRate,
        R"(, "slo": {"alerts": [{"name": "x", "metric": "cpu", "threshold": 1}]})"));
  }
};

QTEST_GUILESS_MAIN(TestSloBlock)
#include "test_slo_block.moc"
