// Key cache contents: LRU order and eviction, TTL expiry (hits do not extend it), stale hits after writes that
// do not evict, invalidation on write, clear, capacity 0, key limits, warm start.
#include <QTest>

#include <stdexcept>
#include <vector>

#include "simulator/features/key_cache.h"
#include "simulator/features/zipf_keys.h"

using namespace headroom;
using namespace headroom::features;

namespace {
SimTime sec(double s) { return secondsToSimTime(s); }
using R = KeyCache::Result;
using Keys = std::vector<std::int64_t>;
}  // namespace

class TestKeyCache : public QObject {
  Q_OBJECT

 private slots:
  void lruEvictsLeastRecentlyUsed() {
    KeyCache cache(10, 3, 0);
    cache.store(0, sec(1));
    cache.store(1, sec(2));
    cache.store(2, sec(3));
    QCOMPARE(cache.lruOrder(), (Keys{2, 1, 0}));
    QCOMPARE(cache.lookup(0, sec(4)), R::Hit);  // 0 becomes the most recently used
    QCOMPARE(cache.lruOrder(), (Keys{0, 2, 1}));
    cache.store(3, sec(5));  // full: evicts 1
    QCOMPARE(cache.size(), std::int64_t{3});
    QCOMPARE(cache.lruOrder(), (Keys{3, 0, 2}));
    QVERIFY(!cache.contains(1));
    QCOMPARE(cache.lookup(1, sec(6)), R::Miss);
    QCOMPARE(cache.lookup(2, sec(6)), R::Hit);
    cache.store(4, sec(7));  // evicts 0 now
    QCOMPARE(cache.lruOrder(), (Keys{4, 2, 3}));
  }

  void storingACachedKeyRefreshesIt() {
    KeyCache cache(10, 2, sec(10));
    cache.store(0, sec(0));
    cache.store(1, sec(1));
    cache.store(0, sec(5));  // no eviction, moves to the front, new stored_at
    QCOMPARE(cache.size(), std::int64_t{2});
    QCOMPARE(cache.lruOrder(), (Keys{0, 1}));
    QCOMPARE(cache.lookup(0, sec(12)), R::Hit);  // would have expired at 10 s without the refresh
    QCOMPARE(cache.lookup(1, sec(12)), R::Miss);
  }

  void entriesExpireAfterTtlAndHitsDoNotExtendIt() {
    KeyCache cache(10, 0, sec(10));
    cache.store(3, sec(0));
    QCOMPARE(cache.lookup(3, sec(5)), R::Hit);
    QCOMPARE(cache.lookup(3, sec(10) - 1), R::Hit);
    QCOMPARE(cache.size(), std::int64_t{1});
    QCOMPARE(cache.lookup(3, sec(10)), R::Miss);  // valid on [stored, stored + ttl)
    QCOMPARE(cache.size(), std::int64_t{0});       // the expired entry is gone
    QVERIFY(!cache.contains(3));
    KeyCache immortal(10, 0, 0);
    immortal.store(3, sec(0));
    QCOMPARE(immortal.lookup(3, sec(1e9)), R::Hit);
  }

  void writeWithoutEvictionMakesHitsStale() {
    KeyCache cache(10, 0, sec(60));
    cache.store(5, sec(0));
    cache.write(5, sec(1), false);
    QCOMPARE(cache.size(), std::int64_t{1});
    QCOMPARE(cache.lookup(5, sec(2)), R::StaleHit);
    QCOMPARE(cache.lookup(5, sec(3)), R::StaleHit);
    cache.store(5, sec(4));  // read again from the store after the write: fresh
    QCOMPARE(cache.lookup(5, sec(5)), R::Hit);
    QCOMPARE(cache.lookup(6, sec(5)), R::Miss);
    cache.store(6, sec(6));
    QCOMPARE(cache.lookup(6, sec(7)), R::Hit);  // a write to another key does not matter
    QCOMPARE(cache.lookup(5, sec(61)), R::Hit);  // stored at 4 s: still valid at 61 s
    QCOMPARE(cache.lookup(6, sec(66)), R::Miss);
  }

  void writeWithEvictionInvalidates() {
    KeyCache cache(10, 0, 0);
    cache.store(5, sec(0));
    cache.store(6, sec(0));
    cache.write(5, sec(1), true);
    QCOMPARE(cache.size(), std::int64_t{1});
    QCOMPARE(cache.lookup(5, sec(2)), R::Miss);
    cache.write(7, sec(2), true);  // not cached: nothing happens
    QCOMPARE(cache.size(), std::int64_t{1});
    cache.store(5, sec(3));
    QCOMPARE(cache.lookup(5, sec(4)), R::Hit);
    QCOMPARE(cache.lruOrder(), (Keys{5, 6}));
  }

  void clearEmptiesTheCache() {
    KeyCache cache(100, 10, 0);
    for (int k = 0; k < 10; ++k) cache.store(k, sec(k));
    cache.write(3, sec(20), false);
    cache.clear();
    QCOMPARE(cache.size(), std::int64_t{0});
    QVERIFY(cache.lruOrder().empty());
    for (int k = 0; k < 10; ++k) QCOMPARE(cache.lookup(k, sec(30)), R::Miss);
    for (int k = 10; k < 20; ++k) cache.store(k, sec(31));  // the whole capacity is usable again
    QCOMPARE(cache.size(), std::int64_t{10});
    for (int k = 10; k < 20; ++k) QCOMPARE(cache.lookup(k, sec(32)), R::Hit);
  }

  void capacityZeroHoldsEveryKey() {
    KeyCache cache(1000, 0, 0);
    QCOMPARE(cache.capacity(), std::int64_t{1000});
    for (int k = 0; k < 1000; ++k) cache.store(k, 0);
    QCOMPARE(cache.size(), std::int64_t{1000});
    for (int k = 0; k < 1000; ++k) QCOMPARE(cache.lookup(k, 1), R::Hit);
    QCOMPARE(KeyCache(10, 50, 0).capacity(), std::int64_t{10});
  }

  void keyLimitsAreChecked() {
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, KeyCache(0, 1, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, KeyCache(KeyCache::kMaxKeys + 1, 1, 0));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, KeyCache(10, -1, 0));
    KeyCache cache(10, 2, 0);
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, cache.lookup(10, 0));
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, cache.store(-1, 0));
  }

  void warmStartHoldsTheMostPopularKeysWithStaggeredAges() {
    const ZipfKeys zipf(1000, 0.9);
    KeyCache cache(1000, 100, sec(60));
    RandomStream rng(4, "warm");
    const SimTime now = sec(1000);
    cache.warm(zipf, now, rng);
    QCOMPARE(cache.size(), std::int64_t{100});
    for (int k = 0; k < 100; ++k) QVERIFY(cache.contains(k));
    QVERIFY(!cache.contains(100));
    const Keys order = cache.lruOrder();
    QCOMPARE(order.front(), std::int64_t{0});
    QCOMPARE(order.back(), std::int64_t{99});
    // Ages uniform over the last ttl: about half have expired 30 s later, all of them 60 s later.
    int alive = 0;
    for (int k = 0; k < 100; ++k) alive += cache.lookup(k, now + sec(30)) != R::Miss;
    QVERIFY2(alive >= 35 && alive <= 65, qPrintable(QString::number(alive)));
    for (int k = 0; k < 100; ++k) QCOMPARE(cache.lookup(k, now + sec(60)), R::Miss);

    KeyCache small(1000, 0, 0);  // no ttl, every key fits: all keys, stored now, never expire
    small.warm(zipf, now, rng);
    QCOMPARE(small.size(), std::int64_t{1000});
    QCOMPARE(small.lookup(999, sec(1e6)), R::Hit);
    KeyCache tooFew(10, 0, 0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tooFew.warm(zipf, now, rng));
  }
};

QTEST_GUILESS_MAIN(TestKeyCache)
#include "tst_key_cache.moc"
