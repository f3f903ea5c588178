#include "app/cli_plan_options.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include "simulator/cost/text_file.h"

namespace headroom::cli {



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
    try {
      band = planning::growthBandFromText(*g, "--growth-band " + *g);
    } catch (const std::invalid_argument& e) {
      throw UsageError(std::string("--growth-band: ") + e.what());
    }
  }
  return band;
}

}  // namespace headroom::cli
