#include "ui/run_controller.h"

#include <chrono>
#include <exception>
#include <mutex>

#include <QCoreApplication>
#include <QEvent>
#include <QMetaObject>
#include <QThread>

namespace headroom {

// Lives on the worker side; every callback copies its argument into a queued call on the controller.
// Progress is thinned to one report per 50 ms: the GUI cannot show more, and a flood of queued events
// would delay the ones that matter (cancel feedback, the final result).
class PostingObserver : public SimulationObserver {
 public:
  explicit PostingObserver(RunController* controller) : controller_(controller) {}

  void onProgress(const RunProgress& progress) override {
    {
      std::lock_guard lock(mutex_);
      const auto now = std::chrono::steady_clock::now();
      const bool last = progress.fraction >= 1.0;
      if (!last && now - lastProgress_ < std::chrono::milliseconds(50)) return;
      lastProgress_ = now;
    }
    RunController* c = controller_;
    QMetaObject::invokeMethod(c, [c, progress] { c->handleProgress(progress); }, Qt::QueuedConnection);
  }

  void onLiveWindow(const LiveWindow& window) override {
    RunController* c = controller_;
    QMetaObject::invokeMethod(c, [c, window] { c->handleLiveWindow(window); }, Qt::QueuedConnection);
  }

 private:
  RunController* controller_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point lastProgress_{};
};

RunController::RunController(QObject* parent) : QObject(parent) {}

RunController::~RunController() {
  if (feedback_) feedback_->cancel();
  waitForWorker();
}

QString RunController::stateName(State state) {
  switch (state) {
    case State::Idle: return QStringLiteral("idle");
    case State::Running: return QStringLiteral("running");
    case State::Cancelling: return QStringLiteral("cancelling");
    case State::Finished: return QStringLiteral("finished");
    case State::Cancelled: return QStringLiteral("cancelled");
    case State::Failed: return QStringLiteral("failed");
  }
  return {};
}

bool RunController::start(const Scenario& scenario, const RunOptions& options) {
  if (isBusy()) return false;
  waitForWorker();  // a finished thread whose last queued event is still pending
  runScenario_ = scenario;
  progress_ = RunProgress{};
  liveWindows_.clear();
  result_.reset();
  error_.clear();
  feedback_ = std::make_shared<Feedback>();
  clock_.start();
  finalElapsed_s_ = 0.0;

  auto feedback = feedback_;
  thread_ = QThread::create([this, scenario = runScenario_, options, feedback] {
    PostingObserver observer(this);
    auto result = std::make_shared<RunResult>();
    QString error;
    try {
      *result = runSimulation(scenario, options, feedback.get(), &observer);
    } catch (const std::exception& e) {
      error = QString::fromStdString(e.what());
    } catch (...) {
      error = QStringLiteral("unknown error in the simulation");
    }
    QMetaObject::invokeMethod(this, [this, result, error] { handleFinished(result, error); }, Qt::QueuedConnection);
  });
  thread_->setObjectName(QStringLiteral("headroom-run"));
  setState(State::Running);
  thread_->start();
  return true;
}

void RunController::cancel() {
  if (state_ != State::Running || !feedback_) return;
  feedback_->cancel();
  setState(State::Cancelling);
}

void RunController::cancelAndWait() {
  if (!isBusy()) return;
  if (feedback_) feedback_->cancel();
  waitForWorker();
  // The worker's last act was to queue handleFinished(); run it (and any earlier reports) right away.
  QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

void RunController::waitForWorker() {
  if (!thread_) return;
  thread_->wait();
  delete thread_;
  thread_ = nullptr;
}

double RunController::elapsedSeconds() const {
  if (isBusy()) return static_cast<double>(clock_.elapsed()) / 1000.0;
  return finalElapsed_s_;
}

void RunController::handleProgress(const RunProgress& progress) {
  if (!isBusy()) return;
  progress_ = progress;
  emit progressChanged();
}

void RunController::handleLiveWindow(const LiveWindow& window) {
  if (!isBusy()) return;
  liveWindows_.push_back(window);
  emit liveWindowAdded();
}

void RunController::handleFinished(std::shared_ptr<RunResult> result, QString error) {
  waitForWorker();  // the lambda has returned or is about to: this wait is short
  finalElapsed_s_ = static_cast<double>(clock_.elapsed()) / 1000.0;
  error_ = error;
  if (!error.isEmpty()) {
    setState(State::Failed);
  } else {
    result_ = std::move(*result);
    progress_.fraction = result_->cancelled ? progress_.fraction : 1.0;
    setState(result_->cancelled || (feedback_ && feedback_->isCancelled()) ? State::Cancelled : State::Finished);
  }
  emit runFinished();
}

void RunController::setState(State state) {
  if (state_ == state) return;
  state_ = state;
  emit stateChanged(state_);
}

}  // namespace headroom
