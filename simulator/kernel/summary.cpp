// The replication's summary after the last event: per-component KPIs, feature counters (extras) and the
// end-to-end KPIs per class, all over the observation period (after warm-up). A last partial window is kept
// only if it covers at least half a window.

#include "simulator/kernel/kernel.h"

namespace headroom::kernel {

namespace {
constexpr double kReportedQuantiles[5] = {0.50, 0.90, 0.95, 0.99, 0.999};
}  // namespace

ReplicationSummary Kernel::finish() {
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
      k[kpi::kResponseQ0 + q] = st.response.quantileSeconds(kReportedQuantiles[q]);
      k[kpi::kWaitQ0 + q] = st.wait.quantileSeconds(kReportedQuantiles[q]);
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
    for (int q = 0; q < 5; ++q) k[kpi::kE2eResponseQ0 + q] = e.response.quantileSeconds(kReportedQuantiles[q]);
  }
  return std::move(summary_);
}

}  // namespace headroom::kernel
