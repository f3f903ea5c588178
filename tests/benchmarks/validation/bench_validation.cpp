// Validation time against scenario size (issue #18: 2,001 components each with its own source took 36 s).
// Prints, per shape, the median of 3 timings of validateScenario + scenarioWarnings at 500 / 1,000 / 2,000 /
// 5,000 components and the growth between sizes: time ratio / size ratio is about 1 for linear growth, about
// the size ratio for quadratic. Then the largest scenario the memory limit allows. Not run by CTest.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <vector>

#include "model/resource_limits.h"
#include "model/validation.h"
#include "tests/model/large_scenarios.h"

using namespace headroom;

namespace {

double secondsToValidate(const Scenario& s, std::size_t& issues) {
  const auto start = std::chrono::steady_clock::now();
  issues = validateScenario(s).size() + scenarioWarnings(s).size();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double medianOf3(const Scenario& s, std::size_t& issues) {
  std::vector<double> t;
  for (int i = 0; i < 3; ++i) t.push_back(secondsToValidate(s, issues));
  std::sort(t.begin(), t.end());
  return t[1];
}

void shape(const char* name, const std::function<Scenario(int)>& build) {
  std::printf("%s\n  %10s %12s %8s %22s\n", name, "components", "seconds", "issues", "growth (time/size ratio)");
  double previousSeconds = 0;
  int previousSize = 0;
  for (int n : {500, 1000, 2000, 5000}) {
    const Scenario s = build(n);
    std::size_t issues = 0;
    const double seconds = medianOf3(s, issues);
    std::printf("  %10d %12.4f %8zu", n, seconds, issues);
    if (previousSize > 0)
      std::printf(" %22.2f", (seconds / previousSeconds) / (static_cast<double>(n) / previousSize));
    std::printf("\n");
    previousSeconds = seconds;
    previousSize = n;
  }
}

}  // namespace

int main() {
  shape("every component with a source (and a class) of its own [the shape that took 36 s at 2,001]", test::stationsWithOwnSources);
  shape("call chain, 2 classes, checkout with its own behaviour on every 10th component", test::callChain);
  shape("faulty: chains, n/5 sources, cycles, a trap, unknown names (tests/model golden)", test::largeFaultyScenario);
  shape("10 classes, each with its own behaviour at every component", [](int n) { return test::ownBehaviourPerClass(n, 10); });
  // Near the most components the memory estimate lets through (it refuses from about 26,000 components).
  constexpr int kLargest = 25000;
  std::size_t issues = 0;
  std::printf("%d components (near the memory limit of %.0f)\n", kLargest, limits::kMemoryBudgetBytes / limits::kBytesPerComponent);
  std::printf("  a source and a class each:             %7.3f s (%zu issues)\n", secondsToValidate(test::stationsWithOwnSources(kLargest), issues), issues);
  std::printf("  10 classes with their own behaviours:  %7.3f s (%zu issues)\n", secondsToValidate(test::ownBehaviourPerClass(kLargest, 10), issues), issues);
  std::printf("  40 classes with their own behaviours:  %7.3f s (%zu issues)\n", secondsToValidate(test::ownBehaviourPerClass(kLargest, 40), issues), issues);
  return 0;
}
