// A lowered database runs: each shard's primary and replica pool receive exactly their share of the traffic
// (writes to primaries, reads to replicas, shards by their key mass), within the run's 95% confidence interval.
#include <QtTest>

#include <cmath>

#include "model/database_lowering.h"
#include "scenario_builders.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

// Poisson(rate) requests to api, which calls db; a fraction `reads` of them are reads, the rest writes.
Scenario shopWithDatabase(double rate, double reads, const DatabaseSpec& db_spec) {
  Component api = test::station("api", 64, Distribution::exponential(0.001), 2);
  api.behaviour[kAnyClass].steps.push_back(test::call("db"));
  Component db = test::station("db", 8, Distribution::exponential(0.002), 2);
  db.database = db_spec;
  Scenario s = test::singleStation(api, rate, 2000, 5);
  s.components.push_back(db);
  s.request_classes = {"read", "write"};
  s.sources[0].mix = {{"read", reads}, {"write", 1.0 - reads}};
  return s;
}

QString describe(const std::string& name, const Estimate& e, double expected) {
  return QString("%1: arrival rate %2 +- %3 /s, expected %4")
      .arg(QString::fromStdString(name))
      .arg(e.mean)
      .arg(e.half_width)
      .arg(expected);
}

}  // namespace

class DatabaseLoweringSimTest : public QObject {
  Q_OBJECT
 private slots:
  void readsAndWritesReachTheirShareOfEachShard() {
    const double lambda = 200.0, reads = 0.75;
    DatabaseSpec db;
    db.write_classes = {"write"};
    db.shards = 2;
    db.read_replicas = 2;
    db.sharding = DatabaseSpec::Sharding::Modulo;
    db.keys = 100000;  // uniform keys: each shard gets exactly half
    const RunResult r = runSimulation(lowerDatabases(shopWithDatabase(lambda, reads, db)));
    for (int shard = 0; shard < 2; ++shard) {
      const std::string primary = databasePrimaryName("db", shard, 2);
      const std::string replicas = databaseReplicasName("db", shard, 2);
      QVERIFY(r.component(primary) && r.component(replicas));
      const Estimate& p = r.component(primary)->arrival_rate_per_s;
      const Estimate& q = r.component(replicas)->arrival_rate_per_s;
      QVERIFY2(p.contains(lambda * (1 - reads) / 2), qPrintable(describe(primary, p, lambda * (1 - reads) / 2)));
      QVERIFY2(q.contains(lambda * reads / 2), qPrintable(describe(replicas, q, lambda * reads / 2)));
    }
    const Estimate& router = r.component("db")->arrival_rate_per_s;
    QVERIFY2(router.contains(lambda), qPrintable(describe("db", router, lambda)));
    QCOMPARE(r.endToEnd()->error_ratio.mean, 0.0);
  }

  void replicaReadsOfRecentlyWrittenKeysAreStale() {
    // 100 equally popular keys, writes at 20/s (Poisson), lag 1 s: a read finds its key written within the last
    // second with probability 1 - exp(-20 x 1 / 100) = 0.1813.
    DatabaseSpec db;
    db.write_classes = {"write"};
    db.read_replicas = 2;
    db.replication_lag_s = 1.0;
    db.keys = 100;
    const RunResult r = runSimulation(lowerDatabases(shopWithDatabase(100, 0.8, db)));
    const Estimate* stale = r.component("db")->feature("replica_stale_read_ratio");
    QVERIFY(stale);
    const double expected = 1 - std::exp(-20.0 * 1.0 / 100);
    QVERIFY2(std::abs(stale->mean - expected) <= std::max(stale->half_width, 0.005),
             qPrintable(QString("stale %1 +- %2, expected %3").arg(stale->mean).arg(stale->half_width).arg(expected)));
  }

  void aSkewedKeyRangeMakesAHotShard() {
    const double lambda = 100.0;
    DatabaseSpec db;
    db.shards = 4;
    db.sharding = DatabaseSpec::Sharding::Range;
    db.keys = 1000000;
    db.key_skew = 1.0;
    const std::vector<double> share = shardProbabilities(db);
    const RunResult r = runSimulation(lowerDatabases(shopWithDatabase(lambda, 1.0, db)));
    for (int shard = 0; shard < 4; ++shard) {
      const std::string name = databasePrimaryName("db", shard, 4);
      const Estimate& e = r.component(name)->arrival_rate_per_s;
      // Four 95% intervals at once: allow twice the half-width so the check is not a coin toss.
      const double expected = lambda * share[static_cast<std::size_t>(shard)];
      QVERIFY2(std::abs(e.mean - expected) <= 2 * e.half_width, qPrintable(describe(name, e, expected)));
    }
    QVERIFY(r.component("db/shard-0")->utilization.mean > 5 * r.component("db/shard-1")->utilization.mean);
  }
};

QTEST_GUILESS_MAIN(DatabaseLoweringSimTest)
#include "test_database_lowering_sim.moc"
