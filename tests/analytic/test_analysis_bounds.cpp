// The exact analysis has no cancellation, so it is bounded instead (issue #18): a scenario beyond its work limit
// is "not applicable" at once, naming the limit, and one just inside it is still solved.
#include <QtTest>

#include <chrono>
#include <string>

#include "model/scenario.h"
#include "simulator/analytic/scenario_analysis.h"
#include "tests/simulator/scenario_builders.h"

using namespace headroom;

namespace {

// n independent single-worker stations; the first 50 fed by their own light Poisson source.
Scenario stations(int n) {
  Scenario s = test::singleStation(test::station("c0", 1, Distribution::exponential(0.001)), 1.0, 100, 1);
  for (int i = 1; i < n; ++i) {
    const std::string name = "c" + std::to_string(i);
    s.components.push_back(test::station(name, 1, Distribution::exponential(0.001)));
    if (i < 50) s.sources.push_back(test::poisson(name, 1.0, "load" + std::to_string(i)));
  }
  return s;
}

}  // namespace

class AnalysisBoundsTest : public QObject {
  Q_OBJECT
 private slots:
  void tooManyComponentsAreNotApplicableAtOnce() {
    const auto started = std::chrono::steady_clock::now();
    const AnalyticReport r = analyzeScenario(stations(2001));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    QVERIFY(r.kpis.empty());
    QCOMPARE(r.not_applicable.size(), std::size_t{1});
    QVERIFY2(r.not_applicable[0].find("2001 components") != std::string::npos &&
                 r.not_applicable[0].find("use the simulator") != std::string::npos,
             r.not_applicable[0].c_str());
    QVERIFY2(seconds < 60.0, qPrintable(QString::number(seconds)));  // generous: validation only, no dense solve
  }

  void aChainInsideTheBoundIsSolved() {
    const AnalyticReport r = analyzeScenario(stations(50));
    QVERIFY2(r.not_applicable.empty(), r.not_applicable.empty() ? "" : r.not_applicable[0].c_str());
    QVERIFY(!r.kpis.empty());
  }
};

QTEST_APPLESS_MAIN(AnalysisBoundsTest)
#include "test_analysis_bounds.moc"
