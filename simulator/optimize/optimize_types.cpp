#include "simulator/optimize/optimize_types.h"

#include <algorithm>
#include <cmath>

namespace headroom::optimize {

const char* fidelityName(Fidelity f) { return f == Fidelity::Des ? "des" : "analytic"; }

double Candidate::worstP99Ms() const {
  if (screening.empty()) return kNaN;
  double worst = 0.0;
  for (const CaseOutcome& c : screening) {
    if (!std::isfinite(c.p99_upper_ms)) return kNaN;
    worst = std::max(worst, c.p99_upper_ms);
  }
  return worst;
}

}  // namespace headroom::optimize
