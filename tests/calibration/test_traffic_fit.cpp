// Traffic fit: trend and seasonality recovered from seeded synthetic series, with an honest forecast band.
#include <QtTest>
#include <cmath>
#include <numbers>
#include <random>

#include "model/units.h"
#include "simulator/calibration/traffic_fit.h"
#include "synthetic_series.h"

using namespace headroom;
using namespace headroom::test;

namespace {

bool notesMention(const TrafficFit& f, const std::string& word) {
  for (const auto& n : f.notes)
    if (n.find(word) != std::string::npos) return true;
  return false;
}

}  // namespace

class TestTrafficFit : public QObject {
  Q_OBJECT

 private slots:
  void compoundGrowthIsRecovered() {
    const TrafficShape shape;  // +8 %/month
    const TrafficFit fit = fitTraffic(compoundSeries(shape, 56, 3600, 1), {});
    QCOMPARE(fit.daily_harmonics, 3);
    QCOMPARE(fit.weekly_harmonics, 2);
    QCOMPARE(fit.points_used, 56 * 24);
    QVERIFY2(std::abs(fit.growth_percent_per_month - 8.0) < 0.5,
             qPrintable(QString::number(fit.growth_percent_per_month)));
    QVERIFY(fit.growth_percent_per_month_lower95 < 8.0 && fit.growth_percent_per_month_upper95 > 8.0);
    QVERIFY2(fit.r_squared > 0.95, qPrintable(QString::number(fit.r_squared)));
    // The noise is 5% lognormal: the residual std in log units must find it.
    QVERIFY(std::abs(fit.residual_std - 0.05) < 0.005);
    QVERIFY(fit.mape_percent > 2.0 && fit.mape_percent < 6.0);
  }

  void linearTrendIsRecovered() {
    std::mt19937_64 rng(7);
    std::normal_distribution<double> noise(0.0, 3.0);
    TimeSeries ts;
    ts.unit = "1/s";
    for (double t = kMonday2026; t < kMonday2026 + 21 * kDay; t += 1800) {
      const double d = (t - kMonday2026) / kDay;
      ts.time_s.push_back(t);
      ts.value.push_back(100.0 + 2.0 * d + 20.0 * std::sin(2 * std::numbers::pi * d) + noise(rng));
    }
    TrafficFitOptions o;
    o.trend = TrafficFitOptions::Trend::Linear;
    const TrafficFit fit = fitTraffic(ts, o);
    QVERIFY2(std::abs(fit.slope_per_s_per_day - 2.0) < 0.1, qPrintable(QString::number(fit.slope_per_s_per_day)));
    QVERIFY(fit.r_squared > 0.9);
    QVERIFY(std::abs(fit.residual_std - 3.0) < 0.3);
    QVERIFY(std::abs(fit.rmse_per_s - 3.0) < 0.3);
    // 2 req/s per day relative to the mid-window level (100 + 2 * 10.5) over a mean month.
    const double expected = 2.0 * kSecondsPerMonth / kSecondsPerDay / 121.0 * 100.0;
    QVERIFY(std::abs(fit.growth_percent_per_month - expected) < 5.0);
  }

  void forecastBandCoversHeldOutWeek() {
    const TrafficShape shape;
    const TimeSeries all = compoundSeries(shape, 42, 3600, 3);
    TimeSeries train = all, test = all;
    const std::size_t cut = 35 * 24;
    train.time_s.resize(cut);
    train.value.resize(cut);
    test.time_s.erase(test.time_s.begin(), test.time_s.begin() + cut);
    test.value.erase(test.value.begin(), test.value.begin() + cut);
    const TrafficFit fit = fitTraffic(train, {});
    int inside = 0;
    double logWidth = 0.0;
    for (std::size_t i = 0; i < test.size(); ++i) {
      const TrafficForecast f = fit.forecast(test.time_s[i]);
      QVERIFY(f.lower95 < f.mean && f.mean < f.upper95);
      if (test.value[i] >= f.lower95 && test.value[i] <= f.upper95) ++inside;
      logWidth += std::log(f.upper95 / f.lower95);
    }
    const double coverage = static_cast<double>(inside) / static_cast<double>(test.size());
    QVERIFY2(coverage >= 0.88 && coverage <= 1.0, qPrintable(QString::number(coverage)));
    // A band that covers by being huge proves nothing: its width must match the 5% noise (2 * 1.96 * 0.05).
    const double meanLogWidth = logWidth / static_cast<double>(test.size());
    QVERIFY2(meanLogWidth < 0.25, qPrintable(QString::number(meanLogWidth)));
  }

  void gapsAndIrregularSamplingAreHandled() {
    TrafficShape shape;
    shape.growth_percent_per_month = 8.0;
    TimeSeries ts = compoundSeries(shape, 35, 1800, 11);
    std::mt19937_64 rng(5);
    std::uniform_real_distribution<double> jitter(-600.0, 600.0);
    int gaps = 0;
    for (std::size_t i = 0; i < ts.size(); ++i) {
      ts.time_s[i] += jitter(rng);
      ts.value[i] = std::exp(shapeLogRate(shape, ts.time_s[i]) + 0.05 * std::normal_distribution<double>()(rng));
      if (i % 10 == 3) {
        ts.value[i] = std::nan("");
        ++gaps;
      }
    }
    const TrafficFit fit = fitTraffic(ts, {});
    QCOMPARE(fit.points_skipped, gaps);
    QCOMPARE(fit.points_used, static_cast<int>(ts.size()) - gaps);
    QVERIFY(notesMention(fit, "gaps"));
    QVERIFY2(std::abs(fit.growth_percent_per_month - 8.0) < 1.0,
             qPrintable(QString::number(fit.growth_percent_per_month)));
    QVERIFY(fit.r_squared > 0.9);
  }

  void shortSeriesDropSeasonalTermsAndSaySo() {
    const TrafficShape shape;
    const TrafficFit threeDays = fitTraffic(compoundSeries(shape, 3, 300, 2), {});
    QCOMPARE(threeDays.weekly_harmonics, 0);
    QCOMPARE(threeDays.daily_harmonics, 3);
    QVERIFY(notesMention(threeDays, "weekly"));
    const TrafficFit oneDay = fitTraffic(compoundSeries(shape, 1, 300, 2), {});
    QCOMPARE(oneDay.daily_harmonics, 0);
    QCOMPARE(oneDay.weekly_harmonics, 0);
    QVERIFY(notesMention(oneDay, "daily"));
    QVERIFY(std::isfinite(oneDay.forecast(kMonday2026 + 2 * kDay).mean));
    // Daily samples cannot show a daily cycle at all.
    const TrafficFit daily = fitTraffic(compoundSeries(shape, 60, kDay, 2), {});
    QCOMPARE(daily.daily_harmonics, 0);
    QVERIFY(notesMention(daily, "cannot resolve"));
  }

  void countsAreConvertedToRates() {
    const TrafficShape shape;
    const TimeSeries rate = compoundSeries(shape, 21, 300, 4);
    TimeSeries counts = rate;
    counts.unit = "count";
    for (double& v : counts.value) v *= 300.0;
    const TrafficFit a = fitTraffic(rate, {});
    const TrafficFit b = fitTraffic(counts, {});
    QVERIFY(std::abs(a.coefficients[0].value - b.coefficients[0].value) < 1e-9);
    QVERIFY(notesMention(b, "median sampling step"));
  }

  void rejectsWhatIsNotARate() {
    TimeSeries ts = compoundSeries({}, 3, 3600, 1);
    ts.unit = "bytes";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitTraffic(ts, {}));
    TimeSeries tiny;
    tiny.unit = "1/s";
    tiny.time_s = {0, 1};
    tiny.value = {1, 2};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fitTraffic(tiny, {}));
  }

  void rateCurveReproducesTheFit() {
    const TrafficShape shape;
    const TrafficFit fit = fitTraffic(compoundSeries(shape, 56, 3600, 9), {});
    const double start = fit.last_time_s + 3600;  // a projection starting right after the data
    const RateCurve c = fit.toRateCurve(start);
    QVERIFY(c.kind == RateCurve::Kind::Compound);
    QCOMPARE(c.daily.hourly_factors.size(), std::size_t{24});
    QCOMPARE(c.weekly.daily_factors.size(), std::size_t{7});
    QVERIFY(std::abs(c.growth_percent - fit.growth_percent_per_month) < 1e-9);
    double worst = 0.0;
    for (double t = 0; t < 14 * kDay; t += 3600 * 5) {
      const double want = fit.forecast(start + t).mean;
      worst = std::max(worst, std::abs(c.rateAt(t) - want) / want);
    }
    // Hourly interpolation of the daily shape and day-averaged weekly factors cost a few percent at most.
    QVERIFY2(worst < 0.08, qPrintable(QString::number(worst)));
  }
};

QTEST_APPLESS_MAIN(TestTrafficFit)
#include "test_traffic_fit.moc"
