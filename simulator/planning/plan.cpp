#include "simulator/planning/plan.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "model/database_lowering.h"
#include "model/units.h"
#include "model/validation.h"
#include "simulator/analytic/markovian_queues.h"
#include "simulator/cost/cost_recorder.h"
#include "simulator/cost/scenario_cost.h"
#include "simulator/planning/plan_checks.h"
#include "simulator/planning/plan_cost.h"
#include "simulator/planning/plan_flow.h"
#include "simulator/planning/plan_scaler.h"
#include "simulator/planning/plan_station.h"
#include "simulator/planning/plan_tracker.h"

namespace headroom::planning {
namespace {

// How far a synchronous wait on a callee stretches the caller's p99 beyond its mean, squared. A wait taken by
// only a share w < 1 of the visits (a branch, a cache miss) is a mixture: its p99 is the callee's quantile at
// 1 - 0.01 / w, whose excess over the mean is ln(100 w) / ln(100) of the p99 excess for an exponential-like
// tail, on top of the (1 - w) of the callee's mean the caller's mean does not carry. w >= 1 calls add as
// independent parts.
double termExcessSq(double w, double mean, double excess) {
  if (w >= 1.0) return w * excess * excess;
  const double tail = std::max(0.0, std::log(100.0 * w) / std::log(100.0));
  const double e = tail > 0 ? (1.0 - w) * mean + tail * excess : 0.0;
  return e * e;
}

struct CompRun {
  std::unique_ptr<ReplicaScaler> scaler;
  double queue = 0.0;
  double lambda = 0.0;
  double hold_s = 0.0;         // what a visit holds a worker for (FCFS) or its CPU demand (PS)
  double response_mean_s = 0.0;  // arrival to answer, including synchronous calls
  double response_p99_s = 0.0;
  double local_p99_s = 0.0;      // the component's own wait and work, without its callees
  double errors_per_s = 0.0;
  double throttled_per_s = 0.0;
  double rejected_per_s = 0.0;
  double pool_errors_per_s = 0.0;
  double pool_util = 0.0;
  double utilization = 0.0;
  double concurrency_util = 0.0;  // serverless: environments in use / limit
  bool saturated = false;
  double queue_before = 0.0;
  int ready = 0;
};

bool isHotShard(const Scenario& lowered, const Scenario& original, const std::string& name) {
  for (const Component& c : original.components)
    if (c.database && c.database->shards > 1 && name.rfind(c.name + "/shard-", 0) == 0) return lowered.findComponent(name) != nullptr;
  return false;
}

}  // namespace

SloSpec effectiveSlo(const Scenario& scenario, const PlanOptions& options) {
  SloSpec s = options.slo ? *options.slo : scenario.slo.value_or(SloSpec{});
  // --slo on the CLI replaces the objectives, not the alert rules the scenario declares.
  if (s.alerts.empty() && scenario.slo) s.alerts = scenario.slo->alerts;
  if (s.alerts.empty()) s.alerts = defaultAlertRules();
  return s;
}

PlanResult runPlan(const Scenario& original, const PlanOptions& options, Feedback* feedback) {
  const auto started = std::chrono::steady_clock::now();
  if (const auto issues = validateScenario(original); !issues.empty())
    throw std::invalid_argument("scenario '" + original.name + "' is invalid: " + issues.front().message());
  if (!(options.horizon_s > 0) || !(options.step_s > 0) || options.step_s > options.horizon_s || !(options.point_interval_s >= options.step_s))
    throw std::invalid_argument("plan: need horizon_s > 0, 0 < step_s <= horizon_s and point_interval_s >= step_s");
  const Scenario sc = lowerDatabases(original);
  PlanResult res;
  res.scenario_name = original.name;
  res.horizon_s = options.horizon_s;
  res.step_s = options.step_s;
  res.point_interval_s = options.point_interval_s;
  res.slo = effectiveSlo(original, options);
  const FlowModel fm = buildFlowModel(sc);
  res.trust_warnings = fm.warnings;
  const std::size_t m = sc.components.size();
  const std::size_t nf = fm.flows.size();
  for (const Component& c : sc.components) res.component_names.push_back(c.name);

  std::vector<CompRun> run(m);
  for (std::size_t i = 0; i < m; ++i) {
    run[i].scaler = std::make_unique<ReplicaScaler>(sc, sc.components[i], res.trust_warnings);
    run[i].ready = run[i].scaler->ready();
  }
  for (const Component& c : sc.components)
    if (c.type == Component::Type::Serverless)
      res.trust_warnings.push_back("component '" + c.name + "': Lambda burst scaling and cold starts are not planned "
                                   "(concurrency is available at once up to the limit)");

  std::vector<bool> hotShard(m);
  for (std::size_t i = 0; i < m; ++i) hotShard[i] = isHotShard(sc, original, sc.components[i].name);
  PlanTracker tracker(sc, original, res, options);
  std::optional<PlanCostRecorder> costRecorder;
  if (options.price_catalog && cost::hasPricing(original)) costRecorder.emplace(original, sc);
  res.replica_paths.resize(m);
  StepSeries series;  // for the window checks
  series.step_s = options.step_s;
  const bool checking = options.check_windows > 0;
  if (checking) {
    series.offered_per_s.reserve(static_cast<std::size_t>(std::ceil(options.horizon_s / options.step_s)));
    series.p99_s.reserve(series.offered_per_s.capacity());
    series.utilization_max.reserve(series.offered_per_s.capacity());
  }
  std::vector<int> billed(m);
  const double dt = options.step_s;
  const auto steps = static_cast<std::int64_t>(std::ceil(options.horizon_s / dt - 1e-9));
  std::vector<double> flowRate(nf), hold(m), holdVar(m), syncMean(m), syncExcess(m);
  std::vector<StepState> state(m);

  const double bandRatio = options.traffic_growth_ratio_per_month;
  if (!(bandRatio > 0) || !std::isfinite(bandRatio)) throw std::invalid_argument("plan: traffic_growth_ratio_per_month must be > 0");
  std::int64_t stepsDone = 0;
  for (std::int64_t k = 0; k < steps; ++k, stepsDone = k) {
    // Poll every step (one relaxed atomic load): a step of a large scenario can take milliseconds.
    if (feedback && feedback->isCancelled()) {
      res.cancelled = true;
      break;
    }
    if (feedback && (k & 1023) == 0) feedback->setProgress(static_cast<double>(k) / steps, "fluid pass");
    const double t0 = k * dt;
    const double tm = t0 + 0.5 * dt;
    double offered = 0.0;
    const double bandFactor = bandTrafficFactor(bandRatio, tm);
    for (std::size_t f = 0; f < nf; ++f) {
      const Source& src = sc.sources[static_cast<std::size_t>(fm.flows[f].source)];
      flowRate[f] = src.rate.rateAt(tm) * fm.flows[f].share * bandFactor;
      offered += flowRate[f];
    }
    for (int ii : fm.order) {
      const auto i = static_cast<std::size_t>(ii);
      const Component& c = sc.components[i];
      CompRun& r = run[i];
      r.ready = r.scaler->ready();
      double lambda = 0.0, holdSum = 0.0, varSum = 0.0, waitSum = 0.0, excessSq = 0.0;
      for (std::size_t f = 0; f < nf; ++f) {
        const FlowDemand& d = fm.demand[i][f];
        const double lf = flowRate[f] * d.visits;
        if (!(lf > 0)) continue;
        double wait = 0.0, ex2 = 0.0;
        for (const SyncTerm& w : d.waits) {
          double best = 0.0, bestEx = 0.0;
          for (int tIdx : w.targets) {
            const auto t = static_cast<std::size_t>(tIdx);
            if (syncMean[t] >= best) {
              best = syncMean[t];
              bestEx = syncExcess[t];
            }
          }
          wait += w.weight * best;
          ex2 += termExcessSq(w.weight, best, bestEx);
        }
        lambda += lf;
        waitSum += lf * wait;
        excessSq += lf * ex2;
        const double local = d.local_mean_s;
        const double ps = c.discipline == Component::Discipline::ProcessorSharing;
        holdSum += lf * (ps ? local : local + wait);
        // The station sees the local variability only: the callees' tails are added as their own terms.
        varSum += lf * d.local_scv * local * local;
      }
      r.lambda = lambda;
      const double waitMean = lambda > 0 ? waitSum / lambda : 0.0;
      double waitExcess = lambda > 0 ? std::sqrt(excessSq / lambda) : 0.0;
      if (lambda > 0) {
        r.hold_s = holdSum / lambda;
        hold[i] = r.hold_s;
        holdVar[i] = varSum / lambda;
      } else {
        // No traffic: keep the last demand (or the plain service time) for capacity figures.
        if (!(r.hold_s > 0)) r.hold_s = c.service_time.mean();
      }
      const double scv = r.hold_s > 0 && lambda > 0 ? holdVar[i] / (r.hold_s * r.hold_s) : 1.0;

      // Admission: token buckets per client key, heavy and light keys apart (fluid: bursts ignored).
      r.throttled_per_s = 0.0;
      if (c.rate_limit && lambda > 0) {
        const RateLimitSpec& rl = *c.rate_limit;
        const int heavy = static_cast<int>(std::lround(rl.clients * rl.heavy_client_fraction));
        const int light = rl.clients - heavy;
        const double hs = heavy > 0 ? rl.heavy_traffic_share : 0.0;
        if (heavy > 0) r.throttled_per_s += heavy * std::max(0.0, lambda * hs / heavy - rl.rate_per_s);
        if (light > 0) r.throttled_per_s += light * std::max(0.0, lambda * (1.0 - hs) / light - rl.rate_per_s);
      }
      const double admitted = lambda - r.throttled_per_s;

      // Connection pools: connections in use per caller replica by Little's law on the calls through them.
      r.pool_util = 0.0;
      r.pool_errors_per_s = 0.0;
      double poolCap = 0.0, poolWaitMean = 0.0, poolExcessSq = 0.0;
      for (const PoolUse& p : fm.pools[i]) {
        double callRate = 0.0;
        for (std::size_t f = 0; f < nf; ++f) callRate += flowRate[f] * fm.demand[i][f].visits * p.calls_per_visit[f];
        const double inUse = callRate * syncMean[static_cast<std::size_t>(p.target)];
        const double capacityConns = std::max(1, r.ready) * static_cast<double>(p.size);
        const double u = inUse / capacityConns;
        r.pool_util = std::max(r.pool_util, u);
        if (u < 1.0 && callRate > 0 && syncMean[static_cast<std::size_t>(p.target)] > 0) {
          // Below exhaustion a pool is an M/M/c queue of the replica's calls (c = its size, service = the
          // callee's response): the checkout wait is held on the caller's worker.
          const double perReplica = callRate / std::max(1, r.ready);
          const double mu = 1.0 / syncMean[static_cast<std::size_t>(p.target)];
          const double erlangC = analytic::erlangC(p.size, perReplica / mu);
          const double theta = p.size * mu - perReplica;
          const double wq = erlangC / theta;
          const double wq99 = erlangC > 0.01 ? std::log(erlangC / 0.01) / theta : 0.0;
          const double callsPerVisit = lambda > 0 ? callRate / lambda : 0.0;
          if (c.discipline == Component::Discipline::FCFS) r.hold_s += callsPerVisit * wq;
          poolWaitMean += callsPerVisit * wq;
          poolExcessSq += termExcessSq(callsPerVisit, wq, std::max(0.0, wq99 - wq));
        }
        if (u > 1.0 && admitted > 0) {
          const double through = admitted / u;
          if (p.max_wait_s <= 0)
            r.pool_errors_per_s = std::max(r.pool_errors_per_s, admitted - through);
          else
            poolCap = poolCap > 0 ? std::min(poolCap, through) : through;
        }
      }

      waitExcess = std::sqrt(waitExcess * waitExcess + poolExcessSq);
      StationOutput st;
      r.concurrency_util = 0.0;
      r.rejected_per_s = 0.0;
      r.queue_before = r.queue;
      if (c.type == Component::Type::Serverless) {
        const double limit = c.serverless ? c.serverless->concurrency_limit : 1000;
        const double conc = admitted * r.hold_s;
        r.concurrency_util = conc / limit;
        r.rejected_per_s = std::max(0.0, admitted - limit / std::max(r.hold_s, 1e-12));
        st.utilization = std::min(1.0, r.concurrency_util);
        st.response_mean_s = r.hold_s;
        st.response_p99_s = holdP99(r.hold_s, scv);
        r.ready = static_cast<int>(std::ceil(std::min(conc, limit)));
      } else {
        StationInput in;
        in.arrivals_per_s = admitted;
        in.replicas = r.ready;
        if (c.type == Component::Type::Topic && c.topic) in.replicas = std::min(r.ready, c.topic->partitions);
        in.servers_per_replica = c.workers_per_replica;
        in.hold_mean_s = r.hold_s;
        in.hold_scv = scv;
        in.processor_sharing = c.discipline == Component::Discipline::ProcessorSharing;
        in.infinite_servers = c.type == Component::Type::Delay;
        in.queue_capacity_per_replica = c.type == Component::Type::Topic ? std::nullopt : c.queue_capacity;
        in.throughput_cap_per_s = poolCap;
        in.queue = r.queue;
        in.step_s = dt;
        st = evaluateStation(in);
        r.queue = st.fluid_queue;
        r.rejected_per_s = st.rejections_per_s;
      }
      r.utilization = st.utilization;
      r.saturated = st.saturated;
      r.local_p99_s = st.response_p99_s;
      const double psCalls = c.discipline == Component::Discipline::ProcessorSharing ? waitMean + poolWaitMean : 0.0;
      r.response_mean_s = st.response_mean_s + psCalls;
      const double localExcess = std::max(0.0, st.response_p99_s - st.response_mean_s);
      // Tails of independent parts: root-sum-square of their excesses over the mean (exact for one part).
      const double calleeExcess = c.discipline == Component::Discipline::ProcessorSharing ? waitExcess : 0.0;
      r.response_p99_s = r.response_mean_s + std::sqrt(localExcess * localExcess + calleeExcess * calleeExcess);
      if (c.discipline != Component::Discipline::ProcessorSharing && waitExcess > 0) {
        // FCFS: the hold already carries the callees' means; their tails add to the local one.
        r.response_p99_s = r.response_mean_s + std::sqrt(localExcess * localExcess + waitExcess * waitExcess);
      }
      r.errors_per_s = r.throttled_per_s + r.rejected_per_s + r.pool_errors_per_s + c.error_ratio * std::max(0.0, admitted - r.rejected_per_s);
      syncMean[i] = c.type == Component::Type::Topic && c.topic ? c.topic->publish_time.mean() : r.response_mean_s;
      syncExcess[i] = c.type == Component::Type::Topic ? 0.0 : std::max(0.0, r.response_p99_s - r.response_mean_s);
    }

    // End to end, per flow: the route (entry and `next` hops) in sequence; a request fails when any visit fails.
    double e2eMean = 0.0, e2eP99 = 0.0, e2eErr = 0.0, total = 0.0;
    for (std::size_t f = 0; f < nf; ++f) {
      if (!(flowRate[f] > 0)) continue;
      double mean = 0.0, ex2 = 0.0, logOk = 0.0;
      for (std::size_t i = 0; i < m; ++i) {
        const FlowDemand& d = fm.demand[i][f];
        if (d.route_visits > 0) {
          mean += d.route_visits * run[i].response_mean_s;
          const double ex = run[i].response_p99_s - run[i].response_mean_s;
          ex2 += d.route_visits * ex * ex;
        }
        if (d.visits > 0 && run[i].lambda > 0) {
          const double fail = std::clamp(run[i].errors_per_s / run[i].lambda, 0.0, 1.0);
          logOk += d.visits * std::log(std::max(1e-300, 1.0 - fail));
        }
      }
      e2eMean += flowRate[f] * mean;
      e2eP99 = std::max(e2eP99, mean + std::sqrt(ex2));
      e2eErr += flowRate[f] * (1.0 - std::exp(logOk));
      total += flowRate[f];
    }
    if (total > 0) {
      e2eMean /= total;
      e2eErr /= total;
    }

    for (std::size_t i = 0; i < m; ++i) {
      const CompRun& r = run[i];
      StepState& s = state[i];
      s.offered_per_s = r.lambda;
      s.utilization = r.utilization;
      s.queue = r.queue > 0 ? r.queue : 0.0;
      s.queue_growing = r.saturated && r.queue > r.queue_before + 1e-9;
      s.response_mean_s = r.response_mean_s;
      s.response_p99_s = r.response_p99_s;
      s.local_p99_s = r.local_p99_s;
      s.errors_per_s = r.errors_per_s;
      s.throttled_per_s = r.throttled_per_s;
      s.rejected_per_s = r.rejected_per_s;
      s.pool_util = r.pool_util;
      s.concurrency_util = r.concurrency_util;
      s.hold_s = r.hold_s;
      s.ready = r.ready;
      s.autoscaled = r.scaler->autoscaled();
      s.at_cap = r.scaler->atCap();
      s.node_capped = r.scaler->nodeCapped();
      s.max_replicas = r.scaler->maxReplicas();
      s.hot_shard = hotShard[i];
    }
    tracker.step(t0, dt, offered, e2eMean, e2eP99, e2eErr, state);
    for (std::size_t i = 0; i < m; ++i) {
      // Replicas that exist (ready or starting) are what is paid; a function's environments in use.
      billed[i] = sc.components[i].type == Component::Type::Serverless ? run[i].ready : run[i].scaler->desired();
      auto& path = res.replica_paths[i];
      if (path.empty() || path.back().replicas != billed[i]) path.push_back({t0, billed[i]});
    }
    if (costRecorder) costRecorder->step(t0, dt, offered, state, billed);
    if (checking) {
      double umax = 0.0;
      for (const StepState& x : state) umax = std::max(umax, x.utilization);
      series.offered_per_s.push_back(static_cast<float>(offered));
      series.p99_s.push_back(static_cast<float>(e2eP99));
      series.utilization_max.push_back(static_cast<float>(umax));
    }

    for (std::size_t i = 0; i < m; ++i) {
      CompRun& r = run[i];
      const Component& c = sc.components[i];
      ScalerMetrics sm;
      sm.utilization = r.utilization;
      sm.arrivals_per_s = r.lambda;
      sm.waiting = r.queue > 0 ? r.queue : 0.0;
      sm.in_system = sm.waiting + r.utilization * std::max(0, r.ready) * c.workers_per_replica;
      r.scaler->advance(t0 + dt, sm);
    }
  }
  tracker.finish();
  if (costRecorder) {
    const double end = res.cancelled ? std::max(dt, static_cast<double>(stepsDone) * dt) : std::min(options.horizon_s, steps * dt);
    res.cost = costRecorder->finish(end, {options.price_catalog, options.priced_on.empty() ? cost::todayUtc() : options.priced_on});
  }
  res.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (checking) runWindowChecks(original, sc, series, res, options, feedback);
  if (feedback) feedback->setProgress(1.0, "done");
  return res;
}

}  // namespace headroom::planning
