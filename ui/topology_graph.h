#pragma once
// The scenario seen as a graph for drawing: nodes (sources and components), edges (entry, call, parallel
// call, send, `next` routing), and a layered left-to-right layout by call depth. Pure C++ (no Qt), so it is
// unit-tested without a display and could serve a report generator too.
#include <string>
#include <vector>

#include "model/scenario.h"

namespace headroom {

struct TopologyEdge {
  enum class Kind { Entry, Call, Parallel, Send, Next };
  Kind kind = Kind::Call;
  bool from_source = false;  // `from` names a source (Entry edges), otherwise a component
  std::string from;
  std::string to;
  double probability = 1.0;  // Next: routing probability; calls inside a branch arm: arm probability
  std::string request_class;  // behaviour key the edge came from (kAnyClass for all)
};

// Every edge once per (from, to, kind); the first occurrence wins for probability and class.
std::vector<TopologyEdge> collectEdges(const Scenario& scenario);

struct NodePlacement {
  std::string name;
  bool is_source = false;
  int layer = 0;  // 0 = sources, 1 = their entry components, then one more per call depth
  int row = 0;    // order inside the layer
};

// Longest-path layering over the edges with back edges (routing loops) ignored; components nobody reaches
// go to layer 1. Rows follow discovery order so the drawing is stable for a given scenario.
std::vector<NodePlacement> layeredLayout(const Scenario& scenario);

}  // namespace headroom
