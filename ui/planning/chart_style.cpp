#include "ui/planning/chart_style.h"

#include <qcustomplot.h>

namespace headroom::planning_views {

void styleAxisRect(QCPAxisRect* rect, const QString& yLabel) {
  QFont f = rect->parentPlot()->font();
  f.setPointSizeF(8.5);
  for (QCPAxis* a : rect->axes()) {
    a->setTickLabelFont(f);
    a->setLabelFont(f);
    a->grid()->setPen(QPen(QColor(225, 225, 225), 1, Qt::DotLine));
  }
  rect->axis(QCPAxis::atLeft)->setLabel(yLabel);
  rect->axis(QCPAxis::atLeft)->ticker()->setTickCount(4);
}

QCPLegend* addInsetLegend(QCPAxisRect* rect, Qt::Alignment corner) {
  QCustomPlot* plot = rect->parentPlot();
  auto* legend = new QCPLegend;
  rect->insetLayout()->addElement(legend, corner);
  legend->setLayer(QStringLiteral("legend"));
  QFont f = plot->font();
  f.setPointSizeF(8);
  legend->setFont(f);
  legend->setBrush(QColor(255, 255, 255, 220));
  for (int g = 0; g < plot->graphCount(); ++g) plot->graph(g)->addToLegend(legend);
  return legend;
}

QList<QCPAxisRect*> stackedPanels(QCustomPlot* plot, int panels, const QString& xLabel) {
  plot->clearItems();
  plot->clearPlottables();
  plot->plotLayout()->clear();
  QList<QCPAxisRect*> rects;
  auto* group = new QCPMarginGroup(plot);
  for (int i = 0; i < panels; ++i) {
    auto* rect = new QCPAxisRect(plot);
    plot->plotLayout()->addElement(i, 0, rect);
    rect->setMarginGroup(QCP::msLeft | QCP::msRight, group);
    styleAxisRect(rect, {});
    if (i + 1 < panels) rect->axis(QCPAxis::atBottom)->setTickLabels(false);
    if (!rects.isEmpty())
      QObject::connect(rects.front()->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
                       rect->axis(QCPAxis::atBottom), qOverload<const QCPRange&>(&QCPAxis::setRange));
    rects.push_back(rect);
  }
  if (!rects.isEmpty()) rects.back()->axis(QCPAxis::atBottom)->setLabel(xLabel);
  return rects;
}

}  // namespace headroom::planning_views
