#pragma once
// The CLI's commands as functions (so tests can call them without a process). Each returns the exit code.
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "model/feedback.h"
#include "model/scenario.h"
#include "simulator/run_result.h"

namespace headroom::cli {

struct CommandContext {
  std::ostream& out;
  std::ostream& err;
  Feedback& feedback;
  bool interactive = false;  // stderr is a terminal: draw the progress bar
};

// Writes FILE whole through a temporary file in the same folder (no half-written output), or stdout for "-".
void writeOutput(const std::string& path, const std::string& content, std::ostream& out);

// Saves the scenario as a new version when it differs from the project's latest, then the run:
// {scenario version, run id}. The project file is created when missing.
std::pair<std::int64_t, std::int64_t> storeRunInProject(const std::string& path, const Scenario& s, const RunResult& r);

int commandValidate(const std::vector<std::string>& args, CommandContext& ctx);
int commandRun(const std::vector<std::string>& args, CommandContext& ctx);
int commandAnalyze(const std::vector<std::string>& args, CommandContext& ctx);

}  // namespace headroom::cli
