#pragma once
// One independent replication: the event loop over a CompiledModel with its own random streams. Single
// threaded; runSimulation() runs many of these in parallel. Memory is bounded by the number of requests in
// the system at once (job slots are recycled) plus fixed-size histograms, never by the number served.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "model/units.h"
#include "simulator/compiled_model.h"
#include "simulator/hooks/hooks.h"
#include "simulator/kpi_layout.h"
#include "simulator/observer.h"

namespace headroom {

struct ReplicationConfig {
  int index = 0;
  std::uint64_t seed = 0;  // this replication's seed (see replicationSeed)
  SimTime horizon = 0;
  SimTime warmup = 0;
  SimTime window = 0;
  std::int64_t max_requests = 0;
  HookList* hooks = nullptr;  // not owned; may be null
};

struct ReplicationSummary {
  std::vector<std::array<double, kpi::kComponentCount>> components;
  std::vector<std::array<double, kpi::kE2eCount>> end_to_end;  // [0] = all classes, then per class
  std::vector<std::array<double, kpi::kExtraCount>> extras;    // per component, counted over the observation
  int window_count = 0;
  std::vector<double> windows;  // [window][entity][kpi]; entity = components..., end to end
  std::vector<double> class_windows;  // [window][class][kpi::ClassWindow]; empty when the model has one class
  std::uint64_t events = 0;
  std::uint64_t requests = 0;  // root requests finished after warm-up
  double observed_s = 0.0;
  bool cancelled = false;
  std::string stop_reason;
  std::vector<ScalingEventRecord> scaling_events;
};

// Called every few thousand events with the simulated fraction done; return false to cancel.
using ReplicationProgress = std::function<bool(double fraction, std::uint64_t events)>;
using LiveWindowSink = std::function<void(const LiveWindow&)>;

ReplicationSummary runReplication(const CompiledModel& model, const ReplicationConfig& config,
                                  const ReplicationProgress& progress, const LiveWindowSink& live);

}  // namespace headroom
