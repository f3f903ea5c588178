#pragma once
// An open source's traffic curve: its kind and parameters (rate, growth, floor and ceiling), daily and weekly
// seasonality (a factor per weekday and the weekday the run starts on), one-off spikes, and a small chart of the curve over the horizon that follows every edit.
#include "ui/inspector/inspector_section.h"

class QCustomPlot;

namespace headroom {

class TrafficCurveSection : public InspectorSection {
  Q_OBJECT

 public:
  TrafficCurveSection(ScenarioDocument* document, QWidget* parent);
  bool ownsWhere(const std::string& where) const override;
  QCustomPlot* preview() const { return preview_; }

 protected:
  bool update(const Scenario& scenario) override;

 private:
  std::function<void(Scenario&, double)> onCurve(std::function<void(RateCurve&, double)> change);
  RateSpike* selectedSpike(Scenario& s) const;
  void plot(const RateCurve& curve, double horizon_s);

  QComboBox* kind_ = nullptr;
  QDoubleSpinBox* rate_ = nullptr;
  QDoubleSpinBox* slope_ = nullptr;
  QDoubleSpinBox* growth_ = nullptr;
  QDoubleSpinBox* period_ = nullptr;
  QDoubleSpinBox* floor_ = nullptr;
  QDoubleSpinBox* ceiling_ = nullptr;
  QDoubleSpinBox* midpoint_ = nullptr;
  QDoubleSpinBox* steepness_ = nullptr;
  QLabel* steps_ = nullptr;
  QCheckBox* daily_ = nullptr;
  QDoubleSpinBox* amplitude_ = nullptr;
  QDoubleSpinBox* peakHour_ = nullptr;
  QCheckBox* weekly_ = nullptr;
  std::vector<QDoubleSpinBox*> dayFactors_;  // Monday first
  QComboBox* startWeekday_ = nullptr;
  QDoubleSpinBox* spikeStart_ = nullptr;
  QDoubleSpinBox* spikeDuration_ = nullptr;
  QDoubleSpinBox* spikeFactor_ = nullptr;
  QCustomPlot* preview_ = nullptr;
};

}  // namespace headroom
