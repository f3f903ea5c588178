// A sweep file expands into the right points, and every mistake in it is reported naming the culprit.
#include <QtTest>

#include <set>

#include "simulator/sweep/sweep_plan.h"
#include "sweep_fixtures.h"

using namespace headroom;
using namespace headroom::sweep;
using nlohmann::json;

class TestSweepPlan : public QObject {
  Q_OBJECT

  static QString errorOf(const json& spec) {
    try {
      planSweep(spec, "s.json", ".");
    } catch (const SweepError& e) {
      return QString::fromStdString(e.what());
    }
    return {};
  }

 private slots:
  void gridIsTheCartesianProductInRowMajorOrder() {
    const SweepPlan plan = planSweep(test::smallSweep(), "s.json", ".");
    QCOMPARE(plan.points.size(), std::size_t{6});
    QCOMPARE(plan.taskCount(), std::size_t{18});
    QCOMPARE(plan.points[0].values, json({{"api_workers", 2}, {"rate", 40}}));
    QCOMPARE(plan.points[2].values, json({{"api_workers", 2}, {"rate", 60}}));
    QCOMPARE(plan.points[3].values, json({{"api_workers", 3}, {"rate", 40}}));
    // The values reach the scenario, through name segments ("/components/api/...").
    QCOMPARE(plan.points[3].scenario.components[0].workers_per_replica, 3);
    QCOMPARE(plan.points[2].scenario.sources[0].rate.rateAt(0.0), 60.0);
  }

  void bundledSweepFileResolvesItsBaseRelativeToItself() {
    const SweepPlan plan = loadSweepFile(HEADROOM_SOURCE_DIR "/scenarios/sweeps/mm1-rate-workers.json");
    QCOMPARE(plan.points.size(), std::size_t{6});
    QCOMPARE(plan.base["name"], json("mm1"));
    QVERIFY(plan.spec["base"].is_object());  // inlined: the manifest of a shard folder is self-contained
  }

  void seedsDependOnPointAndReplicationOnly() {
    const SweepPlan plan = planSweep(test::smallSweep(), "s.json", ".");
    std::set<std::uint64_t> seeds;
    for (std::size_t t = 0; t < plan.taskCount(); ++t) seeds.insert(plan.seedOf(t));
    QCOMPARE(seeds.size(), plan.taskCount());
    // Listing the values in another order keeps each point's seeds: they follow values, not positions.
    json reordered = test::smallSweep();
    reordered["variables"][0]["values"] = {3, 2};
    const SweepPlan other = planSweep(reordered, "s.json", ".");
    QCOMPARE(other.points[0].values["api_workers"], json(3));
    QCOMPARE(other.seedOf(0), plan.seedOf(3 * 3));
    // Another base scenario (here: another horizon) gives other seeds.
    json changed = test::smallSweep();
    changed["base"]["simulation"]["horizon_s"] = 41;
    QVERIFY(planSweep(changed, "s.json", ".").seedOf(0) != plan.seedOf(0));
  }

  void latinHypercubeUsesEveryStratumOnce() {
    json spec = test::smallSweep();
    spec["variables"] = json::parse(R"([
      {"name": "svc", "pointer": "/components/db/service_time/mean_ms", "lhs": {"min": 2, "max": 12}},
      {"name": "workers", "pointer": "/components/api/workers_per_replica", "lhs": {"min": 2, "max": 9, "integer": true}}])");
    spec["samples"] = 8;
    const SweepPlan plan = planSweep(spec, "s.json", ".");
    QCOMPARE(plan.points.size(), std::size_t{8});
    std::set<int> svcStrata, workers;
    for (const auto& p : plan.points) {
      const double v = p.values["svc"].get<double>();
      QVERIFY(v >= 2 && v <= 12);
      svcStrata.insert(static_cast<int>((v - 2) / 10 * 8));
      QVERIFY(p.values["workers"].is_number_integer());
      workers.insert(p.values["workers"].get<int>());
    }
    QCOMPARE(svcStrata.size(), std::size_t{8});
    QCOMPARE(workers.size(), std::size_t{8});  // 8 integers in [2, 9], one per stratum
    // The design is reproducible.
    QCOMPARE(planSweep(spec, "s.json", ".").points[5].values, plan.points[5].values);
  }

  void missingPointerNamesTheVariable() {
    json spec = test::smallSweep();
    spec["variables"][1]["pointer"] = "/sources/webb/rate/rate_per_s";
    const QString e = errorOf(spec);
    QVERIFY2(e.contains("variable 'rate'") && e.contains("/sources/webb") && e.contains("'web'"), qPrintable(e));
    spec = test::smallSweep();
    spec["variables"][0]["pointer"] = "/components/api/workers";
    const QString e2 = errorOf(spec);
    QVERIFY2(e2.contains("variable 'api_workers'") && e2.contains("/components/api/workers"), qPrintable(e2));
  }

  void pointerToADefaultedFieldWorks() {
    // "discipline" is absent from the base file: the pointer resolves in the scenario as Headroom writes it.
    json spec = test::smallSweep();
    spec["variables"] = json::parse(R"([{"name": "d", "pointer": "/components/db/discipline", "values": ["fcfs", "ps"]}])");
    QCOMPARE(planSweep(spec, "s.json", ".").points[1].scenario.components[1].discipline, Component::Discipline::ProcessorSharing);
    // An optional setting that is off (no queue bound) has no field to point at: the error says so.
    spec["variables"] = json::parse(R"([{"name": "q", "pointer": "/components/db/queue_capacity", "values": [5]}])");
    const QString e = errorOf(spec);
    QVERIFY2(e.contains("variable 'q'") && e.contains("queue_capacity") && e.contains("does not exist"), qPrintable(e));
  }

  void invalidPointNamesThePointAndRule() {
    json spec = test::smallSweep();
    spec["variables"][0]["values"] = {2, 0};
    const QString e = errorOf(spec);
    QVERIFY2(e.contains("point 3") && e.contains("api_workers=0") && e.contains("workers_per_replica"), qPrintable(e));
  }

  void unknownKpiIsRefusedWithASuggestion() {
    json spec = test::smallSweep();
    spec["kpis"] = {"end_to_end.response_p99s"};
    const QString e = errorOf(spec);
    QVERIFY2(e.contains("kpis[0]") && e.contains("end_to_end.response_p99_s"), qPrintable(e));
  }

  void structuralMistakesNameTheField() {
    json spec = test::smallSweep();
    spec["format"] = "headroom-scenario";
    QVERIFY(errorOf(spec).contains("format"));
    spec = test::smallSweep();
    spec["variables"][0].erase("values");
    QVERIFY2(errorOf(spec).contains("exactly one of"), qPrintable(errorOf(spec)));
    spec = test::smallSweep();
    spec["variables"][1]["range"]["step"] = 0;
    QVERIFY2(errorOf(spec).contains("step") && errorOf(spec).contains("> 0"), qPrintable(errorOf(spec)));
    spec = test::smallSweep();
    spec["variables"][0]["lhs"] = {{"min", 1}, {"max", 2}};
    spec["variables"][0].erase("values");
    QVERIFY2(errorOf(spec).contains("samples"), qPrintable(errorOf(spec)));
    spec = test::smallSweep();
    spec["replicatons"] = 3;
    QVERIFY2(errorOf(spec).contains("replicatons"), qPrintable(errorOf(spec)));
    spec = test::smallSweep();
    spec["base"] = "does-not-exist.json";
    QVERIFY2(errorOf(spec).contains("does-not-exist.json"), qPrintable(errorOf(spec)));
  }
};

QTEST_GUILESS_MAIN(TestSweepPlan)
#include "test_sweep_plan.moc"
