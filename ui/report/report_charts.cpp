#include "ui/report/report_charts.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace headroom::report {
namespace {

// Dark-to-light colours, each with its own dash pattern: lines stay apart when printed in grey.
using LineStyle = ChartLineStyle;
const LineStyle kStyles[] = {
    {QColor(0x1b, 0x3a, 0x6b), Qt::SolidLine}, {QColor(0xc0, 0x4a, 0x00), Qt::DashLine},
    {QColor(0x2a, 0x7f, 0x62), Qt::DotLine},   {QColor(0x6a, 0x3d, 0x9a), Qt::DashDotLine},
    {QColor(0x80, 0x80, 0x80), Qt::DashDotDotLine}, {QColor(0x00, 0x00, 0x00), Qt::DotLine},
};

struct TimeAxis {
  double divisor = 60.0;
  QString label = QStringLiteral("simulated time (min)");
};

TimeAxis timeAxis(const RunResult& run) {
  if (run.horizon_s > 6 * 3600.0) return {3600.0, QStringLiteral("simulated time (h)")};
  if (run.horizon_s < 600.0) return {1.0, QStringLiteral("simulated time (s)")};
  return {};
}

QVector<double> times(const RunResult& run, const TimeAxis& axis) {
  QVector<double> t;
  for (double s : run.window_start_s) t.push_back((s + run.window_s / 2) / axis.divisor);  // window centres
  return t;
}

// Adds the mean line of `series` (scaled) with a light 95% band behind it; returns the highest value drawn.
double addSeries(QCustomPlot& plot, const RunResult& run, const SeriesResult& s, double scale, const QString& name, int style,
                 const TimeAxis& axis) {
  const QVector<double> t = times(run, axis);
  const int n = std::min<int>(t.size(), static_cast<int>(s.mean.size()));
  QVector<double> x, mean, lo, hi;
  double top = 0.0;
  for (int i = 0; i < n; ++i) {
    const double m = s.mean[static_cast<std::size_t>(i)] * scale;
    const double h = i < static_cast<int>(s.half_width.size()) ? s.half_width[static_cast<std::size_t>(i)] * scale : NAN;
    x.push_back(t[i]);
    mean.push_back(m);
    lo.push_back(std::isfinite(h) ? m - h : m);
    hi.push_back(std::isfinite(h) ? m + h : m);
    if (std::isfinite(m)) top = std::max(top, std::isfinite(h) ? m + h : m);
  }
  const LineStyle& ls = kStyles[style % std::size(kStyles)];
  QColor band = ls.color;
  band.setAlpha(45);
  QCPGraph* lower = plot.addGraph();
  lower->setData(x, lo, true);
  lower->setPen(Qt::NoPen);
  lower->removeFromLegend();
  QCPGraph* upper = plot.addGraph();
  upper->setData(x, hi, true);
  upper->setPen(Qt::NoPen);
  upper->setBrush(band);
  upper->setChannelFillGraph(lower);
  upper->removeFromLegend();
  QCPGraph* line = plot.addGraph();
  line->setData(x, mean, true);
  QPen pen(ls.color, 1.6, ls.dash);
  line->setPen(pen);
  line->setName(name);
  return top;
}

}  // namespace

ChartLineStyle chartLineStyle(int index) { return kStyles[static_cast<std::size_t>(index) % std::size(kStyles)]; }

void addChartThreshold(QCustomPlot& plot, double y, const QString& name, Qt::PenStyle dash) {
  auto* line = new QCPItemStraightLine(&plot);
  line->point1->setCoords(0, y);
  line->point2->setCoords(1, y);
  line->setPen(QPen(QColor(0x30, 0x30, 0x30), 1.2, dash));
  auto* label = new QCPItemText(&plot);
  label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
  label->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
  label->position->setTypeY(QCPItemPosition::ptPlotCoords);
  label->position->setCoords(0.99, y);
  label->setText(name);
  label->setFont(QFont(QStringLiteral("DejaVu Sans"), 7));
}

namespace {

std::vector<const ComponentResult*> busiest(const RunResult& run, std::size_t count) {
  std::vector<const ComponentResult*> cs;
  for (const ComponentResult& c : run.components)
    if (std::isfinite(c.utilization.mean) && run.findSeries(c.name, "utilization")) cs.push_back(&c);
  std::stable_sort(cs.begin(), cs.end(), [](auto* a, auto* b) { return a->utilization.mean > b->utilization.mean; });
  if (cs.size() > count) cs.resize(count);
  return cs;
}

double fill(QCustomPlot& plot, ChartKind kind, const RunResult& run, const ReportOptions& options, const TimeAxis& axis) {
  double top = 0.0;
  int style = 0;
  switch (kind) {
    case ChartKind::Traffic:
      plot.yAxis->setLabel(QStringLiteral("req/s"));
      if (auto* s = run.findSeries("end_to_end", "arrival_rate_per_s")) top = std::max(top, addSeries(plot, run, *s, 1, "offered load", style++, axis));
      if (auto* s = run.findSeries("end_to_end", "throughput_per_s")) top = std::max(top, addSeries(plot, run, *s, 1, "goodput", style++, axis));
      break;
    case ChartKind::Latency: {
      plot.yAxis->setLabel(QStringLiteral("ms"));
      for (const char* q : {"p50", "p95", "p99"})
        if (auto* s = run.findSeries("end_to_end", std::string("response_") + q + "_s"))
          top = std::max(top, addSeries(plot, run, *s, 1e3, q, style++, axis));
      // The SLO line only when it is on the scale of the data; otherwise it would flatten every curve.
      if (options.slo_p99_ms <= 2.0 * std::max(top, 1e-9)) {
        addChartThreshold(plot, options.slo_p99_ms, QStringLiteral("p99 SLO %1 ms").arg(options.slo_p99_ms), Qt::DashLine);
        top = std::max(top, options.slo_p99_ms);
      } else {
        auto* note = new QCPItemText(&plot);
        note->position->setType(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(0.5, 0.02);
        note->setPositionAlignment(Qt::AlignHCenter | Qt::AlignTop);
        note->setText(QStringLiteral("p99 SLO %1 ms is far above this scale").arg(options.slo_p99_ms));
        note->setFont(QFont(QStringLiteral("DejaVu Sans"), 7));
      }
      break;
    }
    case ChartKind::Utilization:
      plot.yAxis->setLabel(QStringLiteral("%"));
      for (const ComponentResult* c : busiest(run, 5))
        top = std::max(top, addSeries(plot, run, *run.findSeries(c->name, "utilization"), 100, QString::fromStdString(c->name), style++, axis));
      addChartThreshold(plot, 90.0, QStringLiteral("saturation 90%"), Qt::DotLine);
      top = std::max(top, 100.0);
      break;
    default: break;
    case ChartKind::Replicas: {
      plot.yAxis->setLabel(QStringLiteral("replicas"));
      // Components whose replica count moves first: they are what the chart is for.
      std::vector<const SeriesResult*> rs;
      for (const SeriesResult& s : run.series)
        if (s.kpi == "replicas") rs.push_back(&s);
      auto moves = [](const SeriesResult* s) {
        const auto [lo, hi] = std::minmax_element(s->mean.begin(), s->mean.end());
        return lo != s->mean.end() && *hi - *lo > 1e-9;
      };
      std::stable_sort(rs.begin(), rs.end(), [&](auto* a, auto* b) { return moves(a) && !moves(b); });
      if (rs.size() > 6) rs.resize(6);
      for (const SeriesResult* s : rs) top = std::max(top, addSeries(plot, run, *s, 1, QString::fromStdString(s->entity), style++, axis));
      break;
    }
  }
  return top;
}

}  // namespace

void setUpReportPlot(QCustomPlot& plot, const QString& xLabel) {
  plot.setAttribute(Qt::WA_DontShowOnScreen);
  QFont font(QStringLiteral("DejaVu Sans"), 8);
  font.setStyleStrategy(QFont::PreferNoShaping);  // no ligatures: "offered" stays searchable in the PDF
  plot.xAxis->setLabel(xLabel);
  for (QCPAxis* a : {plot.xAxis, plot.yAxis}) {
    a->setLabelFont(font);
    a->setTickLabelFont(font);
    a->grid()->setPen(QPen(QColor(0xd0, 0xd0, 0xd0), 0.5, Qt::SolidLine));
  }
  plot.legend->setVisible(true);
  QFont legendFont(QStringLiteral("DejaVu Sans"), 7);
  legendFont.setStyleStrategy(QFont::PreferNoShaping);
  plot.legend->setFont(legendFont);
  plot.legend->setBrush(QColor(255, 255, 255, 220));
  plot.legend->setBorderPen(QPen(QColor(0x90, 0x90, 0x90), 0.5));
  // The legend in its own column right of the plot: it never hides a line.
  plot.axisRect()->insetLayout()->take(plot.legend);
  plot.axisRect()->insetLayout()->simplify();
  auto* side = new QCPLayoutGrid;
  plot.plotLayout()->addElement(0, 1, side);
  side->addElement(0, 0, plot.legend);
  side->addElement(1, 0, new QCPLayoutElement(&plot));  // pushes the legend to the top
  side->setRowStretchFactor(0, 0.01);
  plot.plotLayout()->setColumnStretchFactor(1, 0.001);
}

void paintReportPlot(QCustomPlot& plot, QCPPainter& painter, const QRectF& rect) {
  const int w = static_cast<int>(rect.width());
  const int h = static_cast<int>(rect.height());
  painter.save();
  painter.translate(rect.topLeft());
  painter.setMode(QCPPainter::pmVectorized);
  painter.setMode(QCPPainter::pmNoCaching);
  plot.toPainter(&painter, w, h);
  painter.restore();
}

void drawChart(QCPPainter& painter, const QRectF& rect, ChartKind kind, const RunResult& run, const ReportOptions& options) {
  QCustomPlot plot;
  const TimeAxis axis = timeAxis(run);
  setUpReportPlot(plot, axis.label);
  const double top = fill(plot, kind, run, options, axis);
  plot.xAxis->rescale();
  plot.yAxis->setRange(0.0, top > 0 ? top * 1.12 : 1.0);
  paintReportPlot(plot, painter, rect);
}

void drawBlockChart(QCPPainter& painter, const QRectF& rect, const ReportInput& in, const Block& b) {
  if (b.chart >= ChartKind::PlanTraffic) {
    if (in.plan) drawPlanChart(painter, rect, b.chart, in.plan->plan);
    return;
  }
  const RunVariant& v = b.variant == 1 && in.comparison ? *in.comparison : in.primary;
  drawChart(painter, rect, b.chart, v.run, in.options);
}

}  // namespace headroom::report
