#pragma once
// Renaming a request class everywhere it is named in a scenario, so that a rename never silently detaches a
// behaviour, a per-class service time, a cache hit ratio or a write class from the class it was written for.
// Plain C++; the desktop inspector wraps one call in one undo command.
#include <string>

#include "model/scenario.h"

namespace headroom {

// Renames request class `from` to `to` in: the declared classes, every source's class mix (a source with an
// empty mix, whose one class is named after the source, gets the mix {to: 1}), every component's behaviour
// and per-class service time keys, cache hit ratios, response sizes, cached and write classes, database write
// classes, and the "by_class[...]" parameter names of the provenance log.
// Returns an empty string on success; otherwise the reason ("class 'buy' already exists") and the scenario is
// left unchanged: `from` must be a class of the scenario, `to` non-empty, not "*" and not yet used as a class
// name anywhere (a rename never merges two classes).
std::string renameRequestClass(Scenario& scenario, const std::string& from, const std::string& to);

}  // namespace headroom
