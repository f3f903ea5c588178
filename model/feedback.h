#pragma once
// The one progress-and-cancel contract for every long job (simulate, sweep, import, report).
// The job calls setProgress() and polls isCancelled(); the host (CLI, GUI worker) calls cancel() from any
// thread and may install a callback that receives progress changes. Thread-safe.
#include <atomic>
#include <functional>
#include <mutex>
#include <string>

namespace headroom {

class Feedback {
 public:
  using ProgressCallback = std::function<void(double fraction, const std::string& message)>;

  void cancel() { cancelled_.store(true, std::memory_order_relaxed); }
  bool isCancelled() const { return cancelled_.load(std::memory_order_relaxed); }

  // fraction in [0, 1]. The callback runs on the calling (job) thread and only when the shown value
  // (per mille) or the message changes, so calling this often is cheap.
  void setProgress(double fraction, const std::string& message = {}) {
    const int permille = static_cast<int>(fraction * 1000.0);
    ProgressCallback cb;
    {
      std::lock_guard lock(mutex_);
      if (permille == lastPermille_ && message == lastMessage_) return;
      lastPermille_ = permille;
      lastMessage_ = message;
      cb = callback_;
    }
    progress_.store(fraction, std::memory_order_relaxed);
    if (cb) cb(fraction, message);
  }
  double progress() const { return progress_.load(std::memory_order_relaxed); }

  void setProgressCallback(ProgressCallback cb) {
    std::lock_guard lock(mutex_);
    callback_ = std::move(cb);
  }

 private:
  std::atomic<bool> cancelled_{false};
  std::atomic<double> progress_{0.0};
  std::mutex mutex_;
  int lastPermille_ = -1;
  std::string lastMessage_;
  ProgressCallback callback_;
};

}  // namespace headroom
