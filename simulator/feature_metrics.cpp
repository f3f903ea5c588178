#include "simulator/feature_metrics.h"

#include <algorithm>
#include <limits>

namespace headroom {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ratio(double num, double den) { return den > 0 ? num / den : kNaN; }

}  // namespace

std::vector<FeatureMetric> featureMetrics(const CompiledModel& model, std::size_t c) {
  const CompiledComponent& cc = model.components[c];
  std::vector<FeatureMetric> out;
  auto x = [c](const ReplicationSummary& r, kpi::Extra e) { return r.extras[c][static_cast<std::size_t>(e)]; };
  auto perS = [c, x](const std::string& name, kpi::Extra e) {
    return FeatureMetric{name, [x, e](const ReplicationSummary& r) { return ratio(x(r, e), r.observed_s); }};
  };
  if (cc.rate_limit || cc.serverless) out.push_back(perS("throttled_per_s", kpi::kXThrottled));
  if (cc.cache) {
    out.push_back({"cache_hit_ratio", [x](const ReplicationSummary& r) {
                     const double hits = x(r, kpi::kXCacheHits);
                     return ratio(hits, hits + x(r, kpi::kXCacheMisses));
                   }});
    out.push_back(perS("cache_misses_per_s", kpi::kXCacheMisses));
    if (!cc.cache->spec.write_classes.empty() && cc.cache->spec.hit_ratio.empty())
      out.push_back({"stale_read_ratio", [x](const ReplicationSummary& r) {
                       const double hits = x(r, kpi::kXCacheHits);
                       return ratio(x(r, kpi::kXStaleHits), hits + x(r, kpi::kXCacheMisses));
                     }});
    if (std::any_of(cc.cache->response_bytes.begin(), cc.cache->response_bytes.end(), [](double b) { return b > 0; }))
      out.push_back(perS("egress_bytes_per_s", kpi::kXEgressBytes));
  }
  if (cc.retries_calls) out.push_back(perS("retries_per_s", kpi::kXRetries));
  if (cc.called_synchronously) {
    out.push_back(perS("abandoned_per_s", kpi::kXAbandoned));
    out.push_back({"goodput_per_s", [c, x](const ReplicationSummary& r) {
                     return ratio(r.components[c][kpi::kThroughput] * r.observed_s - x(r, kpi::kXAbandoned), r.observed_s);
                   }});
  }
  if (!cc.breakers.empty()) {
    out.push_back(perS("breaker_rejections_per_s", kpi::kXBreakerRejected));
    out.push_back({"breaker_opens", [x](const ReplicationSummary& r) { return x(r, kpi::kXBreakerOpens); }});
  }
  if (!cc.pools.empty()) {
    const bool waiting = std::any_of(cc.pools.begin(), cc.pools.end(), [](const ConnectionPoolSpec& p) { return p.max_wait_s > 0; });
    const bool bulkhead = std::any_of(cc.pools.begin(), cc.pools.end(), [](const ConnectionPoolSpec& p) { return p.max_wait_s <= 0; });
    out.push_back({"pool_in_use_mean", [x](const ReplicationSummary& r) { return ratio(x(r, kpi::kXPoolInUseArea), r.observed_s * 1e9); }});
    if (waiting) {
      out.push_back(perS("pool_waits_per_s", kpi::kXPoolWaits));
      out.push_back({"pool_wait_mean_s", [x](const ReplicationSummary& r) { return ratio(x(r, kpi::kXPoolWaitSumS), x(r, kpi::kXPoolWaits)); }});
      out.push_back(perS("pool_timeouts_per_s", kpi::kXPoolTimeouts));
    }
    if (bulkhead) out.push_back(perS("bulkhead_rejections_per_s", kpi::kXBulkheadRejected));
  }
  if (cc.serverless) {
    const double limit = cc.serverless->concurrency_limit, gb = cc.serverless->memory_mb / 1024.0;
    out.push_back(perS("cold_starts_per_s", kpi::kXColdStarts));
    out.push_back({"cold_start_ratio", [x](const ReplicationSummary& r) { return ratio(x(r, kpi::kXColdStarts), x(r, kpi::kXInvocations)); }});
    out.push_back({"concurrency_mean", [c, limit](const ReplicationSummary& r) { return r.components[c][kpi::kUtilization] * limit; }});
    out.push_back({"gb_seconds_per_s", [c, limit, gb](const ReplicationSummary& r) { return r.components[c][kpi::kUtilization] * limit * gb; }});
  }
  if (cc.topic) {
    out.push_back({"consumer_lag_mean", [c](const ReplicationSummary& r) { return r.components[c][kpi::kQueueLength]; }});
    out.push_back(perS("lost_messages_per_s", kpi::kXLostMessages));
  }
  if (cc.database) {
    out.push_back({"replica_stale_read_ratio", [x](const ReplicationSummary& r) {
                     return ratio(x(r, kpi::kXStaleReplicaReads), x(r, kpi::kXReplicaReads));
                   }});
  }
  if (cc.shed_after_wait > 0) out.push_back(perS("shed_per_s", kpi::kXShed));
  if (cc.error_ratio > 0) out.push_back(perS("injected_errors_per_s", kpi::kXInjectedErrors));
  return out;
}

}  // namespace headroom
