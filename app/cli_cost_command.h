#pragma once
// `headroom-cli cost`: runs a scenario and prices it (simulator/cost/), and the pieces `run` shares with it:
// the catalog a command prices with, and the cost section of its output.
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "app/cli_commands.h"
#include "simulator/cost/price_catalog.h"
#include "simulator/cost/scenario_cost.h"

namespace headroom::cli {

// The built-in catalog, then every price book stored in `project` (by name), then `price_book` (a JSON file,
// which is also stored in the project under its version when a project is given), then `offer_csv` (an AWS
// Price List offer file; what it used and skipped, and its warnings, go to `notes` when given).
cost::PriceCatalog catalogForCommand(const std::optional<std::string>& project, const std::optional<std::string>& price_book,
                                     const std::optional<std::string>& offer_csv, std::ostream* notes = nullptr);

// Stores a run's cost in the project next to the run (with the catalog version and date).
void storeCostInProject(const std::string& project, std::int64_t run_id, const cost::ScenarioCost& cost);

int commandCost(const std::vector<std::string>& args, CommandContext& ctx);

}  // namespace headroom::cli
