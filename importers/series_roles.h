#pragma once
// What an imported series IS, as the user says it in the import dialog (the file rarely says): the traffic of a
// request class, the component's utilization, its busy workers, requests in flight, or a latency percentile of a
// class. Applying a role gives the series the stable name and labels that `headroom-cli calibrate` and `backtest`
// select by default (`throughput{class="browse"}`, `utilization`, `busy_workers`, `in_flight`,
// `latency{class="browse",quantile="0.95"}`), keeping the file's metric name in the label `source_metric`.
// Plain C++; pure.
#include <map>
#include <string>
#include <vector>

#include "importers/import_types.h"

namespace headroom {

enum class SeriesRole { Keep, Traffic, Utilization, BusyWorkers, InFlight, LatencyPercentile, LatencyMean };

const char* toString(SeriesRole role);           // "keep", "traffic", ...
const char* roleDisplayName(SeriesRole role);    // "traffic of a class", ...
std::vector<SeriesRole> allSeriesRoles();
// The canonical metric name a role gives ("throughput", ...); empty for Keep.
std::string roleMetricName(SeriesRole role);

struct RoleAssignment {
  SeriesRole role = SeriesRole::Keep;
  std::string request_class;  // Traffic, LatencyPercentile, LatencyMean
  std::string quantile;       // LatencyPercentile: "0.5", "0.95", "0.99", ...
};

// A first guess from the unit and the labels: a rate -> traffic (class from an endpoint/route/handler/class label),
// ratio/percent -> utilization, seconds with a quantile label -> that percentile, else Keep.
RoleAssignment guessRole(const TimeSeries& series);

// Applies assignments[i] to result.series[i] (sizes must match). Throws ImportError naming the series when a role
// does not fit its unit (a percentile that is not a duration, utilization that is not a ratio/percent, traffic that
// is not a rate or count) or when a class or quantile is missing.
void applySeriesRoles(ImportResult& result, const std::vector<RoleAssignment>& assignments, const std::string& fileName);

}  // namespace headroom
