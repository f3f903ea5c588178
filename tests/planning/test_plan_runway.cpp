// Runway, binding reason, growth figures, SLO breach and alerts on cases whose answer follows by hand from a
// linear traffic ramp (rate = r0 + slope * days): each asserts the date the utilization law gives.
#include <QtTest>

#include <cmath>

#include "plan_fixtures.h"
#include "tests/cancel_probe.h"
#include "simulator/planning/plan.h"

using namespace headroom;
using namespace headroom::planning;

namespace {

constexpr double kDay = 86400.0;

PlanResult plan(const Scenario& s, double days) {
  PlanOptions o;
  o.horizon_s = days * kDay;
  return runPlan(s, o);
}

// The first step whose mid-point rate exceeds `rate`: rate(t) = r0 + slope t / day.
double dayRateCrosses(double r0, double slope, double rate) { return (rate - r0) / slope; }

}  // namespace

class TestPlanRunway : public QObject {
  Q_OBJECT
 private slots:
  void fixedServiceBreaksWhenUtilizationCrossesTheThreshold() {
    // 2 workers x 100 ms: utilization 0.8 at 16 req/s, reached on day 14 of 2 + 1/day.
    const Scenario s = test::scenarioFrom(
        R"([{"name": "api", "type": "service", "workers_per_replica": 2, "service_time": {"dist": "exponential", "mean_ms": 100}}])",
        R"({"kind": "linear", "rate_per_s": 2, "slope_per_s_per_day": 1})");
    const PlanResult p = plan(s, 21);
    const Runway& r = test::runwayOf(p, "api");
    QVERIFY(r.breaks);
    QVERIFY2(std::abs(r.break_at_s - dayRateCrosses(2, 1, 16) * kDay) < 120.0, qPrintable(QString::number(r.break_at_s / kDay)));
    QCOMPARE(r.reason, BindingReason::Workers);
    QVERIFY(std::abs(r.offered_per_s_at_break - 16.0) < 0.01);
    QVERIFY(!r.scales_horizontally);
    QVERIFY(std::abs(r.capacity_per_s - 16.0) < 1e-9);
    // Peak of the first day is ~3 req/s: today's peak can grow ~16/3 times.
    QVERIFY(std::abs(r.growth_factor - 16.0 / 3.0) < 0.01);
    QVERIFY(std::abs(r.residual_capacity - (1.0 - 3.0 / 16.0)) < 0.01);
    QCOMPARE(p.first_to_break, std::string("api"));
    // The CPU alert (> 80% for 5 min) fires five minutes after the crossing.
    bool cpu = false;
    for (const AlertFiring& a : p.alerts)
      if (a.rule == "cpu_above_80pct_5min" && a.entity == "api") {
        cpu = true;
        QVERIFY(std::abs(a.at_s - (dayRateCrosses(2, 1, 16) * kDay + 300.0)) < 120.0);
      }
    QVERIFY(cpu);
    QCOMPARE(p.timeline.size(), std::size_t(21 * 24));
  }

  void hpaBreaksAtItsReplicaCap() {
    // HPA 1..4 replicas, one worker of 100 ms each: at the cap, utilization 0.8 at 32 req/s (day 15 of 2 + 2/day).
    const Scenario s = test::scenarioFrom(
        R"([{"name": "api", "type": "service", "replicas": 1, "service_time": {"dist": "exponential", "mean_ms": 100},
             "autoscaling": {"kind": "kubernetes_hpa", "min_replicas": 1, "max_replicas": 4,
                             "metrics": [{"type": "cpu_utilization", "target": 50}]}}])",
        R"({"kind": "linear", "rate_per_s": 2, "slope_per_s_per_day": 2})");
    const PlanResult p = plan(s, 20);
    const Runway& r = test::runwayOf(p, "api");
    QVERIFY(r.breaks);
    QCOMPARE(r.reason, BindingReason::ReplicaCap);
    QVERIFY2(std::abs(r.break_at_s - dayRateCrosses(2, 2, 32) * kDay) < 600.0, qPrintable(QString::number(r.break_at_s / kDay)));
    QVERIFY(r.scales_horizontally);
    QCOMPARE(r.max_replicas, 4);
    // Before the cap the HPA kept utilization near its target: day 5 (12 req/s) runs on 3 replicas (12 x 0.1 / 0.5 = 2.4).
    const TimelinePoint& day5 = p.timeline[5 * 24];
    QCOMPARE(day5.components[0].replicas_max, 3);
    QVERIFY(day5.components[0].utilization_max < 0.8);
  }

  void eachLimitIsNamedAsTheBindingReason() {
    struct Case {
      const char* components;
      const char* name;
      BindingReason reason;
      double breaks_at_rate;
    };
    const Case cases[] = {
        {R"([{"name": "api", "type": "service", "workers_per_replica": 64, "service_time": {"dist": "exponential", "mean_ms": 1},
              "rate_limit": {"rate_per_s": 10, "clients": 1}}])",
         "api", BindingReason::RateLimit, 10.0 / (1.0 - 0.005)},
        {R"([{"name": "api", "type": "service", "workers_per_replica": 64, "service_time": {"dist": "exponential", "mean_ms": 1},
              "connection_pools": [{"target": "db", "size": 2}], "behaviour": {"*": {"steps": [{"call": "db"}]}}},
             {"name": "db", "type": "delay", "service_time": {"dist": "deterministic", "value_ms": 200}}])",
         "api", BindingReason::ConnectionPool, 8.0},
        {R"([{"name": "api", "type": "service", "workers_per_replica": 64, "service_time": {"dist": "exponential", "mean_ms": 1},
              "behaviour": {"*": {"steps": [{"send": "events"}]}}},
             {"name": "events", "type": "topic", "replicas": 2, "service_time": {"dist": "exponential", "mean_ms": 100},
              "topic": {"partitions": 2}}])",
         "events", BindingReason::ReplicaCap, 16.0},
        {R"([{"name": "api", "type": "serverless", "service_time": {"dist": "exponential", "mean_ms": 500},
              "serverless": {"concurrency_limit": 10}}])",
         "api", BindingReason::ConcurrencyLimit, 16.0},
    };
    for (const Case& c : cases) {
      const Scenario s = test::scenarioFrom(c.components, R"({"kind": "linear", "rate_per_s": 1, "slope_per_s_per_day": 1})");
      const PlanResult p = plan(s, 25);
      const Runway& r = test::runwayOf(p, c.name);
      QVERIFY2(r.breaks, c.name);
      QVERIFY2(r.reason == c.reason, bindingReasonName(r.reason));
      QVERIFY2(std::abs(r.break_at_s - dayRateCrosses(1, 1, c.breaks_at_rate) * kDay) < 600.0,
               qPrintable(QString("%1 breaks on day %2").arg(bindingReasonName(c.reason)).arg(r.break_at_s / kDay)));
      QCOMPARE(p.runways.front().component, std::string(c.name));  // most urgent first
    }
  }

  void endToEndP99ObjectiveIsBrokenWhereMm1SaysSo() {
    // M/M/1 with 50 ms service: p99 = ln(100) / (20 - lambda) > 0.3 s once lambda > 20 - ln(100)/0.3 = 4.649.
    Scenario s = test::scenarioFrom(
        R"([{"name": "api", "type": "service", "service_time": {"dist": "exponential", "mean_ms": 50}}])",
        R"({"kind": "linear", "rate_per_s": 1, "slope_per_s_per_day": 0.5})", R"(, "slo": {"p99_ms": 300})");
    const PlanResult p = plan(s, 10);
    QVERIFY(p.slo_breach_at_s);
    const double expected = dayRateCrosses(1, 0.5, 20.0 - std::log(100.0) / 0.3) * kDay;
    QVERIFY2(std::abs(*p.slo_breach_at_s - expected) < 600.0, qPrintable(QString::number(*p.slo_breach_at_s / kDay)));
    // The component's own runway is the same crossing (its local p99 is the end-to-end one).
    QCOMPARE(test::runwayOf(p, "api").reason, BindingReason::Workers);
  }

  void cancelFromAnotherThreadStopsTheFluidPass() {
    // Ten components over two years: about 10^6 fluid steps, seconds of work; cancelled after the first progress.
    nlohmann::json comps = nlohmann::json::array();
    for (int i = 0; i < 10; ++i) {
      nlohmann::json c = {{"name", i ? "c" + std::to_string(i) : std::string("api")},
                          {"type", "service"},
                          {"service_time", {{"dist", "exponential"}, {"mean_ms", 5}}}};
      if (i < 9) c["behaviour"]["*"]["steps"] = {{{"call", "c" + std::to_string(i + 1)}}};
      comps.push_back(c);
    }
    const Scenario s = test::scenarioFrom(comps.dump(), nlohmann::json({{"kind", "constant"}, {"rate_per_s", 1}}).dump());
    PlanOptions o;
    o.horizon_s = 730 * kDay;
    test::CancelProbe probe;
    const PlanResult p = runPlan(s, o, &probe.feedback);
    probe.finish();
    QVERIFY(probe.sawProgress());
    QVERIFY(p.cancelled);
    QVERIFY(probe.secondsToReturn() < 20.0);  // the next step polls; generous bound
  }

  void cancelledPlanSaysSo() {
    const Scenario s = test::scenarioFrom(
        R"([{"name": "api", "type": "service", "service_time": {"dist": "exponential", "mean_ms": 50}}])",
        R"({"kind": "constant", "rate_per_s": 1})");
    Feedback fb;
    fb.cancel();
    PlanOptions o;
    o.horizon_s = 30 * kDay;
    const PlanResult p = runPlan(s, o, &fb);
    QVERIFY(p.cancelled);
    QVERIFY(p.timeline.empty());
  }

  void closedSourcesAreRefusedWithTheReason() {
    Scenario s = test::scenarioFrom(
        R"([{"name": "api", "type": "service", "service_time": {"dist": "exponential", "mean_ms": 50}}])",
        R"({"kind": "constant", "rate_per_s": 1})");
    s.sources[0].kind = Source::Kind::Closed;
    s.sources[0].population = 10;
    s.sources[0].think_time = Distribution::exponential(1.0);
    try {
      runPlan(s, {});
      QFAIL("a closed source must be refused");
    } catch (const std::invalid_argument& e) {
      QVERIFY(std::string(e.what()).find("closed") != std::string::npos);
    }
  }
};

QTEST_GUILESS_MAIN(TestPlanRunway)
#include "test_plan_runway.moc"
