#pragma once
// Index layout of the per-replication KPI vectors, shared by the kernel (which fills them) and the
// aggregator (which turns them into Estimates and named series). One place, so the two cannot disagree.
#include <array>

namespace headroom::kpi {

enum Component : int {
  kArrivalRate, kThroughput, kUtilization, kQueueLength, kInSystem, kRejectionRatio, kRejectionsPerS,
  kTimeoutsPerS, kFailuresPerS, kResponseMean, kResponseQ0, kWaitMean = kResponseQ0 + 5, kWaitQ0,
  kComponentCount = kWaitQ0 + 5
};

enum EndToEnd : int {
  kE2eArrivalRate, kE2eThroughput, kE2eErrorRatio, kE2eErrorsPerS, kE2eResponseMean, kE2eResponseQ0,
  kE2eCount = kE2eResponseQ0 + 5
};

// Feature counters (cumulative, per component); what they are reported as is decided in the aggregator.
enum Extra : int {
  kXThrottled,        // refused by a rate limit or a serverless concurrency/scaling limit (429)
  kXCacheHits, kXCacheMisses, kXStaleHits, kXEgressBytes,
  kXRetries,          // retries issued by this component (as a caller)
  kXAbandoned,        // completions here whose caller had stopped waiting (wasted work)
  kXBreakerRejected,  // calls this component did not make because its breaker was open
  kXBreakerOpens,
  kXPoolWaits, kXPoolWaitSumS, kXPoolTimeouts, kXPoolInUseArea,  // connection pools held by this component
  kXBulkheadRejected,  // calls refused at once by a full bulkhead (a pool without waiting)
  kXColdStarts, kXInvocations,
  kXLostMessages,     // topic: deleted by retention before a consumer reached them
  kXShed,             // load shedding: dropped after waiting too long
  kXInjectedErrors,   // error_ratio failures
  kXReplicaReads, kXStaleReplicaReads,  // a database's reads served by replicas, and those older than the lag
  kExtraCount
};

// Windowed series, per entity (each component, then end to end).
enum Window : int {
  kWinArrivalRate, kWinThroughput, kWinUtilization, kWinQueueLength, kWinResponseMean, kWinP50, kWinP95, kWinP99,
  kWinErrorsPerS, kWinReplicas, kWinHitRatio, kWinThrottledPerS, kWindowKpiCount
};

inline constexpr std::array<const char*, kWindowKpiCount> kWindowKpiNames = {
    "arrival_rate_per_s", "throughput_per_s", "utilization",    "queue_length",   "response_mean_s",
    "response_p50_s",     "response_p95_s",   "response_p99_s", "errors_per_s",
    "replicas",           "cache_hit_ratio",  "throttled_per_s"};

// Windowed series per request class (models with two or more classes; one class's series are the end-to-end ones).
enum ClassWindow : int { kClsWinThroughput, kClsWinResponseMean, kClsWinP50, kClsWinP95, kClsWinP99, kClassWindowKpiCount };

inline constexpr std::array<const char*, kClassWindowKpiCount> kClassWindowKpiNames = {
    "throughput_per_s", "response_mean_s", "response_p50_s", "response_p95_s", "response_p99_s"};

}  // namespace headroom::kpi
