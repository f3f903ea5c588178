#pragma once
// Shared look of the planning views' QCustomPlot charts: readable fonts, a light grid, stacked panels. Colours
// come from the desktop's one palette (ui/chart_colors.h).
#include <QColor>
#include <QString>

class QCustomPlot;
class QCPAxisRect;
class QCPLegend;

namespace headroom::planning_views {

// Clears `plot` and prepares it for `panels` axis rects stacked vertically with a shared x axis (returned in
// order, top first). Only the bottom panel shows x tick labels and `xLabel`.
QList<QCPAxisRect*> stackedPanels(QCustomPlot* plot, int panels, const QString& xLabel);
void styleAxisRect(QCPAxisRect* rect, const QString& yLabel);
// A small legend inside `rect` at `corner` listing every graph of the plot.
QCPLegend* addInsetLegend(QCPAxisRect* rect, Qt::Alignment corner);

}  // namespace headroom::planning_views
