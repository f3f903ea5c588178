#pragma once
// Response-time (sojourn-time) distributions of FCFS Markovian queues, for percentiles.
//   - M/M/1 FCFS: T ~ Exponential(mu - lambda), so t_p = -ln(1 - p) / (mu - lambda).
//   - M/M/c FCFS: T = Wq + S with P(Wq > t) = C e^{-(c mu - lambda) t} (C = Erlang C) and S ~ Exp(mu)
//     independent, giving a closed-form survival function (Gross et al., "Fundamentals of Queueing
//     Theory", section 2.3.2); quantiles by bisection on it.
//   - Processor-sharing sojourn times have no simple closed form: no function here on purpose.
// Units: rates in REQUESTS PER SECOND (mu per server), t and quantiles in SECONDS, p in (0, 1).
// Pure functions, any thread. Return NaN when the queue is unstable or an argument is out of range.
namespace headroom::analytic {

double mm1ResponseQuantile(double arrival_rate_per_s, double service_rate_per_s, double p);

// P(T > t) for M/M/c FCFS. Handles c mu - lambda == mu (the two exponential rates coincide) exactly.
double mmcResponseSurvival(double arrival_rate_per_s, double service_rate_per_s, int servers, double t_s);

// Smallest t with P(T <= t) >= p, by bisection to ~1e-12 relative precision.
double mmcResponseQuantile(double arrival_rate_per_s, double service_rate_per_s, int servers, double p);

}  // namespace headroom::analytic
