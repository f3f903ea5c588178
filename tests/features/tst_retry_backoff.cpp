// Retry backoff: exponential cap with saturation (no overflow at huge retry numbers), jitter shapes with
// their bounds and means.
#include <QTest>

#include <climits>
#include <cmath>

#include "simulator/features/retry_backoff.h"

using namespace headroom;
using namespace headroom::features;

namespace {
RetrySpec retry(RetrySpec::Jitter jitter) {
  RetrySpec s;  // base 0.1 s, multiplier 2, max 10 s
  s.jitter = jitter;
  return s;
}
}  // namespace

class TestRetryBackoff : public QObject {
  Q_OBJECT

 private slots:
  void capGrowsExponentiallyAndSaturates() {
    const RetrySpec s = retry(RetrySpec::Jitter::None);
    QCOMPARE(retryBackoffCapS(s, 1), 0.1);
    QVERIFY(std::fabs(retryBackoffCapS(s, 2) - 0.2) < 1e-15);
    QVERIFY(std::fabs(retryBackoffCapS(s, 3) - 0.4) < 1e-15);
    QVERIFY(std::fabs(retryBackoffCapS(s, 7) - 6.4) < 1e-12);
    QCOMPARE(retryBackoffCapS(s, 8), 10.0);  // 12.8 capped
    QCOMPARE(retryBackoffCapS(s, 1000000), 10.0);
    QCOMPARE(retryBackoffCapS(s, INT_MAX), 10.0);
    QCOMPARE(retryBackoffCapS(s, 0), 0.1);  // below 1 counts as the first retry
    RandomStream rng(1, "retry");
    QCOMPARE(retryDelay(s, INT_MAX, rng), 10 * kNanosPerSecond);
  }

  void degenerateSpecsStayFinite() {
    RetrySpec s = retry(RetrySpec::Jitter::None);
    s.multiplier = 1.0;
    QCOMPARE(retryBackoffCapS(s, 50), 0.1);  // constant backoff
    s.multiplier = 0.5;
    QVERIFY(std::fabs(retryBackoffCapS(s, 3) - 0.025) < 1e-15);  // shrinking is allowed
    QCOMPARE(retryBackoffCapS(s, INT_MAX), 0.0);
    s = retry(RetrySpec::Jitter::None);
    s.base_backoff_s = 0.0;
    QCOMPARE(retryBackoffCapS(s, INT_MAX), 0.0);  // never 0 * inf
    s = retry(RetrySpec::Jitter::None);
    s.max_backoff_s = 0.0;
    QCOMPARE(retryBackoffCapS(s, 5), 0.0);
    s = retry(RetrySpec::Jitter::None);
    s.multiplier = 1e300;
    QCOMPARE(retryBackoffCapS(s, 3), 10.0);
  }

  void noJitterIsExactlyTheCap() {
    const RetrySpec s = retry(RetrySpec::Jitter::None);
    RandomStream rng(1, "retry");
    for (int r = 1; r <= 12; ++r) QCOMPARE(retryDelay(s, r, rng), secondsToSimTime(retryBackoffCapS(s, r)));
  }

  void fullJitterIsUniformUpToTheCap() {
    const RetrySpec s = retry(RetrySpec::Jitter::Full);
    RandomStream rng(2, "retry");
    const double cap = retryBackoffCapS(s, 3);  // 0.4 s
    const int n = 100000;
    double sum = 0, sum2 = 0;
    for (int i = 0; i < n; ++i) {
      const SimTime d = retryDelay(s, 3, rng);
      QVERIFY(d >= 0 && d <= secondsToSimTime(cap));
      const double x = simTimeToSeconds(d);
      sum += x;
      sum2 += x * x;
    }
    const double mean = sum / n, var = sum2 / n - mean * mean;
    const double se = cap / std::sqrt(12.0 * n);
    QVERIFY2(std::fabs(mean - cap / 2) < 5 * se, qPrintable(QString::number(mean)));
    QVERIFY2(std::fabs(var - cap * cap / 12) < 0.02 * cap * cap / 12, qPrintable(QString::number(var)));
  }

  void equalJitterIsHalfTheCapPlusUniformHalf() {
    const RetrySpec s = retry(RetrySpec::Jitter::Equal);
    RandomStream rng(3, "retry");
    const double cap = retryBackoffCapS(s, 20);  // 10 s
    const int n = 100000;
    double sum = 0;
    for (int i = 0; i < n; ++i) {
      const SimTime d = retryDelay(s, 20, rng);
      QVERIFY(d >= secondsToSimTime(cap / 2) && d <= secondsToSimTime(cap));
      sum += simTimeToSeconds(d);
    }
    const double se = (cap / 2) / std::sqrt(12.0 * n);
    QVERIFY2(std::fabs(sum / n - 0.75 * cap) < 5 * se, qPrintable(QString::number(sum / n)));
  }
};

QTEST_GUILESS_MAIN(TestRetryBackoff)
#include "tst_retry_backoff.moc"
