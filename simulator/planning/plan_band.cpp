#include "simulator/planning/plan_band.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "model/units.h"
#include "simulator/planning/plan.h"
#include "simulator/planning/plan_tracker.h"

namespace headroom::planning {

double bandTrafficFactor(double ratio_per_month, double t_s) {
  return ratio_per_month == 1.0 ? 1.0 : std::pow(ratio_per_month, t_s / kSecondsPerMonth);
}

GrowthBand growthBandFromText(const std::string& text, const std::string& source) {
  GrowthBand b;
  double* v[3] = {&b.p10_percent_per_month, &b.p50_percent_per_month, &b.p90_percent_per_month};
  std::size_t at = 0;
  for (int i = 0; i < 3; ++i) {
    const auto comma = text.find(',', at);
    if ((i < 2) != (comma != std::string::npos))
      throw std::invalid_argument("'" + text + "': expected P10,P50,P90 (% per month, e.g. 4,8,12)");
    std::string part = text.substr(at, i < 2 ? comma - at : std::string::npos);
    while (!part.empty() && part.front() == ' ') part.erase(part.begin());
    while (!part.empty() && (part.back() == ' ' || part.back() == '%')) part.pop_back();
    char* end = nullptr;
    *v[i] = std::strtod(part.c_str(), &end);
    if (part.empty() || *end != '\0' || !std::isfinite(*v[i])) throw std::invalid_argument("'" + part + "' is not a number");
    at = comma + 1;
  }
  b.source = source;
  return b;
}

namespace {

// z of the 90th percentile over z of the 97.5th: a 95% half-width scaled to the 80% one.
constexpr double kZ90OverZ975 = 1.2815515655446004 / 1.959963984540054;

std::optional<double> breakOf(const PlanResult& p, const std::string& component) {
  for (const Runway& r : p.runways)
    if (r.component == component && r.breaks) return r.break_at_s;
  return std::nullopt;
}

// Forwards a pass's progress into its third of the whole and the host's cancel into the pass.
class ThirdFeedback {
 public:
  ThirdFeedback(Feedback* parent, int index, const char* label) {
    if (!parent) return;
    child_.setProgressCallback([this, parent, index, label](double f, const std::string&) {
      if (parent->isCancelled()) child_.cancel();
      parent->setProgress((index + f) / 3.0, std::string("fluid pass, ") + label + " traffic");
    });
    if (parent->isCancelled()) child_.cancel();
  }
  Feedback* get(Feedback* parent) { return parent ? &child_ : nullptr; }

 private:
  Feedback child_;
};

}  // namespace

PlanResult runPlanBand(const Scenario& scenario, const PlanOptions& options, const GrowthBand& band, Feedback* feedback) {
  const std::array<double, 3> pct{band.p10_percent_per_month, band.p50_percent_per_month, band.p90_percent_per_month};
  for (double v : pct)
    if (!std::isfinite(v) || !(v > -100.0)) throw std::invalid_argument("plan: a growth band rate must be a number above -100%");
  if (!(pct[0] <= pct[1] && pct[1] <= pct[2]))
    throw std::invalid_argument("plan: the growth band must be ordered p10 <= p50 <= p90 (% per month)");
  const char* labels[3] = {"P10", "P50", "P90"};
  std::array<PlanResult, 3> runs;
  for (int q = 0; q < 3; ++q) {
    PlanOptions o = options;
    o.traffic_growth_ratio_per_month = (1.0 + pct[static_cast<std::size_t>(q)] / 100.0) / (1.0 + pct[1] / 100.0);
    if (q != 1) o.check_windows = 0;  // request-level checks on the P50 path only
    ThirdFeedback third(feedback, q, labels[q]);
    runs[static_cast<std::size_t>(q)] = runPlan(scenario, o, third.get(feedback));
    if (runs[static_cast<std::size_t>(q)].cancelled) {
      PlanResult partial = std::move(runs[static_cast<std::size_t>(q)]);
      partial.cancelled = true;
      return partial;
    }
  }
  PlanResult out = std::move(runs[1]);
  PlanBand b;
  b.growth = band;
  for (const Runway& r : out.runways) {
    RunwayBand rb;
    rb.component = r.component;
    // More traffic breaks earlier: the P90 path gives the early (P10) date.
    rb.break_at_s_p10 = breakOf(runs[2], r.component);
    rb.break_at_s_p50 = r.breaks ? std::optional<double>(r.break_at_s) : std::nullopt;
    rb.break_at_s_p90 = breakOf(runs[0], r.component);
    rb.reason_p50 = bindingReasonName(r.reason);
    if (!r.breaks)
      for (const Runway& e : runs[2].runways)
        if (e.component == r.component && e.breaks) rb.reason_p50 = bindingReasonName(e.reason);
    b.runways.push_back(std::move(rb));
  }
  b.slo_breach_at_s_p10 = runs[2].slo_breach_at_s;
  b.slo_breach_at_s_p50 = out.slo_breach_at_s;
  b.slo_breach_at_s_p90 = runs[0].slo_breach_at_s;
  if (out.cost && runs[0].cost && runs[2].cost) {
    for (std::size_t m = 0; m < out.cost->months.size(); ++m) {
      std::array<const PlanMonthCost*, 3> mc{&runs[0].cost->months.at(m), &out.cost->months[m], &runs[2].cost->months.at(m)};
      std::array<double, 3> usd{mc[0]->usd, mc[1]->usd, mc[2]->usd};
      std::sort(usd.begin(), usd.end());
      const double f = 730.0 * 3600.0 / (out.cost->months[m].end_s - out.cost->months[m].start_s);  // to a 730 h month
      MonthCostBand x;
      x.month = static_cast<int>(m);
      x.partial = out.cost->months[m].partial;
      x.usd_p10 = usd[0];
      x.usd_p50 = usd[1];
      x.usd_p90 = usd[2];
      x.usd_per_month_p10 = usd[0] * f;
      x.usd_per_month_p50 = usd[1] * f;
      x.usd_per_month_p90 = usd[2] * f;
      b.cost_by_month.push_back(x);
    }
  }
  out.band = std::move(b);
  for (int q : {0, 2})
    out.wall_time_s += runs[static_cast<std::size_t>(q)].wall_time_s;
  return out;
}

GrowthBand growthBandFromFitJson(const std::string& text, const std::string& origin) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw std::invalid_argument(origin + ": not JSON (" + e.what() + ")");
  }
  if (!j.is_object()) throw std::invalid_argument(origin + ": expected the JSON object `headroom-cli fit-traffic --json` writes");
  if (j.contains("refused"))
    throw std::invalid_argument(origin + ": the fit estimated no growth: " + j["refused"].get<std::string>());
  const auto it = j.find("growth_percent_per_month");
  if (it == j.end() || !it->is_array() || it->size() != 3 || !(*it)[0].is_number() || !(*it)[1].is_number() || !(*it)[2].is_number())
    throw std::invalid_argument(origin + ": growth_percent_per_month: expected [mean, lower95, upper95] (fit-traffic --json)");
  const double mean = (*it)[0].get<double>(), lo = (*it)[1].get<double>(), hi = (*it)[2].get<double>();
  if (!(lo <= mean && mean <= hi))
    throw std::invalid_argument(origin + ": growth_percent_per_month: expected lower95 <= mean <= upper95");
  GrowthBand b;
  b.p50_percent_per_month = mean;
  b.p10_percent_per_month = mean - (mean - lo) * kZ90OverZ975;
  b.p90_percent_per_month = mean + (hi - mean) * kZ90OverZ975;
  char buf[200];
  std::snprintf(buf, sizeof buf, "%s: %s growth %+.2f%%/month (95%% CI %+.2f .. %+.2f)", origin.c_str(),
                j.value("trend", std::string("compound")).c_str(), mean, lo, hi);
  b.source = buf;
  return b;
}

}  // namespace headroom::planning
