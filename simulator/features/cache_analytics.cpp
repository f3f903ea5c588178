#include "simulator/features/cache_analytics.h"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace headroom::features {

namespace {
constexpr std::int64_t kMaxKeys = 10'000'000;

void checkKeys(const ZipfKeys& keys) {
  if (keys.keys() > kMaxKeys) throw std::invalid_argument("cache analytics: at most 10^7 keys are supported");
}
}  // namespace

double cheLruHitRatio(const ZipfKeys& keys, std::int64_t capacity) {
  checkKeys(keys);
  const std::int64_t n = keys.keys();
  if (capacity <= 0 || capacity >= n) return 1.0;
  std::vector<double> p(static_cast<std::size_t>(n));
  for (std::int64_t k = 0; k < n; ++k) p[static_cast<std::size_t>(k)] = keys.probability(k);

  const double C = static_cast<double>(capacity);
  // f(T) = sum_k (1 - exp(-p_k T)) is increasing and concave with f(T) <= T, so Newton's method started at
  // T = C approaches the root from below without overshooting.
  double T = C;
  for (int iteration = 0; iteration < 200; ++iteration) {
    double f = 0.0, df = 0.0;
    for (double pk : p) {
      const double e = std::exp(-pk * T);
      f += -std::expm1(-pk * T);
      df += pk * e;
    }
    const double gap = C - f;
    if (gap <= 1e-12 * C || !(df > 0.0)) break;
    const double step = gap / df;
    T += step;
    if (step <= 1e-15 * T) break;
  }
  double hit = 0.0;
  for (double pk : p) hit += pk * -std::expm1(-pk * T);
  return hit;
}

double ttlHitRatio(const ZipfKeys& keys, double request_rate_per_s, double ttl_s) {
  checkKeys(keys);
  if (!(ttl_s > 0.0)) return 1.0;
  if (!(request_rate_per_s > 0.0)) return 0.0;
  double hit = 0.0;
  for (std::int64_t k = 0; k < keys.keys(); ++k) {
    const double pk = keys.probability(k);
    const double x = request_rate_per_s * pk * ttl_s;
    hit += pk * x / (1.0 + x);
  }
  return hit;
}

}  // namespace headroom::features
