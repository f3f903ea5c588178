#pragma once
// k6 results: "k6-raw" reads `--out csv` (metric_name,timestamp[s],metric_value,...; repeated headers skipped) and
// `--out json` lines ({"type":"Point","metric":..,"data":{"time":ISO,"value":..,"tags":{..}}}); one series per
// metric (durations ms -> s, data_* bytes, checks/http_req_failed ratio) plus throughput / error_rate / latency
// quantiles derived from http_req_duration points (failed = expected_response false, else status >= 400).
// "k6-summary" reads the end-of-test summary (handleSummary data with type/contains/values, or the legacy flat
// --summary-export): one point per statistic, label "stat"; summaries carry no clock time, so points are placed
// at ImportOptions::scrape_time_s (or 0 with a MissingTimestamp warning).
#include "importers/importer.h"

namespace headroom {

class K6RawImporter : public Importer {
 public:
  std::string id() const override { return "k6-raw"; }
  std::string displayName() const override { return "k6 raw results (CSV / JSON lines)"; }
  std::vector<std::string> extensions() const override { return {"csv", "json", "jsonl", "ndjson"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

class K6SummaryImporter : public Importer {
 public:
  std::string id() const override { return "k6-summary"; }
  std::string displayName() const override { return "k6 end-of-test summary (JSON)"; }
  std::vector<std::string> extensions() const override { return {"json"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

}  // namespace headroom
