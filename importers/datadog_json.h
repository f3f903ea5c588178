#pragma once
// Datadog metrics query (GET /api/v1/query) JSON: series[].pointlist [[epoch_ms (float), value|null]], one series per
// entry named by "metric" with labels from scope and tag_set ("k:v"); unit from unit[0].name (per unit[1] = second ->
// a rate). null values are gaps (NaN). status "error" or an "errors" array -> ImportError.
#include "importers/importer.h"

namespace headroom {

class DatadogJsonImporter : public Importer {
 public:
  std::string id() const override { return "datadog-json"; }
  std::string displayName() const override { return "Datadog metrics query (JSON)"; }
  std::vector<std::string> extensions() const override { return {"json"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

}  // namespace headroom
