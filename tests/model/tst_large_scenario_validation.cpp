// Validation of large scenarios (issue #18): the same messages as the validator gave before it was made fast,
// and large valid shapes stay valid. Speed is measured by tests/benchmarks/validation, not here.
#include <QTest>

#include <fstream>
#include <sstream>
#include <string>

#include "model/validation.h"
#include "tests/cancel_probe.h"
#include "tests/model/large_scenarios.h"

using namespace headroom;

namespace {

const std::string kGolden = std::string(HEADROOM_SOURCE_DIR) + "/tests/model/golden/large_faulty_scenario.txt";

// Every message the validator and the warnings give, one a line, in their order.
std::string allMessages(const Scenario& s) {
  std::ostringstream out;
  for (const auto& i : validateScenario(s)) out << "issue: " << i.message() << "\n";
  for (const auto& w : scenarioWarnings(s)) out << "warning: " << w.message() << "\n";
  for (const auto& d : findDeadLinks(s)) out << "dead link: " << d.component << " " << d.behaviour_key << " -> " << d.target << "\n";
  return out.str();
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

class TestLargeScenarioValidation : public QObject {
  Q_OBJECT

 private slots:
  // The golden file was written by the validator as it was before the speed-up (commit message says which);
  // HEADROOM_UPDATE_GOLDEN=1 rewrites it, for a change that means to alter the messages.
  void faultyScenarioGivesTheRecordedMessages() {
    const std::string got = allMessages(test::largeFaultyScenario(2001));
    if (qEnvironmentVariableIsSet("HEADROOM_UPDATE_GOLDEN")) {
      std::ofstream(kGolden, std::ios::binary) << got;
      QSKIP("golden file rewritten");
    }
    const std::string want = readFile(kGolden);
    QVERIFY2(!want.empty(), ("missing " + kGolden).c_str());
    if (got != want) {
      // Name the first line that differs rather than printing two large texts.
      std::istringstream a(got), b(want);
      std::string la, lb;
      int line = 1;
      while (std::getline(a, la) && std::getline(b, lb) && la == lb) ++line;
      QFAIL(("line " + std::to_string(line) + " differs:\n got: " + la.substr(0, 400) + "\nwant: " + lb.substr(0, 400)).c_str());
    }
  }

  void largeValidShapesStayValid() {
    for (const Scenario& s : {test::stationsWithOwnSources(2001), test::callChain(2001), test::ownBehaviourPerClass(300, 20)}) {
      const auto issues = validateScenario(s);
      QVERIFY2(issues.empty(), (s.name + ": " + (issues.empty() ? "" : issues.front().message())).c_str());
    }
  }

  void cancelledFeedbackStopsValidationAtOnce() {
    Feedback feedback;
    feedback.cancel();
    QVERIFY_THROWS_EXCEPTION(ValidationCancelled, validateScenario(test::largeFaultyScenario(2001), &feedback));
  }

  // 2,000 components x 50 classes with behaviours of their own: large enough to report progress, so the probe
  // cancels from another thread while validation is inside its per-class walks.
  void cancelFromAnotherThreadStopsALargeValidation() {
    const Scenario s = test::ownBehaviourPerClass(2000, 50);
    test::CancelProbe probe;
    bool cancelled = false;
    try {
      validateScenario(s, &probe.feedback);
    } catch (const ValidationCancelled&) {
      cancelled = true;
    }
    probe.finish();
    QVERIFY(probe.sawProgress());
    QVERIFY(cancelled);
    QVERIFY2(probe.secondsToReturn() < 20.0, qPrintable(QString::number(probe.secondsToReturn())));
  }

  // The usual validation is too short for a progress bar: it must not disturb the progress of the job that
  // validates (a run reports its own).
  void smallValidationReportsNoProgress() {
    Feedback feedback;
    int calls = 0;
    feedback.setProgressCallback([&calls](double, const std::string&) { ++calls; });
    QVERIFY(validateScenario(test::callChain(500), &feedback).empty());
    QCOMPARE(calls, 0);
  }
};

QTEST_APPLESS_MAIN(TestLargeScenarioValidation)
#include "tst_large_scenario_validation.moc"
