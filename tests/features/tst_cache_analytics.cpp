// Analytic cache hit ratios against simulation of KeyCache: LRU under Zipf requests vs Che's approximation,
// TTL cache (stored on miss, fixed expiry) under Poisson requests vs l T / (1 + l T); exact special cases.
#include <QTest>

#include <cmath>
#include <stdexcept>

#include "simulator/features/cache_analytics.h"
#include "simulator/features/key_cache.h"
#include "simulator/features/zipf_keys.h"

using namespace headroom;
using namespace headroom::features;

class TestCacheAnalytics : public QObject {
  Q_OBJECT

 private slots:
  void cheIsExactForUniformPopularity() {
    // p_k = 1/n: n (1 - exp(-T/n)) = C and the hit ratio is C / n.
    const ZipfKeys uniform(10000, 0.0);
    QVERIFY(std::fabs(cheLruHitRatio(uniform, 1000) - 0.1) < 1e-9);
    QVERIFY(std::fabs(cheLruHitRatio(uniform, 2500) - 0.25) < 1e-9);
    QCOMPARE(cheLruHitRatio(uniform, 0), 1.0);
    QCOMPARE(cheLruHitRatio(uniform, 10000), 1.0);
    const ZipfKeys skewed(10000, 1.0);
    const double h100 = cheLruHitRatio(skewed, 100), h1000 = cheLruHitRatio(skewed, 1000);
    QVERIFY(h100 < h1000 && h1000 < 1.0);
    QVERIFY(h100 > 100 * 1e-4);  // skew beats uniform
  }

  void simulatedLruMatchesChe_data() {
    QTest::addColumn<double>("exponent");
    QTest::addColumn<qlonglong>("keys");
    QTest::addColumn<qlonglong>("capacity");
    QTest::addRow("s=0.8 n=1e4 C=1e3") << 0.8 << 10000LL << 1000LL;
    QTest::addRow("s=1.2 n=1e4 C=1e2") << 1.2 << 10000LL << 100LL;
    QTest::addRow("s=0.6 n=1e5 C=5e3") << 0.6 << 100000LL << 5000LL;
  }

  void simulatedLruMatchesChe() {
    QFETCH(double, exponent);
    QFETCH(qlonglong, keys);
    QFETCH(qlonglong, capacity);
    const ZipfKeys zipf(keys, exponent);
    KeyCache cache(keys, capacity, 0);
    RandomStream rng(11, "lru");
    auto request = [&](SimTime t) {
      const std::int64_t k = zipf.sample(rng);
      if (cache.lookup(k, t) != KeyCache::Result::Miss) return true;
      cache.store(k, t);
      return false;
    };
    const int warmup = 300000, measured = 1000000;
    for (int i = 0; i < warmup; ++i) request(i);
    int hits = 0;
    for (int i = 0; i < measured; ++i) hits += request(warmup + i);
    const double simulated = static_cast<double>(hits) / measured;
    const double che = cheLruHitRatio(zipf, capacity);
    qInfo("LRU s=%g n=%lld C=%lld: simulated %.4f, Che %.4f", exponent, keys, capacity, simulated, che);
    QVERIFY2(std::fabs(simulated - che) < 0.01, qPrintable(QString("%1 vs %2").arg(simulated).arg(che)));
  }

  void simulatedTtlCacheMatchesAnalytic_data() {
    QTest::addColumn<double>("exponent");
    QTest::addColumn<double>("rate");
    QTest::addColumn<double>("ttl");
    QTest::addRow("s=0.8 500/s ttl 2 s") << 0.8 << 500.0 << 2.0;
    QTest::addRow("s=0 500/s ttl 1 s") << 0.0 << 500.0 << 1.0;
    QTest::addRow("s=1.2 200/s ttl 10 s") << 1.2 << 200.0 << 10.0;
  }

  void simulatedTtlCacheMatchesAnalytic() {
    QFETCH(double, exponent);
    QFETCH(double, rate);
    QFETCH(double, ttl);
    const ZipfKeys zipf(1000, exponent);
    KeyCache cache(1000, 0, secondsToSimTime(ttl));  // no size limit: only the TTL decides
    RandomStream rng(12, "ttl");
    const double warmup_s = 20 * ttl;
    const int measured = 1000000;
    double t = 0;
    int hits = 0, counted = 0;
    while (counted < measured) {
      t += rng.exponential(1.0 / rate);
      const SimTime now = secondsToSimTime(t);
      const std::int64_t k = zipf.sample(rng);
      const bool hit = cache.lookup(k, now) != KeyCache::Result::Miss;
      if (!hit) cache.store(k, now);
      if (t >= warmup_s) {
        hits += hit;
        ++counted;
      }
    }
    const double simulated = static_cast<double>(hits) / measured;
    const double analytic = ttlHitRatio(zipf, rate, ttl);
    qInfo("TTL s=%g rate=%g ttl=%g: simulated %.4f, analytic %.4f", exponent, rate, ttl, simulated, analytic);
    QVERIFY2(std::fabs(simulated - analytic) < 0.003, qPrintable(QString("%1 vs %2").arg(simulated).arg(analytic)));
  }

  void ttlEdgeCases() {
    const ZipfKeys uniform(100, 0.0);
    // l = 10/s per key, T = 0.5 s: 5 / 6.
    QVERIFY(std::fabs(ttlHitRatio(uniform, 1000.0, 0.5) - 5.0 / 6.0) < 1e-12);
    QCOMPARE(ttlHitRatio(uniform, 1000.0, 0.0), 1.0);
    QCOMPARE(ttlHitRatio(uniform, 0.0, 1.0), 0.0);
    const ZipfKeys tooMany(20000000, 1.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, cheLruHitRatio(tooMany, 10));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ttlHitRatio(tooMany, 1.0, 1.0));
  }
};

QTEST_GUILESS_MAIN(TestCacheAnalytics)
#include "tst_cache_analytics.moc"
