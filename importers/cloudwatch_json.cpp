#include "importers/cloudwatch_json.h"

#include "importers/json_util.h"
#include "importers/parse_util.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

using jsonutil::Json;

int CloudWatchJsonImporter::sniff(const std::string& head, const std::string& fileName) const {
  if (jsonutil::firstNonBlank(head) != '{') return 0;
  const int ext = endsWith(toLower(fileName), ".json") ? 5 : 0;
  if (head.find("\"MetricDataResults\"") != std::string::npos) return 90 + ext;
  if (head.find("\"Datapoints\"") != std::string::npos) return 90 + ext;
  return 0;
}

namespace {

void readStatistics(const Json& doc, const std::string& file, SeriesBuilder& b, std::vector<ImportWarning>& warnings,
                    CancelTicker& ticker) {
  const std::string label =
      doc.contains("Label") ? jsonutil::string(doc["Label"], file, "Label") : std::string("value");
  const Json& points = jsonutil::array(jsonutil::member(doc, "Datapoints", file, ""), file, "Datapoints");
  static const char* stats[] = {"Average", "Sum", "SampleCount", "Minimum", "Maximum"};
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::string path = "Datapoints[" + std::to_string(i) + "]";
    const Json& p = points[i];
    ticker.tick();
    if (!p.is_object()) throw ImportError(file, 0, path, "expected an object");
    const double t = jsonutil::time(jsonutil::member(p, "Timestamp", file, path), file, path + ".Timestamp");
    UnitInfo unit{"", 1, true};
    if (auto u = p.find("Unit"); u != p.end()) {
      unit = normaliseUnit(jsonutil::string(*u, file, path + ".Unit"));
      if (!unit.known)
        warnings.push_back({WarningKind::UnknownUnit, 0, path + ".Unit: \"" + unit.canonical + "\" kept as written"});
    }
    bool any = false;
    for (const char* stat : stats) {
      auto it = p.find(stat);
      if (it == p.end()) continue;
      any = true;
      const bool isCount = std::string(stat) == "SampleCount";
      const std::size_t h = b.series(label, {{"statistic", stat}}, isCount ? "count" : unit.canonical);
      b.add(h, t, jsonutil::number(*it, file, path + "." + stat) * (isCount ? 1.0 : unit.scale));
    }
    if (auto ext = p.find("ExtendedStatistics"); ext != p.end()) {
      if (!ext->is_object()) throw ImportError(file, 0, path + ".ExtendedStatistics", "expected an object");
      for (auto it = ext->begin(); it != ext->end(); ++it) {
        any = true;
        const std::size_t h = b.series(label, {{"statistic", it.key()}}, unit.canonical);
        b.add(h, t, jsonutil::number(it.value(), file, path + ".ExtendedStatistics." + it.key()) * unit.scale);
      }
    }
    if (!any) warnings.push_back({WarningKind::MissingValue, 0, path + ": no statistic in datapoint"});
  }
}

void readMetricData(const Json& doc, const std::string& file, const ImportOptions& options, SeriesBuilder& b,
                    std::vector<ImportWarning>& warnings, CancelTicker& ticker) {
  const Json& results = jsonutil::array(jsonutil::member(doc, "MetricDataResults", file, ""), file, "MetricDataResults");
  const UnitInfo unit = normaliseUnit(options.value_unit_hint);
  for (std::size_t i = 0; i < results.size(); ++i) {
    const std::string path = "MetricDataResults[" + std::to_string(i) + "]";
    const Json& r = results[i];
    if (!r.is_object()) throw ImportError(file, 0, path, "expected an object");
    const std::string id = r.contains("Id") ? jsonutil::string(r["Id"], file, path + ".Id") : std::to_string(i);
    const std::string label = r.contains("Label") ? jsonutil::string(r["Label"], file, path + ".Label") : id;
    const Json& ts = jsonutil::array(jsonutil::member(r, "Timestamps", file, path), file, path + ".Timestamps");
    const Json& vs = jsonutil::array(jsonutil::member(r, "Values", file, path), file, path + ".Values");
    if (ts.size() != vs.size())
      throw ImportError(file, 0, path, "Timestamps has " + std::to_string(ts.size()) + " entries but Values has " +
                                           std::to_string(vs.size()));
    if (auto st = r.find("StatusCode"); st != r.end()) {
      const std::string code = jsonutil::string(*st, file, path + ".StatusCode");
      if (code != "Complete")
        warnings.push_back({WarningKind::PartialData, 0, path + ".StatusCode: " + code + " (series \"" + label + "\")"});
    }
    const std::size_t h = b.series(label, {{"id", id}}, unit.canonical);
    for (std::size_t k = 0; k < ts.size(); ++k) {
      ticker.tick();
      const std::string pk = jsonutil::index(k);
      b.add(h, jsonutil::time(ts[k], file, path + ".Timestamps" + pk),
            jsonutil::number(vs[k], file, path + ".Values" + pk) * unit.scale);
    }
  }
  if (auto m = doc.find("Messages"); m != doc.end() && m->is_array())
    for (const auto& msg : *m) warnings.push_back({WarningKind::PartialData, 0, "CloudWatch message: " + msg.dump()});
}

}  // namespace

ImportResult CloudWatchJsonImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                          Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  const Json doc = jsonutil::parse(text, fileName, feedback);
  checkpoint(feedback, fileName, 1, 2);
  if (!doc.is_object()) throw ImportError(fileName, 1, "JSON", "expected an object at top level");
  ImportResult out;
  out.format = id();
  SeriesBuilder b;
  std::vector<ImportWarning> warnings;
  CancelTicker ticker(feedback, fileName);
  if (doc.contains("MetricDataResults"))
    readMetricData(doc, fileName, options, b, out.warnings, ticker);
  else if (doc.contains("Datapoints"))
    readStatistics(doc, fileName, b, out.warnings, ticker);
  else
    throw ImportError(fileName, 0, "MetricDataResults", "neither MetricDataResults nor Datapoints present");
  // Sorting newest-first / unordered input is expected for CloudWatch: keep the data, drop the Unsorted noise.
  out.series = b.finish(warnings, false);
  for (auto& w : warnings)
    if (w.kind != WarningKind::Unsorted) out.warnings.push_back(std::move(w));
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace headroom
