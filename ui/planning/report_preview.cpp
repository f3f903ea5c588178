#include "ui/planning/report_preview.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

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
  auto* page = new QLabel(this);
  page->setObjectName(QStringLiteral("reportPage"));
  page->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
  page->setPixmap(QPixmap::fromImage(image_));
  page->setStyleSheet(QStringLiteral("background: #808080; padding: 8px;"));
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(page);
  scroll->setWidgetResizable(true);
  layout->addWidget(scroll, 1);
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

}  // namespace headroom::planning_views
