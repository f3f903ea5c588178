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

  void kedaAndAwsBlocksReadAndRoundTrip() {
    const nlohmann::json keda = {{"kind", "keda"}, {"max_replicas", 8}, {"target_per_replica", 50}, {"cooldown_period_s", 120},
                                 {"polling_interval_s", 15}, {"replica_startup_s", 10}};
    const Scenario k = scenarioFromJson(withAutoscaling(keda));
    QCOMPARE(k.components[0].autoscaling->kind, AutoscalingSpec::Kind::Keda);
    QCOMPARE(k.components[0].autoscaling->min_replicas, 0);  // KEDA's default: scale to zero
    QCOMPARE(k.components[0].autoscaling->keda_target_per_replica, 50.0);
    QCOMPARE(k.components[0].autoscaling->keda_cooldown_period_s, 120.0);
    QVERIFY(validateScenario(k).empty());
    const nlohmann::json aws = {
        {"kind", "aws"},
        {"min_replicas", 2},
        {"max_replicas", 20},
        {"policies",
         {{{"type", "target_tracking"}, {"metric", "requests_per_instance"}, {"target", 1000}, {"instance_warmup_s", 60}},
          {{"type", "step"}, {"metric", "cpu_utilization"}, {"threshold", 70}, {"comparison", ">"}, {"evaluation_periods", 2},
           {"steps", {{{"lower_bound", 0}, {"upper_bound", 10}, {"adjustment", 1}}, {{"lower_bound", 10}, {"adjustment", 3}}}}},
          {{"type", "simple"}, {"metric", "backlog_per_instance"}, {"threshold", 100}, {"comparison", ">="}, {"adjustment", 2}, {"cooldown_s", 120}},
          {{"type", "predictive"}, {"target_requests_per_s_per_instance", 100}, {"mode", "forecast_only"}, {"max_capacity_breach", "increase"},
           {"max_capacity_buffer_pct", 10}}}},
        {"scheduled_actions", {{{"name", "evening"}, {"cron", "0 18 * * 1-5"}, {"min_size", 6}}}}};
    const Scenario a = scenarioFromJson(withAutoscaling(aws));
    const auto& spec = *a.components[0].autoscaling;
    QCOMPARE(spec.aws_policies.size(), std::size_t{4});
    QCOMPARE(spec.aws_policies[3].type, AwsPolicySpec::Type::Predictive);
    QVERIFY(spec.aws_policies[3].forecast_only);
    QVERIFY(spec.aws_policies[3].increase_max_capacity);
    QCOMPARE(spec.aws_policies[3].target, 100.0);
    QCOMPARE(spec.aws_policies[1].steps.size(), std::size_t{2});
    QVERIFY(!spec.aws_policies[1].steps[1].upper_bound);
    QCOMPARE(spec.aws_policies[1].datapoints_to_alarm, 2);  // defaults to evaluation_periods
    QCOMPARE(spec.aws_policies[2].cooldown_s, 120);
    QCOMPARE(*spec.aws_scheduled_actions[0].cron, std::string("0 18 * * 1-5"));
    QVERIFY(validateScenario(a).empty());
    for (const Scenario& s : {k, a}) {
      const auto again = scenarioToJson(scenarioFromJson(scenarioToJson(s)));
      QCOMPARE(QString::fromStdString(again.dump()), QString::fromStdString(scenarioToJson(s).dump()));
    }
  }

  void kedaAndAwsRulesAreReported() {
    nlohmann::json keda = {{"kind", "keda"}, {"max_replicas", 8}, {"target_per_replica", 0}, {"min_replicas", -1}};
    auto issues = validateScenario(scenarioFromJson(withAutoscaling(keda)));
    QVERIFY(hasIssue(issues, "autoscaling.target_per_replica"));
    QVERIFY(hasIssue(issues, "autoscaling.min_replicas"));
    nlohmann::json hpaZero = kHpa;
    hpaZero["min_replicas"] = 0;  // only KEDA scales to zero
    QVERIFY(hasIssue(validateScenario(scenarioFromJson(withAutoscaling(hpaZero))), "autoscaling.min_replicas"));
    nlohmann::json aws = {{"kind", "aws"}, {"max_replicas", 4},
                          {"policies", {{{"type", "step"}, {"metric", "cpu_utilization"}, {"threshold", 70}, {"comparison", ">"},
                                         {"evaluation_periods", 2}, {"datapoints_to_alarm", 3}, {"steps", nlohmann::json::array()}}}},
                          {"scheduled_actions", {{{"name", "x"}, {"cron", "0 18 * *"}}}}};
    issues = validateScenario(scenarioFromJson(withAutoscaling(aws)));
    QVERIFY(hasIssue(issues, "autoscaling.policies[0].datapoints_to_alarm"));
    QVERIFY(hasIssue(issues, "autoscaling.policies[0].steps"));
    QVERIFY(hasIssue(issues, "autoscaling.scheduled_actions[0].cron"));
    QVERIFY(hasIssue(issues, "autoscaling.scheduled_actions[0]"));  // sets nothing
  }

  void stepBoundsMustMeetWithoutGapOrOverlap() {
    auto policyWith = [](const nlohmann::json& steps) {
      return nlohmann::json{{"kind", "aws"}, {"max_replicas", 4},
                            {"policies", {{{"type", "step"}, {"metric", "cpu_utilization"}, {"threshold", 70}, {"comparison", ">"},
                                           {"steps", steps}}}}};
    };
    auto issuesFor = [&](const nlohmann::json& steps) { return validateScenario(scenarioFromJson(withAutoscaling(policyWith(steps)))); };
    // Listed out of order but contiguous: fine (the engine sorts by lower bound too).
    QVERIFY(issuesFor({{{"lower_bound", 10}, {"adjustment", 3}}, {{"lower_bound", 0}, {"upper_bound", 10}, {"adjustment", 1}}}).empty());
    // An overlap and a gap name the step whose upper bound does not meet the next one.
    auto overlap = issuesFor({{{"lower_bound", 0}, {"upper_bound", 15}, {"adjustment", 1}}, {{"lower_bound", 10}, {"adjustment", 3}}});
    QVERIFY(hasIssue(overlap, "autoscaling.policies[0].steps[0].upper_bound"));
    QVERIFY(overlap.front().rule.find("overlap") != std::string::npos);
    auto gap = issuesFor({{{"lower_bound", 20}, {"adjustment", 3}}, {{"lower_bound", 0}, {"upper_bound", 10}, {"adjustment", 1}}});
    QVERIFY(hasIssue(gap, "autoscaling.policies[0].steps[1].upper_bound"));
    QVERIFY(gap.front().rule.find("gap") != std::string::npos);
    // An empty interval.
    QVERIFY(hasIssue(issuesFor({{{"lower_bound", 5}, {"upper_bound", 5}, {"adjustment", 1}}}), "autoscaling.policies[0].steps[0].upper_bound"));
  }

  void podAndClusterBlocksReadRoundTripAndAreChecked() {
    auto j = withAutoscaling(kHpa);
    j["components"][0]["pod"] = {{"cpu_request_cores", 0.5}, {"cpu_limit_cores", 2}, {"memory_gib", 1}, {"memory_base_gib", 0.3},
                                 {"memory_per_request_mib", 12}};
    j["components"][0]["autoscaling"]["metrics"] = {{{"type", "memory_utilization"}, {"target", 70}},
                                                    {{"type", "object_requests_per_second"}, {"target", 50}}};
    j["cluster"] = {{"node_pools", {{{"name", "m5.large"}, {"cpu_cores", 2}, {"memory_gib", 8}, {"max_nodes", 5}, {"initial_nodes", 1}}}},
                    {"provisioning_delay_s", 200}};
    const Scenario s = scenarioFromJson(j);
    QCOMPARE(s.components[0].pod->cpu_request_cores, 0.5);
    QCOMPARE(s.components[0].pod->cpu_limit_cores, 2.0);
    QCOMPARE(s.components[0].pod->memory_per_request_mib, 12.0);
    QCOMPARE(s.components[0].autoscaling->metrics[0].type, HpaMetricTarget::Type::MemoryUtilization);
    QCOMPARE(s.components[0].autoscaling->metrics[1].type, HpaMetricTarget::Type::ObjectRequestsPerSecond);
    QCOMPARE(s.cluster->node_pools[0].max_nodes, 5);
    QCOMPARE(s.cluster->provisioning_delay_s, 200.0);
    QVERIFY(validateScenario(s).empty());
    const auto again = scenarioToJson(scenarioFromJson(scenarioToJson(s)));
    QCOMPARE(QString::fromStdString(again.dump()), QString::fromStdString(scenarioToJson(s).dump()));
    // 2 initial replicas x 0.5 core fit on one 2-core node; 8 replicas of 1 core do not, nor does a 3-core pod.
    j["components"][0]["replicas"] = 8;
    j["components"][0]["pod"]["cpu_request_cores"] = 3;
    const auto issues = validateScenario(scenarioFromJson(j));
    bool initial = false, tooBig = false;
    for (const auto& i : issues) {
      initial |= i.where == "cluster" && i.field == "node_pools";
      tooBig |= i.where == "component 'api'" && i.field == "pod";
    }
    QVERIFY(initial);
    QVERIFY(tooBig);
  }

  void delayComponentsCannotAutoscale() {
    const auto issues = validateScenario(scenarioFromJson(withAutoscaling(kHpa, "delay")));
    QVERIFY(hasIssue(issues, "autoscaling"));
  }
};

QTEST_APPLESS_MAIN(TestAutoscalingFormat)
#include "tst_autoscaling_format.moc"
