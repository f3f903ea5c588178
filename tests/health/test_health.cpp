// The health verdict (simulator/health/health.h): the built-in failure scenarios are not called healthy, a quiet
// system is, and small synthetic runs exercise each rule (collapse, recovered outage, SLOs, growing queue).
#include <QtTest>

#include "model/scenario_json.h"
#include "simulator/health/health.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

Scenario scenarioFile(const char* name) {
  return loadScenarioFile(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/" + name);
}

// api (FCFS, 8 workers) -> db (1 worker); synthetic results are written against it.
Scenario twoTier(bool retries) {
  Scenario s;
  s.name = "two tier";
  Component api;
  api.name = "api";
  api.workers_per_replica = 8;
  api.service_time = Distribution::exponential(0.001);
  Step call;
  call.kind = Step::Kind::Call;
  CallTarget target("db", 0.3);
  if (retries) target.retry = RetrySpec{};
  call.calls.push_back(target);
  api.behaviour[kAnyClass].steps = {call};
  Component db;
  db.name = "db";
  db.service_time = Distribution::exponential(0.009);
  s.components = {api, db};
  Source src;
  src.name = "web";
  src.entry = "api";
  src.rate = RateCurve::constant(100.0);
  s.sources = {src};
  return s;
}

SeriesResult series(const std::string& entity, const std::string& kpi, std::vector<double> values) {
  SeriesResult s;
  s.entity = entity;
  s.kpi = kpi;
  s.mean = std::move(values);
  s.half_width.assign(s.mean.size(), 0.0);
  return s;
}

std::vector<double> constant(std::size_t n, double x) { return std::vector<double>(n, x); }

// `served` per window for 100 req/s offered; db utilization and arrivals given per window.
RunResult synthetic(const std::vector<double>& served, const std::vector<double>& dbUtil, const std::vector<double>& dbArrivals,
                    const std::vector<double>& dbQueue, double errorRatio, double p99_s) {
  const std::size_t n = served.size();
  RunResult r;
  r.horizon_s = 10.0 * static_cast<double>(n);
  r.window_s = 10.0;
  for (std::size_t w = 0; w < n; ++w) r.window_start_s.push_back(10.0 * static_cast<double>(w));
  EndToEndResult e2e;
  e2e.request_class = "all";
  e2e.error_ratio.mean = errorRatio;
  e2e.response.quantile_s[3].mean = p99_s;
  r.end_to_end.push_back(e2e);
  r.series.push_back(series("end_to_end", "arrival_rate_per_s", constant(n, 100.0)));
  r.series.push_back(series("end_to_end", "throughput_per_s", served));
  r.series.push_back(series("end_to_end", "response_p99_s", constant(n, p99_s)));
  double meanUtil = 0.0;
  for (double u : dbUtil) meanUtil += u / static_cast<double>(n);
  for (const char* name : {"api", "db"}) {
    ComponentResult c;
    c.name = name;
    const bool db = std::string(name) == "db";
    c.utilization.mean = db ? meanUtil : 0.1;
    c.throughput_per_s.mean = 100.0;
    c.rejection_ratio.mean = 0.0;
    r.components.push_back(c);
    r.series.push_back(series(name, "utilization", db ? dbUtil : constant(n, 0.1)));
    r.series.push_back(series(name, "throughput_per_s", db ? dbArrivals : constant(n, 100.0)));
    r.series.push_back(series(name, "arrival_rate_per_s", db ? dbArrivals : constant(n, 100.0)));
    r.series.push_back(series(name, "queue_length", db ? dbQueue : constant(n, 0.0)));
  }
  return r;
}

}  // namespace

class TestHealth : public QObject {
  Q_OBJECT

 private slots:
  void retryStormCollapses() {
    const Scenario s = scenarioFile("retry-storm.json");
    RunOptions options;
    options.replications = 2;
    const RunResult r = runSimulation(s, options);
    const HealthVerdict v = assessHealth(s, r);
    qInfo("retry-storm: %s", v.headline.c_str());
    QCOMPARE(v.level, HealthLevel::Collapsed);
    // The slowdown starts at 240 s; the collapse follows within a few windows.
    QVERIFY2(v.collapse_at_s >= 230.0 && v.collapse_at_s <= 320.0, std::to_string(v.collapse_at_s).c_str());
    QCOMPARE(QString::fromStdString(s.components[static_cast<std::size_t>(v.culprit)].name), QStringLiteral("db"));
    QVERIFY(v.retries_involved);
    QVERIFY2(v.load_amplification > 2.0, std::to_string(v.load_amplification).c_str());
    QVERIFY(v.error_slo_breached);
    QVERIFY(v.alarming());
    QVERIFY(QString::fromStdString(v.headline).startsWith("collapsed at "));
    QVERIFY(QString::fromStdString(v.headline).contains("db saturated"));
    QVERIFY(QString::fromStdString(v.headline).contains("retries"));
  }

  void clusterAutoscalerIsNotHealthy() {
    const Scenario s = scenarioFile("cluster-autoscaler.json");
    RunOptions options;
    options.replications = 2;
    const RunResult r = runSimulation(s, options);
    const HealthVerdict v = assessHealth(s, r);
    qInfo("cluster-autoscaler: %s", v.headline.c_str());
    for (const std::string& f : v.findings) qInfo("  %s", f.c_str());
    QVERIFY(v.level == HealthLevel::Degraded || v.level == HealthLevel::Collapsed);
    QVERIFY(v.latency_slo_breached || v.error_slo_breached);
    QVERIFY(v.alarming());
  }

  void quietSystemIsHealthyWithoutAnAlarm() {
    // db 2% busy, api 10%: healthy, the busiest named without alarm.
    const std::size_t n = 30;
    const RunResult r = synthetic(constant(n, 100.0), constant(n, 0.02), constant(n, 100.0), constant(n, 0.0), 0.0, 0.02);
    const HealthVerdict v = assessHealth(twoTier(false), r);
    QCOMPARE(v.level, HealthLevel::Healthy);
    QVERIFY(!v.alarming());
    QCOMPARE(v.culprit, -1);
    QCOMPARE(QString::fromStdString(v.headline), QStringLiteral("healthy: SLOs met, busiest api 10%"));
  }

  void collapseWithRetriesIsNamed() {
    // Serves everything for 20 windows, then 20% of the offered load to the end; the db receives 3x.
    std::vector<double> served = constant(20, 100.0), util = constant(20, 0.9), arrivals = constant(20, 100.0),
                        queue = constant(20, 1.0);
    for (int w = 0; w < 20; ++w) {
      served.push_back(20.0);
      util.push_back(1.0);
      arrivals.push_back(300.0);
      queue.push_back(100.0 * (w + 1));
    }
    const HealthVerdict v = assessHealth(twoTier(true), synthetic(served, util, arrivals, queue, 0.6, 0.3));
    QCOMPARE(v.level, HealthLevel::Collapsed);
    QCOMPARE(v.collapse_at_s, 200.0);
    QCOMPARE(v.culprit, 1);
    QVERIFY(v.components[1].queue_growing);
    QVERIFY(qAbs(v.load_amplification - 3.0) < 1e-9);
    QCOMPARE(QString::fromStdString(v.headline),
             QStringLiteral("collapsed at 200 s: db saturated, 60% errors, retries tripled the load"));
  }

  void recoveredOutageIsDegradedNotCollapsed() {
    std::vector<double> served = constant(40, 100.0);
    for (int w = 10; w < 15; ++w) served[static_cast<std::size_t>(w)] = 10.0;
    const std::size_t n = served.size();
    const HealthVerdict v = assessHealth(twoTier(false), synthetic(served, constant(n, 0.5), constant(n, 100.0), constant(n, 0.0), 0.1, 0.05));
    QCOMPARE(v.level, HealthLevel::Degraded);
    QCOMPARE(v.outage_from_s, 100.0);
    QCOMPARE(v.outage_to_s, 150.0);
    QVERIFY(!std::isfinite(v.collapse_at_s));
    QVERIFY(QString::fromStdString(v.headline).startsWith("outage 100 s–150 s"));
  }

  void oneBadWindowIsNotAnOutage() {
    std::vector<double> served = constant(30, 100.0);
    served[29] = 10.0;  // a last, short dip
    const std::size_t n = served.size();
    const HealthVerdict v = assessHealth(twoTier(false), synthetic(served, constant(n, 0.3), constant(n, 100.0), constant(n, 0.0), 0.0, 0.05));
    QCOMPARE(v.level, HealthLevel::Healthy);
  }

  void latencySloBreachDegrades() {
    const std::size_t n = 30;
    HealthTargets slo;
    slo.p99_s = 0.5;
    const HealthVerdict v = assessHealth(twoTier(false), synthetic(constant(n, 100.0), constant(n, 0.3), constant(n, 100.0), constant(n, 0.0), 0.0, 25.0), slo);
    QCOMPARE(v.level, HealthLevel::Degraded);
    QVERIFY(v.latency_slo_breached);
    QCOMPARE(QString::fromStdString(v.headline), QStringLiteral("degraded: p99 25 s"));
  }

  void growingQueueWithoutErrorsIsStrained() {
    const std::size_t n = 40;
    std::vector<double> queue;
    for (std::size_t w = 0; w < n; ++w) queue.push_back(10.0 * static_cast<double>(w));
    const HealthVerdict v = assessHealth(twoTier(false), synthetic(constant(n, 100.0), constant(n, 0.5), constant(n, 100.0), queue, 0.0, 0.2));
    QCOMPARE(v.level, HealthLevel::Strained);
    QCOMPARE(v.culprit, 1);
    QCOMPARE(QString::fromStdString(v.culprit_reason), QStringLiteral("queue growing"));
  }

  void timesAndLatenciesReadAsPeopleSayThem() {
    QCOMPARE(QString::fromStdString(formatSimTime(245.0)), QStringLiteral("245 s"));
    QCOMPARE(QString::fromStdString(formatSimTime(1800.0)), QStringLiteral("30.0 min"));
    QCOMPARE(QString::fromStdString(formatSimTime(86400.0 * 2)), QStringLiteral("48.0 h"));
    QCOMPARE(QString::fromStdString(formatSimTime(86400.0 * 10)), QStringLiteral("10.0 days"));
    QCOMPARE(QString::fromStdString(formatSimTime(86400.0 * 182.6)), QStringLiteral("6.0 months"));
    QCOMPARE(QString::fromStdString(formatLatency(0.25)), QStringLiteral("250 ms"));
    QCOMPARE(QString::fromStdString(formatLatency(25.0)), QStringLiteral("25 s"));
    QCOMPARE(QString::fromStdString(describeFactor(3.0)), QStringLiteral("tripled"));
    QCOMPARE(QString::fromStdString(describeFactor(1.5)), QStringLiteral("multiplied by 1.5"));
  }
};

QTEST_APPLESS_MAIN(TestHealth)
#include "test_health.moc"
