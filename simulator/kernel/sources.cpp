// Sources: when an open source's next request arrives (stationary Poisson, thinning against a rate curve,
// renewal processes), which class a request belongs to, and the request's end: its end-to-end statistics and a
// closed user's think time before the next one. Events: kEvArrival, kEvUserIssue (dispatched from
// kernel_core.cpp to createRequest).

#include "simulator/kernel/kernel.h"

#include <algorithm>

namespace headroom::kernel {

// Earliest time >= t (to a microsecond) at which the rate is positive, or >= horizon if none. Chunks whose
// upper bound is 0 are skipped whole; inside the first chunk that may be positive, bisection finds the edge.
double Kernel::nextPositiveRate(const RateCurve& rate, double t, double horizon) {
  while (t < horizon) {
    const double end = std::min(t + kThinningChunk_s, horizon);
    if (rate.upperBound(t, end) > 0) {
      if (rate.rateAt(end) > 0 || rate.rateAt(t) > 0) {
        double lo = t, hi = end;  // rate(lo) <= 0 < rate(hi), unless rate(t) > 0 already
        if (rate.rateAt(t) > 0) return t;
        while (hi - lo > 1e-6) {
          const double mid = 0.5 * (lo + hi);
          (rate.rateAt(mid) > 0 ? hi : lo) = mid;
        }
        return hi;
      }
      // Positive only strictly inside the chunk (a short burst): scan it finely.
      for (double x = t; x < end; x += 0.01)
        if (rate.rateAt(x) > 0) return x;
    }
    t = end;
  }
  return horizon;
}

// Next arrival of an open source strictly after `from`, or kSimTimeNever.
SimTime Kernel::nextArrival(std::uint32_t s, SimTime from) {
  const auto& src = m_.sources[s];
  auto& rng = sources_[s].arrival_rng;
  double t = simTimeToSeconds(from);
  const double horizon = simTimeToSeconds(cfg_.horizon);
  if (src.arrivals != Source::Arrivals::Poisson) {
    // Renewal processes follow the current rate: the next gap has mean 1 / rate(t). An arrival that would
    // land where the rate is zero is dropped; the process restarts when the rate does.
    for (;;) {
      if (src.rate.rateAt(t) <= 0) {
        t = nextPositiveRate(src.rate, t, horizon);
        if (t >= horizon) return kSimTimeNever;
        from = std::max(from, secondsToSimTime(t));
      }
      double gap = 1.0 / src.rate.rateAt(t);
      if (src.arrivals == Source::Arrivals::Renewal && src.interarrival_cv > 0) {
        const double cv2 = src.interarrival_cv * src.interarrival_cv;
        gap = rng.gamma(1.0 / cv2, gap * cv2);
      }
      const SimTime next = std::max(from + 1, secondsToSimTime(t + gap));
      if (src.rate.rateAt(simTimeToSeconds(next)) > 0) return next;
      t = simTimeToSeconds(next);
    }
  }
  if (src.stationary) {
    const double rate = src.rate.rateAt(0);
    if (rate <= 0) return kSimTimeNever;
    return secondsToSimTime(t + rng.exponential(1.0 / rate));
  }
  // Non-homogeneous Poisson by thinning against a bound that is exact per chunk of time.
  while (t < horizon) {
    const double chunkEnd = std::min(t + kThinningChunk_s, horizon);
    const double bound = src.rate.upperBound(t, chunkEnd);
    if (bound <= 0) {
      t = chunkEnd;
      continue;
    }
    const double candidate = t + rng.exponential(1.0 / bound);
    if (candidate > chunkEnd) {
      t = chunkEnd;  // memoryless: restart from the chunk's end with the next chunk's bound
      continue;
    }
    t = candidate;
    if (rng.uniform() * bound <= src.rate.rateAt(t)) return secondsToSimTime(t);
  }
  return kSimTimeNever;
}

void Kernel::createRequest(std::uint16_t s, std::uint32_t user) {
  const auto& src = m_.sources[s];
  const double u = sources_[s].mix_rng.uniform();
  std::uint16_t cls = src.mix.back().request_class;
  for (const auto& share : src.mix)
    if (u < share.cumulative) {
      cls = share.request_class;
      break;
    }
  const std::uint32_t j = allocJob();
  Job& job = jobs_[j];
  job.created = now_;
  job.arrival = now_;
  job.comp = static_cast<std::uint16_t>(src.entry);
  job.cls = cls;
  job.source = s;
  job.user = user;
  job.region = static_cast<std::uint8_t>(src.region);
  ++e2e_[0].created;
  ++e2e_[cls + 1u].created;
  ++window_e2e_.created;
  if (!window_class_e2e_.empty()) ++window_class_e2e_[cls].created;
  arriveAfter(j, m_.latency(src.region, m_.components[src.entry].region));
}

// The answer travels back to the client's region before the client sees it.
void Kernel::finishRequest(std::uint32_t j, bool ok) {
  const Job& job = jobs_[j];
  const std::uint16_t s = job.source;
  const std::uint32_t user = job.user;
  const SimTime back = m_.latency(m_.components[job.comp].region, job.region);
  const SimTime response = now_ + back - job.created;
  const double response_s = simTimeToSeconds(response);
  for (EndToEndState* st : {&e2e_[0], &e2e_[job.cls + 1u], &window_e2e_}) {
    if (ok) {
      ++st->completions;
      st->response_sum_s += response_s;
      st->response.record(response);
    } else {
      ++st->failures;
    }
  }
  if (ok && latency_target_ > 0 && response <= latency_target_) ++root_.succeeded_within_target;
  if (!window_class_e2e_.empty() && ok) {
    EndToEndState& st = window_class_e2e_[job.cls];
    ++st.completions;
    st.response_sum_s += response_s;
    st.response.record(response);
  }
  freeJob(j);
  if (now_ >= cfg_.warmup) {
    ++summary_.requests;
    if (cfg_.max_requests > 0 && static_cast<std::int64_t>(summary_.requests) >= cfg_.max_requests) {
      stopped_ = true;
      summary_.stop_reason = "request count";
    }
  }
  const auto& src = m_.sources[s];
  if (src.kind == Source::Kind::Closed)
    queue_.push(addSimTime(now_, back + src.think_time.sample(sources_[s].think_rng)), kEvUserIssue, s, user);
}

}  // namespace headroom::kernel
