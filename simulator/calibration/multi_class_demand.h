#pragma once
// Service demand per request class of one component, from the multi-class utilization law
//     busy servers  U·c = B + Σ_k S_k · X_k
// (U utilization of the component's c servers, X_k throughput of class k in req/s, S_k its service time in s,
// B servers busy with work that does not scale with traffic), fitted by NON-NEGATIVE least squares (nnls.h) over
// the time samples where every series has a value. The classes' S_k can only be told apart when their mix varies
// over time: the condition number of the design is reported and warned about. Pure; thread-safe.
#include <string>
#include <vector>

#include "model/time_series.h"

namespace headroom {

struct ClassThroughput {
  std::string request_class;
  TimeSeries throughput;  // "1/s" or "count" (per sample interval)
};

struct MultiClassDemandOptions {
  double tolerance_s = 0.0;            // pairing tolerance; 0 = half the median step of the busy series
  double saturation_threshold = 0.95;  // samples with U above this are dropped (throughput = capacity there)
  int min_points = 10;
  bool background = true;              // fit B (>= 0); false = through the origin
  double count_interval_s = 0.0;       // for "count" throughputs; 0 = median step
};

struct ClassDemand {
  std::string request_class;
  double service_time_s = 0.0;
  double std_error_s = 0.0;      // from the unconstrained fit on the classes left free (0 when at the bound)
  bool at_bound = false;         // NNLS put it at 0: the data cannot tell this class's demand from the others
  double mean_throughput_per_s = 0.0;
};

struct MultiClassDemandEstimate {
  bool ok = false;
  int servers = 0;                     // c used to turn utilization into busy servers (0 = busy gauge given)
  std::vector<ClassDemand> classes;    // in input order
  double background_busy_servers = 0.0;
  double r_squared = 0.0;              // of busy servers, centred
  double rmse_busy_servers = 0.0;
  double condition_number = 0.0;       // of the throughput design matrix; large = classes collinear
  int points_used = 0;
  int points_dropped_saturated = 0;
  int points_dropped_unpaired = 0;     // some class had no sample within tolerance
  int points_dropped_gap = 0;          // NaN busy value
  std::vector<std::string> warnings;   // includes one sentence per drop reason
  const ClassDemand* find(const std::string& cls) const;
};

// `busy`: either utilization ("ratio"/"percent", with servers >= 1) or a busy-servers count ("count" or "", with
// servers = 0 meaning the values already are busy servers). Throws std::invalid_argument for no class, a unit that
// does not fit, or utilization without a server count.
MultiClassDemandEstimate estimateMultiClassDemand(const TimeSeries& busy, const std::vector<ClassThroughput>& classes,
                                                  int servers, const MultiClassDemandOptions& options = {});

}  // namespace headroom
