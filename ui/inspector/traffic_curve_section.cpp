#include "ui/inspector/traffic_curve_section.h"

#include <algorithm>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>

#include <qcustomplot.h>

#include "simulator/health/health.h"
#include "ui/readable_number.h"

namespace headroom {

namespace {

using CK = RateCurve::Kind;
constexpr double kDay_s = 86400.0;

}  // namespace

std::function<void(Scenario&, double)> TrafficCurveSection::onCurve(std::function<void(RateCurve&, double)> change) {
  return [this, change = std::move(change)](Scenario& s, double v) {
    if (Source* src = source(s)) change(src->rate, v);
  };
}

TrafficCurveSection::TrafficCurveSection(ScenarioDocument* document, QWidget* parent)
    : InspectorSection(document, tr("Traffic curve"), parent) {
  kind_ = addChoice(tr("Shape"), QStringLiteral("rate.kind"),
                    {{tr("constant"), int(CK::Constant)}, {tr("linear growth"), int(CK::Linear)},
                     {tr("compound growth"), int(CK::Compound)}, {tr("logistic (S-curve)"), int(CK::Logistic)},
                     {tr("steps (edit in the file)"), int(CK::Steps)}},
                    [this](Scenario& s, int v) {
                      Source* src = source(s);
                      if (!src) return;
                      RateCurve& c = src->rate;
                      const double now = c.rateAt(0.0);
                      c.kind = static_cast<CK>(v);
                      // A new shape starts from today's rate, so the preview does not jump to zero.
                      if (c.kind == CK::Compound && c.growth_period_s <= 0) c.growth_period_s = 30 * kDay_s;
                      if (c.kind == CK::Logistic && c.ceiling_per_s <= 0) {
                        c.floor_per_s = now;
                        c.ceiling_per_s = 2 * std::max(now, 1.0);
                        c.midpoint_s = s.simulation.horizon_s / 2;
                      }
                      if (c.kind == CK::Steps && c.steps.empty()) c.steps.push_back(RateStep{0.0, now});
                      if (c.rate_per_s <= 0) c.rate_per_s = std::max(now, 1.0);
                    },
                    tr("Change traffic shape"));
  kind_->setObjectName(QStringLiteral("curveKind"));
  rate_ = addNumber(tr("Rate (at start)"), QStringLiteral("rate.rate_per_s"), 0.0, 1e9, 3, tr(" req/s"),
                    onCurve([](RateCurve& c, double v) { c.rate_per_s = v; }), tr("Set rate"));
  rate_->setObjectName(QStringLiteral("sourceRate"));
  slope_ = addNumber(tr("Growth"), QStringLiteral("rate.slope_per_s_per_day"), -1e9, 1e9, 3, tr(" req/s per day"),
                     onCurve([](RateCurve& c, double v) { c.slope_per_s_per_day = v; }), tr("Set linear growth"));
  growth_ = addNumber(tr("Growth"), QStringLiteral("rate.growth_percent"), -99.99, 1e6, 2, tr(" %"),
                      onCurve([](RateCurve& c, double v) { c.growth_percent = v; }), tr("Set compound growth"));
  growth_->setObjectName(QStringLiteral("growthPercent"));
  period_ = addNumber(tr("  every"), QStringLiteral("rate.period_s"), 0.0, 1e5, 2, tr(" days"),
                      onCurve([](RateCurve& c, double v) { c.growth_period_s = v * kDay_s; }), tr("Set growth period"));
  floor_ = addNumber(tr("Floor"), QStringLiteral("rate.floor_per_s"), 0.0, 1e9, 3, tr(" req/s"),
                     onCurve([](RateCurve& c, double v) { c.floor_per_s = v; }), tr("Set floor"));
  ceiling_ = addNumber(tr("Ceiling"), QStringLiteral("rate.ceiling_per_s"), 0.0, 1e9, 3, tr(" req/s"),
                       onCurve([](RateCurve& c, double v) { c.ceiling_per_s = v; }), tr("Set ceiling"));
  midpoint_ = addNumber(tr("Midpoint"), QStringLiteral("rate.midpoint_s"), -1e5, 1e5, 3, tr(" days"),
                        onCurve([](RateCurve& c, double v) { c.midpoint_s = v * kDay_s; }), tr("Set midpoint"));
  steepness_ = addNumber(tr("Steepness"), QStringLiteral("rate.steepness_per_day"), 0.0, 1e4, 3, tr(" per day"),
                         onCurve([](RateCurve& c, double v) { c.steepness_per_day = v; }), tr("Set steepness"));
  steps_ = new QLabel(this);
  steps_->setWordWrap(true);
  addRow(tr("Steps"), steps_, QStringLiteral("rate.steps"));
  daily_ = addCheck(tr("Daily seasonality"), QStringLiteral("rate.daily"),
                    [this](Scenario& s, bool on) {
                      Source* src = source(s);
                      if (!src) return;
                      src->rate.daily.enabled = on;
                      if (on && src->rate.daily.amplitude <= 0 && src->rate.daily.hourly_factors.empty()) src->rate.daily.amplitude = 0.5;
                    },
                    tr("Toggle daily seasonality"));
  daily_->setObjectName(QStringLiteral("dailySeasonality"));
  amplitude_ = addNumber(tr("  amplitude"), QStringLiteral("rate.daily.amplitude"), 0.0, 0.999, 3, QString(),
                         onCurve([](RateCurve& c, double v) { c.daily.amplitude = v; }), tr("Set daily amplitude"));
  peakHour_ = addNumber(tr("  peak hour"), QStringLiteral("rate.daily.peak_hour"), 0.0, 23.99, 2, tr(" h"),
                        onCurve([](RateCurve& c, double v) { c.daily.peak_hour = v; }), tr("Set peak hour"));
  weekly_ = addCheck(tr("Weekly seasonality"), QStringLiteral("rate.weekly"),
                     [this](Scenario& s, bool on) {
                       Source* src = source(s);
                       if (!src) return;
                       src->rate.weekly.enabled = on;
                       // A starting point people recognise: weekdays as usual, the weekend at 60%.
                       if (on && src->rate.weekly.daily_factors.size() != 7) src->rate.weekly.daily_factors = {1, 1, 1, 1, 1, 0.6, 0.6};
                     },
                     tr("Toggle weekly seasonality"));
  weekly_->setObjectName(QStringLiteral("weeklySeasonality"));
  const QStringList days{tr("Monday"), tr("Tuesday"), tr("Wednesday"), tr("Thursday"), tr("Friday"), tr("Saturday"), tr("Sunday")};
  for (int d = 0; d < 7; ++d) {
    auto* factor = addNumber(QStringLiteral("  ") + days[d], QStringLiteral("rate.weekly.daily_factors[%1]").arg(d), 0.0, 100.0, 2,
                             QStringLiteral(" ×"),
                             onCurve([d](RateCurve& c, double v) {
                               if (c.weekly.daily_factors.size() != 7) c.weekly.daily_factors.resize(7, 1.0);
                               c.weekly.daily_factors[static_cast<std::size_t>(d)] = v;
                             }),
                             tr("Set %1 factor").arg(days[d]));
    factor->setObjectName(QStringLiteral("weekdayFactor%1").arg(d));
    dayFactors_.push_back(factor);
  }
  std::vector<std::pair<QString, int>> weekdays;
  for (int d = 0; d < 7; ++d) weekdays.emplace_back(days[d], d);
  startWeekday_ = addChoice(tr("  run starts on"), QStringLiteral("rate.start_weekday"), weekdays,
                            [this](Scenario& s, int v) { if (Source* src = source(s)) src->rate.start_weekday = v; },
                            tr("Set start weekday"));
  startWeekday_->setObjectName(QStringLiteral("startWeekday"));
  addPicker(tr("Spike"),
            [this](Scenario& s) {
              if (Source* src = source(s))
                src->rate.spikes.push_back(RateSpike{s.simulation.horizon_s / 2, std::max(1.0, s.simulation.horizon_s / 20), 3.0});
            },
            [this](Scenario& s, int index) {
              Source* src = source(s);
              if (src && index >= 0 && index < static_cast<int>(src->rate.spikes.size())) src->rate.spikes.erase(src->rate.spikes.begin() + index);
            },
            tr("spike"));
  auto onSpike = [this](std::function<void(RateSpike&, double)> change) {
    return [this, change = std::move(change)](Scenario& s, double v) {
      if (RateSpike* spike = selectedSpike(s)) change(*spike, v);
    };
  };
  spikeStart_ = addNumber(tr("  starts at"), QStringLiteral("rate.spikes"), 0.0, 1e10, 1, tr(" s"),
                          onSpike([](RateSpike& k, double v) { k.start_s = v; }), tr("Move spike"));
  spikeDuration_ = addNumber(tr("  lasts"), QStringLiteral("rate.spikes.duration_s"), 0.0, 1e10, 1, tr(" s"),
                             onSpike([](RateSpike& k, double v) { k.duration_s = v; }), tr("Set spike duration"));
  spikeFactor_ = addNumber(tr("  multiplies by"), QStringLiteral("rate.spikes.factor"), 0.0, 1e4, 2, QStringLiteral(" ×"),
                           onSpike([](RateSpike& k, double v) { k.factor = v; }), tr("Set spike factor"));
  spikeFactor_->setObjectName(QStringLiteral("spikeFactor"));
  preview_ = new QCustomPlot(this);
  preview_->setObjectName(QStringLiteral("trafficPreview"));
  preview_->setMinimumHeight(130);
  preview_->setMaximumHeight(160);
  preview_->yAxis->setLabel(tr("req/s"));
  addRow(QString(), preview_, QString());  // the whole width: a chart squeezed beside a label is unreadable
}

bool TrafficCurveSection::ownsWhere(const std::string& where) const { return where == "source '" + name() + "'"; }

RateSpike* TrafficCurveSection::selectedSpike(Scenario& s) const {
  Source* src = source(s);
  if (!src || selected() < 0 || selected() >= static_cast<int>(src->rate.spikes.size())) return nullptr;
  return &src->rate.spikes[static_cast<std::size_t>(selected())];
}

bool TrafficCurveSection::update(const Scenario& scenario) {
  const Source* src = source(scenario);
  if (!src || src->kind != Source::Kind::Open) return false;
  const RateCurve& c = src->rate;
  setChoice(kind_, static_cast<int>(c.kind));
  rate_->setValue(c.rate_per_s);
  slope_->setValue(c.slope_per_s_per_day);
  growth_->setValue(c.growth_percent);
  period_->setValue(c.growth_period_s / kDay_s);
  floor_->setValue(c.floor_per_s);
  ceiling_->setValue(c.ceiling_per_s);
  midpoint_->setValue(c.midpoint_s / kDay_s);
  steepness_->setValue(c.steepness_per_day);
  QStringList steps;
  for (const RateStep& st : c.steps) steps << tr("%1 req/s from %2").arg(readableNumber(st.rate_per_s, 4), QString::fromStdString(formatSimTime(st.at_s)));
  steps_->setText(steps.join(QStringLiteral(" · ")));
  setRowVisible(rate_, c.kind == CK::Constant || c.kind == CK::Linear || c.kind == CK::Compound);
  setRowVisible(slope_, c.kind == CK::Linear);
  setRowVisible(growth_, c.kind == CK::Compound);
  setRowVisible(period_, c.kind == CK::Compound);
  for (QWidget* w : std::initializer_list<QWidget*>{floor_, ceiling_, midpoint_, steepness_}) setRowVisible(w, c.kind == CK::Logistic);
  setRowVisible(steps_, c.kind == CK::Steps);
  daily_->setChecked(c.daily.enabled);
  const bool sinusoid = c.daily.enabled && c.daily.hourly_factors.empty();
  setRowVisible(amplitude_, sinusoid);
  setRowVisible(peakHour_, sinusoid);
  amplitude_->setValue(c.daily.amplitude);
  peakHour_->setValue(c.daily.peak_hour);
  weekly_->setChecked(c.weekly.enabled);
  for (std::size_t d = 0; d < dayFactors_.size(); ++d) {
    setRowVisible(dayFactors_[d], c.weekly.enabled);
    dayFactors_[d]->setValue(d < c.weekly.daily_factors.size() ? c.weekly.daily_factors[d] : 0.0);
  }
  setRowVisible(startWeekday_, c.weekly.enabled);
  setChoice(startWeekday_, c.start_weekday);
  QStringList spikes;
  for (const RateSpike& k : c.spikes) spikes << tr("×%1 at %2").arg(readableNumber(k.factor), QString::fromStdString(formatSimTime(k.start_s)));
  setPickerItems(spikes);
  const bool spike = selected() < static_cast<int>(c.spikes.size());
  for (QWidget* w : std::initializer_list<QWidget*>{spikeStart_, spikeDuration_, spikeFactor_}) setRowVisible(w, spike);
  if (spike) {
    const RateSpike& k = c.spikes[static_cast<std::size_t>(selected())];
    spikeStart_->setValue(k.start_s);
    spikeDuration_->setValue(k.duration_s);
    spikeFactor_->setValue(k.factor);
  }
  plot(c, scenario.simulation.horizon_s);
  return true;
}

void TrafficCurveSection::plot(const RateCurve& curve, double horizon) {
  // The curve over the horizon, in the time unit people use for that span.
  const double horizon_s = horizon > 0 ? horizon : 3600.0;
  const double unit = horizon_s <= 900 ? 1.0 : horizon_s <= 5 * 3600.0 ? 60.0 : horizon_s <= 4 * kDay_s ? 3600.0 : kDay_s;
  const QString unitName = unit == 1.0 ? tr("s") : unit == 60.0 ? tr("min") : unit == 3600.0 ? tr("h") : tr("days");
  QVector<double> x, y;
  constexpr int kPoints = 240;
  double top = 0.0;
  for (int i = 0; i <= kPoints; ++i) {
    const double t = horizon_s * i / kPoints;
    x << t / unit;
    y << curve.rateAt(t);
    top = std::max(top, y.back());
  }
  preview_->clearGraphs();
  preview_->addGraph()->setData(x, y, true);
  preview_->graph(0)->setPen(QPen(palette().color(QPalette::Highlight), 1.6));
  preview_->xAxis->setRange(0, horizon_s / unit);
  preview_->xAxis->setLabel(tr("time (%1)").arg(unitName));
  preview_->yAxis->setRange(0, top > 0 ? top * 1.1 : 1.0);
  preview_->setBackground(palette().brush(QPalette::Base));
  for (QCPAxis* axis : {preview_->xAxis, preview_->yAxis}) {
    axis->setTickLabelColor(palette().color(QPalette::Text));
    axis->setLabelColor(palette().color(QPalette::Text));
    axis->setBasePen(QPen(palette().color(QPalette::Text)));
    axis->ticker()->setTickCount(4);
  }
  preview_->replot();
}

}  // namespace headroom
