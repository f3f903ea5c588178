#pragma once
// The last look at every import before it leaves the importer layer (Importer::read calls it): input that no
// monitoring system can have produced is flagged instead of being stored silently (docs/reliability.md).
//  - times before 1970 or after 2100: kept, one Implausible warning per series (a wrong epoch unit, a corrupt
//    field);
//  - values beyond +-1e30 (no time, byte count, rate or ratio comes near) and, except where infinity is a value
//    of the source's language (PromQL: a division by zero, histogram_quantile over the +Inf bucket), infinite
//    values: made gaps (NaN), one warning per series;
//  - names, label keys and values, units that are not valid UTF-8: invalid bytes replaced by U+FFFD, one warning
//    per series (a project stores them as JSON, which must be UTF-8).
#include "importers/import_types.h"

namespace headroom {

inline constexpr double kLatestPlausibleUnixS = 4102444800.0;  // 2100-01-01T00:00:00Z
inline constexpr double kLargestPlausibleValue = 1e30;

void checkPlausibility(ImportResult& result, bool infinity_is_a_value);

// `text` with every invalid UTF-8 sequence replaced by U+FFFD; `changed` tells whether anything was replaced.
std::string validUtf8(const std::string& text, bool& changed);

}  // namespace headroom
