// Processor-sharing replicas: every job in service progresses at min(1, workers / active); a replica keeps
// the jobs' virtual finishing times in a heap and one pending completion event, re-timed whenever the number
// of active jobs changes. Events: kEvPsDone (stale ones are recognised by the replica's ps_token).

#include "simulator/kernel/kernel.h"

#include <algorithm>
#include <cmath>
#include <functional>

#include "model/checked_time.h"

namespace headroom::kernel {

namespace {
int psBusy(int active, int workers) { return std::min(active, workers); }
int psWaiting(int active, int workers) { return std::max(0, active - workers); }
}  // namespace

void Kernel::psAdvanceVirtual(ReplicaState& rep, int workers) {
  if (rep.ps_active > 0) {
    const double rate = std::min(1.0, static_cast<double>(workers) / rep.ps_active);
    rep.ps_virtual += static_cast<double>(now_ - rep.ps_last) * rate;
  }
  rep.ps_last = now_;
}

void Kernel::psSetActive(ComponentState& st, ReplicaState& rep, int workers, int active) {
  touch(st);
  cpuChange(rep, psBusy(active, workers) - psBusy(rep.ps_active, workers));
  st.busy_total += psBusy(active, workers) - psBusy(rep.ps_active, workers);
  st.waiting_total += psWaiting(active, workers) - psWaiting(rep.ps_active, workers);
  rep.ps_active = active;
}

void Kernel::psReschedule(std::uint32_t comp, std::uint32_t r) {
  auto& rep = comps_[comp].replicas[r];
  ++rep.ps_token;
  if (rep.ps_heap.empty()) return;
  const int workers = rep.workers;
  const double rate = std::min(1.0, static_cast<double>(workers) / rep.ps_active);
  const double remaining = std::max(0.0, rep.ps_heap.front().tag - rep.ps_virtual);
  // Saturating: an enormous remaining work is "never", not a wrapped time in the past (issue #18).
  const SimTime dt = nanosToSimTime(std::ceil(remaining / rate));
  queue_.push(addSimTime(now_, dt), kEvPsDone, comp, r, rep.ps_token);
}

void Kernel::psAdd(std::uint32_t j, SimTime work) {
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

void Kernel::psCompletion(std::uint32_t comp, std::uint32_t r, std::uint32_t token) {
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

}  // namespace headroom::kernel
