#pragma once
// Small helpers shared by the importer tests: run an importer on inline text, find a series by name/labels.
#include <QtTest>

#include <sstream>
#include <string>

#include "importers/registry.h"

namespace headroom::test {

inline ImportResult readText(const Importer& importer, const std::string& text, const ImportOptions& options = {},
                             const std::string& fileName = "inline") {
  std::istringstream in(text);
  return importer.read(in, fileName, options, nullptr);
}


inline const TimeSeries* findSeries(const ImportResult& r, const std::string& name,
                                    const std::map<std::string, std::string>& labels = {}) {
  for (const auto& s : r.series) {
    if (s.name != name) continue;
    bool ok = true;
    for (const auto& [k, v] : labels) {
      auto it = s.labels.find(k);
      ok = ok && it != s.labels.end() && it->second == v;
    }
    if (ok) return &s;
  }
  return nullptr;
}

inline bool hasWarning(const ImportResult& r, WarningKind kind) {
  for (const auto& w : r.warnings)
    if (w.kind == kind) return true;
  return false;
}

inline QString sharedData() { return QStringLiteral(HEADROOM_SHARED_DIR) + QStringLiteral("/data"); }

}  // namespace headroom::test

#define HEADROOM_REQUIRE_SHARED()                                                                     \
  do {                                                                                                \
    if (!QFileInfo::exists(headroom::test::sharedData()))                                             \
      QSKIP(qPrintable(QStringLiteral("shared data not found at ") + headroom::test::sharedData()));  \
  } while (0)
