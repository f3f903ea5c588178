#pragma once
// Analytic hit ratios of caches under independent requests with Zipf key popularity (the independent reference
// model), for known-answer tests of KeyCache and for the documentation. Both are O(keys) per evaluation and
// accept at most 10^7 keys (std::invalid_argument beyond).
#include <cstdint>

#include "simulator/features/zipf_keys.h"

namespace headroom::features {

// LRU cache holding `capacity` keys, Che's approximation (Che, Tung & Wang 2002; Fricker, Robert & Roberts
// 2012): the characteristic time T_C solves sum_k (1 - exp(-p_k T_C)) = capacity, and the hit ratio is
// sum_k p_k (1 - exp(-p_k T_C)). capacity 0 or >= keys = every key fits: 1 (cold misses not counted).
double cheLruHitRatio(const ZipfKeys& keys, std::int64_t capacity);

// Cache without a size limit whose entries are stored on a miss and expire ttl_s later (hits do not refresh
// them), under Poisson requests at request_rate_per_s in total: key k sees rate l_k = rate * p_k and hits with
// probability l_k T / (1 + l_k T) (one miss per renewal cycle of a stored entry); the total is the
// p_k-weighted sum. ttl_s <= 0 = entries never expire: 1. request_rate_per_s <= 0: 0.
double ttlHitRatio(const ZipfKeys& keys, double request_rate_per_s, double ttl_s);

}  // namespace headroom::features
