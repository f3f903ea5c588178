#pragma once
// A small built-in scenario (web -> api -> db, with a third-party delay) used when no scenario file can be
// found on first start and by the GUI tests. Plain C++.
#include "model/scenario.h"

namespace headroom {

// `db_utilization` sets the database's offered load (arrival rate x service time / servers) so tests can
// make it the obvious bottleneck. Rates in req/s, times in seconds.
Scenario exampleScenario(double db_utilization = 0.6, double horizon_s = 600.0);

}  // namespace headroom
