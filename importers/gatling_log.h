#pragma once
// Gatling simulation.log (2.x/3.x, tab-separated RUN / USER / REQUEST / GROUP / ERROR records). REQUEST records give
// per-request "response_time" [s] (label name) at the request start, and the derived throughput / error_rate (KO) /
// latency quantile series (sample_stats.h); USER START/END give "active_users" (count) after each change.
#include "importers/importer.h"

namespace headroom {

class GatlingLogImporter : public Importer {
 public:
  std::string id() const override { return "gatling-log"; }
  std::string displayName() const override { return "Gatling simulation.log"; }
  std::vector<std::string> extensions() const override { return {"log"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                        Feedback* feedback) const override;
};

}  // namespace headroom
