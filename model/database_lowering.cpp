// Lowering of database components to plain stations; the contract is in the header, the model in
// docs/database-model.md.
#include "model/database_lowering.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <utility>

namespace headroom {

namespace {

__extension__ typedef __int128 Int128;  // range bounds: keys * shards may exceed 2^63

std::uint64_t splitmix64(std::uint64_t x) {
  std::uint64_t z = x + 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Separate domains, so a key never lands exactly on a ring point by construction.
constexpr std::uint64_t kRingDomain = 0x52494E47ULL;  // "RING"
constexpr std::uint64_t kKeyDomain = 0x4B455953ULL;   // "KEYS"

std::uint64_t ringHash(std::uint64_t shard, std::uint64_t vnode) {
  return splitmix64(splitmix64(kRingDomain ^ (shard << 32)) ^ vnode);
}

std::uint64_t keyHash(std::uint64_t key) { return splitmix64(splitmix64(kKeyDomain) ^ key); }

void checkSpec(const DatabaseSpec& spec) {
  if (spec.shards < 1) throw std::invalid_argument("database: shards must be >= 1, got " + std::to_string(spec.shards));
  if (spec.keys < 1) throw std::invalid_argument("database: keys must be >= 1, got " + std::to_string(spec.keys));
  if (!(spec.key_skew >= 0) || !std::isfinite(spec.key_skew))
    throw std::invalid_argument("database: key_skew must be a finite number >= 0");
  if (spec.sharding == DatabaseSpec::Sharding::ConsistentHash && spec.virtual_nodes < 1)
    throw std::invalid_argument("database: virtual_nodes must be >= 1, got " + std::to_string(spec.virtual_nodes));
}

// Maps keys to shards; built once per spec (the ring is sorted once).
class KeyMapper {
 public:
  explicit KeyMapper(const DatabaseSpec& spec) : spec_(spec) {
    checkSpec(spec);
    if (spec.sharding == DatabaseSpec::Sharding::ConsistentHash) {
      ring_.reserve(static_cast<std::size_t>(spec.shards) * static_cast<std::size_t>(spec.virtual_nodes));
      for (int s = 0; s < spec.shards; ++s)
        for (int v = 0; v < spec.virtual_nodes; ++v)
          ring_.push_back({ringHash(static_cast<std::uint64_t>(s), static_cast<std::uint64_t>(v)), s});
      std::sort(ring_.begin(), ring_.end());  // ties (never seen) broken by shard
    }
  }

  int shardOf(std::int64_t key) const {
    const auto shards = static_cast<std::int64_t>(spec_.shards);
    switch (spec_.sharding) {
      case DatabaseSpec::Sharding::Modulo: return static_cast<int>(key % shards);
      case DatabaseSpec::Sharding::Range: {
        // Shard i holds [floor(i*keys/shards), floor((i+1)*keys/shards)): the largest i with start(i) <= key.
        const auto keys = static_cast<Int128>(spec_.keys);
        auto i = static_cast<std::int64_t>((static_cast<Int128>(key) * shards) / keys);
        while (i + 1 < shards && (static_cast<Int128>(i + 1) * keys) / shards <= key) ++i;
        while (i > 0 && (static_cast<Int128>(i) * keys) / shards > key) --i;
        return static_cast<int>(i);
      }
      case DatabaseSpec::Sharding::ConsistentHash: {
        const std::uint64_t h = keyHash(static_cast<std::uint64_t>(key));
        auto it = std::lower_bound(ring_.begin(), ring_.end(), std::pair<std::uint64_t, int>{h, -1});
        if (it == ring_.end()) it = ring_.begin();
        return it->second;
      }
    }
    return 0;
  }

 private:
  const DatabaseSpec& spec_;
  std::vector<std::pair<std::uint64_t, int>> ring_;
};

Distribution zeroTime() { return Distribution::deterministic(0.0); }

Step callStep(const std::string& target) {
  Step s;
  s.kind = Step::Kind::Call;
  s.calls.push_back(CallTarget{target});
  return s;
}

// True when every part name of `d` already exists: the scenario was lowered before.
bool alreadyLowered(const Scenario& sc, const Component& d) {
  const DatabaseSpec& db = *d.database;
  bool all = true, any = false;
  for (int i = 0; i < db.shards; ++i) {
    std::vector<std::string> names{databasePrimaryName(d.name, i, db.shards)};
    if (db.read_replicas > 0) names.push_back(databaseReplicasName(d.name, i, db.shards));
    for (const auto& n : names) {
      const bool exists = sc.findComponent(n) != nullptr;
      all = all && exists;
      any = any || exists;
    }
  }
  if (any && !all)
    throw std::invalid_argument("component '" + d.name +
                                "': database: another component already uses the name of one of its parts (" +
                                databasePrimaryName(d.name, 0, db.shards) + ", ...)");
  return all;
}

}  // namespace

std::string databasePrimaryName(const std::string& database, int shard, int shards) {
  return shards == 1 ? database + "/primary" : database + "/shard-" + std::to_string(shard);
}

std::string databaseReplicasName(const std::string& database, int shard, int shards) {
  return shards == 1 ? database + "/replicas" : database + "/shard-" + std::to_string(shard) + "/replicas";
}

std::vector<int> databaseShardOfKeys(const DatabaseSpec& spec) {
  const KeyMapper mapper(spec);
  std::vector<int> out(static_cast<std::size_t>(spec.keys));
  for (std::int64_t k = 0; k < spec.keys; ++k) out[static_cast<std::size_t>(k)] = mapper.shardOf(k);
  return out;
}

std::vector<double> shardProbabilities(const DatabaseSpec& spec) {
  const KeyMapper mapper(spec);
  const auto shards = static_cast<std::size_t>(spec.shards);
  std::vector<double> p(shards, 0.0);
  if (spec.key_skew == 0.0) {
    // Uniform keys: exact counts, so p = count / keys is correctly rounded (1/shards when it divides).
    std::vector<std::int64_t> count(shards, 0);
    if (spec.sharding == DatabaseSpec::Sharding::ConsistentHash) {
      for (std::int64_t k = 0; k < spec.keys; ++k) ++count[static_cast<std::size_t>(mapper.shardOf(k))];
    } else {
      for (std::size_t i = 0; i < shards; ++i) {
        const auto n = static_cast<std::int64_t>(shards);
        // modulo: keys i, i+n, ...; range: the width of shard i's range
        count[i] = spec.sharding == DatabaseSpec::Sharding::Modulo
                       ? (spec.keys > static_cast<std::int64_t>(i) ? (spec.keys - 1 - static_cast<std::int64_t>(i)) / n + 1 : 0)
                       : static_cast<std::int64_t>((static_cast<Int128>(i + 1) * spec.keys) / n -
                                                   (static_cast<Int128>(i) * spec.keys) / n);
      }
    }
    for (std::size_t i = 0; i < shards; ++i)
      p[i] = static_cast<double>(count[i]) / static_cast<double>(spec.keys);
    return p;
  }
  // Zipf: weight (k+1)^-s summed in long double per shard; the total is the sum of the shard sums.
  std::vector<long double> mass(shards, 0.0L);
  const double s = spec.key_skew;
  for (std::int64_t k = 0; k < spec.keys; ++k) {
    const long double w = std::pow(static_cast<double>(k + 1), -s);
    mass[static_cast<std::size_t>(mapper.shardOf(k))] += w;
  }
  long double total = 0.0L;
  for (long double m : mass) total += m;
  for (std::size_t i = 0; i < shards; ++i) p[i] = static_cast<double>(mass[i] / total);
  return p;
}

namespace {

// Faults that name a database act on its instances, not on the zero-time router: killing or resizing
// replicas hits every shard's primary (resizes and slowdowns also its replica pool); an outage, added latency
// and the failover stay on the database as a whole (the router, or the failover's own rules).
void retargetFaults(const Component& d, const DatabaseSpec& db, std::vector<FaultSpec>& faults) {
  using K = FaultSpec::Kind;
  std::vector<FaultSpec> out;
  for (const FaultSpec& f : faults) {
    const bool instances = f.kind == K::KillReplicas || f.kind == K::Slowdown || f.kind == K::Resize;
    if (f.component != d.name || !instances) {
      out.push_back(f);
      continue;
    }
    for (int i = 0; i < db.shards; ++i) {
      FaultSpec primary = f;
      primary.component = databasePrimaryName(d.name, i, db.shards);
      out.push_back(primary);
      if (db.read_replicas > 0 && f.kind != K::KillReplicas) {
        FaultSpec pool = f;
        pool.component = databaseReplicasName(d.name, i, db.shards);
        out.push_back(pool);
      }
    }
  }
  faults = std::move(out);
}

}  // namespace

Scenario lowerDatabases(const Scenario& scenario) {
  bool anyDatabase = false;
  for (const auto& c : scenario.components) anyDatabase = anyDatabase || c.database.has_value();
  if (!anyDatabase) return scenario;

  Scenario out = scenario;
  out.components.clear();
  const std::vector<std::string> classes = scenario.allRequestClasses();
  for (const Component& d : scenario.components) {
    if (!d.database || alreadyLowered(scenario, d)) {
      out.components.push_back(d);
      continue;
    }
    const DatabaseSpec& db = *d.database;
    const std::vector<double> p = shardProbabilities(db);
    const bool split = db.read_replicas > 0;
    auto isWrite = [&](const std::string& cls) {
      return std::find(db.write_classes.begin(), db.write_classes.end(), cls) != db.write_classes.end();
    };

    // The parts: D without what stays with the router.
    Component part = d;
    part.database.reset();
    part.cache.reset();
    part.rate_limit.reset();
    part.nearest_of.clear();
    for (auto& [cls, b] : part.behaviour) b.next.clear();

    // The router.
    Component router;
    router.name = d.name;
    router.type = Component::Type::Service;
    router.replicas = 1;
    router.workers_per_replica = 1;
    router.discipline = Component::Discipline::ProcessorSharing;
    router.service_time = zeroTime();
    router.region = d.region;
    router.rate_limit = d.rate_limit;
    router.cache = d.cache;
    router.database = d.database;
    router.nearest_of = d.nearest_of;

    auto shardBranch = [&](bool write) {
      Step branch;
      branch.kind = Step::Kind::Branch;
      double before = 0.0;
      for (int i = 0; i < db.shards; ++i) {
        BranchArm arm;
        // The last arm takes the rest, so the arms sum to 1 up to one rounding (no request skips the database).
        arm.probability = i + 1 < db.shards ? p[static_cast<std::size_t>(i)] : std::max(0.0, 1.0 - before);
        before += arm.probability;
        arm.steps.push_back(callStep(write || !split ? databasePrimaryName(d.name, i, db.shards)
                                                     : databaseReplicasName(d.name, i, db.shards)));
        branch.arms.push_back(std::move(arm));
      }
      return branch;
    };
    // Keys: "*" (reads), every class D has its own behaviour for, and every write class (all with D's routing).
    std::set<std::string> keys{kAnyClass};
    for (const auto& [cls, b] : d.behaviour) keys.insert(cls);
    for (const auto& cls : db.write_classes)
      if (std::find(classes.begin(), classes.end(), cls) != classes.end()) keys.insert(cls);
    for (const auto& key : keys) {
      Behaviour b;
      b.steps.push_back(shardBranch(key != kAnyClass && isWrite(key)));
      if (const Behaviour* own = d.behaviourFor(key)) b.next = own->next;
      router.behaviour[key] = std::move(b);
    }
    out.components.push_back(std::move(router));

    for (int i = 0; i < db.shards; ++i) {
      Component primary = part;
      primary.name = databasePrimaryName(d.name, i, db.shards);
      out.components.push_back(std::move(primary));
      if (split) {
        Component pool = part;
        pool.name = databaseReplicasName(d.name, i, db.shards);
        pool.replicas = db.read_replicas;
        pool.autoscaling.reset();
        out.components.push_back(std::move(pool));
      }
    }
    retargetFaults(d, db, out.faults);
  }
  return out;
}

}  // namespace headroom
