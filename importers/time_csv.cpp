#include "importers/time_csv.h"

#include <cmath>
#include <filesystem>

#include "importers/csv_reader.h"
#include "importers/parse_util.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

namespace {

std::vector<std::string> headLines(const std::string& head, std::size_t count) {
  std::vector<std::string> lines;
  std::size_t p = 0;
  while (p < head.size() && lines.size() < count) {
    std::size_t e = head.find_first_of("\r\n", p);
    if (e == std::string::npos) e = head.size();
    if (e > p) lines.push_back(head.substr(p, e - p));
    p = e + 1;
  }
  return lines;
}

bool looksLikeTime(std::string_view cell) {
  cell = trim(cell);
  if (parseIsoTime(cell)) return true;
  double v;
  return parseDouble(cell, v) && std::isfinite(v) && v > 1e8;  // epoch seconds or finer after 1973
}

const char* const kTimeNames[] = {"time", "timestamp", "ds", "date", "datetime", "date_time", "t"};

int timeColumn(const CsvReader& csv) {
  for (const char* n : kTimeNames)
    if (int c = csv.column(n); c >= 0) return c;
  return 0;
}

// "cpu{pod=""a"", ns=""b""}" -> name cpu, labels {pod: a, ns: b}. Text without braces is the name.
void splitHeader(const std::string& header, std::string& name, std::map<std::string, std::string>& labels) {
  const auto open = header.find('{');
  if (open == std::string::npos || header.back() != '}') {
    name = header;
    return;
  }
  name = std::string(trim(std::string_view(header).substr(0, open)));
  std::string_view body = std::string_view(header).substr(open + 1, header.size() - open - 2);
  while (!body.empty()) {
    const auto eq = body.find('=');
    if (eq == std::string_view::npos) break;
    const std::string key(trim(body.substr(0, eq)));
    body = trim(body.substr(eq + 1));
    std::string value;
    if (!body.empty() && body[0] == '"') {
      const auto close = body.find('"', 1);
      value = std::string(body.substr(1, close == std::string_view::npos ? body.size() - 1 : close - 1));
      body = close == std::string_view::npos ? std::string_view() : body.substr(close + 1);
    } else {
      const auto comma = body.find(',');
      value = std::string(trim(body.substr(0, comma)));
      body = comma == std::string_view::npos ? std::string_view() : body.substr(comma);
    }
    labels[key] = value;
    body = trim(body);
    if (!body.empty() && body[0] == ',') body = trim(body.substr(1));
  }
}

bool isMissing(std::string_view cell) {
  cell = trim(cell);
  return cell.empty() || iequals(cell, "null") || iequals(cell, "N/A") || cell == "-" || iequals(cell, "undefined");
}

ImportResult readTimeColumnCsv(std::istream& in, const std::string& fileName, const ImportOptions& options,
                               Feedback* feedback, bool grafana, const std::string& format) {
  const std::string text = readAll(in, fileName, feedback);
  CsvReader csv(text, fileName, feedback);
  if (!csv.readHeader()) throw ImportError(fileName, 1, "header", "empty file");
  const auto& header = csv.header();
  if (header.size() < 2) throw ImportError(fileName, 1, "header", "need a time column and at least one value column");
  const int tcol = timeColumn(csv);
  ImportResult out;
  out.format = format;
  SeriesBuilder b;
  const UnitInfo hint = normaliseUnit(options.value_unit_hint);
  struct Column {
    std::size_t index;
    std::size_t handle;
    std::size_t missing = 0;
    bool unitSet = false;
    bool unitConflict = false;
  };
  std::vector<Column> cols;
  std::size_t valueColumns = header.size() - 1;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (static_cast<int>(c) == tcol) continue;
    std::string name;
    std::map<std::string, std::string> labels;
    splitHeader(header[c], name, labels);
    if (valueColumns == 1 && (iequals(name, "value") || iequals(name, "y")))
      name = std::filesystem::path(fileName).stem().string();
    if (name.empty()) name = "value";
    cols.push_back({c, b.series(name, labels, hint.canonical)});
  }
  std::vector<std::string> row;
  std::size_t malformed = 0;
  while (csv.next(row)) {
    if (row.size() != header.size()) {
      if (++malformed <= 20)
        out.warnings.push_back({WarningKind::MalformedLine, csv.line(),
                                "expected " + std::to_string(header.size()) + " fields, found " +
                                    std::to_string(row.size()) + "; row skipped"});
      continue;
    }
    const std::string_view tcell = trim(row[static_cast<std::size_t>(tcol)]);
    double t;
    if (auto iso = parseTimeToUnix(tcell, options.naive_utc_offset_min)) {
      t = *iso;
    } else if (parseDouble(tcell, t) && std::isfinite(t)) {
      t = epochToSeconds(t);
    } else {
      throw ImportError(fileName, csv.line(), "column \"" + header[static_cast<std::size_t>(tcol)] + "\"",
                        "not a time: \"" + std::string(tcell) + "\"");
    }
    for (auto& col : cols) {
      const std::string& cell = row[col.index];
      double v;
      if (parseDouble(cell, v)) {
        v *= hint.scale;
      } else if (isMissing(cell)) {
        v = std::nan("");
        ++col.missing;
      } else if (auto vu = grafana ? parseValueWithUnit(cell) : std::nullopt) {
        UnitInfo u = vu->unit.empty() ? hint : normaliseUnit(vu->unit);
        v = vu->value * u.scale;
        TimeSeries& s = b.at(col.handle);
        if (!col.unitSet) {
          s.unit = u.canonical;
          col.unitSet = true;
          if (!u.known)
            out.warnings.push_back({WarningKind::UnknownUnit, csv.line(),
                                    "column \"" + header[col.index] + "\": unit \"" + u.canonical + "\" kept as written"});
        } else if (s.unit != u.canonical && !col.unitConflict) {
          col.unitConflict = true;
          out.warnings.push_back({WarningKind::UnknownUnit, csv.line(),
                                  "column \"" + header[col.index] + "\": unit changes from \"" + s.unit + "\" to \"" +
                                      u.canonical + "\""});
        }
      } else {
        throw ImportError(fileName, csv.line(), "column \"" + header[col.index] + "\"",
                          "not a number: \"" + cell + "\"");
      }
      b.add(col.handle, t, v);
    }
  }
  if (malformed > 20)
    out.warnings.push_back({WarningKind::MalformedLine, 0, std::to_string(malformed) + " malformed rows skipped in total"});
  for (const auto& col : cols)
    if (col.missing)
      out.warnings.push_back({WarningKind::MissingValue, 0,
                              "column \"" + header[col.index] + "\": " + std::to_string(col.missing) +
                                  " empty cell(s) kept as gaps (NaN)"});
  out.series = b.finish(out.warnings, false);
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace

int TimeSeriesCsvImporter::sniff(const std::string& head, const std::string& fileName) const {
  const auto lines = headLines(head, 3);
  if (lines.size() < 2) return 0;
  const auto header = splitCsvLine(lines[0]);
  const auto first = splitCsvLine(lines[1]);
  if (header.size() < 2 || first.size() != header.size()) return 0;
  int tcol = 0;
  for (std::size_t c = 0; c < header.size(); ++c)
    for (const char* n : kTimeNames)
      if (iequals(trim(header[c]), n)) tcol = static_cast<int>(c);
  if (!looksLikeTime(first[static_cast<std::size_t>(tcol)])) return 0;
  for (std::size_t c = 0; c < first.size(); ++c)
    if (static_cast<int>(c) != tcol && !toDouble(first[c]) && !isMissing(first[c])) return 0;
  return 60 + (endsWith(toLower(fileName), ".csv") ? 5 : 0);
}

ImportResult TimeSeriesCsvImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                         Feedback* feedback) const {
  return readTimeColumnCsv(in, fileName, options, feedback, false, id());
}

int GrafanaCsvImporter::sniff(const std::string& head, const std::string& fileName) const {
  const int ext = endsWith(toLower(fileName), ".csv") ? 5 : 0;
  const auto lines = headLines(head, 2);
  if (lines.empty()) return 0;
  std::string headerLine = lines[0];
  int base = 0;
  if (startsWith(headerLine, "sep=")) {
    if (lines.size() < 2) return 0;
    headerLine = lines[1];
    base = 10;
  }
  const auto header = splitCsvLine(headerLine, base ? lines[0].size() > 4 ? lines[0][4] : ',' : ',');
  if (header.size() < 2 || !iequals(trim(header[0]), "Time")) return 0;
  if (headerLine[0] == '"') return 80 + base + ext;  // Grafana quotes every header cell
  return 55 + base + ext;
}

ImportResult GrafanaCsvImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                      Feedback* feedback) const {
  return readTimeColumnCsv(in, fileName, options, feedback, true, id());
}

}  // namespace headroom
