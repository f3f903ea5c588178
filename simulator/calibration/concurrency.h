#pragma once
// How many servers (workers) a component has, inferred from monitoring data where the data allow it:
//  1. a busy-workers gauge that PLATEAUS: when every worker is busy for several samples, the plateau is the count;
//  2. an in-flight gauge that plateaus (a server without its own queue: requests in flight = busy workers), checked
//     against Little's law (mean in-flight = throughput x mean latency) when both are given;
//  3. the throughput plateau: at saturation Σ_k X_k S_k = c, with S_k from the utilization law.
// A gauge that never plateaus gives only a LOWER bound: the answer is then "not determined" with a message that asks
// for --servers and says the bound. Pure; thread-safe.
#include <optional>
#include <string>
#include <vector>

#include "model/time_series.h"

namespace headroom {

struct ConcurrencyInputs {
  TimeSeries busy_workers;          // instantaneous or interval-average count of busy workers ("count" / "")
  TimeSeries in_flight;             // requests in flight at the component
  TimeSeries throughput;            // total req/s (Little's-law check)
  TimeSeries latency_mean;          // mean response time, s (Little's-law check)
  TimeSeries busy_from_demand;      // Σ_k X_k S_k per sample (busy servers implied by the demand fit)
  std::optional<int> given_servers; // --servers: used as is, cross-checked against the data
};

struct ConcurrencyOptions {
  int plateau_samples = 3;          // at least this many samples within the tolerance of the maximum
  double plateau_tolerance = 0.02;  // relative distance from the nearest integer and from the maximum
};

struct ConcurrencyEstimate {
  bool ok = false;
  int servers = 0;
  std::string method;               // "given (--servers)", "busy-workers plateau", ...
  std::string series;               // the series it came from
  int samples_used = 0;
  double lower_bound = 0.0;         // the highest count seen (when not ok: what --servers must be at least)
  std::string message;              // why it could not be inferred (asks for --servers)
  std::vector<std::string> notes;
};

ConcurrencyEstimate inferConcurrency(const ConcurrencyInputs& inputs, const ConcurrencyOptions& options = {});

}  // namespace headroom
