#include "importers/prometheus_json.h"

#include "importers/json_util.h"
#include "importers/parse_util.h"
#include "importers/prometheus_json_sax.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

using jsonutil::Json;

int PrometheusJsonImporter::sniff(const std::string& head, const std::string& fileName) const {
  const char first = jsonutil::firstNonBlank(head);
  const int ext = endsWith(toLower(fileName), ".json") ? 5 : 0;
  if (first == '{' && head.find("\"resultType\"") != std::string::npos) return 90 + ext;
  if (first == '{' && head.find("\"errorType\"") != std::string::npos) return 85 + ext;
  if (first == '[' && head.find("\"metric\"") != std::string::npos &&
      (head.find("\"values\"") != std::string::npos || head.find("\"value\"") != std::string::npos))
    return 70 + ext;
  return 0;
}

namespace {

struct Context {
  const std::string& file;
  const ImportOptions& options;
  Feedback* feedback;
  SeriesBuilder builder;
  std::size_t points = 0;
  bool sawNative = false;
};

std::size_t seriesFor(Context& ctx, const Json& metric, const std::string& path) {
  std::map<std::string, std::string> labels;
  std::string name = "value";
  if (!metric.is_null()) {
    if (!metric.is_object()) throw ImportError(ctx.file, 0, path + ".metric", "expected an object");
    for (auto it = metric.begin(); it != metric.end(); ++it) {
      const std::string v = jsonutil::string(it.value(), ctx.file, path + ".metric." + it.key());
      if (it.key() == "__name__")
        name = v;
      else
        labels.emplace(it.key(), v);
    }
  }
  return ctx.builder.series(name, labels, unitFromMetricName(name).canonical);
}

// Fast path for the common well-formed pair; the JSON path for messages is only built on error.
bool tryAddSample(Context& ctx, std::size_t h, const Json& pair, double scale) {
  if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number() || !pair[1].is_string()) return false;
  double v;
  if (!parseDouble(pair[1].get_ref<const std::string&>(), v)) return false;
  ctx.builder.add(h, pair[0].get<double>(), v * scale);
  if ((++ctx.points & 0xFFFF) == 0 && ctx.feedback && ctx.feedback->isCancelled()) throw ImportCancelled(ctx.file);
  return true;
}

void addSample(Context& ctx, std::size_t h, const Json& pair, const std::string& path, double scale) {
  if (!pair.is_array() || pair.size() != 2) throw ImportError(ctx.file, 0, path, "expected [time, \"value\"]");
  const auto& t = pair[0];
  if (!t.is_number()) throw ImportError(ctx.file, 0, path + "[0]", "time must be a number (Unix seconds)");
  ctx.builder.add(h, t.get<double>(), jsonutil::number(pair[1], ctx.file, path + "[1]") * scale);
  if ((++ctx.points & 0xFFFF) == 0 && ctx.feedback && ctx.feedback->isCancelled()) throw ImportCancelled(ctx.file);
}

void readResult(Context& ctx, const Json& result, const std::string& resultType, const std::string& path) {
  if (resultType == "scalar" || resultType == "string") {
    const std::size_t h = ctx.builder.series(resultType, {}, "");
    if (resultType == "string") throw ImportError(ctx.file, 0, path, "string results carry no numeric value");
    addSample(ctx, h, result, path, 1.0);
    return;
  }
  jsonutil::array(result, ctx.file, path);
  for (std::size_t i = 0; i < result.size(); ++i) {
    const std::string p = path + jsonutil::index(i);
    const Json& item = result[i];
    if (!item.is_object()) throw ImportError(ctx.file, 0, p, "expected an object");
    const auto metricIt = item.find("metric");
    const std::size_t h = seriesFor(ctx, metricIt == item.end() ? Json() : *metricIt, p);
    const double scale = unitFromMetricName(ctx.builder.at(h).name).scale;
    if (auto v = item.find("values"); v != item.end()) {
      jsonutil::array(*v, ctx.file, p + ".values");
      for (std::size_t k = 0; k < v->size(); ++k)
        if (!tryAddSample(ctx, h, (*v)[k], scale)) addSample(ctx, h, (*v)[k], p + ".values" + jsonutil::index(k), scale);
    } else if (auto v1 = item.find("value"); v1 != item.end()) {
      addSample(ctx, h, *v1, p + ".value", scale);
    } else if (item.contains("histograms") || item.contains("histogram")) {
      ctx.sawNative = true;  // native histograms have no float value to import
    } else {
      throw ImportError(ctx.file, 0, p, "neither \"values\" nor \"value\"");
    }
  }
}

}  // namespace

ImportResult PrometheusJsonImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                          Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  checkpoint(feedback, fileName, 0, 1);
  {
    ImportResult fast;
    fast.format = id();
    if (readPrometheusJsonFast(text, fileName, feedback, fast.series, fast.warnings)) {
      if (feedback) feedback->setProgress(1.0, "imported");
      return fast;
    }
  }
  const Json doc = jsonutil::parse(text, fileName, feedback);
  checkpoint(feedback, fileName, 1, 2);
  Context ctx{fileName, options, feedback, {}};
  ImportResult out;
  out.format = id();
  if (doc.is_array()) {
    readResult(ctx, doc, "matrix", "result");
  } else if (doc.is_object()) {
    const std::string status = doc.contains("status") ? jsonutil::string(doc["status"], fileName, "status") : "success";
    if (status == "error") {
      const std::string type = doc.contains("errorType") ? doc["errorType"].dump() : "\"unknown\"";
      const std::string err = doc.contains("error") ? doc["error"].dump() : "\"\"";
      throw ImportError(fileName, 0, "status", "query failed: errorType " + type + ", error " + err);
    }
    if (status != "success") throw ImportError(fileName, 0, "status", "unexpected status \"" + status + "\"");
    if (auto w = doc.find("warnings"); w != doc.end() && w->is_array())
      for (const auto& item : *w) out.warnings.push_back({WarningKind::PartialData, 0, "Prometheus warning: " + item.dump()});
    const Json& data = jsonutil::member(doc, "data", fileName, "");
    const std::string type = jsonutil::string(jsonutil::member(data, "resultType", fileName, "data"), fileName,
                                              "data.resultType");
    if (type != "matrix" && type != "vector" && type != "scalar" && type != "string")
      throw ImportError(fileName, 0, "data.resultType", "unknown result type \"" + type + "\"");
    readResult(ctx, jsonutil::member(data, "result", fileName, "data"), type, "data.result");
  } else {
    throw ImportError(fileName, 1, "JSON", "expected an object or an array at top level");
  }
  if (ctx.sawNative)
    out.warnings.push_back({WarningKind::Skipped, 0, "native histogram samples are not imported"});
  out.series = ctx.builder.finish(out.warnings, false);
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace headroom
