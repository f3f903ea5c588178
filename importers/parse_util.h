#pragma once
// Text helpers shared by the importers: numbers (with NaN/+Inf spellings), ISO-8601 times, epoch-unit guessing and
// unit normalisation. Pure functions, thread-safe.
#include <optional>
#include <string>
#include <string_view>

namespace headroom {

std::string_view trim(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
bool startsWith(std::string_view s, std::string_view prefix);
bool endsWith(std::string_view s, std::string_view suffix);
std::string toLower(std::string_view s);

// Whole string must be a number (surrounding blanks allowed). Accepts NaN, Inf, +Inf, -Inf in any case.
bool parseDouble(std::string_view s, double& out);
std::optional<double> toDouble(std::string_view s);

// Days since 1970-01-01 of a proleptic Gregorian date.
long long daysFromCivil(int year, unsigned month, unsigned day);

struct ParsedTime {
  double seconds = 0;     // Unix seconds; for a naive time, as if it were UTC
  bool has_zone = false;  // Z or an explicit offset was present
};
// ISO-8601 / RFC-3339 subset: "YYYY-MM-DD", "YYYY-MM-DD[T ]hh:mm[:ss[.frac]]" followed by optional "Z", "+hh:mm",
// "+hhmm", "+hh" or " UTC". Also "YYYY/MM/DD ...". Rejects out-of-range fields.
std::optional<ParsedTime> parseIsoTime(std::string_view s);
// parseIsoTime, then naive times are shifted by -offset (they were local time at UTC+offset).
std::optional<double> parseTimeToUnix(std::string_view s, int naiveUtcOffsetMin);

// A bare epoch number whose unit is guessed by magnitude: < 1e11 s, < 1e14 ms, < 1e17 µs, else ns.
double epochToSeconds(double epoch);

// Canonical unit and the factor that converts a value in `unit` to it. Canonical units: "s", "1/s", "percent",
// "ratio", "bytes", "bytes/s", "count", "" (unknown/none). Unrecognised text returns {text, 1, false}.
struct UnitInfo {
  std::string canonical;
  double scale = 1.0;
  bool known = true;
};
UnitInfo normaliseUnit(std::string_view unit);

// "12 ms", "35%", "4.1 V", "1.2K", "-": number and the trailing unit text. nullopt when no leading number.
struct ValueWithUnit {
  double value;
  std::string unit;
};
std::optional<ValueWithUnit> parseValueWithUnit(std::string_view s);

// Unit from a Prometheus/OTel-style metric name suffix (_seconds -> s, _bytes -> bytes, _ratio -> ratio, ...).
UnitInfo unitFromMetricName(std::string_view name);

}  // namespace headroom
