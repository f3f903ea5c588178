// Topics: partitions hold messages; the component's ready replicas are the consumers, each owning the
// partitions p with p mod (ready consumers) = its index. A synchronous producer waits only for the broker's
// ack. Retention deletes old messages (a lost message fails its request). Events: kEvPublished (the ack).

#include "simulator/kernel/kernel.h"

#include <algorithm>

namespace headroom::kernel {

void Kernel::arriveAtTopic(std::uint32_t j) {
  const std::uint32_t comp = jobs_[j].comp;
  const auto& cc = m_.components[comp];
  std::uint32_t msg = j;
  if (jobs_[j].parent != kNone) {
    // A synchronous producer waits for the broker's ack only; the message goes on as a job of its own.
    msg = allocJob();
    Job& producer = jobs_[j];
    Job& m = jobs_[msg];
    m.comp = producer.comp;
    m.cls = producer.cls;
    m.region = producer.region;
    m.key = producer.key;
    m.arrival = now_;
    queue_.push(addSimTime(now_, m_.samplers[cc.publish_sampler].sample(comps_[comp].feature_rng)), kEvPublished, j, producer.gen);
  }
  auto& st = comps_[comp];
  const auto p = static_cast<std::uint32_t>(st.route_rng.below(st.partitions.size()));
  st.partitions[p].push(msg);
  ++st.waiting_total;
  ++st.system_total;
  const auto n = static_cast<std::uint32_t>(st.routable.size());
  if (n > 0) consume(comp, st.routable[p % n]);
}

// Consumer r takes messages from the partitions it owns (p mod ready consumers) while it has free workers.
void Kernel::consume(std::uint32_t comp, std::uint16_t r) {
  const auto& cc = m_.components[comp];
  auto& st = comps_[comp];
  touch(st);  // the backlog and busy counts change below: integrate up to now first
  const auto n = static_cast<std::uint32_t>(st.routable.size());
  const auto it = std::find(st.routable.begin(), st.routable.end(), r);
  if (it == st.routable.end()) return;
  const auto index = static_cast<std::uint32_t>(it - st.routable.begin());
  const auto partitions = static_cast<std::uint32_t>(st.partitions.size());
  const SimTime retention = secondsToSimTime(cc.topic->retention_s);
  while (st.replicas[r].busy < st.replicas[r].workers) {
    std::uint32_t msg = kNone;
    for (std::uint32_t k = 0; k < partitions && msg == kNone; ++k) {
      const std::uint32_t p = (st.replicas[r].next_partition + k) % partitions;
      if (p % n != index) continue;
      auto& q = st.partitions[p];
      while (!q.empty() && msg == kNone) {
        const std::uint32_t candidate = q.pop();
        --st.waiting_total;
        if (now_ - jobs_[candidate].arrival > retention) {
          loseMessage(comp, candidate);
          continue;
        }
        msg = candidate;
        st.replicas[r].next_partition = p + 1;
      }
    }
    if (msg == kNone) return;
    jobs_[msg].replica = r;
    ++st.replicas[r].present;
    ++st.replicas[r].arrivals;
    startService(msg);
  }
}

// A message deleted by retention: a client that sent it straight to the topic sees a failure (and a closed
// user thinks and sends again), like any lost request.
void Kernel::loseMessage(std::uint32_t comp, std::uint32_t msg) {
  auto& st = comps_[comp];
  touch(st);
  --st.system_total;
  ++st.now.extra[kpi::kXLostMessages];
  ++st.now.failures;  // accounted: arrivals = completions + rejections + failures + in progress
  if (jobs_[msg].source != kNoSource)
    finishRequest(msg, false);
  else
    freeJob(msg);
}

// Retention deletes old messages even when nobody reads them; partitions are FIFO, so only heads expire.
void Kernel::expireMessages() {
  for (std::uint32_t c = 0; c < comps_.size(); ++c) {
    if (!m_.components[c].topic) continue;
    auto& st = comps_[c];
    const SimTime retention = secondsToSimTime(m_.components[c].topic->retention_s);
    for (auto& q : st.partitions)
      while (!q.empty() && now_ - jobs_[q.front()].arrival > retention) {
        touch(st);
        --st.waiting_total;
        loseMessage(c, q.pop());
      }
  }
}

void Kernel::kickConsumers(std::uint32_t comp) {
  if (m_.components[comp].type != Component::Type::Topic) return;
  const auto ready = comps_[comp].routable;  // consume() may not change it, but iterate a copy anyway
  for (auto r : ready) consume(comp, r);
}

}  // namespace headroom::kernel
