#pragma once
// Why a component breaks, in words, for the Plan view's detail pane: the runway's binding reason, the traffic
// at the break, whether scaling out helps, and how much capacity is left at today's peak. Plain C++ (no Qt).
#include <string>
#include <vector>

#include "simulator/planning/plan_types.h"

namespace headroom::planning_views {

// Paragraphs, most important first. `runway` belongs to a plan whose horizon is `horizon_s`.
std::vector<std::string> explainRunway(const planning::Runway& runway, double horizon_s);

// "12.4 days" / "3.2 months" (30-day months) for a time from the plan's start.
std::string formatPlanTime(double seconds);

}  // namespace headroom::planning_views
