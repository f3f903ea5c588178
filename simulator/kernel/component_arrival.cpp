// A request arriving at a component: injected delay, a component that is down, rate limiting, the balancer's
// choice of replica, the queue-capacity check, the FCFS waiting line, and the start of service. Topics,
// serverless functions and a lowered database's router branch off to their own files from arriveNow().
// Events: kEvArrive (an arrival deferred by the network or the depth limit), kEvArriveLate (after an injected
// delay).

#include "simulator/kernel/kernel.h"

namespace headroom::kernel {

void Kernel::arrive(std::uint32_t j) {
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

void Kernel::arriveNow(std::uint32_t j) {
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

std::uint16_t Kernel::pickReplica(std::uint32_t comp) {
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

// A refused arrival: the caller learns it through the calendar, so it is never re-entered while it is
// still issuing calls.
void Kernel::reject(std::uint32_t j) {
  Job& job = jobs_[j];
  if (job.parent != kNone)
    answerCaller(j, false);
  else if (job.source != kNoSource)
    finishRequest(j, false);
  else
    freeJob(j);
}

void Kernel::startService(std::uint32_t j) {
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

}  // namespace headroom::kernel
