// AWS step scaling (step selection by offsets from the alarm threshold, adjustment types, warmup) and simple
// scaling (one adjustment, then cooldown).
#include <QTest>

#include "simulator/autoscaling/aws_policies.h"

using namespace headroom;
using namespace headroom::autoscaling;

namespace {

SimTime minute(int m) { return m * 60 * kNanosPerSecond; }

AwsEvaluationInput settled(int m, int desired, double metric) {
  AwsEvaluationInput in;
  in.now = minute(m);
  in.capacity = {1, 50, desired};
  for (int i = 0; i < desired; ++i) in.instances.push_back({i, -minute(60), metric});
  return in;
}

StepScalingConfig threeSteps() {
  StepScalingConfig c;
  c.alarm = {50.0, AlarmComparison::GreaterThanOrEqual, 1, 1};
  c.steps = {{0.0, 10.0, 1}, {10.0, 20.0, 2}, {20.0, std::nullopt, 3}};
  return c;
}

}  // namespace

class TestAwsStepScaling : public QObject {
  Q_OBJECT

 private slots:
  void picksTheStepByOffset() {
    StepScalingPolicy p(threeSteps());
    QCOMPARE(p.stepFor(55.0).value_or(-1), 0);
    QCOMPARE(p.stepFor(60.0).value_or(-1), 1);  // lower bound inclusive above the threshold
    QCOMPARE(p.stepFor(69.9).value_or(-1), 1);
    QCOMPARE(p.stepFor(95.0).value_or(-1), 2);
    QVERIFY(!p.stepFor(45.0));
    QCOMPARE(p.evaluate(settled(1, 10, 75.0)).capacity.desired, 13);
  }

  void lowerAlarmBoundsInclusiveAbove() {
    StepScalingConfig c;
    c.alarm = {30.0, AlarmComparison::LessThanOrEqual, 1, 1};
    c.steps = {{-10.0, 0.0, -1}, {std::nullopt, -10.0, -2}};
    StepScalingPolicy p(c);
    QCOMPARE(p.stepFor(20.0).value_or(-1), 1);  // offset -10: upper bound inclusive below the threshold
    QCOMPARE(p.stepFor(25.0).value_or(-1), 0);
    QCOMPARE(p.evaluate(settled(1, 10, 10.0)).capacity.desired, 8);
  }

  void gapsAndOverlapsRejected() {
    StepScalingConfig c = threeSteps();
    c.steps[1].lower_bound = 12.0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, StepScalingPolicy{c});
    c = threeSteps();
    c.steps[1].lower_bound = 5.0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, StepScalingPolicy{c});
  }

  // While the first new instance warms up, a bigger step adds only the difference; the same step adds nothing.
  void warmupAddsOnlyTheDifference() {
    StepScalingPolicy p(threeSteps());
    AwsPolicyDecision d = p.evaluate(settled(1, 10, 55.0));
    QCOMPARE(d.capacity.desired, 11);
    AwsEvaluationInput in = settled(2, 10, 55.0);
    in.capacity.desired = 11;
    in.instances.push_back({10, minute(2), 0.0});  // warming
    d = p.evaluate(in);
    QVERIFY(!d.changed);
    for (auto& i : in.instances)
      if (i.id < 10) i.metric = 65.0;
    d = p.evaluate(in);
    QCOMPARE(d.capacity.desired, 12);  // 10 settled + 2, one already on its way
  }

  void percentChangeRoundingAndMinMagnitude() {
    QCOMPARE(applyAdjustment(10, AdjustmentType::PercentChangeInCapacity, 25, std::nullopt), 12);  // 2.5 -> 2
    QCOMPARE(applyAdjustment(2, AdjustmentType::PercentChangeInCapacity, 25, std::nullopt), 3);    // 0.5 -> 1
    QCOMPARE(applyAdjustment(10, AdjustmentType::PercentChangeInCapacity, -67, std::nullopt), 4);  // -6.7 -> -6
    QCOMPARE(applyAdjustment(2, AdjustmentType::PercentChangeInCapacity, 25, 2), 4);
    QCOMPARE(applyAdjustment(10, AdjustmentType::ExactCapacity, 3, std::nullopt), 3);
  }

  void exactCapacityStep() {
    StepScalingConfig c = threeSteps();
    c.adjustment_type = AdjustmentType::ExactCapacity;
    c.steps = {{0.0, std::nullopt, 20}};
    StepScalingPolicy p(c);
    QCOMPARE(p.evaluate(settled(1, 10, 70.0)).capacity.desired, 20);
  }

  void clampedToMax() {
    StepScalingPolicy p(threeSteps());
    AwsEvaluationInput in = settled(1, 49, 95.0);
    QCOMPARE(p.evaluate(in).capacity.desired, 50);
  }

  void simpleScalingWaitsForCooldown() {
    SimpleScalingConfig c;
    c.alarm = {50.0, AlarmComparison::GreaterThan, 1, 1};
    c.adjustment = 2;
    SimpleScalingPolicy p(c);
    int desired = 4;
    std::vector<int> changesAt;
    for (int m = 0; m <= 10; ++m) {
      const AwsPolicyDecision d = p.evaluate(settled(m, desired, 90.0));
      if (d.changed) {
        changesAt.push_back(m);
        desired = d.capacity.desired;
      }
    }
    QCOMPARE(changesAt, (std::vector<int>{0, 5, 10}));  // default cooldown 300 s
    QCOMPARE(desired, 10);
  }
};

QTEST_APPLESS_MAIN(TestAwsStepScaling)
#include "test_aws_step_scaling.moc"
