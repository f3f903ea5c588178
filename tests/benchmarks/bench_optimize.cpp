// Optimizer benchmark: per-candidate screening cost, and the optimizer against brute force on the 9261-
// configuration three-tier space (scenarios/optimize-three-tier.json, replicas 1..7 x three m6i sizes per
// tier, peak*2, p99 <= 150 ms): wall time, candidates screened, fraction of the space, DES work.
//   headroom-bench-optimize [--seeds N] [--threads N]
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "model/scenario_json.h"
#include "simulator/cost/price_catalog.h"
#include "simulator/optimize/candidate_evaluator.h"
#include "simulator/optimize/candidate_space.h"
#include "simulator/optimize/optimizer.h"

using namespace headroom;
using namespace headroom::optimize;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  int seeds = 5, threads = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--seeds")) seeds = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
  }
  const Scenario s = loadAndValidateScenarioFile(HEADROOM_SCENARIO_DIR "/optimize-three-tier.json");
  const cost::PriceCatalog catalog = cost::builtinCatalog();
  const cost::PricingContext pricing{&catalog, "2026-11-15"};
  OptimizeOptions o;
  o.slo.p99_ms = 150.0;
  o.cases = {StressCase{"peak*2", 2.0, {}}};
  for (const std::string tier : {"web", "app", "db"}) {
    o.variables.push_back(fromSweepVariable(parseVarOption("/components/" + tier + "/replicas=1:7"), s, catalog));
    o.variables.push_back(fromSweepVariable(
        parseVarOption("/components/" + tier + "/pricing/instance_type=m6i.large,m6i.xlarge,m6i.2xlarge"), s, catalog));
  }
  o.threads = threads;
  const CandidateSpace space(s, o.variables, catalog);

  const auto t0 = Clock::now();
  CandidateEvaluator brute(space, o.cases, o.slo, pricing, 1, threads);
  double best = std::numeric_limits<double>::infinity();
  for (std::int64_t index = 0; index < space.size(); ++index) {
    const std::vector<int> levels = space.levelsAt(index);
    const Candidate& c = brute.screen(levels);
    if (c.screened_feasible) best = std::min(best, c.usd_per_month);
  }
  const double brute_s = std::chrono::duration<double>(Clock::now() - t0).count();
  std::printf("brute force: %lld candidates screened in %.3f s (%.1f us per candidate incl. cost), cheapest feasible $%.2f/month\n",
              static_cast<long long>(space.size()), brute_s, 1e6 * brute_s / double(space.size()), best);

  int found = 0;
  double total_s = 0.0;
  for (int seed = 1; seed <= seeds; ++seed) {
    o.seed = static_cast<std::uint64_t>(seed);
    const auto t1 = Clock::now();
    const OptimizeResult r = optimize::optimize(s, o, pricing);
    const double wall_s = std::chrono::duration<double>(Clock::now() - t1).count();
    total_s += wall_s;
    const bool hit = r.chosen && std::abs(r.chosen->usd_per_month - best) < 1e-6;
    found += hit;
    std::printf("seed %d: %.3f s wall, %lld screened (%.2f%% of the space), %lld DES confirmations (%lld replications), "
                "chosen $%.2f/month%s\n",
                seed, wall_s, static_cast<long long>(r.evaluations.screened), 100.0 * r.evaluations.fraction_screened(),
                static_cast<long long>(r.evaluations.des_confirmations), static_cast<long long>(r.evaluations.des_replications),
                r.chosen ? r.chosen->usd_per_month : std::nan(""), hit ? " (optimum)" : "");
  }
  std::printf("optimum found for %d of %d seeds; mean optimizer wall time %.3f s = %.2fx the brute-force screening time\n",
              found, seeds, total_s / seeds, (total_s / seeds) / brute_s);
  return 0;
}
