#include "ui/jobs/background_job.h"

#include <new>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QPointer>
#include <QThread>

namespace headroom {

BackgroundJob::BackgroundJob(QObject* parent) : QObject(parent) {}

BackgroundJob::~BackgroundJob() {
  if (thread_) {
    feedback_->cancel();
    thread_->wait();
    delete thread_;
  }
}

bool BackgroundJob::start(const QString& title, Work work) { return launch(title, std::move(work), nullptr); }

bool BackgroundJob::start(const QString& title, std::function<void(Feedback&)> work, Done done) {
  return launch(
      title,
      [work = std::move(work)](Feedback& fb) -> Continuation {
        work(fb);
        return {};
      },
      std::move(done));
}

bool BackgroundJob::launch(const QString& title, Work work, Done done) {
  if (thread_) return false;
  title_ = title;
  feedback_ = std::make_shared<Feedback>();
  QPointer<BackgroundJob> self(this);
  feedback_->setProgressCallback([self](double fraction, const std::string& message) {
    QMetaObject::invokeMethod(qApp, [self, fraction, text = QString::fromStdString(message)] {
      if (self) emit self->progress(fraction, text);
    });
  });
  auto feedback = feedback_;
  thread_ = QThread::create([self, feedback, work = std::move(work), done = std::move(done)] {
    Continuation then;
    QString error;
    try {
      then = work(*feedback);
    } catch (const std::bad_alloc&) {
      error = tr("out of memory");
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    const bool cancelled = feedback->isCancelled();
    QMetaObject::invokeMethod(qApp, [self, then = std::move(then), done, error, cancelled] {
      if (!self) return;
      self->thread_->wait();
      delete self->thread_;
      self->thread_ = nullptr;
      self->feedback_.reset();
      emit self->busyChanged(false);
      if (done) done(error);
      else if (!cancelled && error.isEmpty() && then) then();
      emit self->finished(self->title_, error, cancelled);
    });
  });
  emit started(title);
  emit busyChanged(true);
  thread_->start();
  return true;
}

void BackgroundJob::cancel() {
  if (feedback_) feedback_->cancel();
}

bool BackgroundJob::waitForIdle(int timeout_ms) {
  QDeadlineTimer deadline(timeout_ms);
  while (thread_ && !deadline.hasExpired()) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  QCoreApplication::processEvents();  // the progress posted last
  return thread_ == nullptr;
}

}  // namespace headroom
