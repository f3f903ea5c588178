#pragma once
// The scenario's autoscaling block (model/autoscaling_spec.h) as the controllers' own specs: shared by the
// engine's hooks and the capacity planner so both run the same rules. Pure.
#include "model/autoscaling_spec.h"
#include "simulator/autoscaling/hpa_types.h"
#include "simulator/autoscaling/keda_scaler.h"

namespace headroom::autoscaling {

HpaSpec hpaSpecFromModel(const AutoscalingSpec& spec);
HpaControllerConfig hpaConfigFromModel(const AutoscalingSpec& spec);
KedaSpec kedaSpecFromModel(const AutoscalingSpec& spec);

}  // namespace headroom::autoscaling
