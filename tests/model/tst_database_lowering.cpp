// Database components lowered to plain stations: the parts and their names, the read/write split, the exact
// shard probabilities of each sharding scheme, and a lowered scenario that still validates.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "model/database_lowering.h"
#include "model/validation.h"

using namespace headroom;

namespace {

Step callTo(const std::string& target, double timeout_s = 0.0) {
  Step s;
  s.kind = Step::Kind::Call;
  s.calls.push_back({target, timeout_s});
  return s;
}

// web -> api -> db, classes "read" (80%) and "write" (20%); db is a database with `spec`.
Scenario shop(const DatabaseSpec& spec) {
  Scenario s;
  s.name = "shop";
  s.request_classes = {"read", "write"};
  s.simulation.horizon_s = 1000;

  Component api;
  api.name = "api";
  api.replicas = 2;
  api.workers_per_replica = 16;
  api.service_time = Distribution::exponential(0.005);
  api.behaviour[kAnyClass].steps.push_back(callTo("db", 0.5));
  api.connection_pools.push_back({"db", 10, 0.1});
  s.components.push_back(api);

  Component db;
  db.name = "db";
  db.replicas = 3;
  db.workers_per_replica = 8;
  db.queue_capacity = 100;
  db.region = "eu";
  db.service_time = Distribution::exponential(0.002);
  db.service_time_by_class["write"] = Distribution::exponential(0.006);
  db.error_ratio = 0.01;
  AutoscalingSpec as;
  as.metrics.push_back({});  // CPU at 80%
  db.autoscaling = as;
  db.database = spec;
  s.components.push_back(db);

  Source web;
  web.name = "web";
  web.entry = "api";
  web.rate = RateCurve::constant(100);
  web.mix = {{"read", 0.8}, {"write", 0.2}};
  s.sources.push_back(web);
  s.regions.push_back({"eu", {}});
  return s;
}

DatabaseSpec spec(int shards, int readReplicas, DatabaseSpec::Sharding sharding = DatabaseSpec::Sharding::Modulo) {
  DatabaseSpec d;
  d.write_classes = {"write"};
  d.shards = shards;
  d.read_replicas = readReplicas;
  d.sharding = sharding;
  d.keys = 100000;
  return d;
}

std::vector<std::string> names(const Scenario& s) {
  std::vector<std::string> out;
  for (const auto& c : s.components) out.push_back(c.name);
  return out;
}

// The targets the router's branch for `cls` calls, one per shard, with the arm probabilities.
std::vector<std::pair<std::string, double>> routes(const Component& router, const std::string& cls) {
  std::vector<std::pair<std::string, double>> out;
  const Behaviour* b = router.behaviourFor(cls);
  if (!b || b->steps.size() != 1 || b->steps[0].kind != Step::Kind::Branch) return out;
  for (const auto& arm : b->steps[0].arms) {
    if (arm.steps.size() != 1 || arm.steps[0].kind != Step::Kind::Call) return {};
    out.push_back({arm.steps[0].calls[0].target, arm.probability});
  }
  return out;
}

double sum(const std::vector<double>& p) { return std::accumulate(p.begin(), p.end(), 0.0); }

QString issuesText(const std::vector<ValidationIssue>& issues) {
  QString out;
  for (const auto& i : issues) out += QString::fromStdString(i.message()) + "\n";
  return out;
}

}  // namespace

class TestDatabaseLowering : public QObject {
  Q_OBJECT
 private slots:
  void partNames() {
    QCOMPARE(databasePrimaryName("db", 0, 1), std::string("db/primary"));
    QCOMPARE(databaseReplicasName("db", 0, 1), std::string("db/replicas"));
    QCOMPARE(databasePrimaryName("db", 2, 4), std::string("db/shard-2"));
    QCOMPARE(databaseReplicasName("db", 3, 4), std::string("db/shard-3/replicas"));
  }

  void shardsWithReplicasMakeAPrimaryAndAPoolPerShard() {
    const Scenario low = lowerDatabases(shop(spec(2, 2)));
    QCOMPARE(names(low), (std::vector<std::string>{"api", "db", "db/shard-0", "db/shard-0/replicas", "db/shard-1",
                                                    "db/shard-1/replicas"}));
    const Component& router = *low.findComponent("db");
    QCOMPARE(router.type, Component::Type::Service);
    QCOMPARE(router.discipline, Component::Discipline::ProcessorSharing);
    QCOMPARE(router.replicas, 1);
    QCOMPARE(router.service_time.kind, Distribution::Kind::Deterministic);
    QCOMPARE(router.service_time.mean_s, 0.0);
    QVERIFY(router.service_time_by_class.empty());
    QVERIFY(!router.autoscaling);
    QVERIFY(router.database);  // kept: the lowered scenario still says db is a database
    QCOMPARE(router.region, std::string("eu"));
    QCOMPARE(router.error_ratio, 0.0);
    QVERIFY(!router.queue_capacity);

    const Component& primary = *low.findComponent("db/shard-1");
    QCOMPARE(primary.replicas, 3);
    QCOMPARE(primary.workers_per_replica, 8);
    QCOMPARE(primary.queue_capacity, std::optional<int>(100));
    QCOMPARE(primary.service_time_by_class.at("write").mean_s, 0.006);
    QCOMPARE(primary.error_ratio, 0.01);
    QCOMPARE(primary.region, std::string("eu"));
    QVERIFY(primary.autoscaling);
    QVERIFY(!primary.database);

    const Component& pool = *low.findComponent("db/shard-1/replicas");
    QCOMPARE(pool.replicas, 2);
    QCOMPARE(pool.workers_per_replica, 8);
    QCOMPARE(pool.service_time.mean_s, 0.002);
    QVERIFY(!pool.autoscaling);
    QVERIFY(!pool.database);

    // The caller still calls db, with its own timeout and pool.
    const Component& api = *low.findComponent("api");
    QCOMPARE(api.behaviour.at(kAnyClass).steps[0].calls[0].target, std::string("db"));
    QCOMPARE(api.connection_pools[0].target, std::string("db"));
  }

  void oneShardDropsTheShardFromTheNames() {
    QCOMPARE(names(lowerDatabases(shop(spec(1, 2)))), (std::vector<std::string>{"api", "db", "db/primary", "db/replicas"}));
    // Even a plain database is lowered, so every database has the same kind of names.
    const Scenario plain = lowerDatabases(shop(spec(1, 0)));
    QCOMPARE(names(plain), (std::vector<std::string>{"api", "db", "db/primary"}));
    QCOMPARE(routes(*plain.findComponent("db"), "read"),
             (std::vector<std::pair<std::string, double>>{{"db/primary", 1.0}}));
  }

  void writesGoToPrimariesAndReadsToReplicas() {
    const Scenario low = lowerDatabases(shop(spec(2, 2)));
    const Component& router = *low.findComponent("db");
    QCOMPARE(routes(router, "write"),
             (std::vector<std::pair<std::string, double>>{{"db/shard-0", 0.5}, {"db/shard-1", 0.5}}));
    QCOMPARE(routes(router, "read"),
             (std::vector<std::pair<std::string, double>>{{"db/shard-0/replicas", 0.5}, {"db/shard-1/replicas", 0.5}}));
    QCOMPARE(routes(router, "any other class"), routes(router, "read"));

    // Without read replicas, reads go to the primaries too.
    const Scenario plain = lowerDatabases(shop(spec(2, 0)));
    const Component& noReplicas = *plain.findComponent("db");
    QCOMPARE(routes(noReplicas, "read"), routes(noReplicas, "write"));
    QCOMPARE(routes(noReplicas, "read")[1].first, std::string("db/shard-1"));
  }

  void routingAfterTheDatabaseStaysWithTheRouter() {
    Scenario s = shop(spec(2, 1));
    Component audit;
    audit.name = "audit";
    audit.service_time = Distribution::exponential(0.001);
    s.components.push_back(audit);
    s.components[1].behaviour["write"].next.push_back({"audit", 1.0});
    s.sources[0].entry = "db";
    const Scenario low = lowerDatabases(s);
    QCOMPARE(low.findComponent("db")->behaviourFor("write")->next.size(), std::size_t{1});
    QCOMPARE(low.findComponent("db")->behaviourFor("write")->next[0].to, std::string("audit"));
    QVERIFY(low.findComponent("db")->behaviourFor("read")->next.empty());
    QVERIFY(low.findComponent("db/shard-0")->behaviourFor("write")->next.empty());
    QVERIFY2(validateScenario(low).empty(), qPrintable(issuesText(validateScenario(low))));
  }

  void probabilitiesSumToOne() {
    using S = DatabaseSpec::Sharding;
    for (S scheme : {S::Modulo, S::Range, S::ConsistentHash})
      for (double skew : {0.0, 0.5, 1.0, 1.5})
        for (int shards : {1, 3, 8}) {
          DatabaseSpec d = spec(shards, 0, scheme);
          d.key_skew = skew;
          d.keys = 20000;
          const auto p = shardProbabilities(d);
          QCOMPARE(p.size(), std::size_t(shards));
          QVERIFY(std::abs(sum(p) - 1.0) < 1e-12);
          for (double x : p) QVERIFY(x >= 0.0 && x <= 1.0);
        }
  }

  void moduloWithUniformKeysIsExactlyEven() {
    for (int shards : {2, 4, 5, 8}) {
      const auto p = shardProbabilities(spec(shards, 0));  // 100000 keys: divisible by every count here
      for (double x : p) QCOMPARE(x, 1.0 / shards);
    }
    DatabaseSpec d = spec(3, 0);
    d.keys = 10;  // keys 0,3,6,9 / 1,4,7 / 2,5,8
    QCOMPARE(shardProbabilities(d), (std::vector<double>{0.4, 0.3, 0.3}));
  }

  void rangeWithSkewMakesTheFirstShardHot() {
    DatabaseSpec d = spec(4, 0, DatabaseSpec::Sharding::Range);
    d.key_skew = 1.0;
    d.keys = 1000000;
    const auto p = shardProbabilities(d);
    QVERIFY(p[0] > p[1] && p[1] > p[2] && p[2] > p[3]);
    // Shard 0 holds keys 0..249999: its share is the harmonic partial sum H(250000) / H(1000000).
    long double part = 0, total = 0;
    for (long k = d.keys; k >= 1; --k) {
      total += 1.0L / k;
      if (k <= 250000) part += 1.0L / k;
    }
    QVERIFY(std::abs(p[0] - static_cast<double>(part / total)) < 1e-12);
    QVERIFY(std::abs(p[0] - 0.903681) < 1e-6);  // docs/database-model.md
    // Uniform keys: equal ranges.
    d.key_skew = 0.0;
    for (double x : shardProbabilities(d)) QCOMPARE(x, 0.25);
  }

  void rangeBoundsSplitUnevenKeyCounts() {
    DatabaseSpec d = spec(3, 0, DatabaseSpec::Sharding::Range);
    d.keys = 10;  // [0,3) [3,6) [6,10)
    QCOMPARE(databaseShardOfKeys(d), (std::vector<int>{0, 0, 0, 1, 1, 1, 2, 2, 2, 2}));
    d.keys = 2;  // fewer keys than shards: shard 0 holds nothing
    QCOMPARE(shardProbabilities(d), (std::vector<double>{0.0, 0.5, 0.5}));
  }

  void consistentHashingSpreadsUniformKeys() {
    DatabaseSpec d = spec(4, 0, DatabaseSpec::Sharding::ConsistentHash);
    d.virtual_nodes = 64;
    // A ring's shares vary like 1/sqrt(virtual_nodes): about 12% with 64 points per shard.
    for (double x : shardProbabilities(d)) QVERIFY2(std::abs(x * 4 - 1) < 0.15, qPrintable(QString::number(x)));
    d.virtual_nodes = 1024;
    for (double x : shardProbabilities(d)) QVERIFY2(std::abs(x * 4 - 1) < 0.05, qPrintable(QString::number(x)));
  }

  void consistentHashingIsStable() {
    DatabaseSpec d = spec(4, 0, DatabaseSpec::Sharding::ConsistentHash);
    d.keys = 5000;
    const auto small = databaseShardOfKeys(d);
    d.keys = 20000;
    const auto large = databaseShardOfKeys(d);
    QVERIFY(std::equal(small.begin(), small.end(), large.begin()));  // more keys: old keys stay put
    d.shards = 5;
    const auto grown = databaseShardOfKeys(d);
    int moved = 0;
    for (std::size_t k = 0; k < large.size(); ++k)
      if (grown[k] != large[k]) {
        QCOMPARE(grown[k], 4);  // a key only ever moves to the new shard
        ++moved;
      }
    QVERIFY(moved > 0 && moved < static_cast<int>(large.size()) / 3);  // about 1/5 of them
  }

  void scenarioWithoutDatabaseIsUnchanged() {
    Scenario s = shop(spec(1, 0));
    s.components[1].database.reset();
    const Scenario low = lowerDatabases(s);
    QCOMPARE(names(low), names(s));
    QCOMPARE(low.components[1].replicas, 3);
    QVERIFY(low.components[1].autoscaling);
    QCOMPARE(low.components[0].behaviour.at(kAnyClass).steps[0].calls[0].target, std::string("db"));
    QCOMPARE(low.sources.size(), s.sources.size());
  }

  void loweredScenarioValidates() {
    using S = DatabaseSpec::Sharding;
    for (S scheme : {S::Modulo, S::Range, S::ConsistentHash})
      for (int shards : {1, 3})
        for (int replicas : {0, 2}) {
          Scenario s = shop(spec(shards, replicas, scheme));
          FaultSpec kill;
          kill.kind = FaultSpec::Kind::KillReplicas;
          kill.component = "db";  // still a valid target: the router
          kill.at_s = 100;
          s.faults.push_back(kill);
          QVERIFY2(validateScenario(s).empty(), qPrintable(issuesText(validateScenario(s))));
          Scenario low = lowerDatabases(s);
          QVERIFY2(validateScenario(low).empty(), qPrintable(issuesText(validateScenario(low))));
          kill.component = databasePrimaryName("db", shards - 1, shards);  // parts are fault targets
          low.faults.push_back(kill);
          QVERIFY2(validateScenario(low).empty(), qPrintable(issuesText(validateScenario(low))));
        }
  }

  void loweringTwiceChangesNothing() {
    const Scenario once = lowerDatabases(shop(spec(2, 1)));
    const Scenario twice = lowerDatabases(once);
    QCOMPARE(names(twice), names(once));
    QCOMPARE(routes(*twice.findComponent("db"), "read"), routes(*once.findComponent("db"), "read"));
  }

  void clashingOrBrokenSpecsAreRefused() {
    Scenario s = shop(spec(2, 1));
    Component clash;
    clash.name = "db/shard-1";
    clash.service_time = Distribution::exponential(0.001);
    s.components.push_back(clash);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, lowerDatabases(s));
    DatabaseSpec d = spec(0, 0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shardProbabilities(d));
    d = spec(2, 0);
    d.key_skew = -1;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, shardProbabilities(d));
  }
};

QTEST_GUILESS_MAIN(TestDatabaseLowering)
#include "tst_database_lowering.moc"
