// Accuracy of the fluid pass against a brute-force request-level run of the WHOLE horizon, on reduced cases:
// 28 days at rates low enough (service times of seconds, a compressed time scale) that the engine affords it.
// For each case the runway date must be within one day of the date the simulation's daily utilization crosses
// the threshold (linearly interpolated between daily windows), and the fluid p99 on chosen days must be inside
// the simulation's 95% CI, or within 15% of it and flagged on the output.
#include <QtTest>

#include <cmath>

#include "plan_fixtures.h"
#include "simulator/planning/plan.h"
#include "simulator/simulation.h"

using namespace headroom;
using namespace headroom::planning;

namespace {

constexpr double kDay = 86400.0;
constexpr double kDays = 28.0;

// The day the daily-window mean of `kpi` of `entity` (scaled by `scale`) first crosses `threshold`, interpolated
// between window mid-points; NaN when it never does.
double crossingDay(const RunResult& r, const std::string& entity, double threshold, double scale = 1.0) {
  const SeriesResult* s = r.findSeries(entity, "utilization");
  if (!s) return NAN;
  for (std::size_t i = 0; i < s->mean.size(); ++i) {
    const double v = s->mean[i] * scale;
    if (v > threshold) {
      if (i == 0) return 0.5;
      const double prev = s->mean[i - 1] * scale;
      return (i - 0.5) + (threshold - prev) / (v - prev);
    }
  }
  return NAN;
}

RunResult bruteForce(const Scenario& s) {
  RunOptions o;
  o.horizon_s = kDays * kDay;
  o.warmup_s = 0.0;
  o.window_s = kDay;
  o.replications = 2;
  o.threads = 2;
  o.seed = 20261202;
  return runSimulation(s, o);
}

PlanResult fluid(const Scenario& s) {
  PlanOptions o;
  o.horizon_s = kDays * kDay;
  o.point_interval_s = 3600.0;
  return runPlan(s, o);
}

// Fluid end-to-end p99 on `day` (the mean of its hourly points) against the simulation's daily window.
void checkP99(const PlanResult& p, const RunResult& r, int day) {
  const SeriesResult* s = r.findSeries("end_to_end", "response_p99_s");
  QVERIFY(s && static_cast<std::size_t>(day) < s->mean.size());
  double fluidP99 = 0.0;
  for (int h = 0; h < 24; ++h) fluidP99 += p.timeline[static_cast<std::size_t>(day * 24 + h)].end_to_end.response_p99_max_s / 24.0;
  const double des = s->mean[static_cast<std::size_t>(day)], hw = s->half_width[static_cast<std::size_t>(day)];
  const bool inside = std::abs(fluidP99 - des) <= hw;
  qInfo("day %d: fluid p99 %.4g s, simulated %.4g +- %.3g s%s", day, fluidP99, des, hw,
        inside ? "" : "  FLAGGED: outside the simulation's CI");
  QVERIFY2(inside || std::abs(fluidP99 - des) <= 0.15 * des, "fluid p99 more than 15% off the simulation");
}

void checkRunway(const Scenario& s, const std::string& component, const std::string& entity, double threshold,
                 double scale = 1.0) {
  const PlanResult p = fluid(s);
  const RunResult r = bruteForce(s);
  const Runway& rw = test::runwayOf(p, component);
  QVERIFY2(rw.breaks, component.c_str());
  const double desDay = crossingDay(r, entity, threshold, scale);
  qInfo("%s: fluid runway day %.2f (%s), simulated crossing day %.2f, %llu requests simulated", component.c_str(),
        rw.break_at_s / kDay, bindingReasonName(rw.reason), desDay, static_cast<unsigned long long>(r.requests));
  QVERIFY2(std::abs(rw.break_at_s / kDay - desDay) <= 1.0, "runway more than one day from the simulation");
  checkP99(p, r, 7);
  checkP99(p, r, 11);
}

}  // namespace

class TestPlanAccuracy : public QObject {
  Q_OBJECT
 private slots:
  void fixedService() {
    // M/M/2 of 10 s: utilization 0.8 at 0.16 req/s, about day 14.
    checkRunway(test::scenarioFrom(
                    R"([{"name": "api", "type": "service", "workers_per_replica": 2, "service_time": {"dist": "exponential", "mean_s": 10}}])",
                    R"({"kind": "linear", "rate_per_s": 0.02, "slope_per_s_per_day": 0.01})"),
                "api", "api", 0.8);
  }
  void horizontalPodAutoscaler() {
    // HPA to 4 replicas of 4 workers, 20 s each: at the cap 0.8 at 0.64 req/s, about day 15.5.
    checkRunway(test::scenarioFrom(
                    R"([{"name": "api", "type": "service", "replicas": 1, "workers_per_replica": 4,
                         "service_time": {"dist": "exponential", "mean_s": 20},
                         "autoscaling": {"kind": "kubernetes_hpa", "min_replicas": 1, "max_replicas": 4,
                                         "metrics": [{"type": "cpu_utilization", "target": 50}]}}])",
                    R"({"kind": "linear", "rate_per_s": 0.02, "slope_per_s_per_day": 0.04})"),
                "api", "api", 0.8);
  }
  void cacheInFrontOfADatabase() {
    // 75% hits: the database sees a quarter of the traffic; 2 workers of 10 s reach 0.8 at 0.64 req/s offered.
    checkRunway(test::scenarioFrom(
                    R"([{"name": "api", "type": "service", "workers_per_replica": 64, "service_time": {"dist": "exponential", "mean_s": 0.5},
                         "cache": {"hit_ratio": {"*": 0.75}}, "behaviour": {"*": {"steps": [{"call": "db"}]}}},
                        {"name": "db", "type": "service", "workers_per_replica": 2, "service_time": {"dist": "exponential", "mean_s": 10}}])",
                    R"({"kind": "linear", "rate_per_s": 0.04, "slope_per_s_per_day": 0.04})"),
                "db", "db", 0.8);
  }
  void connectionPool() {
    // A pool of 2 connections to a 4-worker database of 5 s: 80% of the pool in use at 0.32 req/s, about day 15.
    // The simulation's pool use is the database's busy workers (only the pool reaches it): pool = db utilization x 4 / 2.
    checkRunway(test::scenarioFrom(
                    R"([{"name": "api", "type": "service", "workers_per_replica": 64, "service_time": {"dist": "exponential", "mean_s": 0.1},
                         "connection_pools": [{"target": "db", "size": 2, "max_wait_s": 600}],
                         "behaviour": {"*": {"steps": [{"call": "db"}]}}},
                        {"name": "db", "type": "service", "workers_per_replica": 4, "service_time": {"dist": "exponential", "mean_s": 5}}])",
                    R"({"kind": "linear", "rate_per_s": 0.02, "slope_per_s_per_day": 0.02})"),
                "api", "db", 0.8, 2.0);
  }
  void topic() {
    // Two consumers on two partitions, 10 s per message: 0.8 at 0.16 messages/s, about day 14.
    checkRunway(test::scenarioFrom(
                    R"([{"name": "api", "type": "service", "workers_per_replica": 64, "service_time": {"dist": "exponential", "mean_s": 0.1},
                         "behaviour": {"*": {"steps": [{"send": "events"}]}}},
                        {"name": "events", "type": "topic", "replicas": 2, "service_time": {"dist": "exponential", "mean_s": 10},
                         "topic": {"partitions": 2}}])",
                    R"({"kind": "linear", "rate_per_s": 0.02, "slope_per_s_per_day": 0.01})"),
                "events", "events", 0.8);
  }
};

QTEST_GUILESS_MAIN(TestPlanAccuracy)
#include "test_plan_accuracy.moc"
