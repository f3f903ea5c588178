#pragma once
// A run to compare the current results with, from outside the open document: a result file written by
// `headroom-cli run --json`, or a run stored in a project file (model/project). The loaders are plain C++
// (they throw std::runtime_error naming the file and what is wrong); the choose* functions add the dialogs.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/project/project.h"
#include "simulator/run_result.h"

class QWidget;

namespace headroom {

struct RunBaseline {
  RunResult result;
  std::string label;  // how charts and tables name it: "result retry-storm.json", "shop.hdrm run #3 (peak v2)"
};

RunBaseline loadResultFileBaseline(const std::string& path);
std::vector<RunInfo> listStoredRuns(const std::string& projectPath);
RunBaseline loadStoredRunBaseline(const std::string& projectPath, std::int64_t runId);
// "run #3 · peak v2 · seed 7 · 2026-12-02 21:40 UTC"
std::string describeStoredRun(const RunInfo& run);

// File dialog, then load; a failure is shown in a message box. Empty when cancelled or failed.
std::optional<RunBaseline> chooseResultFileBaseline(QWidget* parent);
// Project file dialog, then a list of its stored runs to pick from.
std::optional<RunBaseline> chooseStoredRunBaseline(QWidget* parent);

}  // namespace headroom
