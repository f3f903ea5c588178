#pragma once
// Response-time (sojourn-time) distributions of FCFS Markovian queues, for percentiles.
//   - M/M/1 FCFS: T ~ Exponential(mu - lambda), so t_p = -ln(1 - p) / (mu - lambda).
//   - M/M/c FCFS: T = Wq + S with P(Wq > t) = C e^{-(c mu - lambda) t} (C = Erlang C) and S ~ Exp(mu)
//     independent, giving a closed-form survival function (Gross et al., "Fundamentals of Queueing
//     Theory", section 2.3.2); quantiles by bisection on it.
//   - M/M/c/K FCFS, admitted requests: an arrival that finds n < K present is served after
//     k = max(0, n - c + 1) departures at rate c mu, then its own Exp(mu) service. Uniformized at rate
//     theta = c mu, every departure event ends one phase and the final phase ends with probability
//     1/c per event, so P(T > t) = sum_m Poisson(m; theta t) sum_k w_k (1 - 1/c)^max(0, m - k), a sum of
//     positive terms (no cancellation), with w_k the arrival-seen law pi_n / (1 - pi_K) grouped by k.
//   - Processor-sharing sojourn times have no simple closed form: no function here on purpose.
// Units: rates in REQUESTS PER SECOND (mu per server), t and quantiles in SECONDS, p in (0, 1).
// Pure functions, any thread. Return NaN when the queue is unstable or an argument is out of range.
namespace headroom::analytic {

double mm1ResponseQuantile(double arrival_rate_per_s, double service_rate_per_s, double p);

// P(T > t) for M/M/c FCFS. Handles c mu - lambda == mu (the two exponential rates coincide) exactly.
double mmcResponseSurvival(double arrival_rate_per_s, double service_rate_per_s, int servers, double t_s);

// Smallest t with P(T <= t) >= p, by bisection to ~1e-12 relative precision.
double mmcResponseQuantile(double arrival_rate_per_s, double service_rate_per_s, int servers, double p);

// M/M/c/K, admitted requests (capacity K >= c counts those in service). Any load (always stable).
// Cost O(theta t + K) per evaluation.
double mmckResponseSurvival(double arrival_rate_per_s, double service_rate_per_s, int servers, int capacity,
                            double t_s);
double mmckResponseQuantile(double arrival_rate_per_s, double service_rate_per_s, int servers, int capacity,
                            double p);

}  // namespace headroom::analytic
