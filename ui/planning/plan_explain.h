#pragma once
// Why a component breaks, in words, for the Plan view's detail pane: the runway's binding reason, the traffic
// at the break, whether scaling out helps, and how much capacity is left at today's peak. Plain C++ (no Qt).
#include <string>
#include <vector>

#include "simulator/planning/plan_types.h"

namespace headroom::planning_views {

// Paragraphs, most important first. `runway` belongs to a plan whose horizon is `horizon_s`.
std::vector<std::string> explainRunway(const planning::Runway& runway, double horizon_s);

// The forecast band's traffic paths relative to the P50 path at `t_s`: the P10 and P90 paths grow
// (1 + p_q) / (1 + p50) faster per mean month (kSecondsPerMonth), compounded, exactly as the planner
// tilts them (planning::bandTrafficFactor).
double bandTrafficFactor(const planning::GrowthBand& band, double t_s, double percentile_percent_per_month);

// "12.4 days" / "3.2 months" (30-day months) for a time from the plan's start.
std::string formatPlanTime(double seconds);

}  // namespace headroom::planning_views
