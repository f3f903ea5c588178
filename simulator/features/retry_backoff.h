#pragma once
// Delay before retry number `retry` (1 = the first retry) of a call under `spec`: exponential backoff capped at
// max_backoff_s, shaped by the jitter. Never negative.
#include "model/component_features.h"
#include "model/units.h"
#include "simulator/random_stream.h"

namespace headroom::features {

SimTime retryDelay(const RetrySpec& spec, int retry, RandomStream& rng);
// The same without jitter (its upper bound), seconds; for documentation and analytic checks.
double retryBackoffCapS(const RetrySpec& spec, int retry);

}  // namespace headroom::features
