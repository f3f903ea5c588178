#pragma once
// Bounds every test function of a GUI test: if one runs longer than its budget (a run that never finishes, an
// event loop nobody quits), the test process stops at once with a message naming the function, instead of
// hanging until CTest's timeout. Arm it in init(), disarm it in cleanup().
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

namespace headroom::test {

class Watchdog {
 public:
  Watchdog() : thread_([this] { watch(); }) {}
  ~Watchdog() {
    {
      std::lock_guard lock(mutex_);
      quit_ = true;
    }
    wake_.notify_all();
    thread_.join();
  }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  void arm(const std::string& what, std::chrono::seconds budget) {
    {
      std::lock_guard lock(mutex_);
      what_ = what;
      deadline_ = std::chrono::steady_clock::now() + budget;
      armed_ = true;
    }
    wake_.notify_all();
  }
  void disarm() {
    std::lock_guard lock(mutex_);
    armed_ = false;
  }

 private:
  void watch() {
    std::unique_lock lock(mutex_);
    while (!quit_) {
      if (!armed_) {
        wake_.wait(lock);
        continue;
      }
      if (wake_.wait_until(lock, deadline_) == std::cv_status::timeout && armed_ && !quit_ &&
          std::chrono::steady_clock::now() >= deadline_) {
        std::fprintf(stderr, "FAIL! watchdog: %s ran past its time budget; stopping the test instead of hanging\n", what_.c_str());
        std::fflush(stderr);
        std::_Exit(3);
      }
    }
  }

  std::mutex mutex_;
  std::condition_variable wake_;
  std::string what_;
  std::chrono::steady_clock::time_point deadline_;
  bool armed_ = false;
  bool quit_ = false;
  std::thread thread_;
};

}  // namespace headroom::test
