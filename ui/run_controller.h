#pragma once
// Runs runSimulation() on a worker thread and brings what it reports back to the GUI thread.
//
// Thread affinity: the controller lives on the GUI thread and every public function and signal is used
// there. The worker only touches a Feedback (thread-safe) and a PostingObserver, which copies each report
// and posts it to the controller with a queued invokeMethod; the controller never hands the kernel a
// pointer to GUI data. Destroying the controller cancels a running job and waits for its thread, so a
// closing window never leaves a simulation running on freed data.
#include <memory>
#include <optional>
#include <vector>

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include "model/feedback.h"
#include "model/scenario.h"
#include "simulator/observer.h"
#include "simulator/run_result.h"
#include "simulator/simulation.h"

class QThread;

namespace headroom {

class RunController : public QObject {
  Q_OBJECT

 public:
  enum class State { Idle, Running, Cancelling, Finished, Cancelled, Failed };
  Q_ENUM(State)

  explicit RunController(QObject* parent = nullptr);
  ~RunController() override;

  // Starts a run of a copy of `scenario`. Returns false (and does nothing) while another run is going.
  bool start(const Scenario& scenario, const RunOptions& options = {});
  // Asks the running job to stop; it finishes promptly with the replications already done.
  void cancel();
  // Blocks until the worker thread has ended. Safe when nothing runs.
  void waitForWorker();
  // Closing: cancels, waits for the worker, and delivers its final report now, so the state is final
  // (Cancelled/Finished/Failed) when this returns.
  void cancelAndWait();

  State state() const { return state_; }
  bool isBusy() const { return state_ == State::Running || state_ == State::Cancelling; }
  static QString stateName(State state);

  const RunProgress& progress() const { return progress_; }
  double elapsedSeconds() const;  // wall clock since start (GUI-side timer, ticks even between reports)
  const std::vector<LiveWindow>& liveWindows() const { return liveWindows_; }
  const Scenario& runScenario() const { return runScenario_; }  // the copy the current/last run used
  const std::optional<RunResult>& result() const { return result_; }
  const QString& errorMessage() const { return error_; }

 signals:
  void stateChanged(headroom::RunController::State state);
  void progressChanged();
  void liveWindowAdded();
  void runFinished();  // state is Finished, Cancelled or Failed; result() holds what was computed

 private:
  friend class PostingObserver;
  void handleProgress(const RunProgress& progress);
  void handleLiveWindow(const LiveWindow& window);
  void handleFinished(std::shared_ptr<RunResult> result, QString error);
  void setState(State state);

  State state_ = State::Idle;
  QThread* thread_ = nullptr;
  std::shared_ptr<Feedback> feedback_;
  Scenario runScenario_;
  RunProgress progress_;
  std::vector<LiveWindow> liveWindows_;
  std::optional<RunResult> result_;
  QString error_;
  QElapsedTimer clock_;
  double finalElapsed_s_ = 0.0;
};

}  // namespace headroom
