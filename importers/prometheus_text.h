#pragma once
// Prometheus text exposition 0.0.4 and OpenMetrics 1.0: HELP/TYPE/UNIT, escaped label values, optional timestamps
// (integer ms in 0.0.4, float seconds in OpenMetrics: told apart by magnitude), exemplars (ignored), # EOF.
// Several scrapes may be concatenated (samples with timestamps); samples without a timestamp get
// ImportOptions::scrape_time_s (or 0 with a MissingTimestamp warning).
// Classic histograms also yield derived series (see deriveHistogramSeries): histogram_quantile(q, <base>) for
// ImportOptions::quantiles, and with two or more scrapes rate(<base>_count) [1/s] and mean(<base>) = d_sum/d_count.
#include "importers/importer.h"

namespace headroom {

class PrometheusTextImporter : public Importer {
 public:
  std::string id() const override { return "prometheus-text"; }
  std::string displayName() const override { return "Prometheus / OpenMetrics text exposition"; }
  std::vector<std::string> extensions() const override { return {"txt", "prom", "metrics", "om"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

}  // namespace headroom
