#include "importers/access_log.h"

#include <cmath>
#include <map>
#include <optional>
#include <vector>

#include "importers/parse_util.h"
#include "importers/route_classes.h"
#include "importers/sample_stats.h"
#include "importers/series_builder.h"
#include "importers/text_source.h"

namespace headroom {

namespace {

// "17/May/2015:10:05:03 +0000"
std::optional<double> parseClfTime(std::string_view s) {
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (s.size() < 26 || s[2] != '/' || s[6] != '/' || s[11] != ':' || s[14] != ':' || s[17] != ':' || s[20] != ' ')
    return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int day = 0, year = 0, h = 0, m = 0, sec = 0, oh = 0, om = 0;
  if (!num(0, 2, day) || !num(7, 4, year) || !num(12, 2, h) || !num(15, 2, m) || !num(18, 2, sec) || !num(22, 2, oh) ||
      !num(24, 2, om))
    return std::nullopt;
  unsigned month = 0;
  for (unsigned i = 0; i < 12; ++i)
    if (s.substr(3, 3) == months[i]) month = i + 1;
  if (!month || day < 1 || day > 31 || h > 23 || m > 59 || sec > 60) return std::nullopt;
  const int sign = s[21] == '-' ? -1 : 1;
  if (s[21] != '+' && s[21] != '-') return std::nullopt;
  const long long days = daysFromCivil(year, month, static_cast<unsigned>(day));
  return static_cast<double>(days * 86400 + h * 3600 + m * 60 + sec - sign * (oh * 3600 + om * 60));
}

struct Parsed {
  double time_s;
  int status;
  double latency_s;
  std::string_view target;  // request target ("/api/x?y") from "METHOD target PROTOCOL"; empty when absent
};

// The blank-separated tokens of `s`, where "a, b" (nginx lists one $upstream_response_time per upstream tried)
// stays one token.
std::vector<std::string_view> latencyTokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    if (i >= s.size()) break;
    std::size_t j = i;
    while (j < s.size()) {
      if (s[j] == ' ' && !(j > i && s[j - 1] == ',')) break;
      ++j;
    }
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// "0.012" or "0.010, 0.020" (time summed over the upstreams tried); nullopt for "-" or text.
std::optional<double> latencyValue(std::string_view token) {
  double total = 0;
  while (!token.empty()) {
    const auto comma = token.find(',');
    double v;
    if (!parseDouble(trim(token.substr(0, comma)), v) || !std::isfinite(v) || v < 0) return std::nullopt;
    total += v;
    if (comma == std::string_view::npos) break;
    token = token.substr(comma + 1);
  }
  return total;
}

std::string_view requestTarget(std::string_view requestLine) {
  const auto a = requestLine.find(' ');
  if (a == std::string_view::npos) return {};
  const auto b = requestLine.find(' ', a + 1);
  return requestLine.substr(a + 1, b == std::string_view::npos ? std::string_view::npos : b - a - 1);
}

// Returns nullopt for a malformed line.
std::optional<Parsed> parseLine(std::string_view line, const std::string& latencyMode, int latencyPosition = 1) {
  const auto open = line.find('[');
  const auto close = line.find(']', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos) return std::nullopt;
  const auto t = parseClfTime(line.substr(open + 1, close - open - 1));
  if (!t) return std::nullopt;
  std::size_t p = line.find('"', close);
  if (p == std::string_view::npos) return std::nullopt;
  // The request line may contain escaped quotes (\"); find the closing unescaped quote.
  std::size_t q = p + 1;
  while (q < line.size() && !(line[q] == '"' && line[q - 1] != '\\')) ++q;
  if (q >= line.size()) return std::nullopt;
  std::string_view rest = trim(line.substr(q + 1));
  const auto sp = rest.find(' ');
  int status = 0;
  for (char ch : rest.substr(0, sp)) {
    if (ch < '0' || ch > '9') return std::nullopt;
    status = status * 10 + (ch - '0');
  }
  if (status < 100 || status > 999) return std::nullopt;
  double latency = std::nan("");
  if (latencyMode != "none") {
    // Latency is the last blank-separated token after the quoted fields, if numeric.
    std::string_view tail = trim(rest);
    const auto lastQuote = tail.rfind('"');
    std::string_view after = lastQuote == std::string_view::npos ? std::string_view() : trim(tail.substr(lastQuote + 1));
    if (lastQuote == std::string_view::npos) {  // common format: status bytes [latency]
      const auto s1 = tail.find(' ');
      const auto s2 = s1 == std::string_view::npos ? s1 : tail.find(' ', s1 + 1);
      after = s2 == std::string_view::npos ? std::string_view() : trim(tail.substr(s2));
    }
    const auto tokens = latencyTokens(after);
    const std::string_view token =
        latencyPosition >= 1 && static_cast<std::size_t>(latencyPosition) <= tokens.size()
            ? tokens[tokens.size() - static_cast<std::size_t>(latencyPosition)]
            : std::string_view();
    const auto value = latencyValue(token);
    if (!token.empty() && value) {
      const double v = *value;
      if (latencyMode == "request_time_s" || latencyMode == "upstream_response_time_s" || latencyMode == "T_s")
        latency = v;
      else if (latencyMode == "D_us") latency = v * 1e-6;
      else latency = token.find('.') != std::string_view::npos ? v : v * 1e-6;
    }
  }
  return Parsed{*t, status, latency, requestTarget(line.substr(p + 1, q - p - 1))};
}

}  // namespace

int AccessLogImporter::sniff(const std::string& head, const std::string& fileName) const {
  const auto nl = head.find('\n');
  const std::string_view first(head.data(), nl == std::string::npos ? head.size() : nl);
  if (parseLine(first, "none")) return 80 + (endsWith(toLower(fileName), ".log") ? 5 : 0);
  return 0;
}

ImportResult AccessLogImporter::readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                                     Feedback* feedback) const {
  const std::string text = readAll(in, fileName, feedback);
  ImportResult out;
  out.format = id();
  LineCursor cursor(text, fileName, feedback);
  std::string_view line;
  std::vector<RawSample> samples;
  std::map<std::string, std::vector<RawSample>> byClass;  // only with route_classes
  std::size_t malformed = 0;
  long firstBad = 0;
  while (cursor.next(line)) {
    cursor.tick();
    if (trim(line).empty()) continue;
    auto p = parseLine(line, options.access_log_latency, options.access_log_latency_position);
    if (!p) {
      if (++malformed <= 20)
        out.warnings.push_back({WarningKind::MalformedLine, cursor.lineNumber(), "not a combined-format log line; skipped"});
      if (!firstBad) firstBad = cursor.lineNumber();
      continue;
    }
    samples.push_back({p->time_s, p->latency_s, p->status < 500});
    if (!options.route_classes.empty())
      byClass[classifyRoute(p->target, options.route_classes).value_or(options.route_default_class)].push_back(samples.back());
  }
  if (samples.empty())
    throw ImportError(fileName, firstBad ? firstBad : 1, "line", "no line in combined log format ([time] \"request\" status)");
  if (malformed > 20)
    out.warnings.push_back({WarningKind::MalformedLine, 0, std::to_string(malformed) + " malformed lines skipped in total"});
  bool anyLatency = false;
  for (const auto& s : samples) anyLatency = anyLatency || !std::isnan(s.latency_s);
  SeriesBuilder b;
  ImportOptions o = options;
  if (!anyLatency) o.quantiles.clear();
  deriveSampleSeries(std::move(samples), o, b);
  // Per class, on the same bin grid as the total (each class's first bin may start later; empty bins are 0 req/s).
  for (auto& [cls, classSamples] : byClass) deriveSampleSeries(std::move(classSamples), o, b, {{"class", cls}});
  out.series = b.finish(out.warnings);
  if (feedback) feedback->setProgress(1.0, "imported");
  return out;
}

}  // namespace headroom
