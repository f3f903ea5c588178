// Serverless functions: an invocation finds a warm execution environment, starts a cold one (INIT first), or
// is throttled (429), by the Lambda concurrency rules of autoscaling/lambda_concurrency.h. Busy environments
// count as the component's concurrency. Events: kEvColdStarted (INIT finished: service starts). The
// environment is given back in departure.cpp (leaveComponent).

#include "simulator/kernel/kernel.h"

#include "simulator/autoscaling/lambda_concurrency.h"

namespace headroom::kernel {

// A serverless invocation: a warm environment, a cold one (INIT first), or a 429 (Lambda rules).
void Kernel::arriveAtFunction(std::uint32_t j) {
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

}  // namespace headroom::kernel
