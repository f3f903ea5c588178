#pragma once
// The hooks a scenario asks for, fresh for one replication: one autoscaler per autoscaled component (HPA, KEDA
// or an AWS group, by its kind) and one player for the fault timeline.
#include "model/scenario.h"
#include "simulator/hooks/hooks.h"

namespace headroom {

HookList scenarioHooks(const Scenario& scenario);

}  // namespace headroom
