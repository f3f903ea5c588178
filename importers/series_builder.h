#pragma once
// Collects points per series (keyed by name + labels) in file order, then finalises: stable sort by time when the
// input was unsorted (one Unsorted warning per series), one DuplicateTimestamp warning per series that has
// repeated times (all points are kept), NaN values kept as gaps. Not thread-safe (one builder per read()).
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "importers/import_types.h"

namespace headroom {

class SeriesBuilder {
 public:
  // Returns a handle for the series; repeated calls with the same name+labels return the same handle.
  std::size_t series(const std::string& name, const std::map<std::string, std::string>& labels = {},
                     const std::string& unit = {});
  void add(std::size_t handle, double time_s, double value) {
    auto& s = series_[handle];
    s.time_s.push_back(time_s);
    s.value.push_back(value);
  }
  TimeSeries& at(std::size_t handle) { return series_[handle]; }
  std::size_t count() const { return series_.size(); }

  // Moves the series out (in creation order) and appends warnings. Series with no point are dropped when
  // dropEmpty is true.
  std::vector<TimeSeries> finish(std::vector<ImportWarning>& warnings, bool dropEmpty = true);

 private:
  std::vector<TimeSeries> series_;
  std::map<std::string, std::size_t> index_;
};

// Sorts one series by time (stable) if needed and reports duplicates; shared with importers that build
// TimeSeries directly.
void finaliseSeries(TimeSeries& s, std::vector<ImportWarning>& warnings);

// "name{a="1",b="2"}": how a series is named in warnings and error messages.
std::string seriesKey(const std::string& name, const std::map<std::string, std::string>& labels);

}  // namespace headroom
