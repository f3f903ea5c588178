#include "simulator/optimize/candidate_evaluator.h"

#include <algorithm>

#include "model/scenario_json.h"
#include "simulator/optimize/candidate_cost.h"
#include "simulator/optimize/screening.h"
#include "simulator/optimize/stress_case.h"
#include "simulator/random_stream.h"
#include "simulator/sweep/sweep_plan.h"

namespace headroom::optimize {

CandidateEvaluator::CandidateEvaluator(const CandidateSpace& space, std::vector<StressCase> cases, SloTarget slo,
                                       const cost::PricingContext& pricing, std::uint64_t seed, int threads)
    : space_(space), cases_(std::move(cases)), slo_(slo), pricing_(pricing), seed_(seed),
      scenario_hash_(stableHash(scenarioToJson(space.scenarioOf(std::vector<int>(space.variables().size(), 0))).dump())),
      threads_(threads) {
  counts_.space_size = space.size();
}

std::uint64_t CandidateEvaluator::seedFor(const std::vector<int>& levels, std::size_t case_index, int fidelity) const {
  // The candidate's values and the case, not the order of evaluation: the same candidate gets the same seed
  // whichever search path reached it.
  return sweep::taskSeed(scenario_hash_, space_.valuesOf(levels), static_cast<int>(case_index) * 2 + fidelity, seed_);
}

double CandidateEvaluator::usdPerMonth(const std::vector<int>& levels) {
  if (auto it = costs_.find(levels); it != costs_.end()) return it->second;
  const double usd = steadyStateUsdPerMonth(space_.scenarioOf(levels), pricing_);
  costs_.emplace(levels, usd);
  return usd;
}

const Candidate& CandidateEvaluator::screen(const std::vector<int>& levels) {
  if (auto it = candidates_.find(levels); it != candidates_.end()) return it->second;
  Candidate c;
  c.levels = levels;
  c.values = space_.valuesOf(levels);
  c.usd_per_month = usdPerMonth(levels);
  const Scenario scenario = space_.scenarioOf(levels);
  c.screened_feasible = true;
  for (std::size_t k = 0; k < cases_.size(); ++k) {
    const Scenario stressed = applyStressCase(scenario, cases_[k]);
    const ScreenFigures f = screenAnalytic(stressed);
    CaseOutcome o;
    if (f.evaluable) {
      ++counts_.analytic_calls;
      o.stress_case = cases_[k].name;
      o.p99_ms = o.p99_upper_ms = f.p99_ms;
      o.error_ratio = o.error_ratio_upper = f.error_ratio;
      judge(o, slo_);
      if (f.overloaded) o.why = f.why;
    } else {
      if (std::find(notes.begin(), notes.end(), cases_[k].name + ": " + f.why) == notes.end())
        notes.push_back(cases_[k].name + ": " + f.why);
      ++counts_.des_screening_runs;
      o = runDes(stressed, cases_[k].name, seedFor(levels, k, 0), 1, threads_, nullptr);
      judge(o, slo_);
    }
    c.screened_feasible = c.screened_feasible && o.meets_slo;
    c.screening.push_back(o);
  }
  ++counts_.screened;
  return candidates_.emplace(levels, std::move(c)).first->second;
}

const Candidate& CandidateEvaluator::confirm(const std::vector<int>& levels, int replications, Feedback* feedback) {
  Candidate& c = candidates_.at(levels);
  if (!c.confirmation.empty()) return c;
  const Scenario scenario = space_.scenarioOf(levels);
  ++counts_.des_confirmations;
  c.confirmed_feasible = true;
  for (std::size_t k = 0; k < cases_.size(); ++k) {
    CaseOutcome o = runDes(applyStressCase(scenario, cases_[k]), cases_[k].name, seedFor(levels, k, 1), replications,
                           threads_, feedback);
    counts_.des_replications += replications;
    judge(o, slo_);
    c.confirmed_feasible = c.confirmed_feasible && o.meets_slo;
    c.confirmation.push_back(o);
    if (!o.meets_slo || (feedback && feedback->isCancelled())) break;
  }
  if (feedback && feedback->isCancelled()) c.confirmed_feasible = false;
  return c;
}

}  // namespace headroom::optimize
