// The "faults" timeline: read, written back identically, and checked with messages naming the fault.
#include <QtTest>

#include "model/scenario_json.h"
#include "model/validation.h"

using namespace headroom;

namespace {

nlohmann::json withFaults(const nlohmann::json& faults) {
  return {{"format", "headroom-scenario"},
          {"version", 1},
          {"name", "chaos"},
          {"simulation", {{"horizon_s", 1000}}},
          {"sources", {{{"name", "web"}, {"type", "open"}, {"entry", "api"}, {"rate", {{"kind", "constant"}, {"rate_per_s", 5}}}}}},
          {"components", {{{"name", "api"}, {"type", "service"}, {"service_time", {{"dist", "exponential"}, {"mean_ms", 5}}}},
                          {{"name", "ext"}, {"type", "delay"}, {"service_time", {{"dist", "deterministic"}, {"value_ms", 50}}}}}},
          {"faults", faults}};
}

bool hasIssue(const std::vector<ValidationIssue>& issues, const std::string& where, const std::string& field) {
  for (const auto& i : issues)
    if (i.where == where && i.field == field) return true;
  return false;
}

}  // namespace

class TestFaultFormat : public QObject {
  Q_OBJECT
 private slots:
  void readsEachKindAndRoundTrips() {
    const auto json = withFaults({{{"kind", "kill_replicas"}, {"component", "api"}, {"at_s", 100}, {"count", 2}, {"restart_s", 45}},
                                  {{"kind", "component_outage"}, {"component", "api"}, {"at_s", 300}, {"duration_s", 60}},
                                  {{"kind", "slowdown"}, {"component", "ext"}, {"at_ms", 500000}, {"duration_s", 120}, {"factor", 4}}});
    const Scenario s = scenarioFromJson(json);
    QCOMPARE(s.faults.size(), std::size_t{3});
    QCOMPARE(s.faults[0].count, 2);
    QCOMPARE(s.faults[0].restart_s, 45.0);
    QCOMPARE(s.faults[2].at_s, 500.0);
    QCOMPARE(s.faults[2].factor, 4.0);
    QVERIFY(validateScenario(s).empty());
    QCOMPARE(QString::fromStdString(scenarioToJson(scenarioFromJson(scenarioToJson(s))).dump()),
             QString::fromStdString(scenarioToJson(s).dump()));
  }

  void brokenFaultsAreReportedWithTheirRule() {
    const auto json = withFaults({{{"kind", "component_outage"}, {"component", "nope"}, {"at_s", 100}, {"duration_s", 60}},
                                  {{"kind", "kill_replicas"}, {"component", "ext"}, {"at_s", 2000}},
                                  {{"kind", "slowdown"}, {"component", "api"}, {"at_s", 10}, {"duration_s", 0}, {"factor", 0}}});
    const auto issues = validateScenario(scenarioFromJson(json));
    QVERIFY(hasIssue(issues, "fault #1 (component_outage)", "component"));
    QVERIFY(hasIssue(issues, "fault #2 (kill_replicas)", "component"));  // a delay has no replicas
    QVERIFY(hasIssue(issues, "fault #2 (kill_replicas)", "at"));         // after the horizon
    QVERIFY(hasIssue(issues, "fault #3 (slowdown)", "duration"));
    QVERIFY(hasIssue(issues, "fault #3 (slowdown)", "factor"));
  }

  void unknownKindListsTheAllowedOnes() {
    try {
      scenarioFromJson(withFaults({{{"kind", "meteor"}, {"component", "api"}, {"at_s", 1}}}));
      QFAIL("accepted an unknown fault kind");
    } catch (const ScenarioError& e) {
      QVERIFY2(std::string(e.what()).find("component_outage") != std::string::npos, e.what());
    }
  }
};

QTEST_APPLESS_MAIN(TestFaultFormat)
#include "tst_fault_format.moc"
