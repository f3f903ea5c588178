#pragma once
// Cancels a long job from another thread once the job has reported progress (so it is inside its loop), and
// holds the job in that progress callback until the cancel has been sent: whether the job then stops depends
// on whether it polls, not on how fast the machine is (issue #18). Usage:
//   test::CancelProbe probe;           // owns the Feedback and the canceller thread
//   job(&probe.feedback);              // must return "cancelled"
//   probe.finish();                    // joins; probe.sawProgress(), probe.secondsToReturn()
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "model/feedback.h"

namespace headroom::test {

class CancelProbe {
 public:
  explicit CancelProbe(std::chrono::milliseconds delay = std::chrono::milliseconds(20)) {
    feedback.setProgressCallback([this](double, const std::string&) {
      std::unique_lock lock(mutex_);
      if (started_) return;
      started_ = true;
      progressed_ = true;
      changed_.notify_all();
      changed_.wait_for(lock, std::chrono::seconds(60), [this] { return sent_; });
    });
    canceller_ = std::thread([this, delay] {
      std::unique_lock lock(mutex_);
      changed_.wait_for(lock, std::chrono::seconds(600), [this] { return started_; });
      if (!progressed_) return;  // the job ended without ever reporting progress
      lock.unlock();
      std::this_thread::sleep_for(delay);
      cancelledAt_ = std::chrono::steady_clock::now();
      feedback.cancel();
      lock.lock();
      sent_ = true;
      changed_.notify_all();
    });
  }
  ~CancelProbe() { finish(); }

  // Call right after the job returned (or threw).
  void finish() {
    if (!canceller_.joinable()) return;
    returnedAt_ = std::chrono::steady_clock::now();
    {
      std::lock_guard lock(mutex_);
      started_ = true;
      changed_.notify_all();
    }
    canceller_.join();
  }
  bool sawProgress() const { return progressed_; }
  bool cancelSent() const { return sent_; }
  double secondsToReturn() const { return std::chrono::duration<double>(returnedAt_ - cancelledAt_).count(); }

  Feedback feedback;

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool started_ = false, progressed_ = false, sent_ = false;
  std::chrono::steady_clock::time_point cancelledAt_, returnedAt_;
  std::thread canceller_;
};

}  // namespace headroom::test
