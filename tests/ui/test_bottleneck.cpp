// The bottleneck rule (simulator/health/bottleneck.h): which component saturates first, and the reason shown on it.
#include <QtTest>

#include "simulator/health/bottleneck.h"
#include "ui/example_scenario.h"

using namespace headroom;

class TestBottleneck : public QObject {
  Q_OBJECT

 private:
  static ComponentLoad load(const char* name, double utilization, double ownWork = std::nan(""),
                            double rejection = 0.0, bool delay = false) {
    ComponentLoad l;
    l.name = name;
    l.utilization = utilization;
    l.own_work_utilization = ownWork;
    l.rejection_ratio = rejection;
    l.infinite_server = delay;
    return l;
  }

 private slots:
  void saturatedCalleeWinsOverCallerHoldingWorkers() {
    // The FCFS api holds its workers while the db answers, so it looks busier; the db is the cause.
    const BottleneckVerdict v = findBottleneck({load("api", 0.97, 0.10), load("db", 0.91, 0.91)});
    QCOMPARE(v.index, 1);
    QVERIFY(v.saturated);
    QCOMPARE(v.reason, BottleneckReason::Workers);
    QCOMPARE(QString::fromStdString(v.label()), QStringLiteral("CPU/workers"));
  }

  void rejectionsMeanQueueFull() {
    const BottleneckVerdict v = findBottleneck({load("api", 0.5, 0.5), load("cache", 0.85, 0.85, 0.05)});
    QCOMPARE(v.index, 1);
    QVERIFY(v.saturated);
    QCOMPARE(v.reason, BottleneckReason::QueueFull);
    QCOMPARE(QString::fromStdString(v.label()), QStringLiteral("queue full"));
  }

  void nothingSaturatedNamesTheBusiest() {
    const BottleneckVerdict v = findBottleneck({load("a", 0.30), load("b", 0.62), load("c", 0.41)});
    QCOMPARE(v.index, 1);
    QVERIFY(!v.saturated);
    QCOMPARE(QString::fromStdString(v.label()), QStringLiteral("CPU/workers (busiest, 62%)"));
  }

  void delayComponentsAreNeverTheBottleneck() {
    const BottleneckVerdict v = findBottleneck({load("payments", 5.0, 5.0, 0.0, true), load("api", 0.2)});
    QCOMPARE(v.index, 1);
    const BottleneckVerdict none = findBottleneck({load("payments", 1.0, 1.0, 0.0, true)});
    QCOMPARE(none.index, -1);
    QVERIFY(none.label().empty());
  }

  void ownWorkUtilizationFromRunResult() {
    // api: 100 req/s x 4 ms local work over 2 x 32 workers = 0.00625; db: 100 req/s x 9 ms / 1 = 0.9.
    const Scenario s = exampleScenario(0.9);
    RunResult r;
    for (const char* name : {"api", "db", "payments"}) {
      ComponentResult c;
      c.name = name;
      c.throughput_per_s.mean = std::string(name) == "payments" ? 10.0 : 100.0;
      c.utilization.mean = std::string(name) == "api" ? 0.99 : 0.9;
      c.rejection_ratio.mean = 0.0;
      r.components.push_back(c);
    }
    const std::vector<ComponentLoad> loads = loadsFromRun(s, r);
    QCOMPARE(loads.size(), std::size_t{3});
    QVERIFY(qAbs(loads[0].own_work_utilization - 100.0 * 0.004 / 64.0) < 1e-12);
    QVERIFY(qAbs(loads[1].own_work_utilization - 0.9) < 1e-12);
    QVERIFY(loads[2].infinite_server);
    QCOMPARE(QString::fromStdString(loads[static_cast<std::size_t>(findBottleneck(loads).index)].name), QStringLiteral("db"));
  }
};

QTEST_APPLESS_MAIN(TestBottleneck)
#include "test_bottleneck.moc"
