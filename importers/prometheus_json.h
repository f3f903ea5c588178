#pragma once
// Prometheus HTTP API query results: matrix (range), vector (instant) and scalar, the full {"status":...} envelope
// or just the data.result array. Values are strings ("NaN", "+Inf" allowed). status "error" -> ImportError naming
// errorType and error; "warnings" -> PartialData warnings. Series name = __name__ (or "value" for expressions),
// labels = the other metric labels, unit from the name suffix (_seconds -> s, _milliseconds scaled to s, ...).
#include "importers/importer.h"

namespace headroom {

class PrometheusJsonImporter : public Importer {
 public:
  std::string id() const override { return "prometheus-json"; }
  std::string displayName() const override { return "Prometheus query API (JSON)"; }
  std::vector<std::string> extensions() const override { return {"json"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

}  // namespace headroom
