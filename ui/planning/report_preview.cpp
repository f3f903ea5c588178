#include "ui/planning/report_preview.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>

#include "ui/report/export_report.h"
#include "ui/report/report_content.h"
#include "ui/report/report_writer.h"

namespace headroom::planning_views {

ReportPreviewDialog::ReportPreviewDialog(const Scenario& scenario, const RunResult& run, const QString& scenarioPath, QWidget* parent)
    : QDialog(parent), scenario_(scenario), run_(run), path_(scenarioPath) {
  setObjectName(QStringLiteral("reportPreview"));
  setWindowTitle(tr("Report Preview — page 1"));
  auto* layout = new QVBoxLayout(this);
  auto* info = new QLabel(this);
  info->setWordWrap(true);
  try {
    const report::ReportInput input = report::reportInputFor(scenario_, run_, path_);
    const report::ReportDocument doc = report::buildReport(input);
    image_ = report::renderFirstPage(input, doc, 1.5, &pages_);
    info->setText(tr("Page 1 of %1, as the PDF will print it. Export writes the whole report as PDF or HTML.").arg(pages_));
  } catch (const std::exception& e) {
    info->setText(tr("The report cannot be built: %1").arg(QString::fromUtf8(e.what())));
  }
  layout->addWidget(info);
  page_ = new QLabel(this);
  page_->setObjectName(QStringLiteral("reportPage"));
  page_->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
  page_->setStyleSheet(QStringLiteral("background: #808080; padding: 8px;"));
  scroll_ = new QScrollArea(this);
  scroll_->setWidget(page_);
  scroll_->setWidgetResizable(true);
  scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  layout->addWidget(scroll_, 1);
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
  QPushButton* exportButton = buttons->addButton(tr("Export…"), QDialogButtonBox::AcceptRole);
  connect(exportButton, &QPushButton::clicked, this, [this] {
    message_ = report::exportReportInteractively(this, scenario_, run_, path_);
    if (!message_.isEmpty()) accept();
  });
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  layout->addWidget(buttons);
  resize(960, 900);
}

void ReportPreviewDialog::resizeEvent(QResizeEvent* event) {
  QDialog::resizeEvent(event);
  fitPage();
}

void ReportPreviewDialog::fitPage() {
  // The whole width of the page is visible (scroll down for the rest), at most at the rendered resolution.
  if (image_.isNull()) return;
  const int width = std::min(image_.width(), scroll_->viewport()->width() - 24);
  if (width > 50) page_->setPixmap(QPixmap::fromImage(image_.scaledToWidth(width, Qt::SmoothTransformation)));
}

}  // namespace headroom::planning_views
