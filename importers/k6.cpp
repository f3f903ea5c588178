#include "importers/k6.h"

#include <cmath>
#include <map>

#include "importers/csv_reader.h"
#include "importers/json_util.h"
#include "importers/parse_util.h"
#include "importers/sample_stats.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

using jsonutil::Json;

namespace {

// k6 built-in metric units: trends are milliseconds, data_* bytes, rates 0..1.
UnitInfo k6Unit(const std::string& metric, const std::string& contains = {}) {
  if (contains == "time") return {"s", 1e-3, true};
  if (contains == "data") return {"bytes", 1, true};
  if (metric == "data_sent" || metric == "data_received") return {"bytes", 1, true};
  if (metric == "checks" || metric == "http_req_failed") return {"ratio", 1, true};
  if (metric == "vus" || metric == "vus_max" || metric == "iterations" || metric == "http_reqs") return {"count", 1, true};
  if (startsWith(metric, "http_req_") || metric == "iteration_duration" || startsWith(metric, "grpc_req_duration") ||
      endsWith(metric, "_duration"))
    return {"s", 1e-3, true};
  return {"", 1, true};
}

struct RawCtx {
  SeriesBuilder b;
  std::vector<RawSample> samples;
  std::map<std::string, std::pair<std::size_t, double>> byMetric;  // handle and unit scale, looked up once per metric
};

void addPoint(RawCtx& c, const std::string& metric, double t, double v, bool failed) {
  auto it = c.byMetric.find(metric);
  if (it == c.byMetric.end()) {
    const UnitInfo unit = k6Unit(metric);
    it = c.byMetric.emplace(metric, std::make_pair(c.b.series(metric, {}, unit.canonical), unit.scale)).first;
  }
  const double scale = it->second.second;
  c.b.add(it->second.first, t, v * scale);
  if (metric == "http_req_duration") c.samples.push_back({t, v * scale, !failed});
}

bool failedFrom(const std::string& expected, const std::string& status) {
  if (!expected.empty()) return iequals(expected, "false");
  double s;
  return parseDouble(status, s) && (s >= 400 || s == 0);
}

}  // namespace

int K6RawImporter::sniff(const std::string& head, const std::string& fileName) const {
  if (startsWith(head, "metric_name,timestamp,metric_value")) return 95;
  if (jsonutil::firstNonBlank(head) == '{' && head.find("\"type\":\"Metric\"") != std::string::npos) return 90;
  if (jsonutil::firstNonBlank(head) == '{' && head.find("\"type\":\"Point\"") != std::string::npos) return 90;
  return 0;
}

ImportResult K6RawImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                 Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  RawCtx c;
  ImportResult out;
  out.format = id();
  const char first = jsonutil::firstNonBlank(text);
  if (first == '{') {
    LineCursor cursor(text, fileName, feedback);
    std::string_view line;
    while (cursor.next(line)) {
      cursor.tick();
      if (trim(line).empty()) continue;
      const Json j = jsonutil::parseLine(line, fileName, cursor.lineNumber());
      if (!j.is_object() || jsonutil::stringOr(j, "type", "") != "Point") continue;
      const std::string path = "line " + std::to_string(cursor.lineNumber());
      const std::string metric = jsonutil::string(jsonutil::member(j, "metric", fileName, path), fileName, "metric");
      const Json& data = jsonutil::member(j, "data", fileName, path);
      try {
        const double t = jsonutil::time(jsonutil::member(data, "time", fileName, "data"), fileName, "data.time");
        const double v = jsonutil::number(jsonutil::member(data, "value", fileName, "data"), fileName, "data.value");
        std::string expected, status;
        if (auto tags = data.find("tags"); tags != data.end() && tags->is_object()) {
          if (tags->contains("expected_response")) expected = (*tags)["expected_response"].is_string()
                                                                  ? (*tags)["expected_response"].get<std::string>()
                                                                  : (*tags)["expected_response"].dump();
          if (tags->contains("status") && (*tags)["status"].is_string()) status = (*tags)["status"].get<std::string>();
        }
        addPoint(c, metric, t, v, failedFrom(expected, status));
      } catch (const ImportError& e) {
        throw ImportError(fileName, cursor.lineNumber(), e.field(), e.what());
      }
    }
  } else {
    CsvReader csv(text, fileName, feedback);
    if (!csv.readHeader()) throw ImportError(fileName, 1, "header", "empty file");
    const int cName = csv.column("metric_name"), cTime = csv.column("timestamp"), cValue = csv.column("metric_value"),
              cExpected = csv.column("expected_response"), cStatus = csv.column("status");
    for (auto [col, name] : {std::pair{cName, "metric_name"}, {cTime, "timestamp"}, {cValue, "metric_value"}})
      if (col < 0) throw ImportError(fileName, 1, name, "column missing from the header");
    std::vector<std::string> row;
    while (csv.next(row)) {
      if (row.size() != csv.header().size())
        throw ImportError(fileName, csv.line(), "row", "has " + std::to_string(row.size()) + " fields, header has " +
                                                           std::to_string(csv.header().size()));
      double t, v;
      if (!parseDouble(row[static_cast<std::size_t>(cTime)], t) || !std::isfinite(t))
        throw ImportError(fileName, csv.line(), "timestamp", "not a number: \"" + row[static_cast<std::size_t>(cTime)] + "\"");
      if (!parseDouble(row[static_cast<std::size_t>(cValue)], v))
        throw ImportError(fileName, csv.line(), "metric_value", "not a number: \"" + row[static_cast<std::size_t>(cValue)] + "\"");
      addPoint(c, row[static_cast<std::size_t>(cName)], epochToSeconds(t), v,
               failedFrom(cExpected >= 0 ? row[static_cast<std::size_t>(cExpected)] : "",
                          cStatus >= 0 ? row[static_cast<std::size_t>(cStatus)] : ""));
    }
  }
  deriveSampleSeries(std::move(c.samples), options, c.b);
  std::vector<ImportWarning> w;
  out.series = c.b.finish(w);
  for (auto& x : w)  // many points per second share a timestamp in k6 output: that is normal, not suspicious
    if (x.kind != WarningKind::DuplicateTimestamp) out.warnings.push_back(std::move(x));
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

int K6SummaryImporter::sniff(const std::string& head, const std::string& fileName) const {
  if (jsonutil::firstNonBlank(head) != '{') return 0;
  const bool metrics = head.find("\"metrics\"") != std::string::npos;
  if (metrics && (head.find("\"http_reqs\"") != std::string::npos || head.find("\"iterations\"") != std::string::npos ||
                  head.find("\"vus\"") != std::string::npos || head.find("\"testRunDurationMs\"") != std::string::npos ||
                  head.find("\"root_group\"") != std::string::npos))
    return 80;
  if (head.find("\"root_group\"") != std::string::npos) return 70;
  return 0;
}

ImportResult K6SummaryImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                     Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  const Json doc = jsonutil::parse(text, fileName, feedback);
  if (!doc.is_object()) throw ImportError(fileName, 1, "JSON", "expected an object at top level");
  const Json& metrics = jsonutil::member(doc, "metrics", fileName, "");
  if (!metrics.is_object()) throw ImportError(fileName, 0, "metrics", "expected an object");
  ImportResult out;
  out.format = id();
  const double t = std::isnan(options.scrape_time_s) ? 0.0 : options.scrape_time_s;
  if (std::isnan(options.scrape_time_s))
    out.warnings.push_back({WarningKind::MissingTimestamp, 0, "a summary has no clock time: points placed at t = 0"});
  SeriesBuilder b;
  CancelTicker ticker(feedback, fileName);
  for (auto it = metrics.begin(); it != metrics.end(); ++it) {
    ticker.tick();
    const std::string path = "metrics." + it.key();
    const Json& m = it.value();
    if (!m.is_object()) throw ImportError(fileName, 0, path, "expected an object");
    const bool modern = m.contains("values");
    const Json& values = modern ? m["values"] : m;
    if (!values.is_object()) throw ImportError(fileName, 0, path + ".values", "expected an object");
    const std::string type = jsonutil::stringOr(m, "type", "");
    const UnitInfo unit = k6Unit(it.key(), jsonutil::stringOr(m, "contains", ""));
    for (auto v = values.begin(); v != values.end(); ++v) {
      if (v.key() == "thresholds" || v.key() == "type" || v.key() == "contains") continue;
      if (!v.value().is_number()) continue;
      const std::string& stat = v.key();
      std::string u = unit.canonical;
      double scale = unit.scale;
      const bool bytes = unit.canonical == "bytes";
      if (stat == "count" || stat == "passes" || stat == "fails") u = bytes ? "bytes" : "count", scale = 1;
      else if (stat == "rate" && (type == "counter" || (!modern && values.contains("count"))))
        u = bytes ? "bytes/s" : "1/s", scale = 1;
      else if (stat == "rate" || (stat == "value" && unit.canonical == "ratio")) u = "ratio", scale = 1;
      b.add(b.series(it.key(), {{"stat", stat}}, u), t, v.value().get<double>() * scale);
    }
    // Legacy --summary-export: threshold value true means the threshold FAILED; handleSummary: {"ok": bool}.
    if (auto th = m.find("thresholds"); th != m.end() && th->is_object())
      for (auto x = th->begin(); x != th->end(); ++x) {
        const Json& result = x.value();
        // A threshold k6 never evaluated is written as null; say so instead of guessing pass or fail.
        if (!result.is_boolean() && !(result.is_object() && result.contains("ok") && result["ok"].is_boolean())) {
          out.warnings.push_back({WarningKind::PartialData, 0,
                                  path + ": threshold \"" + x.key() + "\" has no pass/fail result (" + result.type_name() + ")"});
          continue;
        }
        const bool failed = result.is_boolean() ? result.get<bool>() : !result["ok"].get<bool>();
        if (failed) out.warnings.push_back({WarningKind::PartialData, 0, path + ": threshold \"" + x.key() + "\" failed"});
      }
  }
  out.series = b.finish(out.warnings);
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace headroom
