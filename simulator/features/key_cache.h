#pragma once
// The contents of a key-value cache: up to `capacity` keys (least recently used evicted first), each valid
// for `ttl` after it was stored. Tracks the last write time of every key, so a hit on a copy older than the
// key's last write is known to be stale. O(1) per operation; memory ~ 32 bytes per key of the key space.
#include <cstdint>
#include <vector>

#include "model/units.h"
#include "simulator/random_stream.h"

namespace headroom::features {

class ZipfKeys;

class KeyCache {
 public:
  // capacity 0 (or more than keys) = every key fits; ttl 0 = entries never expire. Throws std::invalid_argument
  // if keys < 1 or keys > kMaxKeys, or capacity or ttl < 0. Keys are 0 .. keys-1 (std::out_of_range otherwise).
  static constexpr std::int64_t kMaxKeys = 10'000'000;
  KeyCache(std::int64_t keys, std::int64_t capacity, SimTime ttl);

  enum class Result { Miss, Hit, StaleHit };
  // A read of `key` at `now`: Hit/StaleHit refresh its LRU position; an expired entry is removed (Miss).
  Result lookup(std::int64_t key, SimTime now);
  // Stores `key` as read from the backing store at `now` (after a miss): evicts the LRU key when full.
  void store(std::int64_t key, SimTime now);
  // A write of `key` at `now` reached the backing store. evict = true removes the cached copy (invalidation
  // on write); false leaves it (it is stale from now on until it expires or is stored again).
  void write(std::int64_t key, SimTime now, bool evict);
  void clear();  // flush: every entry gone (write history kept)
  std::int64_t size() const { return size_; }
  std::int64_t capacity() const { return capacity_; }  // effective: keys when every key fits
  std::int64_t keys() const { return keys_; }
  SimTime ttl() const { return ttl_; }

  // A warm start: replaces the contents by the min(capacity, popularity.keys()) most popular keys (key k of
  // the cache = rank k of `popularity`, 0 = most popular; throws std::invalid_argument if popularity has more
  // keys than the cache). The most popular key is the most recently used. With a ttl, each entry's age is
  // uniform in [0, ttl) (drawn from rng) so they do not all expire at once; without, they are stored at `now`.
  void warm(const ZipfKeys& popularity, SimTime now, RandomStream& rng);
  // The same for keys 0 .. count-1.
  void warm(std::int64_t count, SimTime now, RandomStream& rng);

  // Inspection (tests, displays): is `key` held (expired or not, as expiry is checked lazily at lookup)?
  bool contains(std::int64_t key) const;
  // Keys from the most to the least recently used. O(size).
  std::vector<std::int64_t> lruOrder() const;

 private:
  // implementation: intrusive doubly linked LRU list over key indices, per-key stored_at / last_write
  std::int64_t keys_, capacity_;
  SimTime ttl_;
  std::int64_t size_ = 0;
  std::vector<std::int32_t> prev_, next_;
  std::vector<SimTime> stored_at_, last_write_;
  std::int32_t head_ = -1, tail_ = -1;

  void check(std::int64_t key) const;
  void unlink(std::int32_t k);
  void pushFront(std::int32_t k);
  void remove(std::int32_t k);
};

}  // namespace headroom::features
