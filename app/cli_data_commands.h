#pragma once
// CLI commands around data: importing monitoring exports (optionally into a project file), listing a
// project, and fitting a traffic growth model to an imported rate series.
#include <string>
#include <vector>

#include "app/cli_commands.h"

namespace headroom::cli {

int commandImport(const std::vector<std::string>& args, CommandContext& ctx);
int commandProject(const std::vector<std::string>& args, CommandContext& ctx);
int commandFitTraffic(const std::vector<std::string>& args, CommandContext& ctx);
int commandEstimateDemand(const std::vector<std::string>& args, CommandContext& ctx);
int commandBacktest(const std::vector<std::string>& args, CommandContext& ctx);

}  // namespace headroom::cli
