// What the HPA does with a raw recommendation: the legacy path (5-minute max, scale-up cap max(2*current, 4)) and
// the autoscaling/v2 behavior path (stabilization windows, rate-limit policies with scale events, selectPolicy).
// Situations follow Kubernetes' horizontal_test.go.
#include <QTest>

#include "tests/autoscaling/hpa_fixtures.h"

using namespace headroom;
using namespace headroom::autoscaling;
using namespace headroom::autoscaling::testing;

namespace {

HpaSpec withBehavior(int minReplicas, int maxReplicas) {
  HpaSpec s = externalSpec(minReplicas, maxReplicas);
  s.behavior = HpaBehavior{};
  return s;
}

}  // namespace

class TestHpaNormalization : public QObject {
  Q_OBJECT

 private slots:
  void legacyScaleUpCappedAtTwiceCurrentOrFour() {
    HpaController hpa(externalSpec(1, 100));
    ScalingDecision d = hpa.sync(externalInput(0, 1, 50));
    QCOMPARE(d.metric_recommendation, 50);
    QCOMPARE(d.desired_replicas, 4);  // max(2 * 1, 4)
    QCOMPARE(QString::fromStdString(d.rate_limit.condition), QString("ScaleUpLimit"));
    d = hpa.sync(externalInput(seconds(15), 10, 50));
    QCOMPARE(d.desired_replicas, 20);  // max(2 * 10, 4)
  }

  void legacyCapAtMaxReplicas() {
    HpaController hpa(externalSpec(1, 6));
    const ScalingDecision d = hpa.sync(externalInput(0, 4, 50));
    QCOMPARE(d.desired_replicas, 6);
    QCOMPARE(QString::fromStdString(d.rate_limit.condition), QString("TooManyReplicas"));
  }

  // Without behavior the highest recommendation of the last 5 minutes wins; a recommendation exactly 300 s old
  // still counts, one older does not.
  void legacyScaleDownWaitsFiveMinutes() {
    HpaController hpa(externalSpec(1, 20));
    ScalingDecision d = hpa.sync(externalInput(0, 10, 10));
    QVERIFY(!d.rescale);
    for (int t = 15; t <= 300; t += 15) {
      d = hpa.sync(externalInput(seconds(t), 10, 3));
      QVERIFY2(!d.rescale, qPrintable(QString("scaled down at t=%1 s").arg(t)));
      QCOMPARE(QString::fromStdString(d.stabilization.condition), QString("ScaleDownStabilized"));
    }
    d = hpa.sync(externalInput(seconds(315), 10, 3));
    QCOMPARE(d.desired_replicas, 3);
  }

  // The first sync records the current size as a recommendation, so a fresh controller never scales down at
  // once; 5 minutes later the floor is minReplicas.
  void legacyFirstSyncDoesNotScaleDownThenFloorAtMin() {
    HpaController hpa(externalSpec(2, 20));
    ScalingDecision d = hpa.sync(externalInput(0, 3, 1));
    QVERIFY(!d.rescale);
    QCOMPARE(d.stabilization.down_limit, 3);
    d = hpa.sync(externalInput(seconds(301), 3, 1));
    QCOMPARE(d.desired_replicas, 2);
    QCOMPARE(QString::fromStdString(d.rate_limit.condition), QString("TooFewReplicas"));
  }

  // Default scale-up: Pods 4 and Percent 100 per 15 s, Max -> the bigger of current+4 and 2*current.
  void behaviorDefaultScaleUpPolicies() {
    HpaController small(withBehavior(1, 100));
    ScalingDecision d = small.sync(externalInput(0, 1, 20));
    QCOMPARE(d.desired_replicas, 5);  // Pods: 1 + 4 beats Percent: 2
    QCOMPARE(d.rate_limit.limits.size(), std::size_t{2});

    HpaController big(withBehavior(1, 100));
    d = big.sync(externalInput(0, 10, 50));
    QCOMPARE(d.desired_replicas, 20);  // Percent: 20 beats Pods: 14
  }

  void behaviorSelectPolicyMin() {
    HpaSpec s = withBehavior(1, 100);
    s.behavior->scale_up.select_policy = HpaSelectPolicy::Min;
    HpaController hpa(s);
    const ScalingDecision d = hpa.sync(externalInput(0, 10, 50));
    QCOMPARE(d.desired_replicas, 14);
  }

  // A scale event inside the period uses up the allowance: periodStart = current - added.
  void behaviorScaleEventsReduceAllowance() {
    HpaController hpa(withBehavior(1, 100));
    ScalingDecision d = hpa.sync(externalInput(0, 10, 50));
    QCOMPARE(d.desired_replicas, 20);
    d = hpa.sync(externalInput(seconds(10), 20, 50));
    QCOMPARE(d.rate_limit.limits[1].period_start_replicas, 10);
    QCOMPARE(d.desired_replicas, 20);  // limit 20 = current: no scale-up until the event leaves the period
    QCOMPARE(QString::fromStdString(d.rate_limit.condition), QString("ScaleUpLimit"));
    d = hpa.sync(externalInput(seconds(15), 20, 50));  // event at t=0 is no longer after now - 15 s
    QCOMPARE(d.desired_replicas, 40);
  }

  // Pods 1 per 60 s: the second sync within the minute is not allowed to add another pod.
  void behaviorLongPeriodPolicy() {
    HpaSpec s = withBehavior(1, 100);
    s.behavior->scale_up.policies = {{HpaPolicyType::Pods, 1, 60}};
    HpaController hpa(s);
    QCOMPARE(hpa.sync(externalInput(0, 3, 10)).desired_replicas, 4);
    QCOMPARE(hpa.sync(externalInput(seconds(30), 4, 10)).desired_replicas, 4);
    QCOMPARE(hpa.sync(externalInput(seconds(60), 4, 10)).desired_replicas, 5);
  }

  // Default scale-down window of 300 s keeps the highest recommendation, starting with the current size
  // recorded at the first sync.
  void behaviorScaleDownStabilizationWindow() {
    HpaController hpa(withBehavior(1, 20));
    ScalingDecision d = hpa.sync(externalInput(0, 10, 3));
    QVERIFY(!d.rescale);
    QCOMPARE(d.stabilization.down_limit, 10);
    for (int t = 15; t < 300; t += 15) {
      d = hpa.sync(externalInput(seconds(t), 10, 3));
      QVERIFY2(!d.rescale, qPrintable(QString("scaled down at t=%1 s").arg(t)));
    }
    d = hpa.sync(externalInput(seconds(300), 10, 3));
    QCOMPARE(d.desired_replicas, 3);
  }

  void behaviorScaleDownKeepsMaxRecommendation() {
    HpaSpec s = withBehavior(1, 20);
    s.behavior->scale_down.stabilization_window_s = 60;
    HpaController hpa(s);
    hpa.sync(externalInput(0, 8, 8));
    hpa.sync(externalInput(seconds(15), 8, 6));
    ScalingDecision d = hpa.sync(externalInput(seconds(30), 8, 4));
    QCOMPARE(d.desired_replicas, 8);
    d = hpa.sync(externalInput(seconds(60), 8, 4));  // t=0 entries are out of the window
    QCOMPARE(d.desired_replicas, 6);
    d = hpa.sync(externalInput(seconds(75), 6, 4));
    QCOMPARE(d.desired_replicas, 4);
  }

  void behaviorScaleDownRateLimit() {
    HpaSpec s = withBehavior(1, 20);
    s.behavior->scale_down.stabilization_window_s = 0;
    s.behavior->scale_down.policies = {{HpaPolicyType::Percent, 50, 60}};
    HpaController hpa(s);
    ScalingDecision d = hpa.sync(externalInput(0, 9, 1));
    // The limit is trunc(9 * (1 - 0.5)) = 4: truncation lets a Percent policy remove slightly more than half.
    QCOMPARE(d.rate_limit.selected_limit.value_or(-1), 4);
    QCOMPARE(d.desired_replicas, 4);
    QCOMPARE(QString::fromStdString(d.rate_limit.condition), QString("ScaleDownLimit"));
  }

  void behaviorScaleUpStabilizationTakesMin() {
    HpaSpec s = withBehavior(1, 100);
    s.behavior->scale_up.stabilization_window_s = 60;
    HpaController hpa(s);
    hpa.sync(externalInput(0, 4, 4));
    ScalingDecision d = hpa.sync(externalInput(seconds(15), 4, 8));
    QCOMPARE(d.desired_replicas, 4);  // min of {4 (initial), 4, 8}
    QCOMPARE(QString::fromStdString(d.stabilization.condition), QString("ScaleUpStabilized"));
    hpa.sync(externalInput(seconds(30), 4, 8));
    hpa.sync(externalInput(seconds(45), 4, 8));
    d = hpa.sync(externalInput(seconds(61), 4, 8));
    QCOMPARE(d.desired_replicas, 8);
  }

  void behaviorDisabledScaleDown() {
    HpaSpec s = withBehavior(1, 20);
    s.behavior->scale_down.select_policy = HpaSelectPolicy::Disabled;
    s.behavior->scale_down.stabilization_window_s = 0;
    HpaController hpa(s);
    for (int t = 0; t < 3600; t += 15) {
      const ScalingDecision d = hpa.sync(externalInput(seconds(t), 10, 1));
      QVERIFY(!d.rescale);
    }
    // Scale-up is still allowed.
    QCOMPARE(hpa.sync(externalInput(seconds(3600), 10, 12)).desired_replicas, 12);
  }

  void reasonExplainsStabilization() {
    HpaController hpa(withBehavior(1, 20));
    const ScalingDecision d = hpa.sync(externalInput(0, 10, 3));
    QVERIFY2(d.reason.find("ScaleDownStabilized") != std::string::npos, d.reason.c_str());
    QVERIFY2(d.reason.find("10@0s") != std::string::npos, d.reason.c_str());
  }
};

QTEST_APPLESS_MAIN(TestHpaNormalization)
#include "test_hpa_normalization.moc"
