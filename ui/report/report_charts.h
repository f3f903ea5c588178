#pragma once
// The report's charts: QCustomPlot drawn with toPainter() into any painter (a PDF page, an SVG generator),
// so they stay vectors. Styled for grey print: every line differs in dash pattern as well as colour.
#include <QRectF>

#include "ui/report/report_content.h"

class QCPPainter;

namespace headroom::report {

// Draws `kind` for `run` into `rect` of `painter` (device units). Needs a QApplication (QCustomPlot is a widget).
void drawChart(QCPPainter& painter, const QRectF& rect, ChartKind kind, const RunResult& run, const ReportOptions& options);

}  // namespace headroom::report
