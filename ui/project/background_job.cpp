#include "ui/project/background_job.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QHBoxLayout>
#include <QLabel>
#include <QPointer>
#include <QProgressBar>
#include <QPushButton>
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

bool BackgroundJob::start(const QString& title, Work work) {
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
  thread_ = QThread::create([self, feedback, work = std::move(work)] {
    Continuation then;
    QString error;
    try {
      then = work(*feedback);
    } catch (const std::exception& e) {
      error = QString::fromStdString(e.what());
    }
    const bool cancelled = feedback->isCancelled();
    QMetaObject::invokeMethod(qApp, [self, then = std::move(then), error, cancelled] {
      if (!self) return;
      self->thread_->wait();
      delete self->thread_;
      self->thread_ = nullptr;
      if (!cancelled && error.isEmpty() && then) then();
      emit self->finished(self->title_, error, cancelled);
    });
  });
  emit started(title);
  thread_->start();
  return true;
}

void BackgroundJob::cancel() {
  if (feedback_) feedback_->cancel();
}

bool BackgroundJob::waitForIdle(int timeout_ms) {
  QDeadlineTimer deadline(timeout_ms);
  while (thread_ && !deadline.hasExpired()) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
  return thread_ == nullptr;
}

JobBar::JobBar(BackgroundJob* job, QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("jobBar"));
  auto* row = new QHBoxLayout(this);
  row->setContentsMargins(0, 2, 0, 2);
  label_ = new QLabel(this);
  label_->setMinimumWidth(80);
  bar_ = new QProgressBar(this);
  bar_->setRange(0, 1000);
  bar_->setTextVisible(false);
  bar_->setMaximumHeight(14);
  cancel_ = new QPushButton(tr("Cancel"), this);
  row->addWidget(label_, 1);
  row->addWidget(bar_, 1);
  row->addWidget(cancel_);
  hide();
  connect(cancel_, &QPushButton::clicked, job, &BackgroundJob::cancel);
  connect(job, &BackgroundJob::started, this, [this](const QString& title) {
    label_->setText(title + QStringLiteral("…"));
    bar_->setValue(0);
    show();
  });
  connect(job, &BackgroundJob::progress, this, [this, job](double fraction, const QString& message) {
    bar_->setValue(static_cast<int>(fraction * 1000));
    label_->setText(message.isEmpty() ? job->title() + QStringLiteral("…") : message);
  });
  connect(job, &BackgroundJob::finished, this, [this, job] {
    if (!job->busy()) hide();  // a continuation may have started the next job already
  });
}

}  // namespace headroom
