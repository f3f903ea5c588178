#include "app/traffic_edits.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "app/cli_args.h"

namespace headroom::cli {

void scaleTraffic(Scenario& s, double factor) {
  if (!(factor > 0) || !std::isfinite(factor)) throw UsageError("--scale-traffic must be a number > 0");
  for (auto& src : s.sources) {
    if (src.kind == Source::Kind::Closed) {
      src.population = std::max(1, static_cast<int>(std::lround(src.population * factor)));
      continue;
    }
    RateCurve& r = src.rate;
    r.rate_per_s *= factor;
    for (auto& st : r.steps) st.rate_per_s *= factor;
    r.slope_per_s_per_day *= factor;
    r.floor_per_s *= factor;
    r.ceiling_per_s *= factor;
  }
}

void setSourceRate(Scenario& s, const std::string& spec) {
  const auto eq = spec.find('=');
  if (eq == std::string::npos) throw UsageError("--rate '" + spec + "': expected SOURCE=REQUESTS_PER_S");
  const std::string name = spec.substr(0, eq), value = spec.substr(eq + 1);
  char* end = nullptr;
  const double rate = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || !(rate >= 0) || !std::isfinite(rate))
    throw UsageError("--rate " + spec + ": '" + value + "' is not a rate >= 0 (requests per second)");
  for (auto& src : s.sources) {
    if (src.name != name) continue;
    if (src.kind != Source::Kind::Open) throw UsageError("--rate " + spec + ": source '" + name + "' is closed (it has a population, not a rate)");
    RateCurve r = RateCurve::constant(rate);
    r.daily = src.rate.daily;
    r.weekly = src.rate.weekly;
    r.spikes = src.rate.spikes;
    r.start_hour = src.rate.start_hour;
    r.start_weekday = src.rate.start_weekday;
    src.rate = r;
    return;
  }
  std::string names;
  for (const auto& src : s.sources) names += (names.empty() ? "" : ", ") + src.name;
  throw UsageError("--rate " + spec + ": no source named '" + name + "' (sources: " + names + ")");
}

}  // namespace headroom::cli
