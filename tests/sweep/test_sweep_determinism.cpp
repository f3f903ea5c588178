// A sweep's results are bit-identical for any thread count and any sharding, and depend on the seeds.
#include <QtTest>

#include <QTemporaryDir>
#include <filesystem>
#include <fstream>

#include "simulator/sweep/shard_folder.h"
#include "simulator/sweep/sweep_result.h"
#include "sweep_fixtures.h"
#include "tests/cancel_probe.h"

using namespace headroom;
using namespace headroom::sweep;

class TestSweepDeterminism : public QObject {
  Q_OBJECT

  static std::vector<std::size_t> allTasks(const SweepPlan& plan) {
    std::vector<std::size_t> t(plan.taskCount());
    for (std::size_t i = 0; i < t.size(); ++i) t[i] = i;
    return t;
  }
  static std::string local(const SweepPlan& plan, int threads) {
    return sweepResultToJson(aggregate(plan, runTasks(plan, allTasks(plan), threads, nullptr).results)).dump();
  }

 private slots:
  void identicalForAnyThreadCount() {
    const SweepPlan plan = planSweep(test::smallSweep(), "s.json", ".");
    const std::string one = local(plan, 1);
    QCOMPARE(local(plan, 2), one);
    QCOMPARE(local(plan, 5), one);
    const auto j = nlohmann::json::parse(one);
    QCOMPARE(j["complete"], nlohmann::json(true));
    QCOMPARE(j["points"].size(), std::size_t{6});
    // Replications differ from each other (their seeds do), and so do the points.
    const auto& values = j["points"][0]["kpis"]["db.response_mean_s"]["values"];
    QVERIFY(values[0] != values[1]);
    QVERIFY(j["points"][0]["kpis"]["api.utilization"]["mean"] != j["points"][1]["kpis"]["api.utilization"]["mean"]);
  }

  void shardsMergeToTheLocalResult() {
    const SweepPlan plan = planSweep(test::smallSweep(), "s.json", ".");
    const std::string expected = local(plan, 2);
    for (int shards : {1, 4, 7}) {
      QTemporaryDir dir;
      const std::string d = dir.path().toStdString();
      for (int i = shards - 1; i >= 0; --i) runShard(d, plan, i, shards, 1, nullptr);  // any order
      const MergeReport merged = mergeShards(d);
      QVERIFY(merged.problems.empty());
      QCOMPARE(sweepResultToJson(merged.result).dump(), expected);
    }
  }

  void mergeNamesMissingAndFailedShardsAndARerunCompletesIt() {
    const SweepPlan plan = planSweep(test::smallSweep(), "s.json", ".");
    QTemporaryDir dir;
    const std::string d = dir.path().toStdString();
    for (int i : {0, 2}) runShard(d, plan, i, 4, 1, nullptr);
    // Shard 3 "failed": a shard file that says so.
    writeManifest(d, plan, 4);
    {
      std::ofstream f(std::filesystem::path(d) / shardFileName(3, 4));
      f << shardToJson(plan, 3, 4, TaskRun{}, "node lost").dump();
    }
    MergeReport r = mergeShards(d);
    QCOMPARE(r.badShards(), (std::vector<int>{1, 3}));
    QCOMPARE(r.problems[0].second, std::string("missing"));
    QVERIFY2(r.problems[1].second.find("node lost") != std::string::npos, r.problems[1].second.c_str());
    QVERIFY(!r.result.complete);
    for (int i : r.badShards()) runShard(d, readManifest(d).plan, i, 4, 2, nullptr);
    r = mergeShards(d);
    QVERIFY(r.problems.empty());
    QCOMPARE(sweepResultToJson(r.result).dump(), local(plan, 2));
  }

  void shardOfAnotherSweepIsRefused() {
    const SweepPlan plan = planSweep(test::smallSweep(), "s.json", ".");
    auto otherSpec = test::smallSweep();
    otherSpec["replications"] = 2;
    const SweepPlan other = planSweep(otherSpec, "s.json", ".");
    QTemporaryDir dir;
    const std::string d = dir.path().toStdString();
    runShard(d, plan, 0, 2, 1, nullptr);
    QVERIFY_THROWS_EXCEPTION(SweepError, runShard(d, other, 1, 2, 1, nullptr));
    {
      std::ofstream f(std::filesystem::path(d) / shardFileName(1, 2));
      f << shardToJson(other, 1, 2, runTasks(other, shardTasks(other, 1, 2), 1, nullptr), {}).dump();
    }
    const MergeReport r = mergeShards(d);
    QCOMPARE(r.badShards(), std::vector<int>{1});
    QVERIFY2(r.problems[0].second.find("different sweep") != std::string::npos, r.problems[0].second.c_str());
  }

  void cancelFromAnotherThreadStopsTheSweep() {
    nlohmann::json spec = test::smallSweep();
    spec["replications"] = 200;  // hundreds of simulations: far longer than the cancel takes
    const SweepPlan plan = planSweep(spec, "s.json", ".");
    test::CancelProbe probe;
    const TaskRun part = runTasks(plan, allTasks(plan), 2, &probe.feedback);
    probe.finish();
    QVERIFY(probe.sawProgress());
    QVERIFY(part.cancelled);
    QVERIFY(part.results.size() < plan.taskCount());
    QVERIFY(probe.secondsToReturn() < 60.0);  // running replications stop at their next event-loop poll
  }

  void progressAndCancel() {
    const SweepPlan plan = planSweep(test::smallSweep(), "s.json", ".");
    Feedback fb;
    double last = 0;
    fb.setProgressCallback([&](double f, const std::string&) { last = std::max(last, f); });
    const TaskRun full = runTasks(plan, allTasks(plan), 2, &fb);
    QVERIFY(!full.cancelled);
    QCOMPARE(full.results.size(), plan.taskCount());
    QVERIFY(last > 0.99);
    Feedback cancelled;
    int calls = 0;
    cancelled.setProgressCallback([&](double, const std::string&) {
      if (++calls == 3) cancelled.cancel();
    });
    const TaskRun part = runTasks(plan, allTasks(plan), 2, &cancelled);
    QVERIFY(part.cancelled);
    QVERIFY(part.results.size() < plan.taskCount());
    QVERIFY(!aggregate(plan, part.results).complete);
  }
};

QTEST_GUILESS_MAIN(TestSweepDeterminism)
#include "test_sweep_determinism.moc"
