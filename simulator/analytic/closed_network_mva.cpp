#include "simulator/analytic/closed_network_mva.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace headroom::analytic {
namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

double logSumExp(double a, double b) {
  if (a == kNegInf) return b;
  if (b == kNegInf) return a;
  const double hi = std::max(a, b);
  return hi + std::log1p(std::exp(std::min(a, b) - hi));
}

// log f(k), k = 0..n, of a station with `servers` servers (0 = infinite) and demand D > 0.
std::vector<double> logFactor(int servers, double demand_s, int n) {
  std::vector<double> f(static_cast<std::size_t>(n) + 1, 0.0);
  const double log_d = std::log(demand_s);
  for (int k = 1; k <= n; ++k) {
    const int divisor = servers == 0 ? k : std::min(k, servers);
    f[static_cast<std::size_t>(k)] = f[static_cast<std::size_t>(k - 1)] + log_d - std::log(double(divisor));
  }
  return f;
}

std::vector<double> convolve(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> out(a.size(), kNegInf);
  for (std::size_t n = 0; n < a.size(); ++n)
    for (std::size_t k = 0; k <= n; ++k) out[n] = logSumExp(out[n], a[k] + b[n - k]);
  return out;
}

MvaResult classicMva(const std::vector<MvaStation>& stations, double think_time_s, int population) {
  MvaResult r;
  const std::size_t m = stations.size();
  std::vector<double> q(m, 0.0), res(m, 0.0);
  double x = 0.0;
  for (int n = 1; n <= population; ++n) {
    double total_r = 0.0;
    for (std::size_t i = 0; i < m; ++i) {
      res[i] = stations[i].servers == 0 ? stations[i].demand_s : stations[i].demand_s * (1.0 + q[i]);
      total_r += res[i];
    }
    x = n / (think_time_s + total_r);
    for (std::size_t i = 0; i < m; ++i) q[i] = x * res[i];
  }
  r.throughput_per_s = x;
  r.stations.resize(m);
  for (std::size_t i = 0; i < m; ++i) {
    r.stations[i].residence_s = population > 0 ? res[i] : 0.0;
    r.stations[i].queue_length = q[i];
  }
  return r;
}

MvaResult convolution(const std::vector<MvaStation>& stations, double think_time_s, int population) {
  MvaResult r;
  const std::size_t m = stations.size();
  const int n = population;
  std::vector<std::vector<double>> f(m);
  for (std::size_t i = 0; i < m; ++i)
    if (stations[i].demand_s > 0.0) f[i] = logFactor(stations[i].servers, stations[i].demand_s, n);
  // G of everything; the think station is a delay with demand Z.
  auto allBut = [&](std::size_t skip) {
    std::vector<double> g(static_cast<std::size_t>(n) + 1, kNegInf);
    g[0] = 0.0;
    if (think_time_s > 0.0) g = logFactor(0, think_time_s, n);
    for (std::size_t i = 0; i < m; ++i)
      if (i != skip && !f[i].empty()) g = convolve(g, f[i]);
    return g;
  };
  const std::vector<double> g = allBut(m);
  const auto un = static_cast<std::size_t>(n);
  r.throughput_per_s = n > 0 ? std::exp(g[un - 1] - g[un]) : 0.0;
  r.stations.resize(m);
  // Identical stations (the replicas of one component) share G without themselves: computed once.
  std::vector<std::pair<std::size_t, std::vector<double>>> rest_cache;
  auto restFor = [&](std::size_t i) -> const std::vector<double>& {
    for (const auto& [j, rest] : rest_cache)
      if (stations[j].servers == stations[i].servers && stations[j].demand_s == stations[i].demand_s) return rest;
    rest_cache.emplace_back(i, allBut(i));
    return rest_cache.back().second;
  };
  for (std::size_t i = 0; i < m; ++i) {
    const MvaStation& s = stations[i];
    double q = 0.0;
    if (f[i].empty() || n == 0) {
      q = 0.0;
    } else if (s.servers == 0) {
      q = r.throughput_per_s * s.demand_s;
    } else if (s.servers == 1) {
      // Q_i = sum_k D^k G(N-k) / G(N)
      for (int k = 1; k <= n; ++k) q += std::exp(k * std::log(s.demand_s) + g[un - k] - g[un]);
    } else {
      const std::vector<double>& rest = restFor(i);
      for (int k = 1; k <= n; ++k) q += k * std::exp(f[i][static_cast<std::size_t>(k)] + rest[un - k] - g[un]);
    }
    r.stations[i].queue_length = q;
    r.stations[i].residence_s = r.throughput_per_s > 0.0 ? q / r.throughput_per_s : 0.0;
  }
  return r;
}

}  // namespace

MvaResult solveClosedMva(const std::vector<MvaStation>& stations, double think_time_s, int population) {
  MvaResult r;
  r.population = population;
  if (population < 0 || !(think_time_s >= 0.0)) {
    r.error = "population and think time must be >= 0";
    return r;
  }
  bool load_dependent = false;
  double total_demand = think_time_s;
  for (const MvaStation& s : stations) {
    if (s.servers < 0 || !(s.demand_s >= 0.0) || !std::isfinite(s.demand_s)) {
      r.error = "station '" + s.name + "' has a negative or non-finite demand or server count";
      return r;
    }
    load_dependent = load_dependent || (s.servers > 1 && s.demand_s > 0.0);
    total_demand += s.demand_s;
  }
  if (population > 0 && !(total_demand > 0.0)) {
    r.error = "zero think time and zero demands: throughput is unbounded";
    return r;
  }
  MvaResult solved = load_dependent ? convolution(stations, think_time_s, population)
                                    : classicMva(stations, think_time_s, population);
  solved.population = population;
  solved.ok = true;
  for (std::size_t i = 0; i < stations.size(); ++i) {
    MvaStationResult& sr = solved.stations[i];
    sr.busy_servers = stations[i].servers == 0 ? sr.queue_length : solved.throughput_per_s * stations[i].demand_s;
    sr.utilization = stations[i].servers == 0 ? std::numeric_limits<double>::quiet_NaN()
                                              : sr.busy_servers / stations[i].servers;
    solved.response_s += sr.residence_s;
  }
  return solved;
}

}  // namespace headroom::analytic
