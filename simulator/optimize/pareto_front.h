#pragma once
// The cost-vs-p99 Pareto front of evaluated candidates and the marginal cost of a millisecond along it.
#include <vector>

#include "simulator/optimize/optimize_types.h"

namespace headroom::optimize {

// Candidates no other candidate beats on both cost and worst-case p99 (screening figures; equal cost keeps the
// lower p99; a point must lower p99 by at least 0.1 ms), cheapest first, each with (cost - previous cost) / (previous p99 - p99) in USD/month per ms.
// Candidates with an overloaded case (p99 infinite) are not on the front.
std::vector<FrontPoint> paretoFront(std::vector<Candidate> candidates);

}  // namespace headroom::optimize
