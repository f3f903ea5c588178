#pragma once
// One long job of a planning view (a plan, a priced run, a sweep) on a worker thread, with progress and
// cancel through the Feedback contract (model/feedback.h).
//
// Thread affinity: the job object lives on the GUI thread; `work` runs on the worker and must touch only its
// own data and the Feedback; progress is posted back with a queued call. `done` runs on the GUI thread with
// the error text (empty when the work returned). Destroying the job cancels and waits, so a closing window
// never leaves work running on freed data.
#include <functional>
#include <memory>

#include <QObject>
#include <QString>

#include "model/feedback.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QThread;
class QWidget;

namespace headroom::planning_views {

class BackgroundJob : public QObject {
  Q_OBJECT

 public:
  explicit BackgroundJob(QObject* parent = nullptr);
  ~BackgroundJob() override;

  // False (and nothing happens) while a job runs.
  bool start(std::function<void(Feedback&)> work, std::function<void(const QString& error)> done);
  void cancel();
  void wait();  // blocks until the worker ended and `done` ran (tests)
  bool isBusy() const { return thread_ != nullptr; }

 signals:
  void progressChanged(double fraction, const QString& message);
  void busyChanged(bool busy);

 private:
  void finish(const QString& error);

  QThread* thread_ = nullptr;
  std::shared_ptr<Feedback> feedback_;
  std::function<void(const QString&)> done_;
};

// The Run / Cancel / progress / status widgets of a view, wired to its job: progress and its message, Cancel
// enabled only while the job runs, Run only while it does not. The view connects Run to what it starts.
struct JobControls {
  QPushButton* run = nullptr;
  QPushButton* cancel = nullptr;
  QProgressBar* progress = nullptr;
  QLabel* status = nullptr;
};
JobControls makeJobControls(QWidget* parent, BackgroundJob* job, const QString& runText);

}  // namespace headroom::planning_views
