#include "importers/jmeter_jtl.h"

#include <cmath>
#include <map>

#include "importers/csv_reader.h"
#include "importers/parse_util.h"
#include "importers/sample_stats.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

int JMeterImporter::sniff(const std::string& head, const std::string& fileName) const {
  const int ext = endsWith(toLower(fileName), ".jtl") ? 10 : 0;
  const auto nl = head.find_first_of("\r\n");
  const std::string first = head.substr(0, nl);
  if (first.find("timeStamp") != std::string::npos && first.find("elapsed") != std::string::npos) return 90 + ext;
  if (head.find("<testResults") != std::string::npos) return 90 + ext;
  return 0;
}

namespace {

struct Ctx {
  const std::string& file;
  const ImportOptions& options;
  SeriesBuilder b;
  std::vector<RawSample> samples;
  std::size_t threadsHandle = SIZE_MAX;
  std::map<std::string, std::size_t> elapsedByLabel;  // avoids building a series key per sample
};

void addSample(Ctx& c, double t, double elapsedMs, const std::string& label, bool ok, double threads) {
  auto it = c.elapsedByLabel.find(label);
  if (it == c.elapsedByLabel.end()) it = c.elapsedByLabel.emplace(label, c.b.series("elapsed", {{"label", label}}, "s")).first;
  c.b.add(it->second, t, elapsedMs / 1000.0);
  if (!std::isnan(threads)) {
    if (c.threadsHandle == SIZE_MAX) c.threadsHandle = c.b.series("active_threads", {}, "count");
    c.b.add(c.threadsHandle, t, threads);
  }
  c.samples.push_back({t, elapsedMs / 1000.0, ok});
}

double parseTime(const std::string& cell, const Ctx& c, long line, const std::string& field) {
  double v;
  if (parseDouble(cell, v) && std::isfinite(v)) return epochToSeconds(v);
  if (auto t = parseTimeToUnix(cell, c.options.naive_utc_offset_min)) return *t;
  throw ImportError(c.file, line, field, "not a time: \"" + cell + "\"");
}

void readCsv(Ctx& c, const std::string& text, Feedback* feedback) {
  CsvReader csv(text, c.file, feedback);
  if (!csv.readHeader()) throw ImportError(c.file, 1, "header", "empty file");
  const int cTime = csv.column("timeStamp"), cElapsed = csv.column("elapsed"), cLabel = csv.column("label"),
            cSuccess = csv.column("success"), cThreads = csv.column("allThreads");
  if (cTime < 0) throw ImportError(c.file, 1, "timeStamp", "column missing from the header");
  if (cElapsed < 0) throw ImportError(c.file, 1, "elapsed", "column missing from the header");
  const std::size_t need = static_cast<std::size_t>(std::max({cTime, cElapsed, cLabel, cSuccess, cThreads})) + 1;
  std::vector<std::string> row;
  while (csv.next(row)) {
    if (row.size() < need) throw ImportError(c.file, csv.line(), "row", "has " + std::to_string(row.size()) +
                                                                        " fields, header needs " + std::to_string(need));
    const double t = parseTime(row[static_cast<std::size_t>(cTime)], c, csv.line(), "timeStamp");
    double elapsed;
    if (!parseDouble(row[static_cast<std::size_t>(cElapsed)], elapsed))
      throw ImportError(c.file, csv.line(), "elapsed", "not a number: \"" + row[static_cast<std::size_t>(cElapsed)] + "\"");
    const bool ok = cSuccess < 0 || iequals(trim(row[static_cast<std::size_t>(cSuccess)]), "true");
    double threads = std::nan("");
    if (cThreads >= 0) parseDouble(row[static_cast<std::size_t>(cThreads)], threads);
    addSample(c, t, elapsed, cLabel >= 0 ? row[static_cast<std::size_t>(cLabel)] : std::string("all"), ok, threads);
  }
}

std::string xmlUnescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out.push_back(s[i]);
      continue;
    }
    static const std::pair<const char*, char> ents[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&apos;", '\''}};
    bool matched = false;
    for (const auto& [e, ch] : ents)
      if (s.substr(i, std::string_view(e).size()) == e) {
        out.push_back(ch);
        i += std::string_view(e).size() - 1;
        matched = true;
        break;
      }
    if (!matched) out.push_back('&');
  }
  return out;
}

void readXml(Ctx& c, const std::string& text, Feedback* feedback) {
  std::size_t p = 0;
  unsigned ticks = 0;
  while ((p = text.find('<', p)) != std::string::npos) {
    if ((++ticks & 4095u) == 0) checkpoint(feedback, c.file, p, text.size());
    const std::size_t nameStart = p + 1;
    std::size_t q = nameStart;
    while (q < text.size() && (std::isalnum(static_cast<unsigned char>(text[q])) || text[q] == '_')) ++q;
    const std::string_view tag(text.data() + nameStart, q - nameStart);
    const std::size_t end = text.find('>', q);
    if (end == std::string::npos) throw ImportError(c.file, lineOfOffset(text, p), "<" + std::string(tag), "unterminated tag");
    p = end + 1;
    if (tag != "httpSample" && tag != "sample") continue;
    std::map<std::string, std::string> attrs;
    std::string_view body(text.data() + q, end - q);
    while (true) {
      const auto eq = body.find('=');
      if (eq == std::string_view::npos) break;
      const std::string key(trim(body.substr(0, eq)));
      const auto open = body.find('"', eq);
      if (open == std::string_view::npos) break;
      const auto close = body.find('"', open + 1);
      if (close == std::string_view::npos)
        throw ImportError(c.file, lineOfOffset(text, q), "attribute " + key, "unterminated value");
      attrs[key] = xmlUnescape(body.substr(open + 1, close - open - 1));
      body = body.substr(close + 1);
    }
    const long line = lineOfOffset(text, q);
    if (!attrs.count("ts")) throw ImportError(c.file, line, "ts", "attribute missing");
    if (!attrs.count("t")) throw ImportError(c.file, line, "t", "attribute missing");
    const double t = parseTime(attrs["ts"], c, line, "ts");
    double elapsed;
    if (!parseDouble(attrs["t"], elapsed)) throw ImportError(c.file, line, "t", "not a number: \"" + attrs["t"] + "\"");
    double threads = std::nan("");
    if (attrs.count("na")) parseDouble(attrs["na"], threads);
    addSample(c, t, elapsed, attrs.count("lb") ? attrs["lb"] : "all", !attrs.count("s") || attrs["s"] == "true", threads);
  }
}

}  // namespace

ImportResult JMeterImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                  Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  Ctx c{fileName, options, {}, {}, SIZE_MAX, {}};
  const auto firstChar = text.find_first_not_of(" \t\r\n");
  if (firstChar != std::string::npos && text[firstChar] == '<')
    readXml(c, text, feedback);
  else
    readCsv(c, text, feedback);
  ImportResult out;
  out.format = id();
  deriveSampleSeries(std::move(c.samples), options, c.b);
  std::vector<ImportWarning> w;
  out.series = c.b.finish(w);
  // Raw samples are logged at completion, so start times are routinely out of order: no Unsorted noise.
  for (auto& x : w)
    if (x.kind != WarningKind::Unsorted && x.kind != WarningKind::DuplicateTimestamp) out.warnings.push_back(std::move(x));
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace headroom
