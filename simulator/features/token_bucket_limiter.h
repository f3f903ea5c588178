#pragma once
// Rate limiting by token bucket per client key (API gateway "100 requests/min per IP", a third-party quota).
// Each arrival is attributed to a client key drawn from the spec's client population (heavy clients send a
// larger share), then takes one token from that key's bucket or is refused (HTTP 429).
// Single-threaded; one instance per component per replication.
#include <cstdint>
#include <vector>

#include "model/component_features.h"
#include "model/units.h"
#include "simulator/random_stream.h"

namespace headroom::features {

class TokenBucketLimiter {
 public:
  // Every bucket starts full. Throws std::invalid_argument if the spec is unusable (rate <= 0, clients < 1).
  TokenBucketLimiter(const RateLimitSpec& spec, RandomStream keys);

  // One request at `now` (non-decreasing across calls): true = admitted, false = throttled.
  bool admit(SimTime now);

  std::uint64_t admitted() const { return admitted_; }
  std::uint64_t throttled() const { return throttled_; }

  // The client key of the last admit() call (0 .. clients-1; keys 0 .. heavyClients()-1 are the heavy ones).
  int lastClient() const { return last_client_; }
  // round(clients * heavy_client_fraction), at least 1 when the fraction is > 0, at most clients.
  int heavyClients() const { return heavy_clients_; }
  // Tokens in the bucket of `client` as of its last request (whole and fractional), for tests and displays.
  double tokens(int client) const;

 private:
  int pickClient();
  // Tokens are counted in integer units (1 token = kUnitsPerToken units) and the rate is quantised to units per
  // second, so the refill over (last, now] is floor(rate * now) - floor(rate * last) in exact integer
  // arithmetic: refills telescope, and a saturated key admits exactly floor(burst + rate * T) over any run.
  static constexpr std::int64_t kUnitsPerToken = 1'000'000'000;
  std::uint64_t refillUnits(SimTime t) const;  // floor(rate_units_per_s_ * t / 1e9) modulo 2^64
  RateLimitSpec spec_;
  RandomStream keys_;
  std::int64_t capacity_units_ = 0;
  std::uint64_t rate_units_per_s_ = 0;  // tokens per second x kUnitsPerToken
  std::vector<std::int64_t> tokens_;    // units
  std::vector<SimTime> last_;
  int heavy_clients_ = 0;
  int last_client_ = 0;
  std::uint64_t admitted_ = 0, throttled_ = 0;
};

}  // namespace headroom::features
