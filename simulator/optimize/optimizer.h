#pragma once
// The cheapest configuration that keeps the SLO under every stress case (docs/optimizer.md).
//
// Search (written here; no Bayesian optimizer, no pagmo): levels of every variable are ordered by cost, so
//   1. lower bounds: per variable, the lowest level that can be feasible at all, with every other variable at
//      its top level (binary search for numeric levels, a scan for instance types);
//   2. cost-ordered best-first enumeration of the lattice above the lower bounds (a Dijkstra-like walk: each
//      step raises one variable by one level), screening each candidate analytically; the first screened-
//      feasible candidate popped is the cheapest one above the bounds;
//   3. DES confirmation with replications under every stress case; a candidate is accepted only when the upper
//      95% CI of p99 (and of the error ratio) meets the SLO in every case, else the walk goes on to the next
//      screened-feasible candidate;
//   4. when the screening budget runs out before a feasible candidate, a neighbourhood descent from the top
//      configuration with seeded random restarts (random order of one-level decreases).
// The seed orders candidates of equal cost and seeds the DES; the same seed gives the same result for any
// number of threads (screening is sequential, DES is thread-count independent).
#include <cstdint>
#include <vector>

#include "model/feedback.h"
#include "model/scenario.h"
#include "simulator/cost/trace_pricing.h"
#include "simulator/optimize/optimize_types.h"

namespace headroom::optimize {

struct OptimizeOptions {
  SloTarget slo;
  std::vector<StressCase> cases;            // empty = one case "peak*1"
  std::vector<DecisionVariable> variables;  // empty = defaultVariables()
  std::int64_t budget = 2000;               // candidates screened at most
  std::uint64_t seed = 1;
  int replications = 5;                     // DES confirmation
  int threads = 0;                          // DES worker threads (0 = all cores)
  int max_confirmations = 8;                // DES-rejected candidates before giving up
  int front_extra = 6;                      // feasible candidates screened beyond the chosen one, for the front
  bool confirm = true;                      // false: screening only (the proof test's brute force reference)
};

// Throws std::invalid_argument for a bad variable, stress case or a price missing from the catalog.
OptimizeResult optimize(const Scenario& base, const OptimizeOptions& options, const cost::PricingContext& pricing,
                        Feedback* feedback = nullptr);

}  // namespace headroom::optimize
