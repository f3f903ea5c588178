#pragma once
// How the kernel reports to its host (CLI, GUI worker, tests). The kernel never sees a widget: hosts
// implement this interface. All callbacks run on SIMULATION WORKER THREADS, possibly several at once, so
// implementations must be thread-safe and quick (copy the data, post it to the GUI thread, return).
#include <cstdint>
#include <string>
#include <vector>

namespace headroom {

struct RunProgress {
  double fraction = 0.0;         // of the whole run, [0, 1]
  int replications_done = 0;
  int replications_total = 0;
  double elapsed_s = 0.0;        // wall clock
  double remaining_s = -1.0;     // wall-clock estimate, -1 when unknown
  std::uint64_t events = 0;
};

// One closed time window of the FIRST replication (index 0), sent as it completes so that charts can
// fill in while the run proceeds. Values per component in scenario order.
struct LiveWindow {
  double start_s = 0.0;
  double end_s = 0.0;
  std::vector<double> utilization;
  std::vector<double> queue_length;
  std::vector<double> throughput_per_s;
  std::vector<double> response_p99_s;
  std::vector<double> replicas;  // time-averaged serving replicas in the window
  double e2e_arrival_rate_per_s = 0.0;
  double e2e_throughput_per_s = 0.0;
  double e2e_p50_s = 0.0, e2e_p95_s = 0.0, e2e_p99_s = 0.0;
  double e2e_errors_per_s = 0.0;
};

class SimulationObserver {
 public:
  virtual ~SimulationObserver() = default;
  virtual void onProgress(const RunProgress& progress) {}
  virtual void onLiveWindow(const LiveWindow& window) {}
  virtual void onReplicationFinished(int replication, int done, int total) {}
};

}  // namespace headroom
