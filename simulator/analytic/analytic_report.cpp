#include "simulator/analytic/analytic_report.h"

namespace headroom {

std::string endToEndEntity(const std::string& request_class) {
  return request_class == "all" ? std::string(kEndToEndEntity) : std::string(kEndToEndEntity) + ":" + request_class;
}

const char* responseQuantileKpi(int index) {
  static constexpr const char* kNames[] = {"response_p50_s", "response_p90_s", "response_p95_s", "response_p99_s",
                                           "response_p999_s"};
  return index >= 0 && index < 5 ? kNames[index] : "";
}

std::optional<double> AnalyticReport::find(const std::string& entity, const std::string& kpi) const {
  for (const AnalyticKpi& k : kpis)
    if (k.entity == entity && k.kpi == kpi) return k.value;
  return std::nullopt;
}

void AnalyticReport::set(const std::string& entity, const std::string& kpi, double value) {
  for (AnalyticKpi& k : kpis) {
    if (k.entity == entity && k.kpi == kpi) {
      k.value = value;
      return;
    }
  }
  kpis.push_back({entity, kpi, value});
}

}  // namespace headroom
