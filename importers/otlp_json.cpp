#include "importers/otlp_json.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "importers/histogram_math.h"
#include "importers/json_util.h"
#include "importers/parse_util.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

using jsonutil::Json;

int OtlpJsonImporter::sniff(const std::string& head, const std::string& fileName) const {
  if (jsonutil::firstNonBlank(head) == '{' && head.find("\"resourceMetrics\"") != std::string::npos) return 95;
  return 0;
}

namespace {

struct Ctx {
  const std::string& file;
  const ImportOptions& options;
  SeriesBuilder b;
  std::vector<ImportWarning>& warnings;
  CancelTicker ticker;
};

std::string attrValue(const Json& v) {
  if (!v.is_object() || v.empty()) return v.dump();
  const auto it = v.begin();
  return it.value().is_string() ? it.value().get<std::string>() : it.value().dump();
}

void addAttributes(const Json& holder, std::map<std::string, std::string>& labels) {
  auto attrs = holder.find("attributes");
  if (attrs == holder.end() || !attrs->is_array()) return;
  for (const auto& a : *attrs)
    if (a.is_object() && a.contains("key") && a["key"].is_string())
      labels[a["key"].get<std::string>()] = a.contains("value") ? attrValue(a["value"]) : "";
}

double pointTime(const Ctx& c, const Json& p, const std::string& path) {
  return jsonutil::number(jsonutil::member(p, "timeUnixNano", c.file, path), c.file, path + ".timeUnixNano") / 1e9;
}

std::vector<double> numbers(const Ctx& c, const Json& p, const char* key, const std::string& path) {
  std::vector<double> out;
  auto it = p.find(key);
  if (it == p.end()) return out;
  jsonutil::array(*it, c.file, path + "." + key);
  for (std::size_t i = 0; i < it->size(); ++i)
    out.push_back(jsonutil::number((*it)[i], c.file, path + "." + key + jsonutil::index(i)));
  return out;
}

void addHistogramPoint(Ctx& c, const std::string& name, const std::map<std::string, std::string>& labels,
                       const UnitInfo& unit, double t, double count, double sum,
                       const std::vector<HistogramBucket>& cumulative) {
  c.b.add(c.b.series(name + "_count", labels, "count"), t, count);
  if (!std::isnan(sum)) {
    c.b.add(c.b.series(name + "_sum", labels, unit.canonical), t, sum * unit.scale);
    c.b.add(c.b.series("mean(" + name + ")", labels, unit.canonical), t, count > 0 ? sum * unit.scale / count : std::nan(""));
  }
  for (double q : c.options.quantiles) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "histogram_quantile(%g, %s)", q, name.c_str());
    c.b.add(c.b.series(buf, labels, unit.canonical), t, histogramQuantile(q, cumulative) * unit.scale);
  }
}

void readMetric(Ctx& c, const Json& m, const std::map<std::string, std::string>& resourceLabels, const std::string& path) {
  if (!m.is_object()) throw ImportError(c.file, 0, path, "expected an object");
  const std::string name = jsonutil::string(jsonutil::member(m, "name", c.file, path), c.file, path + ".name");
  const UnitInfo unit = normaliseUnit(m.contains("unit") ? jsonutil::string(m["unit"], c.file, path + ".unit") : "");
  if (!unit.known) c.warnings.push_back({WarningKind::UnknownUnit, 0, path + ".unit: \"" + unit.canonical + "\" kept"});
  for (const char* kind : {"sum", "gauge", "histogram", "exponentialHistogram", "summary"}) {
    auto body = m.find(kind);
    if (body == m.end()) continue;
    const std::string kpath = path + "." + kind;
    const Json& points = jsonutil::array(jsonutil::member(*body, "dataPoints", c.file, kpath), c.file, kpath + ".dataPoints");
    const int temporality = body->contains("aggregationTemporality")
                                ? static_cast<int>(jsonutil::number((*body)["aggregationTemporality"], c.file, kpath))
                                : 0;
    for (std::size_t i = 0; i < points.size(); ++i) {
      const std::string p = kpath + ".dataPoints" + jsonutil::index(i);
      const Json& pt = points[i];
      c.ticker.tick();
      if (!pt.is_object()) throw ImportError(c.file, 0, p, "expected an object");
      auto labels = resourceLabels;
      addAttributes(pt, labels);
      if (temporality == 1) labels["temporality"] = "delta";
      if (temporality == 2) labels["temporality"] = "cumulative";
      const double t = pointTime(c, pt, p);
      const std::string k(kind);
      if (k == "sum" || k == "gauge") {
        const Json* v = pt.contains("asDouble") ? &pt["asDouble"] : pt.contains("asInt") ? &pt["asInt"] : nullptr;
        if (!v) throw ImportError(c.file, 0, p, "neither asDouble nor asInt");
        c.b.add(c.b.series(name, labels, unit.canonical), t, jsonutil::number(*v, c.file, p) * unit.scale);
      } else if (k == "histogram") {
        const auto counts = numbers(c, pt, "bucketCounts", p);
        const auto bounds = numbers(c, pt, "explicitBounds", p);
        if (!counts.empty() && counts.size() != bounds.size() + 1)
          throw ImportError(c.file, 0, p + ".bucketCounts", "has " + std::to_string(counts.size()) +
                                                                 " entries, expected explicitBounds + 1 = " +
                                                                 std::to_string(bounds.size() + 1));
        std::vector<HistogramBucket> cum;
        double run = 0;
        for (std::size_t b = 0; b < counts.size(); ++b) {
          run += counts[b];
          cum.push_back({b < bounds.size() ? bounds[b] : std::numeric_limits<double>::infinity(), run});
        }
        const double count = pt.contains("count") ? jsonutil::number(pt["count"], c.file, p + ".count") : run;
        const double sum = pt.contains("sum") ? jsonutil::number(pt["sum"], c.file, p + ".sum") : std::nan("");
        addHistogramPoint(c, name, labels, unit, t, count, sum, cum);
      } else if (k == "exponentialHistogram") {
        const double scale = pt.contains("scale") ? jsonutil::number(pt["scale"], c.file, p + ".scale") : 0;
        if (!(std::fabs(scale) <= 20)) throw ImportError(c.file, 0, p + ".scale", "out of range [-20, 20]");
        const double base = std::pow(2.0, std::pow(2.0, -scale));
        const double zeroCount = pt.contains("zeroCount") ? jsonutil::number(pt["zeroCount"], c.file, p + ".zeroCount") : 0;
        const double zeroThreshold =
            pt.contains("zeroThreshold") ? jsonutil::number(pt["zeroThreshold"], c.file, p + ".zeroThreshold") : 0;
        std::vector<HistogramBucket> cum{{zeroThreshold, zeroCount}};
        double run = zeroCount;
        if (auto pos = pt.find("positive"); pos != pt.end()) {
          const double offset = pos->contains("offset") ? jsonutil::number((*pos)["offset"], c.file, p + ".positive.offset") : 0;
          const auto counts = numbers(c, *pos, "bucketCounts", p + ".positive");
          for (std::size_t b = 0; b < counts.size(); ++b) {
            run += counts[b];
            cum.push_back({std::pow(base, offset + static_cast<double>(b) + 1), run});
          }
        }
        if (auto neg = pt.find("negative"); neg != pt.end() && !numbers(c, *neg, "bucketCounts", p + ".negative").empty())
          c.warnings.push_back({WarningKind::Skipped, 0, p + ".negative: negative buckets ignored for quantiles"});
        cum.push_back({std::numeric_limits<double>::infinity(), run});
        const double count = pt.contains("count") ? jsonutil::number(pt["count"], c.file, p + ".count") : run;
        const double sum = pt.contains("sum") ? jsonutil::number(pt["sum"], c.file, p + ".sum") : std::nan("");
        addHistogramPoint(c, name, labels, unit, t, count, sum, cum);
      } else {  // summary
        c.b.add(c.b.series(name + "_count", labels, "count"), t,
                pt.contains("count") ? jsonutil::number(pt["count"], c.file, p + ".count") : std::nan(""));
        if (auto qv = pt.find("quantileValues"); qv != pt.end() && qv->is_array())
          for (std::size_t q = 0; q < qv->size(); ++q) {
            const std::string qp = p + ".quantileValues" + jsonutil::index(q);
            const Json& e = (*qv)[q];
            if (!e.is_object()) throw ImportError(c.file, 0, qp, "expected an object");
            char buf[32];
            std::snprintf(buf, sizeof buf, "%g", e.contains("quantile") ? jsonutil::number(e["quantile"], c.file, qp) : 0.0);
            auto l = labels;
            l["quantile"] = buf;
            c.b.add(c.b.series(name, l, unit.canonical), t,
                    (e.contains("value") ? jsonutil::number(e["value"], c.file, qp + ".value") : 0.0) * unit.scale);
          }
      }
    }
  }
}

}  // namespace

ImportResult OtlpJsonImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                    Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  const Json doc = jsonutil::parse(text, fileName, feedback);
  if (!doc.is_object()) throw ImportError(fileName, 1, "JSON", "expected an object at top level");
  ImportResult out;
  out.format = id();
  Ctx c{fileName, options, {}, out.warnings, CancelTicker(feedback, fileName)};
  const Json& rms = jsonutil::array(jsonutil::member(doc, "resourceMetrics", fileName, ""), fileName, "resourceMetrics");
  for (std::size_t r = 0; r < rms.size(); ++r) {
    const std::string rp = "resourceMetrics[" + std::to_string(r) + "]";
    if (!rms[r].is_object()) throw ImportError(fileName, 0, rp, "expected an object");
    std::map<std::string, std::string> resourceLabels;
    if (auto res = rms[r].find("resource"); res != rms[r].end() && res->is_object()) addAttributes(*res, resourceLabels);
    auto sms = rms[r].find("scopeMetrics");
    if (sms == rms[r].end()) continue;
    jsonutil::array(*sms, fileName, rp + ".scopeMetrics");
    for (std::size_t s = 0; s < sms->size(); ++s) {
      const std::string sp = rp + ".scopeMetrics" + jsonutil::index(s);
      const Json& sm = (*sms)[s];
      if (!sm.is_object()) throw ImportError(fileName, 0, sp, "expected an object");
      auto ms = sm.find("metrics");
      if (ms == sm.end()) continue;
      jsonutil::array(*ms, fileName, sp + ".metrics");
      for (std::size_t m = 0; m < ms->size(); ++m) readMetric(c, (*ms)[m], resourceLabels, sp + ".metrics" + jsonutil::index(m));
    }
  }
  out.series = c.b.finish(out.warnings);
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace headroom
