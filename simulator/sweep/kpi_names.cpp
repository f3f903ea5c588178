#include "simulator/sweep/kpi_names.h"

#include <stdexcept>
#include <utility>

#include "model/database_lowering.h"
#include "simulator/compiled_model.h"
#include "simulator/feature_metrics.h"

namespace headroom::sweep {
namespace {

std::vector<std::pair<std::string, const Estimate*>> latencyNames(const std::string& prefix, const LatencyEstimates& l) {
  std::vector<std::pair<std::string, const Estimate*>> out{{prefix + "_mean_s", &l.mean_s}};
  for (int q = 0; q < kNumReportedQuantiles; ++q) out.emplace_back(prefix + "_" + quantileLabel(q) + "_s", &l.quantile_s[q]);
  return out;
}

std::vector<std::pair<std::string, const Estimate*>> metricsOf(const ComponentResult& c) {
  std::vector<std::pair<std::string, const Estimate*>> m{
      {"arrival_rate_per_s", &c.arrival_rate_per_s}, {"throughput_per_s", &c.throughput_per_s},
      {"utilization", &c.utilization},               {"mean_queue_length", &c.mean_queue_length},
      {"mean_in_system", &c.mean_in_system},         {"rejection_ratio", &c.rejection_ratio},
      {"rejections_per_s", &c.rejections_per_s},     {"timeouts_per_s", &c.timeouts_per_s},
      {"failures_per_s", &c.failures_per_s}};
  for (auto& e : latencyNames("response", c.response)) m.push_back(e);
  for (auto& e : latencyNames("waiting", c.waiting)) m.push_back(e);
  for (const auto& [name, estimate] : c.features) m.emplace_back(name, &estimate);
  return m;
}

std::vector<std::pair<std::string, const Estimate*>> metricsOf(const EndToEndResult& e) {
  std::vector<std::pair<std::string, const Estimate*>> m{{"arrival_rate_per_s", &e.arrival_rate_per_s},
                                                          {"throughput_per_s", &e.throughput_per_s},
                                                          {"error_ratio", &e.error_ratio},
                                                          {"errors_per_s", &e.errors_per_s}};
  for (auto& x : latencyNames("response", e.response)) m.push_back(x);
  return m;
}

std::string entityName(const EndToEndResult& e) {
  return e.request_class == "all" ? "end_to_end" : "end_to_end[" + e.request_class + "]";
}

// Names only need the shape of a result, so the catalogue fills a result with empty estimates.
RunResult shapeOf(const Scenario& scenario) {
  const CompiledModel model = compileModel(lowerDatabases(scenario));
  RunResult r;
  for (std::size_t c = 0; c < model.components.size(); ++c) {
    ComponentResult cr;
    cr.name = model.components[c].name;
    for (const auto& f : featureMetrics(model, c)) cr.features.emplace_back(f.name, Estimate{});
    r.components.push_back(std::move(cr));
  }
  for (std::size_t i = 0; i <= model.classes.size(); ++i) {
    EndToEndResult e;
    e.request_class = i == 0 ? "all" : model.classes[i - 1];
    r.end_to_end.push_back(std::move(e));
  }
  return r;
}

template <typename F>
void forEachKpi(const RunResult& r, F&& f) {
  for (const auto& e : r.end_to_end)
    for (const auto& [metric, estimate] : metricsOf(e)) f(entityName(e) + "." + metric, *estimate);
  for (const auto& c : r.components)
    for (const auto& [metric, estimate] : metricsOf(c)) f(c.name + "." + metric, *estimate);
}

}  // namespace

std::vector<std::string> kpiCatalogue(const Scenario& scenario) {
  std::vector<std::string> names;
  forEachKpi(shapeOf(scenario), [&](const std::string& name, const Estimate&) { names.push_back(name); });
  return names;
}

double kpiValue(const RunResult& result, const std::string& name) {
  // Entities first: a component name may itself contain dots.
  for (const auto& e : result.end_to_end) {
    const std::string entity = entityName(e) + ".";
    if (name.rfind(entity, 0) != 0) continue;
    for (const auto& [metric, estimate] : metricsOf(e))
      if (name.compare(entity.size(), std::string::npos, metric) == 0) return estimate->mean;
  }
  for (const auto& c : result.components) {
    const std::string entity = c.name + ".";
    if (name.rfind(entity, 0) != 0) continue;
    for (const auto& [metric, estimate] : metricsOf(c))
      if (name.compare(entity.size(), std::string::npos, metric) == 0) return estimate->mean;
  }
  throw std::invalid_argument("the run result has no KPI '" + name + "'");
}

}  // namespace headroom::sweep
