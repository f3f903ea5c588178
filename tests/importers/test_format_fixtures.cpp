// Hand-written fixtures for each format feature: time zones, units, gaps, unsorted input, nulls, error messages.
#include <QtTest>

#include <cmath>

#include "importers/access_log.h"
#include "importers/cloudwatch_json.h"
#include "importers/datadog_json.h"
#include "importers/gatling_log.h"
#include "importers/jmeter_jtl.h"
#include "importers/k6.h"
#include "importers/locust.h"
#include "importers/newrelic_json.h"
#include "importers/nginx_plus.h"
#include "importers/otlp_json.h"
#include "importers/time_csv.h"
#include "test_support.h"

using namespace headroom;
using headroom::test::findSeries;
using headroom::test::hasWarning;
using headroom::test::readText;

class TestFormatFixtures : public QObject {
  Q_OBJECT
 private slots:
  void cloudWatchStatisticsUnorderedWithExtended() {
    const auto r = readText(CloudWatchJsonImporter(), R"js({"Label":"Latency","Datapoints":[
      {"Timestamp":"2024-01-01T00:05:00Z","Average":120,"ExtendedStatistics":{"p95":300},"Unit":"Milliseconds"},
      {"Timestamp":"2024-01-01T00:00:00Z","Average":100,"SampleCount":7,"ExtendedStatistics":{"p95":250},"Unit":"Milliseconds"}]})js");
    const TimeSeries* avg = findSeries(r, "Latency", {{"statistic", "Average"}});
    QVERIFY(avg);
    QCOMPARE(avg->unit, std::string("s"));
    QCOMPARE(avg->time_s[0], 1704067200.0);
    QCOMPARE(avg->value[0], 0.1);
    QCOMPARE(findSeries(r, "Latency", {{"statistic", "p95"}})->value[1], 0.3);
    QCOMPARE(findSeries(r, "Latency", {{"statistic", "SampleCount"}})->unit, std::string("count"));
  }
  void cloudWatchMetricDataNewestFirstAndStatus() {
    const auto r = readText(CloudWatchJsonImporter(), R"js({"MetricDataResults":[{"Id":"m1","Label":"L",
      "Timestamps":["2024-09-29T22:15:00+00:00","2024-09-29T22:10:00Z"],"Values":[2,1],"StatusCode":"PartialData"}],"Messages":[]})js");
    const TimeSeries& s = r.series.at(0);
    QCOMPARE(s.time_s[0], 1727647800.0);
    QCOMPARE(s.value[0], 1.0);
    QCOMPARE(s.value[1], 2.0);
    QVERIFY(hasWarning(r, WarningKind::PartialData));
    try {
      readText(CloudWatchJsonImporter(), R"js({"MetricDataResults":[{"Id":"m1","Timestamps":["2024-09-29T22:15:00Z"],"Values":[]}]})js", {}, "cw.json");
      QFAIL("expected ImportError");
    } catch (const ImportError& e) {
      QCOMPARE(e.field(), std::string("MetricDataResults[0]"));
    }
  }
  void timeSeriesCsvNaiveTimesAndDuplicates() {
    ImportOptions o;
    o.naive_utc_offset_min = -300;  // times written in UTC-5
    const auto r = readText(TimeSeriesCsvImporter(), "timestamp,value\n2014-02-14 14:35:00,2\n2014-02-14 14:30:00,1\n2014-02-14 14:30:00,1.5\n2014-02-14 14:40:00,\n", o, "cpu.csv");
    const TimeSeries& s = r.series.at(0);
    QCOMPARE(s.name, std::string("cpu"));
    QCOMPARE(s.time_s[0], 1392388200.0 + 5 * 3600);
    QCOMPARE(s.value[0], 1.0);  // stable sort keeps file order among equal times
    QCOMPARE(s.value[1], 1.5);
    QVERIFY(std::isnan(s.value[3]));
    QVERIFY(hasWarning(r, WarningKind::DuplicateTimestamp));
    QVERIFY(hasWarning(r, WarningKind::Unsorted));
    QVERIFY(hasWarning(r, WarningKind::MissingValue));
  }
  void timeSeriesCsvBadCellNamesLineAndColumn() {
    try {
      readText(TimeSeriesCsvImporter(), "timestamp,value\n2014-02-14 14:30:00,1\n2014-02-14 14:35:00,abc\n", {}, "x.csv");
      QFAIL("expected ImportError");
    } catch (const ImportError& e) {
      QCOMPARE(e.line(), 3L);
      QCOMPARE(e.field(), std::string("column \"value\""));
      QVERIFY(std::string(e.what()).find("x.csv:3") != std::string::npos);
    }
  }
  void grafanaExcelFormattedWithUnitsAndZone() {
    const std::string text =
        "\xEF\xBB\xBFsep=,\r\n\"Time\",\"{pod=\"\"adservice\"\"}\",\"cpu\"\r\n"
        "\"2024-01-01 02:00:10\",\"12 ms\",\"35%\"\r\n"
        "\"2024-01-01 02:00:00\",\"1.5 s\",\"\"\r\n";
    ImportOptions o;
    o.naive_utc_offset_min = 120;  // dashboard in UTC+2
    const auto r = readText(GrafanaCsvImporter(), text, o);
    const TimeSeries* lat = findSeries(r, "value", {{"pod", "adservice"}});
    QVERIFY(lat);
    QCOMPARE(lat->unit, std::string("s"));
    QCOMPARE(lat->time_s[0], 1704067200.0);  // 02:00 local = 00:00 UTC, sorted first
    QCOMPARE(lat->value[0], 1.5);
    QCOMPARE(lat->value[1], 0.012);
    const TimeSeries* cpu = findSeries(r, "cpu");
    QCOMPARE(cpu->unit, std::string("percent"));
    QCOMPARE(cpu->value[1], 35.0);
    QVERIFY(std::isnan(cpu->value[0]));
  }
  void grafanaEpochMillisAndUnknownUnit() {
    const auto r = readText(GrafanaCsvImporter(), "\"Time\",\"volts\"\n1704067200000,4.1 V\n");
    QCOMPARE(r.series.at(0).time_s[0], 1704067200.0);
    QCOMPARE(r.series.at(0).unit, std::string("V"));
    QVERIFY(hasWarning(r, WarningKind::UnknownUnit));
  }
  void datadogNullsAndUnit() {
    const auto r = readText(DatadogJsonImporter(), R"js({"status":"ok","res_type":"time_series","series":[{"metric":"lat",
      "scope":"host:a","tag_set":["host:a"],"unit":[{"family":"time","name":"millisecond"},null],
      "pointlist":[[1623846300000.0,94.5],[1623846600000.0,null]]}]})js");
    const TimeSeries& s = r.series.at(0);
    QCOMPARE(s.unit, std::string("s"));
    QCOMPARE(s.labels.at("host"), std::string("a"));
    QCOMPARE(s.time_s[0], 1623846300.0);
    QCOMPARE(s.value[0], 0.0945);
    QVERIFY(std::isnan(s.value[1]));
    QVERIFY(hasWarning(r, WarningKind::MissingValue));
  }
  void jmeterDerivedSeries() {
    const std::string text =
        "timeStamp,elapsed,label,success,allThreads\n"
        "1000000000000,100,a,true,1\n1000000000500,300,a,false,2\n1000000001200,200,b,true,2\n";
    ImportOptions o;
    o.quantiles = {0.5};
    const auto r = readText(JMeterImporter(), text, o);
    const TimeSeries* thr = findSeries(r, "throughput");
    QVERIFY(thr);
    QCOMPARE(thr->size(), std::size_t{2});
    QCOMPARE(thr->value[0], 2.0);
    QCOMPARE(findSeries(r, "error_rate")->value[0], 0.5);
    QCOMPARE(findSeries(r, "latency", {{"quantile", "0.5"}})->value[0], 0.2);
    QCOMPARE(findSeries(r, "elapsed", {{"label", "b"}})->value[0], 0.2);
    try {
      readText(JMeterImporter(), "timeStamp,label\n1,a\n", {}, "j.jtl");
      QFAIL("expected ImportError");
    } catch (const ImportError& e) {
      QCOMPARE(e.field(), std::string("elapsed"));
    }
  }
  void k6JsonLinesAndLegacySummary() {
    const std::string lines =
        R"js({"type":"Metric","data":{"type":"trend"},"metric":"http_req_duration"})js" "\n"
        R"js({"type":"Point","data":{"time":"2017-05-09T14:34:45.239+02:00","value":459.86,"tags":{"status":"200"}},"metric":"http_req_duration"})js" "\n";
    auto r = readText(K6RawImporter(), lines);
    const TimeSeries* d = findSeries(r, "http_req_duration");
    QVERIFY(d);
    QCOMPARE(d->time_s[0], 1494333285.239);
    QCOMPARE(d->value[0], 0.45986);
    r = readText(K6SummaryImporter(), R"js({"metrics":{"http_req_duration":{"avg":100,"p(95)":200,"thresholds":{"p(95)<150":true}}}})js");
    QCOMPARE(findSeries(r, "http_req_duration", {{"stat", "p(95)"}})->value[0], 0.2);
    QVERIFY(hasWarning(r, WarningKind::PartialData));  // legacy: true means the threshold failed
  }
  void locustNaAndPercentiles() {
    const auto r = readText(LocustImporter(),
                            "Timestamp,User Count,Type,Name,Requests/s,Failures/s,50%,95%,Total Average Response Time\n"
                            "1700000000,1,,Aggregated,0,0,N/A,N/A,0\n1700000001,2,GET,/a,3.5,0,120,300,110.5\n");
    const TimeSeries* p95 = findSeries(r, "latency", {{"name", "/a"}, {"quantile", "0.95"}});
    QVERIFY(p95);
    QCOMPARE(p95->value[0], 0.3);
    QVERIFY(std::isnan(findSeries(r, "latency", {{"name", "Aggregated"}, {"quantile", "0.5"}})->value[0]));
    QVERIFY(hasWarning(r, WarningKind::MissingValue));
  }
  void otlpStringInt64AndHistogramQuantile() {
    const auto r = readText(OtlpJsonImporter(), R"js({"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"rt","unit":"ms",
      "histogram":{"aggregationTemporality":2,"dataPoints":[{"timeUnixNano":"1700000000000000000","count":"10","sum":1000,
      "bucketCounts":["5","5","0"],"explicitBounds":[100,200]}]}}]}]}]})js");
    const TimeSeries* p50 = findSeries(r, "histogram_quantile(0.5, rt)");
    QVERIFY(p50);
    QCOMPARE(p50->time_s[0], 1700000000.0);
    QCOMPARE(p50->value[0], 0.1);
    QCOMPARE(findSeries(r, "mean(rt)")->value[0], 0.1);
  }
  void pointWithoutFiniteTimeIsDroppedWithWarning() {
    const auto r = readText(OtlpJsonImporter(), R"js({"resourceMetrics":[{"scopeMetrics":[{"metrics":[{"name":"g",
      "gauge":{"dataPoints":[{"timeUnixNano":"NaN","asDouble":1},{"timeUnixNano":"2000000000000000000","asDouble":2}]}}]}]}]})js");
    const TimeSeries* g = findSeries(r, "g");
    QCOMPARE(g->size(), std::size_t{1});
    QCOMPARE(g->value[0], 2.0);
    QVERIFY(hasWarning(r, WarningKind::MalformedLine));
  }
  void newRelicBothLayouts() {
    auto r = readText(NewRelicJsonImporter(), R"js({"data":{"actor":{"account":{"nrql":{"results":[
      {"beginTimeSeconds":1750148571,"endTimeSeconds":1750148631,"count":3.0,"percentile.duration":{"95":0.2}}]}}}}})js");
    QCOMPARE(findSeries(r, "count")->value[0], 3.0);
    QCOMPARE(findSeries(r, "percentile.duration", {{"quantile", "0.95"}})->value[0], 0.2);
    r = readText(NewRelicJsonImporter(),
                 R"js({"timeSeries":[{"results":[{"average":1.98}],"beginTimeSeconds":10,"endTimeSeconds":70}],"total":{}})js");
    QCOMPARE(findSeries(r, "average")->time_s[0], 10.0);
  }
  void accessLogWithNginxRequestTime() {
    const std::string text =
        "1.2.3.4 - - [17/May/2015:10:05:03 +0200] \"GET / HTTP/1.1\" 200 12 \"-\" \"ua\" 0.250\n"
        "garbage line\n"
        "1.2.3.4 - - [17/May/2015:10:05:03 +0200] \"GET /x HTTP/1.1\" 503 - \"-\" \"ua\" 0.750\n";
    ImportOptions o;
    o.quantiles = {0.5};
    const auto r = readText(AccessLogImporter(), text, o);
    const TimeSeries* thr = findSeries(r, "throughput");
    QCOMPARE(thr->time_s[0], 1431849903.0);  // 08:05:03 UTC
    QCOMPARE(thr->value[0], 2.0);
    QCOMPARE(findSeries(r, "error_rate")->value[0], 0.5);
    QCOMPARE(findSeries(r, "latency", {{"quantile", "0.5"}})->value[0], 0.5);
    QVERIFY(hasWarning(r, WarningKind::MalformedLine));
  }
  void gatlingRequestsAndUsers() {
    const std::string text =
        "RUN\tSim\t\tsim-1\t1000000000000\t \t3.5.1\n"
        "USER\tScn\tSTART\t1000000000000\t1000000000000\n"
        "REQUEST\t\thome\t1000000000100\t1000000000350\tOK\n"
        "REQUEST\t\thome\t1000000000200\t1000000000300\tKO\tstatus 500\n"
        "USER\tScn\tEND\t1000000000000\t1000000000900\n";
    const auto r = readText(GatlingLogImporter(), text);
    QCOMPARE(findSeries(r, "response_time", {{"name", "home"}})->value[0], 0.25);
    QCOMPARE(findSeries(r, "error_rate")->value[0], 0.5);
    const TimeSeries* users = findSeries(r, "active_users");
    QCOMPARE(users->value[0], 1.0);
    QCOMPARE(users->value[1], 0.0);
    QCOMPARE(users->time_s[1], 1000000000.9);
    try {
      readText(GatlingLogImporter(), "RUN\tx\nREQUEST\t\thome\tabc\t5\tOK\n", {}, "g.log");
      QFAIL("expected ImportError");
    } catch (const ImportError& e) {
      QCOMPARE(e.line(), 2L);
      QCOMPARE(e.field(), std::string("request start"));
    }
  }
  void nginxPlusRatesWithRestart() {
    const std::string text =
        R"js({"nginx_version":"1","timestamp":1000000,"connections":{"active":2,"idle":1},"requests":{"total":100}})js" "\n"
        R"js({"nginx_version":"1","timestamp":1010000,"connections":{"active":3,"idle":1},"requests":{"total":150}})js" "\n"
        R"js({"nginx_version":"1","timestamp":1020000,"connections":{"active":3,"idle":1},"requests":{"total":20}})js" "\n";
    const auto r = readText(NginxPlusStatusImporter(), text);
    const TimeSeries* rate = findSeries(r, "rate(nginx_requests_total)");
    QCOMPARE(rate->value[0], 5.0);
    QCOMPARE(rate->value[1], 2.0);  // restart: 20 new requests in 10 s
    QVERIFY(hasWarning(r, WarningKind::CounterReset));
  }
  void detectionByContentOfInlineHeads_data() {
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("fileName");
    QTest::addColumn<QString>("expected");
    QTest::newRow("grafana excel") << QByteArray("sep=,\r\n\"Time\",\"cpu\"\r\n\"2024-01-01 00:00:00\",\"1 %\"\r\n")
                                   << "export.txt" << "grafana-csv";
    QTest::newRow("grafana plain") << QByteArray("\"Time\",\"a\"\r\n1704067200000,1\r\n") << "a.json" << "grafana-csv";
    QTest::newRow("nab csv") << QByteArray("timestamp,value\n2014-02-14 14:30:00,0.132\n") << "x.log" << "timeseries-csv";
    QTest::newRow("jmeter csv") << QByteArray("timeStamp,elapsed,label\n1551783627191,351,a\n") << "r.csv" << "jmeter-jtl";
    QTest::newRow("k6 csv") << QByteArray("metric_name,timestamp,metric_value\nvus,1633706790,1\n") << "k.txt" << "k6-raw";
    QTest::newRow("locust") << QByteArray("Timestamp,User Count,Type,Name,Requests/s\n1,1,,Aggregated,0\n") << "l.txt"
                            << "locust-history";
    QTest::newRow("prom text") << QByteArray("# HELP up x\n# TYPE up gauge\nup 1\n") << "m.csv" << "prometheus-text";
    QTest::newRow("prom bare samples") << QByteArray("up{job=\"a\"} 1\n") << "m.dat" << "prometheus-text";
    QTest::newRow("prom json") << QByteArray(R"js({"status":"success","data":{"resultType":"matrix","result":[]}})js")
                               << "q.csv" << "prometheus-json";
    QTest::newRow("cloudwatch") << QByteArray(R"js({"Label":"CPU","Datapoints":[]})js") << "c.txt" << "cloudwatch-json";
    QTest::newRow("datadog") << QByteArray(R"js({"status":"ok","series":[{"pointlist":[]}]})js") << "d.txt" << "datadog-json";
    QTest::newRow("otlp") << QByteArray(R"js({"resourceMetrics":[]})js") << "o.txt" << "otlp-json";
    QTest::newRow("nrql") << QByteArray(R"js({"data":{"actor":{"account":{"nrql":{"results":[{"beginTimeSeconds":1}]}}}}})js")
                          << "n.txt" << "newrelic-json";
    QTest::newRow("k6 summary") << QByteArray(R"js({"metrics":{"http_reqs":{"type":"counter"}}})js") << "s.txt" << "k6-summary";
    QTest::newRow("access log")
        << QByteArray("1.2.3.4 - - [17/May/2015:10:05:03 +0000] \"GET / HTTP/1.1\" 200 5 \"-\" \"ua\"\n") << "a.csv"
        << "access-log";
    QTest::newRow("gatling") << QByteArray("RUN\tSim\t\tid\t1\t \t3.5\n") << "g.csv" << "gatling-log";
  }
  void detectionByContentOfInlineHeads() {
    QFETCH(QByteArray, head);
    QFETCH(QString, fileName);
    QFETCH(QString, expected);
    const ImporterRegistry registry;
    const Importer* importer = registry.detectContent(head.toStdString(), fileName.toStdString());
    QVERIFY(importer);
    QCOMPARE(QString::fromStdString(importer->id()), expected);
  }
  void cancellationThrowsImportCancelled() {
    std::string text = "timestamp,value\n";
    for (int i = 0; i < 20000; ++i) text += std::to_string(1700000000 + i) + ",1\n";
    std::istringstream in(text);
    Feedback fb;
    fb.cancel();
    QVERIFY_THROWS_EXCEPTION(ImportCancelled, TimeSeriesCsvImporter().read(in, "c.csv", {}, &fb));
  }
  void progressReachesOne() {
    std::string text = "timestamp,value\n";
    for (int i = 0; i < 10000; ++i) text += std::to_string(1700000000 + i) + ",1\n";
    std::istringstream in(text);
    Feedback fb;
    TimeSeriesCsvImporter().read(in, "p.csv", {}, &fb);
    QCOMPARE(fb.progress(), 1.0);
  }
};

QTEST_APPLESS_MAIN(TestFormatFixtures)
#include "test_format_fixtures.moc"
