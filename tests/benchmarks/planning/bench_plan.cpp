// Benchmark of the capacity planner: a 12-month plan of a 10-component stack with autoscaling (target: under
// 10 s on 2 cores), and how the wall time grows with the horizon and the component count. Prints ratios; not a
// test (see docs/benchmarks.md).
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>

#include "simulator/cost/price_catalog.h"
#include "simulator/planning/plan.h"

using namespace headroom;

namespace {

// A chain of `n` services behind an entry: every third one autoscaled by an HPA on CPU, the others fixed;
// traffic +8% a month with a daily cycle.
Scenario stack(int n) {
  Scenario s;
  s.name = "bench-plan-" + std::to_string(n);
  Source src;
  src.name = "users";
  src.entry = "svc0";
  src.rate.kind = RateCurve::Kind::Compound;
  src.rate.rate_per_s = 200;
  src.rate.growth_percent = 8;
  src.rate.growth_period_s = 30 * 86400.0;
  src.rate.daily.enabled = true;
  src.rate.daily.amplitude = 0.5;
  src.rate.daily.peak_hour = 19;
  s.sources.push_back(src);
  for (int i = 0; i < n; ++i) {
    Component c;
    c.name = "svc" + std::to_string(i);
    c.replicas = 4;
    c.workers_per_replica = 8;
    c.service_time = Distribution::lognormal(0.004 + 0.002 * (i % 4), 0.8);
    if (i + 1 < n) {
      Step call;
      call.kind = Step::Kind::Call;
      call.calls.emplace_back("svc" + std::to_string(i + 1));
      Behaviour b;
      b.steps.push_back(call);
      c.behaviour[kAnyClass] = b;
    }
    if (i % 3 == 0) {
      AutoscalingSpec a;
      a.min_replicas = 2;
      a.max_replicas = 40;
      a.metrics.push_back({HpaMetricTarget::Type::CpuUtilization, 60});
      c.autoscaling = a;
    }
    s.components.push_back(c);
  }
  return s;
}

double secondsFor(int components, double days) {
  planning::PlanOptions o;
  o.horizon_s = days * 86400.0;
  o.point_interval_s = 86400.0;
  // CPU time of this (single-threaded) process: the VM is shared, so wall time overstates the cost under load.
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  const planning::PlanResult p = planning::runPlan(stack(components), o);
  const double s = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("  %2d components, %5.0f days: %7.3f s CPU (%.3f s wall)  (first to break: %s)\n", components, days, s, wall,
              p.first_to_break.empty() ? "none" : p.first_to_break.c_str());
  return s;
}

}  // namespace

int main() {
  std::printf("Capacity planner, 60 s steps\n");
  const double year10 = secondsFor(10, 360);
  std::printf("12-month plan of 10 components: %.3f s (budget 10 s): %s\n\nHorizon (10 components):\n", year10,
              year10 < 10 ? "OK" : "OVER BUDGET");
  const double m1 = secondsFor(10, 30), m3 = secondsFor(10, 90), m6 = secondsFor(10, 180);
  std::printf("  ratios to 1 month: 3 months %.2f, 6 months %.2f, 12 months %.2f\n\nComponents (12 months):\n", m3 / m1,
              m6 / m1, year10 / m1);
  const double c5 = secondsFor(5, 360), c20 = secondsFor(20, 360), c40 = secondsFor(40, 360);
  std::printf("  ratios to 5 components: 10 %.2f, 20 %.2f, 40 %.2f\n", year10 / c5, c20 / c5, c40 / c5);

  // The same 12-month plan priced per billing month (every component on m6i.large), then with the CLI's default
  // request-level checks of 6 windows, whose time is reported apart from the fluid pass.
  Scenario priced = stack(10);
  for (Component& c : priced.components) {
    PricingSpec p;
    p.instance_type = "m6i.large";
    c.pricing = p;
  }
  const cost::PriceCatalog catalog = cost::builtinCatalog();
  planning::PlanOptions o;
  o.horizon_s = 360 * 86400.0;
  o.point_interval_s = 86400.0;
  o.price_catalog = &catalog;
  o.priced_on = "2026-12-02";
  std::clock_t c0 = std::clock();
  const planning::PlanResult withCost = planning::runPlan(priced, o);
  std::printf("\n12 months, 10 components, priced: %.3f s CPU (%zu billing months, %.2f USD)\n",
              static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC, withCost.cost ? withCost.cost->months.size() : 0,
              withCost.cost ? withCost.cost->total_usd : 0.0);
  o.check_windows = 6;
  o.check_threads = 2;
  const planning::PlanResult checked = planning::runPlan(priced, o);
  std::uint64_t requests = 0;
  for (const auto& c : checked.checks) requests += c.des_requests;
  std::printf("  + request-level checks: fluid pass %.3f s wall, checks %.3f s wall (%zu windows, %llu requests simulated)\n",
              checked.wall_time_s, checked.checks_wall_time_s, checked.checks.size(), static_cast<unsigned long long>(requests));
  return 0;
}
