#pragma once
// Factory of every built-in importer, in detection-priority order (ties in sniff() go to the earlier one).
#include <memory>
#include <vector>

#include "importers/importer.h"

namespace headroom {
std::vector<std::unique_ptr<Importer>> makeBuiltinImporters();
}
