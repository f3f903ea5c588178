#pragma once
// One long job at a time on a worker thread, with the model/feedback.h contract: the work polls the Feedback for
// cancel and reports progress (posted to the GUI thread as progress()); the window never waits for it.
//
// Two ways to start, one machinery:
//  - start(title, work): the work returns a continuation that runs on the GUI thread with the results, only when
//    the work returned and was not cancelled (a project read that was cancelled has nothing to show);
//  - start(title, work, done): `done(error)` always runs on the GUI thread (error empty when the work returned,
//    cancelled or not), for engines that return a partial result when cancelled (a plan, a sweep, the optimizer).
// finished() follows in both cases. Destroying the job cancels and waits, so a closing window never leaves work
// running on freed data. Thread affinity: GUI thread (the work itself runs on the worker and must not touch
// widgets).
#include <functional>
#include <memory>

#include <QObject>
#include <QString>

#include "model/feedback.h"

class QThread;

namespace headroom {

class BackgroundJob : public QObject {
  Q_OBJECT
 public:
  using Continuation = std::function<void()>;
  using Work = std::function<Continuation(Feedback& feedback)>;
  using Done = std::function<void(const QString& error)>;

  explicit BackgroundJob(QObject* parent = nullptr);
  ~BackgroundJob() override;

  // False (and nothing started) while another job runs.
  bool start(const QString& title, Work work);
  bool start(const QString& title, std::function<void(Feedback&)> work, Done done);
  bool busy() const { return thread_ != nullptr; }
  QString title() const { return title_; }
  void cancel();
  // Tests: spins the event loop until the running job has finished and its continuation has run.
  bool waitForIdle(int timeout_ms = 120000);

 signals:
  void started(const QString& title);
  void progress(double fraction, const QString& message);
  void busyChanged(bool busy);
  // error empty = the work returned; cancelled = the user cancelled.
  void finished(const QString& title, const QString& error, bool cancelled);

 private:
  bool launch(const QString& title, Work work, Done done);

  QThread* thread_ = nullptr;
  std::shared_ptr<Feedback> feedback_;
  QString title_;
};

}  // namespace headroom
