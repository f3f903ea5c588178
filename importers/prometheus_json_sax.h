#pragma once
// Fast path for Prometheus query JSON: a SAX pass that builds series without a DOM (the DOM of a 25 MB response costs
// more than the 2 s budget). It accepts only well-formed "success" matrix/vector documents (or a bare result array)
// and gives up on anything else, so the DOM reader can produce the precise error message. Internal.
#include <string>
#include <vector>

#include "importers/import_types.h"
#include "model/feedback.h"

namespace headroom {

// True and `series`/`warnings` filled when the fast path handled the document; false to fall back.
bool readPrometheusJsonFast(const std::string& text, const std::string& fileName, Feedback* feedback,
                            std::vector<TimeSeries>& series, std::vector<ImportWarning>& warnings);

}  // namespace headroom
