#include "ui/planning/background_job.h"

#include <QCoreApplication>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QPointer>
#include <QThread>

namespace headroom::planning_views {

BackgroundJob::BackgroundJob(QObject* parent) : QObject(parent) {}

BackgroundJob::~BackgroundJob() {
  if (feedback_) feedback_->cancel();
  if (thread_) {
    thread_->wait();
    delete thread_;
  }
}

bool BackgroundJob::start(std::function<void(Feedback&)> work, std::function<void(const QString&)> done) {
  if (thread_) return false;
  feedback_ = std::make_shared<Feedback>();
  done_ = std::move(done);
  QPointer<BackgroundJob> self(this);
  feedback_->setProgressCallback([self](double f, const std::string& m) {
    QMetaObject::invokeMethod(
        self, [self, f, msg = QString::fromStdString(m)] { if (self) emit self->progressChanged(f, msg); }, Qt::QueuedConnection);
  });
  std::shared_ptr<Feedback> feedback = feedback_;
  thread_ = QThread::create([this, work = std::move(work), feedback] {
    QString error;
    try {
      work(*feedback);
    } catch (const std::bad_alloc&) {
      error = tr("out of memory");
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    QMetaObject::invokeMethod(this, [this, error] { finish(error); }, Qt::QueuedConnection);
  });
  thread_->start();
  emit busyChanged(true);
  return true;
}

void BackgroundJob::cancel() {
  if (feedback_) feedback_->cancel();
}

void BackgroundJob::wait() {
  while (thread_) {
    thread_->wait(20);
    QCoreApplication::processEvents();
  }
}

void BackgroundJob::finish(const QString& error) {
  if (!thread_) return;
  thread_->wait();
  delete thread_;
  thread_ = nullptr;
  feedback_.reset();
  auto done = std::move(done_);
  done_ = nullptr;
  emit busyChanged(false);
  if (done) done(error);
}

JobControls makeJobControls(QWidget* parent, BackgroundJob* job, const QString& runText) {
  JobControls c;
  c.run = new QPushButton(runText, parent);
  c.cancel = new QPushButton(QObject::tr("Cancel"), parent);
  c.cancel->setEnabled(false);
  c.progress = new QProgressBar(parent);
  c.progress->setRange(0, 1000);
  c.progress->setMaximumWidth(200);
  c.status = new QLabel(parent);
  c.status->setWordWrap(true);
  QObject::connect(c.cancel, &QPushButton::clicked, job, &BackgroundJob::cancel);
  QObject::connect(job, &BackgroundJob::progressChanged, c.progress, [c](double f, const QString& m) {
    c.progress->setValue(static_cast<int>(f * 1000));
    if (!m.isEmpty()) c.status->setText(m);
  });
  QObject::connect(job, &BackgroundJob::busyChanged, c.run, [c](bool busy) {
    c.run->setEnabled(!busy);
    c.cancel->setEnabled(busy);
  });
  return c;
}

}  // namespace headroom::planning_views
