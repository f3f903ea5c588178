// AWS scheduled actions (one-off and cron, in UTC) and predictive scaling (history needed, forecast with
// trend, buffer ahead of the hour, never scales in, max-capacity breach behaviour, 6 h refresh).
#include <QTest>

#include "simulator/autoscaling/aws_predictive_scaling.h"
#include "simulator/autoscaling/aws_scheduled_action.h"

using namespace headroom;
using namespace headroom::autoscaling;

namespace {

constexpr SimTime kHour = 3600 * kNanosPerSecond;
constexpr std::int64_t kMonday2024 = 1704067200;  // 2024-01-01T00:00:00Z, a Monday

// Office-hours load growing by 10 per day: 100 at night, 200 from 09:00 to 17:59, plus 10 * day.
double load(int day, int hour) { return (hour >= 9 && hour < 18 ? 200.0 : 100.0) + 10.0 * day; }

PredictiveScaling withDays(PredictiveScalingConfig cfg, int days) {
  PredictiveScaling p(cfg);
  for (int d = 0; d < days; ++d)
    for (int h = 0; h < 24; ++h) p.recordHourlyLoad((d * 24 + h) * kHour, load(d, h));
  return p;
}

}  // namespace

class TestAwsScheduledPredictive : public QObject {
  Q_OBJECT

 private slots:
  void cronWeekdayMornings() {
    ScheduledScaler s({{"morning", 0, "0 9 * * 1-5", std::nullopt, 5, std::nullopt, 10},
                       {"evening", 0, "0 18 * * 1-5", std::nullopt, 1, std::nullopt, 2}},
                      kMonday2024);
    AsgCapacity cap{1, 20, 1};
    std::vector<FiredAction> all;
    for (int h = 1; h <= 7 * 24; ++h) {
      auto fired = s.due(h * kHour, cap);
      all.insert(all.end(), fired.begin(), fired.end());
    }
    QCOMPARE(all.size(), std::size_t{10});
    QCOMPARE(all.front().time, 9 * kHour);
    QCOMPARE(all.front().after.desired, 10);
    QCOMPARE(all.back().time, (4 * 24 + 18) * kHour);  // Friday 18:00
    QCOMPARE(cap.desired, 2);
    QCOMPARE(cap.min, 1);
  }

  void oneOffActionFiresOnce() {
    ScheduledScaler s({{"launch", 100 * kNanosPerSecond, std::nullopt, std::nullopt, std::nullopt, 30, 25}});
    AsgCapacity cap{1, 10, 2};
    QVERIFY(s.due(99 * kNanosPerSecond, cap).empty());
    QCOMPARE(s.due(100 * kNanosPerSecond, cap).size(), std::size_t{1});
    QCOMPARE(cap.max, 30);
    QCOMPARE(cap.desired, 25);
    QVERIFY(s.due(200 * kNanosPerSecond, cap).empty());
  }

  // Both day fields restricted: a day matches if either does (Vixie cron).
  void cronDayOfMonthOrDayOfWeek() {
    const CronSchedule c("0 0 1 * 1");
    const std::int64_t day = 86400;
    QVERIFY(c.matches(kMonday2024));                // Monday 1 January
    QVERIFY(c.matches(kMonday2024 + 7 * day));      // Monday 8 January
    QVERIFY(!c.matches(kMonday2024 + 2 * day));     // Wednesday 3 January
    QVERIFY(c.matches(kMonday2024 + 31 * day));     // Thursday 1 February
    QVERIFY(!c.matches(kMonday2024 + 7 * day + 60));  // 00:01
    QVERIFY(CronSchedule("*/15 * * * 0").matches(kMonday2024 - day + 45 * 60));  // Sunday 31 Dec 00:45
  }

  void badCronRejected() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CronSchedule{"0 25 * * *"});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CronSchedule{"0 9 * *"});
  }

  void predictiveNeedsOneDayOfHistory() {
    PredictiveScalingConfig cfg;
    cfg.mode = PredictiveMode::ForecastAndScale;
    PredictiveScaling p = withDays(cfg, 0);
    for (int h = 0; h < 23; ++h) p.recordHourlyLoad(h * kHour, 100.0);
    const PredictiveDecision d = p.evaluate(23 * kHour, {1, 10, 1});
    QVERIFY(!d.forecast_available);
    QVERIFY(!d.changed);
  }

  // A linear daily growth is extrapolated exactly: same-hour values 200, 210, 220 -> 230 on day 3.
  void forecastCarriesTheTrend() {
    PredictiveScaling p = withDays({}, 3);
    const auto f = p.forecastHour((3 * 24 + 10) * kHour, 3 * 24 * kHour);
    QVERIFY(f.has_value());
    QCOMPARE(f->days_used, 3);
    QCOMPARE(f->load, 230.0);
    QCOMPARE(f->capacity, 3);  // ceil(230 / 100)
  }

  void forecastAndScaleRaisesAheadOfTheHourNeverLowers() {
    PredictiveScalingConfig cfg;
    cfg.mode = PredictiveMode::ForecastAndScale;
    cfg.target_load_per_instance = 50.0;
    PredictiveScaling p = withDays(cfg, 3);
    const SimTime before9 = (3 * 24 + 9) * kHour - 300 * kNanosPerSecond;  // 08:55 on day 3
    PredictiveDecision d = p.evaluate(before9 - kNanosPerSecond, {1, 20, 2});
    QCOMPARE(d.capacity.desired, 3);  // still the 08:00 hour: ceil(130 / 50)
    d = p.evaluate(before9, {1, 20, 2});
    QCOMPARE(d.applied->hour_start, (3 * 24 + 9) * kHour);
    QCOMPARE(d.capacity.desired, 5);  // ceil(230 / 50)
    d = p.evaluate(before9, {1, 20, 8});
    QVERIFY(!d.changed);
    QCOMPARE(d.capacity.desired, 8);
  }

  void forecastOnlyDoesNothing() {
    PredictiveScalingConfig cfg;
    cfg.target_load_per_instance = 50.0;
    PredictiveScaling p = withDays(cfg, 3);
    const PredictiveDecision d = p.evaluate((3 * 24 + 10) * kHour, {1, 20, 2});
    QVERIFY(d.forecast_available);
    QVERIFY(!d.changed);
    QCOMPARE(d.capacity.desired, 2);
  }

  void maxCapacityBreachBehavior() {
    PredictiveScalingConfig cfg;
    cfg.mode = PredictiveMode::ForecastAndScale;
    cfg.target_load_per_instance = 50.0;
    PredictiveScaling honor = withDays(cfg, 3);
    PredictiveDecision d = honor.evaluate((3 * 24 + 10) * kHour, {1, 4, 2});
    QCOMPARE(d.capacity.desired, 4);
    QCOMPARE(d.capacity.max, 4);

    cfg.max_capacity_breach = MaxCapacityBreachBehavior::IncreaseMaxCapacity;
    cfg.max_capacity_buffer_pct = 10.0;
    PredictiveScaling increase = withDays(cfg, 3);
    d = increase.evaluate((3 * 24 + 10) * kHour, {1, 4, 2});
    QCOMPARE(d.capacity.desired, 5);
    QCOMPARE(d.capacity.max, 6);  // ceil(5 * 1.1)
  }

  void refreshedEverySixHours() {
    PredictiveScaling p = withDays({}, 3);
    const SimTime start = 3 * 24 * kHour;
    QVERIFY(p.evaluate(start, {1, 10, 1}).refreshed);
    QVERIFY(!p.evaluate(start + kHour, {1, 10, 1}).refreshed);
    QVERIFY(p.evaluate(start + 6 * kHour, {1, 10, 1}).refreshed);
    QCOMPARE(p.forecast().size(), std::size_t{48});
  }
};

QTEST_APPLESS_MAIN(TestAwsScheduledPredictive)
#include "test_aws_scheduled_predictive.moc"
