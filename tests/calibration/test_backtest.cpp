// Backtest: a model checked against series produced by that same model passes; a model with a wrong
// service time fails, so the backtest can tell a user not to trust it.
#include <QtTest>
#include <cmath>

#include "simulator/calibration/backtest.h"
#include "simulator/calibration/replay.h"
#include "simulator/calibration/service_demand.h"
#include "synthetic_series.h"

using namespace headroom;
using namespace headroom::test;

namespace {

constexpr double kStart = kMonday2026 + 10 * 3600;  // the observed window starts Monday 10:00 UTC

// The observed half hour: 60 s windows after a 60 s warm-up, 3 replications.
void halfAnHourInMinuteWindows(Scenario& s, std::uint64_t seed) {
  s.simulation.horizon_s = 1800;
  s.simulation.warmup_s = 60;
  s.simulation.window_s = 60;
  s.simulation.replications = 3;
  s.simulation.seed = seed;
}

// One API with 2 workers, exponential 50 ms service, traffic ramping from 8 to 28 req/s over 30 minutes.
Scenario apiScenario(double service_s) {
  TimeSeries rate;
  rate.unit = "1/s";
  for (int i = 0; i < 30; ++i) {
    rate.time_s.push_back(kStart + 60.0 * i);
    rate.value.push_back(8.0 + 20.0 * i / 29.0);
  }
  Scenario s;
  s.name = "api";
  Component c;
  c.name = "api";
  c.workers_per_replica = 2;
  c.service_time = Distribution::exponential(service_s);
  s.components.push_back(c);
  Source src;
  src.name = "web";
  src.entry = "api";
  src.rate = replayRateCurve(rate, 1.0);
  s.sources.push_back(src);
  halfAnHourInMinuteWindows(s, 999);
  return s;
}

TimeSeries toSeries(const RunResult& r, const std::string& entity, const std::string& kpi, const std::string& unit) {
  const SeriesResult* s = r.findSeries(entity, kpi);
  TimeSeries ts;
  ts.name = entity + "." + kpi;
  ts.unit = unit;
  for (std::size_t w = 0; s && w < s->mean.size(); ++w) {
    ts.time_s.push_back(kStart + r.window_start_s[w]);
    ts.value.push_back(s->mean[w]);
  }
  return ts;
}

// "Monitoring" of the true system: one run of the true model with its own seed.
RunResult monitoringRun(const Scenario& truth, std::uint64_t seed) {
  RunOptions o;
  o.seed = seed;
  o.replications = 1;
  return runSimulation(truth, o);
}

ObservedSeries observe(const Scenario& truth) {
  const RunResult r = monitoringRun(truth, 20261122);
  ObservedSeries obs;
  obs.start_time_s = kStart;
  obs.throughput = toSeries(r, "end_to_end", "throughput_per_s", "1/s");
  obs.latency_p50 = toSeries(r, "end_to_end", "response_p50_s", "s");
  obs.latency_p95 = toSeries(r, "end_to_end", "response_p95_s", "s");
  obs.latency_p99 = toSeries(r, "end_to_end", "response_p99_s", "s");
  TimeSeries util = toSeries(r, "api", "utilization", "percent");
  for (double& v : util.value) v *= 100.0;  // as a CloudWatch CPU % would be
  obs.components.push_back({"api", toSeries(r, "api", "throughput_per_s", "1/s"), util});
  return obs;
}

// Two classes on 2 workers: browse steady (10/s, 20 ms), checkout quiet (1/s, 100 ms) for 15 minutes, then busy
// (14/s, utilization 0.8) for 15 minutes, when its requests wait. Most checkout requests fall in the busy half, so the class's
// run-level p95 sits near the busy half's, well above the mean of the per-window p95s monitoring reports.
Scenario twoClassScenario() {
  Scenario s;
  s.name = "two-class";
  s.request_classes = {"browse", "checkout"};
  Component c;
  c.name = "api";
  c.workers_per_replica = 2;
  c.service_time = Distribution::exponential(0.02);
  c.service_time_by_class = {{"browse", Distribution::exponential(0.02)}, {"checkout", Distribution::exponential(0.10)}};
  s.components.push_back(c);
  auto source = [&](const std::string& cls, double first, double second) {
    TimeSeries rate;
    rate.unit = "1/s";
    rate.time_s = {kStart, kStart + 900};
    rate.value = {first, second};
    Source src;
    src.name = cls;
    src.entry = "api";
    src.mix = {{cls, 1.0}};
    src.rate = replayRateCurve(rate, 1.0);
    s.sources.push_back(src);
  };
  source("browse", 10, 10);
  source("checkout", 1, 14);
  halfAnHourInMinuteWindows(s, 4242);
  return s;
}

}  // namespace

class TestBacktest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { observed_ = observe(apiScenario(0.05)); }

  void theTrueModelMatchesItsOwnObservations() {
    const BacktestReport rep = backtest(apiScenario(0.05), observed_);
    QCOMPARE(rep.metrics.size(), std::size_t{6});
    QCOMPARE(rep.window_s, 60.0);
    QCOMPARE(rep.horizon_s, 1800.0);
    for (const auto& m : rep.metrics) {
      QVERIFY2(m.windows_compared == 29, qPrintable(QString::fromStdString(m.kpi)));
      const double tol = m.kpi.rfind("response_", 0) == 0 ? 0.15 : 0.05;
      QVERIFY2(std::abs(m.relative_error) < tol,
               qPrintable(QString::fromStdString(m.entity + " " + m.kpi + " error ") +
                          QString::number(m.relative_error)));
    }
    QVERIFY(rep.find("api", "utilization")->rating == "good");
  }

  void classRowsAreComparedWindowByWindow() {
    // "Monitoring" of the true two-class system: per-class series per 60 s window.
    const Scenario truth = twoClassScenario();
    const RunResult seen = monitoringRun(truth, 777);
    ObservedSeries obs;
    obs.start_time_s = kStart;
    for (const char* cls : {"browse", "checkout"}) {
      const std::string e = std::string("class:") + cls;
      ObservedClass oc;
      oc.request_class = cls;
      oc.throughput = toSeries(seen, e, "throughput_per_s", "1/s");
      oc.latency_mean = toSeries(seen, e, "response_mean_s", "s");
      oc.latency_p95 = toSeries(seen, e, "response_p95_s", "s");
      QVERIFY(oc.latency_p95.size() == 30);
      obs.classes.push_back(oc);
    }
    const BacktestReport rep = backtest(truth, obs);
    const MetricComparison* p95 = rep.find("class:checkout", "response_p95_s");
    QVERIFY(p95);
    QCOMPARE(p95->windows_compared, 29);  // every window after the warm-up, paired with the same simulated window
    QVERIFY2(p95->note.empty(), p95->note.c_str());
    QVERIFY2(std::abs(p95->relative_error) < 0.10, std::to_string(p95->relative_error).c_str());
    QCOMPARE(rep.verdict, std::string("pass"));
    // What the unaligned comparison did: the class's run-level p95 against the mean of the observed window p95s.
    // For the true model it is off by far more than the fail threshold, so it would have rejected the right model.
    RunOptions same;
    same.horizon_s = rep.horizon_s;
    same.window_s = rep.window_s;
    const RunResult r = runSimulation(truth, same);
    const double runLevel = r.endToEnd("checkout")->response.quantile_s[2].mean;
    QVERIFY2(runLevel / p95->observed_mean - 1 > 0.25,
             (std::to_string(runLevel) + " vs " + std::to_string(p95->observed_mean)).c_str());
  }

  void aWrongServiceTimeFailsTheBacktest() {
    const BacktestReport rep = backtest(apiScenario(0.10), observed_);
    const MetricComparison* u = rep.find("api", "utilization");
    QVERIFY(u);
    QVERIFY2(u->relative_error > 0.7, qPrintable(QString::number(u->relative_error)));  // about +100%
    QCOMPARE(u->rating, std::string("poor"));
    QVERIFY(!u->observed_within_ci);
    const MetricComparison* p95 = rep.find("end_to_end", "response_p95_s");
    QVERIFY(p95->relative_error > 0.7);
    QVERIFY(rep.worstAbsRelativeError() > 0.7);
    // With 2 x 100 ms the model's capacity (20 req/s) is below the observed peak (28 req/s): the model
    // cannot even carry the traffic that was served, and the throughput comparison shows it.
    QVERIFY(rep.find("end_to_end", "throughput_per_s")->relative_error < -0.05);
  }

  void calibratedFromItsOwnMonitoringDataPasses() {
    // The whole loop: estimate S from the observed utilization and throughput, then backtest.
    const ObservedComponent& api = observed_.components.front();
    const ServiceDemandEstimate d = estimateServiceDemand(api.utilization, api.throughput, 2);
    QVERIFY(d.ok);
    QVERIFY2(std::abs(d.service_time_s - 0.05) < 0.005, qPrintable(QString::number(d.service_time_s)));
    const BacktestReport rep = backtest(apiScenario(d.service_time_s), observed_);
    QVERIFY(std::abs(rep.find("api", "utilization")->relative_error) < 0.1);
  }

  void reportRendersAsTableAndJson() {
    const BacktestReport rep = backtest(apiScenario(0.05), observed_);
    const std::string table = formatBacktestTable(rep);
    QVERIFY(table.find("utilization") != std::string::npos);
    QVERIFY(table.find("response_p99_s") != std::string::npos);
    const nlohmann::json j = backtestToJson(rep);
    QCOMPARE(j.at("metrics").size(), std::size_t{6});
    QCOMPARE(j.at("metrics")[0].at("windows_compared").get<int>(), 29);
    QVERIFY(j.at("worst_abs_relative_error").is_number());
    // Round trip through text: NaN must never reach JSON.
    QVERIFY(!nlohmann::json::parse(j.dump()).is_null());
  }

  void badInputIsRejected() {
    ObservedSeries wrong = observed_;
    wrong.components.front().component = "db";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, backtest(apiScenario(0.05), wrong));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, backtest(apiScenario(0.05), ObservedSeries{}));
    ObservedSeries badUnit = observed_;
    badUnit.latency_p50.unit = "bytes";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, backtest(apiScenario(0.05), badUnit));
  }

  void cancellationIsReported() {
    Feedback fb;
    fb.cancel();
    const BacktestReport rep = backtest(apiScenario(0.05), observed_, {}, &fb);
    QVERIFY(rep.cancelled);
  }

 private:
  ObservedSeries observed_;
};

QTEST_APPLESS_MAIN(TestBacktest)
#include "test_backtest.moc"
