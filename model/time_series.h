#pragma once
// A named series of (time, value) points with an explicit unit: what importers produce, what calibration
// consumes, what a source can replay. Times are Unix SECONDS (UTC) as double; a NaN value is a gap.
#include <map>
#include <string>
#include <vector>

namespace headroom {

struct TimeSeries {
  std::string name;                          // e.g. http_requests_total
  std::map<std::string, std::string> labels;  // e.g. {job: api, instance: 10.0.0.1}
  std::string unit;                          // canonical: "s", "1/s", "ratio", "percent", "bytes", "count", "" if unknown
  std::vector<double> time_s;
  std::vector<double> value;

  std::size_t size() const { return time_s.size(); }
};

}  // namespace headroom
