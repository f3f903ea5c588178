// Lambda: 1,000 new execution environments per 10 s with continuous refill and no accumulation, concurrency
// limits, warm reuse and cold starts.
#include <QTest>

#include "simulator/autoscaling/lambda_concurrency.h"

using namespace headroom;
using namespace headroom::autoscaling;

namespace {

LambdaConfig raisedAccountLimit() {
  LambdaConfig c;
  c.account_concurrency_limit = 100000;  // so only the scaling rate limits
  return c;
}

struct Burst {
  int cold = 0, warm = 0, throttled = 0;
};

Burst burst(LambdaConcurrency& fn, SimTime start, SimTime spread, int n) {
  Burst b;
  for (int i = 0; i < n; ++i) {
    const SimTime t = start + spread * i / n;
    switch (fn.invoke(t).outcome) {
      case InvocationOutcome::ColdStart: ++b.cold; break;
      case InvocationOutcome::WarmStart: ++b.warm; break;
      case InvocationOutcome::Throttled: ++b.throttled; break;
    }
  }
  return b;
}

}  // namespace

class TestLambdaConcurrency : public QObject {
  Q_OBJECT

 private slots:
  void burstLimitedToOneThousandNewEnvironments() {
    LambdaConcurrency fn(raisedAccountLimit());
    const Burst b = burst(fn, 0, 0, 3000);
    QCOMPARE(b.cold, 1000);
    QCOMPARE(b.throttled, 2000);
  }

  // Spread over 1 s, the allowance refills at 100 per second while the burst lasts: 1000 + floor(100 * 0.9997).
  void burstOverOneSecondGetsOnlyTheRefill() {
    LambdaConcurrency fn(raisedAccountLimit());
    const Burst b = burst(fn, 0, kNanosPerSecond, 3000);
    QCOMPARE(b.cold, 1099);
    QCOMPARE(b.throttled, 3000 - 1099);
  }

  void refillIsContinuous() {
    LambdaConcurrency fn(raisedAccountLimit());
    burst(fn, 0, 0, 1000);
    QCOMPARE(fn.scalingAllowance(0), 0.0);
    QCOMPARE(fn.scalingAllowance(5 * kNanosPerSecond), 500.0);
    const Burst b = burst(fn, 5 * kNanosPerSecond, 0, 1000);
    QCOMPARE(b.cold, 500);
    QCOMPARE(b.throttled, 500);
  }

  void idleTimeDoesNotAccumulate() {
    LambdaConcurrency fn(raisedAccountLimit());
    QCOMPARE(fn.scalingAllowance(1000 * kNanosPerSecond), 1000.0);
    const Burst b = burst(fn, 1000 * kNanosPerSecond, 0, 3000);
    QCOMPARE(b.cold, 1000);
  }

  void warmEnvironmentReusedWithoutAllowance() {
    LambdaConcurrency fn(raisedAccountLimit());
    const auto first = fn.invoke(0);
    QCOMPARE(first.outcome, InvocationOutcome::ColdStart);
    fn.complete(kNanosPerSecond, first.environment_id);
    const double before = fn.scalingAllowance(2 * kNanosPerSecond);
    const auto second = fn.invoke(2 * kNanosPerSecond);
    QCOMPARE(second.outcome, InvocationOutcome::WarmStart);
    QCOMPARE(second.environment_id, first.environment_id);
    QCOMPARE(fn.scalingAllowance(2 * kNanosPerSecond), before);
  }

  void reservedConcurrencyThrottles() {
    LambdaConfig c;
    c.reserved_concurrency = 5;
    LambdaConcurrency fn(c);
    for (int i = 0; i < 5; ++i) QCOMPARE(fn.invoke(0).outcome, InvocationOutcome::ColdStart);
    const auto d = fn.invoke(0);
    QCOMPARE(d.outcome, InvocationOutcome::Throttled);
    QVERIFY(d.reason.find("concurrency") != std::string::npos);
  }

  void accountLimitDefaultsToOneThousand() {
    LambdaConcurrency fn(LambdaConfig{});
    QCOMPARE(fn.concurrencyLimit(), 1000);
  }

  void idleEnvironmentExpires() {
    LambdaConfig c;
    c.idle_environment_lifetime_s = 600;
    LambdaConcurrency fn(c);
    const auto a = fn.invoke(0);
    fn.complete(0, a.environment_id);
    QCOMPARE(fn.invoke(599 * kNanosPerSecond).outcome, InvocationOutcome::WarmStart);
    fn.complete(599 * kNanosPerSecond, a.environment_id);
    QCOMPARE(fn.invoke(1199 * kNanosPerSecond).outcome, InvocationOutcome::ColdStart);
  }

  void completingUnknownEnvironmentIsAnError() {
    LambdaConcurrency fn(LambdaConfig{});
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, fn.complete(0, 42));
  }
};

QTEST_APPLESS_MAIN(TestLambdaConcurrency)
#include "test_lambda_concurrency.moc"
