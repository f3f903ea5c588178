// Caches, rate limits and flaky dependencies end to end, against known answers: M/M/1 behind a cache, Che's
// LRU approximation, the TTL renewal formula, stale reads, token buckets, injected errors, a CDN and a gateway
// with a response cache and a limit together. Fixed seeds; each expected value is derived in the test.
#include <QtTest>

#include <cmath>
#include <vector>

#include "model/units.h"
#include "scenario_builders.h"
#include "simulator/analytic/markovian_queues.h"
#include "simulator/features/cache_analytics.h"
#include "simulator/features/token_bucket_limiter.h"
#include "simulator/features/zipf_keys.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

// |got - expected| <= max(ciFactor * half-width, absTol): the simulator's own CI, with a floor for KPIs
// whose replications happen to agree almost exactly.
// HEADROOM_TEST_VERBOSE=1 prints every measured value next to its expected one.
void report(const char* what, double got, double hw, double expected) {
  if (qEnvironmentVariableIsSet("HEADROOM_TEST_VERBOSE"))
    qInfo("%s: measured %.6g +- %.3g, expected %.6g", what, got, hw, expected);
}

void verifyEstimate(const Estimate& e, double expected, double absTol, const char* what, double ciFactor = 1.0) {
  const double hw = std::isfinite(e.half_width) ? e.half_width : 0.0;
  report(what, e.mean, hw, expected);
  QVERIFY2(std::isfinite(e.mean) && std::abs(e.mean - expected) <= std::max(ciFactor * hw, absTol),
           qPrintable(QString("%1: got %2 +- %3, expected %4 (tolerance %5)")
                          .arg(what)
                          .arg(e.mean)
                          .arg(hw)
                          .arg(expected)
                          .arg(std::max(ciFactor * hw, absTol))));
}

void verifyNear(double got, double expected, double absTol, const char* what) {
  report(what, got, 0.0, expected);
  QVERIFY2(std::abs(got - expected) <= absTol,
           qPrintable(QString("%1: got %2, expected %3 (tolerance %4)").arg(what).arg(got).arg(expected).arg(absTol)));
}

const Estimate& featureOf(const RunResult& r, const std::string& component, const std::string& name) {
  static const Estimate missing;
  const ComponentResult* c = r.component(component);
  if (!c) return missing;
  const Estimate* e = c->feature(name);
  return e ? *e : missing;
}

Step callStep(const std::string& target) { return test::call(target); }

// A service that never queues: enough workers that a held worker is never missed.
Component wide(const std::string& name, const Distribution& service) { return test::station(name, 2000, service); }

Scenario base(const std::string& name, double horizon, double warmup, int replications, std::uint64_t seed) {
  Scenario s;
  s.name = name;
  s.simulation.horizon_s = horizon;
  s.simulation.warmup_s = warmup;
  s.simulation.replications = replications;
  s.simulation.seed = seed;
  return s;
}

// A key-mode cache with a zero-time backing store (no behaviour): the key is stored at the instant of the
// miss, which is exactly what the independent-reference formulas assume.
Scenario keyCacheAlone(std::int64_t keys, double zipf, std::int64_t capacity, double ttl, double rate, double horizon,
                       double warmup) {
  Scenario s = base("key-cache", horizon, warmup, 3, 77);
  Component cache = wide("cache", Distribution::deterministic(0));
  CacheSpec spec;
  spec.keys = keys;
  spec.zipf_exponent = zipf;
  spec.capacity = capacity;
  spec.ttl_s = ttl;
  cache.cache = spec;
  s.components = {cache};
  s.sources = {test::poisson("cache", rate)};
  return s;
}

// Per key of a Zipf popularity, the read-through TTL cache with Poisson reads r and Poisson writes w (keys of
// writes drawn from the same popularity). An entry stored at a miss lives T. Invalidation TtlOnly: reads in the
// entry's life after the first write are stale hits; OnWrite: the first write ends the life.
struct StaleTheory {
  double hitRatio = 0;
  double staleRatio = 0;
};
StaleTheory staleTheory(const features::ZipfKeys& keys, double readRate, double writeRate, double ttl, bool onWrite) {
  double reads = 0, hits = 0, stale = 0;
  for (std::int64_t k = 0; k < keys.keys(); ++k) {
    const double p = keys.probability(k), r = readRate * p, w = writeRate * p;
    const double firstWriteMass = (1 - std::exp(-w * ttl)) / w;  // E[min(T, first write)]
    reads += r;
    if (onWrite) {
      // Renewal cycle: a miss, then the entry lives min(T, first write); reads during the life hit.
      const double life = firstWriteMass;
      hits += r * (r * life) / (1 + r * life);
    } else {
      // Cycle: a miss, then T of hits; the hits after the first write within T are stale.
      hits += r * (r * ttl) / (1 + r * ttl);
      stale += r * (r * (ttl - firstWriteMass)) / (1 + r * ttl);
    }
  }
  return {hits / reads, stale / reads};
}

}  // namespace

class StackCachesTest : public QObject {
  Q_OBJECT
 private slots:
  // 1. A cache with a given hit ratio h in front of an M/M/1 database: the database is an M/M/1 at (1-h) lambda.
  void givenHitRatioThinsTheDatabaseToAnMm1AtTheMissRate() {
    const double lambda = 100, h = 0.8, dbMean = 0.03;  // db: rho = 20 * 0.03 = 0.6
    Scenario s = base("cache-mm1", 4000, 200, 5, 11);
    Component cache = wide("cache", Distribution::deterministic(0));
    CacheSpec spec;
    spec.hit_ratio = {{kAnyClass, h}};
    cache.cache = spec;
    cache.behaviour[kAnyClass].steps = {callStep("db")};
    s.components = {cache, test::station("db", 1, Distribution::exponential(dbMean))};
    s.sources = {test::poisson("cache", lambda)};
    const RunResult r = runSimulation(s);
    const auto mm1 = analytic::mm1((1 - h) * lambda, 1 / dbMean);
    verifyEstimate(featureOf(r, "cache", "cache_hit_ratio"), h, 0.002, "cache hit ratio");
    verifyEstimate(r.component("db")->arrival_rate_per_s, (1 - h) * lambda, 0.05, "db arrival rate");
    verifyEstimate(r.component("db")->response.mean_s, mm1.response_mean_s, 0.0, "db mean response = M/M/1", 1.5);
    verifyEstimate(r.component("db")->utilization, mm1.utilization, 0.0, "db utilization", 1.5);
    verifyEstimate(featureOf(r, "cache", "cache_misses_per_s"), (1 - h) * lambda, 0.05, "misses per second");
    // End to end: a hit costs nothing, a miss the database's response.
    verifyEstimate(r.endToEnd()->response.mean_s, (1 - h) * mm1.response_mean_s, 0.0, "end-to-end mean", 1.5);
  }

  // 2a. Key mode, LRU without TTL: Che's approximation.
  void lruHitRatioMatchesChesApproximation() {
    const std::int64_t keys = 20000, capacity = 2000;
    const double zipf = 0.8;
    const RunResult r = runSimulation(keyCacheAlone(keys, zipf, capacity, 0.0, 2000, 300, 30));
    const double che = features::cheLruHitRatio(features::ZipfKeys(keys, zipf), capacity);
    // Che's approximation is within a few tenths of a point for caches of this size.
    verifyEstimate(featureOf(r, "cache", "cache_hit_ratio"), che, 0.005, "LRU hit ratio vs Che");
  }

  // 2b. Key mode, TTL only (every key fits): the renewal formula sum p_k l_k T / (1 + l_k T).
  void ttlHitRatioMatchesTheRenewalFormula() {
    const std::int64_t keys = 5000;
    const double zipf = 0.9, rate = 500, ttl = 5;
    const RunResult r = runSimulation(keyCacheAlone(keys, zipf, 0, ttl, rate, 400, 40));
    const double theory = features::ttlHitRatio(features::ZipfKeys(keys, zipf), rate, ttl);
    verifyEstimate(featureOf(r, "cache", "cache_hit_ratio"), theory, 0.003, "TTL hit ratio vs renewal formula");
  }

  // 2c. The same TTL cache with a backing store that takes d: the key is stored only when the read returns, so
  // every request in the d after a miss misses too, and the entry (stored again by each of them) lives until
  // T after the last one's store. Per key at rate l, a renewal cycle has 1 + l d misses and l (T + E[t_last])
  // hits, E[t_last] = d - (1 - exp(-l d)) / l (the last arrival in the first d, or 0).
  void ttlHitRatioAccountsForTheReadThroughDelay() {
    const std::int64_t keys = 5000;
    const double zipf = 0.9, rate = 500, ttl = 5, d = 0.5;
    Scenario s = keyCacheAlone(keys, zipf, 0, ttl, rate, 400, 40);
    s.components[0].behaviour[kAnyClass].steps = {callStep("db")};
    Component db = test::station("db", 1, Distribution::deterministic(d));
    db.type = Component::Type::Delay;
    s.components.push_back(db);
    const RunResult r = runSimulation(s);
    const features::ZipfKeys popularity(keys, zipf);
    double hits = 0;
    for (std::int64_t k = 0; k < keys; ++k) {
      const double p = popularity.probability(k), l = rate * p;
      const double last = d - (1 - std::exp(-l * d)) / l;
      const double cycleHits = l * (ttl + last), cycleMisses = 1 + l * d;
      hits += p * cycleHits / (cycleHits + cycleMisses);
    }
    const double zeroTime = features::ttlHitRatio(popularity, rate, ttl);
    QVERIFY2(zeroTime - hits > 0.02, "the delay must matter for this test to discriminate");
    report("TTL hit ratio, zero-time store (not expected here)", zeroTime, 0, hits);
    verifyEstimate(featureOf(r, "cache", "cache_hit_ratio"), hits, 0.003, "TTL hit ratio with a 0.5 s read-through");
  }

  // 3a. Cold start: the hit ratio starts at 0 and climbs to its steady value; the database sees the herd first.
  void coldStartHitRatioRecoversAndTheStoreSeesTheHerd() {
    Scenario s = base("cold-start", 300, 0, 4, 21);
    s.simulation.window_s = 2;
    Component cache = wide("cache", Distribution::deterministic(0));
    CacheSpec spec;
    spec.keys = 20000;
    spec.zipf_exponent = 0.7;
    spec.capacity = 4000;
    spec.start_warm = false;
    cache.cache = spec;
    cache.behaviour[kAnyClass].steps = {callStep("db")};
    Component db = test::station("db", 1, Distribution::deterministic(0.001));
    db.type = Component::Type::Delay;
    s.components = {cache, db};
    s.sources = {test::poisson("cache", 300)};
    const RunResult r = runSimulation(s);
    const SeriesResult* hit = r.findSeries("cache", "cache_hit_ratio");
    const SeriesResult* dbIn = r.findSeries("db", "arrival_rate_per_s");
    QVERIFY(hit && dbIn && hit->mean.size() >= 150);
    const double che = features::cheLruHitRatio(features::ZipfKeys(spec.keys, spec.zipf_exponent), spec.capacity);
    double steadyHit = 0, steadyDb = 0;
    for (std::size_t w = 100; w < 150; ++w) steadyHit += hit->mean[w] / 50, steadyDb += dbIn->mean[w] / 50;
    verifyNear(steadyHit, che, 0.01, "steady hit ratio (last 100 s) vs Che");
    report("cold: first-window hit ratio", hit->mean[0], 0, steadyHit);
    report("cold: first-window db arrivals", dbIn->mean[0], 0, steadyDb);
    QVERIFY2(hit->mean[0] < 0.5 * steadyHit, qPrintable(QString("first window hit %1 vs steady %2").arg(hit->mean[0]).arg(steadyHit)));
    QVERIFY2(dbIn->mean[0] > 1.5 * steadyDb, qPrintable(QString("first window db %1/s vs steady %2/s").arg(dbIn->mean[0]).arg(steadyDb)));
    for (std::size_t w = 1; w < 10; ++w)  // climbing, not flat
      QVERIFY2(hit->mean[w] > hit->mean[0], qPrintable(QString("window %1 hit %2 <= first %3").arg(w).arg(hit->mean[w]).arg(hit->mean[0])));
  }

  // 3b. A cache_flush fault in steady state: the window right after it shows a hit-ratio dip and a herd at the
  // backing store; both return to their steady values.
  void cacheFlushFaultCausesAHerdThenRecovers() {
    Scenario s = base("flush", 300, 0, 4, 22);
    s.simulation.window_s = 2;
    Component cache = wide("cache", Distribution::deterministic(0));
    CacheSpec spec;
    spec.keys = 20000;
    spec.zipf_exponent = 0.7;
    spec.capacity = 4000;
    cache.cache = spec;
    cache.behaviour[kAnyClass].steps = {callStep("db")};
    Component db = test::station("db", 1, Distribution::deterministic(0.001));
    db.type = Component::Type::Delay;
    s.components = {cache, db};
    s.sources = {test::poisson("cache", 300)};
    FaultSpec flush;
    flush.kind = FaultSpec::Kind::CacheFlush;
    flush.component = "cache";
    flush.at_s = 150;
    s.faults = {flush};
    const RunResult r = runSimulation(s);
    const SeriesResult* hit = r.findSeries("cache", "cache_hit_ratio");
    const SeriesResult* dbIn = r.findSeries("db", "arrival_rate_per_s");
    QVERIFY(hit && dbIn && hit->mean.size() >= 150);
    double beforeHit = 0, beforeDb = 0, afterHit = 0, afterDb = 0;
    for (std::size_t w = 50; w < 75; ++w) beforeHit += hit->mean[w] / 25, beforeDb += dbIn->mean[w] / 25;     // 100-150 s
    for (std::size_t w = 125; w < 150; ++w) afterHit += hit->mean[w] / 25, afterDb += dbIn->mean[w] / 25;     // 250-300 s
    const std::size_t flushWindow = 75;                                                                         // 150-152 s
    report("flush: hit ratio in 150-152 s", hit->mean[flushWindow], 0, beforeHit);
    report("flush: db arrivals in 150-152 s", dbIn->mean[flushWindow], 0, beforeDb);
    QVERIFY2(hit->mean[flushWindow] < beforeHit - 0.2,
             qPrintable(QString("hit right after flush %1 vs before %2").arg(hit->mean[flushWindow]).arg(beforeHit)));
    QVERIFY2(dbIn->mean[flushWindow] > 1.5 * beforeDb,
             qPrintable(QString("db arrivals right after flush %1/s vs before %2/s").arg(dbIn->mean[flushWindow]).arg(beforeDb)));
    // Not yet flushed the window before: no dip.
    QVERIFY2(std::abs(hit->mean[flushWindow - 1] - beforeHit) < 0.05, "no dip before the flush");
    verifyNear(afterHit, beforeHit, 0.01, "hit ratio recovered");
    verifyNear(afterDb, beforeDb, 0.03 * beforeDb, "db arrival rate back to steady");
  }

  // 4. Writes with TTL-only invalidation leave stale copies; invalidation on write never serves one. Both
  // against the per-key renewal formulas (staleTheory above).
  void ttlOnlyInvalidationServesStaleReadsOnWriteNever() {
    const std::int64_t keys = 2000;
    const double zipf = 0.8, ttl = 10, readRate = 200, writeRate = 20;
    const features::ZipfKeys popularity(keys, zipf);
    for (const bool onWrite : {false, true}) {
      Scenario s = base(onWrite ? "on-write" : "ttl-only", 400, 40, 3, 31);
      s.request_classes = {"read", "write"};
      Component cache = wide("cache", Distribution::deterministic(0));
      CacheSpec spec;
      spec.keys = keys;
      spec.zipf_exponent = zipf;
      spec.ttl_s = ttl;
      spec.write_classes = {"write"};
      spec.invalidation = onWrite ? CacheSpec::Invalidation::OnWrite : CacheSpec::Invalidation::TtlOnly;
      cache.cache = spec;
      s.components = {cache};
      Source src = test::poisson("cache", readRate + writeRate);
      src.mix = {{"read", readRate}, {"write", writeRate}};
      s.sources = {src};
      const RunResult r = runSimulation(s);
      const StaleTheory t = staleTheory(popularity, readRate, writeRate, ttl, onWrite);
      const Estimate& stale = featureOf(r, "cache", "stale_read_ratio");
      QVERIFY2(std::isfinite(stale.mean), "stale_read_ratio reported");
      if (onWrite) {
        QCOMPARE(stale.mean, 0.0);
      } else {
        QVERIFY2(stale.mean > 0.01, qPrintable(QString("stale ratio %1").arg(stale.mean)));
        verifyEstimate(stale, t.staleRatio, 0.004, "stale read ratio (TTL only)");
      }
      verifyEstimate(featureOf(r, "cache", "cache_hit_ratio"), t.hitRatio, 0.004,
                     onWrite ? "hit ratio (on write)" : "hit ratio (TTL only)");
    }
  }

  // 5a. One global token bucket (a third-party quota), offered lambda >> r: over a long run exactly r gets in.
  void globalTokenBucketAdmitsItsRate() {
    const double lambda = 50, rate = 10;
    Scenario s = base("quota", 2000, 100, 3, 41);
    Component api = wide("api", Distribution::deterministic(0.001));
    RateLimitSpec rl;
    rl.rate_per_s = rate;
    rl.burst = 5;
    api.rate_limit = rl;
    s.components = {api};
    s.sources = {test::poisson("api", lambda)};
    const RunResult r = runSimulation(s);
    // The bucket is empty from t ~ 0.1 s on: every token is used, admitted = r (within a token over 1900 s).
    verifyEstimate(r.component("api")->throughput_per_s, rate, 0.01, "admitted = r");
    verifyEstimate(featureOf(r, "api", "throttled_per_s"), lambda - rate, 0.3, "throttled = lambda - r");
    verifyEstimate(r.endToEnd()->error_ratio, (lambda - rate) / lambda, 0.006, "429s / requests");
    const SeriesResult* throttled = r.findSeries("api", "throttled_per_s");
    QVERIFY(throttled && throttled->mean.size() >= 100);
    double late = 0;
    for (std::size_t w = 20; w < 120; ++w) late += throttled->mean[w] / 100;
    verifyNear(late, lambda - rate, 0.5, "throttled_per_s series, 333-2000 s");
  }

  // 5b. Over a short horizon the burst counts: admitted = burst + r T.
  void burstCountsOverAShortHorizon() {
    Scenario s = base("burst", 20, 0, 2, 42);
    Component api = wide("api", Distribution::deterministic(0.001));
    RateLimitSpec rl;
    rl.rate_per_s = 10;
    rl.burst = 200;
    api.rate_limit = rl;
    s.components = {api};
    s.sources = {test::poisson("api", 100)};
    const RunResult r = runSimulation(s);
    // 200 tokens at t = 0 + 10/s x 20 s = 400 in 20 s; at 100/s offered the bucket never overflows after 2.2 s.
    verifyEstimate(r.component("api")->throughput_per_s, (200 + 10 * 20) / 20.0, 0.15, "admitted = (burst + rT) / T");
  }

  // 5c. 100 requests/min per IP, burst 20, 1000 IPs of which 10 heavy send half the traffic: each heavy key is
  // capped at 100/min, each light key (0.1/s offered, far below 1.67/s) passes untouched.
  void perClientLimitThrottlesHeavyClientsOnly() {
    const double lambda = 200, perKey = 100.0 / 60;
    RateLimitSpec rl;
    rl.rate_per_s = perKey;
    rl.burst = 20;
    rl.clients = 1000;
    rl.heavy_client_fraction = 0.01;
    rl.heavy_traffic_share = 0.5;
    const int heavy = 10, light = 990;
    const double heavyOffered = lambda * 0.5 / heavy;  // 10/s per heavy key
    QVERIFY(heavyOffered > perKey && lambda * 0.5 / light < perKey / 10);
    const double expectedAdmitted = lambda * 0.5 + heavy * perKey;  // 116.67/s

    Scenario s = base("per-ip", 1000, 50, 3, 43);
    Component gw = wide("gateway", Distribution::deterministic(0.001));
    gw.rate_limit = rl;
    s.components = {gw};
    s.sources = {test::poisson("gateway", lambda)};
    const RunResult r = runSimulation(s);
    verifyEstimate(r.component("gateway")->throughput_per_s, expectedAdmitted, 0.6, "admitted = light + heavy x 100/min");
    verifyEstimate(featureOf(r, "gateway", "throttled_per_s"), lambda - expectedAdmitted, 0.6, "throttled");

    // Per key, at the limiter itself: heavy keys lose 1 - 1.67/10 of their requests, light keys none.
    features::TokenBucketLimiter limiter(rl, RandomStream(43, "clients"));
    QCOMPARE(limiter.heavyClients(), heavy);
    RandomStream gaps(43, "gaps");
    std::vector<double> offered(1000, 0), admitted(1000, 0);
    double t = 0;
    const double horizon = 1000;
    while (true) {
      t += gaps.exponential(1 / lambda);
      if (t >= horizon) break;
      const bool ok = limiter.admit(secondsToSimTime(t));
      offered[static_cast<std::size_t>(limiter.lastClient())] += 1;
      if (ok) admitted[static_cast<std::size_t>(limiter.lastClient())] += 1;
    }
    double lightOffered = 0, lightAdmitted = 0;
    for (int c = heavy; c < 1000; ++c) lightOffered += offered[c], lightAdmitted += admitted[c];
    report("limiter: light keys admitted / offered", lightAdmitted / lightOffered, 0, 1.0);
    report("limiter: heavy key 0 admitted", admitted[0], 0, 20 + perKey * horizon);
    QCOMPARE(lightAdmitted, lightOffered);
    for (int c = 0; c < heavy; ++c) {
      // At most burst + r T, and every token used (offered 10/s never lets the bucket refill to full).
      QVERIFY2(admitted[c] <= 20 + perKey * horizon + 1e-9 && admitted[c] >= 20 + perKey * horizon - 2,
               qPrintable(QString("heavy key %1 admitted %2 of %3").arg(c).arg(admitted[c]).arg(offered[c])));
    }
  }

  // 6. A third-party dependency that fails a fraction p of calls: the caller fails the same fraction.
  void flakyThirdPartyFailsItsShareOfCalls() {
    const double lambda = 50, p = 0.05;
    Scenario s = base("third-party", 2000, 100, 3, 51);
    Component api = wide("api", Distribution::exponential(0.005));
    api.behaviour[kAnyClass].steps = {callStep("payments")};
    Component payments = test::station("payments", 1, Distribution::lognormal(0.25, 0.5));
    payments.type = Component::Type::Delay;
    payments.error_ratio = p;
    s.components = {api, payments};
    s.sources = {test::poisson("api", lambda)};
    const RunResult r = runSimulation(s);
    verifyEstimate(r.endToEnd()->error_ratio, p, 0.003, "caller's error ratio");
    verifyEstimate(featureOf(r, "payments", "injected_errors_per_s"), p * lambda, 0.15, "injected errors per second");
    verifyEstimate(r.component("api")->failures_per_s, p * lambda, 0.15, "api visits failed by the call");
  }

  // 7. A CDN with a given hit ratio per class and bytes per answer: the origin sees the misses of each class,
  // and egress counts every answer (hits at the edge, misses once the origin answered).
  void cdnOffloadsTheOriginAndCountsEgress() {
    const double lambda = 100, staticShare = 0.8, staticBytes = 250000, dynamicBytes = 20000;
    Scenario s = base("cdn", 1000, 50, 3, 61);
    s.request_classes = {"static", "dynamic"};
    Component cdn = wide("cdn", Distribution::deterministic(0.002));
    CacheSpec spec;
    spec.hit_ratio = {{"static", 0.9}, {"dynamic", 0.1}};
    spec.response_bytes = {{"static", staticBytes}, {"dynamic", dynamicBytes}};
    cdn.cache = spec;
    cdn.behaviour[kAnyClass].steps = {callStep("origin")};
    s.components = {cdn, test::station("origin", 16, Distribution::exponential(0.02))};
    Source src = test::poisson("cdn", lambda);
    src.mix = {{"static", staticShare}, {"dynamic", 1 - staticShare}};
    s.sources = {src};
    const RunResult r = runSimulation(s);
    const double ls = lambda * staticShare, ld = lambda * (1 - staticShare);
    verifyEstimate(r.component("origin")->arrival_rate_per_s, ls * 0.1 + ld * 0.9, 0.2, "origin arrival rate");
    verifyEstimate(featureOf(r, "cdn", "cache_hit_ratio"), (ls * 0.9 + ld * 0.1) / lambda, 0.003, "overall hit ratio");
    const double egress = ls * staticBytes + ld * dynamicBytes;  // 20.4 MB/s
    verifyEstimate(featureOf(r, "cdn", "egress_bytes_per_s"), egress, 0.01 * egress, "egress bytes per second");
  }

  // 8. A gateway with a response cache for one class and a global rate limit: the limit applies to every class
  // before the cache; the uncached class reaches the API every time and pays its full latency.
  void gatewayCachesOneClassAndLimitsAll() {
    const double lambda = 100, rate = 60, listingShare = 0.6, h = 0.8;
    Scenario s = base("gateway", 1000, 50, 3, 71);
    s.request_classes = {"listing", "checkout"};
    Component gw = wide("gateway", Distribution::deterministic(0.001));
    CacheSpec spec;
    spec.hit_ratio = {{kAnyClass, h}};  // "*" must not leak to the class outside `classes`
    spec.classes = {"listing"};
    gw.cache = spec;
    RateLimitSpec rl;
    rl.rate_per_s = rate;
    rl.burst = 10;
    gw.rate_limit = rl;
    gw.behaviour[kAnyClass].steps = {callStep("api")};
    Component api = test::station("api", 1, Distribution::deterministic(0.02));
    api.type = Component::Type::Delay;
    s.components = {gw, api};
    Source src = test::poisson("gateway", lambda);
    src.mix = {{"listing", listingShare}, {"checkout", 1 - listingShare}};
    s.sources = {src};
    const RunResult r = runSimulation(s);
    const double admitted = rate, admittedListing = admitted * listingShare, admittedCheckout = admitted * (1 - listingShare);
    verifyEstimate(featureOf(r, "gateway", "throttled_per_s"), lambda - rate, 0.3, "throttled");
    verifyEstimate(featureOf(r, "gateway", "cache_hit_ratio"), h, 0.006, "hit ratio of listing only");
    verifyEstimate(featureOf(r, "gateway", "cache_misses_per_s"), admittedListing * (1 - h), 0.3, "misses = listing misses only");
    verifyEstimate(r.component("api")->arrival_rate_per_s, admittedCheckout + admittedListing * (1 - h), 0.4, "api arrivals");
    verifyEstimate(r.endToEnd("checkout")->throughput_per_s, admittedCheckout, 0.5, "checkout throughput");
    // Checkout: gateway 1 ms + api 20 ms, always. Listing: 1 ms + 20 ms on a miss only.
    verifyEstimate(r.endToEnd("checkout")->response.mean_s, 0.021, 1e-6, "checkout untouched by the cache");
    verifyEstimate(r.endToEnd("listing")->response.mean_s, 0.001 + (1 - h) * 0.02, 0.0003, "listing served from the cache");
  }
};

QTEST_GUILESS_MAIN(StackCachesTest)
#include "test_stack_caches.moc"
