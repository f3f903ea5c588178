#pragma once
// The run charts (QCustomPlot): offered vs served load, latency p50/p95/p99 with 95% CI bands, utilization,
// queue length, errors/rejections. All charts share one time axis (drag/zoom one, the others follow), show
// the values under the mouse in a tooltip, and export to PNG, PDF and CSV.
//
// Two sources of data: live windows of the first replication while a run proceeds (appendLive, replotted by
// a 40 ms single-shot timer, never once per window), and the windowed series of a finished RunResult, with
// the previous run overlaid dashed for comparison. GUI thread only.
#include <array>
#include <optional>
#include <vector>

#include <QColor>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include "simulator/observer.h"
#include "simulator/run_result.h"
#include "ui/chart_colors.h"  // componentColor: callers of the chart panel colour their own lines alike

class QCustomPlot;
class QCPRange;
class QComboBox;
class QLabel;

namespace headroom {

inline constexpr const char* kEndToEnd = "end_to_end";

// The unit of the time axis for a run of `span_s` seconds: s up to 15 min, min up to 5 h, h up to 4 days,
// days up to 4 months, then months.
struct TimeAxisUnit {
  double seconds = 1.0;
  QString name = QStringLiteral("s");
};
TimeAxisUnit timeAxisUnitFor(double span_s);

class ChartPanel : public QWidget {
  Q_OBJECT

 public:
  enum Chart { Load, Latency, Utilization, QueueLength, Errors, Replicas, ChartCount };

  explicit ChartPanel(QWidget* parent = nullptr);

  QCustomPlot* plot(Chart chart) const { return plots_[chart]; }
  QString entity() const { return entity_; }  // kEndToEnd or a component name

  // A new run starts: forget live data, keep the last result as "previous" for the overlay.
  void beginLive(const QStringList& componentNames, double horizon_s = 0.0);
  const TimeAxisUnit& timeUnit() const { return timeUnit_; }
  bool latencyInSeconds() const { return latencyInSeconds_; }
  void appendLive(const LiveWindow& window);  // schedules a replot within 40 ms
  void setResults(const RunResult* current, const RunResult* previous);
  // What the dashed lines are and what they are called ("previous run", "result retry-storm.json"). A pinned
  // baseline stays through new runs (a run from another file or project); null unpins it.
  void pinBaseline(const RunResult* baseline, const QString& label);
  QString baselineLabel() const { return baselineLabel_; }
  void clearAll();
  // The components the "Show" list offers while no run is displayed (a run brings its own list).
  void setComponentNames(const QStringList& names);

  bool exportPng(const QString& path) const;
  bool exportPdf(const QString& path) const;
  bool exportCsv(const QString& path) const;

 public slots:
  void setEntity(const QString& entity);  // kEndToEnd or a component name; replots now
  void replotNow();

 signals:
  void entityChanged(const QString& entity);

 private:
  struct Line;
  void buildLive(std::array<std::vector<Line>, ChartCount>& charts) const;
  void buildResult(const RunResult& run, bool previous, std::array<std::vector<Line>, ChartCount>& charts) const;
  void draw(Chart chart, const std::vector<Line>& lines);
  void syncXRange(const QCPRange& range);
  void showTooltip(QCustomPlot* plot, const QPoint& pos);
  void applyPalette();
  void refreshEntityCombo();
  QString baselineName() const;

  std::array<QCustomPlot*, ChartCount> plots_{};
  QComboBox* entityCombo_ = nullptr;
  QLabel* sourceLabel_ = nullptr;
  QString entity_ = QString::fromLatin1(kEndToEnd);
  QStringList componentNames_;
  std::vector<LiveWindow> live_;
  std::optional<RunResult> current_;
  std::optional<RunResult> previous_;
  QString baselineLabel_;
  bool baselinePinned_ = false;
  QTimer replotTimer_;
  TimeAxisUnit timeUnit_;
  double liveHorizon_s_ = 0.0;
  bool latencyInSeconds_ = false;
  bool syncing_ = false;

 protected:
  void changeEvent(QEvent* event) override;
};

}  // namespace headroom
