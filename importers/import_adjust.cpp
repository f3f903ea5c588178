#include "importers/import_adjust.h"

#include <cmath>

#include "importers/parse_util.h"
#include "importers/series_builder.h"

namespace headroom {

namespace {

// A value that cannot be in `unit`; empty when every value fits.
std::string contradiction(const TimeSeries& s, const std::string& unit) {
  for (double v : s.value) {
    if (!std::isfinite(v)) continue;
    const bool bad = (unit == "percent" && (v < 0 || v > 100.0 + 1e-9)) || (unit == "ratio" && (v < 0 || v > 1.5)) ||
                     ((unit == "s" || unit == "count" || unit == "1/s" || unit == "bytes") && v < 0);
    if (bad) {
      char b[64];
      std::snprintf(b, sizeof b, "%g", v);
      return b;
    }
  }
  return {};
}

}  // namespace

void applyUnitHint(ImportResult& result, const std::string& hint, const std::string& fileName) {
  if (hint.empty()) return;
  const UnitInfo u = normaliseUnit(hint);
  if (!u.known || u.canonical.empty())
    throw ImportError(fileName, 0, "--unit-hint",
                      "'" + hint + "' is not a unit Headroom knows (e.g. s, ms, us, percent, ratio, 1/s, count, bytes)");
  int taken = 0;
  std::string other;
  for (auto& s : result.series) {
    if (!s.unit.empty()) {
      if (s.unit != u.canonical) other = seriesKey(s.name, s.labels) + " [" + s.unit + "]";
      continue;
    }
    TimeSeries scaled = s;
    for (double& v : scaled.value) v *= u.scale;
    if (const std::string bad = contradiction(scaled, u.canonical); !bad.empty())
      throw ImportError(fileName, 0, "--unit-hint",
                        "'" + hint + "' does not fit " + seriesKey(s.name, s.labels) + ": it has the value " + bad +
                            " (as " + u.canonical + ")");
    s = std::move(scaled);
    s.unit = u.canonical;
    ++taken;
  }
  if (taken == 0 && !other.empty())
    throw ImportError(fileName, 0, "--unit-hint",
                      "'" + hint + "' would apply to no series: every series already has a unit (e.g. " + other + ")");
}

void nameImportedSeries(ImportResult& result, const std::string& name, const std::map<std::string, std::string>& labels) {
  for (auto& s : result.series) {
    if (!name.empty() && s.name == "value") s.name = name;
    for (const auto& [k, v] : labels) {
      const auto [it, inserted] = s.labels.emplace(k, v);
      if (!inserted && it->second != v)
        result.warnings.push_back({WarningKind::Skipped, 0,
                                   seriesKey(s.name, s.labels) + ": already has " + k + "=\"" + it->second +
                                       "\"; --label " + k + "=" + v + " not applied"});
    }
  }
}

}  // namespace headroom
