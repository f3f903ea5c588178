#pragma once
// Checked arithmetic on simulated time for durations computed in floating point (a processor-sharing
// completion, a scaled service time). A plain static_cast of such a double to SimTime is undefined behaviour once
// it exceeds 9.2e18 ns, and in practice wraps to a time in the past, after which a run never ends (issue #18).
#include "model/units.h"

namespace headroom {

// A duration in nanoseconds held in a double, as SimTime: NaN and negatives become 0, values past the int64 range
// saturate at kSimTimeNever ("never").
inline SimTime nanosToSimTime(double ns) {
  if (!(ns > 0.0)) return 0;
  if (ns >= 9.2e18) return kSimTimeNever;
  return static_cast<SimTime>(ns);
}

// d * factor for a non-negative duration and factor, saturating like nanosToSimTime.
inline SimTime scaleSimTime(SimTime d, double factor) { return nanosToSimTime(static_cast<double>(d) * factor); }

}  // namespace headroom
