// The kernel's core: construction of the per-replication state, the event loop, and the dispatch of each
// event kind to the mechanism that handles it (see kernel.h for the map of files). Events handled here
// directly: kEvStop (the horizon), and the resumption of a job whose generation still matches (kEvWorkDone,
// kEvBegin, kEvArrive, kEvArriveLate, kEvPublished, kEvColdStarted). A stale event (its job slot was recycled)
// is dropped by the generation check.

#include "simulator/kernel/kernel.h"

#include <algorithm>
#include <cmath>

namespace headroom::kernel {

Kernel::Kernel(const CompiledModel& m, const ReplicationConfig& cfg) : m_(m), cfg_(cfg) {
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
  window_class_e2e_.assign(m.classes.size() > 1 ? m.classes.size() : 0, EndToEndState{});
  jobs_.reserve(1024);
}

void Kernel::initFeatures(const CompiledComponent& cc, ComponentState& st, std::uint64_t seed) {
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

ReplicationSummary Kernel::run(const ReplicationProgress& progress, const LiveWindowSink& live) {
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

void Kernel::start() {
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

void Kernel::dispatch(const Event& e) {
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
    case kEvCallFail:
      callFailDelivered(e.a);
      break;
    case kEvRetry:
      retryDue(e.a);
      break;
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

}  // namespace headroom::kernel

namespace headroom {

ReplicationSummary runReplication(const CompiledModel& model, const ReplicationConfig& config,
                                  const ReplicationProgress& progress, const LiveWindowSink& live) {
  kernel::Kernel k(model, config);
  return k.run(progress, live);
}

}  // namespace headroom
