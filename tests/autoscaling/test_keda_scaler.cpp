// KEDA: activation from zero at a poll, 1..N through the HPA on External AverageValue, scale to zero only after
// cooldownPeriod without activity, fallback after failureThreshold failed queries.
#include <QTest>

#include "simulator/autoscaling/keda_scaler.h"

using namespace headroom;
using namespace headroom::autoscaling;

namespace {
SimTime sec(int s) { return s * kNanosPerSecond; }
}  // namespace

class TestKedaScaler : public QObject {
  Q_OBJECT

 private slots:
  void activatesFromZeroAtPoll() {
    KedaScaler keda(KedaSpec{});
    KedaDecision d = keda.sync({sec(0), 0, 0.0});
    QVERIFY(d.operator_polled);
    QVERIFY(!d.rescale);
    d = keda.sync({sec(15), 0, 20.0});  // between polls: nothing happens at zero replicas
    QVERIFY(!d.operator_polled);
    QVERIFY(!d.rescale);
    d = keda.sync({sec(30), 0, 20.0});
    QVERIFY(d.active);
    QCOMPARE(d.desired_replicas, 1);
  }

  void hpaScalesOnQueueLengthPerReplica() {
    KedaSpec spec;
    spec.target_per_replica = 5;
    KedaScaler keda(spec);
    keda.sync({sec(0), 0, 40.0});  // activate -> 1
    const KedaDecision d = keda.sync({sec(15), 1, 40.0});
    QVERIFY(d.hpa_synced);
    QVERIFY(d.hpa.has_value());
    QCOMPARE(d.hpa->metrics.at(0).replicas, 8);  // ceil(40 / 5)
    QCOMPARE(d.desired_replicas, 4);             // the HPA's legacy scale-up cap max(2 * 1, 4)
  }

  // Metric drops to 0 after the last active poll at t=30: no scale to zero until t > 30 + 300.
  void scaleToZeroOnlyAfterCooldown() {
    KedaScaler keda(KedaSpec{});
    int replicas = 0;
    std::optional<int> zeroAt;
    for (int t = 0; t <= 600; t += 15) {
      const double queue = (t == 30) ? 20.0 : 0.0;
      const KedaDecision d = keda.sync({sec(t), replicas, queue});
      if (d.rescale) replicas = d.desired_replicas;
      if (t > 30 && replicas == 0 && !zeroAt) zeroAt = t;
    }
    QVERIFY(zeroAt.has_value());
    QCOMPARE(*zeroAt, 360);  // first poll strictly after 330 s
  }

  void neverToZeroWithMinReplicaCount() {
    KedaSpec spec;
    spec.min_replica_count = 2;
    KedaScaler keda(spec);
    int replicas = 2;
    for (int t = 0; t <= 1200; t += 15) {
      const KedaDecision d = keda.sync({sec(t), replicas, 0.0});
      if (d.rescale) replicas = d.desired_replicas;
      QVERIFY(replicas >= 2);
    }
  }

  void fallbackAfterFailureThreshold() {
    KedaSpec spec;
    spec.fallback = KedaFallback{3, 6};
    KedaScaler keda(spec);
    KedaDecision d = keda.sync({sec(0), 2, std::nullopt});
    QCOMPARE(d.consecutive_failures, 1);
    QVERIFY(!d.rescale);
    d = keda.sync({sec(15), 2, std::nullopt});
    QCOMPARE(d.consecutive_failures, 2);
    QVERIFY(!d.rescale);
    d = keda.sync({sec(30), 2, std::nullopt});
    QVERIFY(d.fallback_active);
    QCOMPARE(d.desired_replicas, 6);
    d = keda.sync({sec(45), 6, 10.0});  // a good reading resets the count
    QCOMPARE(d.consecutive_failures, 0);
    QVERIFY(!d.fallback_active);
  }

  void invalidSpecRejected() {
    KedaSpec spec;
    spec.max_replica_count = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, KedaScaler{spec});
  }
};

QTEST_APPLESS_MAIN(TestKedaScaler)
#include "test_keda_scaler.moc"
