// The additive `layout` block (where the GUI draws each node): written only when present, read back equal,
// unknown keys and bad values refused with their path.
#include <QtTest>

#include "model/scenario_json.h"
#include "scenario_fixtures.h"

using namespace headroom;
using headroom::test::kValidScenario;

namespace {
Scenario fixture() { return headroom::test::scenarioFrom(nlohmann::json::parse(kValidScenario)); }
}  // namespace

class TestLayoutFormat : public QObject {
  Q_OBJECT

 private slots:
  void roundTripKeepsEveryPosition() {
    Scenario s = fixture();
    s.layout.components["api"] = {230.5, -40.0};
    s.layout.sources["web"] = {0.0, 12.25};
    const Scenario back = scenarioFromJson(scenarioToJson(s));
    QVERIFY(back.layout == s.layout);
    QCOMPARE(back.layout.components.at("api").x, 230.5);
    QCOMPARE(back.layout.sources.at("web").y, 12.25);
  }

  void noLayoutWritesNoBlock() {
    const Scenario s = fixture();
    QVERIFY(!scenarioToJson(s).contains("layout"));
    QVERIFY(scenarioFromJson(scenarioToJson(s)).layout.empty());
  }

  void badPositionNamesItsPath() {
    nlohmann::json j = scenarioToJson(fixture());
    j["layout"] = {{"components", {{"api", {{"x", 1.0}}}}}};
    try {
      scenarioFromJson(j);
      QFAIL("a position without y was accepted");
    } catch (const std::exception& e) {
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("layout")), e.what());
      QVERIFY2(QString::fromUtf8(e.what()).contains(QStringLiteral("y")), e.what());
    }
    j["layout"] = {{"nodes", nlohmann::json::object()}};
    QVERIFY_THROWS_EXCEPTION(std::exception, scenarioFromJson(j));
  }
};

QTEST_APPLESS_MAIN(TestLayoutFormat)
#include "tst_layout_format.moc"
