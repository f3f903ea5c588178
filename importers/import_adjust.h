#pragma once
// What a user can say about an import that the file cannot: the unit of values that carry none, and a stable name
// (plus labels) for series that have no name of their own - a Prometheus expression result like
// `sum by (endpoint) (rate(http_requests_total[1m]))` arrives as "value". Applied after any importer; the importers
// themselves stay unchanged. Pure; thread-safe.
#include <map>
#include <string>

#include "importers/import_types.h"

namespace headroom {

// Every series whose unit is unknown ("") gets `hint` (values scaled to the canonical unit: ms -> s). Refused with
// an ImportError naming the file and the hint when the hint is not a unit, when values contradict it (a percent
// above 100, a ratio above 1.5, a negative duration, count or rate), or when no series takes it while some series
// carry a different known unit (the hint would be silently ignored). An empty hint does nothing.
void applyUnitHint(ImportResult& result, const std::string& hint, const std::string& fileName);

// Series named "value" (no metric name in the file) get `name`; every series gets `labels` added (existing labels
// with the same key are kept and reported as a warning). Empty name and labels do nothing.
void nameImportedSeries(ImportResult& result, const std::string& name, const std::map<std::string, std::string>& labels);

}  // namespace headroom
