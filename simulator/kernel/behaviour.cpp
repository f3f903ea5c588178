// The behaviour interpreter: runs a job's compiled program (Work, Call/Parallel, Nearest, Branch, Send, cache
// ops, End) until it must wait for time to pass (work, a call's answer) or it ends. Events: kEvWorkDone and
// kEvBegin resume it (dispatched from kernel_core.cpp).

#include "simulator/kernel/kernel.h"

namespace headroom::kernel {

// Counts nested advance() calls for kMaxSynchronousDepth.
struct DepthGuard {
  int& depth;
  explicit DepthGuard(int& d) : depth(++d) {}
  ~DepthGuard() { --depth; }
};

void Kernel::advance(std::uint32_t j) {
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

}  // namespace headroom::kernel
