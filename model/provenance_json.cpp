#include "model/provenance_json.h"

#include "model/scenario_codec.h"

namespace headroom::json_detail {

using json = nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

std::vector<std::string> readStrings(ObjectReader& r, const std::string& key) {
  std::vector<std::string> out;
  if (const json* a = r.optional(key)) {
    const JsonPath p = r.pathOf(key);
    requireArray(*a, p, r.context());
    for (std::size_t i = 0; i < a->size(); ++i) out.push_back(readString((*a)[i], p.index(i), r.context()));
  }
  return out;
}

}  // namespace

std::vector<ParameterProvenance> readProvenance(const json& j, const JsonPath& path) {
  std::vector<ParameterProvenance> out;
  const json& arr = requireArray(j, path, {});
  for (std::size_t i = 0; i < arr.size(); ++i) {
    ObjectReader r(arr[i], path.index(i));
    ParameterProvenance p;
    p.parameter = r.string("parameter");
    r.setContext("provenance of " + p.parameter);
    p.value = r.number("value");
    p.unit = r.stringOr("unit", "");
    p.estimator = r.stringOr("estimator", "");
    p.series = readStrings(r, "series");
    p.window_from_s = r.numberOr("window_from_s", 0.0);
    p.window_to_s = r.numberOr("window_to_s", 0.0);
    p.samples_used = r.integerOr("samples_used", 0);
    p.samples_dropped = r.integerOr("samples_dropped", 0);
    if (const json* q = r.optional("fit_quality")) {
      ObjectReader qr(*q, r.pathOf("fit_quality"), r.context());
      for (const auto& [k, v] : q->items()) p.fit_quality[k] = qr.number(k);
      qr.finish();
    }
    p.notes = readStrings(r, "notes");
    r.finish();
    out.push_back(std::move(p));
  }
  return out;
}

ojson writeProvenance(const std::vector<ParameterProvenance>& entries) {
  ojson arr = ojson::array();
  for (const auto& p : entries) {
    ojson o;
    o["parameter"] = p.parameter;
    o["value"] = num(p.value);
    if (!p.unit.empty()) o["unit"] = p.unit;
    if (!p.estimator.empty()) o["estimator"] = p.estimator;
    if (!p.series.empty()) o["series"] = p.series;
    o["window_from_s"] = num(p.window_from_s);
    o["window_to_s"] = num(p.window_to_s);
    o["samples_used"] = p.samples_used;
    o["samples_dropped"] = p.samples_dropped;
    if (!p.fit_quality.empty()) {
      ojson q;
      for (const auto& [k, v] : p.fit_quality) q[k] = num(v);
      o["fit_quality"] = std::move(q);
    }
    if (!p.notes.empty()) o["notes"] = p.notes;
    arr.push_back(std::move(o));
  }
  return arr;
}

}  // namespace headroom::json_detail
