// A run cancelled through Feedback stops promptly and says so; progress reaches the host.
#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

#include "scenario_builders.h"
#include "simulator/simulation.h"
#include "tests/cancel_probe.h"
#include "tests/model/large_scenarios.h"

using namespace headroom;

namespace {

class CountingObserver : public SimulationObserver {
 public:
  void onProgress(const RunProgress& p) override {
    ++progressCalls;
    lastFraction = p.fraction;
  }
  void onLiveWindow(const LiveWindow&) override { ++windows; }
  std::atomic<int> progressCalls{0};
  std::atomic<int> windows{0};
  std::atomic<double> lastFraction{0};
};

Scenario longRun() {
  // A day of a busy station (3.2e8 requests in all, under the planned-request limit of docs/reliability.md):
  // minutes of work, far longer than the test waits.
  return test::singleStation(test::station("srv", 1, Distribution::exponential(0.001)), 800, 1e5, 4);
}

}  // namespace

class CancellationTest : public QObject {
  Q_OBJECT
 private slots:
  void cancelFromAnotherThreadStopsTheRun() {
    Feedback feedback;
    CountingObserver observer;
    std::thread canceller([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      feedback.cancel();
    });
    RunOptions o;
    o.threads = 2;
    const RunResult r = runSimulation(longRun(), o, &feedback, &observer);
    canceller.join();
    QVERIFY(r.cancelled);
    QCOMPARE(QString::fromStdString(r.stop_reason), QStringLiteral("cancelled"));
    QCOMPARE(r.replications, 0);  // none finished: nothing half-done is reported as a result
    QVERIFY(observer.progressCalls > 0);
    QVERIFY(observer.lastFraction < 0.5);
  }

  void cancelledBeforeStartRunsNothing() {
    Feedback feedback;
    feedback.cancel();
    const RunResult r = runSimulation(longRun(), {}, &feedback, nullptr);
    QVERIFY(r.cancelled);
    QCOMPARE(r.events, std::uint64_t{0});
  }

  // A scenario whose validation alone takes noticeable time (2,000 components x 50 classes with behaviours of
  // their own): the run's Feedback reaches the validation, which stops there.
  void cancelDuringValidationStopsTheRun() {
    const Scenario s = test::ownBehaviourPerClass(2000, 50);
    test::CancelProbe probe;
    const RunResult r = runSimulation(s, {}, &probe.feedback, nullptr);
    probe.finish();
    QVERIFY(probe.sawProgress());
    QVERIFY(r.cancelled);
    QCOMPARE(QString::fromStdString(r.stop_reason), QStringLiteral("cancelled"));
    QCOMPARE(r.replications, 0);
  }

  void liveWindowsArriveDuringTheRun() {
    Scenario s = test::singleStation(test::station("srv", 1, Distribution::exponential(0.01)), 50, 600, 2);
    s.simulation.window_s = 10;
    CountingObserver observer;
    const RunResult r = runSimulation(s, {}, nullptr, &observer);
    QCOMPARE(observer.windows.load(), 60);  // replication 0 only, one per window
    QCOMPARE(static_cast<int>(r.window_start_s.size()), 60);
    QVERIFY(!r.cancelled);
  }

  void invalidScenarioIsRejectedBeforeRunning() {
    Scenario s = longRun();
    s.components[0].replicas = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, runSimulation(s));
  }
};

QTEST_APPLESS_MAIN(CancellationTest)
#include "test_cancellation.moc"
