#pragma once
// Evaluates candidates of a space, each at most once per fidelity (cached by levels): cost, screening under
// every stress case, DES confirmation. Counts what it did. Used by the optimizer and by brute-force checks.
#include <cstdint>
#include <map>
#include <vector>

#include "model/feedback.h"
#include "simulator/cost/trace_pricing.h"
#include "simulator/optimize/candidate_space.h"
#include "simulator/optimize/optimize_types.h"

namespace headroom::optimize {

class CandidateEvaluator {
 public:
  CandidateEvaluator(const CandidateSpace& space, std::vector<StressCase> cases, SloTarget slo,
                     const cost::PricingContext& pricing, std::uint64_t seed, int threads);

  double usdPerMonth(const std::vector<int>& levels);  // not counted as an evaluation
  // Screening under every case (analytic; a 1-replication DES where no analytic model applies).
  const Candidate& screen(const std::vector<int>& levels);
  // DES with `replications` under every case; stops at the first failing case. Requires screen() first.
  const Candidate& confirm(const std::vector<int>& levels, int replications, Feedback* feedback);
  bool screened(const std::vector<int>& levels) const { return candidates_.count(levels) > 0; }

  const EvaluationCounts& counts() const { return counts_; }
  const std::map<std::vector<int>, Candidate>& candidates() const { return candidates_; }
  const std::vector<StressCase>& cases() const { return cases_; }
  const SloTarget& slo() const { return slo_; }
  std::vector<std::string> notes;  // each "no analytic model" reason once

 private:
  std::uint64_t seedFor(const std::vector<int>& levels, std::size_t case_index, int fidelity) const;

  const CandidateSpace& space_;
  std::vector<StressCase> cases_;
  SloTarget slo_;
  cost::PricingContext pricing_;
  std::uint64_t seed_;
  std::uint64_t scenario_hash_;
  int threads_;
  std::map<std::vector<int>, double> costs_;
  std::map<std::vector<int>, Candidate> candidates_;
  EvaluationCounts counts_;
};

}  // namespace headroom::optimize
