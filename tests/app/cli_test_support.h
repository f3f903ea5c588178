#pragma once
// What every CLI test needs: a command context whose output and errors are captured in memory.
#include <sstream>

#include "app/cli_commands.h"
#include "model/feedback.h"

namespace headroom::test {

struct Captured {
  std::ostringstream out, err;
  Feedback feedback;
  cli::CommandContext ctx{out, err, feedback, false};
};

}  // namespace headroom::test
