#include "simulator/simulation.h"

#include "simulator/feature_metrics.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <exception>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "model/database_lowering.h"
#include "model/resource_limits.h"
#include "model/validation.h"
#include "simulator/compiled_model.h"
#include "simulator/hooks/scenario_hooks.h"
#include "simulator/random_stream.h"
#include "simulator/replication.h"

namespace headroom {
namespace {

using Clock = std::chrono::steady_clock;

struct EffectiveSettings {
  std::uint64_t seed;
  int replications;       // fixed count, or the minimum before precision is checked
  int max_replications;   // = replications unless precision-driven
  double horizon_s, warmup_s, window_s;
  std::int64_t max_requests;
  double precision;
  int threads;
};

EffectiveSettings effectiveSettings(const Scenario& s, const RunOptions& o) {
  EffectiveSettings e;
  const auto& sim = s.simulation;
  e.seed = o.seed.value_or(sim.seed);
  e.replications = std::max(1, o.replications.value_or(sim.replications));
  e.horizon_s = o.horizon_s.value_or(sim.horizon_s);
  e.warmup_s = o.warmup_s.value_or(sim.warmup_s);
  e.window_s = o.window_s.value_or(sim.window_s);
  if (e.window_s <= 0) e.window_s = e.horizon_s / 120.0;
  e.window_s = std::max(e.window_s, e.horizon_s / 5000.0);  // bounded memory for the series
  e.max_requests = o.max_requests.value_or(sim.max_requests);
  e.precision = o.target_relative_precision.value_or(sim.target_relative_precision);
  e.max_replications = e.replications;
  if (e.precision > 0) {
    e.replications = std::max(2, e.replications);
    e.max_replications = std::max(e.replications, sim.max_replications);
  }
  const int hw = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  e.threads = std::clamp(o.threads > 0 ? o.threads : hw, 1, e.max_replications);
  return e;
}

// Precision is judged on the end-to-end mean response time (all classes), the headline KPI.
bool precisionReached(const std::vector<std::optional<ReplicationSummary>>& results, int prefix, double target) {
  std::vector<double> samples;
  for (int i = 0; i < prefix; ++i) samples.push_back(results[i]->end_to_end[0][kpi::kE2eResponseMean]);
  const Estimate e = estimateFromSamples(samples);
  return e.n >= 2 && std::isfinite(e.half_width) && e.relativeHalfWidth() <= target;
}

LatencyEstimates latency(const std::vector<const ReplicationSummary*>& reps, bool e2e, std::size_t index, int meanKpi,
                         int q0Kpi) {
  LatencyEstimates out;
  std::vector<double> samples;
  auto collect = [&](int k) {
    samples.clear();
    for (const auto* r : reps) samples.push_back(e2e ? r->end_to_end[index][k] : r->components[index][k]);
    return estimateFromSamples(samples);
  };
  out.mean_s = collect(meanKpi);
  for (int q = 0; q < kNumReportedQuantiles; ++q) out.quantile_s[q] = collect(q0Kpi + q);
  return out;
}

void aggregate(const Scenario& scenario, const CompiledModel& model, const EffectiveSettings& es,
               const std::vector<const ReplicationSummary*>& reps, RunResult& result) {
  std::vector<double> samples;
  auto est = [&](auto&& get) {
    samples.clear();
    for (const auto* r : reps) samples.push_back(get(*r));
    return estimateFromSamples(samples);
  };
  for (std::size_t c = 0; c < model.components.size(); ++c) {
    ComponentResult cr;
    cr.name = model.components[c].name;
    auto k = [&](int id) { return est([&](const ReplicationSummary& r) { return r.components[c][id]; }); };
    cr.arrival_rate_per_s = k(kpi::kArrivalRate);
    cr.throughput_per_s = k(kpi::kThroughput);
    cr.utilization = k(kpi::kUtilization);
    cr.mean_queue_length = k(kpi::kQueueLength);
    cr.mean_in_system = k(kpi::kInSystem);
    cr.rejection_ratio = k(kpi::kRejectionRatio);
    cr.rejections_per_s = k(kpi::kRejectionsPerS);
    cr.timeouts_per_s = k(kpi::kTimeoutsPerS);
    cr.failures_per_s = k(kpi::kFailuresPerS);
    cr.response = latency(reps, false, c, kpi::kResponseMean, kpi::kResponseQ0);
    cr.waiting = latency(reps, false, c, kpi::kWaitMean, kpi::kWaitQ0);
    for (const auto& metric : featureMetrics(model, c)) cr.features.emplace_back(metric.name, est(metric.value));
    result.components.push_back(std::move(cr));
  }
  for (std::size_t i = 0; i <= model.classes.size(); ++i) {
    EndToEndResult er;
    er.request_class = i == 0 ? "all" : model.classes[i - 1];
    auto k = [&](int id) { return est([&](const ReplicationSummary& r) { return r.end_to_end[i][id]; }); };
    er.arrival_rate_per_s = k(kpi::kE2eArrivalRate);
    er.throughput_per_s = k(kpi::kE2eThroughput);
    er.error_ratio = k(kpi::kE2eErrorRatio);
    er.errors_per_s = k(kpi::kE2eErrorsPerS);
    er.response = latency(reps, true, i, kpi::kE2eResponseMean, kpi::kE2eResponseQ0);
    result.end_to_end.push_back(std::move(er));
  }
  // Series: replications stopped by a request count may have fewer windows; missing ones count as gaps.
  int windows = 0;
  for (const auto* r : reps) windows = std::max(windows, r->window_count);
  result.window_s = es.window_s;
  for (int w = 0; w < windows; ++w) result.window_start_s.push_back(w * es.window_s);
  const std::size_t entities = model.components.size() + 1;
  for (std::size_t ent = 0; ent < entities; ++ent) {
    const bool isE2e = ent == model.components.size();
    for (int k = 0; k < kpi::kWindowKpiCount; ++k) {
      if (isE2e && (k == kpi::kWinUtilization || k == kpi::kWinQueueLength || k == kpi::kWinReplicas)) continue;
      // Feature series only where the feature exists.
      if (k == kpi::kWinHitRatio && (isE2e || !model.components[ent].cache)) continue;
      if (k == kpi::kWinThrottledPerS && (isE2e || !(model.components[ent].rate_limit || model.components[ent].serverless))) continue;
      SeriesResult s;
      s.entity = isE2e ? "end_to_end" : model.components[ent].name;
      s.kpi = kpi::kWindowKpiNames[static_cast<std::size_t>(k)];
      for (int w = 0; w < windows; ++w) {
        const Estimate e = est([&](const ReplicationSummary& r) {
          if (w >= r.window_count) return std::numeric_limits<double>::quiet_NaN();
          return r.windows[(static_cast<std::size_t>(w) * entities + ent) * kpi::kWindowKpiCount + k];
        });
        s.mean.push_back(e.mean);
        s.half_width.push_back(e.half_width);
      }
      result.series.push_back(std::move(s));
    }
  }
  // Per class: the kernel's class windows, or with one class the end-to-end series under the class's name.
  const std::size_t classes = model.classes.size();
  for (std::size_t c = 0; c < classes; ++c)
    for (int k = 0; k < kpi::kClassWindowKpiCount; ++k) {
      const std::string name = kpi::kClassWindowKpiNames[static_cast<std::size_t>(k)];
      if (classes == 1) {
        if (const SeriesResult* e = result.findSeries("end_to_end", name)) {
          SeriesResult s = *e;
          s.entity = "class:" + model.classes[c];
          result.class_series.push_back(std::move(s));
        }
        continue;
      }
      SeriesResult s;
      s.entity = "class:" + model.classes[c];
      s.kpi = name;
      for (int w = 0; w < windows; ++w) {
        const Estimate e = est([&](const ReplicationSummary& r) {
          const std::size_t at = (static_cast<std::size_t>(w) * classes + c) * kpi::kClassWindowKpiCount + static_cast<std::size_t>(k);
          return w < r.window_count && at < r.class_windows.size() ? r.class_windows[at] : std::numeric_limits<double>::quiet_NaN();
        });
        s.mean.push_back(e.mean);
        s.half_width.push_back(e.half_width);
      }
      result.class_series.push_back(std::move(s));
    }
  (void)scenario;
}

}  // namespace

RunResult runSimulation(const Scenario& scenario, const RunOptions& options, Feedback* feedback,
                        SimulationObserver* observer) {
  std::vector<ValidationIssue> issues;
  try {
    issues = validateScenario(scenario, feedback);
  } catch (const ValidationCancelled&) {
    RunResult cancelled;  // cancelled before any replication started
    cancelled.scenario_name = scenario.name;
    cancelled.cancelled = true;
    cancelled.stop_reason = "cancelled";
    return cancelled;
  }
  if (!issues.empty()) {
    std::ostringstream msg;
    msg << "scenario '" << scenario.name << "' is invalid:";
    for (const auto& i : issues) msg << "\n  " << i.message();
    throw std::invalid_argument(msg.str());
  }
  const EffectiveSettings es = effectiveSettings(scenario, options);
  if (!(es.horizon_s > 0)) throw std::invalid_argument("simulation horizon must be > 0 s");
  if (!(es.warmup_s < es.horizon_s))
    throw std::invalid_argument("the warm-up (" + std::to_string(es.warmup_s) + " s) must be shorter than the horizon (" +
                                std::to_string(es.horizon_s) + " s): nothing would be observed");
  {
    // The command line may override horizon, window, replications: judge the settings the run will use.
    limits::RunPlan plan;
    plan.horizon_s = es.horizon_s;
    plan.window_s = es.window_s;
    plan.replications = es.max_replications;
    plan.max_requests = es.max_requests;
    if (!(es.horizon_s <= limits::kMaxHorizonS))
      throw std::invalid_argument("simulation horizon must be <= 1e9 s (31 years), got " + std::to_string(es.horizon_s));
    const auto refused = limits::checkRunLimits(scenario, plan);
    if (!refused.empty()) {
      std::string msg = "scenario '" + scenario.name + "' cannot run with these settings:";
      for (const auto& i : refused) msg += "\n  " + i.message();
      throw std::invalid_argument(msg);
    }
  }
  // Databases become plain stations (shards, primaries, replica pools) before anything runs.
  const Scenario lowered = lowerDatabases(scenario);
  const CompiledModel model = compileModel(lowered);
  const auto started = Clock::now();

  ReplicationConfig base;
  base.horizon = secondsToSimTime(es.horizon_s);
  base.warmup = secondsToSimTime(es.warmup_s);
  base.window = secondsToSimTime(es.window_s);
  base.max_requests = es.max_requests;

  const int planned = es.max_replications;
  std::vector<std::optional<ReplicationSummary>> results(static_cast<std::size_t>(planned));
  std::vector<std::atomic<double>> fractions(static_cast<std::size_t>(planned));
  for (auto& f : fractions) f.store(0.0);
  std::atomic<int> next{0};
  std::atomic<int> limit{planned};  // lowered once the precision target is met
  std::atomic<std::uint64_t> eventsDone{0};
  std::atomic<std::int64_t> lastReportNs{0};
  std::mutex mutex;  // guards results bookkeeping and observer callbacks
  int prefix = 0, finished = 0;
  bool precisionMet = false;

  auto report = [&](bool force) {
    const auto nowNs = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - started).count();
    auto last = lastReportNs.load();
    if (!force && nowNs - last < 100'000'000) return;  // at most 10 reports a second
    if (!lastReportNs.compare_exchange_strong(last, nowNs) && !force) return;
    const int total = limit.load();
    double sum = 0;
    for (int i = 0; i < total && i < planned; ++i) sum += fractions[static_cast<std::size_t>(i)].load();
    RunProgress p;
    p.fraction = std::clamp(sum / std::max(1, total), 0.0, 1.0);
    p.replications_total = total;
    p.elapsed_s = static_cast<double>(nowNs) * 1e-9;
    p.remaining_s = p.fraction > 0.01 ? p.elapsed_s * (1.0 - p.fraction) / p.fraction : -1.0;
    p.events = eventsDone.load();
    std::lock_guard lock(mutex);
    p.replications_done = finished;
    if (feedback) feedback->setProgress(p.fraction, "simulating");
    if (observer) observer->onProgress(p);
  };

  auto worker = [&]() {
    for (;;) {
      const int i = next.fetch_add(1);
      if (i >= limit.load() || (feedback && feedback->isCancelled())) return;
      ReplicationConfig cfg = base;
      cfg.index = i;
      cfg.seed = replicationSeed(es.seed, i);
      HookList hooks = scenarioHooks(lowered);  // autoscalers and faults declared in the scenario
      if (options.hooks)
        for (auto& h : options.hooks(lowered, i)) {
          // A null hook would crash the kernel at its first call: refuse it here, on the caller's thread.
          if (!h) throw std::invalid_argument("RunOptions::hooks returned an empty hook for replication " + std::to_string(i));
          hooks.push_back(std::move(h));
        }
      cfg.hooks = &hooks;
      std::uint64_t lastEvents = 0;
      auto progress = [&, i](double fraction, std::uint64_t events) {
        fractions[static_cast<std::size_t>(i)].store(fraction);
        eventsDone.fetch_add(events - lastEvents);
        lastEvents = events;
        report(false);
        return !(feedback && feedback->isCancelled()) && i < limit.load();
      };
      LiveWindowSink live;
      if (i == 0 && observer) live = [observer](const LiveWindow& w) { observer->onLiveWindow(w); };
      ReplicationSummary summary = runReplication(model, cfg, progress, live);
      eventsDone.fetch_add(summary.events - lastEvents);
      if (summary.cancelled) continue;  // cancelled or no longer needed: discard, progress stays where it was
      fractions[static_cast<std::size_t>(i)].store(1.0);
      std::lock_guard lock(mutex);
      results[static_cast<std::size_t>(i)] = std::move(summary);
      ++finished;
      // Extend the completed prefix in replication order; the precision decision only ever looks at a
      // prefix, which is what makes the outcome independent of the thread count and timing.
      while (prefix < planned && results[static_cast<std::size_t>(prefix)]) {
        ++prefix;
        if (es.precision > 0 && !precisionMet && prefix >= es.replications &&
            precisionReached(results, prefix, es.precision)) {
          precisionMet = true;
          limit.store(prefix);
        }
      }
      if (observer) observer->onReplicationFinished(i, std::min(finished, limit.load()), limit.load());
    }
  };

  // An exception in one replication (a hook refusing its spec, say) stops the others and is rethrown here,
  // on the caller's thread, instead of terminating the process from a worker thread.
  std::exception_ptr failure;
  std::mutex failureMutex;
  auto guarded = [&]() {
    try {
      worker();
    } catch (...) {
      std::lock_guard lock(failureMutex);
      if (!failure) failure = std::current_exception();
      limit.store(0);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < es.threads; ++t) pool.emplace_back(guarded);
  guarded();
  for (auto& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);

  RunResult result;
  result.scenario_name = scenario.name;
  result.seed = es.seed;
  result.threads = es.threads;
  result.horizon_s = es.horizon_s;
  result.warmup_s = es.warmup_s;
  result.cancelled = feedback && feedback->isCancelled();
  const int used = precisionMet ? limit.load() : prefix;
  std::vector<const ReplicationSummary*> reps;
  for (int i = 0; i < used; ++i) reps.push_back(&*results[static_cast<std::size_t>(i)]);
  result.replications = static_cast<int>(reps.size());
  for (const auto* r : reps) {
    result.events += r->events;
    result.requests += r->requests;
  }
  if (result.cancelled)
    result.stop_reason = "cancelled";
  else if (es.precision > 0)
    result.stop_reason = precisionMet ? "precision reached" : "precision not reached within max_replications";
  else if (!reps.empty())
    result.stop_reason = reps.front()->stop_reason;
  if (!reps.empty()) {
    aggregate(scenario, model, es, reps, result);
    result.scaling_events = reps.front()->scaling_events;
  }
  result.wall_time_s = std::chrono::duration<double>(Clock::now() - started).count();
  report(true);
  return result;
}

}  // namespace headroom
