#include "importers/parse_util.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace headroom {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  return true;
}

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool endsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string toLower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool parseDouble(std::string_view s, double& out) {
  s = trim(s);
  if (s.empty()) return false;
  bool negative = false;
  std::string_view body = s;
  if (body.front() == '+' || body.front() == '-') {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (iequals(body, "nan")) {
    out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (iequals(body, "inf") || iequals(body, "infinity")) {
    out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  // from_chars takes no leading '+'; a sign after the sign ("+-1") is rejected here.
  if (body.empty() || body.front() == '+' || body.front() == '-') return false;
  double v = 0;
  auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), v);
  if (ec == std::errc::result_out_of_range) {
    v = std::numeric_limits<double>::infinity();  // e.g. 1e999: keep the magnitude's sign below
  } else if (ec != std::errc() || ptr != body.data() + body.size()) {
    return false;
  }
  out = negative ? -v : v;
  return true;
}

std::optional<double> toDouble(std::string_view s) {
  double v;
  if (parseDouble(s, v)) return v;
  return std::nullopt;
}

long long daysFromCivil(int year, unsigned month, unsigned day) {
  // Shift the year to start in March so the leap day is the last day of the (shifted) year.
  const long long y = static_cast<long long>(year) - (month <= 2 ? 1 : 0);
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yearOfEra = y - era * 400;
  const long long shiftedMonth = (static_cast<long long>(month) + 9) % 12;  // March = 0
  const long long dayOfYear = (153 * shiftedMonth + 2) / 5 + static_cast<long long>(day) - 1;
  const long long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

namespace {

bool readDigits(std::string_view s, std::size_t& pos, std::size_t count, int& out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (std::size_t i = 0; i < count; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += count;
  out = v;
  return true;
}

bool isLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
unsigned daysInMonth(int y, int m) {
  static const unsigned days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29u : days[m - 1];
}

}  // namespace

std::optional<ParsedTime> parseIsoTime(std::string_view s) {
  s = trim(s);
  std::size_t p = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!readDigits(s, p, 4, year)) return std::nullopt;
  if (p >= s.size() || (s[p] != '-' && s[p] != '/')) return std::nullopt;
  const char dateSep = s[p++];
  if (!readDigits(s, p, 2, month) || p >= s.size() || s[p++] != dateSep || !readDigits(s, p, 2, day))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || static_cast<unsigned>(day) > daysInMonth(year, month)) return std::nullopt;
  double frac = 0;
  ParsedTime result;
  if (p < s.size() && (s[p] == 'T' || s[p] == 't' || s[p] == ' ')) {
    ++p;
    if (!readDigits(s, p, 2, hour) || p >= s.size() || s[p++] != ':' || !readDigits(s, p, 2, minute))
      return std::nullopt;
    if (p < s.size() && s[p] == ':') {
      ++p;
      if (!readDigits(s, p, 2, second)) return std::nullopt;
      if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
        ++p;
        double scale = 0.1;
        const std::size_t start = p;
        while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) {
          frac += (s[p] - '0') * scale;
          scale /= 10;
          ++p;
        }
        if (p == start) return std::nullopt;
      }
    }
    if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute || second || frac > 0))) return std::nullopt;
  }
  long long offsetSec = 0;
  std::string_view rest = trim(s.substr(p));
  if (!rest.empty()) {
    if (rest == "Z" || rest == "z" || iequals(rest, "UTC") || iequals(rest, "GMT")) {
      result.has_zone = true;
    } else if (rest[0] == '+' || rest[0] == '-') {
      const int sign = rest[0] == '-' ? -1 : 1;
      std::size_t q = 1;
      int oh = 0, om = 0;
      if (!readDigits(rest, q, 2, oh)) return std::nullopt;
      if (q < rest.size() && rest[q] == ':') ++q;
      if (q < rest.size() && !readDigits(rest, q, 2, om)) return std::nullopt;
      if (q != rest.size() || oh > 23 || om > 59) return std::nullopt;
      offsetSec = sign * (oh * 3600LL + om * 60LL);
      result.has_zone = true;
    } else {
      return std::nullopt;
    }
  }
  const long long days = daysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  result.seconds = static_cast<double>(days * 86400LL + hour * 3600LL + minute * 60LL + second - offsetSec) + frac;
  return result;
}

std::optional<double> parseTimeToUnix(std::string_view s, int naiveUtcOffsetMin) {
  auto t = parseIsoTime(s);
  if (!t) return std::nullopt;
  return t->has_zone ? t->seconds : t->seconds - naiveUtcOffsetMin * 60.0;
}

double epochToSeconds(double epoch) {
  const double a = std::fabs(epoch);
  if (a < 1e11) return epoch;
  if (a < 1e14) return epoch / 1e3;
  if (a < 1e17) return epoch / 1e6;
  return epoch / 1e9;
}

UnitInfo normaliseUnit(std::string_view raw) {
  const std::string u = toLower(trim(raw));
  struct Entry {
    const char* text;
    const char* canonical;
    double scale;
  };
  static const Entry table[] = {
      {"", "", 1},
      {"none", "", 1},
      {"s", "s", 1},
      {"sec", "s", 1},
      {"secs", "s", 1},
      {"second", "s", 1},
      {"seconds", "s", 1},
      {"ms", "s", 1e-3},
      {"millisecond", "s", 1e-3},
      {"milliseconds", "s", 1e-3},
      {"us", "s", 1e-6},
      {"\xc2\xb5s", "s", 1e-6},
      {"microsecond", "s", 1e-6},
      {"microseconds", "s", 1e-6},
      {"ns", "s", 1e-9},
      {"nanosecond", "s", 1e-9},
      {"nanoseconds", "s", 1e-9},
      {"m", "s", 60},
      {"min", "s", 60},
      {"mins", "s", 60},
      {"minute", "s", 60},
      {"minutes", "s", 60},
      {"h", "s", 3600},
      {"hour", "s", 3600},
      {"hours", "s", 3600},
      {"d", "s", 86400},
      {"day", "s", 86400},
      {"days", "s", 86400},
      {"%", "percent", 1},
      {"percent", "percent", 1},
      {"percentage", "percent", 1},
      {"ratio", "ratio", 1},
      {"percentunit", "ratio", 1},
      {"b", "bytes", 1},
      {"by", "bytes", 1},
      {"byte", "bytes", 1},
      {"bytes", "bytes", 1},
      {"kb", "bytes", 1e3},
      {"kilobytes", "bytes", 1e3},
      {"mb", "bytes", 1e6},
      {"megabytes", "bytes", 1e6},
      {"gb", "bytes", 1e9},
      {"gigabytes", "bytes", 1e9},
      {"tb", "bytes", 1e12},
      {"terabytes", "bytes", 1e12},
      {"kib", "bytes", 1024.0},
      {"mib", "bytes", 1048576.0},
      {"gib", "bytes", 1073741824.0},
      {"bytes/second", "bytes/s", 1},
      {"bytes/s", "bytes/s", 1},
      {"b/s", "bytes/s", 1},
      {"by/s", "bytes/s", 1},
      {"kb/s", "bytes/s", 1e3},
      {"kilobytes/second", "bytes/s", 1e3},
      {"mb/s", "bytes/s", 1e6},
      {"megabytes/second", "bytes/s", 1e6},
      {"1", "count", 1},
      {"count", "count", 1},
      {"{count}", "count", 1},
      {"{request}", "count", 1},
      {"{requests}", "count", 1},
      {"req", "count", 1},
      {"requests", "count", 1},
      {"1/s", "1/s", 1},
      {"count/second", "1/s", 1},
      {"/s", "1/s", 1},
      {"req/s", "1/s", 1},
      {"reqps", "1/s", 1},
      {"rps", "1/s", 1},
      {"ops/s", "1/s", 1},
      {"ops", "1/s", 1},
      {"requests/s", "1/s", 1},
      {"{request}/s", "1/s", 1},
  };
  for (const auto& e : table)
    if (u == e.text) return {e.canonical, e.scale, true};
  return {std::string(trim(raw)), 1.0, false};
}

std::optional<ValueWithUnit> parseValueWithUnit(std::string_view s) {
  s = trim(s);
  if (s.empty()) return std::nullopt;
  double v;
  if (parseDouble(s, v)) return ValueWithUnit{v, {}};
  // Longest numeric prefix: sign, digits, one dot, exponent.
  std::size_t p = 0;
  if (p < s.size() && (s[p] == '+' || s[p] == '-')) ++p;
  const std::size_t digitsStart = p;
  while (p < s.size() && (std::isdigit(static_cast<unsigned char>(s[p])) || s[p] == '.')) ++p;
  if (p == digitsStart) return std::nullopt;
  if (p < s.size() && (s[p] == 'e' || s[p] == 'E')) {
    std::size_t q = p + 1;
    if (q < s.size() && (s[q] == '+' || s[q] == '-')) ++q;
    if (q < s.size() && std::isdigit(static_cast<unsigned char>(s[q]))) {
      while (q < s.size() && std::isdigit(static_cast<unsigned char>(s[q]))) ++q;
      p = q;
    }
  }
  if (!parseDouble(s.substr(0, p), v)) return std::nullopt;
  std::string unit(trim(s.substr(p)));
  // Grafana's "short" unit adds SI suffixes to plain numbers: 1.2 K, 3 Mil, 2 Bil.
  if (unit == "K") return ValueWithUnit{v * 1e3, {}};
  if (unit == "Mil") return ValueWithUnit{v * 1e6, {}};
  if (unit == "Bil") return ValueWithUnit{v * 1e9, {}};
  return ValueWithUnit{v, unit};
}

UnitInfo unitFromMetricName(std::string_view name) {
  std::string_view n = name;
  if (endsWith(n, "_count") || endsWith(n, "_bucket")) return {"count", 1, true};
  for (std::string_view suffix : {"_total", "_count", "_sum", "_bucket", "_created"})
    if (endsWith(n, suffix)) {
      n.remove_suffix(suffix.size());
      break;
    }
  if (endsWith(n, "_seconds") || endsWith(n, "_duration_s")) return {"s", 1, true};
  if (endsWith(n, "_milliseconds") || endsWith(n, "_ms")) return {"s", 1e-3, true};
  if (endsWith(n, "_microseconds")) return {"s", 1e-6, true};
  if (endsWith(n, "_bytes")) return {"bytes", 1, true};
  if (endsWith(n, "_ratio")) return {"ratio", 1, true};
  if (endsWith(n, "_percent")) return {"percent", 1, true};
  return {"", 1, true};
}

}  // namespace headroom
