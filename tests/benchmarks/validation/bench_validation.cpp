// Validation time against scenario size (issue #18: 2,001 components each with its own source took 36 s).
// Prints, per shape, the median of 3 timings of validateScenario + scenarioWarnings at 500 / 1,000 / 2,000 /
// 5,000 components and the growth between sizes: time ratio / size ratio is about 1 for linear growth, about
// the size ratio for quadratic. Then the largest scenario the memory limit allows. Times are CPU seconds of this
// (single-threaded) process, so a loaded machine slows them less than wall time; the wall time of the last of
// the three timings is printed beside.
// Not run by CTest.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <functional>
#include <vector>

#include "model/resource_limits.h"
#include "model/validation.h"
#include "tests/model/large_scenarios.h"

using namespace headroom;

namespace {

double cpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

double wallOfLast = 0;
std::string firstIssue;

// CPU seconds of validateScenario + scenarioWarnings (what `headroom-cli validate` runs after reading the file).
double secondsToValidate(const Scenario& s, std::size_t& issues) {
  const auto wall = std::chrono::steady_clock::now();
  const double cpu = cpuSeconds();
  const auto found = validateScenario(s);
  issues = found.size() + scenarioWarnings(s).size();
  firstIssue = found.empty() ? std::string() : found.front().message();
  wallOfLast = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
  return cpuSeconds() - cpu;
}

double medianOf3(const Scenario& s, std::size_t& issues) {
  std::vector<double> t;
  for (int i = 0; i < 3; ++i) t.push_back(secondsToValidate(s, issues));
  std::sort(t.begin(), t.end());
  return t[1];
}

void shape(const char* name, const std::function<Scenario(int)>& build) {
  std::printf("%s\n  %10s %12s %12s %8s %22s\n", name, "components", "CPU s", "wall s", "issues", "growth (time/size ratio)");
  double previousSeconds = 0;
  int previousSize = 0;
  for (int n : {500, 1000, 2000, 5000}) {
    const Scenario s = build(n);
    std::size_t issues = 0;
    const double seconds = medianOf3(s, issues);
    std::printf("  %10d %12.4f %12.4f %8zu", n, seconds, wallOfLast, issues);
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
  auto largest = [&](const char* what, const Scenario& s) {
    const double cpu = secondsToValidate(s, issues);
    std::printf("  %-38s %7.3f CPU s, %7.3f wall s, %zu issue(s)%s%s\n", what, cpu, wallOfLast, issues,
                firstIssue.empty() ? "" : ": ", firstIssue.substr(0, 90).c_str());
  };
  largest("a source and a class each", test::stationsWithOwnSources(kLargest));
  largest("10 classes with their own behaviours", test::ownBehaviourPerClass(kLargest, 10));
  largest("40 classes with their own behaviours", test::ownBehaviourPerClass(kLargest, 40));
  return 0;
}
