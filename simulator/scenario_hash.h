#pragma once
// The scenario's identity in stamps and stored results: 16 hex digits of the FNV-1a hash (stableHash) of its
// canonical JSON, stable across runs, platforms and library versions (unlike std::hash). Reports stamp it, stored
// plans record it, and a report of a stored plan compares the two.
#include <string>

#include "model/scenario.h"

namespace headroom {

std::string scenarioHashHex(const Scenario& scenario);

}  // namespace headroom
