// RateCurve against values computed by hand from the formulas in docs/scenario-format.md, and the
// thinning bound the simulator relies on: upperBound(a, b) >= rateAt(t) for every t in [a, b].
#include <QTest>

#include <cmath>
#include <numbers>

#include "model/rate_curve.h"
#include "model/units.h"

using namespace headroom;

namespace {

constexpr double kHour = 3600.0;

RateCurve withSeasonalityAndSpikes(RateCurve c) {
  c.daily.enabled = true;
  c.daily.amplitude = 0.4;
  c.daily.peak_hour = 20;
  c.weekly.enabled = true;
  c.weekly.daily_factors = {1.0, 1.1, 1.0, 0.9, 1.3, 0.6, 0.5};
  c.spikes = {{5 * kHour, 2 * kHour, 4.0}, {30 * kHour, 0.5 * kHour, 0.25}, {6 * kHour, 3 * kHour, 1.5}};
  c.start_hour = 7.5;
  c.start_weekday = 3;
  return c;
}

RateCurve steps() {
  RateCurve c;
  c.kind = RateCurve::Kind::Steps;
  c.steps = {{0, 100}, {600, 300}, {1800, 50}};
  return c;
}

RateCurve linear(double slope) {
  RateCurve c;
  c.kind = RateCurve::Kind::Linear;
  c.rate_per_s = 100;
  c.slope_per_s_per_day = slope;
  return c;
}

RateCurve compound() {
  RateCurve c;
  c.kind = RateCurve::Kind::Compound;
  c.rate_per_s = 100;
  c.growth_percent = 8;
  c.growth_period_s = kSecondsPerMonth;
  return c;
}

RateCurve logistic(double floor, double ceiling) {
  RateCurve c;
  c.kind = RateCurve::Kind::Logistic;
  c.floor_per_s = floor;
  c.ceiling_per_s = ceiling;
  c.midpoint_s = 10 * kSecondsPerDay;
  c.steepness_per_day = 0.5;
  return c;
}

}  // namespace

class TestRateCurve : public QObject {
  Q_OBJECT

 private slots:
  void constantIsConstant() {
    const RateCurve c = RateCurve::constant(100);
    QCOMPARE(c.rateAt(0), 100.0);
    QCOMPARE(c.rateAt(12345.6), 100.0);
    QVERIFY(c.isStationary());
  }

  void stepsHoldUntilTheNextStep() {
    const RateCurve c = steps();
    QCOMPARE(c.rateAt(0), 100.0);
    QCOMPARE(c.rateAt(599.999), 100.0);
    QCOMPARE(c.rateAt(600), 300.0);
    QCOMPARE(c.rateAt(1799), 300.0);
    QCOMPARE(c.rateAt(1800), 50.0);
    QCOMPARE(c.rateAt(1e6), 50.0);
    QCOMPARE(c.upperBound(0, 599), 100.0);
    QCOMPARE(c.upperBound(500, 700), 300.0);
    QCOMPARE(c.upperBound(1900, 2000), 50.0);
  }

  void linearGrowsBySlopePerDayAndStopsAtZero() {
    QCOMPARE(linear(5).rateAt(2 * kSecondsPerDay), 110.0);
    QCOMPARE(linear(5).rateAt(0.5 * kSecondsPerDay), 102.5);
    QCOMPARE(linear(-10).rateAt(5 * kSecondsPerDay), 50.0);
    QCOMPARE(linear(-10).rateAt(20 * kSecondsPerDay), 0.0);  // 100 - 200 is clamped, never negative
  }

  void compoundGrowsByPercentPerPeriod() {
    const RateCurve c = compound();
    QCOMPARE(c.rateAt(0), 100.0);
    QVERIFY(qFuzzyCompare(c.rateAt(kSecondsPerMonth), 108.0));
    QVERIFY(qFuzzyCompare(c.rateAt(6 * kSecondsPerMonth), 100.0 * std::pow(1.08, 6)));
    QVERIFY(qFuzzyCompare(c.rateAt(0.5 * kSecondsPerMonth), 100.0 * std::sqrt(1.08)));
  }

  // +8%/month doubles in ln 2 / ln 1.08 = 9.006 months: find the doubling time on the curve by bisection.
  void compoundDoublesInAboutNineMonths() {
    const RateCurve c = compound();
    double lo = 0, hi = 24 * kSecondsPerMonth;
    for (int i = 0; i < 200; ++i) {
      const double mid = 0.5 * (lo + hi);
      (c.rateAt(mid) < 200.0 ? lo : hi) = mid;
    }
    const double months = lo / kSecondsPerMonth;
    QVERIFY2(std::abs(months - 9.006) < 0.0005, qPrintable(QString::number(months, 'f', 6)));
  }

  void logisticFollowsTheSCurve() {
    const RateCurve c = logistic(10, 1000);
    QCOMPARE(c.rateAt(c.midpoint_s), 505.0);
    // one day after the midpoint with k = 0.5/day: floor + span / (1 + e^-0.5)
    QVERIFY(qFuzzyCompare(c.rateAt(c.midpoint_s + kSecondsPerDay), 10.0 + 990.0 / (1.0 + std::exp(-0.5))));
    QVERIFY(std::abs(c.rateAt(0) - (10.0 + 990.0 / (1.0 + std::exp(5.0)))) < 1e-9);
    QVERIFY(c.rateAt(1000 * kSecondsPerDay) > 999.999);
    QVERIFY(!c.isStationary());
  }

  void dailySinusoidPeaksAtPeakHour() {
    RateCurve c = RateCurve::constant(100);
    c.daily.enabled = true;
    c.daily.amplitude = 0.4;
    c.daily.peak_hour = 20;
    QVERIFY(qFuzzyCompare(c.rateAt(20 * kHour), 140.0));
    QVERIFY(qFuzzyCompare(c.rateAt(8 * kHour), 60.0));
    QVERIFY(qFuzzyCompare(c.rateAt(14 * kHour), 100.0 + 40.0 * std::cos(std::numbers::pi / 2)));
    c.start_hour = 2;  // t = 18 h is 20:00 on the wall clock
    QVERIFY(qFuzzyCompare(c.rateAt(18 * kHour), 140.0));
  }

  void hourlyFactorsInterpolateBetweenHourCentres() {
    RateCurve c = RateCurve::constant(10);
    c.daily.enabled = true;
    for (int h = 0; h < 24; ++h) c.daily.hourly_factors.push_back(1.0 + h);
    QVERIFY(qFuzzyCompare(c.rateAt(0.5 * kHour), 10.0));   // centre of hour 0: factor 1
    QVERIFY(qFuzzyCompare(c.rateAt(1.0 * kHour), 15.0));   // half way to hour 1's factor 2
    QVERIFY(qFuzzyCompare(c.rateAt(13.5 * kHour), 140.0));
    QVERIFY(qFuzzyCompare(c.rateAt(0.0), 10.0 * (24.0 + 1.0) / 2));  // wraps: between hour 23 and hour 0
  }

  void weeklyFactorsStartOnStartWeekday() {
    RateCurve c = RateCurve::constant(10);
    c.weekly.enabled = true;
    c.weekly.daily_factors = {1, 2, 3, 4, 5, 6, 7};
    c.start_weekday = 4;  // Friday
    QCOMPARE(c.rateAt(1), 50.0);
    QCOMPARE(c.rateAt(kSecondsPerDay + 1), 60.0);   // Saturday
    QCOMPARE(c.rateAt(3 * kSecondsPerDay + 1), 10.0);  // Monday
  }

  void spikesMultiplyWhileActive() {
    RateCurve c = RateCurve::constant(20);
    c.spikes = {{3600, 7200, 4}};
    QCOMPARE(c.rateAt(3599), 20.0);
    QCOMPARE(c.rateAt(3600), 80.0);
    QCOMPARE(c.rateAt(10799), 80.0);
    QCOMPARE(c.rateAt(10800), 20.0);
    QVERIFY(!c.isStationary());
    QCOMPARE(c.upperBound(0, 3000), 20.0);
    QCOMPARE(c.upperBound(0, 4000), 80.0);
  }

  void upperBoundCoversRate_data() {
    QTest::addColumn<int>("which");
    QTest::newRow("constant") << 0;
    QTest::newRow("steps") << 1;
    QTest::newRow("linear-up") << 2;
    QTest::newRow("linear-down") << 3;
    QTest::newRow("compound") << 4;
    QTest::newRow("logistic-up") << 5;
    QTest::newRow("logistic-down") << 6;
    QTest::newRow("hourly-factors") << 7;
  }

  // Thinning is only exact if the bound never undercuts the rate: check on a dense grid of intervals.
  void upperBoundCoversRate() {
    QFETCH(int, which);
    RateCurve base;
    switch (which) {
      case 0: base = RateCurve::constant(100); break;
      case 1: base = steps(); break;
      case 2: base = linear(30); break;
      case 3: base = linear(-40); break;
      case 4: base = compound(); base.growth_period_s = kSecondsPerDay; break;
      case 5: base = logistic(10, 1000); base.midpoint_s = kSecondsPerDay; base.steepness_per_day = 4; break;
      case 6: base = logistic(1000, 10); base.midpoint_s = kSecondsPerDay; base.steepness_per_day = 4; break;
      default: base = RateCurve::constant(100); break;
    }
    RateCurve c = withSeasonalityAndSpikes(base);
    if (which == 7) {
      for (int h = 0; h < 24; ++h) c.daily.hourly_factors.push_back(0.5 + 0.05 * ((h * 7) % 24));
    }
    const double horizon = 3 * kSecondsPerDay;
    int checked = 0;
    for (double width : {60.0, 900.0, 3 * kHour}) {
      for (double a = 0; a + width <= horizon; a += width) {
        const double b = a + width;
        const double bound = c.upperBound(a, b);
        for (int k = 0; k < 30; ++k) {  // [a, b): the closed end is checked in upperBoundIncludesIntervalEnd
          const double t = a + width * k / 30.0;
          const double r = c.rateAt(t);
          if (r > bound * (1 + 1e-12)) {
            QFAIL(qPrintable(QString("rateAt(%1) = %2 exceeds upperBound(%3, %4) = %5")
                                 .arg(t).arg(r).arg(a).arg(b).arg(bound)));
          }
          ++checked;
        }
      }
    }
    QVERIFY(checked > 10000);
  }

  // rate_curve.h promises a bound over the closed interval [a, b]; a spike that starts exactly at b is
  // active at t = b (spikes cover [start, start + duration)), so the bound must include it.
  void upperBoundIncludesIntervalEnd() {
    RateCurve c = RateCurve::constant(20);
    c.spikes = {{3600, 600, 4}};
    QVERIFY(c.upperBound(3000, 3600) >= c.rateAt(3600));
  }
};

QTEST_APPLESS_MAIN(TestRateCurve)
#include "tst_rate_curve.moc"
