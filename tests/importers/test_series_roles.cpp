// Roles given in the import dialog: the stable names calibrate/backtest select, refusals that name the series.
#include <QtTest>

#include "importers/series_roles.h"

using namespace headroom;

namespace {
TimeSeries series(const std::string& name, const std::string& unit, std::map<std::string, std::string> labels = {}) {
  TimeSeries s;
  s.name = name;
  s.unit = unit;
  s.labels = std::move(labels);
  s.time_s = {1, 2};
  s.value = {3, 4};
  return s;
}
}  // namespace

class SeriesRolesTest : public QObject {
  Q_OBJECT
 private slots:
  void guessesFromUnitAndLabels() {
    const auto t = guessRole(series("http_requests", "1/s", {{"endpoint", "checkout"}}));
    QCOMPARE(t.role, SeriesRole::Traffic);
    QCOMPARE(t.request_class, std::string("checkout"));
    QCOMPARE(guessRole(series("cpu", "percent")).role, SeriesRole::Utilization);
    const auto q = guessRole(series("lat", "s", {{"quantile", "0.99"}}));
    QCOMPARE(q.role, SeriesRole::LatencyPercentile);
    QCOMPARE(q.quantile, std::string("0.99"));
    QCOMPARE(guessRole(series("value", "")).role, SeriesRole::Keep);
  }

  void givesTheNamesCalibrateSelects() {
    ImportResult r;
    r.series = {series("value", "", {{"endpoint", "browse"}}), series("worker_busy", ""), series("lat", "s"), series("other", "bytes")};
    applySeriesRoles(r,
                     {{SeriesRole::Traffic, "browse", ""},
                      {SeriesRole::BusyWorkers, "", ""},
                      {SeriesRole::LatencyPercentile, "browse", "0.95"},
                      {SeriesRole::Keep, "", ""}},
                     "f.json");
    QCOMPARE(r.series[0].name, std::string("throughput"));
    QCOMPARE(r.series[0].labels.at("class"), std::string("browse"));
    QCOMPARE(r.series[0].labels.at("source_metric"), std::string("value"));
    QCOMPARE(r.series[0].unit, std::string("1/s"));  // unit-less traffic is a rate
    QCOMPARE(r.series[1].name, std::string("busy_workers"));
    QCOMPARE(r.series[1].unit, std::string("count"));
    QCOMPARE(r.series[2].name, std::string("latency"));
    QCOMPARE(r.series[2].labels.at("quantile"), std::string("0.95"));
    QCOMPARE(r.series[3].name, std::string("other"));
    QVERIFY(!r.series[3].labels.count("source_metric"));
  }

  void refusesRolesThatDoNotFitAndChangesNothing() {
    ImportResult r;
    r.series = {series("rps", "1/s"), series("bytes_out", "bytes")};
    try {
      applySeriesRoles(r, {{SeriesRole::Traffic, "a", ""}, {SeriesRole::Utilization, "", ""}}, "f.json");
      QFAIL("a byte count accepted as utilization");
    } catch (const ImportError& e) {
      QVERIFY2(std::string(e.what()).find("bytes_out") != std::string::npos, e.what());
    }
    QCOMPARE(r.series[0].name, std::string("rps"));  // the valid first role was not applied either
    QVERIFY_THROWS_EXCEPTION(ImportError, applySeriesRoles(r, {{SeriesRole::Traffic, "", ""}, {}}, "f.json"));  // no class
    QVERIFY_THROWS_EXCEPTION(ImportError, applySeriesRoles(r, {{SeriesRole::Keep, "", ""}}, "f.json"));        // count mismatch
    ImportResult lat;
    lat.series = {series("lat", "s")};
    QVERIFY_THROWS_EXCEPTION(ImportError, applySeriesRoles(lat, {{SeriesRole::LatencyPercentile, "a", "95"}}, "f.json"));
  }
};

QTEST_MAIN(SeriesRolesTest)
#include "test_series_roles.moc"
