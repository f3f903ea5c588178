#pragma once
// JMeter results (JTL): CSV with a header (columns found by name: timeStamp [epoch ms or formatted], elapsed [ms],
// label, success, Latency [ms], Connect [ms], allThreads; any 13-17 column selection) and XML (<httpSample t= lt= ts=
// s= lb= na=/>). Output: per label "elapsed" (s, at the sample start), "active_threads" (count) when allThreads/na is
// present, and the derived throughput / error_rate / latency quantile series over all samples (see sample_stats.h).
#include "importers/importer.h"

namespace headroom {

class JMeterImporter : public Importer {
 public:
  std::string id() const override { return "jmeter-jtl"; }
  std::string displayName() const override { return "JMeter results (JTL CSV/XML)"; }
  std::vector<std::string> extensions() const override { return {"jtl", "csv", "xml"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

}  // namespace headroom
