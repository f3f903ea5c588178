#pragma once
// The widgets that show a BackgroundJob: JobBar (label + progress bar + Cancel, visible only while a job runs:
// the project views) and JobControls (a view's own Run / Cancel / progress / status: the planning views).
// Thread affinity: GUI thread.
#include <QString>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace headroom {

class BackgroundJob;

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

// Progress and its message, Cancel enabled only while the job runs, Run only while it does not. The view
// connects Run to what it starts.
struct JobControls {
  QPushButton* run = nullptr;
  QPushButton* cancel = nullptr;
  QProgressBar* progress = nullptr;
  QLabel* status = nullptr;
};
JobControls makeJobControls(QWidget* parent, BackgroundJob* job, const QString& runText);

}  // namespace headroom
