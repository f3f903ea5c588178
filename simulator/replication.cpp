#include "simulator/replication.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <memory>

#include "simulator/autoscaling/lambda_concurrency.h"
#include "simulator/event_queue.h"
#include "simulator/features/circuit_breaker.h"
#include "simulator/features/key_cache.h"
#include "simulator/features/retry_backoff.h"
#include "simulator/features/token_bucket_limiter.h"
#include "simulator/features/zipf_keys.h"
#include "simulator/latency_histogram.h"
#include "simulator/random_stream.h"

namespace headroom {
namespace {

constexpr std::uint32_t kNone = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint16_t kNoSource = std::numeric_limits<std::uint16_t>::max();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint64_t kProgressEveryEvents = 4096;
constexpr double kThinningChunk_s = 60.0;

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

double ratio(double num, double den) { return den > 0 ? num / den : (num > 0 ? kNaN : 0.0); }

// A duration times a factor, saturating instead of overflowing (a huge slowdown means "never").
SimTime scaledDuration(SimTime d, double factor) {
  const double scaled = static_cast<double>(d) * factor;
  return scaled >= static_cast<double>(kSimTimeNever) ? kSimTimeNever : static_cast<SimTime>(scaled);
}

class Kernel final : public EngineControl {
 public:
  Kernel(const CompiledModel& m, const ReplicationConfig& cfg) : m_(m), cfg_(cfg) {
    comps_.resize(m.components.size());
    for (std::size_t c = 0; c < comps_.size(); ++c) {
      const auto& cc = m.components[c];
      auto& st = comps_[c];
      st.replicas.resize(static_cast<std::size_t>(cc.replicas));
      st.service_rng = RandomStream(cfg.seed, "component/" + cc.name + "/service");
      st.route_rng = RandomStream(cfg.seed, "component/" + cc.name + "/route");
      st.balance_rng = RandomStream(cfg.seed, "component/" + cc.name + "/balance");
      st.capacity = hasReplicas(cc) ? cc.replicas * cc.workers : 0;
      st.serving = hasReplicas(cc) ? cc.replicas : 0;
      st.workers = cc.workers;
      for (int r = 0; r < cc.replicas; ++r) st.routable.push_back(static_cast<std::uint16_t>(r));
      for (auto& rep : st.replicas) {
        rep.pools.resize(cc.pools.size());
        rep.workers = cc.workers;
      }
      initFeatures(cc, st, cfg.seed);
    }
    sources_.resize(m.sources.size());
    for (std::size_t s = 0; s < sources_.size(); ++s) {
      const auto& name = m.sources[s].name;
      sources_[s].arrival_rng = RandomStream(cfg.seed, "source/" + name + "/arrivals");
      sources_[s].mix_rng = RandomStream(cfg.seed, "source/" + name + "/mix");
      sources_[s].think_rng = RandomStream(cfg.seed, "source/" + name + "/think");
    }
    e2e_.resize(m.classes.size() + 1);
    window_e2e_ = EndToEndState{};
    jobs_.reserve(1024);
  }

  // Services and topics have replicas with workers and queues; delays and serverless functions have neither.
  static bool hasReplicas(const CompiledComponent& cc) {
    return cc.type == Component::Type::Service || cc.type == Component::Type::Topic;
  }

  static void initFeatures(const CompiledComponent& cc, ComponentState& st, std::uint64_t seed) {
    st.feature_rng = RandomStream(seed, "component/" + cc.name + "/features");
    if (cc.rate_limit)
      st.limiter = std::make_unique<features::TokenBucketLimiter>(*cc.rate_limit, RandomStream(seed, "component/" + cc.name + "/clients"));
    if (cc.cache && cc.cache->spec.hit_ratio.empty()) {
      const auto& spec = cc.cache->spec;
      st.keys = std::make_unique<features::ZipfKeys>(spec.keys, spec.zipf_exponent);
      st.cache = std::make_unique<features::KeyCache>(spec.keys, spec.capacity, secondsToSimTime(spec.ttl_s));
      if (spec.start_warm) st.cache->warm(*st.keys, 0, st.feature_rng);
    }
    if (cc.serverless) {
      autoscaling::LambdaConfig lc;
      lc.scaling_environments = cc.serverless->scaling_environments;
      lc.scaling_period_s = static_cast<int>(std::lround(cc.serverless->scaling_period_s));
      lc.account_concurrency_limit = cc.serverless->concurrency_limit;
      lc.idle_environment_lifetime_s = cc.serverless->idle_lifetime_s;
      st.lambda = std::make_unique<autoscaling::LambdaConcurrency>(lc);
      st.capacity = cc.serverless->concurrency_limit;
    }
    for (const auto& b : cc.breakers) st.breakers.emplace_back(b);
    if (cc.database) {
      st.db_keys = std::make_unique<features::ZipfKeys>(cc.database->keys, cc.database->key_skew);
      st.db_last_write.assign(static_cast<std::size_t>(cc.database->keys), std::numeric_limits<SimTime>::min());
    }
    if (cc.topic) st.partitions.resize(static_cast<std::size_t>(cc.topic->partitions));
  }

  ReplicationSummary run(const ReplicationProgress& progress, const LiveWindowSink& live) {
    live_ = &live;
    start();
    if (cfg_.hooks)
      for (auto& h : *cfg_.hooks) h->onStart(*this);
    std::uint64_t nextCheck = kProgressEveryEvents;
    while (!queue_.empty() && !stopped_) {
      const Event e = queue_.pop();
      now_ = e.time;
      ++events_;
      dispatch(e);
      if (events_ >= nextCheck) {
        nextCheck += kProgressEveryEvents;
        if (progress && !progress(static_cast<double>(now_) / static_cast<double>(cfg_.horizon), events_)) {
          summary_.cancelled = true;
          summary_.stop_reason = "cancelled";
          break;
        }
      }
    }
    return finish();
  }

 private:
  // ---- set-up -------------------------------------------------------------------------------------
  void start() {
    queue_.push(cfg_.horizon, kEvStop);
    if (cfg_.warmup > 0) queue_.push(cfg_.warmup, kEvWarmup);
    if (cfg_.window > 0) queue_.push(std::min(cfg_.window, cfg_.horizon), kEvWindow);
    for (std::uint32_t s = 0; s < m_.sources.size(); ++s) {
      const auto& src = m_.sources[s];
      if (src.kind == Source::Kind::Open) {
        const SimTime t = nextArrival(s, 0);
        if (t < cfg_.horizon) queue_.push(t, kEvArrival, s);
      } else {
        for (int u = 0; u < src.population; ++u)
          queue_.push(src.think_time.sample(sources_[s].think_rng), kEvUserIssue, s, static_cast<std::uint32_t>(u));
      }
    }
  }

  // Earliest time >= t (to a microsecond) at which the rate is positive, or >= horizon if none. Chunks whose
  // upper bound is 0 are skipped whole; inside the first chunk that may be positive, bisection finds the edge.
  static double nextPositiveRate(const RateCurve& rate, double t, double horizon) {
    while (t < horizon) {
      const double end = std::min(t + kThinningChunk_s, horizon);
      if (rate.upperBound(t, end) > 0) {
        if (rate.rateAt(end) > 0 || rate.rateAt(t) > 0) {
          double lo = t, hi = end;  // rate(lo) <= 0 < rate(hi), unless rate(t) > 0 already
          if (rate.rateAt(t) > 0) return t;
          while (hi - lo > 1e-6) {
            const double mid = 0.5 * (lo + hi);
            (rate.rateAt(mid) > 0 ? hi : lo) = mid;
          }
          return hi;
        }
        // Positive only strictly inside the chunk (a short burst): scan it finely.
        for (double x = t; x < end; x += 0.01)
          if (rate.rateAt(x) > 0) return x;
      }
      t = end;
    }
    return horizon;
  }

  // Next arrival of an open source strictly after `from`, or kSimTimeNever.
  SimTime nextArrival(std::uint32_t s, SimTime from) {
    const auto& src = m_.sources[s];
    auto& rng = sources_[s].arrival_rng;
    double t = simTimeToSeconds(from);
    const double horizon = simTimeToSeconds(cfg_.horizon);
    if (src.arrivals != Source::Arrivals::Poisson) {
      // Renewal processes follow the current rate: the next gap has mean 1 / rate(t). An arrival that would
      // land where the rate is zero is dropped; the process restarts when the rate does.
      for (;;) {
        if (src.rate.rateAt(t) <= 0) {
          t = nextPositiveRate(src.rate, t, horizon);
          if (t >= horizon) return kSimTimeNever;
          from = std::max(from, secondsToSimTime(t));
        }
        double gap = 1.0 / src.rate.rateAt(t);
        if (src.arrivals == Source::Arrivals::Renewal && src.interarrival_cv > 0) {
          const double cv2 = src.interarrival_cv * src.interarrival_cv;
          gap = rng.gamma(1.0 / cv2, gap * cv2);
        }
        const SimTime next = std::max(from + 1, secondsToSimTime(t + gap));
        if (src.rate.rateAt(simTimeToSeconds(next)) > 0) return next;
        t = simTimeToSeconds(next);
      }
    }
    if (src.stationary) {
      const double rate = src.rate.rateAt(0);
      if (rate <= 0) return kSimTimeNever;
      return secondsToSimTime(t + rng.exponential(1.0 / rate));
    }
    // Non-homogeneous Poisson by thinning against a bound that is exact per chunk of time.
    while (t < horizon) {
      const double chunkEnd = std::min(t + kThinningChunk_s, horizon);
      const double bound = src.rate.upperBound(t, chunkEnd);
      if (bound <= 0) {
        t = chunkEnd;
        continue;
      }
      const double candidate = t + rng.exponential(1.0 / bound);
      if (candidate > chunkEnd) {
        t = chunkEnd;  // memoryless: restart from the chunk's end with the next chunk's bound
        continue;
      }
      t = candidate;
      if (rng.uniform() * bound <= src.rate.rateAt(t)) return secondsToSimTime(t);
    }
    return kSimTimeNever;
  }

  // ---- event dispatch -----------------------------------------------------------------------------
  void dispatch(const Event& e) {
    switch (e.kind) {
      case kEvArrival: {
        const SimTime next = nextArrival(e.a, now_);
        if (next < cfg_.horizon) queue_.push(next, kEvArrival, e.a);
        createRequest(static_cast<std::uint16_t>(e.a), 0);
        break;
      }
      case kEvUserIssue:
        createRequest(static_cast<std::uint16_t>(e.a), e.b);
        break;
      case kEvWorkDone:
        if (jobs_[e.a].gen == e.b) {
          const Job& job = jobs_[e.a];
          if (hasReplicas(m_.components[job.comp])) cpuChange(comps_[job.comp].replicas[job.replica], -1);
          ++jobs_[e.a].pc;
          advance(e.a);
        }
        break;
      case kEvPsDone:
        psCompletion(e.a, e.b, e.c);
        break;
      case kEvCallTimeout:
        callTimedOut(e.a, e.b);
        break;
      case kEvCallFail: {
        const CallTicket t = takeTicket(e.a);
        attemptFailed(t.parent, t.gen, t.token, t.call, t.attempt);
        break;
      }
      case kEvRetry: {
        const CallTicket t = takeTicket(e.a);
        if (isWaiting(t.parent, t.gen, t.token)) issueCall(t.parent, t.call, t.attempt);
        break;
      }
      case kEvPoolTimeout:
        poolWaitExpired(e.a, e.b);
        break;
      case kEvReply:
        deliverSuccess(e.a, e.b, e.c);
        break;
      case kEvPublished:
        if (jobs_[e.a].gen == e.b) answerCaller(e.a, true);
        break;
      case kEvColdStarted:
        if (jobs_[e.a].gen == e.b) startService(e.a);
        break;
      case kEvBegin:
        if (jobs_[e.a].gen == e.b) advance(e.a);
        break;
      case kEvArriveLate:
        if (jobs_[e.a].gen == e.b) arriveNow(e.a);
        break;
      case kEvWindow:
        closeWindow();
        if (now_ < cfg_.horizon) queue_.push(std::min(now_ + cfg_.window, cfg_.horizon), kEvWindow);
        break;

      case kEvWarmup:
        startObservation();
        break;
      case kEvStop:
        stopped_ = true;
        summary_.stop_reason = "horizon";
        break;
      case kEvHookTimer:
        (*cfg_.hooks)[e.a]->onTimer(*this, e.b);
        break;
      case kEvReplicaReady:
        replicaReady(e.a, e.b, e.c);
        break;
      case kEvArrive:
        if (jobs_[e.a].gen == e.b) arrive(e.a);
        break;
    }
  }

  // ---- EngineControl: what hooks see ----------------------------------------------------------------
 public:
  SimTime now() const override { return now_; }
  SimTime horizon() const override { return cfg_.horizon; }
  std::uint64_t seed() const override { return cfg_.seed; }

  void scheduleTimer(SimTime at, SimulationHook* hook, std::uint32_t tag) override {
    for (std::size_t i = 0; cfg_.hooks && i < cfg_.hooks->size(); ++i)
      if ((*cfg_.hooks)[i].get() == hook) {
        if (at < cfg_.horizon) queue_.push(std::max(at, now_), kEvHookTimer, static_cast<std::uint32_t>(i), tag);
        return;
      }
  }

  int componentIndex(const std::string& name) const override {
    for (std::size_t c = 0; c < m_.components.size(); ++c)
      if (m_.components[c].name == name) return static_cast<int>(c);
    return -1;
  }

  ComponentCounters counters(int component) const override {
    const auto& st = comps_[static_cast<std::size_t>(component)];
    const double dt = static_cast<double>(now_ - st.last_change);  // integrals brought up to now, read-only
    ComponentCounters k;
    k.arrivals = st.now.arrivals;
    k.completions = st.now.completions;
    k.rejections = st.now.rejections;
    k.timeouts = st.now.timeouts;
    k.busy_worker_ns = st.now.busy_area + st.busy_total * dt;
    k.capacity_worker_ns = st.now.capacity_area + st.capacity * dt;
    k.waiting_ns = st.now.wait_area + st.waiting_total * dt;
    k.in_system = st.system_total;
    k.waiting = st.waiting_total;
    k.busy = st.busy_total;
    k.replicas_ready = static_cast<int>(st.routable.size());
    k.replicas_starting = st.starting;
    k.replicas_draining = st.draining;
    k.workers_per_replica = st.workers;
    return k;
  }

  void setReplicas(int component, int replicas, SimTime startup_delay) override {
    auto& st = comps_[static_cast<std::size_t>(component)];
    const int before = static_cast<int>(st.routable.size()) + st.starting;
    replicas = std::max(0, replicas);
    if (replicas == before || !hasReplicas(m_.components[static_cast<std::size_t>(component)])) return;
    for (int k = before; k < replicas; ++k) addReplica(static_cast<std::uint32_t>(component), startup_delay);
    for (int k = replicas; k < before; ++k) removeReplica(static_cast<std::uint32_t>(component));
  }

  std::vector<ReplicaInfo> replicas(int component) const override {
    std::vector<ReplicaInfo> out;
    const auto& st = comps_[static_cast<std::size_t>(component)];
    for (std::size_t r = 0; r < st.replicas.size(); ++r) {
      const auto& rep = st.replicas[r];
      if (rep.phase == ReplicaPhase::Gone) continue;
      ReplicaInfo info;
      info.slot = static_cast<int>(r);
      info.phase = rep.phase == ReplicaPhase::Starting ? ReplicaInfo::Phase::Starting
                   : rep.phase == ReplicaPhase::Ready  ? ReplicaInfo::Phase::Ready
                                                       : ReplicaInfo::Phase::Draining;
      info.created_at = rep.created_at;
      info.ready_at = rep.ready_at;
      info.cpu_busy_ns = rep.cpu_area + static_cast<double>(rep.cpu) * static_cast<double>(now_ - rep.cpu_last);
      info.arrivals = rep.arrivals;
      info.present = rep.present;
      info.workers = rep.workers;
      info.awaiting_node = rep.awaiting_node;
      out.push_back(info);
    }
    return out;
  }

  void killReplicas(int component, int count, SimTime restart_delay) override {
    const auto comp = static_cast<std::uint32_t>(component);
    const int n = std::min(count, static_cast<int>(comps_[comp].routable.size()));
    for (int k = 0; k < n; ++k) drainReadyReplica(comp);
    for (int k = 0; k < n; ++k) addReplica(comp, restart_delay);
  }

  void setSlowdown(int component, double factor) override { comps_[static_cast<std::size_t>(component)].slowdown = factor; }
  // Vertical scaling: replicas created from now on have `workers` cores; the running ones are replaced
  // (killed and recreated, Ready after `restart_delay`), so the resize costs a restart.
  void resizeReplicas(int component, int workers, SimTime restart_delay) override {
    const auto comp = static_cast<std::uint32_t>(component);
    if (!hasReplicas(m_.components[comp])) return;
    comps_[comp].workers = std::max(1, workers);
    killReplicas(component, static_cast<int>(comps_[comp].routable.size()), restart_delay);
  }
  void bindReplica(int component, int slot) override {
    auto& rep = comps_[static_cast<std::size_t>(component)].replicas[static_cast<std::size_t>(slot)];
    if (rep.phase != ReplicaPhase::Starting || !rep.awaiting_node) return;
    rep.awaiting_node = false;
    queue_.push(addSimTime(now_, rep.startup_delay), kEvReplicaReady, static_cast<std::uint32_t>(component),
                static_cast<std::uint32_t>(slot), rep.lifecycle_token);
  }
  void evictReplica(int component, int slot, SimTime startup_delay) override {
    const auto comp = static_cast<std::uint32_t>(component);
    auto& st = comps_[comp];
    auto& rep = st.replicas[static_cast<std::size_t>(slot)];
    if (rep.phase != ReplicaPhase::Ready) return;
    rep.phase = rep.present > 0 ? ReplicaPhase::Draining : ReplicaPhase::Gone;
    if (rep.phase == ReplicaPhase::Draining) ++st.draining;
    rebuildRoutable(comp);
    updateCapacity(comp);
    addReplica(comp, startup_delay);
  }
  void logClusterEvent(int nodes_before, int nodes_after, const std::string& reason) override {
    summary_.scaling_events.push_back({simTimeToSeconds(now_), "cluster", nodes_before, nodes_after, reason});
  }
  void setAddedLatency(int component, SimTime latency) override { comps_[static_cast<std::size_t>(component)].added_latency = latency; }
  void setDown(int component, bool down) override { comps_[static_cast<std::size_t>(component)].down = down; }
  bool flushCache(int component) override {
    auto& st = comps_[static_cast<std::size_t>(component)];
    if (!st.cache) return false;
    st.cache->clear();
    return true;
  }
  int componentRegion(int component) const override { return m_.components[static_cast<std::size_t>(component)].region; }
  int regionIndex(const std::string& name) const override {
    for (std::size_t i = 0; i < m_.regions.size(); ++i)
      if (m_.regions[i] == name) return static_cast<int>(i);
    return -1;
  }
  int componentCount() const override { return static_cast<int>(m_.components.size()); }

  void logDecision(int component, int from, int to, const std::string& reason) override {
    summary_.scaling_events.push_back(
        {simTimeToSeconds(now_), m_.components[static_cast<std::size_t>(component)].name, from, to, reason});
  }

 private:
  // ---- replica life cycle -------------------------------------------------------------------------
  void updateCapacity(std::uint32_t comp) {
    auto& st = comps_[comp];
    touch(st);
    int serving = 0, capacity = 0;
    for (const auto& r : st.replicas)
      if (r.phase == ReplicaPhase::Ready || r.phase == ReplicaPhase::Draining) {
        ++serving;
        capacity += r.workers;
      }
    st.serving = serving;
    st.capacity = capacity;
  }

  void rebuildRoutable(std::uint32_t comp) {
    auto& st = comps_[comp];
    st.routable.clear();
    for (std::size_t r = 0; r < st.replicas.size(); ++r)
      if (st.replicas[r].phase == ReplicaPhase::Ready) st.routable.push_back(static_cast<std::uint16_t>(r));
    kickConsumers(comp);  // a topic's partitions are reassigned: consumers with free workers start pulling
  }

  void addReplica(std::uint32_t comp, SimTime delay) {
    auto& st = comps_[comp];
    std::size_t slot = st.replicas.size();
    for (std::size_t r = 0; r < st.replicas.size(); ++r)
      if (st.replicas[r].phase == ReplicaPhase::Gone) {
        slot = r;
        break;
      }
    if (slot == st.replicas.size()) st.replicas.emplace_back();
    auto& rep = st.replicas[slot];
    const std::uint32_t token = rep.lifecycle_token + 1, psToken = rep.ps_token + 1;
    rep = ReplicaState{};  // a reused slot starts afresh: no counters from the replica that held it before
    rep.lifecycle_token = token;
    rep.ps_token = psToken;  // keeps counting, so a stale PS completion of the old replica cannot match
    rep.phase = ReplicaPhase::Starting;
    rep.workers = st.workers;
    rep.pools.resize(m_.components[comp].pools.size());
    rep.created_at = now_;
    rep.cpu_last = now_;
    ++st.starting;
    rep.startup_delay = std::max<SimTime>(0, delay);
    if (m_.components[comp].on_cluster) {
      rep.awaiting_node = true;  // Pending: the cluster hook binds it when a node has room
      return;
    }
    queue_.push(addSimTime(now_, rep.startup_delay), kEvReplicaReady, comp, static_cast<std::uint32_t>(slot), rep.lifecycle_token);
  }

  void replicaReady(std::uint32_t comp, std::uint32_t r, std::uint32_t token) {
    auto& st = comps_[comp];
    auto& rep = st.replicas[r];
    if (rep.phase != ReplicaPhase::Starting || rep.lifecycle_token != token) return;
    rep.phase = ReplicaPhase::Ready;
    rep.ready_at = now_;
    --st.starting;
    rebuildRoutable(comp);
    updateCapacity(comp);
  }

  // Removes a starting replica if there is one (it never served), else drains the least loaded ready one.
  void removeReplica(std::uint32_t comp) {
    auto& st = comps_[comp];
    for (std::size_t r = st.replicas.size(); r-- > 0;)
      if (st.replicas[r].phase == ReplicaPhase::Starting) {
        st.replicas[r].phase = ReplicaPhase::Gone;
        ++st.replicas[r].lifecycle_token;
        --st.starting;
        return;
      }
    drainReadyReplica(comp);
  }

  void drainReadyReplica(std::uint32_t comp) {
    auto& st = comps_[comp];
    if (st.routable.empty()) return;
    std::uint16_t victim = st.routable.back();
    for (auto r : st.routable)
      if (st.replicas[r].present < st.replicas[victim].present) victim = r;
    st.replicas[victim].phase = st.replicas[victim].present > 0 ? ReplicaPhase::Draining : ReplicaPhase::Gone;
    if (st.replicas[victim].phase == ReplicaPhase::Draining) ++st.draining;
    rebuildRoutable(comp);
    updateCapacity(comp);
  }

  bool isWaiting(std::uint32_t j, std::uint32_t gen, std::uint32_t token) const {
    const Job& job = jobs_[j];
    return job.gen == gen && job.waiting && job.token == token;
  }

  // ---- job pool -----------------------------------------------------------------------------------
  std::uint32_t allocJob() {
    if (!free_.empty()) {
      const std::uint32_t j = free_.back();
      free_.pop_back();
      return j;
    }
    jobs_.emplace_back();
    return static_cast<std::uint32_t>(jobs_.size() - 1);
  }

  void freeJob(std::uint32_t j) {
    Job& job = jobs_[j];
    const std::uint32_t gen = job.gen + 1;
    job = Job{};
    job.gen = gen;
    free_.push_back(j);
  }

  // ---- requests -----------------------------------------------------------------------------------
  void createRequest(std::uint16_t s, std::uint32_t user) {
    const auto& src = m_.sources[s];
    const double u = sources_[s].mix_rng.uniform();
    std::uint16_t cls = src.mix.back().request_class;
    for (const auto& share : src.mix)
      if (u < share.cumulative) {
        cls = share.request_class;
        break;
      }
    const std::uint32_t j = allocJob();
    Job& job = jobs_[j];
    job.created = now_;
    job.arrival = now_;
    job.comp = static_cast<std::uint16_t>(src.entry);
    job.cls = cls;
    job.source = s;
    job.user = user;
    job.region = static_cast<std::uint8_t>(src.region);
    ++e2e_[0].created;
    ++e2e_[cls + 1u].created;
    ++window_e2e_.created;
    arriveAfter(j, m_.latency(src.region, m_.components[src.entry].region));
  }

  // The answer travels back to the client's region before the client sees it.
  void finishRequest(std::uint32_t j, bool ok) {
    const Job& job = jobs_[j];
    const std::uint16_t s = job.source;
    const std::uint32_t user = job.user;
    const SimTime back = m_.latency(m_.components[job.comp].region, job.region);
    const SimTime response = now_ + back - job.created;
    const double response_s = simTimeToSeconds(response);
    for (EndToEndState* st : {&e2e_[0], &e2e_[job.cls + 1u], &window_e2e_}) {
      if (ok) {
        ++st->completions;
        st->response_sum_s += response_s;
        st->response.record(response);
      } else {
        ++st->failures;
      }
    }
    freeJob(j);
    if (now_ >= cfg_.warmup) {
      ++summary_.requests;
      if (cfg_.max_requests > 0 && static_cast<std::int64_t>(summary_.requests) >= cfg_.max_requests) {
        stopped_ = true;
        summary_.stop_reason = "request count";
      }
    }
    const auto& src = m_.sources[s];
    if (src.kind == Source::Kind::Closed)
      queue_.push(addSimTime(now_, back + src.think_time.sample(sources_[s].think_rng)), kEvUserIssue, s, user);
  }

  // ---- time integrals -----------------------------------------------------------------------------
  void touch(ComponentState& c) {
    const double dt = static_cast<double>(now_ - c.last_change);
    if (dt > 0) {
      c.now.busy_area += c.busy_total * dt;
      c.now.wait_area += c.waiting_total * dt;
      c.now.system_area += static_cast<double>(c.system_total) * dt;
      c.now.capacity_area += c.capacity * dt;
      c.now.serving_area += c.serving * dt;
      c.now.extra[kpi::kXPoolInUseArea] += c.pool_in_use * dt;
    }
    c.last_change = now_;
  }

  // ---- arrival at a component ---------------------------------------------------------------------
  std::uint16_t pickReplica(std::uint32_t comp) {
    const auto& cc = m_.components[comp];
    auto& st = comps_[comp];
    const auto n = static_cast<std::uint32_t>(st.routable.size());
    if (n == 0) return kNoReplica;  // no replica is serving: the request is refused
    if (n == 1) return st.routable[0];
    switch (cc.balancer) {
      case Component::Balancer::RoundRobin:
        return st.routable[st.rr++ % n];
      case Component::Balancer::Random:
        return st.routable[st.balance_rng.below(n)];
      case Component::Balancer::LeastOutstanding: {
        // Ties are broken by rotating the starting point, so equal replicas share the load.
        const std::uint32_t startAt = st.rr++ % n;
        std::uint32_t best = startAt;
        for (std::uint32_t k = 1; k < n; ++k) {
          const std::uint32_t i = (startAt + k) % n;
          if (st.replicas[st.routable[i]].present < st.replicas[st.routable[best]].present) best = i;
        }
        return st.routable[best];
      }
    }
    return st.routable[0];
  }

  // An arrival after a network hop of `latency` (0 = now).
  void arriveAfter(std::uint32_t j, SimTime latency) {
    if (latency > 0)
      queue_.push(addSimTime(now_, latency), kEvArrive, j, jobs_[j].gen);
    else
      arrive(j);
  }

  void arrive(std::uint32_t j) {
    if (depth_ >= kMaxSynchronousDepth) {
      queue_.push(now_, kEvArrive, j, jobs_[j].gen);
      return;
    }
    if (const SimTime extra = comps_[jobs_[j].comp].added_latency; extra > 0) {
      queue_.push(addSimTime(now_, extra), kEvArriveLate, j, jobs_[j].gen);
      return;
    }
    arriveNow(j);
  }

  void arriveNow(std::uint32_t j) {
    const std::uint32_t comp = jobs_[j].comp;
    const auto& cc = m_.components[comp];
    auto& st = comps_[comp];
    touch(st);
    ++st.now.arrivals;
    jobs_[j].arrival = now_;
    if (st.down) {
      ++st.now.rejections;
      reject(j);
      return;
    }
    if (st.limiter && !st.limiter->admit(now_)) {
      ++st.now.rejections;
      ++st.now.extra[kpi::kXThrottled];
      reject(j);
      return;
    }
    if (cc.database) trackReplicaStaleness(j);
    if (cc.type == Component::Type::Topic) {
      arriveAtTopic(j);
      return;
    }
    if (cc.type == Component::Type::Serverless) {
      arriveAtFunction(j);
      return;
    }
    const std::uint16_t r = pickReplica(comp);
    if (r == kNoReplica) {
      ++st.now.rejections;
      reject(j);
      return;
    }
    jobs_[j].replica = r;
    auto& rep = st.replicas[r];
    ++rep.arrivals;
    bool admit = true;
    if (cc.type == Component::Type::Service && cc.queue_capacity >= 0) {
      if (cc.discipline == Component::Discipline::FCFS)
        admit = rep.busy < rep.workers || static_cast<std::int64_t>(rep.queue.size()) < cc.queue_capacity;
      else
        admit = rep.present < rep.workers + cc.queue_capacity;
    }
    if (!admit) {
      ++st.now.rejections;
      reject(j);
      return;
    }
    ++rep.present;
    ++st.system_total;
    if (cc.type == Component::Type::Service && cc.discipline == Component::Discipline::FCFS && rep.busy >= rep.workers) {
      rep.queue.push(j);
      ++st.waiting_total;
      return;
    }
    startService(j);
  }

  // Replication lag: a write stamps its key; a read of a key written less than the lag ago would be served
  // stale by a read replica (the primary has it). Keys follow the database's popularity, drawn per request.
  void trackReplicaStaleness(std::uint32_t j) {
    const Job& job = jobs_[j];
    auto& st = comps_[job.comp];
    const auto& cc = m_.components[job.comp];
    const auto key = static_cast<std::size_t>(st.db_keys->sample(st.feature_rng));
    if (cc.database_write[job.cls]) {
      st.db_last_write[key] = now_;
      return;
    }
    ++st.now.extra[kpi::kXReplicaReads];
    const SimTime written = st.db_last_write[key];
    if (written != std::numeric_limits<SimTime>::min() && now_ - written < secondsToSimTime(cc.database->replication_lag_s))
      ++st.now.extra[kpi::kXStaleReplicaReads];
  }

  // A serverless invocation: a warm environment, a cold one (INIT first), or a 429 (Lambda rules).
  void arriveAtFunction(std::uint32_t j) {
    const std::uint32_t comp = jobs_[j].comp;
    auto& st = comps_[comp];
    const auto decision = st.lambda->invoke(now_);
    if (decision.outcome == autoscaling::InvocationOutcome::Throttled) {
      ++st.now.rejections;
      ++st.now.extra[kpi::kXThrottled];
      reject(j);
      return;
    }
    ++st.now.extra[kpi::kXInvocations];
    Job& job = jobs_[j];
    job.env = decision.environment_id;
    job.replica = 0;
    ++st.replicas[0].present;
    ++st.system_total;
    ++st.busy_total;  // busy environments = concurrency
    if (decision.outcome == autoscaling::InvocationOutcome::ColdStart) {
      ++st.now.extra[kpi::kXColdStarts];
      queue_.push(addSimTime(now_, m_.samplers[m_.components[comp].cold_start_sampler].sample(st.feature_rng)), kEvColdStarted, j, job.gen);
      return;
    }
    startService(j);
  }

  // ---- topics: partitions hold messages, the component's replicas are the consumers -----------------
  void arriveAtTopic(std::uint32_t j) {
    const std::uint32_t comp = jobs_[j].comp;
    const auto& cc = m_.components[comp];
    std::uint32_t msg = j;
    if (jobs_[j].parent != kNone) {
      // A synchronous producer waits for the broker's ack only; the message goes on as a job of its own.
      msg = allocJob();
      Job& producer = jobs_[j];
      Job& m = jobs_[msg];
      m.comp = producer.comp;
      m.cls = producer.cls;
      m.region = producer.region;
      m.key = producer.key;
      m.arrival = now_;
      queue_.push(addSimTime(now_, m_.samplers[cc.publish_sampler].sample(comps_[comp].feature_rng)), kEvPublished, j, producer.gen);
    }
    auto& st = comps_[comp];
    const auto p = static_cast<std::uint32_t>(st.route_rng.below(st.partitions.size()));
    st.partitions[p].push(msg);
    ++st.waiting_total;
    ++st.system_total;
    const auto n = static_cast<std::uint32_t>(st.routable.size());
    if (n > 0) consume(comp, st.routable[p % n]);
  }

  // Consumer r takes messages from the partitions it owns (p mod ready consumers) while it has free workers.
  void consume(std::uint32_t comp, std::uint16_t r) {
    const auto& cc = m_.components[comp];
    auto& st = comps_[comp];
    touch(st);  // the backlog and busy counts change below: integrate up to now first
    const auto n = static_cast<std::uint32_t>(st.routable.size());
    const auto it = std::find(st.routable.begin(), st.routable.end(), r);
    if (it == st.routable.end()) return;
    const auto index = static_cast<std::uint32_t>(it - st.routable.begin());
    const auto partitions = static_cast<std::uint32_t>(st.partitions.size());
    const SimTime retention = secondsToSimTime(cc.topic->retention_s);
    while (st.replicas[r].busy < st.replicas[r].workers) {
      std::uint32_t msg = kNone;
      for (std::uint32_t k = 0; k < partitions && msg == kNone; ++k) {
        const std::uint32_t p = (st.replicas[r].next_partition + k) % partitions;
        if (p % n != index) continue;
        auto& q = st.partitions[p];
        while (!q.empty() && msg == kNone) {
          const std::uint32_t candidate = q.pop();
          --st.waiting_total;
          if (now_ - jobs_[candidate].arrival > retention) {
            loseMessage(comp, candidate);
            continue;
          }
          msg = candidate;
          st.replicas[r].next_partition = p + 1;
        }
      }
      if (msg == kNone) return;
      jobs_[msg].replica = r;
      ++st.replicas[r].present;
      ++st.replicas[r].arrivals;
      startService(msg);
    }
  }

  // A message deleted by retention: a client that sent it straight to the topic sees a failure (and a closed
  // user thinks and sends again), like any lost request.
  void loseMessage(std::uint32_t comp, std::uint32_t msg) {
    auto& st = comps_[comp];
    touch(st);
    --st.system_total;
    ++st.now.extra[kpi::kXLostMessages];
    ++st.now.failures;  // accounted: arrivals = completions + rejections + failures + in progress
    if (jobs_[msg].source != kNoSource)
      finishRequest(msg, false);
    else
      freeJob(msg);
  }

  // Retention deletes old messages even when nobody reads them; partitions are FIFO, so only heads expire.
  void expireMessages() {
    for (std::uint32_t c = 0; c < comps_.size(); ++c) {
      if (!m_.components[c].topic) continue;
      auto& st = comps_[c];
      const SimTime retention = secondsToSimTime(m_.components[c].topic->retention_s);
      for (auto& q : st.partitions)
        while (!q.empty() && now_ - jobs_[q.front()].arrival > retention) {
          touch(st);
          --st.waiting_total;
          loseMessage(c, q.pop());
        }
    }
  }

  void kickConsumers(std::uint32_t comp) {
    if (m_.components[comp].type != Component::Type::Topic) return;
    const auto ready = comps_[comp].routable;  // consume() may not change it, but iterate a copy anyway
    for (auto r : ready) consume(comp, r);
  }

  // A refused arrival: the caller learns it through the calendar, so it is never re-entered while it is
  // still issuing calls.
  void reject(std::uint32_t j) {
    Job& job = jobs_[j];
    if (job.parent != kNone)
      answerCaller(j, false);
    else if (job.source != kNoSource)
      finishRequest(j, false);
    else
      freeJob(j);
  }

  void startService(std::uint32_t j) {
    Job& job = jobs_[j];
    const auto& cc = m_.components[job.comp];
    auto& st = comps_[job.comp];
    const SimTime waited = now_ - job.arrival;
    st.now.wait_sum_s += simTimeToSeconds(waited);
    st.wait.record(waited);
    if (hasReplicas(cc) && cc.discipline == Component::Discipline::FCFS) {
      ++st.replicas[job.replica].busy;
      ++st.busy_total;
      job.holds_worker = true;
    }
    job.pc = 0;
    // Draining a long queue of zero-time requests would otherwise recurse once per request
    // (leave -> start -> complete -> leave ...): past the depth limit the program starts from the calendar.
    if (depth_ >= kMaxSynchronousDepth) {
      queue_.push(now_, kEvBegin, j, job.gen);
      return;
    }
    advance(j);
  }

  // ---- the behaviour interpreter ------------------------------------------------------------------
  // Counts nested advance() calls for kMaxSynchronousDepth.
  struct DepthGuard {
    int& depth;
    explicit DepthGuard(int& d) : depth(++d) {}
    ~DepthGuard() { --depth; }
  };

  void advance(std::uint32_t j) {
    const DepthGuard guard(depth_);
    for (;;) {
      Job& job = jobs_[j];
      const CompiledProgram& prog = m_.program(job.comp, job.cls);
      const Op& op = m_.ops[prog.first_op + job.pc];
      switch (op.kind) {
        case OpKind::Work: {
          SimTime d = m_.samplers[op.sampler].sample(comps_[job.comp].service_rng);
          if (const double f = comps_[job.comp].slowdown; f != 1.0) d = scaledDuration(d, f);
          const auto& cc = m_.components[job.comp];
          if (hasReplicas(cc) && cc.discipline == Component::Discipline::ProcessorSharing) {
            psAdd(j, d);
            return;
          }
          if (hasReplicas(cc)) {
            auto& rep = comps_[job.comp].replicas[job.replica];
            // CPU limit (CFS quota): more busy workers than the limit share it; the work is stretched by the
            // contention at its start (an approximation: later changes in contention do not re-time it).
            if (cc.cpu_limit_cores > 0 && rep.cpu + 1 > cc.cpu_limit_cores)
              d = scaledDuration(d, (rep.cpu + 1) / cc.cpu_limit_cores);
            cpuChange(rep, +1);
          }
          queue_.push(addSimTime(now_, d), kEvWorkDone, j, job.gen);
          return;
        }
        case OpKind::Call:
        case OpKind::Parallel: {
          ++job.token;
          job.waiting = true;
          job.pending = op.count;
          const std::uint32_t first = op.first, count = op.count;
          for (std::uint32_t k = 0; k < count; ++k) issueCall(j, first + k, 1);
          return;
        }
        case OpKind::Nearest: {
          const std::uint32_t call = nearestServing(job.region, op.first, op.count);
          if (call == kNone) {  // every target is down: nowhere to fail over to
            failJob(j);
            return;
          }
          ++job.token;
          job.waiting = true;
          job.pending = 1;
          issueCall(j, call, 1);
          return;
        }
        case OpKind::Branch: {
          const double u = comps_[job.comp].route_rng.uniform();
          std::uint32_t pc = op.target_pc;
          for (std::uint32_t a = 0; a < op.count; ++a)
            if (u < m_.arms[op.first + a].cumulative_probability) {
              pc = m_.arms[op.first + a].pc;
              break;
            }
          job.pc = pc;
          continue;
        }
        case OpKind::Send: {
          ++job.pc;
          const std::uint32_t target = m_.calls[op.first].component;
          const std::uint16_t cls = job.cls, from = job.comp;
          const std::uint8_t region = job.region;
          const std::uint32_t child = allocJob();
          Job& msg = jobs_[child];
          msg.comp = static_cast<std::uint16_t>(target);
          msg.cls = cls;
          msg.region = region;
          msg.arrival = now_;
          arriveAfter(child, m_.latency(m_.components[from].region, m_.components[target].region));
          continue;
        }
        case OpKind::CacheLookup:
          if (cacheLookup(j)) {
            job.pc = op.target_pc;
            continue;
          }
          ++job.pc;
          continue;
        case OpKind::CacheFill:
          cacheFill(j);
          ++job.pc;
          continue;
        case OpKind::Jump:
          job.pc = op.target_pc;
          continue;
        case OpKind::End: {
          auto& st = comps_[job.comp];
          const double errors = m_.components[job.comp].error_ratio;
          if (errors > 0 && st.feature_rng.uniform() < errors) {
            ++st.now.extra[kpi::kXInjectedErrors];
            failJob(j);
            return;
          }
          completeJob(j);
          return;
        }
      }
    }
  }

  // ---- caches ---------------------------------------------------------------------------------------
  // True on a hit. Key mode draws the request's key; a miss keeps it for the fill.
  bool cacheLookup(std::uint32_t j) {
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

  void cacheFill(std::uint32_t j) {
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

  // ---- calls: breakers, pools, timeouts, retries ------------------------------------------------------
  // The target of calls[first, first + count) nearest to `region` that can take requests, or kNone.
  std::uint32_t nearestServing(int region, std::uint32_t first, std::uint32_t count) const {
    std::uint32_t best = kNone;
    SimTime bestLatency = 0;
    for (std::uint32_t k = first; k < first + count; ++k) {
      const std::uint32_t c = m_.calls[k].component;
      const auto& st = comps_[c];
      const bool serving = !st.down && (!hasReplicas(m_.components[c]) || !st.routable.empty() ||
                                        m_.components[c].type == Component::Type::Topic);
      if (!serving) continue;
      const SimTime latency = m_.latency(region, m_.components[c].region);
      if (best == kNone || latency < bestLatency) {
        best = k;
        bestLatency = latency;
      }
    }
    return best;
  }

  std::uint32_t newTicket(std::uint32_t parent, std::uint32_t call, int attempt) {
    std::uint32_t t;
    if (!free_tickets_.empty()) {
      t = free_tickets_.back();
      free_tickets_.pop_back();
    } else {
      t = static_cast<std::uint32_t>(tickets_.size());
      tickets_.emplace_back();
    }
    const Job& p = jobs_[parent];
    CallTicket& k = tickets_[t];
    k.parent = parent;
    k.gen = p.gen;
    k.token = p.token;
    k.call = call;
    k.attempt = static_cast<std::uint16_t>(attempt);
    k.since = now_;
    k.live = true;
    k.caller_comp = p.comp;
    k.caller_replica = p.replica;
    k.caller_lifecycle = comps_[p.comp].replicas[p.replica].lifecycle_token;
    ++k.serial;
    return t;
  }

  CallTicket takeTicket(std::uint32_t t) {
    const CallTicket k = tickets_[t];
    tickets_[t].live = false;
    free_tickets_.push_back(t);
    return k;
  }

  // Attempt `attempt` of call `call` by job j: through the caller's breaker and pool, then to the target.
  void issueCall(std::uint32_t j, std::uint32_t call, int attempt) {
    const CompiledCall& cc = m_.calls[call];
    const std::uint16_t caller = jobs_[j].comp;
    auto& st = comps_[caller];
    if (cc.breaker >= 0) {
      auto& breaker = st.breakers[static_cast<std::size_t>(cc.breaker)];
      const bool allowed = breaker.allow(now_);
      logBreaker(caller, breaker);
      if (!allowed) {
        ++st.now.extra[kpi::kXBreakerRejected];
        queue_.push(now_, kEvCallFail, newTicket(j, call, attempt));
        return;
      }
    }
    if (cc.pool >= 0) {
      const auto& spec = m_.components[caller].pools[static_cast<std::size_t>(cc.pool)];
      auto& pool = st.replicas[jobs_[j].replica].pools[static_cast<std::size_t>(cc.pool)];
      if (pool.in_use >= spec.size) {
        if (spec.max_wait_s <= 0) {  // a bulkhead: refuse at once
          ++st.now.extra[kpi::kXBulkheadRejected];
          breakerCancel(caller, cc.breaker);  // the call never reached the target
          queue_.push(now_, kEvCallFail, newTicket(j, call, attempt));
          return;
        }
        ++st.now.extra[kpi::kXPoolWaits];
        const std::uint32_t t = newTicket(j, call, attempt);
        pool.waiters.push_back(t);
        queue_.push(addSimTime(now_, secondsToSimTime(spec.max_wait_s)), kEvPoolTimeout, t, tickets_[t].serial);
        return;
      }
      touch(st);
      ++pool.in_use;
      ++st.pool_in_use;
    }
    spawnChild(j, call, attempt);
  }

  void spawnChild(std::uint32_t parent, std::uint32_t call, int attempt) {
    const CompiledCall& cc = m_.calls[call];
    const std::uint32_t c = allocJob();  // may reallocate jobs_: take references after this
    const Job& p = jobs_[parent];
    Job& child = jobs_[c];
    child.comp = static_cast<std::uint16_t>(cc.component);
    child.cls = p.cls;
    child.region = p.region;
    child.parent = parent;
    child.parent_gen = p.gen;
    child.parent_token = p.token;
    child.arrival = now_;
    child.called_at = now_;
    child.call = call;
    child.attempt = static_cast<std::uint16_t>(attempt);
    child.pool = cc.pool;
    child.caller_comp = p.comp;
    child.caller_replica = p.replica;
    child.caller_lifecycle = comps_[p.comp].replicas[p.replica].lifecycle_token;
    if (cc.timeout > 0) queue_.push(addSimTime(now_, cc.timeout), kEvCallTimeout, c, child.gen);
    arriveAfter(c, m_.latency(m_.components[p.comp].region, m_.components[cc.component].region));
  }

  void poolWaitExpired(std::uint32_t t, std::uint32_t serial) {
    if (!tickets_[t].live || tickets_[t].serial != serial) return;
    const CallTicket k = tickets_[t];
    auto& st = comps_[k.caller_comp];
    auto& rep = st.replicas[k.caller_replica];
    if (rep.lifecycle_token == k.caller_lifecycle) {
      auto& waiters = rep.pools[static_cast<std::size_t>(m_.calls[k.call].pool)].waiters;
      if (const auto it = std::find(waiters.begin(), waiters.end(), t); it != waiters.end()) waiters.erase(it);
    }
    takeTicket(t);
    ++st.now.extra[kpi::kXPoolTimeouts];
    st.now.extra[kpi::kXPoolWaitSumS] += simTimeToSeconds(now_ - k.since);
    breakerCancel(k.caller_comp, m_.calls[k.call].breaker);
    attemptFailed(k.parent, k.gen, k.token, k.call, k.attempt);
  }

  void breakerCancel(std::uint16_t caller, std::int16_t breaker) {
    if (breaker >= 0) comps_[caller].breakers[static_cast<std::size_t>(breaker)].cancel();
  }

  void breakerOutcome(std::uint16_t caller, std::int16_t breaker, bool ok) {
    if (breaker < 0) return;
    auto& b = comps_[caller].breakers[static_cast<std::size_t>(breaker)];
    b.record(now_, ok);
    logBreaker(caller, b);
  }

  // Gives the connection back and hands it to the oldest caller still waiting for one.
  void releaseConnection(std::uint16_t comp, std::uint16_t replica, std::uint32_t lifecycle, std::int16_t pool) {
    auto& st = comps_[comp];
    auto& rep = st.replicas[replica];
    touch(st);
    --st.pool_in_use;
    if (rep.lifecycle_token != lifecycle) return;  // that replica is gone; its pool went with it
    auto& ps = rep.pools[static_cast<std::size_t>(pool)];
    --ps.in_use;
    while (!ps.waiters.empty()) {
      const std::uint32_t t = ps.waiters.front();
      ps.waiters.pop_front();
      const CallTicket k = takeTicket(t);
      st.now.extra[kpi::kXPoolWaitSumS] += simTimeToSeconds(now_ - k.since);
      if (!isWaiting(k.parent, k.gen, k.token)) {
        breakerCancel(comp, m_.calls[k.call].breaker);  // its caller gave up: the call never ran
        continue;
      }
      ++ps.in_use;
      ++st.pool_in_use;
      spawnChild(k.parent, k.call, k.attempt);
      return;
    }
  }

  void callTimedOut(std::uint32_t child, std::uint32_t gen) {
    Job& c = jobs_[child];
    if (c.gen != gen || c.orphan || c.parent == kNone) return;
    const std::uint32_t parent = c.parent, pgen = c.parent_gen, token = c.parent_token, call = c.call;
    const int attempt = c.attempt;
    if (!isWaiting(parent, pgen, token)) return;
    c.orphan = true;  // it keeps running; its answer will be wasted
    const std::uint16_t caller = jobs_[parent].comp;
    ++comps_[caller].now.timeouts;
    settleCall(child, false);
    attemptFailed(parent, pgen, token, call, attempt);
  }

  // The caller's side of a finished attempt: the connection goes back, the breaker learns the outcome.
  void settleCall(std::uint32_t child, bool ok) {
    Job& c = jobs_[child];
    const std::int16_t pool = c.pool;
    const std::uint16_t caller = c.caller_comp, replica = c.caller_replica;
    const std::uint32_t lifecycle = c.caller_lifecycle;
    const std::int16_t breaker = m_.calls[c.call].breaker;
    c.pool = -1;
    breakerOutcome(caller, breaker, ok);
    if (pool >= 0) releaseConnection(caller, replica, lifecycle, pool);
  }

  // A child job has its answer (it completed, failed or was refused).
  void answerCaller(std::uint32_t child, bool ok) {
    const Job& c = jobs_[child];
    const std::uint32_t parent = c.parent, gen = c.parent_gen, token = c.parent_token, call = c.call;
    const int attempt = c.attempt;
    const std::uint16_t comp = c.comp, caller = c.caller_comp;
    const bool orphan = c.orphan;
    const SimTime back = m_.latency(m_.components[comp].region, m_.components[caller].region);
    const SimTime timeout = m_.calls[call].timeout;
    const SimTime deadline = addSimTime(c.called_at, timeout);
    if (!orphan && timeout > 0 && addSimTime(now_, back) > deadline) {
      // The answer would cross back after the caller's timeout: the caller times out (at the deadline) and the
      // answer, when it comes, is wasted.
      settleCall(child, false);
      freeJob(child);
      if (ok) ++comps_[comp].now.extra[kpi::kXAbandoned];
      if (!isWaiting(parent, gen, token)) return;
      ++comps_[caller].now.timeouts;
      queue_.push(std::max(now_, deadline), kEvCallFail, newTicket(parent, call, attempt));
      return;
    }
    if (!orphan) settleCall(child, ok);
    freeJob(child);
    if (orphan || !isWaiting(parent, gen, token)) {
      if (ok) ++comps_[comp].now.extra[kpi::kXAbandoned];
      return;
    }
    if (!ok) {
      queue_.push(addSimTime(now_, back), kEvCallFail, newTicket(parent, call, attempt));
      return;
    }
    if (back > 0)
      queue_.push(addSimTime(now_, back), kEvReply, parent, gen, token);
    else
      deliverSuccess(parent, gen, token);
  }

  // A failed attempt: retry after a backoff if the call allows another attempt, else the caller fails.
  void attemptFailed(std::uint32_t parent, std::uint32_t gen, std::uint32_t token, std::uint32_t call, int attempt) {
    if (!isWaiting(parent, gen, token)) return;
    const CompiledCall& cc = m_.calls[call];
    if (cc.retry >= 0 && attempt < m_.retries[static_cast<std::size_t>(cc.retry)].max_attempts) {
      auto& st = comps_[jobs_[parent].comp];
      ++st.now.extra[kpi::kXRetries];
      const SimTime delay = features::retryDelay(m_.retries[static_cast<std::size_t>(cc.retry)], attempt, st.feature_rng);
      queue_.push(addSimTime(now_, delay), kEvRetry, newTicket(parent, call, attempt + 1));
      return;
    }
    failJob(parent);
  }

  void logBreaker(std::uint16_t comp, features::CircuitBreaker& breaker) {
    for (const auto& t : breaker.takeTransitions()) {
      if (t.to == features::CircuitBreaker::State::Open) ++comps_[comp].now.extra[kpi::kXBreakerOpens];
      const int n = static_cast<int>(comps_[comp].routable.size()) + comps_[comp].starting;
      logDecision(comp, n, n,
                  std::string("circuit breaker: ") + features::breakerStateName(t.from) + " -> " +
                      features::breakerStateName(t.to) + ": " + t.reason);
    }
  }

  // The job leaves its component: frees its worker (or PS slot) and lets the next waiting job in.
  void leaveComponent(std::uint32_t j) {
    Job& job = jobs_[j];
    const std::uint32_t comp = job.comp;
    const auto& cc = m_.components[comp];
    auto& st = comps_[comp];
    auto& rep = st.replicas[job.replica];
    touch(st);
    --rep.present;
    --st.system_total;
    if (cc.type == Component::Type::Serverless) {
      --st.busy_total;
      st.lambda->complete(now_, job.env);
      job.env = -1;
      return;
    }
    if (job.holds_worker) {
      job.holds_worker = false;
      --rep.busy;
      --st.busy_total;
      if (cc.type == Component::Type::Topic) {
        consume(comp, job.replica);
      } else {
        // Load shedding: a request that waited too long is dropped (its client has likely given up; serving it
        // would waste the worker). The dropped ones are answered only after the next request holds the worker,
        // since answering may hand a pooled connection to a caller whose call lands here at once.
        shed_.clear();
        std::uint32_t next = kNone;
        while (!rep.queue.empty()) {
          const std::uint32_t candidate = rep.queue.pop();
          --st.waiting_total;
          if (cc.shed_after_wait > 0 && now_ - jobs_[candidate].arrival > cc.shed_after_wait) {
            --rep.present;
            --st.system_total;
            ++st.now.rejections;
            ++st.now.extra[kpi::kXShed];
            shed_.push_back(candidate);
            continue;
          }
          next = candidate;
          break;
        }
        const std::vector<std::uint32_t> dropped = shed_;
        if (next != kNone) startService(next);
        for (const std::uint32_t d : dropped) reject(d);
        if (next != kNone) return;
      }
    }
    if (rep.phase == ReplicaPhase::Draining && rep.present == 0) {
      rep.phase = ReplicaPhase::Gone;
      --st.draining;
      updateCapacity(comp);
    }
  }

  void completeJob(std::uint32_t j) {
    const std::uint32_t comp = jobs_[j].comp;
    auto& st = comps_[comp];
    const SimTime residence = now_ - jobs_[j].arrival;
    ++st.now.completions;
    st.now.response_sum_s += simTimeToSeconds(residence);
    st.response.record(residence);
    st.window_response.record(residence);
    leaveComponent(j);

    Job& job = jobs_[j];
    if (job.parent != kNone) {
      answerCaller(j, true);
      return;
    }
    // Root or asynchronous job: route onwards or leave the system.
    const CompiledProgram& prog = m_.program(comp, job.cls);
    if (prog.route_count > 0) {
      const double u = st.route_rng.uniform();
      for (std::uint32_t k = 0; k < prog.route_count; ++k) {
        const CompiledRoute& route = m_.routes[prog.first_route + k];
        if (u < route.cumulative_probability) {
          job.comp = static_cast<std::uint16_t>(route.component);
          job.arrival = now_;
          job.pc = 0;
          arriveAfter(j, m_.latency(m_.components[comp].region, m_.components[route.component].region));
          return;
        }
      }
    }
    if (job.source != kNoSource)
      finishRequest(j, true);
    else
      freeJob(j);
  }

  void deliverSuccess(std::uint32_t p, std::uint32_t gen, std::uint32_t token) {
    if (!isWaiting(p, gen, token)) return;  // the caller gave up (timeout or a failed sibling)
    Job& parent = jobs_[p];
    if (--parent.pending > 0) return;
    parent.waiting = false;
    ++parent.token;
    ++parent.pc;
    advance(p);
  }

  // The job's request has failed here (a call failed for good, or an injected error): stop waiting, give
  // the worker back, and tell the caller. Work already started downstream goes on and is wasted.
  void failJob(std::uint32_t j) {
    Job& job = jobs_[j];
    job.waiting = false;
    ++job.token;
    ++comps_[job.comp].now.failures;
    leaveComponent(j);
    Job& after = jobs_[j];
    if (after.parent != kNone)
      answerCaller(j, false);
    else if (after.source != kNoSource)
      finishRequest(j, false);
    else
      freeJob(j);
  }

  void cpuChange(ReplicaState& rep, int delta) {
    rep.cpu_area += static_cast<double>(rep.cpu) * static_cast<double>(now_ - rep.cpu_last);
    rep.cpu_last = now_;
    rep.cpu += delta;
  }

  // ---- processor sharing --------------------------------------------------------------------------
  static int psBusy(int active, int workers) { return std::min(active, workers); }
  static int psWaiting(int active, int workers) { return std::max(0, active - workers); }

  void psAdvanceVirtual(ReplicaState& rep, int workers) {
    if (rep.ps_active > 0) {
      const double rate = std::min(1.0, static_cast<double>(workers) / rep.ps_active);
      rep.ps_virtual += static_cast<double>(now_ - rep.ps_last) * rate;
    }
    rep.ps_last = now_;
  }

  void psSetActive(ComponentState& st, ReplicaState& rep, int workers, int active) {
    touch(st);
    cpuChange(rep, psBusy(active, workers) - psBusy(rep.ps_active, workers));
    st.busy_total += psBusy(active, workers) - psBusy(rep.ps_active, workers);
    st.waiting_total += psWaiting(active, workers) - psWaiting(rep.ps_active, workers);
    rep.ps_active = active;
  }

  void psReschedule(std::uint32_t comp, std::uint32_t r) {
    auto& rep = comps_[comp].replicas[r];
    ++rep.ps_token;
    if (rep.ps_heap.empty()) return;
    const int workers = rep.workers;
    const double rate = std::min(1.0, static_cast<double>(workers) / rep.ps_active);
    const double remaining = std::max(0.0, rep.ps_heap.front().tag - rep.ps_virtual);
    const auto dt = static_cast<SimTime>(std::ceil(remaining / rate));
    queue_.push(addSimTime(now_, dt), kEvPsDone, comp, r, rep.ps_token);
  }

  void psAdd(std::uint32_t j, SimTime work) {
    const Job& job = jobs_[j];
    auto& st = comps_[job.comp];
    auto& rep = st.replicas[job.replica];
    const int workers = rep.workers;
    psAdvanceVirtual(rep, workers);
    rep.ps_heap.push_back({rep.ps_virtual + static_cast<double>(work), j});
    std::push_heap(rep.ps_heap.begin(), rep.ps_heap.end(), std::greater<>());
    psSetActive(st, rep, workers, rep.ps_active + 1);
    psReschedule(job.comp, job.replica);
  }

  void psCompletion(std::uint32_t comp, std::uint32_t r, std::uint32_t token) {
    auto& st = comps_[comp];
    auto& rep = st.replicas[r];
    if (rep.ps_token != token) return;
    const int workers = rep.workers;
    psAdvanceVirtual(rep, workers);
    finished_.clear();
    // Half a nanosecond of slack absorbs the rounding of completion times to whole nanoseconds.
    while (!rep.ps_heap.empty() && rep.ps_heap.front().tag <= rep.ps_virtual + 0.5) {
      std::pop_heap(rep.ps_heap.begin(), rep.ps_heap.end(), std::greater<>());
      finished_.push_back(rep.ps_heap.back().job);
      rep.ps_heap.pop_back();
    }
    psSetActive(st, rep, workers, rep.ps_active - static_cast<int>(finished_.size()));
    psReschedule(comp, r);
    // advance() never reaches psCompletion (that only runs from the calendar), so finished_ is stable here.
    for (std::size_t i = 0; i < finished_.size(); ++i) {
      const std::uint32_t j = finished_[i];
      ++jobs_[j].pc;
      advance(j);
    }
  }

  // ---- statistics ---------------------------------------------------------------------------------
  void startObservation() {
    for (auto& st : comps_) {
      touch(st);
      st.baseline = st.now;
      st.response.clear();
      st.wait.clear();
    }
    for (auto& e : e2e_) e = EndToEndState{};
    summary_.requests = 0;
  }

  void closeWindow() {
    const double dt_s = simTimeToSeconds(now_ - window_began_);
    if (dt_s <= 0) return;
    expireMessages();
    const std::size_t entities = comps_.size() + 1;
    const std::size_t base = summary_.windows.size();
    summary_.windows.resize(base + entities * kpi::kWindowKpiCount, kNaN);
    LiveWindow lw;
    const bool wantLive = (*live_) != nullptr;
    for (std::size_t c = 0; c < comps_.size(); ++c) {
      auto& st = comps_[c];
      touch(st);
      const Counters& a = st.window_start;
      const Counters& b = st.now;
      double* w = &summary_.windows[base + c * kpi::kWindowKpiCount];
      const auto done = static_cast<double>(b.completions - a.completions);
      w[kpi::kWinArrivalRate] = static_cast<double>(b.arrivals - a.arrivals) / dt_s;
      w[kpi::kWinThroughput] = done / dt_s;
      w[kpi::kWinUtilization] = ratio(b.busy_area - a.busy_area, b.capacity_area - a.capacity_area);
      w[kpi::kWinQueueLength] = (b.wait_area - a.wait_area) / static_cast<double>(now_ - window_began_);
      w[kpi::kWinResponseMean] = done > 0 ? (b.response_sum_s - a.response_sum_s) / done : kNaN;
      w[kpi::kWinP50] = st.window_response.quantileSeconds(0.50);
      w[kpi::kWinP95] = st.window_response.quantileSeconds(0.95);
      w[kpi::kWinP99] = st.window_response.quantileSeconds(0.99);
      w[kpi::kWinErrorsPerS] = static_cast<double>((b.rejections - a.rejections) + (b.timeouts - a.timeouts)) / dt_s;
      const double span = static_cast<double>(now_ - window_began_);
      const auto& cc = m_.components[c];
      w[kpi::kWinReplicas] = cc.type == Component::Type::Serverless ? (b.busy_area - a.busy_area) / span  // concurrency
                             : hasReplicas(cc)                       ? (b.serving_area - a.serving_area) / span
                                                                     : kNaN;
      if (cc.cache) {
        const double hits = b.extra[kpi::kXCacheHits] - a.extra[kpi::kXCacheHits];
        const double misses = b.extra[kpi::kXCacheMisses] - a.extra[kpi::kXCacheMisses];
        w[kpi::kWinHitRatio] = hits + misses > 0 ? hits / (hits + misses) : kNaN;
      }
      if (cc.rate_limit || cc.serverless)
        w[kpi::kWinThrottledPerS] = (b.extra[kpi::kXThrottled] - a.extra[kpi::kXThrottled]) / dt_s;
      if (wantLive) {
        lw.utilization.push_back(w[kpi::kWinUtilization]);
        lw.queue_length.push_back(w[kpi::kWinQueueLength]);
        lw.throughput_per_s.push_back(w[kpi::kWinThroughput]);
        lw.response_p99_s.push_back(w[kpi::kWinP99]);
        lw.replicas.push_back(w[kpi::kWinReplicas]);
      }
      st.window_start = st.now;
      st.window_response.clear();
    }
    double* w = &summary_.windows[base + comps_.size() * kpi::kWindowKpiCount];
    auto& e = window_e2e_;
    w[kpi::kWinArrivalRate] = static_cast<double>(e.created) / dt_s;
    w[kpi::kWinThroughput] = static_cast<double>(e.completions) / dt_s;
    w[kpi::kWinResponseMean] = e.completions > 0 ? e.response_sum_s / static_cast<double>(e.completions) : kNaN;
    w[kpi::kWinP50] = e.response.quantileSeconds(0.50);
    w[kpi::kWinP95] = e.response.quantileSeconds(0.95);
    w[kpi::kWinP99] = e.response.quantileSeconds(0.99);
    w[kpi::kWinErrorsPerS] = static_cast<double>(e.failures) / dt_s;
    ++summary_.window_count;
    if (wantLive) {
      lw.start_s = simTimeToSeconds(window_began_);
      lw.end_s = simTimeToSeconds(now_);
      lw.e2e_arrival_rate_per_s = w[kpi::kWinArrivalRate];
      lw.e2e_throughput_per_s = w[kpi::kWinThroughput];
      lw.e2e_p50_s = w[kpi::kWinP50];
      lw.e2e_p95_s = w[kpi::kWinP95];
      lw.e2e_p99_s = w[kpi::kWinP99];
      lw.e2e_errors_per_s = w[kpi::kWinErrorsPerS];
      (*live_)(lw);
    }
    e.created = e.completions = e.failures = 0;
    e.response_sum_s = 0;
    e.response.clear();
    window_began_ = now_;
  }

  ReplicationSummary finish() {
    // A last partial window (the horizon is not a multiple of the window, or a request-count stop) is kept
    // only if it covers at least half a window: a sliver would turn a handful of events into absurd rates.
    if (cfg_.window > 0 && 2 * (now_ - window_began_) >= cfg_.window && !summary_.cancelled) closeWindow();
    const double observed_s = simTimeToSeconds(now_ - std::min(now_, cfg_.warmup));
    summary_.observed_s = observed_s;
    summary_.events = events_;
    expireMessages();
    summary_.components.resize(comps_.size());
    summary_.extras.resize(comps_.size());
    for (std::size_t c = 0; c < comps_.size(); ++c) {
      auto& st = comps_[c];
      touch(st);
      const Counters& a = st.baseline;
      const Counters& b = st.now;
      auto& k = summary_.components[c];
      const auto arrivals = static_cast<double>(b.arrivals - a.arrivals);
      const auto done = static_cast<double>(b.completions - a.completions);
      const auto rejections = static_cast<double>(b.rejections - a.rejections);
      const double observed_ns = observed_s * 1e9;
      k[kpi::kArrivalRate] = ratio(arrivals, observed_s);
      k[kpi::kThroughput] = ratio(done, observed_s);
      k[kpi::kUtilization] = ratio(b.busy_area - a.busy_area, b.capacity_area - a.capacity_area);
      k[kpi::kQueueLength] = ratio(b.wait_area - a.wait_area, observed_ns);
      k[kpi::kInSystem] = ratio(b.system_area - a.system_area, observed_ns);
      k[kpi::kRejectionRatio] = ratio(rejections, arrivals);
      k[kpi::kRejectionsPerS] = ratio(rejections, observed_s);
      k[kpi::kTimeoutsPerS] = ratio(static_cast<double>(b.timeouts - a.timeouts), observed_s);
      k[kpi::kFailuresPerS] = ratio(static_cast<double>(b.failures - a.failures), observed_s);
      k[kpi::kResponseMean] = done > 0 ? (b.response_sum_s - a.response_sum_s) / done : kNaN;
      auto& x = summary_.extras[c];
      for (int e = 0; e < kpi::kExtraCount; ++e) x[static_cast<std::size_t>(e)] = b.extra[static_cast<std::size_t>(e)] - a.extra[static_cast<std::size_t>(e)];
      const auto waits = static_cast<double>(st.wait.count());
      k[kpi::kWaitMean] = waits > 0 ? (b.wait_sum_s - a.wait_sum_s) / waits : kNaN;
      for (int q = 0; q < 5; ++q) {
        k[kpi::kResponseQ0 + q] = st.response.quantileSeconds(kReportedQuantilesLocal[q]);
        k[kpi::kWaitQ0 + q] = st.wait.quantileSeconds(kReportedQuantilesLocal[q]);
      }
    }
    summary_.end_to_end.resize(e2e_.size());
    for (std::size_t i = 0; i < e2e_.size(); ++i) {
      const auto& e = e2e_[i];
      auto& k = summary_.end_to_end[i];
      const auto finished = static_cast<double>(e.completions + e.failures);
      k[kpi::kE2eArrivalRate] = ratio(static_cast<double>(e.created), observed_s);
      k[kpi::kE2eThroughput] = ratio(static_cast<double>(e.completions), observed_s);
      k[kpi::kE2eErrorRatio] = ratio(static_cast<double>(e.failures), finished);
      k[kpi::kE2eErrorsPerS] = ratio(static_cast<double>(e.failures), observed_s);
      k[kpi::kE2eResponseMean] = e.completions > 0 ? e.response_sum_s / static_cast<double>(e.completions) : kNaN;
      for (int q = 0; q < 5; ++q) k[kpi::kE2eResponseQ0 + q] = e.response.quantileSeconds(kReportedQuantilesLocal[q]);
    }
    return std::move(summary_);
  }

  static constexpr double kReportedQuantilesLocal[5] = {0.50, 0.90, 0.95, 0.99, 0.999};

  const CompiledModel& m_;
  const ReplicationConfig& cfg_;
  const LiveWindowSink* live_ = nullptr;
  EventQueue queue_;
  SimTime now_ = 0;
  SimTime window_began_ = 0;
  std::uint64_t events_ = 0;
  bool stopped_ = false;
  int depth_ = 0;
  std::vector<Job> jobs_;
  std::vector<std::uint32_t> free_;
  std::vector<std::uint32_t> finished_;
  std::vector<std::uint32_t> shed_;
  std::vector<CallTicket> tickets_;
  std::vector<std::uint32_t> free_tickets_;
  std::vector<ComponentState> comps_;
  std::vector<SourceState> sources_;
  std::vector<EndToEndState> e2e_;  // [0] all, then per class (observation period)
  EndToEndState window_e2e_;        // all classes, current window
  ReplicationSummary summary_;
};

}  // namespace

ReplicationSummary runReplication(const CompiledModel& model, const ReplicationConfig& config,
                                  const ReplicationProgress& progress, const LiveWindowSink& live) {
  Kernel kernel(model, config);
  return kernel.run(progress, live);
}

}  // namespace headroom
