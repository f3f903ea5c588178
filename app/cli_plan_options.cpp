#include "app/cli_plan_options.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>

#include "simulator/cost/text_file.h"

namespace headroom::cli {

namespace {

planning::GrowthBand parseGrowthBand(const std::string& text) {
  planning::GrowthBand b;
  double* v[3] = {&b.p10_percent_per_month, &b.p50_percent_per_month, &b.p90_percent_per_month};
  std::size_t at = 0;
  for (int i = 0; i < 3; ++i) {
    const auto comma = text.find(',', at);
    if ((i < 2) != (comma != std::string::npos)) throw UsageError("--growth-band '" + text + "': expected P10,P50,P90 (% per month, e.g. 4,8,12)");
    std::string part = text.substr(at, i < 2 ? comma - at : std::string::npos);
    if (!part.empty() && part.back() == '%') part.pop_back();
    char* end = nullptr;
    *v[i] = std::strtod(part.c_str(), &end);
    if (part.empty() || *end != '\0' || !std::isfinite(*v[i])) throw UsageError("--growth-band: '" + part + "' is not a number");
    at = comma + 1;
  }
  b.source = "--growth-band " + text;
  return b;
}

}  // namespace


void readPlanHorizonAndChecks(const Args& a, planning::PlanOptions& opt) {
  const auto months = a.number("months");
  const auto days = a.number("days");
  if (months && days) throw UsageError("give --months or --days, not both");
  if (months) opt.horizon_s = *months * 30.0 * 86400.0;
  if (days) opt.horizon_s = *days * 86400.0;
  if (!(opt.horizon_s > 0) || opt.horizon_s > 10 * 365 * 86400.0) throw UsageError("the horizon must be > 0 and at most 10 years");
  if (auto st = a.number("step-s")) {
    if (!(*st >= 1.0 && *st <= 3600.0)) throw UsageError("--step-s must be in [1, 3600]");
    opt.step_s = *st;
  }
  opt.point_interval_s = opt.horizon_s > 62 * 86400.0 ? 86400.0 : 3600.0;  // hourly up to two months, then daily
  if (auto p = a.number("point-s")) opt.point_interval_s = *p;
  if (!(opt.point_interval_s >= opt.step_s)) throw UsageError("--point-s must be >= --step-s");
  opt.check_windows = planning::kRecommendedCheckWindows;
  if (auto n = a.number("check-windows")) {
    if (!(*n >= 0 && *n <= 100 && std::floor(*n) == *n)) throw UsageError("--check-windows must be an integer in [0, 100]");
    opt.check_windows = static_cast<int>(*n);
  }
  if (auto n = a.number("check-replications")) {
    if (!(*n >= 2 && *n <= 100 && std::floor(*n) == *n)) throw UsageError("--check-replications must be an integer in [2, 100]");
    opt.check_replications = static_cast<int>(*n);
  }
  if (auto n = a.number("threads")) opt.check_threads = static_cast<int>(std::max(0.0, *n));
  if (a.flag("no-checks")) opt.check_windows = 0;
}


std::optional<planning::GrowthBand> readGrowthBand(const Args& a) {
  std::optional<planning::GrowthBand> band;
  if (auto f = a.value("traffic")) band = planning::growthBandFromFitJson(cost::readTextFile(*f, "traffic fit (fit-traffic --json output)"), *f);
  if (auto g = a.value("growth-band")) {
    if (band) throw UsageError("give --traffic or --growth-band, not both");
    band = parseGrowthBand(*g);
  }
  return band;
}

}  // namespace headroom::cli
