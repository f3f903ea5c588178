#pragma once
// Structural edits of a scenario that keep references consistent (renames, deletions, new links). Pure
// C++ (no Qt): the GUI wraps each call in an undo command, a future CLI/script could reuse them as is.
#include <string>

#include "model/scenario.h"

namespace headroom {

// "service", "service2", ... : the first of base, base2, base3 not used by any component or source.
std::string uniqueNodeName(const Scenario& scenario, const std::string& base);

// Renames a component and every reference to it (calls, sends, routing, source entries).
// Returns false (and changes nothing) when `to` is empty or already names a component.
bool renameComponent(Scenario& scenario, const std::string& from, const std::string& to);
bool renameSource(Scenario& scenario, const std::string& from, const std::string& to);

// Removes the component and every call, send and route to it; sources that entered there keep the dangling
// entry so that validation points the user at them instead of silently losing traffic.
void removeComponent(Scenario& scenario, const std::string& name);
void removeSource(Scenario& scenario, const std::string& name);

enum class LinkKind { Call, Send, Next };
// Appends a step (Call/Send) or a route (Next, with the probability still unassigned, at least 0.1) to the
// kAnyClass behaviour of `from`, creating it if needed. Returns false when either end is unknown.
bool addLink(Scenario& scenario, const std::string& from, const std::string& to, LinkKind kind);
// Removes every call, parallel call, send and route from `from` to `to` (all behaviours).
void removeLinks(Scenario& scenario, const std::string& from, const std::string& to);

}  // namespace headroom
