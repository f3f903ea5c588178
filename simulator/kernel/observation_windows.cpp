// Observation: the end of warm-up (counters and histograms start afresh) and the statistics windows (per
// component and end to end, pushed to a live sink when there is one). Window KPIs are differences of the
// cumulative Counters at the window's two ends. Events: kEvWarmup, kEvWindow.

#include "simulator/kernel/kernel.h"

namespace headroom::kernel {

void Kernel::startObservation() {
  for (auto& st : comps_) {
    touch(st);
    st.baseline = st.now;
    st.response.clear();
    st.wait.clear();
  }
  for (auto& e : e2e_) e = EndToEndState{};
  summary_.requests = 0;
}

void Kernel::closeWindow() {
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
  for (auto& ce : window_class_e2e_) {
    summary_.class_windows.push_back(static_cast<double>(ce.completions) / dt_s);
    summary_.class_windows.push_back(ce.completions > 0 ? ce.response_sum_s / static_cast<double>(ce.completions) : kNaN);
    summary_.class_windows.push_back(ce.response.quantileSeconds(0.50));
    summary_.class_windows.push_back(ce.response.quantileSeconds(0.95));
    summary_.class_windows.push_back(ce.response.quantileSeconds(0.99));
    ce.created = ce.completions = ce.failures = 0;
    ce.response_sum_s = 0;
    ce.response.clear();
  }
  e.created = e.completions = e.failures = 0;
  e.response_sum_s = 0;
  e.response.clear();
  window_began_ = now_;
}

}  // namespace headroom::kernel
