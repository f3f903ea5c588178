#include "importers/gatling_log.h"

#include <algorithm>
#include <cmath>

#include "importers/parse_util.h"
#include "importers/sample_stats.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

namespace {

std::vector<std::string_view> splitTabs(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t p = 0;
  for (;;) {
    const auto t = line.find('\t', p);
    out.push_back(line.substr(p, t == std::string_view::npos ? std::string_view::npos : t - p));
    if (t == std::string_view::npos) break;
    p = t + 1;
  }
  return out;
}

}  // namespace

int GatlingLogImporter::sniff(const std::string& head, const std::string& fileName) const {
  if (startsWith(head, "RUN\t")) return 90;
  if (startsWith(head, "REQUEST\t") || startsWith(head, "USER\t") || startsWith(head, "ASSERTION\t")) return 70;
  return 0;
}

ImportResult GatlingLogImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                          Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  ImportResult out;
  out.format = id();
  SeriesBuilder b;
  std::vector<RawSample> samples;
  std::vector<std::pair<double, int>> userEvents;  // (time s, +1 / -1)
  LineCursor cursor(text, fileName, feedback);
  std::string_view line;
  std::size_t unknown = 0;
  while (cursor.next(line)) {
    cursor.tick();
    if (trim(line).empty()) continue;
    const auto f = splitTabs(line);
    if (f[0] == "REQUEST") {
      // Status is the first OK/KO field; the two fields before it are start and end (epoch ms), the one before
      // them is the request name (2.x has extra scenario/user columns in front, 3.x a group column).
      std::size_t s = 0;
      for (std::size_t i = 1; i < f.size() && !s; ++i)
        if (f[i] == "OK" || f[i] == "KO") s = i;
      double start, end;
      if (s < 4) throw ImportError(fileName, cursor.lineNumber(), "REQUEST", "no OK/KO status after start and end times");
      if (!parseDouble(f[s - 2], start) || !std::isfinite(start))
        throw ImportError(fileName, cursor.lineNumber(), "request start", "not a number: \"" + std::string(f[s - 2]) + "\"");
      if (!parseDouble(f[s - 1], end) || !std::isfinite(end))
        throw ImportError(fileName, cursor.lineNumber(), "request end", "not a number: \"" + std::string(f[s - 1]) + "\"");
      const double t = epochToSeconds(start);
      const double rt = (end - start) / 1000.0;
      b.add(b.series("response_time", {{"name", std::string(f[s - 3])}}, "s"), t, rt);
      samples.push_back({t, rt, f[s] == "OK"});
    } else if (f[0] == "USER") {
      // 3.x: USER scenario START|END start end ; older: USER scenario userId START|END start end
      for (std::size_t i = 1; i + 1 < f.size(); ++i)
        if (f[i] == "START" || f[i] == "END") {
          double t;
          const std::size_t timeField = f[i] == "START" ? i + 1 : std::min(i + 2, f.size() - 1);
          if (!parseDouble(f[timeField], t) || !std::isfinite(t))
            throw ImportError(fileName, cursor.lineNumber(), "user time", "not a number: \"" + std::string(f[timeField]) + "\"");
          userEvents.push_back({epochToSeconds(t), f[i] == "START" ? 1 : -1});
          break;
        }
    } else if (f[0] != "RUN" && f[0] != "GROUP" && f[0] != "ERROR" && f[0] != "ASSERTION") {
      if (++unknown <= 20)
        out.warnings.push_back({WarningKind::MalformedLine, cursor.lineNumber(), "unknown record type; skipped"});
    }
  }
  if (samples.empty() && userEvents.empty()) throw ImportError(fileName, 1, "REQUEST", "no REQUEST or USER records");
  std::stable_sort(userEvents.begin(), userEvents.end());
  int active = 0;
  const std::size_t users = userEvents.empty() ? 0 : b.series("active_users", {}, "count");
  for (const auto& [t, d] : userEvents) {
    active += d;
    b.add(users, t, active);
  }
  deriveSampleSeries(std::move(samples), options, b);
  std::vector<ImportWarning> w;
  out.series = b.finish(w);
  for (auto& x : w)
    if (x.kind != WarningKind::Unsorted && x.kind != WarningKind::DuplicateTimestamp) out.warnings.push_back(std::move(x));
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace headroom
