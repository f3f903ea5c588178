// Request-level checks of chosen windows (simulator/planning/plan_checks.h): on a case the fluid model gets
// right (an M/M/2 at 60% utilization) the fluid p99 is inside the simulated CI in every window and the verdict
// stands; on a case it is known to miss (a slowdown fault, which the fluid pass does not model) the window
// around the fault is flagged, the request-level number is used, and the SLO breach moves to it.
#include <QtTest>

#include <cmath>

#include "simulator/planning/plan.h"
#include "simulator/planning/plan_io.h"
#include "plan_fixtures.h"

using namespace headroom;
using namespace headroom::planning;

namespace {

constexpr double kDay = 86400.0;

PlanOptions options() {
  PlanOptions o;
  o.horizon_s = 3 * kDay;
  o.check_windows = 3;
  o.check_replications = 5;
  o.check_threads = 2;
  SloSpec slo;
  slo.p99_s = 1.0;
  o.slo = slo;
  return o;
}

const char* kService = R"([{"name": "api", "type": "service", "workers_per_replica": 2,
                            "service_time": {"dist": "exponential", "mean_ms": 50}}])";

}  // namespace

class TestPlanChecks : public QObject {
  Q_OBJECT
 private slots:
  void fluidAndRequestLevelAgreeOnAnMm2() {
    // 24 req/s x 50 ms on 2 workers: utilization 0.6, M/M/2 p99 = ln(C / 0.01) / (2 mu - lambda) + ... ~ 0.2 s.
    const Scenario s = test::scenarioFrom(kService, R"({"kind": "constant", "rate_per_s": 24})");
    const PlanResult p = runPlan(s, options());
    QCOMPARE(p.checks.size(), std::size_t(3));
    for (const WindowCheck& c : p.checks) {
      qInfo("%s %s: fluid %.4f s, DES %.4f +- %.4f s (%llu requests)", dayLabel(c.start_s).c_str(), c.why.c_str(),
            c.fluid_p99_s, c.des_p99_s, c.des_p99_half_width_s, static_cast<unsigned long long>(c.des_requests));
      QVERIFY2(c.error.empty(), c.error.c_str());
      QVERIFY(c.des_requests > 5 * 24 * 900 * 0.9);
      QVERIFY2(c.agree, "the fluid p99 of an M/M/2 must be inside the request-level CI");
      QVERIFY(c.des_meets_slo && *c.des_meets_slo);
    }
    QVERIFY(p.check_notes.empty());
    QVERIFY(!p.slo_breach_at_s);
    QVERIFY(p.checks_wall_time_s > 0);
    const auto j = planToJson(p);
    QCOMPARE(j["checks"].size(), std::size_t(3));
    QCOMPARE(j["checks"][0]["used"], "fluid");
  }

  void requestLevelWinsWhereTheFluidModelIsOff() {
    // A 5x slowdown of api for 20 minutes on day 1.5: 3x overloaded, its queue and p99 explode. The fluid pass
    // does not model faults, so it sees nothing; the window around the fault must say otherwise.
    const double at = 1.5 * kDay;
    Scenario s = test::scenarioFrom(kService, R"({"kind": "constant", "rate_per_s": 24})",
                                    R"(, "faults": [{"kind": "slowdown", "component": "api", "at_s": )" +
                                        std::to_string(at) + R"(, "duration_s": 1200, "factor": 5}])");
    s.simulation.horizon_s = 3 * kDay;  // a fault must fall inside the scenario's own horizon to validate
    const PlanResult p = runPlan(s, options());
    const WindowCheck* fault = nullptr;
    for (const WindowCheck& c : p.checks)
      if (c.why.rfind("fault: slowdown", 0) == 0) fault = &c;
    QVERIFY(fault);
    QVERIFY(fault->start_s <= at && at < fault->start_s + fault->duration_s);
    qInfo("fault window: fluid %.4f s, DES %.4f +- %.4f s", fault->fluid_p99_s, fault->des_p99_s, fault->des_p99_half_width_s);
    QVERIFY(!fault->agree);
    QVERIFY(fault->fluid_meets_slo && *fault->fluid_meets_slo);
    QVERIFY(fault->des_meets_slo && !*fault->des_meets_slo);
    QVERIFY(fault->des_p99_s > 1.0);
    // The request-level number wins: the SLO breach is the fault window, and the notes say why.
    QVERIFY(p.slo_breach_at_s);
    QCOMPARE(*p.slo_breach_at_s, fault->start_s);
    QVERIFY(p.slo_breach_condition.find("request-level") != std::string::npos);
    QVERIFY(!p.check_notes.empty());
    QVERIFY(planSummaryText(p).find("outside CI (fluid -100%): request-level used") != std::string::npos);
  }

  void noChecksWhenNotAsked() {
    const Scenario s = test::scenarioFrom(kService, R"({"kind": "constant", "rate_per_s": 24})");
    PlanOptions o = options();
    o.check_windows = 0;
    const PlanResult p = runPlan(s, o);
    QVERIFY(p.checks.empty());
    QCOMPARE(p.checks_wall_time_s, 0.0);
    QVERIFY(!planToJson(p).contains("checks"));
  }
};

QTEST_APPLESS_MAIN(TestPlanChecks)
#include "test_plan_checks.moc"
