#pragma once
// Locust --csv *_stats_history.csv (with or without --csv-full-history): per (Type, Name) row group, series
// "users" (count), "requests_per_s" and "failures_per_s" (1/s), "latency" with label quantile for every "NN%" column
// (ms -> s) and "latency_mean" from "Total Average Response Time" (ms -> s). Labels: name (e.g. Aggregated) and type
// when not empty. "N/A" cells are gaps (one MissingValue warning per file).
#include "importers/importer.h"

namespace headroom {

class LocustImporter : public Importer {
 public:
  std::string id() const override { return "locust-history"; }
  std::string displayName() const override { return "Locust stats history CSV"; }
  std::vector<std::string> extensions() const override { return {"csv"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

}  // namespace headroom
