#include "simulator/calibration/time_window.h"

#include <cstdlib>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <limits>
#include <stdexcept>

namespace headroom::calibration {

namespace {

bool parseNumber(const std::string& s, double& out) {
  if (s.empty()) return false;
  char* end = nullptr;
  out = std::strtod(s.c_str(), &end);
  return end && *end == '\0' && std::isfinite(out);
}

// "YYYY-MM-DDTHH:MM[:SS]Z" or with a space; only UTC ('Z' or nothing) to keep the rule simple and explicit.
bool parseIsoUtc(const std::string& s, double& out) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, n = 0;
  char sep = 0;
  if (std::sscanf(s.c_str(), "%4d-%2d-%2d%c%2d:%2d%n", &y, &mo, &d, &sep, &h, &mi, &n) != 6 || (sep != 'T' && sep != ' '))
    return false;
  std::string rest = s.substr(static_cast<std::size_t>(n));
  if (!rest.empty() && rest[0] == ':') {
    int m2 = 0;
    if (std::sscanf(rest.c_str(), ":%2d%n", &sec, &m2) != 1) return false;
    rest = rest.substr(static_cast<std::size_t>(m2));
  }
  if (!(rest.empty() || rest == "Z")) return false;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return false;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  out = static_cast<double>(timegm(&tm));
  return true;
}

}  // namespace

TimeBound parseTimeBound(const std::string& text, const std::string& option) {
  TimeBound b;
  if (!text.empty() && text[0] == '+') {
    std::string body = text.substr(1);
    double scale = 1.0;
    if (!body.empty()) {
      switch (body.back()) {
        case 's': scale = 1.0; body.pop_back(); break;
        case 'm': scale = 60.0; body.pop_back(); break;
        case 'h': scale = 3600.0; body.pop_back(); break;
        case 'd': scale = 86400.0; body.pop_back(); break;
        default: break;
      }
    }
    double v = 0;
    if (!parseNumber(body, v) || v < 0)
      throw std::invalid_argument(option + " '" + text + "': a relative time is +N[s|m|h|d] after the series start");
    b.kind = TimeBound::Kind::Relative;
    b.value_s = v * scale;
    return b;
  }
  double v = 0;
  if (parseNumber(text, v) || parseIsoUtc(text, v)) {
    b.kind = TimeBound::Kind::Absolute;
    b.value_s = v;
    return b;
  }
  throw std::invalid_argument(option + " '" + text +
                              "': expected Unix seconds, an ISO time in UTC (2026-03-01T10:00:00Z) or +N[s|m|h|d] "
                              "relative to the series start");
}

ResolvedWindow seriesExtent(const std::vector<const TimeSeries*>& series) {
  ResolvedWindow e{std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
  for (const TimeSeries* s : series) {
    if (!s) continue;
    for (double t : s->time_s)
      if (std::isfinite(t)) {
        e.from_s = std::min(e.from_s, t);
        e.to_s = std::max(e.to_s, t);
      }
  }
  return e;
}

ResolvedWindow resolveWindow(const TimeWindow& window, const ResolvedWindow& extent) {
  if (!(extent.from_s <= extent.to_s)) throw std::invalid_argument("time window: the series have no samples");
  auto bound = [&](const TimeBound& b, double fallback) {
    switch (b.kind) {
      case TimeBound::Kind::Absolute: return b.value_s;
      case TimeBound::Kind::Relative: return extent.from_s + b.value_s;
      case TimeBound::Kind::None: break;
    }
    return fallback;
  };
  // Without --to the window includes the last sample.
  ResolvedWindow w{bound(window.from, extent.from_s), bound(window.to, std::nextafter(extent.to_s, INFINITY))};
  if (!(w.from_s < w.to_s))
    throw std::invalid_argument("time window " + isoTimeText(w.from_s) + " .. " + isoTimeText(w.to_s) +
                                " is empty (--from must be before --to)");
  if (w.to_s <= extent.from_s || w.from_s > extent.to_s)
    throw std::invalid_argument("time window " + isoTimeText(w.from_s) + " .. " + isoTimeText(w.to_s) +
                                " contains no sample: the series cover " + isoTimeText(extent.from_s) + " .. " +
                                isoTimeText(extent.to_s));
  return w;
}

TimeSeries cutToWindow(const TimeSeries& s, const ResolvedWindow& w) {
  TimeSeries out;
  out.name = s.name;
  out.labels = s.labels;
  out.unit = s.unit;
  for (std::size_t i = 0; i < s.time_s.size(); ++i)
    if (s.time_s[i] >= w.from_s && s.time_s[i] < w.to_s) {
      out.time_s.push_back(s.time_s[i]);
      out.value.push_back(s.value[i]);
    }
  return out;
}

std::string isoTimeText(double unix_s) {
  if (!std::isfinite(unix_s)) return "-";
  const auto t = static_cast<std::time_t>(std::floor(unix_s));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%SZ", &tm);
  return buf;
}

}  // namespace headroom::calibration
