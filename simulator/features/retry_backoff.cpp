#include "simulator/features/retry_backoff.h"

#include <algorithm>
#include <cmath>

namespace headroom::features {

double retryBackoffCapS(const RetrySpec& spec, int retry) {
  const double max_s = spec.max_backoff_s > 0.0 ? spec.max_backoff_s : 0.0;  // NaN -> 0; +inf = no cap
  if (!(spec.base_backoff_s > 0.0)) return 0.0;
  const double n = static_cast<double>(std::max(1, retry) - 1);
  const double m = spec.multiplier;
  if (!(m > 0.0) || !std::isfinite(m)) return std::min(max_s, n == 0.0 ? spec.base_backoff_s : 0.0);
  // base * m^n, in logarithms so that a huge retry number neither overflows nor turns into inf * 0.
  const double log_backoff = std::log(spec.base_backoff_s) + n * std::log(m);
  if (max_s <= 0.0) return 0.0;
  if (log_backoff >= std::log(max_s)) return max_s;
  return std::min(max_s, std::exp(log_backoff));
}

SimTime retryDelay(const RetrySpec& spec, int retry, RandomStream& rng) {
  const double cap = retryBackoffCapS(spec, retry);
  switch (spec.jitter) {
    case RetrySpec::Jitter::None: return secondsToSimTime(cap);
    case RetrySpec::Jitter::Full: return secondsToSimTime(rng.uniform() * cap);
    case RetrySpec::Jitter::Equal: return secondsToSimTime(0.5 * cap + rng.uniform() * 0.5 * cap);
  }
  return secondsToSimTime(cap);
}

}  // namespace headroom::features
