#pragma once
// New Relic NRQL TIMESERIES results. NerdGraph: data.actor.account.nrql.results[] (or a bare {"results": [...]}) with
// beginTimeSeconds/endTimeSeconds and one key per aggregate ("average.duration": 0.1, "percentile.duration":
// {"95": 0.2} -> label quantile="0.95"); FACET rows carry "facet" -> label facet. Legacy REST:
// {"timeSeries":[{"results":[{"average":1.98}],"beginTimeSeconds":..}]} and {"facets":[{"name":..,"timeSeries":..}]}.
// Points are stamped at beginTimeSeconds; units are unknown (New Relic durations are seconds: use value_unit_hint).
#include "importers/importer.h"

namespace headroom {

class NewRelicJsonImporter : public Importer {
 public:
  std::string id() const override { return "newrelic-json"; }
  std::string displayName() const override { return "New Relic NRQL TIMESERIES (JSON)"; }
  std::vector<std::string> extensions() const override { return {"json"}; }
  int sniff(const std::string& head, const std::string& fileName) const override;
  ImportResult readImpl(std::istream& in, const std::string& fileName, const ImportOptions& options,
                    Feedback* feedback) const override;
};

}  // namespace headroom
