#include "simulator/optimize/optimizer.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <set>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "simulator/optimize/candidate_evaluator.h"
#include "simulator/optimize/candidate_space.h"
#include "simulator/optimize/pareto_front.h"
#include "simulator/random_stream.h"

namespace headroom::optimize {
namespace {

using Levels = std::vector<int>;

struct Search {
  const CandidateSpace& space;
  CandidateEvaluator& eval;
  const OptimizeOptions& options;
  Feedback* feedback;
  std::int64_t budget;

  bool cancelled() const { return feedback && feedback->isCancelled(); }
  bool exhausted() const { return eval.counts().screened >= budget; }
  void progress(const char* what) {
    if (feedback)
      feedback->setProgress(std::min(0.9, 0.9 * double(eval.counts().screened) / double(std::max<std::int64_t>(1, budget))), what);
  }
  std::size_t levelCount(std::size_t i) const { return space.variables()[i].levels.size(); }
  Levels top() const {
    Levels l(space.variables().size());
    for (std::size_t i = 0; i < l.size(); ++i) l[i] = static_cast<int>(levelCount(i)) - 1;
    return l;
  }
  bool feasible(const Levels& l) {
    progress("screening");
    return eval.screen(l).screened_feasible;
  }

  // Lowest level of each variable that is feasible with every other variable at its top level.
  Levels lowerBounds() {
    Levels lb(space.variables().size(), 0);
    for (std::size_t i = 0; i < lb.size() && !cancelled(); ++i) {
      Levels probe = top();
      if (!space.variables()[i].instance_type_of.empty()) {
        // Instance types are ordered by price, not by capacity: scan.
        for (int l = 0; l < static_cast<int>(levelCount(i)); ++l) {
          probe[i] = l;
          if (feasible(probe)) {
            lb[i] = l;
            break;
          }
        }
        continue;
      }
      int lo = 0, hi = static_cast<int>(levelCount(i)) - 1;  // hi is feasible (the top is)
      while (lo < hi && !cancelled()) {
        const int mid = lo + (hi - lo) / 2;
        probe[i] = mid;
        if (feasible(probe)) hi = mid;
        else lo = mid + 1;
      }
      lb[i] = hi;
    }
    return lb;
  }
};

std::string describe(const nlohmann::json& values) {
  std::string out;
  for (auto it = values.begin(); it != values.end(); ++it)
    out += (out.empty() ? "" : ", ") + it.key() + "=" + (it.value().is_string() ? it.value().get<std::string>() : it.value().dump());
  return out;
}

std::string money(double usd) {
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(2);
  out << "$" << usd;
  return out.str();
}

std::optional<BindingConstraint> findBinding(const CandidateSpace& space, CandidateEvaluator& eval, const Candidate& chosen) {
  std::optional<BindingConstraint> best;
  for (std::size_t i = 0; i < chosen.levels.size(); ++i) {
    if (chosen.levels[i] == 0) continue;
    Levels cheaper = chosen.levels;
    --cheaper[i];
    const Candidate& n = eval.screen(cheaper);
    const double saving = chosen.usd_per_month - n.usd_per_month;
    // The outcomes that judged the neighbour: DES when it got that far, else screening.
    const std::vector<CaseOutcome>& outcomes = n.confirmation.empty() ? n.screening : n.confirmation;
    const CaseOutcome* failing = nullptr;
    for (const CaseOutcome& o : outcomes)
      if (!o.meets_slo && (!failing || o.p99_upper_ms > failing->p99_upper_ms)) failing = &o;
    if (!failing) continue;  // a cheaper neighbour that meets the SLO (screening) was rejected elsewhere; skip
    if (best && !(saving > best->saving_usd_per_month)) continue;
    BindingConstraint b;
    const bool p99_breaks = !(failing->p99_upper_ms <= eval.slo().p99_ms);
    b.slo = p99_breaks ? "p99" : "errors";
    b.stress_case = failing->stress_case;
    b.variable = space.variables()[i].name;
    b.component = space.componentOf(i);
    b.cheaper_value = space.variables()[i].levels[static_cast<std::size_t>(cheaper[i])];
    b.saving_usd_per_month = saving;
    b.limit = p99_breaks ? eval.slo().p99_ms : eval.slo().error_ratio.value_or(kNaN);
    const std::vector<CaseOutcome>& mine = chosen.confirmation.empty() ? chosen.screening : chosen.confirmation;
    for (const CaseOutcome& o : mine)
      if (o.stress_case == b.stress_case) b.chosen_value = p99_breaks ? o.p99_upper_ms : o.error_ratio_upper;
    b.neighbour_value = p99_breaks ? failing->p99_upper_ms : failing->error_ratio_upper;
    b.explanation = b.variable + " -> " + (b.cheaper_value.is_string() ? b.cheaper_value.get<std::string>() : b.cheaper_value.dump()) +
                    " would save " + money(saving) + "/month but break the " + b.slo + " SLO under " + b.stress_case +
                    " (" + failing->why + ", " + fidelityName(failing->fidelity) + ")";
    best = b;
  }
  return best;
}

}  // namespace

OptimizeResult optimize(const Scenario& base, const OptimizeOptions& options, const cost::PricingContext& pricing,
                        Feedback* feedback) {
  if (!(options.slo.p99_ms > 0)) throw std::invalid_argument("the SLO needs a p99 target > 0 ms (--slo p99=300ms)");
  if (options.replications < 2 && options.confirm)
    throw std::invalid_argument("DES confirmation needs at least 2 replications for a confidence interval");
  if (!pricing.catalog) throw std::invalid_argument("optimize: no price catalog");
  OptimizeResult result;
  result.scenario = base.name;
  result.slo = options.slo;
  result.seed = options.seed;
  result.cases = options.cases;
  if (result.cases.empty()) result.cases.push_back(StressCase{"peak*1", 1.0, {}});
  const CandidateSpace space(base, options.variables.empty() ? defaultVariables(base, *pricing.catalog) : options.variables,
                             *pricing.catalog);
  result.variables = space.variables();
  CandidateEvaluator eval(space, result.cases, options.slo, pricing, options.seed, options.threads);
  Search search{space, eval, options, feedback, std::max<std::int64_t>(1, options.budget)};

  auto finish = [&]() {
    result.evaluations = eval.counts();
    result.notes.insert(result.notes.begin(), eval.notes.begin(), eval.notes.end());
    std::vector<Candidate> all;
    for (const auto& [levels, c] : eval.candidates()) all.push_back(c);
    result.front = paretoFront(all);
    result.cancelled = search.cancelled();
    if (feedback) feedback->setProgress(1.0, result.cancelled ? "cancelled" : "done");
    return result;
  };

  if (!search.feasible(search.top())) {
    result.notes.push_back("even the top of every variable (" + describe(space.valuesOf(search.top())) +
                           ") misses the SLO at screening: " + eval.screen(search.top()).screening.front().why);
    return finish();
  }
  const Levels lb = search.lowerBounds();

  // Cost-ordered best-first walk above the lower bounds. Ties in cost are broken by a seeded hash of the levels.
  auto tie = [&](const Levels& l) {
    std::uint64_t state = options.seed ^ 0x6f7074696d697a65ULL;
    std::uint64_t h = splitMix64(state);
    for (int x : l) {
      state ^= h ^ static_cast<std::uint64_t>(x);
      h = splitMix64(state);
    }
    return h;
  };
  using Entry = std::tuple<double, std::uint64_t, Levels>;
  std::priority_queue<Entry, std::vector<Entry>, std::greater<>> open;
  std::set<Levels> queued;
  auto push = [&](const Levels& l) {
    if (queued.insert(l).second) open.emplace(eval.usdPerMonth(l), tie(l), l);
  };
  push(lb);
  int rejected = 0, extra = 0;
  std::vector<Levels> feasible_in_order;
  // Pops the cheapest queued candidate and queues its one-level-up neighbours.
  auto pop = [&]() {
    const Levels l = std::get<2>(open.top());
    open.pop();
    for (std::size_t i = 0; i < l.size(); ++i)
      if (l[i] + 1 < static_cast<int>(search.levelCount(i))) {
        Levels up = l;
        ++up[i];
        push(up);
      }
    return l;
  };
  bool done = false;
  while (!done && !open.empty() && !search.cancelled()) {
    if (search.exhausted() && !eval.screened(std::get<2>(open.top()))) break;
    const double cost = std::get<0>(open.top());
    const Levels first = pop();
    if (!search.feasible(first)) continue;
    // Every feasible candidate of this same cost, lowest p99 first: equal prices (2 x large = 1 x xlarge) are
    // common, and the seed must not decide between them.
    std::vector<Levels> batch = {first};
    while (!open.empty() && !search.cancelled() && std::get<0>(open.top()) <= cost * (1 + 1e-12) && !search.exhausted()) {
      const Levels tied = pop();
      if (search.feasible(tied)) batch.push_back(tied);
    }
    std::stable_sort(batch.begin(), batch.end(), [&](const Levels& a, const Levels& b) {
      const double pa = eval.screen(a).worstP99Ms(), pb = eval.screen(b).worstP99Ms();
      return pa != pb ? pa < pb : a < b;
    });
    for (const Levels& l : batch) {
      feasible_in_order.push_back(l);
      if (result.chosen) {
        if (++extra >= options.front_extra) done = true;
        continue;
      }
      if (!options.confirm) {
        result.chosen = eval.screen(l);
        continue;
      }
      if (rejected >= options.max_confirmations) {
        done = true;
        break;
      }
      if (feedback) feedback->setProgress(0.9, "confirming " + describe(space.valuesOf(l)) + " by DES");
      const Candidate& c = eval.confirm(l, options.replications, feedback);
      if (c.confirmed_feasible) {
        result.chosen = c;
      } else if (!search.cancelled()) {
        ++rejected;
        std::string why;
        for (const CaseOutcome& o : c.confirmation)
          if (!o.meets_slo) why = o.stress_case + ": " + o.why;
        result.notes.push_back("screened feasible but rejected by DES (upper 95% CI): " + describe(c.values) + " (" + why + ")");
      }
    }
  }

  if (!result.chosen && !search.cancelled() && feasible_in_order.empty()) {
    // Budget spent before any feasible candidate: neighbourhood descent from the top with seeded restarts.
    result.notes.push_back("best-first walk ran out of its budget (" + std::to_string(search.budget) +
                           " candidates); neighbourhood descent with random restarts used");
    RandomStream rng(options.seed, "optimize/restarts");
    std::vector<Levels> starts = {search.top()};
    while (!search.cancelled() && !starts.empty() && eval.counts().screened < search.budget * 2) {
      Levels at = starts.back();
      starts.pop_back();
      bool moved = true;
      while (moved && !search.cancelled() && eval.counts().screened < search.budget * 2) {
        moved = false;
        std::vector<std::size_t> order(at.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng.below(i)]);
        for (std::size_t i : order) {
          if (at[i] <= lb[i]) continue;
          Levels down = at;
          --down[i];
          if (search.feasible(down)) {
            at = down;
            moved = true;
            break;
          }
        }
      }
      feasible_in_order.push_back(at);
      if (starts.empty() && feasible_in_order.size() < 4) {
        Levels restart = search.top();
        for (std::size_t i = 0; i < restart.size(); ++i)
          restart[i] = lb[i] + static_cast<int>(rng.below(static_cast<std::uint64_t>(restart[i] - lb[i] + 1)));
        if (search.feasible(restart)) starts.push_back(restart);
      }
    }
    std::sort(feasible_in_order.begin(), feasible_in_order.end(),
              [&](const Levels& a, const Levels& b) { return eval.usdPerMonth(a) < eval.usdPerMonth(b); });
    for (const Levels& l : feasible_in_order) {
      if (search.cancelled() || rejected >= options.max_confirmations) break;
      if (!options.confirm) {
        result.chosen = eval.screen(l);
        break;
      }
      const Candidate& c = eval.confirm(l, options.replications, feedback);
      if (c.confirmed_feasible) {
        result.chosen = c;
        break;
      }
      ++rejected;
    }
  }
  if (!result.chosen && !search.cancelled())
    result.notes.push_back("no configuration met the SLO" + std::string(options.confirm ? " under DES" : "") +
                           " within the budget");
  if (result.chosen && !search.cancelled()) {
    result.binding = findBinding(space, eval, *result.chosen);
    result.chosen = eval.candidates().at(result.chosen->levels);
  }
  return finish();
}

}  // namespace headroom::optimize
