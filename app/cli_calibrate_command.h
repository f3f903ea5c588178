#pragma once
// `headroom-cli calibrate`: imported monitoring series of one component -> a runnable scenario with per-class
// service times, concurrency, traffic and a provenance block (docs/calibration.md, "One command").
#include <string>
#include <vector>

#include "app/cli_commands.h"

namespace headroom::cli {

int commandCalibrate(const std::vector<std::string>& args, CommandContext& ctx);

}  // namespace headroom::cli
