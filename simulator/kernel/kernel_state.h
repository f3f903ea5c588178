#pragma once
// The kernel's records, data-oriented: plain structs in flat vectors indexed by job, component and replica
// number, so the event loop touches contiguous memory and calls no virtual function per event. Private to
// simulator/kernel/ (the public entry point is simulator/replication.h).
#include <array>
#include <cstdint>
#include <deque>
#include <limits>
#include <memory>
#include <vector>

#include "model/units.h"
#include "simulator/autoscaling/lambda_concurrency.h"
#include "simulator/features/circuit_breaker.h"
#include "simulator/features/key_cache.h"
#include "simulator/features/token_bucket_limiter.h"
#include "simulator/features/zipf_keys.h"
#include "simulator/kpi_layout.h"
#include "simulator/latency_histogram.h"
#include "simulator/random_stream.h"

namespace headroom::kernel {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint16_t kNoSource = std::numeric_limits<std::uint16_t>::max();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint64_t kProgressEveryEvents = 4096;
constexpr double kThinningChunk_s = 60.0;

// Every event kind with its payload. Dispatch is in kernel_core.cpp; the handlers live in:
//   sources.cpp               kEvArrival, kEvUserIssue
//   component_arrival.cpp     kEvArrive, kEvArriveLate, kEvColdStarted (service starts after INIT)
//   behaviour.cpp             kEvWorkDone, kEvBegin (a job's program goes on)
//   processor_sharing.cpp     kEvPsDone
//   calls.cpp                 kEvReply, kEvPublished (the broker's ack to a synchronous producer)
//   timeouts_and_retries.cpp  kEvCallTimeout, kEvCallFail, kEvRetry
//   connection_pools.cpp      kEvPoolTimeout
//   replica_lifecycle.cpp     kEvReplicaReady
//   observation_windows.cpp   kEvWarmup, kEvWindow
//   engine_control.cpp        kEvHookTimer (scheduled there; runs the hook's onTimer)
//   kernel_core.cpp           kEvStop
enum EventKind : std::uint32_t {
  kEvArrival,     // a: source
  kEvUserIssue,   // a: source, b: user
  kEvWorkDone,    // a: job, b: generation
  kEvPsDone,      // a: component, b: replica, c: token
  kEvWindow,
  kEvWarmup,
  kEvStop,
  kEvHookTimer,    // a: hook index, b: tag
  kEvReplicaReady, // a: component, b: replica, c: lifecycle token
  kEvArrive,       // a: job, b: generation (an arrival deferred to bound the call stack, or by the network)
  kEvArriveLate,   // a: job, b: generation (after an injected latency: arrive without delaying again)
  kEvCallTimeout,  // a: child job, b: its generation
  kEvCallFail,     // a: call ticket (a failed attempt is reported to the caller through the calendar)
  kEvRetry,        // a: call ticket
  kEvPoolTimeout,  // a: call ticket, b: ticket serial
  kEvReply,        // a: job, b: generation, c: wait token (a success crossing regions)
  kEvPublished,    // a: publish job, b: generation (the broker acknowledged a message)
  kEvColdStarted,  // a: job, b: generation (a serverless environment finished its INIT)
  kEvBegin         // a: job, b: generation (service started at the depth limit: run its program from the calendar)
};

// Zero-time work lets a request finish synchronously, so routing and calls can chain arbitrarily deep on the
// C++ stack (a zero-time router that routes to itself with p = 0.999). Past this depth an arrival goes
// through the calendar at the same instant instead: same simulated behaviour, bounded stack.
constexpr int kMaxSynchronousDepth = 64;

constexpr std::uint16_t kNoReplica = std::numeric_limits<std::uint16_t>::max();

// Starting -> Ready -> Draining -> Gone; a Gone slot is reused by the next replica added.
enum class ReplicaPhase : std::uint8_t { Starting, Ready, Draining, Gone };

// One visit of a request at a component. Root jobs (sent by a source) also carry the request's identity;
// they move from component to component through `next` routing in the same slot.
struct Job {
  SimTime arrival = 0;  // at the current component
  SimTime created = 0;  // root jobs: when the source sent the request
  std::uint32_t gen = 0;
  std::uint32_t parent = kNone, parent_gen = 0, parent_token = 0;
  std::uint32_t token = 0;    // bumped whenever the job stops waiting, so stale replies/timeouts are ignored
  std::uint32_t pending = 0;  // calls still outstanding
  std::uint32_t pc = 0;
  std::uint32_t user = 0;
  std::uint16_t comp = 0, cls = 0, replica = 0, source = kNoSource;
  bool waiting = false;
  bool holds_worker = false;
  // A child job answers call `call` (attempt `attempt`) of its parent, made from caller_comp/caller_replica.
  bool orphan = false;  // the caller stopped waiting (timeout): the work goes on and is wasted
  std::uint16_t attempt = 1;
  std::uint8_t region = 0;  // where the request's client is
  std::int16_t pool = -1;   // connection pool of the caller it holds a connection of (-1 none)
  std::uint16_t caller_comp = 0, caller_replica = 0;
  std::uint32_t caller_lifecycle = 0;
  std::uint32_t call = kNone;
  std::uint32_t key = 0;    // cache key of the current visit
  SimTime called_at = 0;    // child: when the attempt was made (its timeout counts from here)
  std::int32_t env = -1;    // serverless execution environment
};

// A call attempt waiting for something outside any job: a retry's backoff, a free pooled connection, or the
// delivery of a failure to its caller.
struct CallTicket {
  std::uint32_t parent = 0, gen = 0, token = 0, call = 0, serial = 0;
  // Where the caller was when the ticket was made: a pool waiter's pool, whatever becomes of the caller.
  std::uint16_t caller_comp = 0, caller_replica = 0;
  std::uint32_t caller_lifecycle = 0;
  std::uint16_t attempt = 1;
  SimTime since = 0;
  bool live = false;
};

struct PoolState {
  int in_use = 0;
  std::deque<std::uint32_t> waiters;  // tickets, oldest first
};

// Fixed-capacity-free FIFO of job indices (a ring buffer that grows).
class JobQueue {
 public:
  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  std::uint32_t front() const { return buf_[head_]; }
  void push(std::uint32_t j) {
    if (size_ == buf_.size()) grow();
    buf_[(head_ + size_) & (buf_.size() - 1)] = j;
    ++size_;
  }
  std::uint32_t pop() {
    const std::uint32_t j = buf_[head_];
    head_ = (head_ + 1) & (buf_.size() - 1);
    --size_;
    return j;
  }

 private:
  void grow() {
    std::vector<std::uint32_t> bigger(buf_.empty() ? 16 : buf_.size() * 2);
    for (std::size_t i = 0; i < size_; ++i) bigger[i] = buf_[(head_ + i) & (buf_.size() - 1)];
    buf_.swap(bigger);
    head_ = 0;
  }
  std::vector<std::uint32_t> buf_;
  std::size_t head_ = 0, size_ = 0;
};

struct PsEntry {
  double tag;  // virtual finishing time
  std::uint32_t job;
  bool operator>(const PsEntry& o) const { return tag > o.tag || (tag == o.tag && job > o.job); }
};

struct ReplicaState {
  ReplicaPhase phase = ReplicaPhase::Ready;
  int workers = 1;            // cores / threads of this replica (vertical scaling changes it for new ones)
  bool awaiting_node = false; // on a cluster: Starting, but no node yet
  SimTime startup_delay = 0;  // from binding to Ready
  std::uint32_t lifecycle_token = 0;  // invalidates a pending "ready" event when the replica is removed
  SimTime created_at = 0, ready_at = 0;
  int cpu = 0;                // workers doing local work now (autoscaler CPU metrics)
  double cpu_area = 0;        // integral of cpu over time, worker x ns
  SimTime cpu_last = 0;
  std::uint64_t arrivals = 0;
  int busy = 0;              // FCFS: workers held
  std::int64_t present = 0;  // requests at this replica (waiting, in service, or in calls)
  JobQueue queue;            // FCFS waiting line
  // Processor sharing: virtual time advances at min(1, workers / active) per job
  int ps_active = 0;
  double ps_virtual = 0.0;
  SimTime ps_last = 0;
  std::uint32_t ps_token = 0;
  std::vector<PsEntry> ps_heap;
  std::vector<PoolState> pools;      // one per CompiledComponent::pools entry
  std::uint32_t next_partition = 0;  // topic consumer: where its round robin over owned partitions resumes
};

// Cumulative counters; window and warm-up figures are differences of two snapshots.
struct Counters {
  std::uint64_t arrivals = 0, rejections = 0, completions = 0, timeouts = 0, failures = 0;
  double busy_area = 0, wait_area = 0, system_area = 0, capacity_area = 0, serving_area = 0;  // value x ns
  double response_sum_s = 0, wait_sum_s = 0;
  std::array<double, kpi::kExtraCount> extra{};
};

struct ComponentState {
  std::vector<ReplicaState> replicas;
  std::vector<std::uint16_t> routable;  // Ready replicas, in slot order: the balancer's choices
  int starting = 0, draining = 0;
  std::uint32_t rr = 0;
  RandomStream service_rng, route_rng, balance_rng;
  int busy_total = 0, waiting_total = 0, capacity = 0;
  int serving = 0;   // replicas Ready or Draining (they hold capacity)
  int workers = 1;   // per replica for replicas created from now on
  double slowdown = 1.0;  // fault injection: multiplies sampled work
  SimTime added_latency = 0;  // fault injection: every arrival is delayed this much
  bool down = false;          // fault injection: the whole component refuses arrivals (region lost)
  RandomStream feature_rng;   // errors, cache keys, backoff jitter
  std::unique_ptr<features::TokenBucketLimiter> limiter;
  std::unique_ptr<features::ZipfKeys> keys;
  std::unique_ptr<features::KeyCache> cache;
  std::unique_ptr<autoscaling::LambdaConcurrency> lambda;
  std::unique_ptr<features::ZipfKeys> db_keys;   // database: key popularity, and the last write of each key
  std::vector<SimTime> db_last_write;
  std::vector<features::CircuitBreaker> breakers;
  std::vector<JobQueue> partitions;  // topic
  int pool_in_use = 0;               // over every replica and pool, for the time average
  std::int64_t system_total = 0;
  SimTime last_change = 0;
  Counters now, baseline, window_start;
  LatencyHistogram response, wait, window_response;
};

struct EndToEndState {
  std::uint64_t created = 0, completions = 0, failures = 0;
  double response_sum_s = 0;
  LatencyHistogram response;
};

struct SourceState {
  RandomStream arrival_rng, mix_rng, think_rng;
};

inline double ratio(double num, double den) { return den > 0 ? num / den : (num > 0 ? kNaN : 0.0); }

// A duration times a factor, saturating instead of overflowing (a huge slowdown means "never").
inline SimTime scaledDuration(SimTime d, double factor) {
  const double scaled = static_cast<double>(d) * factor;
  return scaled >= static_cast<double>(kSimTimeNever) ? kSimTimeNever : static_cast<SimTime>(scaled);
}

}  // namespace headroom::kernel
