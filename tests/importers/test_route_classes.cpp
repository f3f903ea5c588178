// Per-class access logs (routes -> classes, the latency field chosen explicitly) and what a user adds to an import:
// a unit hint (refused when it makes no sense) and stable names for unnamed Prometheus expression results.
#include <QtTest>

#include <cmath>

#include "importers/access_log.h"
#include "importers/import_adjust.h"
#include "importers/prometheus_json.h"
#include "importers/route_classes.h"
#include "test_support.h"

using namespace headroom;
using namespace headroom::test;

namespace {

// nginx: log_format ... '$request_time $upstream_response_time'
const char* kLog =
    "10.0.0.1 - - [01/Jan/2026:09:00:00 +0000] \"GET /api/browse/42 HTTP/1.1\" 200 512 \"-\" \"curl\" 0.050 0.040\n"
    "10.0.0.1 - - [01/Jan/2026:09:00:00 +0000] \"POST /api/checkout?cart=1 HTTP/1.1\" 200 64 \"-\" \"curl\" 0.300 0.250\n"
    "10.0.0.1 - - [01/Jan/2026:09:00:00 +0000] \"GET /api/browse/7 HTTP/1.1\" 200 512 \"-\" \"curl\" 0.070 0.060\n"
    "10.0.0.1 - - [01/Jan/2026:09:00:01 +0000] \"GET /health HTTP/1.1\" 200 2 \"-\" \"kube\" 0.001 -\n"
    "10.0.0.1 - - [01/Jan/2026:09:00:01 +0000] \"POST /api/checkout HTTP/1.1\" 502 0 \"-\" \"curl\" 0.500 0.100, 0.300\n";

}  // namespace

class RouteClassesTest : public QObject {
  Q_OBJECT
 private slots:
  void patternsMatchPathsWithoutTheQuery() {
    QVERIFY(routePatternMatches("/api/checkout*", "/api/checkout"));
    QVERIFY(routePatternMatches("/api/checkout*", "/api/checkout/pay"));
    QVERIFY(routePatternMatches("/api/*/items", "/api/v2/items"));
    QVERIFY(!routePatternMatches("/api/checkout*", "/api/browse"));
    const std::vector<RouteClass> routes{parseRouteClass("/api/checkout*=checkout"), parseRouteClass("/api/*=browse")};
    QCOMPARE(classifyRoute("/api/checkout?x=/api", routes).value_or(""), std::string("checkout"));
    QCOMPARE(classifyRoute("/api/browse/1", routes).value_or(""), std::string("browse"));  // first match wins
    QVERIFY(!classifyRoute("/health", routes));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseRouteClass("/api/checkout*"));
  }

  void accessLogSplitsByRouteWithTheChosenLatencyField() {
    ImportOptions o;
    o.route_classes = {{"/api/checkout*", "checkout"}, {"/api/browse*", "browse"}};
    o.access_log_latency = "request_time_s";
    o.access_log_latency_position = 2;  // $request_time is the second field from the end
    o.quantiles = {0.5};
    const ImportResult r = readText(AccessLogImporter(), kLog, o);
    const TimeSeries* browse = findSeries(r, "throughput", {{"class", "browse"}});
    const TimeSeries* checkout = findSeries(r, "throughput", {{"class", "checkout"}});
    const TimeSeries* other = findSeries(r, "throughput", {{"class", "other"}});
    QVERIFY(browse && checkout && other);
    QCOMPARE(browse->value.front(), 2.0);
    QCOMPARE(checkout->value.front(), 1.0);
    QCOMPARE(other->value.back(), 1.0);
    const TimeSeries* browseP50 = findSeries(r, "latency", {{"class", "browse"}, {"quantile", "0.5"}});
    QVERIFY(browseP50);
    QVERIFY(std::abs(browseP50->value.front() - 0.060) < 1e-9);  // median of 0.050 and 0.070 ($request_time)

    // $upstream_response_time (last field): the backend's own time; "-" = no upstream, a list is summed.
    o.access_log_latency = "upstream_response_time_s";
    o.access_log_latency_position = 1;
    const ImportResult u = readText(AccessLogImporter(), kLog, o);
    const TimeSeries* up = findSeries(u, "latency", {{"class", "checkout"}, {"quantile", "0.5"}});
    QVERIFY(up);
    QVERIFY(std::abs(up->value.front() - 0.250) < 1e-9);
    QVERIFY(std::abs(up->value.back() - 0.400) < 1e-9);  // 0.100 + 0.300
    QVERIFY(std::isnan(findSeries(u, "latency", {{"class", "other"}, {"quantile", "0.5"}})->value.back()));
    // The totals are still there, unlabelled by class.
    QVERIFY(findSeries(u, "throughput", {}) && findSeries(u, "throughput", {})->labels.empty());
  }

  void binsCanBeStampedAtTheirEndLikePrometheus() {
    ImportOptions o;
    o.bin_s = 15;
    const ImportResult start = readText(AccessLogImporter(), kLog, o);
    o.bin_stamp_at_end = true;
    const ImportResult end = readText(AccessLogImporter(), kLog, o);
    const TimeSeries* a = findSeries(start, "throughput", {});
    const TimeSeries* b = findSeries(end, "throughput", {});
    QVERIFY(a && b && a->size() == 1 && b->size() == 1);
    QCOMPARE(a->time_s.front(), 1767258000.0);  // 2026-01-01 09:00:00, the bin [09:00:00, 09:00:15)
    QCOMPARE(b->time_s.front(), 1767258015.0);  // the same bin stamped at its end
    QCOMPARE(b->value.front(), a->value.front());
  }

  void expressionResultsGetStableNamesAndTheUnitHint() {
    const std::string json =
        R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"endpoint":"checkout"},"values":[[1767258000,"120"],[1767258015,"135"]]}]}})";
    ImportResult r = readText(PrometheusJsonImporter(), json);
    QCOMPARE(r.series.front().name, std::string("value"));
    nameImportedSeries(r, "http_latency", {{"quantile", "0.95"}});
    applyUnitHint(r, "ms", "p95.json");
    QCOMPARE(r.series.front().name, std::string("http_latency"));
    QCOMPARE(r.series.front().labels.at("quantile"), std::string("0.95"));
    QCOMPARE(r.series.front().unit, std::string("s"));
    QCOMPARE(r.series.front().value.front(), 0.120);
  }

  void realApacheLogClassesAddUpToTheTotal() {
    const QString path = sharedData() + "/accesslogs/elastic_apache_logs.log";
    if (!QFile::exists(path)) QSKIP("shared sample data absent (HEADROOM_SHARED_DIR/data/accesslogs): real-log part skipped");
    ImportOptions o;
    o.bin_s = 60;
    o.route_classes = {{"/presentations/*", "presentations"}, {"/blog/*", "blog"}, {"*.png", "images"}};
    const ImportResult r = ImporterRegistry().importFile(path.toStdString(), o);
    const TimeSeries* total = findSeries(r, "throughput", {});
    QVERIFY(total && total->labels.empty());
    double sumTotal = 0, sumClasses = 0;
    for (double v : total->value) sumTotal += v;
    int classes = 0;
    for (const auto& s : r.series)
      if (s.name == "throughput" && s.labels.count("class")) {
        ++classes;
        for (double v : s.value) sumClasses += v;
      }
    QCOMPARE(classes, 4);  // the three routes and "other"
    QVERIFY(sumTotal > 0);
    QVERIFY(std::abs(sumClasses - sumTotal) < 1e-6 * sumTotal);
  }

  void aNonsensicalUnitHintIsRefused() {
    const std::string json =
        R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"job":"api"},"values":[[1767258000,"250"]]}]}})";
    ImportResult r = readText(PrometheusJsonImporter(), json);
    QVERIFY_THROWS_EXCEPTION(ImportError, applyUnitHint(r, "furlongs", "u.json"));
    QVERIFY_THROWS_EXCEPTION(ImportError, applyUnitHint(r, "percent", "u.json"));  // 250 % utilization
    ImportResult named = readText(PrometheusJsonImporter(),
                                  R"({"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"__name__":"http_request_duration_seconds"},"values":[[1767258000,"0.2"]]}]}})");
    QVERIFY_THROWS_EXCEPTION(ImportError, applyUnitHint(named, "percent", "d.json"));  // would apply to nothing
  }
};

QTEST_GUILESS_MAIN(RouteClassesTest)
#include "test_route_classes.moc"
