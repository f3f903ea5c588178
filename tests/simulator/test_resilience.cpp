// Resilience features end to end through the engine (retries, timeouts, circuit breakers, connection pools,
// bulkheads, load shedding), each against a known answer: an exact formula checked within the simulator's own
// 95% confidence interval (widened for the number of checks in the test, Bonferroni), an exact identity, or
// for the retry storm a qualitative outcome with wide margins. Fixed seeds: the numbers are reproducible.
#include <QtTest>

#include <cmath>
#include <string>
#include <vector>

#include "scenario_builders.h"
#include "simulator/analytic/markovian_queues.h"
#include "simulator/estimate.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

// ---- building blocks ---------------------------------------------------------------------------------------

Component delayComponent(const std::string& name, const Distribution& latency) {
  Component c = test::station(name, 1, latency);
  c.type = Component::Type::Delay;
  return c;
}

// A caller that does no work of its own and has far more workers than it ever needs: whatever waits, waits on
// the call (so the caller's response is exactly the call's duration).
Component client(const Step& step, int workers = 4000) {
  Component c = test::station("api", workers, Distribution::deterministic(0.0));
  c.behaviour[kAnyClass].steps = {step};
  return c;
}

Scenario clientAndTarget(double rate, const Component& api, const Component& target, double horizon_s,
                         double warmup_s, int replications, std::uint64_t seed) {
  Scenario s;
  s.name = "resilience-" + target.name;
  s.components = {api, target};
  s.sources = {test::poisson("api", rate)};
  s.simulation.horizon_s = horizon_s;
  s.simulation.warmup_s = warmup_s;
  s.simulation.replications = replications;
  s.simulation.seed = seed;
  return s;
}

RetrySpec retry(int maxAttempts, double baseBackoff_s, RetrySpec::Jitter jitter = RetrySpec::Jitter::None) {
  RetrySpec r;
  r.max_attempts = maxAttempts;
  r.base_backoff_s = baseBackoff_s;
  r.multiplier = 2.0;
  r.max_backoff_s = 10.0;
  r.jitter = jitter;
  return r;
}

Step callWith(const std::string& target, double timeout_s, std::optional<RetrySpec> r) {
  Step s = test::call(target, timeout_s);
  s.calls[0].retry = std::move(r);
  return s;
}

RunResult run(const Scenario& s) {
  RunOptions o;
  o.threads = 0;
  return runSimulation(s, o);
}

const Estimate& feature(const RunResult& r, const char* component, const char* name) {
  static const Estimate missing;
  const ComponentResult* c = r.component(component);
  if (!c) return missing;
  const Estimate* e = c->feature(name);
  return e ? *e : missing;
}

// |simulated - expected| within the 95% CI widened by `widen` (simultaneous over a test's checks), plus an
// absolute slack for KPIs whose CI can be (near) zero.
bool checkEstimate(const Estimate& e, double expected, double widen, double absSlack, const char* what) {
  const bool ok = std::isfinite(e.mean) && std::isfinite(e.half_width) &&
                  std::abs(e.mean - expected) <= widen * e.half_width + absSlack;
  qInfo("%-44s simulated %.6g +- %.3g, expected %.6g%s", what, e.mean, e.half_width, expected, ok ? "" : "  <-- MISS");
  if (!ok)
    QTest::qFail(qPrintable(QString("%1: simulated %2 +- %3 (x%4 + %5), expected %6")
                                .arg(what)
                                .arg(e.mean)
                                .arg(e.half_width)
                                .arg(widen)
                                .arg(absSlack)
                                .arg(expected)),
                 __FILE__, __LINE__);
  return ok;
}

#define CHECK_ESTIMATE(e, expected, widen, slack, what) \
  do {                                                  \
    if (!checkEstimate(e, expected, widen, slack, what)) return; \
  } while (false)

#define CHECK_THAT(cond, what, value)                                                                   \
  do {                                                                                                  \
    qInfo("%-44s %.6g%s", what, static_cast<double>(value), (cond) ? "" : "  <-- FAILS " #cond);        \
    QVERIFY2(cond, qPrintable(QString("%1 = %2 violates %3").arg(what).arg(value).arg(#cond)));         \
  } while (false)

// Erlang B by the textbook recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
double erlangB(int servers, double offeredLoad) {
  double b = 1.0;
  for (int k = 1; k <= servers; ++k) b = offeredLoad * b / (k + offeredLoad * b);
  return b;
}

// M/M/1 with FCFS and deterministic patience tau (Barrer 1957): an arrival is served iff its virtual waiting
// time V (the work of the customers ahead that will be served) is below tau; customers that give up never
// take the server. Level crossing gives V's density: pi0 lambda e^{-(mu-lambda) v} on (0, tau), and
// pi0 lambda e^{lambda tau - mu v} beyond tau. Valid for any lambda (also lambda > mu).
struct ImpatientMm1 {
  double pi0, abandon, served, meanWaitServed;
};
ImpatientMm1 impatientMm1(double lambda, double mu, double tau) {
  const double a = mu - lambda;
  const double e = std::exp(-a * tau);
  const double below = std::abs(a) > 1e-12 ? lambda * (1 - e) / a : lambda * tau;  // integral of f on (0, tau) / pi0
  const double above = lambda * e / mu;
  ImpatientMm1 m{};
  m.pi0 = 1.0 / (1.0 + below + above);
  m.abandon = m.pi0 * above;
  m.served = 1.0 - m.abandon;
  // E[V; V < tau] = pi0 lambda (1 - e^{-a tau} (1 + a tau)) / a^2
  const double partial = m.pi0 * lambda * (1.0 - e * (1.0 + a * tau)) / (a * a);
  m.meanWaitServed = partial / m.served;
  return m;
}

std::vector<const ScalingEventRecord*> breakerEvents(const RunResult& r) {
  std::vector<const ScalingEventRecord*> out;
  for (const auto& e : r.scaling_events)
    if (e.reason.rfind("circuit breaker:", 0) == 0) out.push_back(&e);
  return out;
}

bool startsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

}  // namespace

class ResilienceTest : public QObject {
  Q_OBJECT
 private slots:
  // 1. Each attempt fails independently with probability p; n attempts at most. Attempts per request A has
  // P(A >= k) = p^(k-1), so E[A] = (1 - p^n)/(1 - p): the target sees lambda E[A], the caller retries
  // lambda (E[A] - 1) = lambda (p - p^n)/(1 - p) times a second, and a request fails only if all n fail: p^n.
  // Deterministic latency and backoff (no jitter) make the successful requests' mean response exact too.
  void retriesMultiplyOfferedLoadAsPredicted() {
    const double lambda = 50, p = 0.4, latency = 0.02, base = 0.01;
    const int n = 4;
    Component flaky = delayComponent("flaky", Distribution::deterministic(latency));
    flaky.error_ratio = p;
    const Scenario s = clientAndTarget(lambda, client(callWith("flaky", 0, retry(n, base))), flaky, 1000, 50, 5, 101);
    const RunResult r = run(s);

    const double attempts = (1 - std::pow(p, n)) / (1 - p);
    double successResponse = 0, backoffs = 0;  // E[response | success]: attempt k succeeds w.p. p^(k-1)(1-p)
    for (int k = 1; k <= n; ++k) {
      successResponse += std::pow(p, k - 1) * (1 - p) * (k * latency + backoffs);
      backoffs += base * std::pow(2.0, k - 1);
    }
    successResponse /= 1 - std::pow(p, n);
    const double w = simultaneousWidening(6, r.replications);
    CHECK_ESTIMATE(r.component("flaky")->arrival_rate_per_s, lambda * attempts, w, 0, "flaky arrivals = l(1-p^n)/(1-p)");
    CHECK_ESTIMATE(feature(r, "api", "retries_per_s"), lambda * (p - std::pow(p, n)) / (1 - p), w, 0, "api retries_per_s");
    CHECK_ESTIMATE(feature(r, "flaky", "injected_errors_per_s"), lambda * attempts * p, w, 0, "flaky injected errors");
    CHECK_ESTIMATE(r.endToEnd()->error_ratio, std::pow(p, n), w, 0, "end-to-end error ratio = p^n");
    CHECK_ESTIMATE(r.component("api")->failures_per_s, lambda * std::pow(p, n), w, 0, "api failures = l p^n");
    CHECK_ESTIMATE(r.endToEnd()->response.mean_s, successResponse, w, 1e-9, "response | success (latency+backoff)");
  }

  // 2. A deterministic 2 s callee behind a 1 s timeout: every attempt times out, the callee finishes every one
  // of them anyway, and all of that work is abandoned (goodput exactly 0). With 3 attempts the callee does
  // three times the work for nothing.
  void timeoutAbandonsEveryCallToASlowCallee() {
    const double lambda = 20;
    for (int attempts : {1, 3}) {
      qInfo("-- max_attempts %d", attempts);
      std::optional<RetrySpec> rs;
      if (attempts > 1) rs = retry(attempts, 0.5);
      const Scenario s = clientAndTarget(lambda, client(callWith("slow", 1.0, rs)),
                                         delayComponent("slow", Distribution::deterministic(2.0)), 600, 30, 4, 202);
      const RunResult r = run(s);
      const double w = simultaneousWidening(6, r.replications);
      CHECK_ESTIMATE(r.component("slow")->arrival_rate_per_s, lambda * attempts, w, 0, "slow arrivals = l x attempts");
      CHECK_ESTIMATE(feature(r, "slow", "abandoned_per_s"), lambda * attempts, w, 0, "slow abandoned_per_s");
      CHECK_ESTIMATE(feature(r, "slow", "goodput_per_s"), 0.0, 0, 1e-9, "slow goodput_per_s");
      CHECK_ESTIMATE(r.component("api")->timeouts_per_s, lambda * attempts, w, 0, "api timeouts_per_s");
      CHECK_ESTIMATE(r.component("api")->failures_per_s, lambda, w, 0, "api failures_per_s");
      CHECK_ESTIMATE(r.endToEnd()->error_ratio, 1.0, 0, 1e-12, "end-to-end error ratio");
      if (attempts > 1) CHECK_ESTIMATE(feature(r, "api", "retries_per_s"), lambda * (attempts - 1), w, 0, "api retries_per_s");
    }
  }

  // 3. Retry storm (metastable failure). db: 8 workers x exponential 100 ms = 80 req/s of capacity, offered
  // 70 req/s (rho 0.875); the API calls it with a 300 ms timeout. Without retries the system is stable: the db
  // sees exactly lambda, and only the slow tail times out. With 3 attempts, the tail's retries push the
  // offered load past capacity; then the queue grows, every attempt times out, the offered load becomes
  // 3 lambda = 210 req/s, and the db spends all its capacity on answers nobody waits for: it runs at 80 req/s
  // (saturated) with goodput ~ 0. The assertions are qualitative with wide margins.
  void retryStormTurnsOverloadIntoAnOutage() {
    const double lambda = 70, capacity = 80;
    auto scenario = [&](bool withRetries) {
      std::optional<RetrySpec> rs;
      if (withRetries) rs = retry(3, 0.1, RetrySpec::Jitter::Full);
      return clientAndTarget(lambda, client(callWith("db", 0.3, rs)), test::station("db", 8, Distribution::exponential(0.1)),
                             400, 150, 3, 303);
    };
    qInfo("-- without retries");
    const RunResult calm = run(scenario(false));
    const ComponentResult& db0 = *calm.component("db");
    const double w = simultaneousWidening(2, calm.replications);
    CHECK_ESTIMATE(db0.arrival_rate_per_s, lambda, w, 0, "db arrivals = lambda");
    CHECK_ESTIMATE(db0.utilization, lambda / capacity, w, 0, "db utilization = rho");
    const double calmErrors = calm.endToEnd()->error_ratio.mean;
    CHECK_THAT(calmErrors < 0.3, "end-to-end error ratio (no retries)", calmErrors);
    CHECK_THAT(feature(calm, "db", "goodput_per_s").mean > 0.8 * db0.throughput_per_s.mean, "db goodput (no retries)",
               feature(calm, "db", "goodput_per_s").mean);

    qInfo("-- with 3 attempts, full jitter");
    const RunResult storm = run(scenario(true));
    const ComponentResult& db = *storm.component("db");
    const double dbIn = db.arrival_rate_per_s.mean, dbOut = db.throughput_per_s.mean;
    CHECK_THAT(dbIn > 1.5 * db0.arrival_rate_per_s.mean, "db arrivals (retries)", dbIn);
    CHECK_THAT(dbIn > 0.9 * 3 * lambda, "db arrivals near 3 lambda", dbIn);
    CHECK_THAT(db.utilization.mean > 0.99, "db utilization (saturated)", db.utilization.mean);
    CHECK_THAT(std::abs(dbOut - capacity) < 0.05 * capacity, "db throughput = capacity", dbOut);
    const double abandoned = feature(storm, "db", "abandoned_per_s").mean, goodput = feature(storm, "db", "goodput_per_s").mean;
    CHECK_THAT(abandoned > 0.9 * dbOut, "db abandoned_per_s", abandoned);
    CHECK_THAT(goodput < 0.1 * dbOut, "db goodput_per_s", goodput);
    CHECK_THAT(storm.endToEnd()->error_ratio.mean > 0.9, "end-to-end error ratio (retries)", storm.endToEnd()->error_ratio.mean);
    CHECK_THAT(storm.endToEnd()->error_ratio.mean > calmErrors + 0.5, "retries made errors worse", storm.endToEnd()->error_ratio.mean);
  }

  // 4. A circuit breaker in front of a target that always fails (error_ratio 1, 10 ms). It opens after
  // minimum_calls = 20 failures; afterwards each cycle is: open 5 s, the next arrival (Exp(lambda) later) is the
  // first half-open trial, the arrivals during its 10 ms become trials too (at most half_open_calls = 3 in all),
  // the first trial's failure reopens it. Trials per cycle = 1 + E[min(N, 2)], N ~ Poisson(lambda 0.01);
  // cycle = 0.01 + 5 + 1/lambda. The target's load falls from lambda = 50/s to ~0.3/s.
  void circuitBreakerShieldsAFailingTarget() {
    const double lambda = 50, latency = 0.01, open = 5, horizon = 1000, warmup = 100;
    Component down = delayComponent("down", Distribution::deterministic(latency));
    down.error_ratio = 1.0;
    Component api = client(test::call("down"));
    CircuitBreakerSpec b;
    b.target = "down";
    b.failure_ratio = 0.5;
    b.minimum_calls = 20;
    b.window_s = 10;
    b.open_s = open;
    b.half_open_calls = 3;
    api.circuit_breakers = {b};
    const RunResult r = run(clientAndTarget(lambda, api, down, horizon, warmup, 4, 404));

    const double m = lambda * latency;
    const double extraTrials = (1 - std::exp(-m)) + (1 - std::exp(-m) - m * std::exp(-m));  // E[min(N, 2)]
    const double cycle = latency + open + 1 / lambda;
    const double targetRate = (1 + extraTrials) / cycle;
    const double w = simultaneousWidening(4, r.replications);
    CHECK_ESTIMATE(r.component("down")->arrival_rate_per_s, targetRate, w, 0.002, "target load (half-open trials)");
    CHECK_ESTIMATE(feature(r, "api", "breaker_opens"), (horizon - warmup) / cycle, w, 1.0, "breaker_opens");
    CHECK_ESTIMATE(feature(r, "api", "breaker_rejections_per_s"), lambda - targetRate, w, 0, "breaker_rejections_per_s");
    CHECK_ESTIMATE(r.endToEnd()->error_ratio, 1.0, 0, 1e-12, "end-to-end error ratio");
    CHECK_THAT(r.component("down")->arrival_rate_per_s.mean < 0.01 * lambda, "target load / lambda",
               r.component("down")->arrival_rate_per_s.mean / lambda);

    // The decision log (replication 0): closed -> open after the 20th failure, then open -> half-open ->
    // open ..., never closed again.
    const auto events = breakerEvents(r);
    QVERIFY2(events.size() > 100, qPrintable(QString("only %1 breaker transitions logged").arg(events.size())));
    QVERIFY2(startsWith(events[0]->reason, "circuit breaker: closed -> open"), events[0]->reason.c_str());
    QCOMPARE(events[0]->component, std::string("api"));
    CHECK_THAT(std::abs(events[0]->time_s - (20 / lambda + latency)) < 0.3, "first opening at (s)", events[0]->time_s);
    for (std::size_t i = 1; i < events.size(); ++i) {
      const char* expected = i % 2 == 1 ? "circuit breaker: open -> half-open" : "circuit breaker: half-open -> open";
      QVERIFY2(startsWith(events[i]->reason, expected),
               qPrintable(QString("transition %1 at %2 s: %3").arg(i).arg(events[i]->time_s).arg(events[i]->reason.c_str())));
    }
    for (std::size_t i = 2; i < events.size(); i += 2) {  // each open period lasts open_s and a bit
      const double gap = events[i - 1]->time_s - events[i - 2]->time_s;
      QVERIFY2(gap >= open && gap < open + 1.0, qPrintable(QString("open period %1 s").arg(gap)));
    }
  }

  // 5. A connection pool of c = 4 to a delay target with exponential time S, a patient caller (max_wait far
  // beyond any wait): the pool is an M/M/4 queue of waiting callers. lambda = 32, S = 0.1: rho = 0.8.
  // Erlang C gives P(wait); the mean wait of those that wait is 1/(c mu - lambda); in use = lambda S; the
  // caller's response = Wq + S.
  void connectionPoolIsAnMMcQueue() {
    const double lambda = 32, S = 0.1, mu = 1 / S;
    const int c = 4;
    Component api = client(test::call("backend"));
    ConnectionPoolSpec pool;
    pool.target = "backend";
    pool.size = c;
    pool.max_wait_s = 1000;
    api.connection_pools = {pool};
    const RunResult r = run(clientAndTarget(lambda, api, delayComponent("backend", Distribution::exponential(S)), 3000, 100, 6, 505));

    const analytic::QueueMetrics q = analytic::mmc(lambda, mu, c);
    const double pWait = analytic::erlangC(c, lambda * S);
    const double w = simultaneousWidening(5, r.replications);
    CHECK_ESTIMATE(feature(r, "api", "pool_in_use_mean"), lambda * S, w, 0, "pool_in_use_mean = lambda S");
    CHECK_ESTIMATE(feature(r, "api", "pool_waits_per_s"), lambda * pWait, w, 0, "pool_waits_per_s = lambda C(c,a)");
    CHECK_ESTIMATE(feature(r, "api", "pool_wait_mean_s"), 1 / (c * mu - lambda), w, 0, "pool_wait_mean_s = 1/(c mu - l)");
    CHECK_ESTIMATE(r.component("api")->response.mean_s, q.response_mean_s, w, 0, "caller response = Wq + S (M/M/c)");
    CHECK_ESTIMATE(feature(r, "api", "pool_timeouts_per_s"), 0.0, 0, 1e-12, "pool_timeouts_per_s");
  }

  // 6. A pool of ONE connection with a short max_wait tau in front of an exponential delay is M/M/1 with
  // deterministic patience (Barrer): P(timeout) = pi0 lambda e^{-(mu-lambda) tau} / mu. Without retries each
  // checkout timeout fails the caller's request: caller failures equal pool timeouts exactly.
  void poolCheckoutTimeoutsMatchImpatientMM1() {
    const double lambda = 8, S = 0.1, mu = 1 / S, tau = 0.2;
    Component api = client(test::call("backend"));
    ConnectionPoolSpec pool;
    pool.target = "backend";
    pool.size = 1;
    pool.max_wait_s = tau;
    api.connection_pools = {pool};
    const RunResult r = run(clientAndTarget(lambda, api, delayComponent("backend", Distribution::exponential(S)), 4000, 100, 5, 606));

    const ImpatientMm1 m = impatientMm1(lambda, mu, tau);
    const double w = simultaneousWidening(5, r.replications);
    CHECK_ESTIMATE(feature(r, "api", "pool_timeouts_per_s"), lambda * m.abandon, w, 0, "pool_timeouts_per_s");
    CHECK_ESTIMATE(r.endToEnd()->error_ratio, m.abandon, w, 0, "end-to-end error ratio = P(V > tau)");
    CHECK_ESTIMATE(feature(r, "api", "pool_waits_per_s"), lambda * (1 - m.pi0), w, 0, "pool_waits_per_s = l P(V > 0)");
    CHECK_ESTIMATE(feature(r, "api", "pool_in_use_mean"), lambda * m.served * S, w, 0, "pool_in_use_mean");
    CHECK_ESTIMATE(r.endToEnd()->response.mean_s, m.meanWaitServed + S, w, 0, "response | success = E[V|V<tau] + S");
    const Estimate& failures = r.component("api")->failures_per_s;
    const Estimate& timeouts = feature(r, "api", "pool_timeouts_per_s");
    CHECK_THAT(std::abs(failures.mean - timeouts.mean) <= 1e-9 * timeouts.mean, "api failures - pool timeouts",
               failures.mean - timeouts.mean);
  }

  // 7. A bulkhead (pool with no wait) of c = 5 in front of a delay target is an Erlang loss system M/G/c/c:
  // the share refused is Erlang B(c, lambda S), whatever the latency distribution (insensitivity); here a
  // lognormal with cv 1.5.
  void bulkheadRefusesTheErlangBShare() {
    const double lambda = 40, S = 0.1;
    const int c = 5;
    Component api = client(test::call("backend"));
    ConnectionPoolSpec bulkhead;
    bulkhead.target = "backend";
    bulkhead.size = c;
    bulkhead.max_wait_s = 0;
    api.connection_pools = {bulkhead};
    const RunResult r = run(clientAndTarget(lambda, api, delayComponent("backend", Distribution::lognormal(S, 1.5)), 2000, 50, 5, 707));

    const double B = erlangB(c, lambda * S);
    QVERIFY(std::abs(B - analytic::erlangB(c, lambda * S)) < 1e-12);
    const double w = simultaneousWidening(4, r.replications);
    CHECK_ESTIMATE(r.endToEnd()->error_ratio, B, w, 0, "end-to-end error ratio = Erlang B");
    CHECK_ESTIMATE(feature(r, "api", "bulkhead_rejections_per_s"), lambda * B, w, 0, "bulkhead refusals per s");
    CHECK_ESTIMATE(r.component("backend")->arrival_rate_per_s, lambda * (1 - B), w, 0, "backend arrivals = l (1 - B)");
    CHECK_ESTIMATE(feature(r, "api", "pool_in_use_mean"), lambda * S * (1 - B), w, 0, "pool_in_use_mean = a (1 - B)");
  }

  // 8. Load shedding on an M/M/1 (mu = 10/s) with shed_after_wait T = 0.2 s: a request whose wait exceeds T
  // when it reaches a worker is dropped without service. Requests that get the worker are exactly those whose
  // virtual wait V is <= T, and dropped ones never use the worker: this is M/M/1 with deterministic patience T
  // (Barrer), so the shed share, the survivors' waits and response are exact, also when overloaded
  // (lambda = 12 > mu: shedding keeps it stable).
  void loadSheddingIsMM1WithDeterministicPatience() {
    const double mu = 10, T = 0.2;
    for (double lambda : {8.0, 12.0}) {
      qInfo("-- lambda %g", lambda);
      Component srv = test::station("srv", 1, Distribution::exponential(1 / mu));
      srv.shed_after_wait_s = T;
      const RunResult r = run(test::singleStation(srv, lambda, 3000, 5));
      const ImpatientMm1 m = impatientMm1(lambda, mu, T);
      const ComponentResult& c = *r.component("srv");
      const double w = simultaneousWidening(5, r.replications);
      CHECK_ESTIMATE(feature(r, "srv", "shed_per_s"), lambda * m.abandon, w, 0, "shed_per_s");
      CHECK_ESTIMATE(c.rejection_ratio, m.abandon, w, 0, "rejection ratio = P(V > T)");
      CHECK_ESTIMATE(c.throughput_per_s, lambda * m.served, w, 0, "throughput = l P(V <= T)");
      CHECK_ESTIMATE(c.waiting.mean_s, m.meanWaitServed, w, 0, "survivors' mean wait = E[V | V <= T]");
      CHECK_ESTIMATE(c.response.mean_s, m.meanWaitServed + 1 / mu, w, 0, "survivors' response");
      const double p999 = c.waiting.quantile_s[4].mean;
      CHECK_THAT(p999 <= T * 1.01, "survivors' wait p99.9 <= T", p999);
      if (lambda < mu)
        CHECK_THAT(c.response.mean_s.mean < 0.5 * analytic::mm1(lambda, mu).response_mean_s,
                   "response vs unshed M/M/1 (0.5 s)", c.response.mean_s.mean);
    }
  }

  // 9. A half-open trial that the caller's own bulkhead refuses. The breaker lets the trial through (it counts
  // it as started), then the bulkhead, which is full with the first trial, refuses it before it reaches the
  // target. The breaker must not wait forever for that trial's outcome: once the dependency is healthy again
  // the breaker has to close (whether the refused trial counts as a failure or is handed back).
  //
  // Setup: bulkhead of 1 to a 100 ms delay, breaker with 2 trial calls, lambda = 20/s; the delay slows down
  // 10x between 50 s and 80 s so that calls (1 s) time out (500 ms) and the breaker opens. After 80 s every
  // call that reaches the target succeeds.
  void breakerClosesAgainWhenAHalfOpenTrialIsRefusedByTheBulkhead() {
    const double lambda = 20, latency = 0.1, warmup = 150;
    Component api = client(test::call("dep", 0.5));
    CircuitBreakerSpec b;
    b.target = "dep";
    b.failure_ratio = 0.5;
    b.minimum_calls = 5;
    b.window_s = 10;
    b.open_s = 5;
    b.half_open_calls = 2;
    api.circuit_breakers = {b};
    ConnectionPoolSpec bulkhead;
    bulkhead.target = "dep";
    bulkhead.size = 1;
    Scenario s = clientAndTarget(lambda, api, delayComponent("dep", Distribution::deterministic(latency)), 400, warmup, 1, 0);
    FaultSpec slow;
    slow.kind = FaultSpec::Kind::Slowdown;
    slow.component = "dep";
    slow.at_s = 50;
    slow.duration_s = 30;
    slow.factor = 10;
    s.faults = {slow};

    // Control first (no bulkhead: the scenario itself recovers), then with the bulkhead. Healthy and closed,
    // the bulkhead is an M/D/1/1 loss system: the dependency gets lambda (1 - B(1, a)).
    for (bool withBulkhead : {false, true}) {
      s.components[0].connection_pools.clear();
      if (withBulkhead) s.components[0].connection_pools = {bulkhead};
      const double healthy = withBulkhead ? lambda * (1 - erlangB(1, lambda * latency)) : lambda;
      // One replication per seed, so that each run's decision log (kept for replication 0 only) and its load on
      // the dependency can be checked together.
      for (std::uint64_t seed : {901, 902, 903, 904}) {
        s.simulation.seed = seed;
        const RunResult r = run(s);
        const auto events = breakerEvents(r);
        qInfo("-- %s, seed %llu: %zu breaker transitions, the last ones:", withBulkhead ? "bulkhead of 1" : "no bulkhead",
              static_cast<unsigned long long>(seed), events.size());
        for (std::size_t i = events.size() > 3 ? events.size() - 3 : 0; i < events.size(); ++i)
          qInfo("  %8.3f s  %s", events[i]->time_s, events[i]->reason.c_str());
        QVERIFY2(!events.empty(), "the breaker never opened: the scenario does not exercise it");
        const double load = r.component("dep")->arrival_rate_per_s.mean;
        CHECK_THAT(startsWith(events.back()->reason, "circuit breaker: half-open -> closed"),
                   "last breaker transition is '-> closed' (time s)", events.back()->time_s);
        CHECK_THAT(std::abs(load - healthy) < 0.1 * healthy, "dep arrivals after recovery (req/s)", load);
      }
    }
  }

  // 10. A request waiting in a connection pool whose request fails elsewhere (a sibling in a parallel step)
  // before its pool wait expires: its ticket must be forgotten cleanly, and every other request must still
  // get its answer. Checked by conservation: created = succeeded + failed (+ the few in flight at the end),
  // and the caller's population by Little's law (no request may stay forever).
  //
  // api: parallel [slow (1 s, through a pool of 1 with max_wait 0.5 s), coin (10 ms, fails half the time)].
  void poolWaiterOfAFailedRequestDoesNotDisturbOthers() {
    Step fan;
    fan.kind = Step::Kind::Parallel;
    fan.calls = {{"slow", 0}, {"coin", 0}};
    Component api = client(fan);
    ConnectionPoolSpec pool;
    pool.target = "slow";
    pool.size = 1;
    pool.max_wait_s = 0.5;
    api.connection_pools = {pool};
    Component coin = delayComponent("coin", Distribution::deterministic(0.01));
    coin.error_ratio = 0.5;
    Scenario s = clientAndTarget(5, api, delayComponent("slow", Distribution::deterministic(1.0)), 600, 60, 3, 1001);
    s.components.push_back(coin);
    // Control first: a coin that never fails (no request dies while waiting for the pool), then the real case.
    for (double coinErrors : {0.0, 0.5}) {
      qInfo("-- coin error_ratio %g", coinErrors);
      s.components[2].error_ratio = coinErrors;
      const RunResult r = run(s);
      const EndToEndResult& e = *r.endToEnd();
      const double finished = e.throughput_per_s.mean + e.errors_per_s.mean;
      qInfo("created %.4g/s, succeeded %.4g/s, failed %.4g/s, pool timeouts %.4g/s", e.arrival_rate_per_s.mean,
            e.throughput_per_s.mean, e.errors_per_s.mean, feature(r, "api", "pool_timeouts_per_s").mean);
      // In flight at the horizon: at most lambda x 1.5 s of requests, over 540 s observed.
      CHECK_THAT(std::abs(e.arrival_rate_per_s.mean - finished) < 0.02 + 0.01 * e.arrival_rate_per_s.mean,
                 "created - finished per s", e.arrival_rate_per_s.mean - finished);
      // No request lives longer than 0.5 s (pool wait) + 1 s (slow): L <= lambda x 1.5 by Little's law.
      CHECK_THAT(r.component("api")->mean_in_system.mean < 5 * 1.5, "api mean_in_system", r.component("api")->mean_in_system.mean);
    }
  }
};

QTEST_GUILESS_MAIN(ResilienceTest)
#include "test_resilience.moc"
