#pragma once
// OpenTelemetry OTLP/JSON metrics (ExportMetricsServiceRequest): resourceMetrics[].scopeMetrics[].metrics[].
// Labels = resource attributes + data point attributes. Int64 fields may be strings. Output per metric kind:
// sum/gauge -> one series (asDouble/asInt); histogram -> <name>_count, <name>_sum, mean(<name>) and
// histogram_quantile(q, <name>) from the per-bucket counts (PromQL rules); exponentialHistogram -> the same, with bucket
// i upper bound base^(offset+i+1), base = 2^(2^-scale), zero bucket at zeroThreshold (negative buckets: warning);
// summary -> <name> with label quantile. Sums keep their temporality in label "temporality" (delta|cumulative).
#include "importers/importer.h"

namespace headroom {

class OtlpJsonImporter : public Importer {
 public:
  std::string id() const override { return "otlp-json"; }
  std::string displayName() const override { return "OpenTelemetry OTLP metrics (JSON)"; }
  std::vector<std::string> extensions() const override { return {"json"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

}  // namespace headroom
