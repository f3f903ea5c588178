// Inputs of the one-command calibration: time windows (absolute and relative), the server count from gauges
// (plateau, lower bound + message), and the empirical distribution from histogram bucket counters.
#include <QtTest>

#include <cmath>
#include <random>

#include "simulator/calibration/bucket_distribution.h"
#include "simulator/calibration/concurrency.h"
#include "simulator/calibration/time_window.h"

using namespace headroom;
using namespace headroom::calibration;

namespace {

TimeSeries series(std::vector<double> values, double t0 = 1767258000.0, double step = 15.0) {
  TimeSeries s;
  s.name = "g";
  for (std::size_t i = 0; i < values.size(); ++i) {
    s.time_s.push_back(t0 + step * static_cast<double>(i));
    s.value.push_back(values[i]);
  }
  return s;
}

}  // namespace

class CalibrationInputsTest : public QObject {
  Q_OBJECT
 private slots:
  void windowsAreAbsoluteOrRelativeToTheSeriesStart() {
    const TimeSeries s = series({1, 2, 3, 4, 5, 6, 7, 8});
    TimeWindow w;
    w.from = parseTimeBound("+30s", "--from");
    w.to = parseTimeBound("2026-01-01T09:01:30Z", "--to");  // t0 + 90 s
    const ResolvedWindow r = resolveWindow(w, seriesExtent({&s}));
    const TimeSeries cut = cutToWindow(s, r);
    QCOMPARE(cut.size(), std::size_t(4));  // t0+30, 45, 60, 75
    QCOMPARE(cut.value.front(), 3.0);
    QCOMPARE(parseTimeBound("+2h", "--to").value_s, 7200.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseTimeBound("yesterday", "--from"));
    TimeWindow outside;
    outside.from = parseTimeBound("+1d", "--from");
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, resolveWindow(outside, seriesExtent({&s})));
  }

  void serversFromABusyGaugePlateau() {
    ConcurrencyInputs in;
    in.busy_workers = series({1.2, 2.5, 3.1, 4.0, 4.0, 3.999, 4.0, 2.0});
    const auto e = inferConcurrency(in);
    QVERIFY(e.ok);
    QCOMPARE(e.servers, 4);
    QVERIFY(e.method.find("plateau") != std::string::npos);
  }

  void noPlateauAsksForServersAndGivesTheBound() {
    ConcurrencyInputs in;
    in.busy_workers = series({1.2, 2.5, 3.1, 2.9, 1.0});
    const auto e = inferConcurrency(in);
    QVERIFY(!e.ok);
    QVERIFY2(e.message.find("--servers") != std::string::npos, e.message.c_str());
    QVERIFY2(e.message.find("at least 4") != std::string::npos, e.message.c_str());
    in.given_servers = 8;
    const auto g = inferConcurrency(in);
    QVERIFY(g.ok);
    QCOMPARE(g.servers, 8);
  }

  void bucketCountersGiveTheEmpiricalDistribution() {
    // Exponential(100 ms) observations counted into cumulative buckets scraped every 15 s, one counter reset.
    std::mt19937_64 rng(7);
    std::exponential_distribution<double> d(10.0);
    const std::vector<std::string> les{"0.025", "0.05", "0.1", "0.2", "0.4", "0.8", "+Inf"};
    std::vector<TimeSeries> buckets(les.size());
    std::vector<double> cum(les.size(), 0.0);
    for (std::size_t b = 0; b < les.size(); ++b) {
      buckets[b].name = "http_request_duration_seconds_bucket";
      buckets[b].labels = {{"le", les[b]}};
      buckets[b].unit = "count";
    }
    for (int scrape = 0; scrape < 40; ++scrape) {
      if (scrape == 20) std::fill(cum.begin(), cum.end(), 0.0);  // process restart
      for (int k = 0; k < 500 && scrape > 0; ++k) {
        const double x = d(rng);
        for (std::size_t b = 0; b < les.size(); ++b)
          if (les[b] == "+Inf" || x <= std::stod(les[b])) cum[b] += 1;
      }
      for (std::size_t b = 0; b < les.size(); ++b) {
        buckets[b].time_s.push_back(1767258000.0 + 15 * scrape);
        buckets[b].value.push_back(cum[b]);
      }
    }
    const auto e = distributionFromBuckets(buckets);
    QVERIFY(e.ok);
    QCOMPARE(e.observations, 39.0 * 500);
    QCOMPARE(e.distribution.kind, Distribution::Kind::Histogram);
    // Uniform-within-bucket mean of an exponential(100 ms) is close to 100 ms at this resolution.
    QVERIFY2(std::abs(e.mean_s - 0.1) < 0.01, std::to_string(e.mean_s).c_str());
    QVERIFY2(e.cv > 0.8 && e.cv < 1.2, std::to_string(e.cv).c_str());
    QCOMPARE(scaledToMean(e.distribution, 0.05).mean(), 0.05);
    TimeSeries bad = buckets[0];
    bad.labels = {{"le", "fast"}};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, distributionFromBuckets({bad}));
  }
};

QTEST_GUILESS_MAIN(CalibrationInputsTest)
#include "test_calibration_inputs.moc"
