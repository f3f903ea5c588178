#pragma once
// Picking imported series out of a project by stable name: metric name plus label values (never by import-order
// id), and the shared --from/--to window. Used by calibrate, estimate-demand, fit-traffic and backtest.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/cli_args.h"
#include "model/project/project.h"
#include "simulator/calibration/time_window.h"

namespace headroom::cli {

// `name{label="v",...}` -> name + labels; also accepts a bare name. Throws UsageError on bad syntax.
struct SeriesSelector {
  std::string name;
  std::map<std::string, std::string> labels;
};
SeriesSelector parseSelector(const std::string& text);
std::string selectorText(const SeriesSelector& s);

class SeriesCatalog {
 public:
  explicit SeriesCatalog(Project& project);
  // Series whose name is selector.name and whose labels include every selector label. Several matches (the same
  // file imported twice) -> the most recent import; `notes` says so. Empty when nothing matches.
  std::vector<SeriesInfo> matching(const SeriesSelector& selector) const;
  std::optional<TimeSeries> loadOne(const SeriesSelector& selector, std::vector<std::string>* notes = nullptr);
  // Throws std::runtime_error listing the series names present when nothing matches.
  TimeSeries require(const SeriesSelector& selector, const std::string& what, std::vector<std::string>* notes = nullptr);
  std::vector<TimeSeries> loadAll(const SeriesSelector& selector);

 private:
  Project& project_;
  std::vector<SeriesInfo> all_;
};

// --from / --to of a command (empty window when neither is given).
calibration::TimeWindow windowOption(const Args& a);

}  // namespace headroom::cli
