#pragma once
// A QCustomPlot for imported series: wall-clock (UTC) time axis, the unit on the value axis, a legend below the plot,
// and, when enabled, a time window picked by dragging (shown shaded; a click without a drag clears it).
// Thread affinity: GUI thread.
#include <optional>
#include <utility>

#include <qcustomplot.h>

#include "model/time_series.h"

namespace headroom {

class SeriesChart : public QCustomPlot {
  Q_OBJECT
 public:
  explicit SeriesChart(QWidget* parent = nullptr);

  void clearAll();
  // Adds a line for the series on the left (or right) value axis; returns the graph.
  QCPGraph* addSeries(const TimeSeries& series, const QString& name, const QColor& color, bool rightAxis = false);
  // Sets the value-axis titles, e.g. "requests/s".
  void setAxisTitles(const QString& left, const QString& right = {});
  void fitAll();

  void setWindowPicking(bool on) { picking_ = on; }
  std::optional<std::pair<double, double>> pickedWindow() const { return window_; }  // Unix s
  void setPickedWindow(std::optional<std::pair<double, double>> window);

 signals:
  void windowPicked(double from_s, double to_s);
  void windowCleared();

 protected:
  void resizeEvent(QResizeEvent* event) override;  // fewer time ticks on a narrow chart: labels never overlap

 private:
  void updateTimeTicker();
  void onPress(QMouseEvent* event);
  void onMove(QMouseEvent* event);
  void onRelease(QMouseEvent* event);
  void showWindow();

  bool picking_ = false;
  std::optional<double> dragStart_;
  std::optional<std::pair<double, double>> window_;
  QCPItemRect* shade_ = nullptr;
};

// The unit as a reader wants it on an axis: "1/s" -> "requests/s", "s" -> "seconds", "" -> "(unit unknown)".
QString unitAxisTitle(const std::string& unit);
// name{k="v",...}
QString seriesTitle(const std::string& name, const std::map<std::string, std::string>& labels);

}  // namespace headroom
