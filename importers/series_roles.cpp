#include "importers/series_roles.h"

#include <cstdlib>

namespace headroom {

const char* toString(SeriesRole role) {
  switch (role) {
    case SeriesRole::Keep: return "keep";
    case SeriesRole::Traffic: return "traffic";
    case SeriesRole::Utilization: return "utilization";
    case SeriesRole::BusyWorkers: return "busy-workers";
    case SeriesRole::InFlight: return "in-flight";
    case SeriesRole::LatencyPercentile: return "latency-percentile";
    case SeriesRole::LatencyMean: return "latency-mean";
  }
  return "keep";
}

const char* roleDisplayName(SeriesRole role) {
  switch (role) {
    case SeriesRole::Keep: return "keep as imported";
    case SeriesRole::Traffic: return "traffic of a class";
    case SeriesRole::Utilization: return "utilization";
    case SeriesRole::BusyWorkers: return "busy workers";
    case SeriesRole::InFlight: return "requests in flight";
    case SeriesRole::LatencyPercentile: return "latency percentile";
    case SeriesRole::LatencyMean: return "mean latency";
  }
  return "";
}

std::vector<SeriesRole> allSeriesRoles() {
  return {SeriesRole::Keep,     SeriesRole::Traffic,           SeriesRole::Utilization, SeriesRole::BusyWorkers,
          SeriesRole::InFlight, SeriesRole::LatencyPercentile, SeriesRole::LatencyMean};
}

std::string roleMetricName(SeriesRole role) {
  switch (role) {
    case SeriesRole::Keep: return {};
    case SeriesRole::Traffic: return "throughput";
    case SeriesRole::Utilization: return "utilization";
    case SeriesRole::BusyWorkers: return "busy_workers";
    case SeriesRole::InFlight: return "in_flight";
    case SeriesRole::LatencyPercentile: return "latency";
    case SeriesRole::LatencyMean: return "latency_mean";
  }
  return {};
}

namespace {

std::string classLabelOf(const TimeSeries& s) {
  for (const char* key : {"class", "endpoint", "route", "handler", "path", "uri", "transaction", "label"}) {
    const auto it = s.labels.find(key);
    if (it != s.labels.end() && !it->second.empty()) return it->second;
  }
  return {};
}

bool isDuration(const std::string& unit) { return unit == "s"; }
bool isRate(const std::string& unit) { return unit == "1/s" || unit == "count"; }
bool isShare(const std::string& unit) { return unit == "ratio" || unit == "percent"; }

}  // namespace

RoleAssignment guessRole(const TimeSeries& s) {
  RoleAssignment a;
  if (isRate(s.unit)) {
    a.role = SeriesRole::Traffic;
    a.request_class = classLabelOf(s);
    if (a.request_class.empty()) a.request_class = "default";
  } else if (isShare(s.unit)) {
    a.role = SeriesRole::Utilization;
  } else if (isDuration(s.unit) && s.labels.count("quantile")) {
    a.role = SeriesRole::LatencyPercentile;
    a.request_class = classLabelOf(s);
    if (a.request_class.empty()) a.request_class = "default";
    a.quantile = s.labels.at("quantile");
  }
  return a;
}

void applySeriesRoles(ImportResult& result, const std::vector<RoleAssignment>& assignments, const std::string& fileName) {
  if (assignments.size() != result.series.size())
    throw ImportError(fileName, 0, "roles", std::to_string(assignments.size()) + " roles for " +
                                                std::to_string(result.series.size()) + " series");
  // Checked for every series before any is changed: a refused role leaves the result as it was.
  for (std::size_t i = 0; i < assignments.size(); ++i) {
    const TimeSeries& s = result.series[i];
    const RoleAssignment& a = assignments[i];
    const std::string field = "series '" + s.name + "'";
    auto refuse = [&](const std::string& why) { throw ImportError(fileName, 0, field, why); };
    const bool unknownUnit = s.unit.empty();
    switch (a.role) {
      case SeriesRole::Keep: break;
      case SeriesRole::Traffic:
        if (!unknownUnit && !isRate(s.unit)) refuse("traffic must be a rate (1/s) or a count, the unit is '" + s.unit + "'");
        break;
      case SeriesRole::Utilization:
        if (!unknownUnit && !isShare(s.unit)) refuse("utilization must be a ratio or percent, the unit is '" + s.unit + "'");
        break;
      case SeriesRole::BusyWorkers:
      case SeriesRole::InFlight:
        if (!unknownUnit && s.unit != "count") refuse(std::string(roleDisplayName(a.role)) + " must be a count, the unit is '" + s.unit + "'");
        break;
      case SeriesRole::LatencyPercentile:
      case SeriesRole::LatencyMean:
        if (!unknownUnit && !isDuration(s.unit)) refuse("a latency must be a duration (s), the unit is '" + s.unit + "'");
        break;
    }
    const bool needsClass = a.role == SeriesRole::Traffic || a.role == SeriesRole::LatencyPercentile || a.role == SeriesRole::LatencyMean;
    if (needsClass && a.request_class.empty()) refuse(std::string(roleDisplayName(a.role)) + " needs a request class");
    if (a.role == SeriesRole::LatencyPercentile) {
      char* end = nullptr;
      const double q = std::strtod(a.quantile.c_str(), &end);
      if (a.quantile.empty() || *end != '\0' || !(q > 0.0 && q < 1.0))
        refuse("a latency percentile needs a quantile between 0 and 1 (e.g. 0.95), got '" + a.quantile + "'");
    }
  }
  for (std::size_t i = 0; i < assignments.size(); ++i) {
    TimeSeries& s = result.series[i];
    const RoleAssignment& a = assignments[i];
    if (a.role == SeriesRole::Keep) continue;
    s.labels["source_metric"] = s.name;
    s.name = roleMetricName(a.role);
    if (!a.request_class.empty()) s.labels["class"] = a.request_class;
    if (a.role == SeriesRole::LatencyPercentile) s.labels["quantile"] = a.quantile;
    if (s.unit.empty()) {
      if (a.role == SeriesRole::Traffic) s.unit = "1/s";
      else if (a.role == SeriesRole::BusyWorkers || a.role == SeriesRole::InFlight) s.unit = "count";
    }
  }
}

}  // namespace headroom
