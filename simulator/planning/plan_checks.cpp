#include "simulator/planning/plan_checks.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <stdexcept>

#include "simulator/planning/plan_cost.h"
#include "simulator/planning/plan_io.h"
#include "model/units.h"
#include "simulator/simulation.h"

namespace headroom::planning {
namespace {

constexpr double kRateStep_s = 60.0;  // resolution of the window's traffic (the plan's own step is 60 s too)

struct Candidate {
  double at_s = 0.0;  // the moment of interest; the window is centred on it
  std::string why;
};

int replicasAt(const std::vector<ReplicaStep>& path, double t_s) {
  int n = path.empty() ? 0 : path.front().replicas;
  for (const ReplicaStep& s : path) {
    if (s.at_s > t_s) break;
    n = s.replicas;
  }
  return n;
}

std::vector<Candidate> candidates(const Scenario& original, const StepSeries& st, const PlanResult& res, double margin) {
  std::vector<Candidate> out;
  if (res.slo_breach_at_s) out.push_back({*res.slo_breach_at_s, "fluid SLO breach"});
  for (const Runway& r : res.runways)
    if (r.breaks) out.push_back({r.break_at_s, "runway: " + r.component});
  for (const FaultSpec& f : original.faults)
    if (f.at_s < res.horizon_s)
      out.push_back({f.at_s, std::string("fault: ") + faultKindName(f.kind) + (f.component.empty() ? "" : " " + f.component)});
  const std::size_t n = st.p99_s.size();
  if (n == 0) return out;
  // The busiest step of the horizon, then the first step near an objective.
  const auto busiest = static_cast<std::size_t>(std::max_element(st.offered_per_s.begin(), st.offered_per_s.end()) - st.offered_per_s.begin());
  out.push_back({(static_cast<double>(busiest) + 0.5) * st.step_s, "busiest step"});
  const double p99Near = res.slo.p99_s ? (1.0 - margin) * *res.slo.p99_s : INFINITY;
  const double utilNear = res.slo.utilization_threshold - margin;
  for (std::size_t k = 0; k < n; ++k)
    if (st.p99_s[k] >= p99Near || st.utilization_max[k] >= utilNear) {
      out.push_back({(static_cast<double>(k) + 0.5) * st.step_s,
                     st.p99_s[k] >= p99Near ? "fluid p99 near the SLO" : "utilization near the threshold"});
      break;
    }
  // The daily peaks of the busiest days after that, busiest first.
  const auto perDay = static_cast<std::size_t>(std::max(1.0, std::round(86400.0 / st.step_s)));
  std::vector<std::pair<float, std::size_t>> peaks;
  for (std::size_t d = 0; d * perDay < n; ++d) {
    std::size_t best = d * perDay;
    for (std::size_t k = d * perDay; k < std::min(n, (d + 1) * perDay); ++k)
      if (st.offered_per_s[k] > st.offered_per_s[best]) best = k;
    peaks.emplace_back(st.offered_per_s[best], best);
  }
  std::stable_sort(peaks.begin(), peaks.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < peaks.size() && i < 8; ++i)
    out.push_back({(static_cast<double>(peaks[i].second) + 0.5) * st.step_s, "daily peak of a busy day"});
  return out;
}

// The scenario of one window: traffic sampled from the scenario's curves around it (band factor included),
// replicas and nodes as the plan had them at the start of the warm-up, faults shifted into it.
Scenario windowScenario(const Scenario& original, const Scenario& lowered, const PlanResult& res, const PlanOptions& o,
                        double from_s, double warmup_s, double window_s, std::uint64_t seed) {
  Scenario w = original;
  const double length = warmup_s + window_s;
  const double ratio = o.traffic_growth_ratio_per_month;
  for (Source& src : w.sources) {
    RateCurve c;
    c.kind = RateCurve::Kind::Steps;
    for (double t = 0.0; t < length - 1e-9; t += kRateStep_s) {
      const double tm = from_s + t + 0.5 * std::min(kRateStep_s, length - t);
      const double band = bandTrafficFactor(ratio, tm);
      c.steps.push_back({t, src.rate.rateAt(tm) * band});
    }
    src.rate = std::move(c);
  }
  std::vector<int> counts(lowered.components.size(), 0);
  for (std::size_t i = 0; i < lowered.components.size() && i < res.replica_paths.size(); ++i)
    counts[i] = replicasAt(res.replica_paths[i], from_s);
  for (Component& c : w.components) {
    const Component* lc = lowered.findComponent(c.name);
    if (!lc || c.type == Component::Type::Serverless || c.database) continue;
    const auto i = static_cast<std::size_t>(lc - lowered.components.data());
    int n = std::max(1, counts[i]);
    if (c.autoscaling) n = std::clamp(n, c.autoscaling->min_replicas, c.autoscaling->max_replicas);
    c.replicas = n;
  }
  if (w.cluster) {
    const std::vector<int> nodes = nodesForPods(lowered, counts);
    for (std::size_t p = 0; p < w.cluster->node_pools.size() && p < nodes.size(); ++p) {
      NodePoolSpec& pool = w.cluster->node_pools[p];
      pool.initial_nodes = std::clamp(std::max(pool.initial_nodes, nodes[p]), pool.min_nodes, pool.max_nodes);
    }
  }
  std::vector<FaultSpec> faults;
  for (FaultSpec f : w.faults)
    if (f.at_s >= from_s && f.at_s < from_s + length) {
      f.at_s -= from_s;
      faults.push_back(f);
    }
  w.faults = std::move(faults);
  w.simulation.horizon_s = length;
  w.simulation.warmup_s = warmup_s;
  w.simulation.window_s = window_s;
  w.simulation.replications = o.check_replications;
  w.simulation.seed = seed;
  w.simulation.max_requests = 0;
  w.simulation.target_relative_precision = 0.0;
  return w;
}

std::string fmt(const char* f, double a, double b = 0.0, double c = 0.0) {
  char buf[200];
  std::snprintf(buf, sizeof buf, f, a, b, c);
  return buf;
}

// The DES verdicts win over the fluid one where they disagree: the breach date becomes the earliest window the
// DES sees broken when that is before the fluid date, and a fluid breach the DES does not confirm at its own
// window moves to the next DES-confirmed one (or to none, said so).
void applyVerdicts(PlanResult& res) {
  if (!res.slo.p99_s) return;
  std::optional<double> desFirst;
  const WindowCheck* atFluidBreach = nullptr;
  for (const WindowCheck& c : res.checks) {
    if (!c.error.empty() || !c.des_meets_slo) continue;
    if (!*c.des_meets_slo && (!desFirst || c.start_s < *desFirst)) desFirst = c.start_s;
    if (c.why == "fluid SLO breach") atFluidBreach = &c;
  }
  for (const WindowCheck& c : res.checks) {
    if (c.agree || !c.error.empty()) continue;
    res.check_notes.push_back(dayLabel(c.start_s) + " (" + c.why + "): fluid p99 " + fmt("%.4g s", c.fluid_p99_s) +
                              " is outside the request-level " + fmt("%.4g +- %.2g s", c.des_p99_s, c.des_p99_half_width_s) +
                              "; the request-level number is used");
  }
  if (desFirst && (!res.slo_breach_at_s || *desFirst < *res.slo_breach_at_s)) {
    for (const WindowCheck& c : res.checks)
      if (c.start_s == *desFirst && !c.agree) {
        res.check_notes.push_back("end-to-end SLO breach moved " +
                                  (res.slo_breach_at_s ? "from " + dayLabel(*res.slo_breach_at_s) + " " : std::string("")) +
                                  "to " + dayLabel(c.start_s) + ": the request-level p99 there is " +
                                  fmt("%.4g s > %.4g s", c.des_p99_s, *res.slo.p99_s));
        res.slo_breach_at_s = c.start_s;
        res.slo_breach_condition = fmt("p99 %.4g s > %.4g s (request-level check)", c.des_p99_s, *res.slo.p99_s);
        break;
      }
  } else if (atFluidBreach && *atFluidBreach->des_meets_slo && !atFluidBreach->agree) {
    res.check_notes.push_back("the fluid SLO breach at " + dayLabel(*res.slo_breach_at_s) +
                              " is not confirmed by the request-level check there (" +
                              fmt("p99 %.4g s <= %.4g s", atFluidBreach->des_p99_s, *res.slo.p99_s) + ")" +
                              (desFirst ? "; the first window the request level sees broken is " + dayLabel(*desFirst)
                                        : "; no checked window sees it broken"));
    res.slo_breach_at_s = desFirst;
    res.slo_breach_condition = desFirst ? "p99 above the SLO (request-level check)" : "";
  }
}

}  // namespace

void runWindowChecks(const Scenario& original, const Scenario& lowered, const StepSeries& st, PlanResult& res,
                     const PlanOptions& o, Feedback* feedback) {
  if (o.check_windows <= 0 || res.cancelled) return;
  if (!(o.check_window_s >= 60.0) || !(o.check_warmup_s >= 0.0) || o.check_replications < 2)
    throw std::invalid_argument("plan: window checks need check_window_s >= 60, check_warmup_s >= 0 and >= 2 replications");
  const auto started = std::chrono::steady_clock::now();
  const double length = o.check_warmup_s + o.check_window_s;
  // Windows in priority order, none overlapping another (the later candidate is dropped).
  std::vector<std::pair<double, std::string>> chosen;  // start of the measured part, why
  for (const Candidate& c : candidates(original, st, res, o.check_margin)) {
    if (static_cast<int>(chosen.size()) >= o.check_windows) break;
    const double start = std::clamp(c.at_s - 0.5 * o.check_window_s, o.check_warmup_s, std::max(o.check_warmup_s, res.horizon_s - o.check_window_s));
    bool overlaps = false;
    for (const auto& [s, why] : chosen) overlaps = overlaps || std::abs(s - start) < length;
    if (!overlaps) chosen.emplace_back(start, c.why);
  }
  std::sort(chosen.begin(), chosen.end());
  for (std::size_t w = 0; w < chosen.size(); ++w) {
    if (feedback && feedback->isCancelled()) {
      res.cancelled = true;
      break;
    }
    if (feedback) feedback->setProgress(static_cast<double>(w) / chosen.size(), "request-level check " + std::to_string(w + 1));
    const auto t0 = std::chrono::steady_clock::now();
    WindowCheck c;
    c.start_s = chosen[w].first;
    c.duration_s = o.check_window_s;
    double warmup = o.check_warmup_s;
    c.why = chosen[w].second;
    c.replications = o.check_replications;
    // Fluid figures over the measured part [start_s, start_s + duration_s).
    auto fluidOver = [&](WindowCheck& x) {
      const auto k0 = static_cast<std::size_t>(std::max(0.0, std::floor(x.start_s / st.step_s)));
      const auto k1 = std::min(st.p99_s.size(), static_cast<std::size_t>(std::ceil((x.start_s + x.duration_s) / st.step_s)));
      double rate = 0.0, weighted = 0.0, p99Plain = 0.0;
      for (std::size_t k = k0; k < k1; ++k) {
        rate += st.offered_per_s[k];
        weighted += st.offered_per_s[k] * st.p99_s[k];
        p99Plain += st.p99_s[k];
      }
      const double nSteps = static_cast<double>(k1 > k0 ? k1 - k0 : 1);
      x.offered_per_s = rate / nSteps;
      x.fluid_p99_s = rate > 0 ? weighted / rate : p99Plain / nSteps;
    };
    fluidOver(c);
    // Within the request budget: a busy window is simulated shorter (its CI is then wider), still centred on the
    // moment that chose it.
    const double expected = c.offered_per_s * (warmup + c.duration_s) * o.check_replications;
    if (o.check_max_requests > 0 && expected > o.check_max_requests) {
      const double f = o.check_max_requests / expected;
      const double centre = c.start_s + 0.5 * c.duration_s;
      c.duration_s = std::max(std::min(120.0, c.duration_s), c.duration_s * f);
      warmup = std::max(std::min(60.0, warmup), warmup * f);
      c.start_s = std::max(warmup, centre - 0.5 * c.duration_s);
      fluidOver(c);
    }
    try {
      const Scenario ws = windowScenario(original, lowered, res, o, c.start_s - warmup, warmup, c.duration_s,
                                         original.simulation.seed * 1000003ULL + static_cast<std::uint64_t>(w + 1));
      RunOptions ro;
      ro.threads = o.check_threads;
      const RunResult r = runSimulation(ws, ro, feedback);
      if (r.cancelled) {
        res.cancelled = true;
        break;
      }
      const EndToEndResult* e = r.endToEnd();
      if (!e) throw std::invalid_argument("no end-to-end result");
      c.des_p99_s = e->response.quantile_s[3].mean;
      c.des_p99_half_width_s = e->response.quantile_s[3].half_width;
      c.des_error_ratio = e->error_ratio.mean;
      c.des_requests = r.requests;
      c.agree = std::abs(c.fluid_p99_s - c.des_p99_s) <= (std::isfinite(c.des_p99_half_width_s) ? c.des_p99_half_width_s : 0.0);
      if (res.slo.p99_s) {
        c.fluid_meets_slo = c.fluid_p99_s <= *res.slo.p99_s;
        c.des_meets_slo = c.des_p99_s <= *res.slo.p99_s;
      }
    } catch (const std::exception& ex) {
      c.error = ex.what();
    }
    c.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    res.checks.push_back(std::move(c));
  }
  applyVerdicts(res);
  res.checks_wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

}  // namespace headroom::planning
