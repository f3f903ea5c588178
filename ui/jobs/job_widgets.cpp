#include "ui/jobs/job_widgets.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include "ui/jobs/background_job.h"

namespace headroom {

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
  QObject::connect(job, &BackgroundJob::started, c.progress, [c] { c.progress->setValue(0); });
  QObject::connect(job, &BackgroundJob::progress, c.progress, [c](double f, const QString& m) {
    c.progress->setValue(static_cast<int>(f * 1000));
    if (!m.isEmpty()) c.status->setText(m);
  });
  QObject::connect(job, &BackgroundJob::busyChanged, c.run, [c](bool busy) {
    c.run->setEnabled(!busy);
    c.cancel->setEnabled(busy);
  });
  return c;
}

}  // namespace headroom
