#include "ui/chart_panel.h"

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

QColor seriesColor(int i) {
  static const QColor colors[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44),
                                  QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75),
                                  QColor(227, 119, 194), QColor(127, 127, 127), QColor(188, 189, 34),
                                  QColor(23, 190, 207)};
  return colors[static_cast<std::size_t>(i) % std::size(colors)];
}

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
  sourceLabel_ = new QLabel(this);
  header->addWidget(sourceLabel_);
  layout->addLayout(header);

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

void ChartPanel::beginLive(const QStringList& componentNames) {
  if (current_) previous_ = std::move(current_);
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

void ChartPanel::clearAll() {
  live_.clear();
  current_.reset();
  previous_.reset();
  replotNow();
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
  for (const LiveWindow& w : live_) x << (w.start_s + w.end_s) / 2;
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
    charts[Utilization].push_back(line(componentNames_[c], [i](const LiveWindow& w) { return i < w.utilization.size() ? w.utilization[i] * 100 : 0.0; }, seriesColor(c), width));
    charts[QueueLength].push_back(line(componentNames_[c], [i](const LiveWindow& w) { return i < w.queue_length.size() ? w.queue_length[i] : 0.0; }, seriesColor(c), width));
    charts[Replicas].push_back(line(componentNames_[c], [i](const LiveWindow& w) { return i < w.replicas.size() ? w.replicas[i] : std::numeric_limits<double>::quiet_NaN(); }, seriesColor(c), width));
  }
}

void ChartPanel::buildResult(const RunResult& run, bool previous,
                             std::array<std::vector<Line>, ChartCount>& charts) const {
  QVector<double> x;
  for (double start : run.window_start_s) x << start + run.window_s / 2;
  const std::string entity = entity_.toStdString();
  const QString suffix = previous ? tr(" (previous)") : QString();
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
    add(Utilization, name, "utilization", componentNames_[c], seriesColor(c), 100.0, c == selected, width);
    add(QueueLength, name, "queue_length", componentNames_[c], seriesColor(c), 1.0, c == selected, width);
    add(Replicas, name, "replicas", componentNames_[c], seriesColor(c), 1.0, c == selected, width);
  }
}

void ChartPanel::replotNow() {
  std::array<std::vector<Line>, ChartCount> charts;
  if (current_) {
    buildResult(*current_, false, charts);
    sourceLabel_->setText(previous_ ? tr("%1 replication(s), 95% CI bands; dashed: previous run").arg(current_->replications)
                                    : tr("%1 replication(s), 95% CI bands").arg(current_->replications));
  } else if (!live_.empty()) {
    buildLive(charts);
    sourceLabel_->setText(previous_ ? tr("live: replication 1; dashed: previous run") : tr("live: replication 1"));
  } else {
    sourceLabel_->setText(tr("no run yet"));
  }
  if (previous_) buildResult(*previous_, true, charts);
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
  plot->yAxis->setRange(0.0, yMax > 0 ? yMax * 1.08 : 1.0);
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
    rows << QStringLiteral("%1: %2").arg(graph->name()).arg(it->value, 0, 'g', 4);
  }
  if (rows.isEmpty()) return;
  rows.prepend(tr("t = %1 s").arg(shownX, 0, 'f', 1));
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
        out << '"' << kChartTitles[i] << "\",\"" << graph->name() << "\"," << it->key << ',' << it->value << '\n';
    }
  }
  out.flush();
  return file.error() == QFile::NoError;
}

}  // namespace headroom
