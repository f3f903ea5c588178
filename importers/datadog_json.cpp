#include "importers/datadog_json.h"

#include <cmath>

#include "importers/json_util.h"
#include "importers/parse_util.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

using jsonutil::Json;

int DatadogJsonImporter::sniff(const std::string& head, const std::string& fileName) const {
  if (jsonutil::firstNonBlank(head) != '{') return 0;
  const int ext = endsWith(toLower(fileName), ".json") ? 5 : 0;
  if (head.find("\"pointlist\"") != std::string::npos) return 90 + ext;
  if (head.find("\"res_type\"") != std::string::npos || head.find("\"from_date\"") != std::string::npos) return 80 + ext;
  return 0;
}

ImportResult DatadogJsonImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                       Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  const Json doc = jsonutil::parse(text, fileName, feedback);
  checkpoint(feedback, fileName, 1, 2);
  if (!doc.is_object()) throw ImportError(fileName, 1, "JSON", "expected an object at top level");
  if (auto e = doc.find("errors"); e != doc.end()) throw ImportError(fileName, 0, "errors", "query failed: " + e->dump());
  if (auto st = doc.find("status"); st != doc.end() && st->is_string() && st->get<std::string>() == "error")
    throw ImportError(fileName, 0, "status",
                      "query failed: " + (doc.contains("error") ? doc["error"].dump() : std::string("no detail")));
  ImportResult out;
  out.format = id();
  SeriesBuilder b;
  const Json& series = jsonutil::array(jsonutil::member(doc, "series", fileName, ""), fileName, "series");
  std::size_t nulls = 0;
  CancelTicker ticker(feedback, fileName);
  for (std::size_t i = 0; i < series.size(); ++i) {
    const std::string path = "series[" + std::to_string(i) + "]";
    const Json& s = series[i];
    if (!s.is_object()) throw ImportError(fileName, 0, path, "expected an object");
    const std::string name = s.contains("metric") ? jsonutil::string(s["metric"], fileName, path + ".metric")
                             : s.contains("expression") ? jsonutil::string(s["expression"], fileName, path + ".expression")
                                                        : "value";
    std::map<std::string, std::string> labels;
    if (auto sc = s.find("scope"); sc != s.end() && sc->is_string() && sc->get<std::string>() != "*")
      labels["scope"] = sc->get<std::string>();
    if (auto tags = s.find("tag_set"); tags != s.end() && tags->is_array())
      for (const auto& tag : *tags) {
        if (!tag.is_string()) continue;
        const std::string t = tag.get<std::string>();
        const auto colon = t.find(':');
        labels[colon == std::string::npos ? t : t.substr(0, colon)] = colon == std::string::npos ? "" : t.substr(colon + 1);
      }
    UnitInfo unit = normaliseUnit(options.value_unit_hint);
    if (auto u = s.find("unit"); u != s.end() && u->is_array() && !u->empty() && (*u)[0].is_object()) {
      const Json& u0 = (*u)[0];
      const std::string uname = u0.contains("name") ? jsonutil::string(u0["name"], fileName, path + ".unit[0].name") : "";
      unit = normaliseUnit(uname);
      if (!unit.known) out.warnings.push_back({WarningKind::UnknownUnit, 0, path + ".unit: \"" + uname + "\" kept"});
      if (u->size() > 1 && (*u)[1].is_object() && jsonutil::stringOr((*u)[1], "name", "") == "second") {
        if (unit.canonical == "bytes") unit.canonical = "bytes/s";
        else if (unit.canonical == "count" || unit.canonical.empty()) unit.canonical = "1/s";
        else unit.canonical += "/s";
      }
    }
    const std::size_t h = b.series(name, labels, unit.canonical);
    const Json& points = jsonutil::array(jsonutil::member(s, "pointlist", fileName, path), fileName, path + ".pointlist");
    for (std::size_t k = 0; k < points.size(); ++k) {
      const std::string pk = path + ".pointlist" + jsonutil::index(k);
      ticker.tick();
      const Json& p = points[k];
      if (!p.is_array() || p.size() != 2) throw ImportError(fileName, 0, pk, "expected [epoch_ms, value]");
      if (!p[0].is_number()) throw ImportError(fileName, 0, pk + "[0]", "time must be a number (epoch ms)");
      const double v = jsonutil::number(p[1], fileName, pk + "[1]");
      if (std::isnan(v)) ++nulls;
      b.add(h, p[0].get<double>() / 1000.0, v * unit.scale);
    }
  }
  if (nulls)
    out.warnings.push_back({WarningKind::MissingValue, 0, std::to_string(nulls) + " null value(s) kept as gaps (NaN)"});
  out.series = b.finish(out.warnings, false);
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace headroom
