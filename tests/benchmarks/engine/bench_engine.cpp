// headroom-bench-engine: engine throughput, memory and scaling, with SimPy as the yardstick.
// Run through tests/benchmarks/run_benchmarks.sh (Release build). Prints ratios; results go to
// docs/benchmarks.md by hand with the machine they were measured on.
// Options: --requests N (tandem size, default 2e6), --quick, --no-memory.
#include <sys/resource.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "simulator/simulation.h"

using namespace headroom;

namespace {

constexpr double kArrivalRate = 30.0;  // req/s; with 4 servers of mean 0.1 s: rho = 0.75

Component station(const std::string& name, int workers, double mean_s) {
  Component c;
  c.name = name;
  c.workers_per_replica = workers;
  c.service_time = Distribution::exponential(mean_s);
  return c;
}

Source openSource(const std::string& entry, double rate) {
  Source s;
  s.name = "load";
  s.entry = entry;
  s.rate = RateCurve::constant(rate);
  return s;
}

// Three M/M/4 stations in series at 75% load (same model as simpy_tandem.py).
Scenario tandem(double requests) {
  Scenario s;
  s.name = "tandem-3xMM4";
  for (int i = 1; i <= 3; ++i) {
    Component c = station("s" + std::to_string(i), 4, 0.1);
    if (i < 3) c.behaviour[kAnyClass].next.push_back({"s" + std::to_string(i + 1), 1.0});
    s.components.push_back(c);
  }
  s.sources.push_back(openSource("s1", kArrivalRate));
  s.simulation.horizon_s = requests / kArrivalRate;
  s.simulation.warmup_s = 0;
  s.simulation.window_s = s.simulation.horizon_s / 100;
  s.simulation.replications = 1;
  return s;
}

// A service graph with synchronous calls, a probabilistic branch and a parallel fan-out:
// gateway -> api (calls auth; 70% browse: catalog; 30%: parallel cart + pricing, then db).
Scenario branching(double requests) {
  Scenario s;
  s.name = "branching-sync";
  const double rate = 100.0;
  Component gw = station("gateway", 32, 0.001);
  gw.behaviour[kAnyClass].steps.push_back({Step::Kind::Call, {}, {{"api", 0}}, {}});
  Component api = station("api", 16, 0.004);
  Step auth{Step::Kind::Call, {}, {{"auth", 0}}, {}};
  Step browse{Step::Kind::Call, {}, {{"catalog", 0}}, {}};
  Step fanout{Step::Kind::Parallel, {}, {{"cart", 0}, {"pricing", 0}}, {}};
  Step db{Step::Kind::Call, {}, {{"db", 0}}, {}};
  Step branch;
  branch.kind = Step::Kind::Branch;
  branch.arms = {{0.7, {browse}}, {0.3, {fanout, db}}};
  api.behaviour[kAnyClass].steps = {auth, branch};
  s.components = {gw, api, station("auth", 4, 0.002), station("catalog", 8, 0.01), station("cart", 4, 0.005),
                  station("pricing", 4, 0.005), station("db", 8, 0.008)};
  s.sources.push_back(openSource("gateway", rate));
  s.simulation.horizon_s = requests / rate;
  s.simulation.window_s = s.simulation.horizon_s / 100;
  s.simulation.replications = 1;
  return s;
}

struct Measured {
  double wall_s, events_per_s, requests_per_s, mean_response_s;
};

Measured measure(const Scenario& s, int threads, int replications) {
  RunOptions o;
  o.threads = threads;
  o.replications = replications;
  const RunResult r = runSimulation(s, o);
  return {r.wall_time_s, static_cast<double>(r.events) / r.wall_time_s, static_cast<double>(r.requests) / r.wall_time_s,
          r.end_to_end[0].response.mean_s.mean};
}

double simpyRequestsPerSecond(long requests, double* meanResponse) {
  const std::string cmd = std::string("/usr/bin/python3 ") + HEADROOM_BENCH_DIR + "/simpy_tandem.py " + std::to_string(requests);
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return NAN;
  char line[256] = {0};
  const bool ok = std::fgets(line, sizeof line, p) != nullptr;
  const int status = pclose(p);
  long n = 0;
  double wall = 0, mean = 0;
  if (!ok || status != 0 || std::sscanf(line, "requests=%ld wall_s=%lf mean_response_s=%lf", &n, &wall, &mean) != 3) return NAN;
  *meanResponse = mean;
  return static_cast<double>(n) / wall;
}

long peakRssKb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

long childPeakRssKb(const char* self, double requests) {
  const std::string cmd = std::string(self) + " --memory-child " + std::to_string(static_cast<long long>(requests));
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return -1;
  char line[128] = {0};
  const bool ok = std::fgets(line, sizeof line, p) != nullptr;
  pclose(p);
  long kb = -1;
  if (!ok || std::sscanf(line, "maxrss_kb=%ld", &kb) != 1) return -1;
  return kb;
}

}  // namespace

int main(int argc, char** argv) {
  double requests = 2e6, simpyRequests = 2e5, bigRequests = 1e8;
  bool memory = true;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--memory-child") && i + 1 < argc) {
      const Measured m = measure(tandem(std::atof(argv[i + 1])), 1, 1);
      std::printf("maxrss_kb=%ld requests_per_s=%.0f\n", peakRssKb(), m.requests_per_s);
      return 0;
    }
    if (!std::strcmp(argv[i], "--quick")) {
      requests = 2e5;
      simpyRequests = 2e4;
      bigRequests = 1e7;
    }
    if (!std::strcmp(argv[i], "--no-memory")) memory = false;
    if (!std::strcmp(argv[i], "--requests") && i + 1 < argc) requests = std::atof(argv[++i]);
  }
  std::printf("Headroom engine benchmark (single-threaded unless stated; %u hardware threads)\n\n",
              std::thread::hardware_concurrency());

  const Measured t = measure(tandem(requests), 1, 1);
  std::printf("tandem 3 x M/M/4 @ 75%%: %.0f requests in %.2f s: %.2f M events/s, %.0f requests/s (mean response %.4f s)\n",
              requests, t.wall_s, t.events_per_s / 1e6, t.requests_per_s, t.mean_response_s);
  double simpyMean = NAN;
  const double simpy = simpyRequestsPerSecond(static_cast<long>(simpyRequests), &simpyMean);
  if (std::isfinite(simpy))
    std::printf("SimPy same tandem:      %.0f requests: %.0f requests/s (mean response %.4f s)\n"
                "RATIO headroom/simpy (requests/s, single thread): %.1fx   (target >= 30x)\n\n",
                simpyRequests, simpy, simpyMean, t.requests_per_s / simpy);
  else
    std::printf("SimPy not available (/usr/bin/python3 with python3-simpy3): ratio not measured\n\n");

  const Measured b = measure(branching(requests / 2), 1, 1);
  std::printf("branching network with sync calls, branch and fan-out: %.2f M events/s, %.0f requests/s\n\n",
              b.events_per_s / 1e6, b.requests_per_s);

  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const int reps = static_cast<int>(cores) * 2;
  const Measured one = measure(tandem(requests / 4), 1, reps);
  const Measured all = measure(tandem(requests / 4), static_cast<int>(cores), reps);
  std::printf("%d replications: 1 thread %.2f s, %u threads %.2f s: speed-up %.2fx (ideal %u)\n\n", reps, one.wall_s,
              cores, all.wall_s, one.wall_s / all.wall_s, cores);

  if (memory) {
    const long small = childPeakRssKb(argv[0], 1e6);
    const long big = childPeakRssKb(argv[0], bigRequests);
    std::printf("peak memory, tandem: 1e6 requests %ld KB, %.0e requests %ld KB: ratio %.2f (flat = 1.00)\n", small,
                bigRequests, big, static_cast<double>(big) / static_cast<double>(small));
  }
  return 0;
}
