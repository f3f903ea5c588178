// Checks histogramQuantile() against the expected outputs of Prometheus' own PromQL test script
// (shared/data/prometheus/histograms.test). A tiny interpreter understands the parts of the promqltest DSL that classic
// histograms need:
//   load / load_with_nhcb <step>  series lines "name{labels} 0+5x10" (also "a-bxN", "axN", literals, "_")
//   clear
//   eval instant at <T> histogram_quantile(<q>, EXPR) followed by expected "{labels} value" lines, where EXPR is
//     name_bucket | rate(name_bucket[W]) | sum/avg(rate(name_bucket[W])) by (le, ...) | sum/avg by (le, ...) (rate(...))
// Skipped, and why:
//   - expressions on native histograms (a metric name without _bucket, "{{...}}" series): headroom imports classic
//     histograms only; load_with_nhcb series are still evaluated through their classic _bucket series;
//   - histogram_quantiles (plural), histogram_fraction/count/sum/avg/stddev and regex selectors: other functions;
//   - "expect fail" cases: they test PromQL parse/selector errors, not the quantile rule.
// rate() is evaluated as the plain increase over (T-W, T] divided by W. Prometheus extrapolates to the window edges,
// but every bucket of a load block is sampled at the same instants, so all buckets are scaled by the same factor and a
// quantile (a ratio of bucket counts) does not change.
#include <QtTest>

#include <cmath>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "importers/histogram_math.h"
#include "importers/parse_util.h"
#include "test_support.h"

using namespace headroom;

namespace {

struct Series {
  std::string name;
  std::map<std::string, std::string> labels;
  std::vector<std::pair<double, double>> points;  // (t s, value)
};

double parseDuration(const std::string& s) {
  if (s == "0") return 0;
  double total = 0;
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t q = p;
    while (q < s.size() && std::isdigit(static_cast<unsigned char>(s[q]))) ++q;
    const double n = std::stod(s.substr(p, q - p));
    const char u = s[q];
    total += n * (u == 's' ? 1 : u == 'm' ? 60 : u == 'h' ? 3600 : u == 'd' ? 86400 : 0);
    p = q + 1;
  }
  return total;
}

std::map<std::string, std::string> parseLabels(const std::string& body) {
  std::map<std::string, std::string> out;
  static const std::regex re("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=\\s*\"([^\"]*)\"\\s*,?");
  for (auto it = std::sregex_iterator(body.begin(), body.end(), re); it != std::sregex_iterator(); ++it)
    out[(*it)[1]] = (*it)[2];
  return out;
}

bool parseSeriesLine(const std::string& line, double step, Series& s) {
  static const std::regex re(R"re(^\s*([A-Za-z_:][A-Za-z0-9_:]*)?(\{[^}]*\})?\s+(.*)$)re");
  std::smatch m;
  if (!std::regex_match(line, m, re)) return false;
  s.name = m[1];
  s.labels = m[2].matched ? parseLabels(std::string(m[2]).substr(1, std::string(m[2]).size() - 2)) : std::map<std::string, std::string>{};
  std::istringstream values(m[3]);
  std::string tok;
  double t = 0;
  static const std::regex expand(R"re(^([-+]?[0-9.eE]+)(([-+])([0-9.eE]+))?x([0-9]+)$)re");
  while (values >> tok) {
    std::smatch e;
    if (std::regex_match(tok, e, expand)) {
      const double start = std::stod(e[1]);
      const double inc = e[2].matched ? (std::string(e[3]) == "-" ? -1 : 1) * std::stod(e[4]) : 0.0;
      const int n = std::stoi(e[5]);
      for (int i = 0; i <= n; ++i, t += step) s.points.push_back({t, start + inc * i});
    } else if (tok == "_" || tok == "stale") {
      t += step;
    } else {
      double v;
      if (!parseDouble(tok, v)) return false;
      s.points.push_back({t, v});
      t += step;
    }
  }
  return true;
}

double parseQ(const std::string& s) {
  const auto slash = s.find('/');
  if (slash != std::string::npos) return std::stod(s.substr(0, slash)) / std::stod(s.substr(slash + 1));
  double v = 0;
  parseDouble(s, v);
  return v;
}

}  // namespace

class TestPromqlHistograms : public QObject {
  Q_OBJECT
 private slots:
  void histogramQuantileMatchesPromqlTestScript() {
    HEADROOM_REQUIRE_SHARED();
    const std::string path = test::sharedData().toStdString() + "/prometheus/histograms.test";
    std::ifstream in(path);
    QVERIFY2(in, path.c_str());
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);

    std::vector<Series> store;
    int evaluated = 0, skipped = 0, failures = 0;
    static const std::regex evalRe(R"re(^eval instant at (\S+) histogram_quantile\(([^,]+), (.*)\)\s*$)re");
    static const std::regex plainRe(R"re(^([A-Za-z_:][A-Za-z0-9_:]*_bucket)$)re");
    static const std::regex rateRe(R"re(^rate\(([A-Za-z_:][A-Za-z0-9_:]*_bucket)\[(\w+)\]\)$)re");
    static const std::regex aggRe(R"re(^(sum|avg)\(rate\(([A-Za-z_:][A-Za-z0-9_:]*_bucket)\[(\w+)\]\)\) by \(([^)]*)\)$)re");
    static const std::regex aggPrefixRe(R"re(^(sum|avg) by \(([^)]*)\) \(rate\(([A-Za-z_:][A-Za-z0-9_:]*_bucket)\[(\w+)\]\)\)$)re");
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      if (line.rfind("load", 0) == 0) {
        const double step = parseDuration(line.substr(line.find(' ') + 1));
        for (; i + 1 < lines.size() && !lines[i + 1].empty() && std::isspace(static_cast<unsigned char>(lines[i + 1][0])); ++i) {
          if (lines[i + 1].find("{{") != std::string::npos) continue;  // native histogram sample
          Series s;
          if (parseSeriesLine(lines[i + 1], step, s)) store.push_back(std::move(s));
        }
        continue;
      }
      if (line == "clear") {
        store.clear();
        continue;
      }
      std::smatch m;
      if (line.rfind("eval", 0) != 0 || !std::regex_match(line, m, evalRe)) continue;
      const double at = parseDuration(m[1]);
      const double q = parseQ(m[2]);
      const std::string expr = m[3];
      // Expected results and expectations.
      bool expectFail = false;
      std::vector<std::pair<std::map<std::string, std::string>, double>> expected;
      for (; i + 1 < lines.size() && !lines[i + 1].empty() && std::isspace(static_cast<unsigned char>(lines[i + 1][0])); ++i) {
        const std::string body(trim(lines[i + 1]));
        if (body.rfind("expect fail", 0) == 0) expectFail = true;
        if (body.rfind("expect", 0) == 0 || body.rfind("#", 0) == 0) continue;
        const auto close = body.rfind('}');
        if (body[0] != '{' || close == std::string::npos) continue;
        double v = 0;
        parseDouble(body.substr(close + 1), v);
        expected.push_back({parseLabels(body.substr(1, close - 1)), v});
      }
      std::string name, window, agg;
      std::vector<std::string> by;
      bool byGiven = false;
      std::smatch e;
      if (std::regex_match(expr, e, plainRe)) {
        name = e[1];
      } else if (std::regex_match(expr, e, rateRe)) {
        name = e[1];
        window = e[2];
      } else if (std::regex_match(expr, e, aggRe) || std::regex_match(expr, e, aggPrefixRe)) {
        const bool prefix = std::regex_match(expr, aggPrefixRe);
        agg = e[1];
        name = prefix ? e[3] : e[2];
        window = prefix ? e[4] : e[3];
        std::stringstream ls(prefix ? std::string(e[2]) : std::string(e[4]));
        for (std::string l; std::getline(ls, l, ',');) by.push_back(std::string(trim(l)));
        byGiven = true;
      }
      if (name.empty() || expectFail) {
        ++skipped;
        continue;
      }
      // Evaluate: per output group, per le string, the summed value.
      std::map<std::map<std::string, std::string>, std::map<std::string, double>> groups;
      for (const Series& s : store) {
        if (s.name != name || !s.labels.count("le")) continue;
        double value = std::nan("");
        if (window.empty()) {  // instant selector with 5 min lookback
          for (const auto& [t, v] : s.points)
            if (t <= at && at - t <= 300) value = v;
        } else {
          const double w = parseDuration(window);
          double inc = 0, prev = std::nan("");
          int n = 0;
          for (const auto& [t, v] : s.points) {
            if (t <= at - w || t > at) continue;
            if (n++) inc += counterIncrease(prev, v);
            prev = v;
          }
          if (n >= 2) value = inc / w;
        }
        if (std::isnan(value)) continue;
        std::map<std::string, std::string> key;
        for (const auto& [k, v] : s.labels)
          if (k != "le" && (!byGiven || std::find(by.begin(), by.end(), k) != by.end())) key[k] = v;
        groups[key][s.labels.at("le")] += value;  // sum; avg divides every bucket by the same count
      }
      std::map<std::map<std::string, std::string>, double> got;
      for (const auto& [key, buckets] : groups) {
        std::vector<HistogramBucket> hb;
        for (const auto& [le, v] : buckets) {
          double bound;
          QVERIFY(parseDouble(le, bound));
          hb.push_back({bound, v});
        }
        got[key] = histogramQuantile(q, hb);
      }
      ++evaluated;
      if (got.size() != expected.size()) {
        ++failures;
        qWarning("line %zu: %s: %zu results, expected %zu", i + 1, line.c_str(), got.size(), expected.size());
        continue;
      }
      for (const auto& [labels, want] : expected) {
        auto it = got.find(labels);
        const bool match = it != got.end() &&
                           ((std::isnan(want) && std::isnan(it->second)) || it->second == want ||
                            std::fabs(it->second - want) <= 1e-6 * std::max(1.0, std::fabs(want)));
        if (!match) {
          ++failures;
          qWarning("%s: expected %g, got %g", line.c_str(), want, it == got.end() ? std::nan("") : it->second);
        }
      }
    }
    qInfo("histograms.test: %d histogram_quantile cases evaluated, %d skipped", evaluated, skipped);
    QCOMPARE(failures, 0);
    QVERIFY2(evaluated >= 40, "the interpreter should understand most classic histogram_quantile cases");
  }

  void quantileRulesOnHandMadeBuckets() {
    const double inf = std::numeric_limits<double>::infinity();
    QVERIFY(std::isnan(histogramQuantile(0.5, {{1, 1}, {2, 2}})));  // no +Inf bucket
    QVERIFY(std::isnan(histogramQuantile(0.5, {{inf, 3}})));         // fewer than 2 buckets
    QVERIFY(std::isnan(histogramQuantile(0.5, {{1, 0}, {inf, 0}})));  // no observations
    QCOMPARE(histogramQuantile(0.99, {{1, 1}, {2, 2}, {inf, 100}}), 2.0);  // +Inf -> highest finite bound
    QCOMPARE(histogramQuantile(0.5, {{2, 5}, {inf, 10}, {1, 3}}), 1.0 + (5.0 - 3.0) / 2.0);  // unsorted input
    bool fixed = false;
    QCOMPARE(histogramQuantile(0.5, {{1, 6}, {2, 4}, {inf, 8}}, &fixed), 1.0 * 4.0 / 6.0);
    QVERIFY(fixed);
    QCOMPARE(histogramQuantile(-0.1, {{1, 1}, {inf, 1}}), -inf);
    QCOMPARE(histogramQuantile(1.5, {{1, 1}, {inf, 1}}), inf);
  }
};

QTEST_APPLESS_MAIN(TestPromqlHistograms)
#include "test_promql_histograms.moc"
