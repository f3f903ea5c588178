// No std::function or callback slot can be invoked empty (issue #18, `bad_function_call`): every optional one is
// checked before the call, and the slots that must not be empty are refused where they are filled, with a message.
#include <QtTest>

#include <memory>
#include <stdexcept>
#include <string>

#include "importers/registry.h"
#include "model/feedback.h"
#include "scenario_builders.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

Scenario small() { return test::singleStation(test::station("srv", 1, Distribution::exponential(0.01)), 20, 60, 2); }

}  // namespace

class EmptyCallbacksTest : public QObject {
  Q_OBJECT
 private slots:
  void feedbackWithAnEmptyCallbackStillReportsProgress() {
    Feedback fb;
    fb.setProgressCallback(nullptr);
    fb.setProgress(0.5, "half");
    QCOMPARE(fb.progress(), 0.5);
    const RunResult r = runSimulation(small(), {}, &fb, nullptr);
    QVERIFY(!r.cancelled);
    QCOMPARE(fb.progress(), 1.0);
  }

  void anEmptyHookFactoryRunsWithoutHooks() {
    RunOptions o;
    o.hooks = HookFactory{};
    QCOMPARE(runSimulation(small(), o).replications, 2);
  }

  void aHookFactoryReturningAnEmptyHookIsRefusedWithAMessage() {
    RunOptions o;
    o.hooks = [](const Scenario&, int) {
      HookList hooks;
      hooks.push_back(nullptr);
      return hooks;
    };
    o.threads = 2;
    try {
      runSimulation(small(), o);
      QFAIL("an empty hook was accepted");
    } catch (const std::invalid_argument& e) {
      QVERIFY2(std::string(e.what()).find("empty hook") != std::string::npos, e.what());
    }
  }

  void registeringNoImporterIsRefused() {
    ImporterRegistry registry;
    const auto before = registry.importers().size();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, registry.add(nullptr));
    QCOMPARE(registry.importers().size(), before);
    QVERIFY(registry.find("timeseries-csv"));  // the registry still works
  }
};

QTEST_APPLESS_MAIN(EmptyCallbacksTest)
#include "test_empty_callbacks.moc"
