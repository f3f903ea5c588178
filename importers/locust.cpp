#include "importers/locust.h"

#include <cmath>
#include <cstdio>

#include "importers/csv_reader.h"
#include "importers/parse_util.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

int LocustImporter::sniff(const std::string& head, const std::string& fileName) const {
  if (startsWith(head, "Timestamp,User Count,Type,Name")) return 95;
  if (startsWith(head, "Timestamp,User Count")) return 85;
  return 0;
}

ImportResult LocustImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                  Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  CsvReader csv(text, fileName, feedback);
  if (!csv.readHeader()) throw ImportError(fileName, 1, "header", "empty file");
  const auto& header = csv.header();
  const int cTime = csv.column("Timestamp"), cUsers = csv.column("User Count"), cType = csv.column("Type"),
            cName = csv.column("Name"), cRps = csv.column("Requests/s"), cFps = csv.column("Failures/s"),
            cMean = csv.column("Total Average Response Time");
  if (cTime < 0) throw ImportError(fileName, 1, "Timestamp", "column missing from the header");
  struct Col {
    std::size_t index;
    std::string name;
    std::map<std::string, std::string> extra;
    std::string unit;
    double scale;
  };
  std::vector<Col> cols;
  if (cUsers >= 0) cols.push_back({static_cast<std::size_t>(cUsers), "users", {}, "count", 1});
  if (cRps >= 0) cols.push_back({static_cast<std::size_t>(cRps), "requests_per_s", {}, "1/s", 1});
  if (cFps >= 0) cols.push_back({static_cast<std::size_t>(cFps), "failures_per_s", {}, "1/s", 1});
  if (cMean >= 0) cols.push_back({static_cast<std::size_t>(cMean), "latency_mean", {}, "s", 1e-3});
  for (std::size_t c = 0; c < header.size(); ++c) {
    const std::string& h = header[c];
    if (h.size() < 2 || h.back() != '%') continue;
    double pct;
    if (!parseDouble(std::string_view(h).substr(0, h.size() - 1), pct)) continue;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", pct / 100.0);
    cols.push_back({c, "latency", {{"quantile", buf}}, "s", 1e-3});
  }
  ImportResult out;
  out.format = id();
  SeriesBuilder b;
  std::size_t missing = 0;
  std::vector<std::string> row;
  while (csv.next(row)) {
    if (row.size() != header.size())
      throw ImportError(fileName, csv.line(), "row",
                        "has " + std::to_string(row.size()) + " fields, header has " + std::to_string(header.size()));
    double t;
    if (!parseDouble(row[static_cast<std::size_t>(cTime)], t) || !std::isfinite(t))
      throw ImportError(fileName, csv.line(), "Timestamp", "not a number: \"" + row[static_cast<std::size_t>(cTime)] + "\"");
    t = epochToSeconds(t);
    std::map<std::string, std::string> labels;
    if (cName >= 0) labels["name"] = row[static_cast<std::size_t>(cName)];
    if (cType >= 0 && !row[static_cast<std::size_t>(cType)].empty()) labels["type"] = row[static_cast<std::size_t>(cType)];
    for (const auto& col : cols) {
      const std::string& cell = row[col.index];
      double v;
      if (iequals(trim(cell), "N/A") || trim(cell).empty()) {
        v = std::nan("");
        ++missing;
      } else if (!parseDouble(cell, v)) {
        throw ImportError(fileName, csv.line(), header[col.index], "not a number: \"" + cell + "\"");
      }
      auto l = labels;
      l.insert(col.extra.begin(), col.extra.end());
      b.add(b.series(col.name, l, col.unit), t, v * col.scale);
    }
  }
  if (missing)
    out.warnings.push_back({WarningKind::MissingValue, 0, std::to_string(missing) + " N/A cell(s) kept as gaps (NaN)"});
  out.series = b.finish(out.warnings);
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace headroom
