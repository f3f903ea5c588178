#pragma once
// `headroom-cli plan`: the capacity plan over months (simulator/planning/, docs/planning.md).
#include <string>
#include <vector>

#include "app/cli_commands.h"
#include "model/slo_spec.h"

namespace headroom::cli {

int commandPlan(const std::vector<std::string>& args, CommandContext& ctx);

// Applies one --slo value ("p99=300ms", "p99=0.3s", "errors=0.5%", "errors=0.005", "utilization=85%") to `slo`;
// throws UsageError naming the value when it cannot.
void applySloArgument(const std::string& value, SloSpec& slo);

}  // namespace headroom::cli
