#pragma once
// `headroom-cli optimize`: the cheapest configuration that keeps the SLO under stress cases
// (simulator/optimize/, docs/optimizer.md).
#include <string>
#include <vector>

#include "app/cli_commands.h"

namespace headroom::cli {

int commandOptimize(const std::vector<std::string>& args, CommandContext& ctx);

}  // namespace headroom::cli
