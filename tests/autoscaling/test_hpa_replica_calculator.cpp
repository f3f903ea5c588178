// The HPA replica calculator reproduces the situations of Kubernetes' replica_calculator_test.go: unready and
// missing pods, tolerance, the cpu initialization period, and each metric source type.
#include <QTest>

#include "simulator/autoscaling/hpa_replica_calculator.h"
#include "tests/autoscaling/hpa_fixtures.h"

using namespace headroom;
using namespace headroom::autoscaling;
using namespace headroom::autoscaling::testing;

namespace {

const SimTime kNow = seconds(7200);

HpaMetricSpec cpuUtilization(double percent) {
  return {HpaMetricSource::Resource, "cpu", HpaTargetType::Utilization, percent};
}

HpaSyncInput cpuInput(int current, const std::vector<double>& cores, double request = 1.0) {
  HpaSyncInput in;
  in.now = kNow;
  in.current_replicas = current;
  for (std::size_t i = 0; i < cores.size(); ++i)
    in.pods.push_back(cpuPod("pod-" + std::to_string(i), request, cores[i], kNow));
  return in;
}

HpaMetricProposal propose(const HpaMetricSpec& m, const HpaSyncInput& in) {
  return computeMetricProposal(m, 0, in, HpaControllerConfig{}, HpaTolerances{});
}

}  // namespace

class TestHpaReplicaCalculator : public QObject {
  Q_OBJECT

 private slots:
  // 1.5 cores used of 3 requested = 50% against a 30% target: ceil(50/30 * 3) = 5.
  void scaleUpOnUtilization() {
    const auto p = propose(cpuUtilization(30), cpuInput(3, {0.3, 0.5, 0.7}));
    QVERIFY(p.valid);
    QCOMPARE(p.current, 50.0);
    QCOMPARE(p.replicas, 5);
    QVERIFY(!p.recomputed);
  }

  // Utilization is an integer percent, truncated: 1.4 of 5 cores = 28%, ratio 0.56, ceil(0.56 * 5) = 3.
  void scaleDownOnUtilization() {
    const auto p = propose(cpuUtilization(50), cpuInput(5, {0.1, 0.3, 0.5, 0.25, 0.25}));
    QCOMPARE(p.current, 28.0);
    QCOMPARE(p.replicas, 3);
  }

  // One unready pod while scaling up counts as 0, not at its own 0.3 cores: (0+0.5+0.7)/3 = 40% -> 1.333 over
  // 3 pods gives 4, where counting its sample (50% -> 1.667) would give 5.
  void scaleUpWithUnreadyPodDampened() {
    HpaSyncInput in = cpuInput(3, {0.3, 0.5, 0.7});
    in.pods[0].ready = false;
    in.pods[0].start_time = kNow - seconds(60);  // inside the cpu initialization period
    in.pods[0].ready_transition_time = kNow - seconds(60);
    const auto p = propose(cpuUtilization(30), in);
    QCOMPARE(p.pods.unready.size(), std::size_t{1});
    QCOMPARE(p.current, 60.0);
    QVERIFY(p.recomputed);
    QCOMPARE(p.replicas, 4);
  }

  // Two unready pods at 0 flip the direction (1 ready pod at 50% -> 16% over 3 pods): keep the current count.
  void scaleUpWithUnreadyPodsFlipsToNoChange() {
    HpaSyncInput in = cpuInput(3, {0.3, 0.5, 0.7});
    for (int i : {0, 2}) {
      in.pods[i].ready = false;
      in.pods[i].start_time = kNow - seconds(60);
      in.pods[i].ready_transition_time = kNow - seconds(60);
    }
    const auto p = propose(cpuUtilization(30), in);
    QVERIFY(p.recomputed);
    QVERIFY(p.recomputed_ratio < 1.0);
    QCOMPARE(p.replicas, 3);
  }

  // Unready pods do not hold back a scale-down: ratio 0.6 over the 3 ready pods -> ceil(1.8) = 2.
  void scaleDownIgnoresUnreadyPods() {
    HpaSyncInput in = cpuInput(5, {0.1, 0.3, 0.5, 0.25, 0.25});
    for (int i : {3, 4}) in.pods[i].phase = PodPhase::Pending;
    const auto p = propose(cpuUtilization(50), in);
    QCOMPARE(p.current, 30.0);
    QVERIFY(!p.recomputed);
    QCOMPARE(p.replicas, 2);
  }

  // A pod without a sample is assumed at 100% of its request on the way down: 10% over 4 pods would give 1,
  // with the missing pod at 100% it is 28% over 5 pods -> 3.
  void scaleDownWithMissingPodDampened() {
    HpaSyncInput in = cpuInput(5, {0.1, 0.1, 0.1, 0.1, -1.0});
    const auto p = propose(cpuUtilization(50), in);
    QCOMPARE(p.pods.missing.size(), std::size_t{1});
    QCOMPARE(p.current, 10.0);
    QVERIFY(p.recomputed);
    QCOMPARE(p.replicas, 3);
  }

  // On the way up a missing pod counts as 0.
  void scaleUpWithMissingPodAtZero() {
    HpaSyncInput in = cpuInput(4, {0.9, 0.9, 0.9, -1.0});
    const auto p = propose(cpuUtilization(50), in);
    // ready: 90% -> 1.8; with the missing pod at 0: 2.7/4 = 67% -> 1.34 over 4 pods -> ceil(5.36) = 6.
    QVERIFY(p.recomputed);
    QCOMPARE(p.recomputed_ratio, 1.34);
    QCOMPARE(p.replicas, 6);
  }

  // 102% of a 100% target is inside the 10% tolerance band.
  void toleranceBandKeepsCurrent() {
    HpaSyncInput in = cpuInput(3, {1.01, 1.03, 1.02});
    const auto p = propose(cpuUtilization(100), in);
    QVERIFY(p.within_tolerance);
    QCOMPARE(p.replicas, 3);
    // Just outside the band, the same pods scale.
    const auto q = propose(cpuUtilization(90), in);
    QVERIFY(!q.within_tolerance);
    QCOMPARE(q.replicas, 4);
  }

  // Inside the first 5 minutes a ready pod's sample only counts if a whole metric window was collected after it
  // became ready.
  void cpuInitializationPeriodExcludesEarlySamples() {
    HpaSyncInput in = cpuInput(3, {0.9, 0.9, 0.9});
    HpaPod& young = in.pods[2];
    young.start_time = kNow - seconds(60);
    young.ready_transition_time = kNow - seconds(20);
    young.samples["cpu"] = PodMetricSample{0.9, kNow - seconds(10), seconds(15)};  // window began before ready
    auto p = propose(cpuUtilization(50), in);
    QCOMPARE(p.pods.unready, std::vector<std::string>{"pod-2"});

    young.samples["cpu"] = PodMetricSample{0.9, kNow - seconds(4), seconds(15)};  // a full window after ready
    p = propose(cpuUtilization(50), in);
    QVERIFY(p.pods.unready.empty());
    QCOMPARE(p.pods.ready.size(), std::size_t{3});
  }

  // After the initialization period a not-Ready pod counts unless it never became ready (within 30 s of start).
  void afterInitializationOnlyNeverReadyPodsAreUnready() {
    HpaSyncInput in = cpuInput(2, {0.9, 0.9});
    in.pods[1].ready = false;
    in.pods[1].start_time = kNow - seconds(900);
    in.pods[1].ready_transition_time = kNow - seconds(60);  // was ready, then failed its probe
    auto p = propose(cpuUtilization(50), in);
    QVERIFY(p.pods.unready.empty());

    in.pods[1].ready_transition_time = kNow - seconds(890);  // only transition was 10 s after start: never ready
    p = propose(cpuUtilization(50), in);
    QCOMPARE(p.pods.unready.size(), std::size_t{1});
  }

  // Readiness rules are for cpu only: a memory sample from a not-ready pod counts.
  void memoryHasNoReadinessRule() {
    HpaSyncInput in = cpuInput(2, {0.5, 0.5});
    for (auto& pod : in.pods) {
      pod.requests["memory"] = 1e9;
      pod.samples["memory"] = PodMetricSample{9e8, kNow, seconds(15)};
    }
    in.pods[1].ready = false;
    in.pods[1].start_time = kNow - seconds(30);
    const auto p = propose({HpaMetricSource::Resource, "memory", HpaTargetType::Utilization, 60}, in);
    QCOMPARE(p.pods.ready.size(), std::size_t{2});
    QCOMPARE(p.replicas, 3);  // 90% / 60% = 1.5 -> ceil(3)
  }

  void failedAndDeletingPodsIgnored() {
    HpaSyncInput in = cpuInput(4, {0.5, 0.5, 5.0, 5.0});
    in.pods[2].phase = PodPhase::Failed;
    in.pods[3].phase = PodPhase::Deleting;
    const auto p = propose(cpuUtilization(50), in);
    QCOMPARE(p.pods.ignored.size(), std::size_t{2});
    QCOMPARE(p.current, 50.0);
    QCOMPARE(p.replicas, 4);  // ratio 1.0: within tolerance, keep current
  }

  void missingRequestIsAnError() {
    HpaSyncInput in = cpuInput(2, {0.5, 0.5});
    in.pods[1].requests.clear();
    const auto p = propose(cpuUtilization(50), in);
    QVERIFY(!p.valid);
    QVERIFY(p.error.find("missing request") != std::string::npos);
  }

  // Pods metric, AverageValue 20: three pods at 10 and one missing, assumed exactly at target on the way down:
  // 50/4 = 12.5 -> ratio 0.625 over 4 pods -> 3 (2 without the missing pod).
  void podsMetricMissingPodAtTarget() {
    HpaSyncInput in;
    in.now = kNow;
    in.current_replicas = 4;
    for (int i = 0; i < 4; ++i) {
      HpaPod pod = cpuPod("p" + std::to_string(i), 1.0, -1.0, kNow);
      if (i < 3) pod.samples["qps"] = PodMetricSample{10.0, kNow, seconds(15)};
      in.pods.push_back(pod);
    }
    const auto p = propose({HpaMetricSource::Pods, "qps", HpaTargetType::AverageValue, 20.0}, in);
    QCOMPARE(p.current, 10.0);
    QCOMPARE(p.replicas, 3);
  }

  // External AverageValue: desired = ceil(total / target), and the tolerance test uses status replicas.
  void externalAverageValue() {
    HpaSyncInput in = externalInput(kNow, 1, 0);
    in.external_values["queue"] = {5000.0, 3600.0};
    HpaMetricSpec m{HpaMetricSource::External, "queue", HpaTargetType::AverageValue, 2150.0};
    auto p = propose(m, in);
    QCOMPARE(p.replicas, 4);  // ceil(8600 / 2150)

    in.current_replicas = 4;
    in.external_values["queue"] = {8900.0};  // 8900 / (2150 * 4) = 1.035: within tolerance
    p = propose(m, in);
    QVERIFY(p.within_tolerance);
    QCOMPARE(p.replicas, 4);
  }

  // External/Object Value: ceil(ratio * ready pods); pods not Running+Ready do not count.
  void objectValueUsesReadyPods() {
    HpaSyncInput in = cpuInput(4, {0.1, 0.1, 0.1, 0.1});
    in.pods[3].ready = false;
    in.object_values["ingress_rps"] = 300.0;
    const auto p = propose({HpaMetricSource::Object, "ingress_rps", HpaTargetType::Value, 100.0}, in);
    QCOMPARE(p.pods_in_formula, 3);
    QCOMPARE(p.replicas, 9);
  }

  // Max over metrics; a failed metric does not stop a scale-up but does stop a scale-down.
  void partialMetricsScaleUpOnlyNeverDown() {
    HpaSpec spec = externalSpec(1, 20);
    spec.metrics.insert(spec.metrics.begin(), cpuUtilization(50));
    HpaController up(spec);
    HpaSyncInput in = externalInput(kNow, 4, 6);  // no pods -> cpu metric fails
    ScalingDecision d = up.sync(in);
    QVERIFY(!d.metrics[0].valid);
    QVERIFY(d.metrics[1].valid);
    QCOMPARE(d.desired_replicas, 6);

    HpaController down(spec);
    d = down.sync(externalInput(kNow, 4, 2));
    QVERIFY(!d.rescale);
    QCOMPARE(d.desired_replicas, 4);
    QVERIFY(d.reason.find("FailedGetMetrics") != std::string::npos);
  }

  void maxOverMetrics() {
    HpaSpec spec = externalSpec(1, 20);
    spec.metrics.push_back({HpaMetricSource::External, "lag", HpaTargetType::AverageValue, 100.0});
    HpaController hpa(spec);
    HpaSyncInput in = externalInput(kNow, 2, 3);
    in.external_values["lag"] = {700.0};
    const ScalingDecision d = hpa.sync(in);
    QCOMPARE(d.metric_recommendation, 7);
    QCOMPARE(d.desired_replicas, 4);  // legacy clamp max(2 * 2, 4)
    QVERIFY(d.reason.find("lag above target") != std::string::npos);
  }

  void outOfRangeReplicasSnapWithoutMetrics() {
    HpaController hpa(externalSpec(2, 5));
    HpaSyncInput in;
    in.now = kNow;
    in.current_replicas = 9;
    ScalingDecision d = hpa.sync(in);
    QCOMPARE(d.desired_replicas, 5);
    in.current_replicas = 1;
    d = hpa.sync(in);
    QCOMPARE(d.desired_replicas, 2);
    in.current_replicas = 0;
    d = hpa.sync(in);
    QVERIFY(!d.rescale);
    QVERIFY(d.reason.find("ScalingDisabled") != std::string::npos);
  }

  void invalidSpecRejected() {
    HpaSpec s = externalSpec(3, 2);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, HpaController{s});
    s = externalSpec(1, 2);
    s.metrics[0].target_type = HpaTargetType::Utilization;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, HpaController{s});
  }
};

QTEST_APPLESS_MAIN(TestHpaReplicaCalculator)
#include "test_hpa_replica_calculator.moc"
