#pragma once
// Series derived from raw request samples (JMeter, k6 points, access logs): per time bin of ImportOptions::bin_s
// seconds, "throughput" [1/s] = requests started in the bin / bin width, "error_rate" [ratio] = failed / all (NaN in
// empty bins), and "latency" [s] with label quantile="q" for each ImportOptions::quantiles (linear interpolation
// between order statistics, NaN in empty bins). Bins are stamped with their start time.
#include <string>
#include <vector>

#include "importers/import_types.h"
#include "importers/series_builder.h"

namespace headroom {

struct RawSample {
  double time_s;     // request start, Unix s
  double latency_s;  // NaN when unknown
  bool ok;
};

void deriveSampleSeries(std::vector<RawSample> samples, const ImportOptions& options, SeriesBuilder& builder,
                        const std::map<std::string, std::string>& labels = {});

// Quantile of sorted values by linear interpolation between order statistics (q in [0,1]); NaN if empty.
double sortedQuantile(const std::vector<double>& sorted, double q);

}  // namespace headroom
