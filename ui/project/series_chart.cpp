#include "ui/project/series_chart.h"

#include <algorithm>
#include <cmath>

#include <QDateTime>

namespace headroom {

SeriesChart::SeriesChart(QWidget* parent) : QCustomPlot(parent) {
  setMinimumSize(260, 160);
  auto ticker = QSharedPointer<QCPAxisTickerDateTime>::create();
  ticker->setDateTimeSpec(Qt::UTC);
  ticker->setDateTimeFormat(QStringLiteral("MMM d\nHH:mm"));
  ticker->setTickCount(6);
  xAxis->setTicker(ticker);
  xAxis->setLabel(tr("time (UTC)"));
  legend->setVisible(true);
  legend->setFont(QFont(font().family(), std::max(7, font().pointSize() - 1)));
  axisRect()->insetLayout()->take(legend);
  plotLayout()->addElement(1, 0, legend);
  plotLayout()->setRowStretchFactor(1, 0.001);
  legend->setFillOrder(QCPLegend::foColumnsFirst);
  legend->setWrap(3);
  legend->setColumnSpacing(12);
  shade_ = new QCPItemRect(this);
  shade_->setPen(QPen(QColor(40, 110, 200, 160)));
  shade_->setBrush(QColor(40, 110, 200, 40));
  shade_->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
  shade_->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
  shade_->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
  shade_->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
  shade_->setVisible(false);
  connect(this, &QCustomPlot::mousePress, this, &SeriesChart::onPress);
  connect(this, &QCustomPlot::mouseMove, this, &SeriesChart::onMove);
  connect(this, &QCustomPlot::mouseRelease, this, &SeriesChart::onRelease);
}

void SeriesChart::clearAll() {
  clearGraphs();
  yAxis2->setVisible(false);
}

QCPGraph* SeriesChart::addSeries(const TimeSeries& s, const QString& name, const QColor& color, bool rightAxis) {
  QCPGraph* g = addGraph(xAxis, rightAxis ? yAxis2 : yAxis);
  if (rightAxis) yAxis2->setVisible(true);
  QVector<double> t, v;
  t.reserve(static_cast<int>(s.size()));
  v.reserve(static_cast<int>(s.size()));
  for (std::size_t i = 0; i < s.size(); ++i) {
    t.push_back(s.time_s[i]);
    v.push_back(s.value[i]);  // NaN leaves a gap
  }
  g->setData(t, v, true);
  g->setName(name);
  g->setPen(QPen(color, 1.5));
  return g;
}

void SeriesChart::setAxisTitles(const QString& left, const QString& right) {
  yAxis->setLabel(left);
  yAxis2->setLabel(right);
}

void SeriesChart::resizeEvent(QResizeEvent* event) {
  updateTimeTicker();
  QCustomPlot::resizeEvent(event);
}

void SeriesChart::updateTimeTicker() {
  auto ticker = xAxis->ticker().dynamicCast<QCPAxisTickerDateTime>();
  if (!ticker) return;
  ticker->setTickCount(std::clamp(width() / 130, 2, 8));
  legend->setWrap(std::clamp(width() / 260, 1, 3));  // legend columns that fit their text
  // Within one day the date goes into the axis title once instead of under every tick.
  const QCPRange r = xAxis->range();
  if (r.size() < 86400.0) {
    ticker->setDateTimeFormat(QStringLiteral("HH:mm"));
    xAxis->setLabel(tr("time (UTC), %1").arg(QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(r.lower * 1000), Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"))));
  } else {
    ticker->setDateTimeFormat(QStringLiteral("MMM d\nHH:mm"));
    xAxis->setLabel(tr("time (UTC)"));
  }
}

void SeriesChart::fitAll() {
  rescaleAxes(true);
  updateTimeTicker();
  for (QCPAxis* a : {yAxis, yAxis2}) {
    QCPRange r = a->range();
    if (r.lower > 0 && r.lower < 0.5 * r.upper) r.lower = 0;  // rates and shares read best from zero
    const double pad = std::max(1e-9, (r.upper - r.lower) * 0.06);
    a->setRange(r.lower, r.upper + pad);
  }
  showWindow();
}

void SeriesChart::setPickedWindow(std::optional<std::pair<double, double>> window) {
  window_ = window;
  showWindow();
}

void SeriesChart::showWindow() {
  shade_->setVisible(window_.has_value());
  if (window_) {
    shade_->topLeft->setCoords(window_->first, 0);
    shade_->bottomRight->setCoords(window_->second, 1);
  }
  replot(QCustomPlot::rpQueuedReplot);
}

void SeriesChart::onPress(QMouseEvent* event) {
  if (!picking_ || event->button() != Qt::LeftButton) return;
  dragStart_ = xAxis->pixelToCoord(event->pos().x());
}

void SeriesChart::onMove(QMouseEvent* event) {
  if (!dragStart_) return;
  const double x = xAxis->pixelToCoord(event->pos().x());
  window_ = std::make_pair(std::min(*dragStart_, x), std::max(*dragStart_, x));
  showWindow();
}

void SeriesChart::onRelease(QMouseEvent* event) {
  if (!dragStart_) return;
  const double x = xAxis->pixelToCoord(event->pos().x());
  const double a = std::min(*dragStart_, x), b = std::max(*dragStart_, x);
  dragStart_.reset();
  // A click (a few pixels) clears the window: the whole series is used again.
  if (std::abs(xAxis->coordToPixel(b) - xAxis->coordToPixel(a)) < 4) {
    window_.reset();
    showWindow();
    emit windowCleared();
    return;
  }
  window_ = std::make_pair(a, b);
  showWindow();
  emit windowPicked(a, b);
}

QString unitAxisTitle(const std::string& unit) {
  if (unit == "1/s") return QObject::tr("requests/s");
  if (unit == "s") return QObject::tr("seconds");
  if (unit == "ratio") return QObject::tr("ratio (0–1)");
  if (unit == "percent") return QObject::tr("percent");
  if (unit == "count") return QObject::tr("count");
  if (unit == "bytes") return QObject::tr("bytes");
  if (unit.empty()) return QObject::tr("(unit unknown)");
  return QString::fromStdString(unit);
}

QString seriesTitle(const std::string& name, const std::map<std::string, std::string>& labels) {
  QString t = QString::fromStdString(name);
  if (labels.empty()) return t;
  QStringList parts;
  for (const auto& [k, v] : labels)
    if (k != "source_metric" && k != "__name__") parts << QStringLiteral("%1=\"%2\"").arg(QString::fromStdString(k), QString::fromStdString(v));
  return parts.isEmpty() ? t : t + QLatin1Char('{') + parts.join(QLatin1Char(',')) + QLatin1Char('}');
}

}  // namespace headroom
