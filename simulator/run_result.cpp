#include "simulator/run_result.h"

namespace headroom {

const char* quantileLabel(int index) {
  static const char* labels[kNumReportedQuantiles] = {"p50", "p90", "p95", "p99", "p99.9"};
  return index >= 0 && index < kNumReportedQuantiles ? labels[index] : "?";
}

const ComponentResult* RunResult::component(const std::string& name) const {
  for (const auto& c : components)
    if (c.name == name) return &c;
  return nullptr;
}

const EndToEndResult* RunResult::endToEnd(const std::string& cls) const {
  for (const auto& e : end_to_end)
    if (e.request_class == cls) return &e;
  return nullptr;
}

const SeriesResult* RunResult::findSeries(const std::string& entity, const std::string& kpi) const {
  for (const auto& s : series)
    if (s.entity == entity && s.kpi == kpi) return &s;
  for (const auto& s : class_series)
    if (s.entity == entity && s.kpi == kpi) return &s;
  return nullptr;
}

const Estimate* ComponentResult::feature(const std::string& name) const {
  for (const auto& [n, e] : features)
    if (n == name) return &e;
  return nullptr;
}

}  // namespace headroom
