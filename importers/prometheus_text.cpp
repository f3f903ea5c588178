#include "importers/prometheus_text.h"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <map>
#include <set>

#include "importers/histogram_math.h"
#include "importers/parse_util.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

int PrometheusTextImporter::sniff(const std::string& head, const std::string& fileName) const {
  const std::string lower = toLower(fileName);
  const int ext = (endsWith(lower, ".prom") || endsWith(lower, ".om.txt") || endsWith(lower, ".metrics")) ? 10
                  : endsWith(lower, ".txt")                                                              ? 5
                                                                                                         : 0;
  if (head.find("# TYPE ") != std::string::npos || head.find("# HELP ") != std::string::npos) return 85 + ext;
  // Bare samples: "name{labels} value" or "name value" on the first non-comment line.
  std::size_t p = 0;
  while (p < head.size()) {
    std::size_t e = head.find('\n', p);
    if (e == std::string::npos) e = head.size();
    std::string_view line = trim(std::string_view(head).substr(p, e - p));
    p = e + 1;
    if (line.empty() || line[0] == '#') continue;
    std::size_t i = 0;
    while (i < line.size() && (std::isalnum(static_cast<unsigned char>(line[i])) || line[i] == '_' || line[i] == ':')) ++i;
    if (i == 0 || std::isdigit(static_cast<unsigned char>(line[0]))) return 0;
    if (i < line.size() && line[i] == '{') {
      const auto close = line.find('}', i);
      if (close == std::string_view::npos) return 0;
      i = close + 1;
    }
    if (i >= line.size() || (line[i] != ' ' && line[i] != '\t')) return 0;
    auto rest = trim(line.substr(i));
    const auto sp = rest.find_first_of(" \t");
    return toDouble(rest.substr(0, sp)) ? 40 + ext : 0;
  }
  return 0;
}

namespace {

struct Family {
  std::string type = "untyped";
  std::string unit;  // from # UNIT
};

struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
  bool hasTime = false;
  double time_s = 0;
};

class LineParser {
 public:
  LineParser(std::string_view line, const std::string& file, long lineNo) : s_(line), file_(file), line_(lineNo) {}

  Sample parse() {
    Sample out;
    if (peek() != '{') out.name = identifier("metric name");
    if (peek() == '{') {
      ++p_;
      bool first = true;
      for (;;) {
        skipBlanks();
        if (peek() == '}') {
          ++p_;
          break;
        }
        if (!first) {
          expect(',', "labels");
          skipBlanks();
          if (peek() == '}') {
            ++p_;
            break;
          }
        }
        first = false;
        std::string key = peek() == '"' ? quoted("label name") : identifier("label name");
        skipBlanks();
        if (peek() != '=' && out.name.empty()) {  // OpenMetrics 2 / Prometheus 3: {"quoted.metric.name", ...}
          out.name = key;
          continue;
        }
        expect('=', "label " + key);
        skipBlanks();
        out.labels[key] = quoted("label " + key);
      }
    }
    if (out.name.empty()) fail("metric name", "missing");
    if (p_ >= s_.size() || (s_[p_] != ' ' && s_[p_] != '\t')) fail("value", "expected a blank before the value");
    skipBlanks();
    const std::string_view valueText = token();
    if (!parseDouble(valueText, out.value)) fail("value", "not a number: \"" + std::string(valueText) + "\"");
    skipBlanks();
    if (p_ < s_.size() && s_[p_] != '#') {
      const std::string_view ts = token();
      double t;
      if (!parseDouble(ts, t) || !std::isfinite(t)) fail("timestamp", "not a number: \"" + std::string(ts) + "\"");
      out.hasTime = true;
      out.time_s = epochToSeconds(t);
      skipBlanks();
    }
    if (p_ < s_.size() && s_[p_] != '#') fail("line", "unexpected text after the sample");
    return out;  // anything after '#' is an exemplar: not needed for capacity series
  }

 private:
  char peek() const { return p_ < s_.size() ? s_[p_] : '\0'; }
  void skipBlanks() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t')) ++p_;
  }
  [[noreturn]] void fail(const std::string& field, const std::string& detail) const {
    throw ImportError(file_, line_, field, detail + " (column " + std::to_string(p_ + 1) + ")");
  }
  void expect(char c, const std::string& field) {
    if (peek() != c) fail(field, std::string("expected '") + c + "'");
    ++p_;
  }
  std::string identifier(const std::string& field) {
    const std::size_t start = p_;
    while (p_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[p_])) || s_[p_] == '_' || s_[p_] == ':')) ++p_;
    if (p_ == start || std::isdigit(static_cast<unsigned char>(s_[start]))) fail(field, "invalid name");
    return std::string(s_.substr(start, p_ - start));
  }
  std::string quoted(const std::string& field) {
    expect('"', field);
    std::string out;
    while (p_ < s_.size() && s_[p_] != '"') {
      if (s_[p_] == '\\' && p_ + 1 < s_.size()) {
        const char e = s_[p_ + 1];
        out.push_back(e == 'n' ? '\n' : e);
        p_ += 2;
      } else {
        out.push_back(s_[p_++]);
      }
    }
    if (p_ >= s_.size()) fail(field, "unterminated quoted value");
    ++p_;
    return out;
  }
  std::string_view token() {
    const std::size_t start = p_;
    while (p_ < s_.size() && s_[p_] != ' ' && s_[p_] != '\t') ++p_;
    return s_.substr(start, p_ - start);
  }

  std::string_view s_;
  std::size_t p_ = 0;
  const std::string& file_;
  long line_;
};

// Suffixes that attach a sample to its family, per family type.
std::string familyOf(const std::string& name, const std::map<std::string, Family>& families) {
  if (families.count(name)) return name;
  for (const char* suffix : {"_bucket", "_sum", "_count", "_total", "_created", "_gcount", "_gsum", "_info"}) {
    const std::string_view sv(suffix);
    if (endsWith(name, sv)) {
      const std::string base = name.substr(0, name.size() - sv.size());
      if (families.count(base)) return base;
    }
  }
  return {};
}

struct HistogramGroup {
  std::string base;
  std::map<std::string, std::string> labels;
  std::vector<std::pair<double, std::size_t>> buckets;  // (bound, series handle)
  std::size_t sum = SIZE_MAX;
  std::size_t count = SIZE_MAX;
  std::string unit;
  double scale = 1.0;
  bool isHistogram = false;
};

std::map<double, double> pointsByTime(const TimeSeries& s) {
  std::map<double, double> m;
  for (std::size_t i = 0; i < s.size(); ++i) m[s.time_s[i]] = s.value[i];
  return m;
}

double valueAt(const std::map<double, double>& m, double t) {
  auto it = m.find(t);
  return it == m.end() ? std::nan("") : it->second;
}

void deriveGroup(const HistogramGroup& g, SeriesBuilder& b, const ImportOptions& options,
                 std::vector<ImportWarning>& warnings) {
  std::vector<std::map<double, double>> bucketPts;
  std::set<double> times;
  for (const auto& [bound, h] : g.buckets) {
    bucketPts.push_back(pointsByTime(b.at(h)));
    for (double t : b.at(h).time_s) times.insert(t);
  }
  std::map<double, double> sumPts, countPts;
  if (g.sum != SIZE_MAX) sumPts = pointsByTime(b.at(g.sum));
  if (g.count != SIZE_MAX) countPts = pointsByTime(b.at(g.count));
  if (!g.isHistogram)
    for (const auto& [t, v] : countPts) times.insert(t);
  const std::vector<double> ts(times.begin(), times.end());
  bool reset = false;
  if (g.isHistogram && !g.buckets.empty()) {
    std::vector<std::size_t> qh;
    for (double q : options.quantiles) {
      char buf[64];
      std::snprintf(buf, sizeof buf, "histogram_quantile(%g, %s)", q, g.base.c_str());
      qh.push_back(b.series(buf, g.labels, g.unit));
    }
    for (std::size_t i = 0; i < ts.size(); ++i) {
      if (ts.size() > 1 && i == 0) continue;  // with several scrapes, quantiles describe each interval
      std::vector<HistogramBucket> hb;
      for (std::size_t k = 0; k < g.buckets.size(); ++k) {
        const double cur = valueAt(bucketPts[k], ts[i]);
        if (std::isnan(cur)) continue;
        double c = cur;
        if (ts.size() > 1) {
          const double prev = valueAt(bucketPts[k], ts[i - 1]);
          if (std::isnan(prev)) continue;
          if (cur < prev) reset = true;
          c = counterIncrease(prev, cur);
        }
        hb.push_back({g.buckets[k].first * g.scale, c});
      }
      for (std::size_t k = 0; k < qh.size(); ++k) b.add(qh[k], ts[i], histogramQuantile(options.quantiles[k], hb));
    }
  }
  if (g.sum != SIZE_MAX && g.count != SIZE_MAX) {
    std::vector<double> ct(ts);
    if (!g.isHistogram) ct.assign(times.begin(), times.end());
    const std::size_t mean = b.series("mean(" + g.base + ")", g.labels, g.unit);
    if (ct.size() == 1) {
      const double c = valueAt(countPts, ct[0]);
      b.add(mean, ct[0], c > 0 ? valueAt(sumPts, ct[0]) / c : std::nan(""));
    } else {
      const std::size_t rate = b.series("rate(" + g.base + "_count)", g.labels, "1/s");
      for (std::size_t i = 1; i < ct.size(); ++i) {
        const double c0 = valueAt(countPts, ct[i - 1]), c1 = valueAt(countPts, ct[i]);
        const double s0 = valueAt(sumPts, ct[i - 1]), s1 = valueAt(sumPts, ct[i]);
        if (c1 < c0) reset = true;
        const double dc = counterIncrease(c0, c1);
        const double ds = counterIncrease(s0, s1);
        b.add(rate, ct[i], dc / (ct[i] - ct[i - 1]));
        b.add(mean, ct[i], dc > 0 ? ds / dc : std::nan(""));
      }
    }
  }
  if (reset)
    warnings.push_back({WarningKind::CounterReset, 0,
                        seriesKey(g.base, g.labels) + ": counter went down between scrapes; treated as a restart"});
}

}  // namespace

ImportResult PrometheusTextImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                          Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  ImportResult out;
  out.format = id();
  std::map<std::string, Family> families;
  SeriesBuilder b;
  std::map<std::size_t, std::string> familyOfSeries;
  LineCursor cursor(text, fileName, feedback);
  std::string_view line;
  bool missingTime = false;
  bool sawEof = false;
  const double defaultTime = std::isnan(options.scrape_time_s) ? 0.0 : options.scrape_time_s;
  while (cursor.next(line)) {
    cursor.tick();
    line = trim(line);
    if (line.empty()) continue;
    if (sawEof) throw ImportError(fileName, cursor.lineNumber(), "# EOF", "content after # EOF");
    if (line[0] == '#') {
      if (line == "# EOF") {
        sawEof = true;
        continue;
      }
      for (std::string_view kw : {"# TYPE ", "# UNIT ", "# HELP "}) {
        if (!startsWith(line, kw)) continue;
        std::string_view rest = trim(line.substr(kw.size()));
        const auto sp = rest.find_first_of(" \t");
        const std::string name(rest.substr(0, sp));
        const std::string_view arg = sp == std::string_view::npos ? std::string_view() : trim(rest.substr(sp));
        if (name.empty()) throw ImportError(fileName, cursor.lineNumber(), std::string(trim(kw.substr(1))), "missing metric name");
        if (kw == "# TYPE ") {
          static const std::set<std::string> types{"counter", "gauge", "histogram", "summary", "untyped", "unknown",
                                                   "gaugehistogram", "info", "stateset"};
          if (!types.count(std::string(arg)))
            throw ImportError(fileName, cursor.lineNumber(), "TYPE", "unknown metric type \"" + std::string(arg) + "\"");
          families[name].type = std::string(arg);
        } else if (kw == "# UNIT ") {
          families[name].unit = std::string(arg);
        } else {
          families.try_emplace(name);
        }
      }
      continue;
    }
    Sample s = LineParser(line, fileName, cursor.lineNumber()).parse();
    const std::string fam = familyOf(s.name, families);
    const Family* f = fam.empty() ? nullptr : &families[fam];
    if (f && endsWith(s.name, "_created")) continue;  // creation timestamps, not measurements
    UnitInfo unit = unitFromMetricName(s.name);
    const bool countLike = endsWith(s.name, "_bucket") || endsWith(s.name, "_count") || endsWith(s.name, "_gcount");
    if (f && !f->unit.empty() && !countLike) unit = normaliseUnit(f->unit);
    if (f && f->type == "counter" && unit.canonical.empty()) unit.canonical = "count";
    if (!s.hasTime) missingTime = true;
    const std::size_t h = b.series(s.name, s.labels, unit.canonical);
    b.add(h, s.hasTime ? s.time_s : defaultTime, s.value * unit.scale);
    if (f) familyOfSeries[h] = fam;
  }
  // Only comments (or nothing): not an exposition of anything; importing "0 series" would hide the mistake.
  if (b.count() == 0)
    throw ImportError(fileName, cursor.lineNumber(), "sample", "no sample line: the file holds only comments or blank lines");
  if (missingTime && std::isnan(options.scrape_time_s))
    out.warnings.push_back({WarningKind::MissingTimestamp, 0,
                            "samples without a timestamp were placed at t = 0 (set ImportOptions::scrape_time_s)"});

  // Group histogram/summary series by label set (without le) and derive quantiles, rate and mean.
  std::map<std::string, HistogramGroup> groups;
  const std::size_t rawCount = b.count();
  for (std::size_t h = 0; h < rawCount; ++h) {
    auto it = familyOfSeries.find(h);
    if (it == familyOfSeries.end()) continue;
    const Family& f = families[it->second];
    if (f.type != "histogram" && f.type != "summary") continue;
    const TimeSeries& s = b.at(h);
    auto labels = s.labels;
    const auto le = labels.find("le");
    std::string leText;
    if (le != labels.end()) {
      leText = le->second;
      labels.erase(le);
    }
    HistogramGroup& g = groups[seriesKey(it->second, labels)];
    g.base = it->second;
    g.labels = labels;
    g.isHistogram = f.type == "histogram";
    const UnitInfo u = f.unit.empty() ? unitFromMetricName(g.base) : normaliseUnit(f.unit);
    g.unit = u.canonical;
    g.scale = u.scale;
    if (endsWith(s.name, "_bucket") && g.isHistogram) {
      double bound;
      if (!parseDouble(leText, bound) || std::isnan(bound))
        throw ImportError(fileName, 0, seriesKey(s.name, s.labels), "bucket label \"le\" missing or malformed");
      g.buckets.push_back({bound, h});
    } else if (endsWith(s.name, "_sum")) {
      g.sum = h;
    } else if (endsWith(s.name, "_count")) {
      g.count = h;
    }
  }
  for (const auto& [key, g] : groups) deriveGroup(g, b, options, out.warnings);
  out.series = b.finish(out.warnings);
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace headroom
