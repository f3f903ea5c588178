#pragma once
// One long job at a time on a worker thread, with the model/feedback.h contract: the work polls the Feedback for
// cancel and reports progress; the window never waits for it. The work returns a continuation that runs on the GUI
// thread with the results (so widgets are only touched there). JobBar is the progress bar + Cancel button that shows
// while a job runs. Thread affinity: GUI thread (the work itself runs on the worker).
#include <functional>
#include <memory>

#include <QObject>
#include <QString>
#include <QWidget>

#include "model/feedback.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QThread;

namespace headroom {

class BackgroundJob : public QObject {
  Q_OBJECT
 public:
  using Continuation = std::function<void()>;
  // Runs on the worker; may throw (the message is reported through finished()). Must not touch widgets.
  using Work = std::function<Continuation(Feedback& feedback)>;

  explicit BackgroundJob(QObject* parent = nullptr);
  ~BackgroundJob() override;  // cancels and waits for a running job

  // False (and nothing started) while another job runs.
  bool start(const QString& title, Work work);
  bool busy() const { return thread_ != nullptr; }
  QString title() const { return title_; }
  void cancel();
  // Tests: spins the event loop until the running job has finished and its continuation has run.
  bool waitForIdle(int timeout_ms = 60000);

 signals:
  void started(const QString& title);
  void progress(double fraction, const QString& message);
  // error empty = success; cancelled = the user cancelled (the continuation does not run then).
  void finished(const QString& title, const QString& error, bool cancelled);

 private:
  QThread* thread_ = nullptr;
  std::shared_ptr<Feedback> feedback_;
  QString title_;
};

class JobBar : public QWidget {
  Q_OBJECT
 public:
  explicit JobBar(BackgroundJob* job, QWidget* parent = nullptr);
  QPushButton* cancelButton() const { return cancel_; }
  QLabel* messageLabel() const { return label_; }

 private:
  QLabel* label_ = nullptr;
  QProgressBar* bar_ = nullptr;
  QPushButton* cancel_ = nullptr;
};

}  // namespace headroom
