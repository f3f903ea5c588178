// Circuit breaker: opens at the call that crosses the failure ratio (with minimum calls), rejects while open,
// half-open after open_s with a fixed number of trials, closes after all trials succeed, reopens on a trial
// failure, forgets failures that leave the sliding window, ignores late results, logs every transition.
#include <QTest>

#include "simulator/features/circuit_breaker.h"

using namespace headroom;
using namespace headroom::features;

namespace {
SimTime sec(double s) { return secondsToSimTime(s); }
using S = CircuitBreaker::State;

CircuitBreakerSpec spec() {
  CircuitBreakerSpec s;  // defaults: ratio 0.5, minimum 20 calls, window 10 s, open 30 s, 5 trials
  s.target = "db";
  return s;
}

// Opens a default breaker at t = 1 s (20 failures).
void openAtOneSecond(CircuitBreaker& b) {
  for (int i = 0; i < 20; ++i) {
    QVERIFY(b.allow(sec(1)));
    b.record(sec(1), false);
  }
  QCOMPARE(b.state(), S::Open);
}
}  // namespace

class TestCircuitBreaker : public QObject {
  Q_OBJECT

 private slots:
  void opensAtTheCallThatCrossesTheRatio() {
    CircuitBreaker b(spec());
    for (int i = 0; i < 10; ++i) {
      QVERIFY(b.allow(sec(0.1 * i)));
      b.record(sec(0.1 * i), true);
    }
    for (int i = 0; i < 9; ++i) {
      QVERIFY(b.allow(sec(1 + 0.1 * i)));
      b.record(sec(1 + 0.1 * i), false);
      QCOMPARE(b.state(), S::Closed);  // 19 calls at most: below minimum_calls, and 9/19 < 0.5
    }
    QCOMPARE(b.windowCalls(sec(2)), 19u);
    QCOMPARE(b.windowFailures(sec(2)), 9u);
    QVERIFY(b.allow(sec(2)));
    b.record(sec(2), false);  // 10 of 20 = 0.5 >= 0.5
    QCOMPARE(b.state(), S::Open);
    QCOMPARE(b.opens(), std::uint64_t{1});
    const auto log = b.takeTransitions();
    QCOMPARE(log.size(), std::size_t{1});
    QCOMPARE(log[0].at, sec(2));
    QVERIFY(log[0].from == S::Closed && log[0].to == S::Open);
    QVERIFY2(QString::fromStdString(log[0].reason).contains("0.50 >= 0.50 over 20 calls"), log[0].reason.c_str());
  }

  void minimumCallsGuardsTheRatio() {
    CircuitBreaker b(spec());
    for (int i = 0; i < 19; ++i) {
      QVERIFY(b.allow(sec(1)));
      b.record(sec(1), false);
    }
    QCOMPARE(b.state(), S::Closed);  // 100% failures but only 19 calls
    b.allow(sec(1));
    b.record(sec(1), true);  // the 20th call is a success, yet 19/20 >= 0.5
    QCOMPARE(b.state(), S::Open);
  }

  void openRejectsUntilOpenSThenHalfOpen() {
    CircuitBreaker b(spec());
    openAtOneSecond(b);
    b.takeTransitions();
    QVERIFY(!b.allow(sec(1)));
    QVERIFY(!b.allow(sec(31) - 1));
    QCOMPARE(b.rejected(), std::uint64_t{2});
    QCOMPARE(b.state(), S::Open);
    QVERIFY(b.allow(sec(31)));
    QCOMPARE(b.state(), S::HalfOpen);
    const auto log = b.takeTransitions();
    QCOMPARE(log.size(), std::size_t{1});
    QCOMPARE(log[0].at, sec(31));
    QVERIFY(log[0].from == S::Open && log[0].to == S::HalfOpen);
  }

  void halfOpenAdmitsOnlyTheTrialCallsAndClosesAfterThem() {
    CircuitBreaker b(spec());
    openAtOneSecond(b);
    for (int i = 0; i < 5; ++i) QVERIFY(b.allow(sec(40)));
    QVERIFY(!b.allow(sec(40)));  // trials undecided: further calls fail at once
    QCOMPARE(b.rejected(), std::uint64_t{1});
    for (int i = 0; i < 4; ++i) {
      b.record(sec(41), true);
      QCOMPARE(b.state(), S::HalfOpen);
    }
    QVERIFY(!b.allow(sec(41)));
    b.record(sec(41), true);
    QCOMPARE(b.state(), S::Closed);
    QCOMPARE(b.windowCalls(sec(41)), 0u);  // a fresh window
    QVERIFY(b.allow(sec(41)));
    b.record(sec(41), false);
    QCOMPARE(b.state(), S::Closed);
    QCOMPARE(b.opens(), std::uint64_t{1});
  }

  void trialFailureOpensAgainWithAFreshTimer() {
    CircuitBreaker b(spec());
    openAtOneSecond(b);
    for (int i = 0; i < 3; ++i) QVERIFY(b.allow(sec(31)));
    b.record(sec(32), true);
    b.record(sec(33), false);
    QCOMPARE(b.state(), S::Open);
    QCOMPARE(b.opens(), std::uint64_t{2});
    b.record(sec(34), true);  // the third trial finishes while open: ignored
    QCOMPARE(b.state(), S::Open);
    QVERIFY(!b.allow(sec(63) - 1));
    QVERIFY(b.allow(sec(63)));
    QCOMPARE(b.state(), S::HalfOpen);
  }

  void slidingWindowForgetsOldFailures() {
    // 15 failures at 0.5 s; 5 successes later make 20 calls at 75% failures if the failures still count.
    CircuitBreaker inside(spec()), outside(spec());
    for (CircuitBreaker* b : {&inside, &outside})
      for (int i = 0; i < 15; ++i) {
        b->allow(sec(0.5));
        b->record(sec(0.5), false);
      }
    QCOMPARE(outside.windowFailures(sec(9.99)), 15u);  // the bucket [0, 1 s) stays in the window until 10 s
    QCOMPARE(outside.windowFailures(sec(10)), 0u);
    for (int i = 0; i < 5; ++i) {
      inside.allow(sec(9.5));
      inside.record(sec(9.5), true);
      outside.allow(sec(10.5));
      outside.record(sec(10.5), true);
    }
    QCOMPARE(inside.state(), S::Open);
    QCOMPARE(outside.state(), S::Closed);
    QCOMPARE(outside.windowCalls(sec(10.5)), 5u);
    QCOMPARE(outside.windowFailures(sec(10.5)), 0u);
  }

  void lateResultsDoNotDisturbTheTrials() {
    CircuitBreaker b(spec());
    openAtOneSecond(b);
    for (int i = 0; i < 50; ++i) b.record(sec(2), i % 2 == 0);  // stragglers while open
    QCOMPARE(b.state(), S::Open);
    QVERIFY(b.allow(sec(31)));
    b.record(sec(31), true);   // the trial
    b.record(sec(31), true);   // a straggler: no trial outstanding
    b.record(sec(31), false);  // likewise
    QCOMPARE(b.state(), S::HalfOpen);
    for (int i = 0; i < 3; ++i) {
      QVERIFY(b.allow(sec(32)));
      b.record(sec(32), true);
    }
    QCOMPARE(b.state(), S::HalfOpen);  // 4 of 5 trials so far
    QVERIFY(b.allow(sec(33)));
    b.record(sec(33), true);
    QCOMPARE(b.state(), S::Closed);
  }

  void cancelledTrialGivesItsSlotBack() {
    CircuitBreaker b(spec());
    openAtOneSecond(b);
    for (int i = 0; i < 5; ++i) QVERIFY(b.allow(sec(31)));
    QVERIFY(!b.allow(sec(31)));  // all five trial slots taken
    b.cancel();                  // one never reached the target (a bulkhead refused it)
    QCOMPARE(b.state(), S::HalfOpen);
    QVERIFY(b.allow(sec(31)));   // its slot is free again
    for (int i = 0; i < 5; ++i) b.record(sec(31.5), true);
    QCOMPARE(b.state(), S::Closed);
  }

  void transitionsAreLoggedAndDrained() {
    CircuitBreaker b(spec());
    openAtOneSecond(b);
    b.allow(sec(31));
    for (int i = 0; i < 4; ++i) b.allow(sec(31));
    for (int i = 0; i < 5; ++i) b.record(sec(32), true);
    const auto log = b.takeTransitions();
    QCOMPARE(log.size(), std::size_t{3});
    QVERIFY(log[0].to == S::Open && log[1].to == S::HalfOpen && log[2].to == S::Closed);
    QVERIFY(log[1].from == S::Open && log[2].from == S::HalfOpen);
    QCOMPARE(log[2].at, sec(32));
    for (const auto& t : log) QVERIFY(!t.reason.empty());
    QVERIFY(QString::fromStdString(log[1].reason).contains("30 s"));
    QVERIFY(QString::fromStdString(log[2].reason).contains("5 of 5"));
    QVERIFY(b.takeTransitions().empty());
    QCOMPARE(QString(breakerStateName(S::Closed)), QString("closed"));
    QCOMPARE(QString(breakerStateName(S::Open)), QString("open"));
    QCOMPARE(QString(breakerStateName(S::HalfOpen)), QString("half-open"));
  }
};

QTEST_GUILESS_MAIN(TestCircuitBreaker)
#include "tst_circuit_breaker.moc"
