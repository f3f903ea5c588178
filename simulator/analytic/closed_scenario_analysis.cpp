// One closed source: a single-chain closed product-form network (users thinking, then one request that
// follows the `next` routing until it leaves), solved exactly by MVA / convolution (closed_network_mva.h).
#include <cmath>

#include "simulator/analytic/closed_network_mva.h"
#include "simulator/analytic/scenario_analysis_detail.h"

namespace headroom::analytic {
namespace {

// Above this many elementary convolution steps (stations x N^2) the exact solution would take too long
// for an interactive cross-check.
constexpr double kMaxConvolutionWork = 4e8;
// MVA iterates over every population 1..N.
constexpr int kMaxPopulation = 1'000'000;

struct Plan {
  std::size_t index = 0;
  int servers = 0;       // per replica; 0 = delay
  int replicas = 1;
  double visits = 0.0;   // per user cycle, all replicas
  double demand_s = 0.0; // per user cycle, all replicas
  bool fcfs = false;
  std::string model;
};

}  // namespace

void analyzeClosedScenario(const Scenario& scenario, const Source& source, AnalyticReport& report) {
  std::vector<std::string>& problems = report.not_applicable;
  const int n = source.population;
  if (n <= 0) problems.push_back("source '" + source.name + "': a closed source needs a population > 0");
  if (n > kMaxPopulation)
    problems.push_back("source '" + source.name + "': population " + std::to_string(n) +
                       " is too large for exact MVA in an interactive check (at most " +
                       std::to_string(kMaxPopulation) + ")");
  const ScenarioTraffic t = buildTraffic(scenario, {&source}, true);
  problems.insert(problems.end(), t.problems.begin(), t.problems.end());
  if (!problems.empty()) return;

  std::vector<Plan> plans;
  for (std::size_t i = 0; i < scenario.components.size(); ++i) {
    if (!t.visited(i)) continue;
    const Component& c = scenario.components[i];
    const std::string name = "component '" + c.name + "'";
    Plan p;
    p.index = i;
    p.visits = t.componentVisits(i);
    for (std::size_t r = 0; r < t.classes.size(); ++r)
      p.demand_s += t.visits(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(r)) * t.profiles[i][r].mean_s;
    if (c.type == Component::Type::Delay) {
      p.model = "delay (infinite servers)";
      plans.push_back(p);
      continue;
    }
    p.servers = c.workers_per_replica;
    p.replicas = c.replicas;
    if (c.replicas > 1 && c.balancer != Component::Balancer::Random) {
      problems.push_back(name + ": replica choice under " + std::string(balancerName(c.balancer)) +
                         " balancing is not probabilistic routing (use replicas: 1 or balancer: random)");
      continue;
    }
    if (c.queue_capacity) {
      if (c.workers_per_replica + *c.queue_capacity < n) {
        problems.push_back(name + ": queue_capacity can reject requests; blocking in a network is not product form");
        continue;
      }
      report.notes.push_back(name + ": queue_capacity never binds (workers + capacity >= population)");
    }
    if (c.discipline == Component::Discipline::FCFS) {
      const std::optional<ServiceProfile> common = commonProfile(scenario, t, i, problems);
      if (!common) continue;
      if (!common->exponential) {
        problems.push_back(name + ": FCFS with non-exponential service in a closed network is not product form "
                                  "(BCMP needs exponential service at FCFS stations)");
        continue;
      }
      p.fcfs = true;
      p.model = c.workers_per_replica == 1 ? "FCFS single server" : "FCFS " + std::to_string(p.servers) + " servers";
    } else {
      p.model = "PS " + std::to_string(p.servers) + " core" + (p.servers > 1 ? "s" : "");
    }
    p.model = withReplicas(p.model, c);
    plans.push_back(p);
  }
  if (!problems.empty()) return;

  std::vector<MvaStation> stations;
  int multi_server_components = 0;  // each needs one more convolution pass (its replicas share it)
  for (const Plan& p : plans) {
    for (int k = 0; k < p.replicas; ++k)
      stations.push_back({scenario.components[p.index].name, p.servers, p.demand_s / p.replicas});
    multi_server_components += p.servers > 1 ? 1 : 0;
  }
  const double work = static_cast<double>(stations.size() + 1) * (multi_server_components + 1) * n * n;
  if (multi_server_components > 0 && work > kMaxConvolutionWork) {
    problems.push_back("population " + std::to_string(n) + " with " + std::to_string(stations.size()) +
                       " stations is too large for the exact multi-server solution in an interactive check");
    return;
  }
  const double think_s = source.think_time.mean();
  const MvaResult mva = solveClosedMva(stations, think_s, n);
  if (!mva.ok) {
    problems.push_back("closed network solution failed: " + mva.error);
    return;
  }

  report.model = "closed product-form network, exact MVA (population " + std::to_string(n) + ", think time " +
                 formatNumber(think_s) + " s)";
  std::size_t s = 0;
  std::vector<double> residence_per_cycle;  // R_i, all replicas, per plan
  for (const Plan& p : plans) {
    const Component& c = scenario.components[p.index];
    double queue = 0.0, busy = 0.0, utilization = 0.0;
    for (int k = 0; k < p.replicas; ++k, ++s) {
      queue += mva.stations[s].queue_length;
      busy += mva.stations[s].busy_servers;
      utilization = mva.stations[s].utilization;  // identical replicas
    }
    const double throughput = mva.throughput_per_s * p.visits;
    residence_per_cycle.push_back(mva.throughput_per_s > 0.0 ? queue / mva.throughput_per_s : 0.0);
    report.entity_models.push_back({c.name, p.model});
    report.set(c.name, "arrival_rate_per_s", throughput);
    report.set(c.name, "throughput_per_s", throughput);
    report.set(c.name, "mean_in_system", queue);
    report.set(c.name, "response_mean_s", throughput > 0.0 ? queue / throughput : 0.0);
    if (p.servers == 0) {
      report.set(c.name, "mean_queue_length", 0.0);
      report.set(c.name, "waiting_mean_s", 0.0);
      continue;
    }
    // Requests beyond the busy servers: waiting (FCFS) or sharing cores (PS); Little on the servers gives busy.
    const double waiting = std::max(0.0, queue - busy);
    report.set(c.name, "utilization", utilization);
    report.set(c.name, "mean_queue_length", waiting);
    report.set(c.name, "waiting_mean_s", p.fcfs && throughput > 0.0 ? waiting / throughput : 0.0);
  }
  const std::string all = endToEndEntity();
  report.set(all, "arrival_rate_per_s", mva.throughput_per_s);
  report.set(all, "throughput_per_s", mva.throughput_per_s);
  report.set(all, "error_ratio", 0.0);
  report.set(all, "response_mean_s", n / mva.throughput_per_s - think_s);
  if (t.classes.size() > 1) {
    // One chain: an arriving request sees the same aggregate state whatever its class, and its residence is
    // linear in its own mean service (R_ir = D_ir (1 + Q_i(N-1)) and the load-dependent analogue), so a
    // class-r visit takes S_ir * R_i / D_i.
    for (std::size_t r = 0; r < t.classes.size(); ++r) {
      double response = 0.0;
      for (std::size_t k = 0; k < plans.size(); ++k) {
        const Plan& p = plans[k];
        if (!(p.demand_s > 0.0)) continue;
        // visits per class-r request (t.visits is per user cycle, and a cycle is class r w.p. class_input[r])
        const double visits =
            t.visits(static_cast<Eigen::Index>(p.index), static_cast<Eigen::Index>(r)) / t.class_input[r];
        response += visits * t.profiles[p.index][r].mean_s * residence_per_cycle[k] / p.demand_s;
      }
      const std::string e = endToEndEntity(t.classes[r]);
      report.set(e, "throughput_per_s", mva.throughput_per_s * t.class_input[r]);
      report.set(e, "arrival_rate_per_s", mva.throughput_per_s * t.class_input[r]);
      report.set(e, "response_mean_s", response);
    }
  }
  report.notes.push_back("closed network: think time and delay stations are insensitive; only their means matter");
  report.notes.push_back("closed network: no response percentiles (MVA gives mean values only)");
}

}  // namespace headroom::analytic
