#include "simulator/features/key_cache.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>

#include "simulator/features/zipf_keys.h"

namespace headroom::features {

namespace {
// stored_at_ of a key that is not cached / last_write_ of a key never written. Warm entries may carry a
// stored_at before 0, so "absent" is the smallest SimTime rather than -1.
constexpr SimTime kAbsent = std::numeric_limits<SimTime>::min();
}  // namespace

KeyCache::KeyCache(std::int64_t keys, std::int64_t capacity, SimTime ttl) : keys_(keys), capacity_(capacity), ttl_(ttl) {
  if (keys < 1) throw std::invalid_argument("key cache: the number of keys must be at least 1");
  if (keys > kMaxKeys)
    throw std::invalid_argument("key cache: at most " + std::to_string(kMaxKeys) + " keys are supported, got " +
                                std::to_string(keys));
  if (capacity < 0) throw std::invalid_argument("key cache: capacity must be >= 0");
  if (ttl < 0) throw std::invalid_argument("key cache: ttl must be >= 0");
  if (capacity_ == 0 || capacity_ > keys_) capacity_ = keys_;
  const auto n = static_cast<std::size_t>(keys_);
  prev_.assign(n, -1);
  next_.assign(n, -1);
  stored_at_.assign(n, kAbsent);
  last_write_.assign(n, kAbsent);
}

void KeyCache::check(std::int64_t key) const {
  if (key < 0 || key >= keys_)
    throw std::out_of_range("key cache: key " + std::to_string(key) + " outside 0.." + std::to_string(keys_ - 1));
}

void KeyCache::unlink(std::int32_t k) {
  const std::int32_t p = prev_[k], n = next_[k];
  if (p >= 0) next_[p] = n; else head_ = n;
  if (n >= 0) prev_[n] = p; else tail_ = p;
  prev_[k] = next_[k] = -1;
}

void KeyCache::pushFront(std::int32_t k) {
  prev_[k] = -1;
  next_[k] = head_;
  if (head_ >= 0) prev_[head_] = k; else tail_ = k;
  head_ = k;
}

void KeyCache::remove(std::int32_t k) {
  unlink(k);
  stored_at_[k] = kAbsent;
  --size_;
}

KeyCache::Result KeyCache::lookup(std::int64_t key, SimTime now) {
  check(key);
  const auto k = static_cast<std::int32_t>(key);
  const SimTime stored = stored_at_[k];
  if (stored == kAbsent) return Result::Miss;
  if (ttl_ > 0 && now - stored >= ttl_) {  // valid on [stored, stored + ttl)
    remove(k);
    return Result::Miss;
  }
  if (head_ != k) {
    unlink(k);
    pushFront(k);
  }
  return stored < last_write_[k] ? Result::StaleHit : Result::Hit;
}

void KeyCache::store(std::int64_t key, SimTime now) {
  check(key);
  const auto k = static_cast<std::int32_t>(key);
  if (stored_at_[k] != kAbsent) {
    unlink(k);
  } else {
    if (size_ >= capacity_) remove(tail_);
    ++size_;
  }
  stored_at_[k] = now;
  pushFront(k);
}

void KeyCache::write(std::int64_t key, SimTime now, bool evict) {
  check(key);
  const auto k = static_cast<std::int32_t>(key);
  last_write_[k] = std::max(last_write_[k], now);
  if (evict && stored_at_[k] != kAbsent) remove(k);
}

void KeyCache::clear() {
  for (std::int32_t k = head_; k >= 0;) {
    const std::int32_t n = next_[k];
    prev_[k] = next_[k] = -1;
    stored_at_[k] = kAbsent;
    k = n;
  }
  head_ = tail_ = -1;
  size_ = 0;
}

void KeyCache::warm(std::int64_t count, SimTime now, RandomStream& rng) {
  clear();
  count = std::clamp<std::int64_t>(count, 0, capacity_);
  // Least popular first, so the most popular key ends up at the head (most recently used).
  for (std::int64_t key = count - 1; key >= 0; --key) {
    const auto k = static_cast<std::int32_t>(key);
    const SimTime age = ttl_ > 0 ? static_cast<SimTime>(rng.uniform() * static_cast<double>(ttl_)) : 0;
    stored_at_[k] = now - age;
    pushFront(k);
    ++size_;
  }
}

void KeyCache::warm(const ZipfKeys& popularity, SimTime now, RandomStream& rng) {
  if (popularity.keys() > keys_)
    throw std::invalid_argument("key cache: warm start with " + std::to_string(popularity.keys()) +
                                " keys, the cache knows " + std::to_string(keys_));
  warm(std::min(capacity_, popularity.keys()), now, rng);
}

bool KeyCache::contains(std::int64_t key) const {
  return key >= 0 && key < keys_ && stored_at_[static_cast<std::size_t>(key)] != kAbsent;
}

std::vector<std::int64_t> KeyCache::lruOrder() const {
  std::vector<std::int64_t> out;
  out.reserve(static_cast<std::size_t>(size_));
  for (std::int32_t k = head_; k >= 0; k = next_[k]) out.push_back(k);
  return out;
}

}  // namespace headroom::features
