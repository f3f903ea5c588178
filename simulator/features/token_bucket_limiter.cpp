#include "simulator/features/token_bucket_limiter.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace headroom::features {

namespace {
constexpr std::uint64_t kNs = 1'000'000'000ULL;
// Bucket capacities and rates are clamped well inside int64 so that sums of units never overflow.
constexpr double kMaxUnits = 4.0e18;
}  // namespace

TokenBucketLimiter::TokenBucketLimiter(const RateLimitSpec& spec, RandomStream keys)
    : spec_(spec), keys_(keys) {
  if (!(spec.rate_per_s > 0.0) || !std::isfinite(spec.rate_per_s))
    throw std::invalid_argument("rate limit: rate_per_s must be a positive number");
  if (spec.clients < 1) throw std::invalid_argument("rate limit: clients must be at least 1");
  if (!(spec.burst >= 0.0) || !std::isfinite(spec.burst))
    throw std::invalid_argument("rate limit: burst must be >= 0");

  const double burst = spec.burst > 0.0 ? spec.burst : std::max(1.0, spec.rate_per_s);
  capacity_units_ = static_cast<std::int64_t>(std::min(kMaxUnits, std::round(burst * kUnitsPerToken)));
  rate_units_per_s_ =
      static_cast<std::uint64_t>(std::clamp(std::round(spec.rate_per_s * kUnitsPerToken), 1.0, kMaxUnits));

  const double fraction = std::clamp(std::isfinite(spec.heavy_client_fraction) ? spec.heavy_client_fraction : 0.0,
                                     0.0, 1.0);
  if (fraction > 0.0) {
    heavy_clients_ = static_cast<int>(std::lround(spec.clients * fraction));
    heavy_clients_ = std::clamp(heavy_clients_, 1, spec.clients);
  }
  tokens_.assign(static_cast<std::size_t>(spec.clients), capacity_units_);
  last_.assign(static_cast<std::size_t>(spec.clients), 0);
}

std::uint64_t TokenBucketLimiter::refillUnits(SimTime t) const {
  // floor(q * t / 1e9) with t = S * 1e9 + f and q = qs * 1e9 + qr:
  //   = q * S + qs * f + floor(qr * f / 1e9)   (qr * f < 1e18 fits; the rest is exact modulo 2^64, and only
  // differences of nearby values are used, which are small).
  const std::uint64_t ut = static_cast<std::uint64_t>(t);
  const std::uint64_t S = ut / kNs, f = ut % kNs;
  const std::uint64_t q = rate_units_per_s_, qs = q / kNs, qr = q % kNs;
  return q * S + qs * f + (qr * f) / kNs;
}

int TokenBucketLimiter::pickClient() {
  const int clients = spec_.clients;
  if (clients == 1) return 0;
  const int light = clients - heavy_clients_;
  if (heavy_clients_ == 0) return static_cast<int>(keys_.below(static_cast<std::uint64_t>(clients)));
  if (light == 0) return static_cast<int>(keys_.below(static_cast<std::uint64_t>(clients)));
  const double share = std::clamp(std::isfinite(spec_.heavy_traffic_share) ? spec_.heavy_traffic_share : 0.0,
                                  0.0, 1.0);
  if (keys_.uniform() < share) return static_cast<int>(keys_.below(static_cast<std::uint64_t>(heavy_clients_)));
  return heavy_clients_ + static_cast<int>(keys_.below(static_cast<std::uint64_t>(light)));
}

bool TokenBucketLimiter::admit(SimTime now) {
  const int c = pickClient();
  last_client_ = c;
  std::int64_t& tokens = tokens_[static_cast<std::size_t>(c)];
  SimTime& last = last_[static_cast<std::size_t>(c)];
  if (now > last) {
    if (tokens < capacity_units_) {
      const std::int64_t deficit = capacity_units_ - tokens;
      const double approx = static_cast<double>(rate_units_per_s_) * (static_cast<double>(now - last) * 1e-9);
      if (approx > static_cast<double>(deficit) + 4.0) {
        tokens = capacity_units_;
      } else {
        const std::uint64_t gain = refillUnits(now) - refillUnits(last);  // exact, small
        tokens = static_cast<std::int64_t>(
            std::min<std::uint64_t>(static_cast<std::uint64_t>(deficit), gain)) + tokens;
      }
    }
    last = now;
  }
  if (tokens >= kUnitsPerToken) {
    tokens -= kUnitsPerToken;
    ++admitted_;
    return true;
  }
  ++throttled_;
  return false;
}

double TokenBucketLimiter::tokens(int client) const {
  if (client < 0 || client >= spec_.clients) return 0.0;
  return static_cast<double>(tokens_[static_cast<std::size_t>(client)]) / static_cast<double>(kUnitsPerToken);
}

}  // namespace headroom::features
