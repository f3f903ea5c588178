// Token bucket per client key: exact long-run admission (no drift), refill capped at the burst, burst default,
// routing of requests to heavy and light client keys.
#include <QTest>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "simulator/features/token_bucket_limiter.h"

using namespace headroom;
using namespace headroom::features;

namespace {
RateLimitSpec oneKey(double rate, double burst) {
  RateLimitSpec spec;
  spec.rate_per_s = rate;
  spec.burst = burst;
  spec.clients = 1;
  return spec;
}
}  // namespace

class TestTokenBucketLimiter : public QObject {
  Q_OBJECT

 private slots:
  void saturatedKeyAdmitsRateTimesHorizonPlusBurst() {
    // 10/s, burst 5, offered 100/s Poisson from t = 0 through t = 1000 s: exactly 10 * 1000 + 5 pass.
    TokenBucketLimiter limiter(oneKey(10.0, 5.0), RandomStream(1, "keys"));
    RandomStream arrivals(7, "arrivals");
    const SimTime horizon = 1000 * kNanosPerSecond;
    std::uint64_t offered = 0;
    for (SimTime t = 0; t < horizon; t += secondsToSimTime(arrivals.exponential(0.01))) {
      limiter.admit(t);
      ++offered;
    }
    limiter.admit(horizon);
    ++offered;
    QCOMPARE(limiter.admitted(), std::uint64_t{10005});
    QCOMPARE(limiter.throttled(), offered - 10005);
    QVERIFY(offered > 90000);  // it really was saturated
  }

  void fractionalRatesDoNotDrift() {
    // 7.3/s with burst 2.5, a request every millisecond for an hour: floor(2.5 + 7.3 * 3600) = 26282.
    {
      TokenBucketLimiter limiter(oneKey(7.3, 2.5), RandomStream(1, "keys"));
      const SimTime step = kNanosPerSecond / 1000;
      for (SimTime t = 0; t <= 3600 * kNanosPerSecond; t += step) limiter.admit(t);
      QCOMPARE(limiter.admitted(), std::uint64_t{26282});
    }
    // 100 per minute (burst 0 -> max(1, 1.667) = 1.667 tokens), a request every 10 ms for a day:
    // floor(1.667 + 100 / 60 * 86400) = 144001.
    {
      TokenBucketLimiter limiter(oneKey(100.0 / 60.0, 0.0), RandomStream(1, "keys"));
      const SimTime step = kNanosPerSecond / 100;
      for (SimTime t = 0; t <= 86400 * kNanosPerSecond; t += step) limiter.admit(t);
      QCOMPARE(limiter.admitted(), std::uint64_t{144001});
    }
  }

  void idleBucketRefillsOnlyUpToBurst() {
    TokenBucketLimiter limiter(oneKey(10.0, 5.0), RandomStream(1, "keys"));
    int passed = 0;
    for (int i = 0; i < 8; ++i) passed += limiter.admit(0);
    QCOMPARE(passed, 5);  // starts full: the burst, then nothing
    passed = 0;
    const SimTime later = 100 * kNanosPerSecond;  // 1000 tokens' worth of idle time
    for (int i = 0; i < 10; ++i) passed += limiter.admit(later);
    QCOMPARE(passed, 5);
    QCOMPARE(limiter.tokens(0), 0.0);
    passed = 0;
    for (int i = 0; i < 5; ++i) passed += limiter.admit(later + secondsToSimTime(0.25));  // 2.5 tokens refilled
    QCOMPARE(passed, 2);
    QCOMPARE(limiter.tokens(0), 0.5);
    QCOMPARE(limiter.admitted(), std::uint64_t{12});
    QCOMPARE(limiter.throttled(), std::uint64_t{11});
  }

  void burstZeroMeansOneSecondOfRateAtLeastOne() {
    TokenBucketLimiter fast(oneKey(20.0, 0.0), RandomStream(1, "keys"));
    int passed = 0;
    for (int i = 0; i < 30; ++i) passed += fast.admit(0);
    QCOMPARE(passed, 20);
    TokenBucketLimiter slow(oneKey(0.5, 0.0), RandomStream(1, "keys"));
    passed = 0;
    for (int i = 0; i < 3; ++i) passed += slow.admit(0);
    QCOMPARE(passed, 1);
    QVERIFY(!slow.admit(secondsToSimTime(1.999)));
    QVERIFY(slow.admit(secondsToSimTime(2.0)));
  }

  void heavyClientsGetTheirShareOfRequests() {
    RateLimitSpec spec;
    spec.rate_per_s = 1e6;
    spec.clients = 100;
    spec.heavy_client_fraction = 0.1;
    spec.heavy_traffic_share = 0.8;
    TokenBucketLimiter limiter(spec, RandomStream(3, "keys"));
    QCOMPARE(limiter.heavyClients(), 10);
    const int draws = 200000;
    std::vector<int> count(100, 0);
    for (int i = 0; i < draws; ++i) {
      limiter.admit(i);
      ++count[static_cast<std::size_t>(limiter.lastClient())];
    }
    auto within = [&](int observed, double p, double trials) {
      const double sd = std::sqrt(trials * p * (1 - p));
      return std::fabs(observed - trials * p) <= 5 * sd;
    };
    int heavy = 0;
    for (int c = 0; c < 10; ++c) heavy += count[static_cast<std::size_t>(c)];
    QVERIFY2(within(heavy, 0.8, draws), qPrintable(QString::number(heavy)));
    for (int c = 0; c < 10; ++c) QVERIFY(within(count[static_cast<std::size_t>(c)], 0.08, draws));
    for (int c = 10; c < 100; ++c) QVERIFY(within(count[static_cast<std::size_t>(c)], 0.2 / 90, draws));
  }

  void heavyClientCountIsRoundedAndAtLeastOne() {
    RateLimitSpec spec;
    spec.clients = 10;
    spec.heavy_client_fraction = 0.01;
    QCOMPARE(TokenBucketLimiter(spec, RandomStream()).heavyClients(), 1);
    spec.clients = 7;
    spec.heavy_client_fraction = 0.5;
    QCOMPARE(TokenBucketLimiter(spec, RandomStream()).heavyClients(), 4);
    spec.heavy_client_fraction = 0.0;
    QCOMPARE(TokenBucketLimiter(spec, RandomStream()).heavyClients(), 0);
  }

  void keysHaveSeparateBuckets() {
    // All traffic to the one heavy key of two: it runs dry, the other key's bucket stays full.
    RateLimitSpec spec;
    spec.rate_per_s = 1.0;
    spec.burst = 3.0;
    spec.clients = 2;
    spec.heavy_client_fraction = 0.5;
    spec.heavy_traffic_share = 1.0;
    TokenBucketLimiter limiter(spec, RandomStream(5, "keys"));
    for (int i = 0; i < 10; ++i) limiter.admit(0);
    QCOMPARE(limiter.admitted(), std::uint64_t{3});
    QCOMPARE(limiter.tokens(0), 0.0);
    QCOMPARE(limiter.tokens(1), 3.0);
  }

  void unusableSpecsThrow() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TokenBucketLimiter(oneKey(0.0, 1.0), RandomStream()));
    RateLimitSpec spec = oneKey(1.0, 1.0);
    spec.clients = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TokenBucketLimiter(spec, RandomStream()));
  }
};

QTEST_GUILESS_MAIN(TestTokenBucketLimiter)
#include "tst_token_bucket_limiter.moc"
