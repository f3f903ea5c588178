// Prometheus query JSON and text exposition / OpenMetrics importers on small inline fixtures.
#include <QtTest>

#include <cmath>
#include <sstream>

#include "importers/prometheus_json.h"
#include "importers/prometheus_text.h"
#include "test_support.h"

using namespace headroom;
using headroom::test::findSeries;
using headroom::test::hasWarning;
using headroom::test::readText;

class TestPrometheusImporters : public QObject {
  Q_OBJECT
 private slots:
  void rangeMatrixWithSpecialValuesAndGaps() {
    const std::string doc = R"js({"status":"success","data":{"resultType":"matrix","result":[
      {"metric":{"__name__":"req_duration_milliseconds","job":"api"},"values":[[10.5,"20"],[12.5,"NaN"],[11.5,"+Inf"]]},
      {"metric":{"job":"b"},"values":[[10,"1"]]}]}})js";
    const auto r = readText(PrometheusJsonImporter(), doc);
    QCOMPARE(r.series.size(), std::size_t{2});
    const TimeSeries* s = findSeries(r, "req_duration_milliseconds", {{"job", "api"}});
    QVERIFY(s);
    QCOMPARE(s->unit, std::string("s"));
    QCOMPARE(s->size(), std::size_t{3});
    QCOMPARE(s->time_s[0], 10.5);
    QCOMPARE(s->value[0], 0.020);  // ms -> s
    QCOMPARE(s->time_s[1], 11.5);  // sorted
    QVERIFY(std::isinf(s->value[1]));
    QVERIFY(std::isnan(s->value[2]));  // gap kept
    QVERIFY(hasWarning(r, WarningKind::Unsorted));
    QVERIFY(findSeries(r, "value", {{"job", "b"}}));  // expression without __name__
  }
  void instantVectorAndScalar() {
    auto r = readText(PrometheusJsonImporter(),
                      R"js({"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up"},"value":[1700000000,"1"]}]}})js");
    QCOMPARE(r.series.at(0).value.at(0), 1.0);
    QCOMPARE(r.series.at(0).time_s.at(0), 1700000000.0);
    r = readText(PrometheusJsonImporter(), R"js({"status":"success","data":{"resultType":"scalar","result":[5,"-Inf"]}})js");
    QCOMPARE(r.series.at(0).name, std::string("scalar"));
    QCOMPARE(r.series.at(0).value.at(0), -std::numeric_limits<double>::infinity());
  }
  void errorStatusNamesTypeAndMessage() {
    try {
      readText(PrometheusJsonImporter(),
               "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"invalid parameter 'query'\"}", {}, "q.json");
      QFAIL("expected ImportError");
    } catch (const ImportError& e) {
      const std::string m = e.what();
      QVERIFY(m.find("q.json") != std::string::npos);
      QVERIFY(m.find("bad_data") != std::string::npos);
      QVERIFY(m.find("invalid parameter") != std::string::npos);
    }
  }
  void malformedValueNamesJsonPath() {
    try {
      readText(PrometheusJsonImporter(),
               R"js({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"],[2,"x"]]}]}})js",
               {}, "m.json");
      QFAIL("expected ImportError");
    } catch (const ImportError& e) {
      QCOMPARE(e.field(), std::string("data.result[0].values[1][1]"));
    }
  }
  void jsonSyntaxErrorNamesLine() {
    try {
      readText(PrometheusJsonImporter(), "{\"status\":\"success\",\n\"data\": {\n  \"resultType\": matrix}}", {}, "s.json");
      QFAIL("expected ImportError");
    } catch (const ImportError& e) {
      QCOMPARE(e.line(), 3L);
    }
  }
  void warningsBecomePartialData() {
    const auto r = readText(PrometheusJsonImporter(),
                            R"js({"status":"success","warnings":["query hit limit"],"data":{"resultType":"vector","result":[]}})js");
    QVERIFY(hasWarning(r, WarningKind::PartialData));
  }

  void textLabelsEscapesTimestampsAndExemplars() {
    const std::string text =
        "# HELP http_requests_total Requests.\n"
        "# TYPE http_requests_total counter\n"
        "http_requests_total{method=\"post\",path=\"/a\\\"b\\\\c\\nd\"} 1027 1395066363000\n"
        "http_requests_total{method=\"post\",path=\"/a\\\"b\\\\c\\nd\"} 1030.5 1395066423.5 # {trace_id=\"x\"} 0.67 1600000000.1\n"
        "metric_without_labels 12.47\n";
    ImportOptions o;
    o.scrape_time_s = 1000;
    const auto r = readText(PrometheusTextImporter(), text, o);
    const TimeSeries* s = findSeries(r, "http_requests_total", {{"path", "/a\"b\\c\nd"}});
    QVERIFY(s);
    QCOMPARE(s->unit, std::string("count"));
    QCOMPARE(s->size(), std::size_t{2});
    QCOMPARE(s->time_s[0], 1395066363.0);  // integer ms
    QCOMPARE(s->time_s[1], 1395066423.5);  // float seconds (OpenMetrics)
    const TimeSeries* plain = findSeries(r, "metric_without_labels");
    QVERIFY(plain);
    QCOMPARE(plain->time_s[0], 1000.0);
    QVERIFY(!hasWarning(r, WarningKind::MissingTimestamp));
  }
  void openMetricsUnitAndEof() {
    const std::string text =
        "# TYPE req_latency histogram\n# UNIT req_latency milliseconds\n"
        "req_latency_bucket{le=\"100\"} 5\nreq_latency_bucket{le=\"200\"} 10\nreq_latency_bucket{le=\"+Inf\"} 10\n"
        "req_latency_sum 1200\nreq_latency_count 10\n# EOF";
    const auto r = readText(PrometheusTextImporter(), text);
    QVERIFY(hasWarning(r, WarningKind::MissingTimestamp));
    const TimeSeries* p50 = findSeries(r, "histogram_quantile(0.5, req_latency)");
    QVERIFY(p50);
    QCOMPARE(p50->unit, std::string("s"));
    QCOMPARE(p50->value[0], 0.1);  // rank 5 reaches the first bucket exactly: its bound, 100 ms
    const TimeSeries* mean = findSeries(r, "mean(req_latency)");
    QVERIFY(mean);
    QCOMPARE(mean->value[0], 0.12);
  }
  void contentAfterEofIsAnError() {
    try {
      readText(PrometheusTextImporter(), "a 1\n# EOF\nb 2\n", {}, "x.txt");
      QFAIL("expected ImportError");
    } catch (const ImportError& e) {
      QCOMPARE(e.line(), 3L);
    }
  }
  void malformedSampleNamesLineAndField() {
    try {
      readText(PrometheusTextImporter(), "# TYPE a gauge\na{x=\"1\"} 1\na{x=\"2\" 2\n", {}, "bad.prom");
      QFAIL("expected ImportError");
    } catch (const ImportError& e) {
      QCOMPARE(e.line(), 3L);
      QVERIFY(std::string(e.what()).find("bad.prom:3") != std::string::npos);
    }
    try {
      readText(PrometheusTextImporter(), "a 1\na zz\n", {}, "bad.prom");
      QFAIL("expected ImportError");
    } catch (const ImportError& e) {
      QCOMPARE(e.field(), std::string("value"));
      QCOMPARE(e.line(), 2L);
    }
  }
  void histogramOverScrapesRateMeanAndReset() {
    // Three scrapes 60 s apart; the process restarts before the third (counts drop).
    std::string text = "# TYPE rt_seconds histogram\n";
    auto scrape = [&](double tMs, int b1, int b2, int inf, double sum) {
      std::ostringstream o;
      const long long ts = static_cast<long long>(tMs);
      o << "rt_seconds_bucket{le=\"0.1\"} " << b1 << ' ' << ts << '\n'
        << "rt_seconds_bucket{le=\"1\"} " << b2 << ' ' << ts << '\n'
        << "rt_seconds_bucket{le=\"+Inf\"} " << inf << ' ' << ts << '\n'
        << "rt_seconds_sum " << sum << ' ' << ts << '\n'
        << "rt_seconds_count " << inf << ' ' << ts << '\n';
      text += o.str();
    };
    scrape(1700000000000.0, 10, 20, 20, 5.0);
    scrape(1700000060000.0, 40, 80, 80, 20.0);  // +30, +60, +60 ; sum +15
    scrape(1700000120000.0, 6, 12, 12, 3.0);    // reset: increases are the new values
    const auto r = readText(PrometheusTextImporter(), text);
    const TimeSeries* rate = findSeries(r, "rate(rt_seconds_count)");
    QVERIFY(rate);
    QCOMPARE(rate->unit, std::string("1/s"));
    QCOMPARE(rate->size(), std::size_t{2});
    QCOMPARE(rate->value[0], 1.0);        // 60 / 60 s
    QCOMPARE(rate->value[1], 12.0 / 60);  // after the reset
    const TimeSeries* mean = findSeries(r, "mean(rt_seconds)");
    QCOMPARE(mean->value[0], 15.0 / 60);
    QCOMPARE(mean->value[1], 3.0 / 12);
    const TimeSeries* p50 = findSeries(r, "histogram_quantile(0.5, rt_seconds)");
    QCOMPARE(p50->time_s[0], 1700000060.0);
    QCOMPARE(p50->value[0], 0.1);  // rank 30 of 60 -> top of the 0.1 bucket
    QVERIFY(hasWarning(r, WarningKind::CounterReset));
  }
};

QTEST_APPLESS_MAIN(TestPrometheusImporters)
#include "test_prometheus_importers.moc"
