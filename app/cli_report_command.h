#pragma once
// `headroom-cli report`: the management report (PDF or HTML) of a scenario run or of a stored run. Compiled into
// the headroom-cli executable only (it needs Qt through headroom::report); the headroom::cli library stays Qt-free.
#include <string>
#include <vector>

#include "app/cli_commands.h"

namespace headroom::cli {

int commandReport(const std::vector<std::string>& args, CommandContext& ctx);

}  // namespace headroom::cli
