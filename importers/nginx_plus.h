#pragma once
// NGINX Plus status API snapshots, one JSON object per line (as collected by polling /status). Cumulative counters are
// turned into rates between consecutive snapshots (a decrease = restart): "rate(nginx_requests_total)" [1/s],
// per server zone "rate(nginx_zone_requests)" [1/s] and "nginx_zone_5xx_ratio" [ratio] = d(5xx)/d(responses), label
// zone; gauges "nginx_connections_active" and "nginx_connections_idle" [count]. Time = "timestamp" (epoch ms).
#include "importers/importer.h"

namespace headroom {

class NginxPlusStatusImporter : public Importer {
 public:
  std::string id() const override { return "nginx-plus-status"; }
  std::string displayName() const override { return "NGINX Plus status snapshots (JSON lines)"; }
  std::vector<std::string> extensions() const override { return {"jsonl", "ndjson", "json"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                        Feedback* feedback) const override;
};

}  // namespace headroom
