// A job leaving its component: completion (statistics, answering the caller, or routing a root request onward
// through `next`), failure (a call failed for good or an injected error), and giving back the worker, which lets
// the next queued request in, sheds the ones that waited too long, and retires a drained replica.

#include "simulator/kernel/kernel.h"

namespace headroom::kernel {

// The job leaves its component: frees its worker (or PS slot) and lets the next waiting job in.
void Kernel::leaveComponent(std::uint32_t j) {
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
    notifyReplicaStopped(static_cast<int>(comp), static_cast<int>(&rep - st.replicas.data()), now_);  // `job` may have moved
  }
}

void Kernel::completeJob(std::uint32_t j) {
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

// The job's request has failed here (a call failed for good, or an injected error): stop waiting, give
// the worker back, and tell the caller. Work already started downstream goes on and is wasted.
void Kernel::failJob(std::uint32_t j) {
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

}  // namespace headroom::kernel
