#pragma once
// Vocabulary shared by every importer: options in, series + typed warnings out, and the two exceptions.
// Plain C++ (no Qt). All times are Unix seconds UTC (double); durations are normalised to seconds.
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "model/time_series.h"

namespace headroom {

// Access logs: requests whose path matches `pattern` ('*' = any run of characters) belong to `request_class`.
struct RouteClass {
  std::string pattern;
  std::string request_class;
};

struct ImportOptions {
  // Offset from UTC, in minutes, of times written WITHOUT a zone (Grafana "formatted" times in the dashboard's
  // zone, NAB/CloudWatch console CSV "YYYY-MM-DD HH:MM:SS"). 0 = such times are UTC. Times with Z/+hh:mm ignore it.
  int naive_utc_offset_min = 0;
  // Unit to assume for a value column that carries no unit of its own (e.g. "ms", "percent"); empty = unknown.
  // The values are scaled to the canonical unit (ms -> s).
  std::string value_unit_hint;
  // Time of a Prometheus text scrape whose samples carry no timestamp (Unix s). NaN = use 0 and warn.
  double scrape_time_s = std::numeric_limits<double>::quiet_NaN();
  // Quantiles derived from classic histograms and raw load-test samples.
  std::vector<double> quantiles{0.5, 0.9, 0.95, 0.99};
  // Bin width (s) for series derived from raw samples (JMeter/k6 raw, access logs): throughput, error rate, ...
  double bin_s = 1.0;
  // Stamp each bin at its end instead of its start: Prometheus stamps a rate over [t - step, t] at t, so log bins
  // stamped at their end pair with the same interval of a Prometheus series (import --bin-stamp end).
  bool bin_stamp_at_end = false;
  // Access logs: which trailing field holds the latency. "auto" = last numeric field when one is present;
  // "request_time_s" (nginx $request_time), "D_us" (Apache %D), "T_s" (Apache %T), "none".
  std::string access_log_latency = "auto";
  // Access logs: which numeric field from the END of the line holds the latency (1 = last). With nginx
  // `log_format ... $request_time $upstream_response_time`, $request_time is 2 and $upstream_response_time 1.
  // A '-' in that position (no upstream contacted) leaves the request without latency.
  int access_log_latency_position = 1;
  // Access logs: split requests into classes by path (first match wins). Non-empty = every derived series is
  // also produced per class with label `class`; unmatched requests get `route_default_class`.
  std::vector<RouteClass> route_classes;
  std::string route_default_class = "other";
};

enum class WarningKind {
  MalformedLine,      // a line/record could not be parsed and was skipped
  MissingValue,       // empty / null / N/A cell kept as NaN
  DuplicateTimestamp, // two points of one series share a time (both kept)
  Unsorted,           // input was not in time order (sorted, stably)
  UnknownUnit,        // a unit text was not recognised (kept as written)
  MissingTimestamp,   // no time in the data; a default was used
  PartialData,        // the source says its data is incomplete (CloudWatch PartialData, Prometheus warnings)
  Skipped,            // a valid but unsupported construct was ignored (e.g. native histograms)
  CounterReset,       // a cumulative counter went down; treated as a restart from 0
  Implausible,        // a time before 1970 or after 2100, an infinite or absurd value, text that is not UTF-8
};
const char* toString(WarningKind kind);

struct ImportWarning {
  WarningKind kind;
  long line = 0;       // 1-based line in the file, 0 = not tied to a line (JSON documents)
  std::string detail;  // human-readable, names the field
};

struct ImportResult {
  std::vector<TimeSeries> series;
  std::vector<ImportWarning> warnings;
  std::string format;  // id of the importer that produced it
};

// Malformed input. what() = "<file>:<line>: <field>: <detail>" (line omitted when 0).
class ImportError : public std::runtime_error {
 public:
  ImportError(const std::string& file, long line, const std::string& field, const std::string& detail);
  const std::string& file() const { return file_; }
  long line() const { return line_; }
  const std::string& field() const { return field_; }

 private:
  std::string file_;
  long line_;
  std::string field_;
};

// Thrown when Feedback::isCancelled() was seen; not an ImportError (nothing is wrong with the file).
class ImportCancelled : public std::runtime_error {
 public:
  explicit ImportCancelled(const std::string& file) : std::runtime_error(file + ": import cancelled") {}
};

}  // namespace headroom
