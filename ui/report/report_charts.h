#pragma once
// The report's charts: QCustomPlot drawn with toPainter() into any painter (a PDF page, an SVG generator),
// so they stay vectors. Styled for grey print: every line differs in dash pattern as well as colour.
#include <QColor>
#include <QRectF>
#include <QString>

#include <nlohmann/json.hpp>

#include "ui/report/report_content.h"

class QCPPainter;
class QCustomPlot;

namespace headroom::report {

// Draws `kind` for `run` into `rect` of `painter` (device units). Needs a QApplication (QCustomPlot is a widget).
void drawChart(QCPPainter& painter, const QRectF& rect, ChartKind kind, const RunResult& run, const ReportOptions& options);

// Draws a Plan* chart from a plan's JSON (ui/report/plan_charts.cpp).
void drawPlanChart(QCPPainter& painter, const QRectF& rect, ChartKind kind, const nlohmann::json& plan);

// The chart of a Chart block: the plan's for Plan* kinds, else the run of the block's variant. Both writers call it.
void drawBlockChart(QCPPainter& painter, const QRectF& rect, const ReportInput& input, const Block& block);

// Shared by run and plan charts: line styles, threshold lines, the common axes/legend set-up, vector painting.
struct ChartLineStyle {
  QColor color;
  Qt::PenStyle dash;
};
ChartLineStyle chartLineStyle(int index);
void addChartThreshold(QCustomPlot& plot, double y, const QString& name, Qt::PenStyle dash);
void setUpReportPlot(QCustomPlot& plot, const QString& xLabel);
void paintReportPlot(QCustomPlot& plot, QCPPainter& painter, const QRectF& rect);

}  // namespace headroom::report
