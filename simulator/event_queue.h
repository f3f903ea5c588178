#pragma once
// The event calendar: a 4-ary min-heap of small POD events ordered by (time, sequence number). The
// sequence number breaks ties in insertion order, so simultaneous events are handled deterministically.
// 4-ary because sift-down then touches half as many levels and the children share a cache line.
#include <cstdint>
#include <vector>

#include "model/units.h"

namespace headroom {

struct Event {
  SimTime time;
  std::uint64_t seq;
  std::uint32_t kind;
  std::uint32_t a, b, c;  // payload, meaning set by kind
};

class EventQueue {
 public:
  void push(SimTime time, std::uint32_t kind, std::uint32_t a = 0, std::uint32_t b = 0, std::uint32_t c = 0) {
    heap_.push_back(Event{time, nextSeq_++, kind, a, b, c});
    siftUp(heap_.size() - 1);
  }
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  const Event& top() const { return heap_.front(); }
  Event pop() {
    Event e = heap_.front();
    heap_.front() = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) siftDown(0);
    return e;
  }
  void clear() {
    heap_.clear();
    nextSeq_ = 0;
  }

 private:
  static bool before(const Event& x, const Event& y) { return x.time < y.time || (x.time == y.time && x.seq < y.seq); }
  void siftUp(std::size_t i) {
    Event e = heap_[i];
    while (i > 0) {
      const std::size_t parent = (i - 1) >> 2;
      if (!before(e, heap_[parent])) break;
      heap_[i] = heap_[parent];
      i = parent;
    }
    heap_[i] = e;
  }
  void siftDown(std::size_t i) {
    const std::size_t n = heap_.size();
    Event e = heap_[i];
    for (;;) {
      const std::size_t first = 4 * i + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t last = first + 4 < n ? first + 4 : n;
      for (std::size_t k = first + 1; k < last; ++k)
        if (before(heap_[k], heap_[best])) best = k;
      if (!before(heap_[best], e)) break;
      heap_[i] = heap_[best];
      i = best;
    }
    heap_[i] = e;
  }

  std::vector<Event> heap_;
  std::uint64_t nextSeq_ = 0;
};

}  // namespace headroom
