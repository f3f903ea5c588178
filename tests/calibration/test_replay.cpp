// Replay: an imported rate series becomes a Steps RateCurve that a simulation source can drive.
#include <QtTest>
#include <cmath>

#include "simulator/calibration/replay.h"
#include "simulator/simulation.h"
#include "synthetic_series.h"

using namespace headroom;
using namespace headroom::test;

namespace {

TimeSeries series(std::vector<double> t, std::vector<double> v, const std::string& unit = "1/s") {
  TimeSeries s;
  s.name = "rps";
  s.unit = unit;
  for (double& x : t) x += kMonday2026 + 9 * 3600;  // Monday 09:00
  s.time_s = std::move(t);
  s.value = std::move(v);
  return s;
}

}  // namespace

class TestReplay : public QObject {
  Q_OBJECT

 private slots:
  void stepsFollowTheSeriesScaledAndShifted() {
    const RateCurve c = replayRateCurve(series({0, 60, 120}, {10, 20, 30}), 1.5);
    QVERIFY(c.kind == RateCurve::Kind::Steps);
    QCOMPARE(c.steps.size(), std::size_t{3});
    QCOMPARE(c.steps[1].at_s, 60.0);
    QCOMPARE(c.rateAt(30), 15.0);
    QCOMPARE(c.rateAt(90), 30.0);
    QCOMPARE(c.rateAt(500), 45.0);
    QCOMPARE(c.start_weekday, 0);
    QCOMPARE(c.start_hour, 9.0);
    QCOMPARE(replayDuration_s(series({0, 60, 120}, {10, 20, 30})), 180.0);
  }

  void gapsHoldTheLastValueOrDropToZero() {
    const TimeSeries s = series({0, 60, 120, 180}, {10, std::nan(""), 30, 40});
    const RateCurve hold = replayRateCurve(s, 1.0);
    QCOMPARE(hold.rateAt(90), 10.0);
    ReplayOptions zero;
    zero.gaps = ReplayOptions::Gaps::Zero;
    const RateCurve z = replayRateCurve(s, 1.0, zero);
    QCOMPARE(z.rateAt(90), 0.0);
    QCOMPARE(z.rateAt(150), 30.0);
    // A leading gap is not part of the replay: t = 0 is the first real value.
    const RateCurve lead = replayRateCurve(series({0, 60, 120}, {std::nan(""), 5, 6}), 1.0);
    QCOMPARE(lead.steps.front().at_s, 0.0);
    QCOMPARE(lead.rateAt(0), 5.0);
  }

  void unsortedSamplesAreOrdered() {
    const RateCurve c = replayRateCurve(series({120, 0, 60}, {3, 1, 2}), 1.0);
    QCOMPARE(c.rateAt(10), 1.0);
    QCOMPARE(c.rateAt(70), 2.0);
    QCOMPARE(c.rateAt(130), 3.0);
  }

  void countsBecomeRates() {
    const RateCurve c = replayRateCurve(series({0, 300, 600}, {600, 1200, 1800}, "count"), 1.0);
    QCOMPARE(c.rateAt(100), 2.0);
    QCOMPARE(c.rateAt(400), 4.0);
  }

  void badInputIsRejected() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, replayRateCurve(series({0, 60}, {1, 2}), -1.0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, replayRateCurve(series({0, 60}, {std::nan(""), std::nan("")}), 1));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, replayRateCurve(series({0, 60}, {1, -2}), 1.0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, replayRateCurve(series({0, 60}, {1, 2}, "percent"), 1.0));
  }

  void replayDrivesASimulationSource() {
    // 20 minutes alternating 10 and 30 req/s every 5 minutes: the simulated arrival rate must follow.
    std::vector<double> t, v;
    for (int i = 0; i < 4; ++i) {
      t.push_back(i * 300.0);
      v.push_back(i % 2 ? 30.0 : 10.0);
    }
    const TimeSeries s = series(t, v);
    Scenario sc;
    sc.name = "replay";
    Component c;
    c.name = "api";
    c.workers_per_replica = 8;
    c.service_time = Distribution::exponential(0.01);
    sc.components.push_back(c);
    Source src;
    src.name = "replayed";
    src.entry = "api";
    src.rate = replayRateCurve(s, 2.0);
    sc.sources.push_back(src);
    RunOptions o;
    o.horizon_s = replayDuration_s(s);
    o.window_s = 300;
    o.replications = 2;
    o.seed = 5;
    const RunResult r = runSimulation(sc, o);
    const SeriesResult* arrivals = r.findSeries("api", "arrival_rate_per_s");
    QVERIFY(arrivals);
    QCOMPARE(arrivals->mean.size(), std::size_t{4});
    for (std::size_t w = 0; w < 4; ++w) {
      const double want = 2.0 * v[w];
      QVERIFY2(std::abs(arrivals->mean[w] - want) < 0.15 * want, qPrintable(QString::number(arrivals->mean[w])));
    }
  }
};

QTEST_APPLESS_MAIN(TestReplay)
#include "test_replay.moc"
