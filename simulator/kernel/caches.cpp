// Caches in front of a component: a lookup (a given hit ratio per class, or key mode: a Zipf key looked up in
// an LRU+TTL cache, features/key_cache.h), the fill after a miss, writes that invalidate or update, and the
// egress bytes of what the cache serves. Reached from the CacheLookup and CacheFill ops in behaviour.cpp; no
// events of its own.

#include "simulator/kernel/kernel.h"

namespace headroom::kernel {

// True on a hit. Key mode draws the request's key; a miss keeps it for the fill.
bool Kernel::cacheLookup(std::uint32_t j) {
  Job& job = jobs_[j];
  auto& st = comps_[job.comp];
  const CompiledCache& cache = *m_.components[job.comp].cache;
  bool hit = false;
  if (!st.cache) {
    hit = st.feature_rng.uniform() < cache.given_hit_ratio[job.cls];
  } else {
    job.key = static_cast<std::uint32_t>(st.keys->sample(st.feature_rng));
    const auto r = st.cache->lookup(job.key, now_);
    hit = r != features::KeyCache::Result::Miss;
    if (r == features::KeyCache::Result::StaleHit) ++st.now.extra[kpi::kXStaleHits];
  }
  ++st.now.extra[hit ? kpi::kXCacheHits : kpi::kXCacheMisses];
  if (hit) st.now.extra[kpi::kXEgressBytes] += cache.response_bytes[job.cls];
  return hit;
}

void Kernel::cacheFill(std::uint32_t j) {
  Job& job = jobs_[j];
  auto& st = comps_[job.comp];
  const CompiledCache& cache = *m_.components[job.comp].cache;
  if (cache.write[job.cls]) {
    if (st.cache) {
      const auto key = st.keys->sample(st.feature_rng);
      st.cache->write(key, now_, cache.spec.invalidation == CacheSpec::Invalidation::OnWrite);
    }
    return;
  }
  st.now.extra[kpi::kXEgressBytes] += cache.response_bytes[job.cls];
  if (st.cache) st.cache->store(job.key, now_);
}

}  // namespace headroom::kernel
