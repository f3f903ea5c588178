#pragma once
// A SimulationObserver that draws a one-line progress bar on stderr: percentage, replications done,
// elapsed and remaining wall time. Safe to call from several simulation threads.
#include <cstdio>
#include <mutex>

#include "simulator/observer.h"

namespace headroom::cli {

class TerminalProgress : public SimulationObserver {
 public:
  explicit TerminalProgress(bool enabled) : enabled_(enabled) {}
  void onProgress(const RunProgress& p) override;
  void finish();  // ends the line

 private:
  bool enabled_;
  bool drawn_ = false;
  std::mutex mutex_;
};

}  // namespace headroom::cli
