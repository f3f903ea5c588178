#pragma once
// Internal to scenario_analysis.cpp: the open- and closed-network halves of analyzeScenario() and the
// checks they share. Pure, any thread.
#include <optional>
#include <string>
#include <vector>

#include "model/scenario.h"
#include "simulator/analytic/analytic_report.h"
#include "simulator/analytic/scenario_traffic.h"

namespace headroom::analytic {

// Bounds on the exact open/closed analysis, which has no cancellation: at most this many components, and
// components^3 x request classes (the dense traffic solves) at most kMaxTrafficSolveWork, a few seconds.
inline constexpr double kMaxAnalyticComponents = 2000;
inline constexpr double kMaxTrafficSolveWork = 1e10;

// Fills report (kpis, models, notes) or report.not_applicable.
void analyzeOpenScenario(const Scenario& scenario, const std::vector<const Source*>& sources, AnalyticReport& report);
void analyzeClosedScenario(const Scenario& scenario, const Source& source, AnalyticReport& report);

// The one service profile all visiting classes share at FCFS component `i`, or nullopt with a problem added.
std::optional<ServiceProfile> commonProfile(const Scenario& scenario, const ScenarioTraffic& traffic, std::size_t i,
                                            std::vector<std::string>& problems);

// A problem when the replica choice breaks the product form (replicas > 1 and not random), else empty.
std::string balancerProblem(const Component& c);

// "M/M/4", "M/G/1-PS", ... with the replica count and split appended when replicas > 1.
std::string withReplicas(const std::string& model, const Component& c);

}  // namespace headroom::analytic
