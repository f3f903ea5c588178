// The "autoscaling" block: read, written back identically, and checked with messages that name the field.
#include <QtTest>

#include "model/scenario_json.h"
#include "model/validation.h"

using namespace headroom;

namespace {

nlohmann::json withAutoscaling(const nlohmann::json& autoscaling, const char* type = "service") {
  return {{"format", "headroom-scenario"},
          {"version", 1},
          {"name", "hpa"},
          {"simulation", {{"horizon_s", 100}}},
          {"sources", {{{"name", "web"}, {"type", "open"}, {"entry", "api"}, {"rate", {{"kind", "constant"}, {"rate_per_s", 5}}}}}},
          {"components",
           {{{"name", "api"}, {"type", type}, {"service_time", {{"dist", "exponential"}, {"mean_ms", 5}}}, {"autoscaling", autoscaling}}}}};
}

const nlohmann::json kHpa = {{"kind", "kubernetes_hpa"},
                             {"min_replicas", 2},
                             {"max_replicas", 12},
                             {"metrics", {{{"type", "cpu_utilization"}, {"target", 70}}, {{"type", "queue_length_per_replica"}, {"target", 5}}}},
                             {"behavior", {{"scale_up", {{"policies", {{{"type", "pods"}, {"value", 2}, {"period_s", 60}}}}, {"select_policy", "min"}}}}},
                             {"replica_startup_s", 90}};

bool hasIssue(const std::vector<ValidationIssue>& issues, const std::string& field) {
  for (const auto& i : issues)
    if (i.field == field && i.where == "component 'api'") return true;
  return false;
}

}  // namespace

class TestAutoscalingFormat : public QObject {
  Q_OBJECT
 private slots:
  void readsEveryField() {
    const Scenario s = scenarioFromJson(withAutoscaling(kHpa));
    const auto& a = *s.components[0].autoscaling;
    QCOMPARE(a.min_replicas, 2);
    QCOMPARE(a.max_replicas, 12);
    QCOMPARE(a.metrics.size(), std::size_t{2});
    QVERIFY(a.metrics[1].type == HpaMetricTarget::Type::QueueLengthPerReplica);
    QVERIFY(a.has_behavior);
    QCOMPARE(a.scale_up.policies.at(0).period_s, 60);
    QVERIFY(*a.scale_up.select_policy == HpaDirectionSpec::Select::Min);
    QCOMPARE(a.replica_startup_s, 90.0);
    QCOMPARE(a.sync_period_s, 15.0);  // default
    QVERIFY(validateScenario(s).empty());
  }

  void roundTripsExactly() {
    const Scenario s = scenarioFromJson(withAutoscaling(kHpa));
    const auto again = scenarioToJson(scenarioFromJson(scenarioToJson(s)));
    QCOMPARE(QString::fromStdString(again.dump()), QString::fromStdString(scenarioToJson(s).dump()));
  }

  void unknownMetricTypeListsTheAllowedOnes() {
    auto a = kHpa;
    a["metrics"][0]["type"] = "cpu";
    try {
      scenarioFromJson(withAutoscaling(a));
      QFAIL("accepted an unknown metric type");
    } catch (const ScenarioError& e) {
      const std::string m = e.what();
      QVERIFY2(m.find("autoscaling.metrics[0].type") != std::string::npos, e.what());
      QVERIFY2(m.find("cpu_utilization") != std::string::npos, e.what());
    }
  }

  void brokenRulesAreEachReported() {
    auto a = kHpa;
    a["min_replicas"] = 5;
    a["max_replicas"] = 3;
    a["metrics"][0]["target"] = 0;
    a["behavior"]["scale_up"]["policies"][0]["period_s"] = 4000;
    const auto issues = validateScenario(scenarioFromJson(withAutoscaling(a)));
    QVERIFY(hasIssue(issues, "autoscaling.max_replicas"));
    QVERIFY(hasIssue(issues, "autoscaling.metrics[0].target"));
    QVERIFY(hasIssue(issues, "autoscaling.behavior.scale_up.policies[0].period_s"));
  }

  void delayComponentsCannotAutoscale() {
    const auto issues = validateScenario(scenarioFromJson(withAutoscaling(kHpa, "delay")));
    QVERIFY(hasIssue(issues, "autoscaling"));
  }
};

QTEST_APPLESS_MAIN(TestAutoscalingFormat)
#include "tst_autoscaling_format.moc"
