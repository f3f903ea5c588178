#include "simulator/optimize/stress_case.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace headroom::optimize {

StressCase parseAtOption(const std::string& text) {
  std::string factor_text = text;
  if (text.rfind("peak", 0) == 0) {
    factor_text = text.substr(4);
    if (factor_text.empty()) factor_text = "1";
    else if (factor_text[0] == '*' || factor_text[0] == 'x') factor_text = factor_text.substr(1);
    else throw std::invalid_argument("--at '" + text + "': expected peak*K (e.g. peak*2)");
  }
  char* end = nullptr;
  const double k = std::strtod(factor_text.c_str(), &end);
  if (factor_text.empty() || *end != '\0' || !(k > 0) || !std::isfinite(k))
    throw std::invalid_argument("--at '" + text + "': expected peak*K with a factor K > 0 (e.g. peak*2)");
  StressCase c;
  c.traffic_factor = k;
  c.name = "peak*" + factor_text;
  return c;
}

StressCase failoverCase(const std::string& region, double factor) {
  StressCase c;
  c.traffic_factor = factor;
  c.failed_region = region;
  c.name = "failover " + region;
  return c;
}

Scenario applyStressCase(const Scenario& scenario, const StressCase& stress) {
  Scenario s = scenario;
  const double horizon_s = s.simulation.horizon_s;
  for (Source& src : s.sources) {
    if (src.kind == Source::Kind::Closed) {
      src.population = std::max(1, static_cast<int>(std::lround(src.population * stress.traffic_factor)));
      continue;
    }
    const double peak_per_s = src.rate.upperBound(0.0, horizon_s);
    src.rate = RateCurve::constant(peak_per_s * stress.traffic_factor);
  }
  if (!stress.failed_region.empty()) {
    const bool known = std::any_of(s.regions.begin(), s.regions.end(),
                                   [&](const RegionSpec& r) { return r.name == stress.failed_region; });
    if (!known) {
      std::string names;
      for (const RegionSpec& r : s.regions) names += (names.empty() ? "" : ", ") + r.name;
      throw std::invalid_argument("--failover " + stress.failed_region + ": the scenario has no such region" +
                                  (names.empty() ? std::string(" (it declares none)") : " (regions: " + names + ")"));
    }
    FaultSpec f;
    f.kind = FaultSpec::Kind::RegionOutage;
    f.region = stress.failed_region;
    f.at_s = 0.0;
    f.duration_s = horizon_s;
    s.faults.push_back(f);
  }
  return s;
}

}  // namespace headroom::optimize
