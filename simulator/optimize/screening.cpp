#include "simulator/optimize/screening.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "simulator/analytic/scenario_analysis.h"
#include "simulator/optimize/gamma_quantile.h"
#include "simulator/simulation.h"

namespace headroom::optimize {
namespace {

constexpr int kP99 = 3;  // index of 0.99 in kReportedQuantiles
static_assert(kReportedQuantiles[kP99] == 0.99);

std::string formatValue(double x) {
  std::ostringstream out;
  out.precision(4);
  out << x;
  return out.str();
}

}  // namespace

ScreenFigures screenAnalytic(const Scenario& stressed) {
  ScreenFigures f;
  // Round-robin and least-outstanding balancing are screened as a random split: each replica then sees
  // Poisson arrivals (the model applies) and waits at least as long as under the real balancer (pessimistic).
  Scenario s = stressed;
  for (Component& c : s.components) c.balancer = Component::Balancer::Random;
  const AnalyticReport report = analyzeScenario(s);
  if (!report.applicable()) {
    for (const std::string& reason : report.not_applicable)
      if (reason.find("is overloaded") != std::string::npos) {
        f.evaluable = true;
        f.overloaded = true;
        f.p99_ms = std::numeric_limits<double>::infinity();
        f.error_ratio = 1.0;
        f.why = reason;
        return f;
      }
    f.why = report.not_applicable.empty() ? "no analytic model" : report.not_applicable.front();
    return f;
  }
  const std::string all = endToEndEntity();
  f.error_ratio = report.find(all, "error_ratio").value_or(0.0);
  if (auto p99 = report.find(all, "response_p99_s")) {  // single station: exact
    f.evaluable = true;
    f.p99_ms = *p99 * 1000.0;
    return f;
  }
  const double input_per_s = report.find(all, "arrival_rate_per_s").value_or(0.0);
  if (!(input_per_s > 0)) {
    f.why = "no end-to-end arrival rate";
    return f;
  }
  double mean_s = 0.0, variance_s2 = 0.0;
  for (const Component& c : s.components) {
    const auto arrivals = report.find(c.name, "arrival_rate_per_s");
    const auto response = report.find(c.name, "response_mean_s");
    if (!arrivals || !response || !(*arrivals > 0)) continue;
    const double visits = *arrivals / input_per_s;
    const double wait_s = report.find(c.name, "waiting_mean_s").value_or(0.0);
    const double service_s = std::max(0.0, *response - wait_s);
    double wait_var = 0.0;
    if (const auto rho = report.find(c.name, "utilization"); rho && wait_s > 0 && service_s > 0) {
      // M/M/c: given a wait, it is exponential with rate c mu (1 - rho); P(wait) = mean wait x that rate.
      const double theta = c.workers_per_replica / service_s * (1.0 - *rho);
      const double p_wait = std::min(1.0, wait_s * theta);
      wait_var = 2.0 * p_wait / (theta * theta) - wait_s * wait_s;
    }
    const double visit_var = c.service_time.squaredCoefficientOfVariation() * service_s * service_s + wait_var;
    // Visit count: Bernoulli when below one visit, geometric (feedback loops) above.
    const double count_var = visits <= 1.0 ? visits * (1.0 - visits) : visits * (visits - 1.0);
    mean_s += visits * *response;
    variance_s2 += visits * visit_var + count_var * *response * *response;
  }
  if (!(mean_s > 0)) {
    f.why = "no station on the request path";
    return f;
  }
  f.evaluable = true;
  if (!(variance_s2 > 0)) {
    f.p99_ms = mean_s * 1000.0;
    return f;
  }
  const double shape = mean_s * mean_s / variance_s2, scale = variance_s2 / mean_s;
  f.p99_ms = gammaQuantile(0.99, shape, scale) * 1000.0;
  return f;
}

CaseOutcome runDes(const Scenario& stressed, const std::string& case_name, std::uint64_t seed, int replications,
                   int threads, Feedback* feedback) {
  RunOptions options;
  options.seed = seed;
  options.replications = replications;
  options.threads = threads;
  const RunResult run = runSimulation(stressed, options, feedback);
  CaseOutcome o;
  o.stress_case = case_name;
  o.fidelity = Fidelity::Des;
  o.replications = replications;
  const EndToEndResult* e2e = run.endToEnd();
  if (!e2e) {
    o.p99_ms = o.p99_upper_ms = std::numeric_limits<double>::infinity();
    o.error_ratio = o.error_ratio_upper = 1.0;
    return o;
  }
  const Estimate& p99 = e2e->response.quantile_s[kP99];
  const Estimate& errors = e2e->error_ratio;
  o.p99_ms = p99.mean * 1000.0;
  o.p99_upper_ms = (std::isfinite(p99.half_width) ? p99.upper() : p99.mean) * 1000.0;
  o.error_ratio = errors.mean;
  o.error_ratio_upper = std::isfinite(errors.half_width) ? errors.upper() : errors.mean;
  if (!std::isfinite(o.p99_ms)) {
    // No successful request: p99 is undefined, the configuration fails.
    o.p99_ms = o.p99_upper_ms = std::numeric_limits<double>::infinity();
  }
  return o;
}

void judge(CaseOutcome& o, const SloTarget& slo) {
  o.meets_slo = true;
  o.why.clear();
  if (!(o.p99_upper_ms <= slo.p99_ms)) {
    o.meets_slo = false;
    o.why = "p99 " + formatValue(o.p99_upper_ms) + " ms > " + formatValue(slo.p99_ms) + " ms";
  }
  if (slo.error_ratio && !(o.error_ratio_upper <= *slo.error_ratio)) {
    o.meets_slo = false;
    o.why += (o.why.empty() ? "" : "; ") + std::string("errors ") + formatValue(o.error_ratio_upper * 100) + "% > " +
             formatValue(*slo.error_ratio * 100) + "%";
  }
}

}  // namespace headroom::optimize
