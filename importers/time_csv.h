#pragma once
// CSV files with one time column and one or more value columns.
// - TimeSeriesCsvImporter ("timeseries-csv"): CloudWatch console / third-party exports "timestamp,value" (NAB files),
//   Prophet "ds,y" and any "time,col1,col2" file. Times: ISO-8601 (naive = UTC + ImportOptions::naive_utc_offset_min)
//   or epoch s/ms/µs/ns guessed by magnitude. A single "value"/"y" column is named after the file.
// - GrafanaCsvImporter ("grafana-csv"): panel Inspect > Data > Download CSV (and "for Excel": BOM + "sep=,"), series
//   joined by time, headers like "{pod=""a""}" parsed into labels, formatted times in the dashboard zone, values with
//   unit text ("12 ms", "35%", "1.2 s") normalised per cell; empty cell = gap.
#include "importers/importer.h"

namespace headroom {

class TimeSeriesCsvImporter : public Importer {
 public:
  std::string id() const override { return "timeseries-csv"; }
  std::string displayName() const override { return "Time series CSV (timestamp,value; CloudWatch/NAB, Prophet)"; }
  std::vector<std::string> extensions() const override { return {"csv"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

class GrafanaCsvImporter : public Importer {
 public:
  std::string id() const override { return "grafana-csv"; }
  std::string displayName() const override { return "Grafana panel CSV"; }
  std::vector<std::string> extensions() const override { return {"csv"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

}  // namespace headroom
