#pragma once
// File > Preview Report: page 1 of the PDF report of the last run, rendered through the report library
// (report::renderFirstPage, the same layout as the PDF) into an image, before the user saves it with Export.
// Thread affinity: GUI thread (charts are QCustomPlot widgets drawn to a painter).
#include <functional>

#include <QDialog>
#include <QImage>

#include "model/scenario.h"
#include "simulator/run_result.h"

class QLabel;
class QScrollArea;

namespace headroom::planning_views {

class ReportPreviewDialog : public QDialog {
  Q_OBJECT

 public:
  ReportPreviewDialog(const Scenario& scenario, const RunResult& run, const QString& scenarioPath, QWidget* parent = nullptr);

  const QImage& pageImage() const { return image_; }
  int pageCount() const { return pages_; }
  QString exportMessage() const { return message_; }

 protected:
  void resizeEvent(QResizeEvent* event) override;

 private:
  void fitPage();

  QLabel* page_ = nullptr;
  QScrollArea* scroll_ = nullptr;
  Scenario scenario_;
  RunResult run_;
  QString path_;
  QImage image_;
  int pages_ = 0;
  QString message_;
};

}  // namespace headroom::planning_views
