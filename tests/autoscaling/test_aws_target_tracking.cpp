// AWS target tracking: scale-out after 3 consecutive breaching 1-minute datapoints, scale-in after 15,
// proportional capacity, warming instances excluded, several policies combined (out if any, in only if all).
#include <QTest>

#include "simulator/autoscaling/aws_policies.h"

using namespace headroom;
using namespace headroom::autoscaling;

namespace {

SimTime minute(int m) { return m * 60 * kNanosPerSecond; }

AwsEvaluationInput group(int m, int desired, const std::vector<double>& cpu, SimTime inServiceSince = -minute(60)) {
  AwsEvaluationInput in;
  in.now = minute(m);
  in.capacity = {1, 20, desired};
  for (std::size_t i = 0; i < cpu.size(); ++i)
    in.instances.push_back({static_cast<int>(i), inServiceSince, cpu[i]});
  return in;
}

}  // namespace

class TestAwsTargetTracking : public QObject {
  Q_OBJECT

 private slots:
  void scaleOutNeedsThreeBreachingDatapoints() {
    TargetTrackingPolicy p({});
    QVERIFY(!p.evaluate(group(1, 4, {80, 80, 80, 80})).changed);
    QVERIFY(!p.evaluate(group(2, 4, {80, 80, 80, 80})).changed);
    const AwsPolicyDecision d = p.evaluate(group(3, 4, {80, 80, 80, 80}));
    QVERIFY(d.changed);
    QCOMPARE(d.capacity.desired, 7);  // ceil(80 * 4 / 50)
    QVERIFY2(d.reason.find("3/3") != std::string::npos, d.reason.c_str());
  }

  void nonBreachingDatapointRestartsTheCount() {
    TargetTrackingPolicy p({});
    const std::vector<double> hot{80, 80}, ok{40, 40};
    p.evaluate(group(1, 2, hot));
    p.evaluate(group(2, 2, hot));
    QVERIFY(!p.evaluate(group(3, 2, ok)).changed);
    QVERIFY(!p.evaluate(group(4, 2, hot)).changed);
    QVERIFY(!p.evaluate(group(5, 2, hot)).changed);
    QVERIFY(p.evaluate(group(6, 2, hot)).changed);
  }

  // Three new instances, still warming at 0% cpu, neither dilute the metric nor get added a second time.
  void warmupExcludesNewInstances() {
    TargetTrackingPolicy p({});
    for (int m = 1; m <= 3; ++m) p.evaluate(group(m, 4, {80, 80, 80, 80}));
    AwsEvaluationInput in = group(4, 7, {80, 80, 80, 80});
    for (int i = 4; i < 7; ++i) in.instances.push_back({i, minute(3) + 60 * kNanosPerSecond, 0.0});
    const AwsPolicyDecision d = p.evaluate(in);
    QCOMPARE(d.datapoint.counted_instances, 4);
    QCOMPARE(d.datapoint.warming_instances, 3);
    QCOMPARE(*d.datapoint.value, 80.0);
    QCOMPARE(d.capacity.desired, 7);
    QVERIFY(!d.changed);
    // Once the warmup is over they count: (4*80 + 3*0) / 7 = 45.7, below target.
    in.now = minute(3) + 60 * kNanosPerSecond + 300 * kNanosPerSecond;
    const AwsPolicyDecision after = p.evaluate(in);
    QCOMPARE(after.datapoint.counted_instances, 7);
    QVERIFY(*after.datapoint.value < 50.0);
  }

  void scaleInNeedsFifteenDatapointsBelowTarget() {
    TargetTrackingPolicy p({});
    for (int m = 1; m < 15; ++m) QVERIFY(!p.evaluate(group(m, 10, std::vector<double>(10, 20.0))).changed);
    const AwsPolicyDecision d = p.evaluate(group(15, 10, std::vector<double>(10, 20.0)));
    QCOMPARE(d.intent, ScalingIntent::In);
    QCOMPARE(d.capacity.desired, 4);  // ceil(20 * 10 / 50)
  }

  void slightlyBelowTargetDoesNotScaleIn() {
    TargetTrackingPolicy p({});
    for (int m = 1; m <= 30; ++m) QVERIFY(!p.evaluate(group(m, 10, std::vector<double>(10, 46.0))).changed);
  }

  void scaleInBlockedWhileWarming() {
    TargetTrackingPolicy p({});
    AwsPolicyDecision d;
    for (int m = 1; m <= 15; ++m) {
      AwsEvaluationInput in = group(m, 5, {10, 10, 10, 10});
      in.instances.push_back({9, minute(m) - 60 * kNanosPerSecond, 10.0});  // always warming
      d = p.evaluate(in);
    }
    QVERIFY(!d.changed);
    QVERIFY(d.reason.find("warming") != std::string::npos);
  }

  void disableScaleIn() {
    TargetTrackingConfig c;
    c.disable_scale_in = true;
    TargetTrackingPolicy p(c);
    for (int m = 1; m <= 20; ++m) QVERIFY(!p.evaluate(group(m, 10, std::vector<double>(10, 5.0))).changed);
  }

  void combineOutIfAnyInOnlyIfAll() {
    const AwsEvaluationInput in = group(1, 10, {});
    AwsPolicyDecision out, in1, in2, none;
    out.intent = ScalingIntent::Out;
    out.capacity = {1, 20, 14};
    out.policy = "cpu";
    in1.intent = ScalingIntent::In;
    in1.capacity = {1, 20, 6};
    in2.intent = ScalingIntent::In;
    in2.capacity = {1, 20, 8};
    none.capacity = {1, 20, 10};
    QCOMPARE(combineTargetTracking(in, {out, in1}).capacity.desired, 14);
    QCOMPARE(combineTargetTracking(in, {none, in1}).capacity.desired, 10);
    QCOMPARE(combineTargetTracking(in, {in1, in2}).capacity.desired, 8);
  }
};

QTEST_APPLESS_MAIN(TestAwsTargetTracking)
#include "test_aws_target_tracking.moc"
