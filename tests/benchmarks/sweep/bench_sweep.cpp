// Local sweep speed-up: the same sweep on 1 thread and on N threads (default 2), alternating, R rounds.
// Prints wall times, the speed-up and whether the results are identical (they must be).
// Usage: headroom-bench-sweep [--threads N] [--rounds R] [--horizon S]
#include <time.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>

#include "simulator/sweep/sweep_result.h"

using namespace headroom::sweep;

namespace {

nlohmann::json benchSweep(double horizon_s) {
  // A tandem of two M/M/c stations; 8 points (arrival rate x workers) x 2 replications = 16 tasks, so two
  // threads always have work until the end.
  nlohmann::json base = nlohmann::json::parse(R"({
    "format": "headroom-scenario", "version": 1, "name": "bench-tandem",
    "simulation": {"horizon_s": 1000, "warmup_s": 50, "replications": 1, "seed": 1},
    "sources": [{"name": "web", "type": "open", "entry": "front", "rate": {"kind": "constant", "rate_per_s": 600}}],
    "components": [
      {"name": "front", "type": "service", "replicas": 2, "workers_per_replica": 4,
       "service_time": {"dist": "exponential", "mean_ms": 8}},
      {"name": "back", "type": "service", "replicas": 1, "workers_per_replica": 8,
       "service_time": {"dist": "exponential", "mean_ms": 10}}],
    "routes": []})");
  base.erase("routes");
  base["components"][0]["behaviour"] = {{"*", {{"steps", {{{"call", "back"}}}}}}};
  base["simulation"]["horizon_s"] = horizon_s;
  nlohmann::json s = {{"format", "headroom-sweep"}, {"version", 1}, {"name", "bench"}, {"replications", 2}, {"base", base}};
  s["variables"] = nlohmann::json::parse(R"([
    {"name": "rate", "pointer": "/sources/web/rate/rate_per_s", "values": [300, 400, 500, 600]},
    {"name": "back_workers", "pointer": "/components/back/workers_per_replica", "values": [8, 10]}])");
  s["kpis"] = {"end_to_end.response_p99_s", "back.utilization"};
  return s;
}

double processCpuS() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Wall seconds; `cpu_s` receives the CPU seconds all threads used (equal for 1 and N threads when the pool
// adds no work: on a loaded machine the wall-clock speed-up is capped by the cores we get, this is not).
double timed(const SweepPlan& plan, int threads, std::string* json, double* cpu_s) {
  std::vector<std::size_t> tasks(plan.taskCount());
  for (std::size_t t = 0; t < tasks.size(); ++t) tasks[t] = t;
  const double cpu0 = processCpuS();
  const auto start = std::chrono::steady_clock::now();
  const TaskRun run = runTasks(plan, tasks, threads, nullptr);
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  *cpu_s = processCpuS() - cpu0;
  *json = sweepResultToJson(aggregate(plan, run.results)).dump();
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  int threads = 2, rounds = 3;
  double horizon = 2000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--rounds")) rounds = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--horizon")) horizon = std::atof(argv[i + 1]);
  }
  const SweepPlan plan = planSweep(benchSweep(horizon), "bench", ".");
  std::cout << "sweep: " << plan.points.size() << " points x " << plan.replications << " replications = "
            << plan.taskCount() << " tasks, horizon " << horizon << " s each\n";
  bool identical = true;
  for (int r = 0; r < rounds; ++r) {
    std::string one, many;
    double c1 = 0, cn = 0;
    const double t1 = timed(plan, 1, &one, &c1);
    const double tn = timed(plan, threads, &many, &cn);
    identical = identical && one == many;
    std::cout << "round " << r + 1 << ": 1 thread " << t1 << " s wall (" << c1 << " s CPU), " << threads
              << " threads " << tn << " s wall (" << cn << " s CPU), speed-up " << t1 / tn << "x, CPU used per wall second "
              << cn / tn << "\n";
  }
  std::cout << "results identical across thread counts: " << (identical ? "yes" : "NO") << "\n";
  return identical ? 0 : 1;
}
