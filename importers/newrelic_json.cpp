#include "importers/newrelic_json.h"

#include <cstdio>

#include "importers/json_util.h"
#include "importers/parse_util.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

using jsonutil::Json;

int NewRelicJsonImporter::sniff(const std::string& head, const std::string& fileName) const {
  if (jsonutil::firstNonBlank(head) != '{') return 0;
  if (head.find("\"beginTimeSeconds\"") != std::string::npos) return 90;
  if (head.find("\"nrql\"") != std::string::npos) return 80;
  return 0;
}

namespace {

struct Ctx {
  const std::string& file;
  UnitInfo unit;
  SeriesBuilder b;
  CancelTicker ticker;
};

void addAggregate(Ctx& c, const std::string& key, const Json& v, double t,
                  const std::map<std::string, std::string>& labels, const std::string& path) {
  if (v.is_number() || v.is_null()) {
    c.b.add(c.b.series(key, labels, c.unit.canonical), t, jsonutil::number(v, c.file, path) * c.unit.scale);
  } else if (v.is_object()) {  // percentile: {"50": x, "95": y}
    for (auto it = v.begin(); it != v.end(); ++it) {
      double pct;
      auto l = labels;
      if (parseDouble(it.key(), pct)) {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%g", pct / 100.0);
        l["quantile"] = buf;
      } else {
        l["key"] = it.key();
      }
      if (it.value().is_number() || it.value().is_null())
        c.b.add(c.b.series(key, l, c.unit.canonical), t,
                jsonutil::number(it.value(), c.file, path + "." + it.key()) * c.unit.scale);
    }
  }
}

void readRows(Ctx& c, const Json& rows, const std::string& path, std::map<std::string, std::string> labels) {
  jsonutil::array(rows, c.file, path);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string p = path + jsonutil::index(i);
    const Json& row = rows[i];
    c.ticker.tick();
    if (!row.is_object()) throw ImportError(c.file, 0, p, "expected an object");
    const double t = jsonutil::number(jsonutil::member(row, "beginTimeSeconds", c.file, p), c.file, p + ".beginTimeSeconds");
    auto l = labels;
    if (auto f = row.find("facet"); f != row.end()) l["facet"] = f->is_string() ? f->get<std::string>() : f->dump();
    if (auto legacy = row.find("results"); legacy != row.end() && legacy->is_array()) {
      for (std::size_t k = 0; k < legacy->size(); ++k) {
        const Json& agg = (*legacy)[k];
        if (!agg.is_object()) continue;
        for (auto it = agg.begin(); it != agg.end(); ++it)
          addAggregate(c, it.key(), it.value(), t, l, p + ".results[" + std::to_string(k) + "]." + it.key());
      }
      continue;
    }
    for (auto it = row.begin(); it != row.end(); ++it) {
      if (it.key() == "beginTimeSeconds" || it.key() == "endTimeSeconds" || it.key() == "facet") continue;
      addAggregate(c, it.key(), it.value(), t, l, p + "." + it.key());
    }
  }
}

}  // namespace

ImportResult NewRelicJsonImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                        Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  const Json doc = jsonutil::parse(text, fileName, feedback);
  if (!doc.is_object()) throw ImportError(fileName, 1, "JSON", "expected an object at top level");
  if (auto e = doc.find("errors"); e != doc.end() && e->is_array() && !e->empty())
    throw ImportError(fileName, 0, "errors", "query failed: " + e->dump());
  ImportResult out;
  out.format = id();
  Ctx c{fileName, normaliseUnit(options.value_unit_hint), {}, CancelTicker(feedback, fileName)};
  const Json* results = nullptr;
  std::string path;
  if (doc.contains("data")) {
    const Json& nrql = jsonutil::member(
        jsonutil::member(jsonutil::member(jsonutil::member(doc, "data", fileName, ""), "actor", fileName, "data"),
                         "account", fileName, "data.actor"),
        "nrql", fileName, "data.actor.account");
    results = &jsonutil::member(nrql, "results", fileName, "data.actor.account.nrql");
    path = "data.actor.account.nrql.results";
  } else if (doc.contains("results")) {
    results = &doc["results"];
    path = "results";
  }
  if (results) readRows(c, *results, path, {});
  if (auto ts = doc.find("timeSeries"); ts != doc.end()) readRows(c, *ts, "timeSeries", {});
  if (auto facets = doc.find("facets"); facets != doc.end() && facets->is_array())
    for (std::size_t i = 0; i < facets->size(); ++i) {
      const Json& f = (*facets)[i];
      const std::string p = "facets[" + std::to_string(i) + "]";
      if (!f.is_object()) throw ImportError(fileName, 0, p, "expected an object");
      std::map<std::string, std::string> l;
      if (auto n = f.find("name"); n != f.end()) l["facet"] = n->is_string() ? n->get<std::string>() : n->dump();
      if (auto ts2 = f.find("timeSeries"); ts2 != f.end()) readRows(c, *ts2, p + ".timeSeries", l);
    }
  if (!results && !doc.contains("timeSeries") && !doc.contains("facets"))
    throw ImportError(fileName, 0, "data.actor.account.nrql.results", "no NRQL results or timeSeries found");
  out.series = c.b.finish(out.warnings);
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace headroom
