// Analytic vs simulated KPIs: matching by entity and KPI name, CI membership, relative error, and the
// text table layout.
#include <QtTest>

#include <cmath>
#include <sstream>

#include "simulator/analytic/comparison.h"

using namespace headroom;

namespace {

Estimate est(double mean, double half_width, int n = 5) {
  Estimate e;
  e.mean = mean;
  e.half_width = half_width;
  e.n = n;
  return e;
}

RunResult sampleRun() {
  RunResult run;
  ComponentResult api;
  api.name = "api";
  api.utilization = est(0.79, 0.02);
  api.response.mean_s = est(5.6, 0.3);
  api.response.quantile_s[3] = est(23.0, 1.0);  // p99
  api.waiting.mean_s = est(4.1, 0.3);
  run.components.push_back(api);
  EndToEndResult all;
  all.request_class = "all";
  all.response.mean_s = est(5.05, 0.3);
  all.throughput_per_s = est(0.8, 0.01);
  run.end_to_end.push_back(all);
  EndToEndResult cls;
  cls.request_class = "checkout";
  cls.response.mean_s = est(1.0, std::numeric_limits<double>::quiet_NaN(), 1);
  run.end_to_end.push_back(cls);
  return run;
}

AnalyticReport sampleReport() {
  AnalyticReport r;
  r.set("api", "utilization", 0.8);
  r.set("api", "response_mean_s", 5.0);
  r.set("api", "response_p99_s", 23.0259);
  r.set("api", "waiting_mean_s", 4.0);
  r.set("api", "response_p50_s", 3.4);       // the run has no p50 estimate: NaN mean -> skipped
  r.set("cache", "utilization", 0.1);        // not in the run -> skipped
  r.set("end_to_end", "response_mean_s", 5.0);
  r.set("end_to_end", "throughput_per_s", 0.8);
  r.set("end_to_end:checkout", "response_mean_s", 1.0);
  return r;
}

const KpiComparison* row(const std::vector<KpiComparison>& rows, const std::string& e, const std::string& k) {
  for (const auto& r : rows)
    if (r.entity == e && r.kpi == k) return &r;
  return nullptr;
}

}  // namespace

class TestComparison : public QObject {
  Q_OBJECT
 private slots:
  void matchesComponentAndEndToEndKpis() {
    const auto rows = compareWithSimulation(sampleReport(), sampleRun());
    QCOMPARE(rows.size(), std::size_t{7});
    QVERIFY(!row(rows, "cache", "utilization"));
    QVERIFY(!row(rows, "api", "response_p50_s"));
    const KpiComparison* p99 = row(rows, "api", "response_p99_s");
    QVERIFY(p99);
    QCOMPARE(p99->simulated_mean, 23.0);
    QCOMPARE(p99->half_width, 1.0);
    const KpiComparison* e2e = row(rows, "end_to_end", "throughput_per_s");
    QVERIFY(e2e && e2e->simulated_mean == 0.8);
  }

  void flagsValuesOutsideTheInterval() {
    const auto rows = compareWithSimulation(sampleReport(), sampleRun());
    QVERIFY(row(rows, "api", "utilization")->within_ci);        // 0.8 in [0.77, 0.81]
    QVERIFY(!row(rows, "api", "response_mean_s")->within_ci);   // 5.0 outside [5.3, 5.9]
    QVERIFY(row(rows, "api", "waiting_mean_s")->within_ci);     // 4.0 in [3.8, 4.4]
    QVERIFY(!row(rows, "end_to_end:checkout", "response_mean_s")->within_ci);  // one replication: no CI
    const auto outside = outsideConfidenceInterval(rows);
    QCOMPARE(outside.size(), std::size_t{2});
  }

  void relativeErrorIsSignedAgainstTheAnalyticValue() {
    const auto rows = compareWithSimulation(sampleReport(), sampleRun());
    QVERIFY(std::abs(row(rows, "api", "response_mean_s")->relative_error - 0.12) < 1e-12);
    QVERIFY(std::abs(row(rows, "api", "utilization")->relative_error - (-0.0125)) < 1e-12);
  }

  void clockRoundingIsNotAMismatch() {
    // every replication gave the same deterministic delay, up to floating-point noise in the mean
    RunResult run = sampleRun();
    run.components[0].response.mean_s = est(0.01 + 1e-15, 2e-16);
    AnalyticReport r;
    r.set("api", "response_mean_s", 0.01);
    r.set("api", "utilization", 0.7);  // a real difference stays a mismatch
    const auto rows = compareWithSimulation(r, run);
    QVERIFY(row(rows, "api", "response_mean_s")->within_ci);
    QVERIFY(!row(rows, "api", "utilization")->within_ci);
  }

  void percentilesAllowForHistogramResolution() {
    // 0.3% off with a tiny CI: inside the histogram's 1/256 resolution for a percentile, not for a mean
    RunResult run = sampleRun();
    run.components[0].response.quantile_s[3] = est(10.03, 0.001);
    run.components[0].response.mean_s = est(10.03, 0.001);
    AnalyticReport r;
    r.set("api", "response_p99_s", 10.0);
    r.set("api", "response_mean_s", 10.0);
    const auto rows = compareWithSimulation(r, run);
    QVERIFY(row(rows, "api", "response_p99_s")->within_ci);
    QVERIFY(!row(rows, "api", "response_mean_s")->within_ci);
    // and 0.5% is beyond it
    run.components[0].response.quantile_s[3] = est(10.05, 0.001);
    QVERIFY(!row(compareWithSimulation(r, run), "api", "response_p99_s")->within_ci);
  }

  void zeroAnalyticValueHasNoRelativeError() {
    AnalyticReport r;
    r.set("api", "waiting_mean_s", 0.0);
    const auto rows = compareWithSimulation(r, sampleRun());
    QCOMPARE(rows.size(), std::size_t{1});
    QVERIFY(std::isnan(rows[0].relative_error));
  }

  void tableColumnsAreAligned() {
    const auto rows = compareWithSimulation(sampleReport(), sampleRun());
    const std::string table = formatComparisonTable(rows);
    std::istringstream in(table);
    std::string line;
    std::vector<std::string> lines;
    while (std::getline(in, line)) lines.push_back(line);
    QCOMPARE(lines.size(), rows.size() + 1);
    // numbers are right-aligned: the "+-" column ends at the same offset on every line, and the check
    // column starts at the same offset
    const std::size_t flag_at = lines[0].find("check");
    QVERIFY(flag_at != std::string::npos);
    int outside = 0;
    for (std::size_t i = 1; i < lines.size(); ++i) {
      const std::string flag = lines[i].substr(flag_at);
      QVERIFY2(flag == "ok" || flag == "OUTSIDE CI" || flag == "no CI (1 replication)", lines[i].c_str());
      outside += flag == "OUTSIDE CI";
      QCOMPARE(lines[i].substr(0, rows[i - 1].entity.size()), rows[i - 1].entity);
    }
    QCOMPARE(outside, 1);  // response_mean_s; the checkout row has no CI at all
    QVERIFY(table.find("no CI (1 replication)") != std::string::npos);
    QVERIFY(table.find("+12.00%") != std::string::npos);
  }
};

QTEST_APPLESS_MAIN(TestComparison)
#include "test_comparison.moc"
