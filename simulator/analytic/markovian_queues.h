#pragma once
// Birth-death queues with Poisson arrivals and exponential service: M/M/1, M/M/c (Erlang C) and M/M/c/K.
// References: Kleinrock, "Queueing Systems, Vol. 1" (1975), ch. 3; Gross, Shortle, Thompson & Harris,
// "Fundamentals of Queueing Theory" (4th ed.), sections 2.2-2.5.
//
// Units: arrival_rate_per_s and service_rate_per_s in REQUESTS PER SECOND (service_rate is per server,
// i.e. 1 / mean service time), times in SECONDS. Pure functions, callable from any thread.
#include <vector>

#include "simulator/analytic/queue_metrics.h"

namespace headroom::analytic {

// Erlang B (loss) probability for `servers` servers and offered load `offered_load` = lambda/mu (Erlangs),
// computed by the recursion B(k) = a B(k-1) / (k + a B(k-1)), which never overflows (stable for c >> 1000).
double erlangB(int servers, double offered_load);

// Erlang C: probability that an arrival has to wait in M/M/c. Requires offered_load < servers (else 1).
double erlangC(int servers, double offered_load);

// M/M/1: requires arrival < service rate for stable = true.
QueueMetrics mm1(double arrival_rate_per_s, double service_rate_per_s);

// M/M/c FCFS: P(wait) = Erlang C, Wq = C / (c mu - lambda), W = Wq + 1/mu, L = lambda W, Lq = lambda Wq.
QueueMetrics mmc(double arrival_rate_per_s, double service_rate_per_s, int servers);

// Stationary distribution of M/M/c/K: pi[n] for n = 0..capacity, where capacity K >= servers counts the
// requests in service plus the waiting places. Computed in log space so large c and K stay finite.
std::vector<double> mmckDistribution(double arrival_rate_per_s, double service_rate_per_s, int servers,
                                     int capacity);

// M/M/c/K: blocking = pi[K], throughput = lambda (1 - pi[K]); W and Wq by Little's law on ADMITTED
// requests (W = L / throughput). Always stable.
QueueMetrics mmck(double arrival_rate_per_s, double service_rate_per_s, int servers, int capacity);

}  // namespace headroom::analytic
