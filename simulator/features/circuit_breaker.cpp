#include "simulator/features/circuit_breaker.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace headroom::features {

namespace {
std::string format(const char* fmt, double a, double b = 0, double c = 0, double d = 0) {
  char buf[200];
  std::snprintf(buf, sizeof buf, fmt, a, b, c, d);
  return buf;
}
}  // namespace

CircuitBreaker::CircuitBreaker(const CircuitBreakerSpec& spec) : spec_(spec) {
  spec_.minimum_calls = std::max(1, spec_.minimum_calls);
  spec_.half_open_calls = std::max(1, spec_.half_open_calls);
  if (!(spec_.open_s >= 0.0)) spec_.open_s = 0.0;
  bucket_width_ = std::max<SimTime>(1, secondsToSimTime(spec_.window_s) / kBuckets);
  bucket_calls_.assign(kBuckets, 0);
  bucket_failures_.assign(kBuckets, 0);
  bucket_index_.assign(kBuckets, -1);
}

void CircuitBreaker::resetWindow() {
  std::fill(bucket_calls_.begin(), bucket_calls_.end(), 0u);
  std::fill(bucket_failures_.begin(), bucket_failures_.end(), 0u);
  std::fill(bucket_index_.begin(), bucket_index_.end(), -1);
}

std::uint32_t CircuitBreaker::windowCalls(SimTime now) const {
  const std::int64_t b = now / bucket_width_;
  std::uint32_t sum = 0;
  for (int i = 0; i < kBuckets; ++i)
    if (bucket_index_[i] > b - kBuckets && bucket_index_[i] <= b) sum += bucket_calls_[i];
  return sum;
}

std::uint32_t CircuitBreaker::windowFailures(SimTime now) const {
  const std::int64_t b = now / bucket_width_;
  std::uint32_t sum = 0;
  for (int i = 0; i < kBuckets; ++i)
    if (bucket_index_[i] > b - kBuckets && bucket_index_[i] <= b) sum += bucket_failures_[i];
  return sum;
}

void CircuitBreaker::moveTo(SimTime now, State to, std::string reason) {
  transitions_.push_back({now, state_, to, std::move(reason)});
  if (to == State::Open) {
    ++opens_;
    opened_at_ = now;
    resetWindow();
  } else if (to == State::HalfOpen) {
    trials_started_ = trials_succeeded_ = 0;
  } else {
    resetWindow();
  }
  state_ = to;
}

bool CircuitBreaker::allow(SimTime now) {
  if (state_ == State::Open) {
    if (now - opened_at_ < secondsToSimTime(spec_.open_s)) {
      ++rejected_;
      return false;
    }
    moveTo(now, State::HalfOpen,
           format("open for %g s: letting %g trial calls through", spec_.open_s, spec_.half_open_calls));
  }
  if (state_ == State::HalfOpen) {
    if (trials_started_ >= spec_.half_open_calls) {
      ++rejected_;
      return false;
    }
    ++trials_started_;
  }
  return true;
}

void CircuitBreaker::cancel() {
  if (state_ == State::HalfOpen && trials_started_ > trials_succeeded_) --trials_started_;
}

void CircuitBreaker::record(SimTime now, bool success) {
  switch (state_) {
    case State::Open:
      return;  // a call let through before the breaker opened
    case State::HalfOpen:
      if (trials_succeeded_ >= trials_started_) return;  // no trial outstanding: a straggler from before
      if (!success) {
        moveTo(now, State::Open,
               format("trial call failed after %g of %g succeeded: open again for %g s", trials_succeeded_,
                      spec_.half_open_calls, spec_.open_s));
        return;
      }
      if (++trials_succeeded_ >= spec_.half_open_calls)
        moveTo(now, State::Closed, format("%g of %g trial calls succeeded", trials_succeeded_, spec_.half_open_calls));
      return;
    case State::Closed:
      break;
  }
  const std::int64_t b = now / bucket_width_;
  const int slot = static_cast<int>(b % kBuckets);
  if (bucket_index_[slot] > b) return;  // older than the window (out of order): nothing to count
  if (bucket_index_[slot] != b) {
    bucket_index_[slot] = b;
    bucket_calls_[slot] = bucket_failures_[slot] = 0;
  }
  ++bucket_calls_[slot];
  if (!success) ++bucket_failures_[slot];

  const std::uint32_t calls = windowCalls(now), failures = windowFailures(now);
  if (calls < static_cast<std::uint32_t>(spec_.minimum_calls)) return;
  const double ratio = static_cast<double>(failures) / static_cast<double>(calls);
  if (ratio >= spec_.failure_ratio)
    moveTo(now, State::Open,
           format("failure ratio %.2f >= %.2f over %g calls in %g s", ratio, spec_.failure_ratio, calls,
                  spec_.window_s));
}

std::vector<CircuitBreaker::Transition> CircuitBreaker::takeTransitions() {
  std::vector<Transition> out;
  out.swap(transitions_);
  return out;
}

const char* breakerStateName(CircuitBreaker::State s) {
  switch (s) {
    case CircuitBreaker::State::Closed: return "closed";
    case CircuitBreaker::State::Open: return "open";
    case CircuitBreaker::State::HalfOpen: return "half-open";
  }
  return "?";
}

}  // namespace headroom::features
