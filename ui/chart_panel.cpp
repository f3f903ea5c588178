#include "ui/chart_panel.h"

#include "ui/chart_colors.h"

#include "ui/readable_number.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <QComboBox>
#include <QEvent>
#include <QFile>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPdfWriter>
#include <QScrollArea>
#include <QTextStream>
#include <QToolTip>
#include <QVBoxLayout>

#include <qcustomplot.h>

namespace headroom {

struct ChartPanel::Line {
  QString name;
  QVector<double> x, y, lo, hi;  // lo/hi empty = no band
  QColor color;
  Qt::PenStyle style = Qt::SolidLine;
  double width = 1.6;
};

namespace {

const char* kChartTitles[ChartPanel::ChartCount] = {"Load: offered vs served (req/s)", "Latency (ms)",
                                                    "Utilization (%)", "Queue length (requests)",
                                                    "Errors and rejections (per s)", "Replicas serving"};

// The end-to-end lines (offered, served, p50, p95, p99, errors) take the palette's first colours.
QColor seriesColor(int i) { return paletteColor(i); }

}  // namespace

TimeAxisUnit timeAxisUnitFor(double span_s) {
  if (span_s <= 900.0) return {1.0, QStringLiteral("s")};
  if (span_s <= 5.0 * 3600.0) return {60.0, QStringLiteral("min")};
  if (span_s <= 4.0 * 86400.0) return {3600.0, QStringLiteral("h")};
  if (span_s <= 120.0 * 86400.0) return {86400.0, QStringLiteral("days")};
  return {30.4375 * 86400.0, QStringLiteral("months")};
}

namespace {

double finiteOrZero(double v) { return std::isfinite(v) ? v : 0.0; }

}  // namespace

ChartPanel::ChartPanel(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(2, 2, 2, 2);
  auto* header = new QHBoxLayout;
  header->addWidget(new QLabel(tr("Show:"), this));
  entityCombo_ = new QComboBox(this);
  entityCombo_->setObjectName(QStringLiteral("chartEntity"));
  header->addWidget(entityCombo_, 1);
  layout->addLayout(header);
  // Its own line, wrapped: a baseline's name ("dashed: shop.hdrm run #3 (peak v2)") is never cut off.
  sourceLabel_ = new QLabel(this);
  sourceLabel_->setObjectName(QStringLiteral("chartCaption"));
  sourceLabel_->setWordWrap(true);
  layout->addWidget(sourceLabel_);

  auto* scroll = new QScrollArea(this);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  auto* container = new QWidget(scroll);
  auto* plotsLayout = new QVBoxLayout(container);
  plotsLayout->setContentsMargins(0, 0, 0, 0);
  plotsLayout->setSpacing(4);
  for (int i = 0; i < ChartCount; ++i) {
    auto* plot = new QCustomPlot(container);
    plot->setObjectName(QStringLiteral("chart%1").arg(i));
    plot->setMinimumHeight(170);
    plot->plotLayout()->insertRow(0);
    plot->plotLayout()->addElement(0, 0, new QCPTextElement(plot, tr(kChartTitles[i]), QFont(font().family(), font().pointSize(), QFont::Bold)));
    // Legend in its own row under the chart, filled left to right: inside the axis rect it hid the data.
    plot->legend->setVisible(true);
    plot->legend->setFont(QFont(font().family(), std::max(7, font().pointSize() - 1)));
    plot->axisRect()->insetLayout()->take(plot->legend);
    plot->plotLayout()->addElement(2, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(2, 0.001);
    plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    plot->legend->setWrap(6);
    plot->legend->setRowSpacing(0);
    plot->legend->setColumnSpacing(12);
    plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot->axisRect()->setRangeDrag(Qt::Horizontal);
    plot->axisRect()->setRangeZoom(Qt::Horizontal);
    plot->xAxis->setLabel(tr("simulated time (s)"));
    connect(plot->xAxis, qOverload<const QCPRange&>(&QCPAxis::rangeChanged), this,
            [this](const QCPRange& range) { syncXRange(range); });
    connect(plot, &QCustomPlot::mouseMove, this,
            [this, plot](QMouseEvent* event) { showTooltip(plot, event->pos()); });
    plots_[static_cast<std::size_t>(i)] = plot;
    plotsLayout->addWidget(plot);
  }
  scroll->setWidget(container);
  layout->addWidget(scroll, 1);
  applyPalette();
  refreshEntityCombo();
  connect(entityCombo_, &QComboBox::currentIndexChanged, this, [this](int index) {
    if (index >= 0) setEntity(entityCombo_->itemData(index).toString());
  });

  replotTimer_.setSingleShot(true);
  replotTimer_.setInterval(40);
  connect(&replotTimer_, &QTimer::timeout, this, &ChartPanel::replotNow);
  replotNow();  // lays out the empty charts (no legend yet)
}

void ChartPanel::changeEvent(QEvent* event) {
  if (event->type() == QEvent::PaletteChange) {
    applyPalette();
    replotNow();
  }
  QWidget::changeEvent(event);
}

void ChartPanel::applyPalette() {
  // QCustomPlot paints white by default; take every colour from the palette so dark themes work.
  const QPalette pal = palette();
  const QColor text = pal.color(QPalette::Text);
  QColor grid = pal.color(QPalette::Mid);
  grid.setAlpha(110);
  for (QCustomPlot* plot : plots_) {
    plot->setBackground(pal.brush(QPalette::Base));
    for (QCPAxis* axis : {plot->xAxis, plot->yAxis}) {
      axis->setBasePen(QPen(text));
      axis->setTickPen(QPen(text));
      axis->setSubTickPen(QPen(text));
      axis->setTickLabelColor(text);
      axis->setLabelColor(text);
      axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
    }
    plot->legend->setBrush(pal.brush(QPalette::Base));
    plot->legend->setTextColor(text);
    plot->legend->setBorderPen(QPen(grid));
    if (auto* title = qobject_cast<QCPTextElement*>(plot->plotLayout()->element(0, 0))) title->setTextColor(text);
  }
}

void ChartPanel::refreshEntityCombo() {
  const QSignalBlocker block(entityCombo_);
  entityCombo_->clear();
  entityCombo_->addItem(tr("End to end"), QString::fromLatin1(kEndToEnd));
  for (const QString& name : componentNames_) entityCombo_->addItem(tr("Component %1").arg(name), name);
  const int index = entityCombo_->findData(entity_);
  if (index < 0) entity_ = QString::fromLatin1(kEndToEnd);
  entityCombo_->setCurrentIndex(std::max(0, index));
}

void ChartPanel::setEntity(const QString& entity) {
  const QString e = entity.isEmpty() || !(entity == QLatin1String(kEndToEnd) || componentNames_.contains(entity))
                        ? QString::fromLatin1(kEndToEnd)
                        : entity;
  if (e == entity_) return;
  entity_ = e;
  refreshEntityCombo();
  replotNow();
  emit entityChanged(entity_);
}

void ChartPanel::beginLive(const QStringList& componentNames, double horizon_s) {
  liveHorizon_s_ = horizon_s;
  if (current_ && !baselinePinned_) previous_ = std::move(current_);
  current_.reset();
  live_.clear();
  componentNames_ = componentNames;
  refreshEntityCombo();
  replotNow();
}

void ChartPanel::appendLive(const LiveWindow& window) {
  live_.push_back(window);
  if (!replotTimer_.isActive()) replotTimer_.start();
}

void ChartPanel::setResults(const RunResult* current, const RunResult* previous) {
  current_.reset();
  previous_.reset();
  if (current) {
    current_ = *current;
    componentNames_.clear();
    for (const ComponentResult& c : current->components) componentNames_ << QString::fromStdString(c.name);
  }
  if (previous) previous_ = *previous;
  refreshEntityCombo();
  replotNow();
}

void ChartPanel::pinBaseline(const RunResult* baseline, const QString& label) {
  baselinePinned_ = baseline != nullptr;
  baselineLabel_ = baseline ? label : QString();
  if (baseline) previous_ = *baseline;
  else previous_.reset();
  replotNow();
}

void ChartPanel::clearAll() {
  live_.clear();
  current_.reset();
  previous_.reset();
  baselinePinned_ = false;
  baselineLabel_.clear();
  liveHorizon_s_ = 0.0;
  entity_ = QString::fromLatin1(kEndToEnd);
  replotNow();
  // A new document starts with the full time range, not the previous document's zoom.
  for (QCustomPlot* plot : plots_) plot->xAxis->setRange(0.0, 1.0);
}

void ChartPanel::setComponentNames(const QStringList& names) {
  if (current_ || !live_.empty() || names == componentNames_) return;
  componentNames_ = names;
  refreshEntityCombo();
}

void ChartPanel::buildLive(std::array<std::vector<Line>, ChartCount>& charts) const {
  const bool e2e = entity_ == QLatin1String(kEndToEnd);
  const int selected = static_cast<int>(componentNames_.indexOf(entity_));
  QVector<double> x;
  for (const LiveWindow& w : live_) x << (w.start_s + w.end_s) / 2 / timeUnit_.seconds;
  auto line = [&](const QString& name, auto value, QColor color, double width = 1.6) {
    Line l{name, x, {}, {}, {}, color, Qt::SolidLine, width};
    for (const LiveWindow& w : live_) l.y << value(w);
    return l;
  };
  if (e2e) {
    charts[Load].push_back(line(tr("offered"), [](const LiveWindow& w) { return w.e2e_arrival_rate_per_s; }, seriesColor(0)));
    charts[Load].push_back(line(tr("served"), [](const LiveWindow& w) { return w.e2e_throughput_per_s; }, seriesColor(2)));
    charts[Latency].push_back(line(tr("p50"), [](const LiveWindow& w) { return w.e2e_p50_s * 1e3; }, seriesColor(0)));
    charts[Latency].push_back(line(tr("p95"), [](const LiveWindow& w) { return w.e2e_p95_s * 1e3; }, seriesColor(1)));
    charts[Latency].push_back(line(tr("p99"), [](const LiveWindow& w) { return w.e2e_p99_s * 1e3; }, seriesColor(3)));
    charts[Errors].push_back(line(tr("errors"), [](const LiveWindow& w) { return w.e2e_errors_per_s; }, seriesColor(3)));
  } else if (selected >= 0) {
    const auto i = static_cast<std::size_t>(selected);
    charts[Load].push_back(line(tr("served"), [i](const LiveWindow& w) { return i < w.throughput_per_s.size() ? w.throughput_per_s[i] : 0.0; }, seriesColor(2)));
    charts[Latency].push_back(line(tr("p99"), [i](const LiveWindow& w) { return i < w.response_p99_s.size() ? w.response_p99_s[i] * 1e3 : 0.0; }, seriesColor(3)));
  }
  for (int c = 0; c < componentNames_.size(); ++c) {
    const auto i = static_cast<std::size_t>(c);
    const double width = c == selected ? 3.0 : 1.4;
    charts[Utilization].push_back(line(componentNames_[c], [i](const LiveWindow& w) { return i < w.utilization.size() ? w.utilization[i] * 100 : 0.0; }, componentColor(c), width));
    charts[QueueLength].push_back(line(componentNames_[c], [i](const LiveWindow& w) { return i < w.queue_length.size() ? w.queue_length[i] : 0.0; }, componentColor(c), width));
    charts[Replicas].push_back(line(componentNames_[c], [i](const LiveWindow& w) { return i < w.replicas.size() ? w.replicas[i] : std::numeric_limits<double>::quiet_NaN(); }, componentColor(c), width));
  }
}

void ChartPanel::buildResult(const RunResult& run, bool previous,
                             std::array<std::vector<Line>, ChartCount>& charts) const {
  QVector<double> x;
  for (double start : run.window_start_s) x << (start + run.window_s / 2) / timeUnit_.seconds;
  const std::string entity = entity_.toStdString();
  const QString suffix = previous ? QStringLiteral(" (%1)").arg(baselineName()) : QString();
  auto add = [&](Chart chart, const std::string& ent, const char* kpi, const QString& name, QColor color,
                 double scale, bool band, double width = 1.6) {
    const SeriesResult* s = run.findSeries(ent, kpi);
    if (!s) return;
    Line l{name + suffix, {}, {}, {}, {}, color, previous ? Qt::DashLine : Qt::SolidLine, previous ? 1.2 : width};
    const std::size_t n = std::min(s->mean.size(), static_cast<std::size_t>(x.size()));
    for (std::size_t i = 0; i < n; ++i) {
      const double m = s->mean[i];
      if (!std::isfinite(m)) continue;  // e.g. a percentile in a window without completions
      l.x << x[static_cast<qsizetype>(i)];
      l.y << m * scale;
      if (band && !previous) {
        const double h = i < s->half_width.size() ? finiteOrZero(s->half_width[i]) : 0.0;
        l.lo << (m - h) * scale;
        l.hi << (m + h) * scale;
      }
    }
    if (l.x.isEmpty()) return;  // e.g. replicas of a delay component: nothing to draw
    if (previous) l.color.setAlpha(150);
    charts[chart].push_back(std::move(l));
  };
  add(Load, entity, "arrival_rate_per_s", tr("offered"), seriesColor(0), 1.0, false);
  add(Load, entity, "throughput_per_s", tr("served"), seriesColor(2), 1.0, true);
  add(Latency, entity, "response_p50_s", tr("p50"), seriesColor(0), 1e3, true);
  add(Latency, entity, "response_p95_s", tr("p95"), seriesColor(1), 1e3, true);
  add(Latency, entity, "response_p99_s", tr("p99"), seriesColor(3), 1e3, true);
  add(Errors, entity, "errors_per_s", entity_ == QLatin1String(kEndToEnd) ? tr("errors") : tr("rejections+timeouts"),
      seriesColor(3), 1.0, true);
  const int selected = static_cast<int>(componentNames_.indexOf(entity_));
  for (int c = 0; c < componentNames_.size(); ++c) {
    const std::string name = componentNames_[c].toStdString();
    const double width = c == selected ? 3.0 : 1.4;
    add(Utilization, name, "utilization", componentNames_[c], componentColor(c), 100.0, c == selected, width);
    add(QueueLength, name, "queue_length", componentNames_[c], componentColor(c), 1.0, c == selected, width);
    add(Replicas, name, "replicas", componentNames_[c], componentColor(c), 1.0, c == selected, width);
  }
}

QString ChartPanel::baselineName() const { return baselineLabel_.isEmpty() ? tr("previous run") : baselineLabel_; }

void ChartPanel::replotNow() {
  // The time axis unit follows the horizon of what is shown (a 6-month run reads in months, not 1.5e7 s).
  double span_s = 0.0;
  if (current_) span_s = current_->horizon_s;
  else if (!live_.empty()) span_s = std::max(live_.back().end_s, liveHorizon_s_);
  if (previous_) span_s = std::max(span_s, previous_->horizon_s);
  timeUnit_ = timeAxisUnitFor(span_s);
  for (QCustomPlot* plot : plots_) plot->xAxis->setLabel(tr("simulated time (%1)").arg(timeUnit_.name));

  std::array<std::vector<Line>, ChartCount> charts;
  if (current_) {
    buildResult(*current_, false, charts);
    sourceLabel_->setText(previous_ ? tr("%1 replication(s), 95% CI bands; dashed: %2").arg(current_->replications).arg(baselineName())
                                    : tr("%1 replication(s), 95% CI bands").arg(current_->replications));
  } else if (!live_.empty()) {
    buildLive(charts);
    sourceLabel_->setText(previous_ ? tr("live: replication 1; dashed: %1").arg(baselineName()) : tr("live: replication 1"));
  } else {
    sourceLabel_->setText(previous_ ? tr("dashed: %1 (run to compare)").arg(baselineName()) : tr("no run yet"));
  }
  if (previous_) buildResult(*previous_, true, charts);
  // Latency in seconds once it passes 2 s: 100,000 ms is hard to read.
  double latencyMax_ms = 0.0;
  for (const Line& l : charts[Latency])
    for (double v : l.y) latencyMax_ms = std::max(latencyMax_ms, finiteOrZero(v));
  latencyInSeconds_ = latencyMax_ms > 2000.0;
  if (latencyInSeconds_)
    for (Line& l : charts[Latency]) {
      for (double& v : l.y) v /= 1e3;
      for (double& v : l.lo) v /= 1e3;
      for (double& v : l.hi) v /= 1e3;
    }
  if (auto* title = qobject_cast<QCPTextElement*>(plots_[Latency]->plotLayout()->element(0, 0)))
    title->setText(latencyInSeconds_ ? tr("Latency (s)") : tr("Latency (ms)"));
  for (int c = 0; c < ChartCount; ++c) draw(static_cast<Chart>(c), charts[static_cast<std::size_t>(c)]);

  // One time range for all charts: the span of all data.
  double lo = 0.0, hi = 0.0;
  bool any = false;
  for (QCustomPlot* plot : plots_) {
    bool found = false;
    for (int g = 0; g < plot->graphCount(); ++g) {
      const QCPRange keys = plot->graph(g)->getKeyRange(found);
      if (!found) continue;
      lo = any ? std::min(lo, keys.lower) : keys.lower;
      hi = any ? std::max(hi, keys.upper) : keys.upper;
      any = true;
    }
  }
  if (any && hi > lo) {
    syncXRange(QCPRange(lo, hi));
  }
  for (QCustomPlot* plot : plots_) plot->replot(QCustomPlot::rpQueuedReplot);
}

void ChartPanel::draw(Chart chart, const std::vector<Line>& lines) {
  QCustomPlot* plot = plots_[chart];
  plot->clearGraphs();
  double yMax = 0.0;
  for (const Line& line : lines) {
    if (!line.lo.isEmpty()) {
      QCPGraph* lower = plot->addGraph();
      QCPGraph* upper = plot->addGraph();
      lower->setData(line.x, line.lo, true);
      upper->setData(line.x, line.hi, true);
      lower->setPen(Qt::NoPen);
      upper->setPen(Qt::NoPen);
      QColor fill = line.color;
      fill.setAlpha(45);
      upper->setBrush(fill);
      upper->setChannelFillGraph(lower);
      lower->removeFromLegend();
      upper->removeFromLegend();
      lower->setProperty("band", true);
      upper->setProperty("band", true);
      for (double v : line.hi) yMax = std::max(yMax, finiteOrZero(v));
    }
    QCPGraph* graph = plot->addGraph();
    graph->setName(line.name);
    if (line.style != Qt::SolidLine) graph->removeFromLegend();  // the previous run: the caption says "dashed"
    graph->setData(line.x, line.y, true);
    graph->setPen(QPen(line.color, line.width, line.style));
    for (double v : line.y) yMax = std::max(yMax, finiteOrZero(v));
  }
  // An empty legend still sits in the layout and its zero maximum width would squeeze the axis rect to
  // the title's width: take it out while there is nothing to list.
  const bool legendInLayout = plot->plotLayout()->hasElement(2, 0);
  if (lines.empty() && legendInLayout) {
    plot->plotLayout()->take(plot->legend);
    plot->plotLayout()->simplify();
  } else if (!lines.empty() && !legendInLayout) {
    plot->plotLayout()->addElement(2, 0, plot->legend);
    plot->plotLayout()->setRowStretchFactor(2, 0.001);
  }
  plot->legend->setVisible(!lines.empty());
  // As many legend columns as the widest name allows: names are never cut.
  if (!lines.empty()) {
    const QFontMetrics metrics(plot->legend->font());
    int widest = 0;
    for (const Line& line : lines) widest = std::max(widest, metrics.horizontalAdvance(line.name));
    const int item = widest + plot->legend->iconSize().width() + plot->legend->iconTextPadding() + plot->legend->columnSpacing() + 12;
    plot->legend->setWrap(std::max(1, (std::max(plot->width(), 200) - 20) / std::max(1, item)));
  }
  const bool counts = chart == Replicas || chart == QueueLength;
  double top = yMax > 0 ? yMax * 1.08 : 1.0;
  if (counts) top = std::max(1.0, std::ceil(top));
  plot->yAxis->setRange(0.0, top);
  // Counts get whole-number ticks (no 2.5 replicas); every axis gets few enough ticks for its height.
  const int tickCount = std::clamp(plot->axisRect()->height() / 28, 2, 6);
  if (counts) {
    auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    ticker->setTickCount(tickCount);
    plot->yAxis->setTicker(ticker);
    plot->yAxis->setNumberFormat(QStringLiteral("f"));
    plot->yAxis->setNumberPrecision(0);
  } else {
    plot->yAxis->ticker()->setTickCount(tickCount);
    plot->yAxis->setNumberFormat(QStringLiteral("gb"));
    plot->yAxis->setNumberPrecision(4);
  }
}

void ChartPanel::syncXRange(const QCPRange& range) {
  if (syncing_) return;
  syncing_ = true;
  for (QCustomPlot* plot : plots_) {
    if (plot->xAxis->range() == range) continue;
    plot->xAxis->setRange(range);
    plot->replot(QCustomPlot::rpQueuedReplot);
  }
  syncing_ = false;
}

void ChartPanel::showTooltip(QCustomPlot* plot, const QPoint& pos) {
  if (!plot->axisRect()->rect().contains(pos) || plot->graphCount() == 0) {
    QToolTip::hideText();
    return;
  }
  const double x = plot->xAxis->pixelToCoord(pos.x());
  QStringList rows;
  double shownX = x;
  for (int g = 0; g < plot->graphCount(); ++g) {
    QCPGraph* graph = plot->graph(g);
    if (graph->property("band").toBool() || graph->dataCount() == 0) continue;
    auto it = graph->data()->findBegin(x, false);
    if (it == graph->data()->constEnd()) --it;
    if (it != graph->data()->constBegin()) {
      auto before = it - 1;
      if (std::abs(before->key - x) < std::abs(it->key - x)) it = before;
    }
    shownX = it->key;
    rows << QStringLiteral("%1: %2").arg(graph->name(), readableNumber(it->value, 4));
  }
  if (rows.isEmpty()) return;
  rows.prepend(tr("t = %1 %2").arg(shownX, 0, 'f', 1).arg(timeUnit_.name));
  QToolTip::showText(plot->mapToGlobal(pos), rows.join(QLatin1Char('\n')), plot);
}

bool ChartPanel::exportPng(const QString& path) const {
  const int width = std::max(600, plots_[0]->width());
  const int height = 260;
  QImage image(width, height * ChartCount, QImage::Format_ARGB32);
  image.fill(palette().color(QPalette::Base));
  QPainter painter(&image);
  for (int i = 0; i < ChartCount; ++i)
    painter.drawPixmap(0, i * height, plots_[static_cast<std::size_t>(i)]->toPixmap(width, height));
  painter.end();
  return image.save(path, "PNG");
}

bool ChartPanel::exportPdf(const QString& path) const {
  QPdfWriter writer(path);
  writer.setPageSize(QPageSize(QPageSize::A4));
  writer.setPageOrientation(QPageLayout::Landscape);
  writer.setResolution(96);
  writer.setCreator(QStringLiteral("Headroom"));
  QCPPainter painter;
  if (!painter.begin(&writer)) return false;
  const QRect page = writer.pageLayout().paintRectPixels(96);
  const int perPage = 2;
  const int height = page.height() / perPage;
  for (int i = 0; i < ChartCount; ++i) {
    if (i > 0 && i % perPage == 0) writer.newPage();
    painter.save();
    painter.translate(0, (i % perPage) * height);
    plots_[static_cast<std::size_t>(i)]->toPainter(&painter, page.width(), height);
    painter.restore();
  }
  return painter.end();
}

bool ChartPanel::exportCsv(const QString& path) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) return false;
  QTextStream out(&file);
  out << "chart,series,time_s,value\n";
  for (int i = 0; i < ChartCount; ++i) {
    QCustomPlot* plot = plots_[static_cast<std::size_t>(i)];
    for (int g = 0; g < plot->graphCount(); ++g) {
      QCPGraph* graph = plot->graph(g);
      if (graph->property("band").toBool()) continue;
      for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it)
        out << '"' << kChartTitles[i] << "\",\"" << graph->name() << "\"," << it->key * timeUnit_.seconds << ','
            << it->value * (i == Latency && latencyInSeconds_ ? 1e3 : 1.0) << '\n';
    }
  }
  out.flush();
  return file.error() == QFile::NoError;
}

}  // namespace headroom
