#pragma once
// The readable terminal summary of a run: one table for components, one for end-to-end classes.
// Times are printed in milliseconds (labelled), utilizations in percent.
#include <ostream>

#include "simulator/run_result.h"

namespace headroom::cli {

void printRunSummary(const RunResult& result, std::ostream& out);

}  // namespace headroom::cli
