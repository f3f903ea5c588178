#pragma once
// Web server access logs in Apache/nginx "combined" (or "common") format:
// %h %l %u [%d/%b/%Y:%H:%M:%S %z] "%r" %>s %b ["%{Referer}i" "%{User-agent}i"] [latency]. Lines may be slightly out of
// order; malformed lines are skipped with a MalformedLine warning (the file fails only if no line parses).
// Output (see sample_stats.h): throughput (requests per bin), error_rate (status >= 500 counts as an error) and, when a
// latency field is present, latency quantiles. ImportOptions::access_log_latency picks the field; "auto" takes a
// trailing number: with a '.' it is nginx $request_time (s), an integer is Apache %D (µs).
#include "importers/importer.h"

namespace headroom {

class AccessLogImporter : public Importer {
 public:
  std::string id() const override { return "access-log"; }
  std::string displayName() const override { return "Web server access log (combined)"; }
  std::vector<std::string> extensions() const override { return {"log"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

}  // namespace headroom
