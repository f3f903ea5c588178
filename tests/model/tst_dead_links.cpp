// scenarioWarnings(): a link no request can take is a warning naming the component, the behaviour and why;
// links that some class does take, and components nobody reaches yet, give none.
#include <QTest>

#include "model/validation.h"
#include "scenario_fixtures.h"

using namespace headroom;

namespace {

constexpr auto service = &test::serviceComponent;
constexpr auto callTo = &test::callStep;

// web (classes browse, buy) -> api; api has its own behaviour for both classes, both call db.
Scenario twoClasses() {
  Scenario sc;
  sc.name = "dead-links";
  Component api = service("api");
  api.behaviour["browse"].steps.push_back(callTo("db"));
  api.behaviour["buy"].steps.push_back(callTo("db"));
  sc.components = {api, service("db"), service("audit")};
  Source web;
  web.name = "web";
  web.entry = "api";
  web.rate = RateCurve::constant(10);
  web.mix = {{"browse", 3.0}, {"buy", 1.0}};
  sc.sources = {web};
  return sc;
}

}  // namespace

class TestDeadLinks : public QObject {
  Q_OBJECT

 private slots:
  void liveLinksGiveNoWarning() {
    const Scenario sc = twoClasses();
    QVERIFY(validateScenario(sc).empty());
    QVERIFY(findDeadLinks(sc).empty());
    QVERIFY(scenarioWarnings(sc).empty());
  }

  void anAllClassesCallShadowedByEveryClassIsDead() {
    Scenario sc = twoClasses();
    sc.components[0].behaviour[kAnyClass].steps.push_back(callTo("audit"));
    QVERIFY(validateScenario(sc).empty());  // legal: a warning, not an error
    const auto dead = findDeadLinks(sc);
    QCOMPARE(dead.size(), std::size_t(1));
    QCOMPARE(dead[0].component, std::string("api"));
    QCOMPARE(dead[0].behaviour_key, std::string(kAnyClass));
    QCOMPARE(dead[0].target, std::string("audit"));
    const auto warnings = scenarioWarnings(sc);
    QCOMPARE(warnings.size(), std::size_t(1));
    QCOMPARE(warnings[0].where, std::string("component 'api'"));
    QCOMPARE(warnings[0].field, std::string("behaviour.*"));
    QVERIFY2(warnings[0].rule.find("'audit' can carry no traffic") != std::string::npos, warnings[0].rule.c_str());
    QVERIFY2(warnings[0].rule.find("'browse', 'buy'") != std::string::npos, warnings[0].rule.c_str());
  }

  void theSameCallIsLiveOnceAClassUsesTheStarBehaviour() {
    Scenario sc = twoClasses();
    sc.components[0].behaviour[kAnyClass].steps.push_back(callTo("audit"));
    sc.components[0].behaviour.erase("buy");  // buy now runs the "*" behaviour
    QVERIFY(findDeadLinks(sc).empty());
  }

  void aBehaviourForAClassThatNeverArrivesIsDead() {
    Scenario sc = twoClasses();
    sc.request_classes = {"browse", "buy", "admin"};
    sc.components[0].behaviour["admin"].steps.push_back(callTo("audit"));
    const auto warnings = scenarioWarnings(sc);
    QCOMPARE(warnings.size(), std::size_t(1));
    QCOMPARE(warnings[0].field, std::string("behaviour.admin"));
    QVERIFY2(warnings[0].rule.find("no 'admin' request reaches 'api'") != std::string::npos, warnings[0].rule.c_str());
  }

  void classesFollowCallsDownstream() {
    // db has a "*" behaviour calling audit, and its own for browse only: buy reaches db through api, so
    // the "*" behaviour runs for buy and the link is live.
    Scenario sc = twoClasses();
    sc.components[1].behaviour[kAnyClass].steps.push_back(callTo("audit"));
    sc.components[1].behaviour["browse"].steps = {};
    QVERIFY(findDeadLinks(sc).empty());
    sc.components[1].behaviour["buy"].steps = {};
    QCOMPARE(findDeadLinks(sc).size(), std::size_t(1));
  }
};

QTEST_APPLESS_MAIN(TestDeadLinks)
#include "tst_dead_links.moc"
