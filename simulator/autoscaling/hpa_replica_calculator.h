#pragma once
// The HPA replica calculator: one replica proposal per metric (Kubernetes replica_calculator.go semantics,
// autoscaling.md §3-6). Pure functions of their inputs; safe to call from any thread.
#include "simulator/autoscaling/hpa_types.h"

namespace headroom::autoscaling {

// usage ratio r is "close enough" when 1 - scale_down <= r <= 1 + scale_up.
struct HpaTolerances {
  double scale_down = 0.1;
  double scale_up = 0.1;
  bool isWithin(double ratio) const { return 1.0 - scale_down <= ratio && ratio <= 1.0 + scale_up; }
};

// Proposal of metric `spec.metrics[index]` for one sync. Never throws: a metric that cannot be computed
// (no pods, no samples, missing request, absent object/external value) comes back with valid = false and an
// error text, exactly where the real controller would return an error.
HpaMetricProposal computeMetricProposal(const HpaMetricSpec& metric, int index, const HpaSyncInput& input,
                                        const HpaControllerConfig& config, const HpaTolerances& tolerances);

}  // namespace headroom::autoscaling
