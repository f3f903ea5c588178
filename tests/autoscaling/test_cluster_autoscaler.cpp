// Cluster Autoscaler: pending pods trigger a node at the next scan, usable after the provisioning delay; an
// underused node is removed only after scale-down-unneeded-time and not within scale-down-delay-after-add.
#include <QTest>

#include <algorithm>

#include "simulator/autoscaling/cluster_autoscaler.h"

using namespace headroom;
using namespace headroom::autoscaling;

namespace {

SimTime sec(int s) { return s * kNanosPerSecond; }

std::vector<CaPod> pods(int n, double cpu = 1.0) {
  std::vector<CaPod> out;
  for (int i = 0; i < n; ++i) out.push_back({"pod-" + std::to_string(i), cpu, 1.0});
  return out;
}

CaNodePool generalPool(int initial = 1) { return {"general", {"m5.xlarge", 4.0, 16.0}, 1, 5, initial}; }

bool hasEvent(const CaSyncResult& r, CaEventKind kind) {
  return std::any_of(r.events.begin(), r.events.end(), [kind](const CaEvent& e) { return e.kind == kind; });
}

}  // namespace

class TestClusterAutoscaler : public QObject {
  Q_OBJECT

 private slots:
  void pendingPodsTriggerNodeAfterScanAndProvisioning() {
    ClusterAutoscaler ca({generalPool()});
    CaSyncResult r = ca.sync(0, pods(4));
    QCOMPARE(r.pending_pods, 0);
    r = ca.sync(sec(5), pods(6));  // two more pods do not fit: wait for the next scan
    QCOMPARE(r.pending_pods, 2);
    QVERIFY(!r.scanned);
    QVERIFY(!hasEvent(r, CaEventKind::ScaleUp));
    r = ca.sync(sec(10), pods(6));
    QVERIFY(r.scanned);
    QVERIFY(hasEvent(r, CaEventKind::ScaleUp));
    QCOMPARE(r.provisioning_nodes, 1);
    r = ca.sync(sec(249), pods(6));
    QCOMPARE(r.pending_pods, 2);
    QVERIFY(!ca.nodeOf("pod-5"));
    r = ca.sync(sec(250), pods(6));  // 10 s scan + 240 s provisioning
    QVERIFY(hasEvent(r, CaEventKind::NodeReady));
    QCOMPARE(r.pending_pods, 0);
    QVERIFY(ca.nodeOf("pod-5").has_value());
  }

  void pendingPodsDoNotTriggerTwiceWhileProvisioning() {
    ClusterAutoscaler ca({generalPool()});
    ca.sync(0, pods(6));
    for (int t = 10; t < 240; t += 10) QVERIFY(!hasEvent(ca.sync(sec(t), pods(6)), CaEventKind::ScaleUp));
    QCOMPARE(static_cast<int>(ca.nodes().size()), 2);
  }

  void podLargerThanAnyNodeIsReported() {
    ClusterAutoscaler ca({generalPool()});
    const CaSyncResult r = ca.sync(0, {{"huge", 8.0, 1.0}});
    QVERIFY(hasEvent(r, CaEventKind::NoScaleUp));
    QCOMPARE(r.provisioning_nodes, 0);
  }

  void poolMaxRespected() {
    ClusterAutoscaler ca({generalPool()});
    const CaSyncResult r = ca.sync(0, pods(40));  // would need 10 nodes, the pool stops at 5
    QCOMPARE(r.provisioning_nodes, 4);
    QVERIFY(hasEvent(r, CaEventKind::NoScaleUp));
  }

  // Scale-up at t=10; at t=300 half the pods go away so the new node is empty. It becomes unneeded at the
  // t=300 scan and is removed at t=900 (600 s unneeded, and past the delay-after-add that ended at t=610).
  void underusedNodeRemovedOnlyAfterTenMinutes() {
    ClusterAutoscaler ca({generalPool()});
    ca.sync(0, pods(4));
    ca.sync(sec(10), pods(8));
    for (int t = 250; t < 300; t += 10) ca.sync(sec(t), pods(8));
    QCOMPARE(static_cast<int>(ca.nodes().size()), 2);
    QVERIFY(!ca.nodes()[1].unneeded_since);
    CaSyncResult r;
    for (int t = 300; t < 900; t += 10) {
      r = ca.sync(sec(t), pods(4));
      QVERIFY2(!hasEvent(r, CaEventKind::ScaleDown), qPrintable(QString("removed at t=%1").arg(t)));
    }
    QCOMPARE(ca.nodes()[1].unneeded_since.value_or(-1), sec(300));
    r = ca.sync(sec(900), pods(4));
    QVERIFY(hasEvent(r, CaEventKind::ScaleDown));
    QCOMPARE(static_cast<int>(ca.nodes().size()), 1);
  }

  void scaleDownWaitsForDelayAfterAdd() {
    CaConfig cfg;
    cfg.scale_down_unneeded_time_s = 60;
    ClusterAutoscaler ca({generalPool()}, cfg);
    ca.sync(0, pods(4));
    ca.sync(sec(10), pods(8));
    ca.sync(sec(250), pods(4));  // new node empty from the start
    for (int t = 260; t < 610; t += 10)
      QVERIFY2(!hasEvent(ca.sync(sec(t), pods(4)), CaEventKind::ScaleDown), qPrintable(QString("t=%1").arg(t)));
    QVERIFY(hasEvent(ca.sync(sec(610), pods(4)), CaEventKind::ScaleDown));
  }

  void busyOrUnmovableNodesStay() {
    CaConfig cfg;
    cfg.scale_down_unneeded_time_s = 60;
    ClusterAutoscaler ca({{"general", {"m5.xlarge", 4.0, 16.0}, 0, 5, 2}}, cfg);
    // Node 0 full (4 cpu), node 1 with one 1.5-cpu pod: under 0.5 but it cannot move, node 0 has no room.
    std::vector<CaPod> ps = pods(4);
    ps.push_back({"big", 1.5, 1.0});
    for (int t = 0; t <= 1200; t += 10) QVERIFY(!hasEvent(ca.sync(sec(t), ps), CaEventKind::ScaleDown));
    QCOMPARE(static_cast<int>(ca.nodes().size()), 2);
  }
};

QTEST_APPLESS_MAIN(TestClusterAutoscaler)
#include "test_cluster_autoscaler.moc"
