#pragma once
// Runs an external program (sbatch, squeue, sacct, scancel) without a shell and captures what it prints.
#include <string>
#include <vector>

namespace headroom::cli {

struct ProcessOutput {
  int exit_code = -1;   // -1: could not be started (output says why)
  std::string output;   // stdout and stderr together
};

ProcessOutput runProcess(const std::vector<std::string>& argv);

}  // namespace headroom::cli
