// The plan report's charts: drawn from the plan's JSON with QCustomPlot into any painter (vector output), in the
// same grey-print styles as the run charts. The x axis is days from the start of the scenario.
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

#include "ui/report/report_charts.h"

namespace headroom::report {
namespace {

using json = nlohmann::json;
constexpr double kDay = 86400.0, kMonth = 30.0 * kDay;

double num(const json& j, const char* key) {
  return j.is_object() && j.contains(key) && j[key].is_number() ? j[key].get<double>() : NAN;
}

QVector<double> pointDays(const json& plan) {
  const double interval = num(plan, "point_interval_s");
  QVector<double> x;
  for (const json& t : plan.value("timeline", json::array())) x.push_back((num(t, "start_s") + (std::isfinite(interval) ? interval / 2 : 0)) / kDay);
  return x;
}

// Per component index: the value of `key` at every timeline point.
QVector<double> componentSeries(const json& plan, std::size_t c, const char* key, double scale) {
  QVector<double> y;
  for (const json& t : plan.value("timeline", json::array())) {
    const json& cs = t.value("components", json::array());
    y.push_back(c < cs.size() ? num(cs[c], key) * scale : NAN);
  }
  return y;
}

double maxOf(const QVector<double>& v) {
  double m = 0;
  for (double x : v)
    if (std::isfinite(x)) m = std::max(m, x);
  return m;
}

QCPGraph* addLine(QCustomPlot& plot, const QVector<double>& x, const QVector<double>& y, const QString& name, int style) {
  const ChartLineStyle ls = chartLineStyle(style);
  QCPGraph* g = plot.addGraph();
  g->setData(x, y, true);
  g->setPen(QPen(ls.color, 1.4, ls.dash));
  g->setName(name);
  return g;
}

void addBand(QCustomPlot& plot, const QVector<double>& x, const QVector<double>& lo, const QVector<double>& hi, int style) {
  QColor band = chartLineStyle(style).color;
  band.setAlpha(45);
  QCPGraph* lower = plot.addGraph();
  lower->setData(x, lo, true);
  lower->setPen(Qt::NoPen);
  lower->removeFromLegend();
  QCPGraph* upper = plot.addGraph();
  upper->setData(x, hi, true);
  upper->setPen(QPen(band.darker(150), 0.6, Qt::DotLine));
  upper->setBrush(band);
  upper->setChannelFillGraph(lower);
  upper->setName(QStringLiteral("P10 – P90 band"));
}

// The busiest `count` components by their worst value of `key` over the horizon.
std::vector<std::size_t> busiest(const json& plan, const char* key, std::size_t count) {
  const std::size_t n = plan.value("components", json::array()).size();
  std::vector<std::pair<double, std::size_t>> order;
  for (std::size_t c = 0; c < n; ++c) order.push_back({maxOf(componentSeries(plan, c, key, 1.0)), c});
  std::stable_sort(order.begin(), order.end(), [](auto& a, auto& b) { return a.first > b.first; });
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < order.size() && i < count; ++i) out.push_back(order[i].second);
  return out;
}

QString componentName(const json& plan, std::size_t c) {
  const json& names = plan.value("components", json::array());
  return c < names.size() && names[c].is_string() ? QString::fromStdString(names[c].get<std::string>()) : QStringLiteral("?");
}

double fillPlan(QCustomPlot& plot, ChartKind kind, const json& plan) {
  const QVector<double> x = pointDays(plan);
  const json& timeline = plan.value("timeline", json::array());
  const json& slo = plan.value("slo", json::object());
  double top = 0;
  switch (kind) {
    case ChartKind::PlanTraffic: {
      plot.yAxis->setLabel(QStringLiteral("req/s"));
      QVector<double> y;
      for (const json& t : timeline) y.push_back(num(t.value("end_to_end", json::object()), "offered_per_s"));
      // The forecast band: the plan's traffic at the P10 and P90 growth instead of the P50 it was planned with.
      const json& g = plan.contains("band") ? plan["band"].value("growth_percent_per_month", json::object()) : json::object();
      const double g10 = num(g, "p10"), g50 = num(g, "p50"), g90 = num(g, "p90");
      if (std::isfinite(g10) && std::isfinite(g50) && std::isfinite(g90)) {
        QVector<double> lo, hi;
        for (int i = 0; i < y.size(); ++i) {
          const double months = x[i] * kDay / kMonth;
          lo.push_back(y[i] * std::pow((1 + g10 / 100) / (1 + g50 / 100), months));
          hi.push_back(y[i] * std::pow((1 + g90 / 100) / (1 + g50 / 100), months));
        }
        addBand(plot, x, lo, hi, 0);
        top = std::max(top, maxOf(hi));
      }
      addLine(plot, x, y, QStringLiteral("offered (P50)"), 0);
      top = std::max(top, maxOf(y));
      break;
    }
    case ChartKind::PlanUtilization: {
      plot.yAxis->setLabel(QStringLiteral("%"));
      int style = 0;
      for (std::size_t c : busiest(plan, "utilization_max", 5)) {
        const QVector<double> y = componentSeries(plan, c, "utilization_max", 100.0);
        addLine(plot, x, y, componentName(plan, c), style++);
        top = std::max(top, maxOf(y));
      }
      const double threshold = num(slo, "utilization_threshold");
      if (std::isfinite(threshold)) addChartThreshold(plot, threshold * 100, QStringLiteral("threshold %1%").arg(threshold * 100), Qt::DotLine);
      top = std::max(top, 100.0);
      break;
    }
    case ChartKind::PlanP99: {
      plot.yAxis->setLabel(QStringLiteral("ms"));
      QVector<double> y;
      for (const json& t : timeline) y.push_back(num(t.value("end_to_end", json::object()), "response_p99_max_s") * 1e3);
      const double target = num(slo, "p99_s") * 1e3;
      // A saturated point's p99 runs away (or is infinite): clip the scale at 4x the SLO (or the median point x 10).
      QVector<double> finite;
      for (double v : y)
        if (std::isfinite(v)) finite.push_back(v);
      std::sort(finite.begin(), finite.end());
      const double median = finite.isEmpty() ? 1.0 : finite[finite.size() / 2];
      const double cap = std::isfinite(target) ? std::max(4 * target, median * 2) : median * 10;
      for (double& v : y) v = std::isfinite(v) ? std::min(v, cap) : cap;  // an unbounded p99 is drawn at the top
      addLine(plot, x, y, QStringLiteral("p99"), 0);
      top = maxOf(y);
      if (std::isfinite(target)) {
        addChartThreshold(plot, target, QStringLiteral("p99 SLO %1 ms").arg(target), Qt::DashLine);
        top = std::max(top, target);
      }
      break;
    }
    case ChartKind::PlanReplicas: {
      plot.yAxis->setLabel(QStringLiteral("replicas"));
      const std::size_t n = plan.value("components", json::array()).size();
      std::vector<std::pair<bool, std::size_t>> order;
      for (std::size_t c = 0; c < n; ++c) {
        const QVector<double> y = componentSeries(plan, c, "replicas_max", 1.0);
        const auto [lo, hi] = std::minmax_element(y.begin(), y.end());
        order.push_back({lo != y.end() && *hi > *lo, c});
      }
      std::stable_sort(order.begin(), order.end(), [](auto& a, auto& b) { return a.first && !b.first; });
      int style = 0;
      for (std::size_t i = 0; i < order.size() && i < 6; ++i) {
        const QVector<double> y = componentSeries(plan, order[i].second, "replicas_max", 1.0);
        addLine(plot, x, y, componentName(plan, order[i].second), style++);
        top = std::max(top, maxOf(y));
      }
      break;
    }
    case ChartKind::PlanCost: {
      plot.yAxis->setLabel(QStringLiteral("USD per month"));
      plot.xAxis->setLabel(QStringLiteral("billing month (730 h; 1 = the first)"));
      // Whole months only: a cost point is one billing month, 1-based as `plan` prints it.
      auto ticker = QSharedPointer<QCPAxisTickerFixed>::create();
      ticker->setTickStep(1.0);
      ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
      plot.xAxis->setTicker(ticker);
      QVector<double> m, usd;
      for (const json& month : plan.value("cost_by_month", json::array())) {
        m.push_back(num(month, "month") + 1);
        usd.push_back(num(month, "usd_per_month"));
      }
      const json& bandMonths = plan.contains("band") ? plan["band"].value("cost_by_month", json::array()) : json::array();
      if (!bandMonths.empty()) {
        QVector<double> bm, lo, hi;
        for (const json& month : bandMonths) {
          const json& u = month.value("usd_per_month", json::object());
          bm.push_back(num(month, "month") + 1);
          lo.push_back(num(u, "p10"));
          hi.push_back(num(u, "p90"));
        }
        addBand(plot, bm, lo, hi, 1);
        top = std::max(top, maxOf(hi));
      }
      QCPGraph* g = addLine(plot, m, usd, QStringLiteral("monthly cost"), 1);
      g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssSquare, 5));
      top = std::max(top, maxOf(usd));
      break;
    }
    default: break;
  }
  return top;
}

}  // namespace

void drawPlanChart(QCPPainter& painter, const QRectF& rect, ChartKind kind, const json& plan) {
  QCustomPlot plot;
  setUpReportPlot(plot, QStringLiteral("days from the start of the scenario"));
  const double top = fillPlan(plot, kind, plan);
  plot.xAxis->rescale();
  // Half a month either side, so the first and last months' markers are not cut by the axes (and one month shows).
  if (kind == ChartKind::PlanCost) plot.xAxis->setRange(plot.xAxis->range().lower - 0.5, plot.xAxis->range().upper + 0.5);
  plot.yAxis->setRange(0.0, top > 0 ? top * 1.12 : 1.0);
  paintReportPlot(plot, painter, rect);
}

}  // namespace headroom::report
