#pragma once
// AWS CloudWatch CLI/API JSON: get-metric-statistics ({"Label","Datapoints":[...]}, unordered; one series per
// statistic present: Average/Sum/SampleCount/Minimum/Maximum and each ExtendedStatistics key, label "statistic") and
// get-metric-data ({"MetricDataResults":[{Id,Label,Timestamps,Values,StatusCode}],"Messages"}, newest first; one series
// per result, label "id"; StatusCode other than Complete -> PartialData warning). Units from the datapoint "Unit"
// (Percent -> percent, Milliseconds -> s scaled, Count/Second -> 1/s, ...).
#include "importers/importer.h"

namespace headroom {

class CloudWatchJsonImporter : public Importer {
 public:
  std::string id() const override { return "cloudwatch-json"; }
  std::string displayName() const override { return "AWS CloudWatch (get-metric-statistics / get-metric-data JSON)"; }
  std::vector<std::string> extensions() const override { return {"json"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

}  // namespace headroom
