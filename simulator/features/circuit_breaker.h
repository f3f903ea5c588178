#pragma once
// Circuit breaker state machine (Resilience4j / Hystrix semantics, time-based window), see
// model/component_features.h CircuitBreakerSpec for the rules. Single-threaded.
#include <cstdint>
#include <string>
#include <vector>

#include "model/component_features.h"
#include "model/units.h"

namespace headroom::features {

class CircuitBreaker {
 public:
  enum class State { Closed, Open, HalfOpen };
  explicit CircuitBreaker(const CircuitBreakerSpec& spec);

  // May a call start at `now`? Moves Open -> HalfOpen when open_s has passed. false = rejected at once
  // (counted in rejected()).
  bool allow(SimTime now);
  // The outcome of a call that allow() let through, when it is known. While Open, outcomes are ignored (calls
  // let through before the breaker opened finish later; they neither extend nor shorten the open period).
  // While HalfOpen, only as many outcomes count as trial calls are outstanding.
  void record(SimTime now, bool success);
  // A call allow() let through never reached the target (refused by a bulkhead, its caller gave up while it
  // waited for a connection): it says nothing about the target's health, so a half-open trial slot is given
  // back instead of recording an outcome.
  void cancel();

  State state() const { return state_; }
  std::uint64_t rejected() const { return rejected_; }
  std::uint64_t opens() const { return opens_; }  // Closed/HalfOpen -> Open transitions
  // Each transition with its reason ("failure ratio 0.62 >= 0.50 over 25 calls in 10 s"), for the decision log.
  struct Transition { SimTime at; State from, to; std::string reason; };
  // Transitions since the last call (the kernel drains them into the decision log).
  std::vector<Transition> takeTransitions();

  // Calls and failures recorded in the window ending at `now` (the sliding window is window_s wide, kept as 10
  // buckets; a bucket leaves the window whole, so it covers between 0.9 and 1 window_s of the past).
  std::uint32_t windowCalls(SimTime now) const;
  std::uint32_t windowFailures(SimTime now) const;
  static constexpr int kBuckets = 10;

 private:
  void resetWindow();
  void moveTo(SimTime now, State to, std::string reason);
  // implementation: ring of fixed time buckets covering window_s (e.g. 10 buckets), trial counters
  CircuitBreakerSpec spec_;
  State state_ = State::Closed;
  SimTime opened_at_ = 0;
  int trials_started_ = 0, trials_succeeded_ = 0;
  SimTime bucket_width_ = 0;
  std::vector<std::uint32_t> bucket_calls_, bucket_failures_;
  std::vector<std::int64_t> bucket_index_;
  std::uint64_t rejected_ = 0, opens_ = 0;
  std::vector<Transition> transitions_;
};

const char* breakerStateName(CircuitBreaker::State s);

}  // namespace headroom::features
