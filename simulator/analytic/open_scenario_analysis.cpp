// Open sources: a single station (M/M/c, M/M/c/K, M/G/1, M/G/c-PS with or without a bound, M/G/inf) or an
// open product-form network of such stations (Jackson for FCFS exponential stations, BCMP for PS and delay
// stations), one traffic equation per request class.
#include <cmath>

#include "simulator/run_result.h"
#include "simulator/analytic/general_service_queues.h"
#include "simulator/analytic/markovian_queues.h"
#include "simulator/analytic/response_time_distribution.h"
#include "simulator/analytic/scenario_analysis_detail.h"

namespace headroom::analytic {
namespace {

enum class StationKind { MMc, MMcK, MG1, PS, PSK, Delay };

// The finite-capacity law is a vector of K + 1 probabilities; beyond this the memory and time stop being
// reasonable for an interactive check.
constexpr long long kMaxFiniteCapacity = 1'000'000;
// Percentiles of M/M/c/K cost O(K) per evaluation of the survival function, times the bisection.
constexpr int kMaxPercentileCapacity = 10'000;

struct Station {
  std::size_t index = 0;
  StationKind kind = StationKind::MMc;
  int servers = 1;
  int replicas = 1;
  int capacity = 0;              // K per replica (finite kinds)
  double arrival_per_s = 0.0;    // all replicas
  ServiceProfile profile;        // FCFS: the common profile; PS/delay: mean = load-weighted mean
  double work_per_s = 0.0;       // offered work sum_r lambda_r E[S_r], all replicas (Erlangs)
  QueueMetrics per_replica;
};

std::string arrivalProblem(const Source& s) {
  const bool poisson = s.arrivals == Source::Arrivals::Poisson ||
                       (s.arrivals == Source::Arrivals::Renewal && s.interarrival_cv == 1.0);
  if (poisson) return {};
  if (s.arrivals == Source::Arrivals::Deterministic)
    return "source '" + s.name + "': deterministic arrivals are not Poisson";
  return "source '" + s.name + "': renewal arrivals with cv " + formatNumber(s.interarrival_cv) + " are not Poisson";
}

std::string kindModel(const Station& st) {
  const std::string c = std::to_string(st.servers);
  switch (st.kind) {
    case StationKind::MMc: return st.servers == 1 ? "M/M/1" : "M/M/" + c;
    case StationKind::MMcK: return "M/M/" + c + "/" + std::to_string(st.capacity);
    case StationKind::MG1: return "M/G/1 (Pollaczek-Khinchine)";
    case StationKind::PS: return "M/G/" + c + "-PS";
    case StationKind::PSK: return "M/G/" + c + "/" + std::to_string(st.capacity) + "-PS";
    case StationKind::Delay: return "M/G/inf (delay)";
  }
  return "?";
}

// Decides the station model of visited component i, or adds the reason it has none.
std::optional<Station> planStation(const Scenario& scenario, const ScenarioTraffic& t, std::size_t i, bool network,
                                   std::vector<std::string>& problems) {
  const Component& c = scenario.components[i];
  Station st;
  st.index = i;
  st.arrival_per_s = t.componentVisits(i);
  for (std::size_t r = 0; r < t.classes.size(); ++r)
    st.work_per_s += t.visits(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(r)) * t.profiles[i][r].mean_s;
  st.profile.mean_s = st.arrival_per_s > 0.0 ? st.work_per_s / st.arrival_per_s : 0.0;
  const std::string name = "component '" + c.name + "'";
  // No work at all (deterministic 0 and no steps): nothing ever waits, whatever the discipline.
  if (c.type == Component::Type::Delay || !(st.work_per_s > 0.0)) {
    st.kind = StationKind::Delay;
    st.servers = 0;
    return st;
  }
  st.servers = c.workers_per_replica;
  st.replicas = c.replicas;
  if (std::string b = balancerProblem(c); !b.empty()) {
    problems.push_back(b);
    return std::nullopt;
  }
  if (c.queue_capacity) {
    if (network) {
      problems.push_back(name + ": queue_capacity makes it block; blocking in a network is not product form");
      return std::nullopt;
    }
    const long long capacity = static_cast<long long>(c.workers_per_replica) + *c.queue_capacity;
    if (capacity > kMaxFiniteCapacity) {
      problems.push_back(name + ": workers + queue_capacity = " + std::to_string(capacity) +
                         " is too large for the exact finite-queue solution (leave the queue unbounded)");
      return std::nullopt;
    }
    st.capacity = static_cast<int>(capacity);
  }
  if (c.discipline == Component::Discipline::ProcessorSharing) {
    st.kind = c.queue_capacity ? StationKind::PSK : StationKind::PS;
    return st;
  }
  const std::optional<ServiceProfile> common = commonProfile(scenario, t, i, problems);
  if (!common) return std::nullopt;
  st.profile = *common;
  if (common->exponential) {
    st.kind = c.queue_capacity ? StationKind::MMcK : StationKind::MMc;
    return st;
  }
  const std::string scv = formatNumber(common->second_moment_s2 / (common->mean_s * common->mean_s) - 1.0);
  if (network) {
    problems.push_back(name + ": FCFS with non-exponential service (scv " + scv +
                       ") in a network is not product form (BCMP needs exponential service at FCFS stations)");
  } else if (c.queue_capacity) {
    problems.push_back(name + ": M/G/1/K (FCFS, non-exponential service, bounded queue) has no closed form here");
  } else if (c.workers_per_replica > 1) {
    problems.push_back(name + ": M/G/c FCFS with non-exponential service (scv " + scv + ") and " +
                       std::to_string(c.workers_per_replica) + " workers has no exact closed form");
  } else {
    st.kind = StationKind::MG1;
    return st;
  }
  return std::nullopt;
}

QueueMetrics solveStation(const Station& st) {
  const double lambda = st.arrival_per_s / st.replicas;
  const double mean = st.profile.mean_s;
  switch (st.kind) {
    case StationKind::MMc: return mmc(lambda, 1.0 / mean, st.servers);
    case StationKind::MMcK: return mmck(lambda, 1.0 / mean, st.servers, st.capacity);
    case StationKind::MG1: return mg1Fcfs(lambda, mean, st.profile.second_moment_s2);
    case StationKind::PS: return mgcProcessorSharing(lambda, mean, st.servers);
    case StationKind::PSK: {
      // Truncated symmetric queue: the M/M/c/K number-in-system law, insensitive; no one waits unserved.
      QueueMetrics m = mmck(lambda, 1.0 / mean, st.servers, st.capacity);
      m.waiting_mean_s = 0.0;
      return m;
    }
    case StationKind::Delay: return mgInfinity(lambda, mean);
  }
  return {};
}

// Per-visit mean response of class r at the station (differs by class only under PS and delay).
double classResponse(const Station& st, const ScenarioTraffic& t, std::size_t r) {
  const double own_mean = t.profiles[st.index][r].mean_s;
  switch (st.kind) {
    case StationKind::Delay:
      return own_mean;
    case StationKind::PS:
    case StationKind::PSK: {
      // symmetric queue: class r holds the share a_r / a of the requests present
      const double admitted_work = st.work_per_s / st.replicas * (1.0 - st.per_replica.blocking_probability);
      return admitted_work > 0.0 ? own_mean * st.per_replica.mean_in_system / admitted_work : own_mean;
    }
    default:
      return st.per_replica.response_mean_s;
  }
}

}  // namespace

void analyzeOpenScenario(const Scenario& scenario, const std::vector<const Source*>& sources, AnalyticReport& report) {
  std::vector<std::string>& problems = report.not_applicable;
  for (const Source* s : sources) {
    if (std::string p = arrivalProblem(*s); !p.empty()) problems.push_back(p);
    if (!s->rate.isStationary())
      problems.push_back("source '" + s->name + "': the " + s->rate.kindName() +
                         " rate curve is not stationary (trend, seasonality or spikes)");
  }
  const ScenarioTraffic t = buildTraffic(scenario, sources, false);
  problems.insert(problems.end(), t.problems.begin(), t.problems.end());
  double total_input = 0.0;
  for (double g : t.class_input) total_input += g;
  if (!(total_input > 0.0)) problems.push_back("the open sources offer no traffic (rate 0 at t = 0)");
  if (!problems.empty()) return;

  bool network = t.visitedCount() > 1;
  for (std::size_t i = 0; i < scenario.components.size(); ++i) network = network || (t.visited(i) && t.routes_onward[i]);

  std::vector<Station> stations;
  for (std::size_t i = 0; i < scenario.components.size(); ++i) {
    if (!t.visited(i)) continue;
    if (auto st = planStation(scenario, t, i, network, problems)) stations.push_back(*st);
  }
  if (!problems.empty()) return;
  for (Station& st : stations) {
    st.per_replica = solveStation(st);
    if (!st.per_replica.stable)
      problems.push_back("component '" + scenario.components[st.index].name + "' is overloaded: utilization " +
                         formatNumber(st.per_replica.utilization) + " >= 1 (offered " + formatNumber(st.work_per_s) +
                         " Erlangs to " + std::to_string(st.servers * st.replicas) + " workers)");
  }
  if (!problems.empty()) return;

  report.model = network ? "open product-form network (Jackson/BCMP), " + std::to_string(stations.size()) + " stations"
                         : withReplicas(kindModel(stations.front()), scenario.components[stations.front().index]);
  double total_in_system = 0.0, blocking = 0.0;
  for (const Station& st : stations) {
    const Component& c = scenario.components[st.index];
    const QueueMetrics& m = st.per_replica;
    const double throughput = st.arrival_per_s * (1.0 - m.blocking_probability);
    const double in_system = m.mean_in_system * st.replicas;
    const double queue = m.mean_queue_length * st.replicas;
    total_in_system += in_system;
    blocking = m.blocking_probability;  // only ever non-zero for a single station
    report.entity_models.push_back({c.name, withReplicas(kindModel(st), c)});
    report.set(c.name, "arrival_rate_per_s", st.arrival_per_s);
    report.set(c.name, "throughput_per_s", throughput);
    if (st.kind != StationKind::Delay) report.set(c.name, "utilization", m.utilization);
    report.set(c.name, "mean_in_system", in_system);
    report.set(c.name, "mean_queue_length", queue);
    report.set(c.name, "response_mean_s", throughput > 0.0 ? in_system / throughput : st.profile.mean_s);
    report.set(c.name, "waiting_mean_s", m.waiting_mean_s);
    if (st.kind == StationKind::MMcK || st.kind == StationKind::PSK)
      report.set(c.name, "rejection_ratio", m.blocking_probability);
    const bool finite_percentiles = st.kind == StationKind::MMcK && st.capacity <= kMaxPercentileCapacity;
    if (finite_percentiles) {
      for (int q = 0; q < kNumReportedQuantiles; ++q)
        report.set(c.name, responseQuantileKpi(q),
                   mmckResponseQuantile(st.arrival_per_s / st.replicas, 1.0 / st.profile.mean_s, st.servers,
                                        st.capacity, kReportedQuantiles[q]));
    } else if (st.kind == StationKind::MMc) {
      for (int q = 0; q < kNumReportedQuantiles; ++q)
        report.set(c.name, responseQuantileKpi(q),
                   mmcResponseQuantile(st.arrival_per_s / st.replicas, 1.0 / st.profile.mean_s, st.servers,
                                       kReportedQuantiles[q]));
      if (network)
        report.notes.push_back("component '" + c.name + "': per-visit response percentiles are M/M/" +
                               std::to_string(st.servers) +
                               " ones, exact in an open Jackson network because arrivals see the time-stationary "
                               "state (arrival theorem)");
    } else {
      const char* why = st.kind == StationKind::Delay ? "a delay's response is its service-time distribution"
                        : st.kind == StationKind::MG1 ? "M/G/1 has only a mean-value formula here"
                        : st.kind == StationKind::MMcK ? "M/M/c/K percentiles are only computed up to K = 10000"
                                                       : "processor-sharing sojourn times have no simple closed form";
      report.notes.push_back("component '" + c.name + "': no response percentiles (" + why + ")");
    }
  }

  // End to end: Little's law over the whole network; per class, the visit-weighted per-visit responses.
  const std::string all = endToEndEntity();
  report.set(all, "arrival_rate_per_s", total_input);
  report.set(all, "throughput_per_s", total_input * (1.0 - blocking));
  report.set(all, "error_ratio", blocking);
  report.set(all, "response_mean_s", total_in_system / (total_input * (1.0 - blocking)));
  const bool single_pass = !network;
  const bool e2e_percentiles = single_pass && report.find(scenario.components[stations.front().index].name,
                                                          responseQuantileKpi(0));
  if (e2e_percentiles) {
    for (int q = 0; q < kNumReportedQuantiles; ++q)
      report.set(all, responseQuantileKpi(q), *report.find(scenario.components[stations.front().index].name,
                                                            responseQuantileKpi(q)));
  } else if (network) {
    report.notes.push_back("end-to-end response percentiles are not given for a network: the sojourn times at "
                           "successive stations are not independent in general");
  }
  if (t.classes.size() > 1) {
    for (std::size_t r = 0; r < t.classes.size(); ++r) {
      const std::string e = endToEndEntity(t.classes[r]);
      const double gamma = t.class_input[r];
      double response = 0.0;
      for (const Station& st : stations)
        response += t.visits(static_cast<Eigen::Index>(st.index), static_cast<Eigen::Index>(r)) / gamma *
                    classResponse(st, t, r);
      report.set(e, "arrival_rate_per_s", gamma);
      report.set(e, "throughput_per_s", gamma * (1.0 - blocking));
      report.set(e, "error_ratio", blocking);
      report.set(e, "response_mean_s", response);
      if (e2e_percentiles)
        for (int q = 0; q < kNumReportedQuantiles; ++q)
          report.set(e, responseQuantileKpi(q), *report.find(all, responseQuantileKpi(q)));
    }
  }
  for (const Station& st : stations)
    if (st.kind == StationKind::PS || st.kind == StationKind::PSK || st.kind == StationKind::Delay)
      report.notes.push_back("component '" + scenario.components[st.index].name +
                             "': processor-sharing and delay stations are insensitive; only the mean service time "
                             "matters");
}

}  // namespace headroom::analytic
