#pragma once
// Single-station queues with Poisson arrivals and a GENERAL service-time distribution, described by its
// moments only.
//   - M/G/1 FCFS, Pollaczek-Khinchine mean-value formula: Wq = lambda E[S^2] / (2 (1 - rho)).
//     (Kleinrock, "Queueing Systems, Vol. 1", section 5.7; Gross et al., "Fundamentals of Queueing
//     Theory", section 6.1.)
//   - M/G/1 processor sharing: W = E[S] / (1 - rho), L = rho / (1 - rho), insensitive to the distribution
//     beyond its mean (Kleinrock, "Queueing Systems, Vol. 2", section 4.4).
//   - M/G/c processor sharing with c cores, each request served at rate min(1, c/n) when n are present: a
//     symmetric queue in Kelly's sense ("Reversibility and Stochastic Networks", 1979, section 3.3), so
//     the number present has the M/M/c birth-death distribution for ANY service distribution with the
//     same mean; L and W equal those of M/M/c, and nobody ever waits without service.
// Units: rates in REQUESTS PER SECOND, moments in SECONDS and SECONDS^2. Pure functions, any thread.
#include "simulator/analytic/queue_metrics.h"

namespace headroom::analytic {

// M/G/1 FCFS. service_mean_s = E[S], service_second_moment_s2 = E[S^2].
QueueMetrics mg1Fcfs(double arrival_rate_per_s, double service_mean_s, double service_second_moment_s2);

// M/G/c-PS (c = 1 gives M/G/1-PS). Only the service MEAN matters (insensitivity). waiting_mean_s is 0:
// every request starts receiving service at once. mean_queue_length is E[(n - c)+], the requests beyond
// the c cores (the share of the cores they lack), which is how the simulator counts PS "waiting"; it
// equals the M/M/c Lq.
QueueMetrics mgcProcessorSharing(double arrival_rate_per_s, double service_mean_s, int cores);

// M/G/infinity (pure delay): L = lambda E[S], W = E[S], never waits. utilization is NaN (no finite
// number of servers to be busy).
QueueMetrics mgInfinity(double arrival_rate_per_s, double service_mean_s);

}  // namespace headroom::analytic
