#include "simulator/health/health.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace headroom {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kHealthyServedRatio = 0.95;  // windows this good form the baseline for load amplification

std::string format(const char* fmt, double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, fmt, value);
  return buf;
}

std::string formatPercent(double fraction) {
  const double pct = fraction * 100.0;
  if (pct >= 9.95) return format("%.0f%%", pct);
  if (pct >= 0.1) return format("%.1f%%", pct);
  return "<0.1%";
}

double at(const SeriesResult* s, std::size_t w) {
  return s && w < s->mean.size() ? s->mean[w] : kNaN;
}

double median(std::vector<double> v) {
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

double meanOf(const SeriesResult* s, std::size_t from, std::size_t to) {
  double sum = 0.0;
  int count = 0;
  for (std::size_t w = from; w < to; ++w)
    if (const double x = at(s, w); std::isfinite(x)) sum += x, ++count;
  return count ? sum / count : kNaN;
}

// A queue that is still rising over the last half of the run and is long: the component cannot keep up.
bool queueGrowing(const SeriesResult* queue, std::size_t first, std::size_t end) {
  if (!queue || end < first + 4) return false;
  const std::size_t n = end - first;
  const double third = meanOf(queue, first + n / 2, first + 3 * n / 4);
  const double last = meanOf(queue, first + 3 * n / 4, end);
  const double final_value = at(queue, end - 1);
  return std::isfinite(third) && std::isfinite(last) && last >= kQueueGrowthMinimum && last > 1.25 * third &&
         final_value >= last;
}

// Does any caller of `target` retry its calls to it?
bool retriedBy(const Scenario& scenario, const std::string& target) {
  for (const Component& c : scenario.components)
    for (const auto& [cls, behaviour] : c.behaviour) {
      bool found = false;
      forEachCall(behaviour.steps, [&](Step::Kind, const CallTarget& call) {
        if (call.target == target && call.retry && call.retry->max_attempts > 1) found = true;
      });
      if (found) return true;
    }
  return false;
}

// The bottleneck rule on one window's utilization and throughput (rejections from the whole run: windows have none).
BottleneckVerdict windowBottleneck(const Scenario& scenario, const RunResult& result, std::size_t w) {
  std::vector<ComponentLoad> loads = loadsFromRun(scenario, result);
  LiveWindow window;
  for (std::size_t i = 0; i < scenario.components.size(); ++i) {
    const std::string& name = scenario.components[i].name;
    window.utilization.push_back(at(result.findSeries(name, "utilization"), w));
    window.throughput_per_s.push_back(at(result.findSeries(name, "throughput_per_s"), w));
  }
  const std::vector<ComponentLoad> live = loadsFromLiveWindow(scenario, window);
  for (std::size_t i = 0; i < loads.size() && i < live.size(); ++i) {
    if (std::isfinite(live[i].utilization)) loads[i].utilization = live[i].utilization;
    if (std::isfinite(live[i].own_work_utilization)) loads[i].own_work_utilization = live[i].own_work_utilization;
  }
  return findBottleneck(loads);
}

std::string culpritPhrase(const HealthVerdict& v, const Scenario& scenario) {
  if (v.culprit < 0) return {};
  return scenario.components[static_cast<std::size_t>(v.culprit)].name + " " + v.culprit_reason;
}

}  // namespace

const char* healthLevelName(HealthLevel level) {
  switch (level) {
    case HealthLevel::Healthy: return "healthy";
    case HealthLevel::Strained: return "strained";
    case HealthLevel::Degraded: return "degraded";
    case HealthLevel::Collapsed: return "collapsed";
  }
  return "?";
}

std::string formatSimTime(double seconds) {
  if (!std::isfinite(seconds)) return "?";
  const double a = std::abs(seconds);
  if (a < 600.0) return format(a < 10.0 && a != std::floor(a) ? "%.1f s" : "%.0f s", seconds);
  if (a < 3.0 * 3600.0) return format("%.1f min", seconds / 60.0);
  if (a < 3.0 * 86400.0) return format("%.1f h", seconds / 3600.0);
  if (a < 90.0 * 86400.0) return format("%.1f days", seconds / 86400.0);
  return format("%.1f months", seconds / (30.4375 * 86400.0));
}

std::string formatLatency(double seconds) {
  if (!std::isfinite(seconds)) return "?";
  if (seconds < 0.01) return format("%.1f ms", seconds * 1e3);
  if (seconds < 1.0) return format("%.0f ms", seconds * 1e3);
  if (seconds < 10.0) return format("%.1f s", seconds);
  if (seconds < 600.0) return format("%.0f s", seconds);
  return formatSimTime(seconds);
}

std::string formatAlertValue(const Scenario& s, const std::string& rule, double v) {
  const std::vector<AlertRuleSpec> rules = s.slo && !s.slo->alerts.empty() ? s.slo->alerts : defaultAlertRules();
  for (const AlertRuleSpec& r : rules) {
    if (r.name != rule) continue;
    switch (r.metric) {
      case AlertRuleSpec::Metric::CpuUtilization:
      case AlertRuleSpec::Metric::PoolUtilization:
      case AlertRuleSpec::Metric::ErrorRatio: return format("%.3g%%", v * 100);
      case AlertRuleSpec::Metric::P99Increase: return format("%+.3g%%", v * 100);
      case AlertRuleSpec::Metric::LatencyMean: return formatLatency(v);
      case AlertRuleSpec::Metric::ConsumerLag: return format("%.0f messages", v);
    }
  }
  return format("%.3g", v);
}

std::string describeFactor(double factor) {
  if (factor >= 1.75 && factor < 2.5) return "doubled";
  if (factor >= 2.5 && factor < 3.5) return "tripled";
  return format("multiplied by %.1f", factor);
}

HealthVerdict assessHealth(const Scenario& scenario, const RunResult& result, const HealthTargets& targets) {
  HealthVerdict v;
  v.busiest = findBottleneck(loadsFromRun(scenario, result));
  if (const EndToEndResult* e2e = result.endToEnd()) {
    v.error_ratio = e2e->error_ratio.mean;
    v.p99_s = e2e->response.quantile_s[3].mean;
  }
  v.error_slo_breached = std::isfinite(v.error_ratio) && v.error_ratio > targets.error_ratio;
  v.latency_slo_breached = std::isfinite(v.p99_s) && v.p99_s > targets.p99_s;

  // Windows after the warm-up.
  const std::size_t windows = result.window_start_s.size();
  std::size_t first = 0;
  while (first < windows && result.window_start_s[first] + 1e-9 < result.warmup_s) ++first;
  const SeriesResult* offered = result.findSeries("end_to_end", "arrival_rate_per_s");
  const SeriesResult* served = result.findSeries("end_to_end", "throughput_per_s");
  const SeriesResult* p99 = result.findSeries("end_to_end", "response_p99_s");

  std::vector<double> servedRatio(windows, kNaN);
  for (std::size_t w = first; w < windows; ++w) {
    const double o = at(offered, w), s = at(served, w);
    if (std::isfinite(o) && std::isfinite(s) && o > 0.0) servedRatio[w] = s / o;
    if (const double q = at(p99, w); std::isfinite(q) && !(v.worst_p99_s >= q)) v.worst_p99_s = q;
  }

  // Outages: runs of windows serving less than kCollapseServedRatio of what was offered. Windows without
  // traffic neither start nor end one.
  std::size_t runStart = windows, bestFrom = windows, bestTo = windows;
  int runLength = 0, bestLength = 0;
  bool collapsedToEnd = false;
  for (std::size_t w = first; w <= windows; ++w) {
    const bool out = w < windows && std::isfinite(servedRatio[w]) && servedRatio[w] < kCollapseServedRatio;
    const bool quiet = w < windows && !std::isfinite(servedRatio[w]);
    if (out) {
      if (runLength == 0) runStart = w;
      ++runLength;
      continue;
    }
    if (quiet) continue;
    if (runLength >= kMinOutageWindows && runLength >= bestLength) {
      bestLength = runLength, bestFrom = runStart, bestTo = w;
      collapsedToEnd = w == windows;
    }
    runLength = 0;
  }
  const double window_s = result.window_s > 0.0 ? result.window_s : 0.0;
  if (bestLength > 0) {
    v.outage_from_s = result.window_start_s[bestFrom];
    v.outage_to_s = bestTo < windows ? result.window_start_s[bestTo] : result.window_start_s[windows - 1] + window_s;
    if (collapsedToEnd) v.collapse_at_s = v.outage_from_s;
  }

  // The worst window: the lowest share of offered traffic served (the first of equals).
  std::size_t worst = windows;
  for (std::size_t w = first; w < windows; ++w)
    if (std::isfinite(servedRatio[w]) && (worst == windows || servedRatio[w] < servedRatio[worst])) worst = w;
  if (worst < windows) {
    v.worst_window_s = result.window_start_s[worst];
    v.worst_served_ratio = servedRatio[worst];
  }

  // Per component.
  for (const Component& component : scenario.components) {
    ComponentHealth h;
    h.name = component.name;
    const SeriesResult* util = result.findSeries(component.name, "utilization");
    for (std::size_t w = first; w < windows; ++w)
      if (const double u = at(util, w); std::isfinite(u) && !(h.worst_utilization >= u)) h.worst_utilization = u;
    const SeriesResult* queue = result.findSeries(component.name, "queue_length");
    h.final_queue_length = windows ? at(queue, windows - 1) : kNaN;
    h.queue_growing = component.type != Component::Type::Delay && queueGrowing(queue, first, windows);
    if (const ComponentResult* r = result.component(component.name)) {
      if (std::isfinite(r->rejection_ratio.mean)) h.rejection_ratio = r->rejection_ratio.mean;
      if (const Estimate* retries = r->feature("retries_per_s"); retries && std::isfinite(retries->mean))
        h.retries_per_s = retries->mean;
    }
    v.components.push_back(std::move(h));
  }

  // The culprit: in an outage, the bottleneck of the worst window; otherwise the whole run's, if saturated;
  // otherwise the component whose queue grows the most.
  const bool outage = std::isfinite(v.outage_from_s);
  const BottleneckVerdict limiting = outage && worst < windows ? windowBottleneck(scenario, result, worst) : v.busiest;
  if (limiting.saturated && limiting.index >= 0) {
    v.culprit = limiting.index;
    v.culprit_reason = limiting.reason == BottleneckReason::QueueFull ? "queue full" : "saturated";
  } else {
    double longest = 0.0;
    for (std::size_t i = 0; i < v.components.size(); ++i)
      if (v.components[i].queue_growing && v.components[i].final_queue_length > longest) {
        longest = v.components[i].final_queue_length;
        v.culprit = static_cast<int>(i);
        v.culprit_reason = "queue growing";
      }
  }

  // Load amplification at the culprit: its arrivals per offered request in the worst window against the
  // healthy windows before it. Retries (and redeliveries) show up here.
  if (v.culprit >= 0 && worst < windows) {
    const std::string& name = scenario.components[static_cast<std::size_t>(v.culprit)].name;
    const SeriesResult* arrivals = result.findSeries(name, "arrival_rate_per_s");
    std::vector<double> baseline;
    for (std::size_t w = first; w < worst; ++w)
      if (servedRatio[w] >= kHealthyServedRatio && at(offered, w) > 0.0) baseline.push_back(at(arrivals, w) / at(offered, w));
    const double base = median(baseline);
    const double now = at(offered, worst) > 0.0 ? at(arrivals, worst) / at(offered, worst) : kNaN;
    if (std::isfinite(base) && base > 0.0 && std::isfinite(now)) v.load_amplification = now / base;
    v.retries_involved = retriedBy(scenario, name);
  }

  // The level.
  bool growing = false;
  for (const ComponentHealth& h : v.components) growing = growing || h.queue_growing;
  if (std::isfinite(v.collapse_at_s))
    v.level = HealthLevel::Collapsed;
  else if (v.error_slo_breached || v.latency_slo_breached || outage)
    v.level = HealthLevel::Degraded;
  else if (v.culprit >= 0 || growing)
    v.level = HealthLevel::Strained;

  // Findings, most important first.
  const std::string culprit = culpritPhrase(v, scenario);
  if (std::isfinite(v.collapse_at_s))
    v.findings.push_back("Served traffic fell below " + formatPercent(kCollapseServedRatio) + " of offered at " +
                         formatSimTime(v.collapse_at_s) + " and did not recover before the end of the run.");
  else if (outage)
    v.findings.push_back("Outage from " + formatSimTime(v.outage_from_s) + " to " + formatSimTime(v.outage_to_s) +
                         ": served traffic below " + formatPercent(kCollapseServedRatio) + " of offered.");
  if (v.error_slo_breached)
    v.findings.push_back(formatPercent(v.error_ratio) + " of requests failed (SLO " + formatPercent(targets.error_ratio) + ").");
  if (v.latency_slo_breached)
    v.findings.push_back("p99 response " + formatLatency(v.p99_s) + " (SLO " + formatLatency(targets.p99_s) + ").");
  else if (std::isfinite(v.worst_p99_s) && v.worst_p99_s > targets.p99_s)
    v.findings.push_back("p99 reached " + formatLatency(v.worst_p99_s) + " in the worst window (SLO " +
                         formatLatency(targets.p99_s) + ").");
  if (!culprit.empty()) {
    const ComponentHealth& h = v.components[static_cast<std::size_t>(v.culprit)];
    std::string s = culprit;
    if (std::isfinite(h.worst_utilization)) s += ", up to " + formatPercent(h.worst_utilization) + " busy";
    if (h.queue_growing) s += ", queue still growing (" + format("%.0f", h.final_queue_length) + " waiting at the end)";
    v.findings.push_back(s + ".");
  }
  if (v.load_amplification >= kAmplificationNoted && v.culprit >= 0)
    v.findings.push_back(std::string(v.retries_involved ? "Retries " : "Load at the bottleneck ") +
                         describeFactor(v.load_amplification) + " the load on " +
                         scenario.components[static_cast<std::size_t>(v.culprit)].name + " (" +
                         format("%.1f", v.load_amplification) + " arrivals per offered request vs the healthy windows).");
  for (std::size_t i = 0; i < v.components.size(); ++i)
    if (v.components[i].queue_growing && static_cast<int>(i) != v.culprit)
      v.findings.push_back(v.components[i].name + " queue still growing (" + format("%.0f", v.components[i].final_queue_length) +
                           " waiting at the end).");

  // The headline: one line for a badge.
  std::vector<std::string> parts;
  if (!culprit.empty()) parts.push_back(culprit);
  if (std::isfinite(v.error_ratio) && (v.error_slo_breached || (v.level == HealthLevel::Collapsed && v.error_ratio > 0)))
    parts.push_back(formatPercent(v.error_ratio) + " errors");
  if (v.latency_slo_breached) parts.push_back("p99 " + formatLatency(v.p99_s));
  if (v.load_amplification >= kAmplificationNoted && v.culprit >= 0)
    parts.push_back(std::string(v.retries_involved ? "retries " : "load ") + describeFactor(v.load_amplification) +
                    " the load");
  std::string head;
  switch (v.level) {
    case HealthLevel::Collapsed: head = "collapsed at " + formatSimTime(v.collapse_at_s); break;
    case HealthLevel::Degraded:
      head = outage ? "outage " + formatSimTime(v.outage_from_s) + "–" + formatSimTime(v.outage_to_s) : "degraded";
      break;
    case HealthLevel::Strained: head = "no headroom"; parts.push_back("SLOs met"); break;
    case HealthLevel::Healthy:
      head = "healthy";
      parts.push_back("SLOs met");
      if (v.busiest.index >= 0 && std::isfinite(v.busiest.utilization))
        parts.push_back("busiest " + scenario.components[static_cast<std::size_t>(v.busiest.index)].name + " " +
                        formatPercent(v.busiest.utilization));
      break;
  }
  v.headline = head;
  for (std::size_t i = 0; i < parts.size(); ++i) v.headline += (i == 0 ? ": " : ", ") + parts[i];
  return v;
}

HealthTargets healthTargetsFor(const Scenario& scenario) {
  HealthTargets t;
  if (scenario.slo) {
    if (scenario.slo->p99_s) t.p99_s = *scenario.slo->p99_s;
    if (scenario.slo->error_ratio) t.error_ratio = *scenario.slo->error_ratio;
  }
  return t;
}

}  // namespace headroom
