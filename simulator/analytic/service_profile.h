#pragma once
// The work one request of one class puts on one component per visit, as the simulator executes it: the
// component's service time for the class followed by the Work steps of its behaviour (a Branch of Work
// steps is a mixture), all while it holds its worker. Only the first two moments are kept, which is all
// the analytic models use. Synchronous calls and sends make the component's holding time depend on other
// queues, so they are reported instead of folded in.
// Units: SECONDS and SECONDS^2. Pure function, any thread.
#include <string>

#include "model/scenario.h"

namespace headroom::analytic {

struct ServiceProfile {
  double mean_s = 0.0;            // E[S]
  double second_moment_s2 = 0.0;  // E[S^2]
  bool exponential = false;       // exactly one exponential stage and nothing else
  std::string unsupported;        // non-empty: why no profile exists (calls, parallel, send)
};

ServiceProfile serviceProfile(const Component& component, const std::string& request_class);

// Same distribution as far as the analytic models can tell (same moments and same exponential flag).
bool sameProfile(const ServiceProfile& a, const ServiceProfile& b);

}  // namespace headroom::analytic
