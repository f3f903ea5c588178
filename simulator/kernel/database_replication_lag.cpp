// A lowered database's router measures replication lag: a write stamps its key; a read of a key written less
// than replication_lag_s ago, served by a read replica, counts as stale. Reached from component_arrival.cpp;
// no events of its own.

#include "simulator/kernel/kernel.h"

namespace headroom::kernel {

// Replication lag: a write stamps its key; a read of a key written less than the lag ago would be served
// stale by a read replica (the primary has it). Keys follow the database's popularity, drawn per request.
void Kernel::trackReplicaStaleness(std::uint32_t j) {
  const Job& job = jobs_[j];
  auto& st = comps_[job.comp];
  const auto& cc = m_.components[job.comp];
  const auto key = static_cast<std::size_t>(st.db_keys->sample(st.feature_rng));
  if (cc.database_write[job.cls]) {
    st.db_last_write[key] = now_;
    return;
  }
  ++st.now.extra[kpi::kXReplicaReads];
  const SimTime written = st.db_last_write[key];
  if (written != std::numeric_limits<SimTime>::min() && now_ - written < secondsToSimTime(cc.database->replication_lag_s))
    ++st.now.extra[kpi::kXStaleReplicaReads];
}

}  // namespace headroom::kernel
