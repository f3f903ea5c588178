// The built-in plan scenarios (growth case studies and the strategy comparison) against their golden runway
// files in tests/planning/golden/: which component breaks first, when (within 0.02 day), why, and the growth
// factors (within 1%). After an intended change, regenerate with HEADROOM_UPDATE_GOLDEN=1 and review the diff.
#include <QtTest>

#include <cmath>
#include <fstream>

#include "model/scenario_json.h"
#include "simulator/planning/plan.h"

using namespace headroom;
using namespace headroom::planning;

namespace {

nlohmann::json runwaySummary(const PlanResult& p, double days) {
  auto day = [](double s) { return std::round(s / 864.0) / 100.0; };
  nlohmann::json j;
  j["scenario"] = p.scenario_name;
  j["days"] = days;
  j["first_to_break"] = p.first_to_break;
  j["slo_breach_day"] = p.slo_breach_at_s ? nlohmann::json(day(*p.slo_breach_at_s)) : nlohmann::json();
  j["slo_violation_episodes"] = p.slo_violation_episodes;
  j["runways"] = nlohmann::json::array();
  for (const Runway& r : p.runways)
    j["runways"].push_back({{"component", r.component},
                            {"breaks", r.breaks},
                            {"break_day", r.breaks ? nlohmann::json(day(r.break_at_s)) : nlohmann::json()},
                            {"reason", bindingReasonName(r.reason)},
                            {"growth_factor", std::isfinite(r.growth_factor) ? nlohmann::json(r.growth_factor) : nlohmann::json()}});
  return j;
}

bool close(const nlohmann::json& a, const nlohmann::json& b, double tol, bool relative) {
  if (a.is_null() || b.is_null()) return a.is_null() && b.is_null();
  const double x = a.get<double>(), y = b.get<double>();
  return std::abs(x - y) <= (relative ? tol * std::abs(y) : tol);
}

PlanResult planOf(const std::string& name, double days) {
  const Scenario s = loadAndValidateScenarioFile(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/" + name + ".json");
  PlanOptions o;
  o.horizon_s = days * 86400.0;
  return runPlan(s, o);
}

}  // namespace

class TestPlanGoldens : public QObject {
  Q_OBJECT
 private slots:
  void runwaysMatchTheGoldens_data() {
    QTest::addColumn<QString>("name");
    QTest::addColumn<double>("days");
    QTest::newRow("viral campaign") << "plan-viral-campaign" << 7.0;
    QTest::newRow("bytebridge") << "plan-bytebridge" << 360.0;
    QTest::newRow("connectify") << "plan-connectify" << 42.0;
    QTest::newRow("social gaming") << "plan-social-gaming" << 90.0;
    QTest::newRow("strategy reactive") << "plan-strategy-reactive" << 30.0;
    QTest::newRow("strategy provisioned") << "plan-strategy-provisioned" << 30.0;
    QTest::newRow("strategy hybrid") << "plan-strategy-hybrid" << 30.0;
  }
  void runwaysMatchTheGoldens() {
    QFETCH(QString, name);
    QFETCH(double, days);
    const nlohmann::json got = runwaySummary(planOf(name.toStdString(), days), days);
    const std::string path = std::string(HEADROOM_SOURCE_DIR) + "/tests/planning/golden/" + name.toStdString() + ".runway.json";
    if (qEnvironmentVariableIsSet("HEADROOM_UPDATE_GOLDEN")) {
      std::ofstream(path) << got.dump(2) << "\n";
      return;
    }
    std::ifstream in(path);
    QVERIFY2(in, qPrintable("missing golden " + QString::fromStdString(path) + " (create it with HEADROOM_UPDATE_GOLDEN=1)"));
    const nlohmann::json want = nlohmann::json::parse(in);
    QCOMPARE(got["first_to_break"], want["first_to_break"]);
    QVERIFY(close(got["slo_breach_day"], want["slo_breach_day"], 0.02, false));
    QCOMPARE(got["slo_violation_episodes"], want["slo_violation_episodes"]);
    QCOMPARE(got["runways"].size(), want["runways"].size());
    for (std::size_t i = 0; i < want["runways"].size(); ++i) {
      const auto& g = got["runways"][i];
      const auto& w = want["runways"][i];
      const QByteArray what = QByteArray::fromStdString(w["component"].get<std::string>());
      QCOMPARE(g["component"], w["component"]);
      QCOMPARE(g["breaks"], w["breaks"]);
      QCOMPARE(g["reason"], w["reason"]);
      QVERIFY2(close(g["break_day"], w["break_day"], 0.02, false), what);
      QVERIFY2(close(g["growth_factor"], w["growth_factor"], 0.01, true), what);
    }
  }
  void provisionedCapacityRidesTheSpikesReactiveDoesNot() {
    // The articles' comparison: capacity in place before a spike holds the SLO; an autoscaler that starts
    // pods after the spike arrives violates it for the start-up time; a provisioned base shortens that.
    const PlanResult reactive = planOf("plan-strategy-reactive", 30);
    const PlanResult provisioned = planOf("plan-strategy-provisioned", 30);
    const PlanResult hybrid = planOf("plan-strategy-hybrid", 30);
    qInfo("SLO violated: reactive %.0f s, hybrid %.0f s, provisioned %.0f s", reactive.slo_violation_s,
          hybrid.slo_violation_s, provisioned.slo_violation_s);
    QCOMPARE(provisioned.slo_violation_s, 0.0);
    QVERIFY(reactive.slo_violation_s > 0.0);
    QVERIFY(hybrid.slo_violation_s <= reactive.slo_violation_s);
  }
};

QTEST_GUILESS_MAIN(TestPlanGoldens)
#include "test_plan_goldens.moc"
