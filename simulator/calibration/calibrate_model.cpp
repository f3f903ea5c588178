#include "simulator/calibration/calibrate_model.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "simulator/calibration/bucket_distribution.h"
#include "simulator/calibration/replay.h"
#include "simulator/calibration/series_points.h"
#include "simulator/calibration/service_demand.h"

namespace headroom {

namespace {

using calibration::describe;

std::string shortNumber(double x) {
  char b[32];
  std::snprintf(b, sizeof b, "%g", x);
  return b;
}

double meanOf(const TimeSeries& s) {
  const auto pts = calibration::finitePoints(s);
  double sum = 0;
  for (const auto& p : pts) sum += p.v;
  return pts.empty() ? 0.0 : sum / static_cast<double>(pts.size());
}

struct ProvenanceLog {
  const calibration::ResolvedWindow& window;
  std::vector<ParameterProvenance> entries;
  ParameterProvenance& add(std::string parameter, double value, std::string unit, std::string estimator,
                           std::vector<std::string> series) {
    ParameterProvenance p;
    p.parameter = std::move(parameter);
    p.value = value;
    p.unit = std::move(unit);
    p.estimator = std::move(estimator);
    p.series = std::move(series);
    p.window_from_s = window.from_s;
    p.window_to_s = window.to_s;
    entries.push_back(std::move(p));
    return entries.back();
  }
};

// Busy servers as a series: a busy-workers gauge as is, a utilization times c.
TimeSeries busySeries(const CalibrationRequest& r, int servers) {
  if (r.busy_workers.size()) return r.busy_workers;
  TimeSeries u = calibration::toFraction(r.utilization);
  for (double& v : u.value) v *= servers;
  u.unit = "count";
  return u;
}

// Busy servers implied by the demand at every sample of the first class: Σ X_k S_k + B.
TimeSeries impliedBusy(const CalibrationRequest& r, const MultiClassDemandEstimate& d) {
  TimeSeries out;
  out.name = "sum_k X_k S_k";
  out.unit = "count";
  if (r.classes.empty()) return out;
  std::vector<std::vector<calibration::Point>> xs;
  for (const auto& c : r.classes) xs.push_back(calibration::finitePoints(calibration::toRatePerSecond(c.throughput)));
  const double tol = calibration::medianStep_s(r.classes.front().throughput) / 2.0;
  for (const auto& p : xs.front()) {
    double busy = d.background_busy_servers;
    bool all = true;
    for (std::size_t k = 0; k < xs.size(); ++k) {
      const int i = calibration::nearestIndex(xs[k], p.t_s, tol);
      if (i < 0) {
        all = false;
        break;
      }
      busy += xs[k][static_cast<std::size_t>(i)].v * d.classes[k].service_time_s;
    }
    if (!all) continue;
    out.time_s.push_back(p.t_s);
    out.value.push_back(busy);
  }
  return out;
}

}  // namespace

CalibrationOutcome calibrateScenario(const CalibrationRequest& r) {
  CalibrationOutcome out;
  if (r.classes.empty()) {
    out.error = "no request class given (--class NAME=...)";
    return out;
  }
  if (!r.utilization.size() && !r.busy_workers.size()) {
    out.error = "component '" + r.component + "': neither a utilization nor a busy-workers series was given";
    return out;
  }
  ProvenanceLog prov{r.window, {}};
  std::vector<ClassThroughput> xs;
  for (const auto& c : r.classes) xs.push_back({c.request_class, c.throughput});

  // 1. Concurrency from gauges first: a utilization needs c before it can be fitted.
  ConcurrencyInputs ci;
  ci.busy_workers = r.busy_workers;
  ci.in_flight = r.in_flight;
  ci.given_servers = r.servers;
  out.concurrency = inferConcurrency(ci);
  // 2. Demand. A busy-workers gauge does not need c; a utilization does.
  auto busyAsUtilization = [&](int servers) {
    // busy-workers count -> utilization with the server count (so saturated samples can be recognised)
    TimeSeries u = r.busy_workers;
    for (double& v : u.value) v /= servers;
    u.unit = "ratio";
    return u;
  };
  if (r.busy_workers.size())
    out.demand = out.concurrency.ok
                     ? estimateMultiClassDemand(busyAsUtilization(out.concurrency.servers), xs, out.concurrency.servers)
                     : estimateMultiClassDemand(r.busy_workers, xs, 0);
  else if (out.concurrency.ok)
    out.demand = estimateMultiClassDemand(r.utilization, xs, out.concurrency.servers);
  if (!out.concurrency.ok && out.demand.ok) {
    ci.busy_from_demand = impliedBusy(r, out.demand);
    out.concurrency = inferConcurrency(ci);
    // Refit with c known, so that samples on the saturation plateau are dropped.
    if (out.concurrency.ok && r.busy_workers.size())
      out.demand = estimateMultiClassDemand(busyAsUtilization(out.concurrency.servers), xs, out.concurrency.servers);
  }
  if (!out.concurrency.ok) {
    out.error = "component '" + r.component + "': " + out.concurrency.message;
    return out;
  }
  const int c = out.concurrency.servers;
  if (!out.demand.ok && r.utilization.size()) out.demand = estimateMultiClassDemand(r.utilization, xs, c);
  if (!out.demand.ok) {
    out.error = "component '" + r.component + "': no service demand could be estimated";
    for (const auto& w : out.demand.warnings) out.error += "; " + w;
    return out;
  }
  const std::string busyName = describe(r.busy_workers.size() ? r.busy_workers : r.utilization);

  // 3. Scenario skeleton.
  Scenario& s = out.scenario;
  s.name = r.scenario_name;
  s.description = "Calibrated by headroom-cli calibrate from monitoring series " + calibration::isoTimeText(r.window.from_s) +
                  " .. " + calibration::isoTimeText(r.window.to_s) + "; see the provenance block.";
  Component comp;
  comp.name = r.component;
  comp.type = Component::Type::Service;
  comp.replicas = 1;
  comp.workers_per_replica = c;
  auto& pc = prov.add("components[" + r.component + "].workers_per_replica", c, "servers", out.concurrency.method,
                     out.concurrency.series.empty() ? std::vector<std::string>{} : std::vector<std::string>{out.concurrency.series});
  pc.samples_used = out.concurrency.samples_used;
  pc.notes = out.concurrency.notes;

  const TimeSeries busy = busySeries(r, c);
  TimeSeries utilFraction = busy;
  for (double& v : utilFraction.value) v /= c;
  utilFraction.unit = "ratio";

  double totalRate = 0.0;
  std::vector<double> classRate;
  for (const auto& cl : r.classes) {
    classRate.push_back(meanOf(calibration::toRatePerSecond(cl.throughput)));
    totalRate += classRate.back();
  }
  double weightedMean = 0.0;
  const int dropped = out.demand.points_dropped_gap + out.demand.points_dropped_saturated + out.demand.points_dropped_unpaired;
  for (std::size_t k = 0; k < r.classes.size(); ++k) {
    const ClassObservations& cl = r.classes[k];
    const ClassDemand& d = out.demand.classes[k];
    std::vector<std::string> demandSeries{busyName};
    for (const auto& o : r.classes) demandSeries.push_back(describe(o.throughput));
    auto& pm = prov.add("components[" + r.component + "].service_time_by_class[" + cl.request_class + "].mean",
                       d.service_time_s, "s", "non-negative least squares, utilization law U*c = B + sum_k S_k X_k",
                       demandSeries);
    pm.samples_used = out.demand.points_used;
    pm.samples_dropped = dropped;
    pm.fit_quality = {{"r_squared", out.demand.r_squared},
                      {"std_error_s", d.std_error_s},
                      {"rmse_busy_servers", out.demand.rmse_busy_servers},
                      {"condition_number", out.demand.condition_number}};
    pm.notes = out.demand.warnings;

    // Variability: buckets (measured shape), else percentiles (lognormal), else exponential.
    ClassVariability v;
    v.request_class = cl.request_class;
    Distribution dist = Distribution::exponential(d.service_time_s);
    std::vector<std::string> shapeSeries;
    if (!cl.buckets.empty()) {
      // Only intervals at low utilization: there response time is (nearly) service time. Pooling their counts is
      // what makes the tail trustworthy; a window's own p95/p99 of a few dozen requests is a low-biased order
      // statistic (the cause of a too-small cv from percentiles).
      const auto utilPts = calibration::finitePoints(utilFraction);
      const double tol = calibration::medianStep_s(utilFraction) / 2.0;
      const double maxU = r.max_utilization_for_shape;
      auto lowLoad = [&](double t_s) {
        const int i = calibration::nearestIndex(utilPts, t_s, tol);
        return i >= 0 && utilPts[static_cast<std::size_t>(i)].v < maxU;
      };
      const BucketDistributionEstimate b = distributionFromBuckets(cl.buckets, lowLoad);
      v.notes = b.notes;
      if (!b.ok)
        v.notes.push_back("histogram buckets not used: no counted interval at utilization < " +
                          shortNumber(r.max_utilization_for_shape));
      if (b.ok) {
        dist = scaledToMean(b.distribution, d.service_time_s);
        v.method = "empirical distribution from histogram buckets at utilization < " +
                   shortNumber(r.max_utilization_for_shape) + " (shape), mean from the utilization law";
        v.cv = b.cv;
        v.samples_used = b.samples_used;
        for (const auto& bs : cl.buckets) shapeSeries.push_back(describe(bs));
        v.notes.push_back("bucket mean " + std::to_string(b.mean_s) + " s (response time, includes waiting) scaled to " +
                          std::to_string(d.service_time_s) + " s");
      }
    }
    if (v.method.empty() && cl.p50.size() && (cl.p95.size() || cl.p99.size())) {
      ServiceVariabilityOptions vo;
      vo.max_utilization = r.max_utilization_for_shape;
      const ServiceVariabilityEstimate e = estimateServiceVariability(cl.p50, cl.p95, cl.p99, utilFraction, vo);
      v.notes.insert(v.notes.end(), e.warnings.begin(), e.warnings.end());
      if (e.ok) {
        dist = Distribution::lognormal(d.service_time_s, e.cv);
        v.method = "lognormal cv from p50/p95/p99 at utilization < " + shortNumber(r.max_utilization_for_shape) +
                   ", mean from the utilization law";
        v.cv = e.cv;
        v.samples_used = e.points_used;
        v.fit_r_squared = e.r_squared;
        for (const TimeSeries* q : {&cl.p50, &cl.p95, &cl.p99})
          if (q->size()) shapeSeries.push_back(describe(*q));
      }
    }
    if (v.method.empty()) {
      v.method = "exponential (assumed: no usable latency percentiles or buckets)";
      v.cv = 1.0;
    }
    auto& pv = prov.add("components[" + r.component + "].service_time_by_class[" + cl.request_class + "].cv", v.cv, "ratio",
                       v.method, shapeSeries);
    pv.samples_used = v.samples_used;
    if (v.fit_r_squared != 0.0) pv.fit_quality["r_squared"] = v.fit_r_squared;
    pv.notes = v.notes;
    comp.service_time_by_class[cl.request_class] = dist;
    weightedMean += totalRate > 0 ? classRate[k] / totalRate * d.service_time_s : 0.0;
    out.variability.push_back(std::move(v));

    // Traffic: one open source per class.
    Source src;
    src.name = cl.request_class;
    src.kind = Source::Kind::Open;
    src.entry = r.component;
    src.mix = {{cl.request_class, 1.0}};
    if (r.traffic == CalibrationRequest::Traffic::Replay) {
      src.rate = replayRateCurve(cl.throughput);
      prov.add("sources[" + cl.request_class + "].rate", classRate[k], "1/s", "replay of the observed rate (steps)",
              {describe(cl.throughput)})
          .samples_used = static_cast<int>(calibration::finitePoints(cl.throughput).size());
    } else {
      src.rate.kind = RateCurve::Kind::Constant;
      src.rate.rate_per_s = classRate[k];
      prov.add("sources[" + cl.request_class + "].rate", classRate[k], "1/s", "mean of the observed rate over the window",
              {describe(cl.throughput)})
          .samples_used = static_cast<int>(calibration::finitePoints(cl.throughput).size());
    }
    s.sources.push_back(std::move(src));
    s.request_classes.push_back(cl.request_class);
  }
  comp.service_time = Distribution::exponential(weightedMean > 0 ? weightedMean : out.demand.classes.front().service_time_s);
  if (out.demand.background_busy_servers > 0.05) {
    auto& pb = prov.add("components[" + r.component + "] background busy servers (not modelled)",
                       out.demand.background_busy_servers, "servers", "intercept B of the utilization law (>= 0)",
                       {busyName});
    pb.notes.push_back("work that does not scale with traffic keeps this many servers busy; the scenario does not model "
                       "it, so it over-states capacity by that much");
    out.notes.push_back(pb.notes.back());
  }
  s.components.push_back(std::move(comp));

  // Simulation settings: the observed window, windows as wide as the sampling step.
  const double span = r.window.to_s - r.window.from_s;
  s.simulation.horizon_s = std::isfinite(span) && span > 0 ? span : 3600.0;
  if (r.traffic == CalibrationRequest::Traffic::Replay && r.classes.front().throughput.size())
    s.simulation.horizon_s = replayDuration_s(r.classes.front().throughput);
  const double step = calibration::medianStep_s(r.classes.front().throughput);
  if (step > 0 && s.simulation.horizon_s / step <= 5000) s.simulation.window_s = step;
  s.simulation.warmup_s = 0.0;
  s.provenance = std::move(prov.entries);
  out.ok = true;
  return out;
}

}  // namespace headroom
