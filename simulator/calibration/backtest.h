#pragma once
// Backtest: simulate the observed window with a calibrated scenario and compare simulated against observed
// throughput, utilization and latency percentiles, metric by metric, so a user knows how far to trust the
// model before projecting growth. Blocking like runSimulation(): call from a worker thread in a GUI.
//
// Time alignment: simulation t = 0 is Unix time `start_time_s`; an observed sample at Unix time t belongs
// to the simulated window containing t - start_time_s (windows are [k w, (k + 1) w)).
#include <limits>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/feedback.h"
#include "model/scenario.h"
#include "model/time_series.h"
#include "simulator/simulation.h"

namespace headroom {

struct ObservedComponent {
  std::string component;  // component name in the scenario
  TimeSeries throughput;  // "1/s" or "count"; may be empty
  TimeSeries utilization; // "ratio" or "percent"; may be empty
};

// One request class as monitoring saw it (per route / endpoint). Its rows are compared window by window with the
// engine's per-class windowed series (same windows on both sides, like the end-to-end rows).
struct ObservedClass {
  std::string request_class;
  TimeSeries throughput;    // "1/s" or "count"
  TimeSeries latency_mean;  // "s" or "ms"
  TimeSeries latency_p50;
  TimeSeries latency_p95;
  TimeSeries latency_p99;
};

// What monitoring saw. Empty series are simply not compared.
struct ObservedSeries {
  double start_time_s = std::numeric_limits<double>::quiet_NaN();  // Unix s at sim t = 0; NaN = earliest sample
  TimeSeries throughput;  // end to end, "1/s" or "count"
  TimeSeries latency_p50; // end to end, "s" or "ms"
  TimeSeries latency_p95;
  TimeSeries latency_p99;
  std::vector<ObservedComponent> components;
  std::vector<ObservedClass> classes;  // entity "class:<name>" in the report
};

struct BacktestOptions {
  RunOptions run;  // horizon_s unset = the observed span; window_s unset = the observed sampling step
  double good_relative_error = 0.10;  // |error| below: "good"
  double fair_relative_error = 0.25;  // below: "fair", above: "poor"
};

struct MetricComparison {
  std::string entity;  // component name or "end_to_end"
  std::string kpi;     // throughput_per_s, utilization, response_p50_s, response_p95_s, response_p99_s
  double observed_mean = std::numeric_limits<double>::quiet_NaN();
  double simulated_mean = std::numeric_limits<double>::quiet_NaN();
  double simulated_half_width = std::numeric_limits<double>::quiet_NaN();  // 95% CI of simulated_mean
  double relative_error = std::numeric_limits<double>::quiet_NaN();  // (simulated - observed) / observed
  bool observed_within_ci = false;
  int windows_compared = 0;
  double window_mape_percent = std::numeric_limits<double>::quiet_NaN();  // per-window |sim - obs| / obs
  double window_rmse = std::numeric_limits<double>::quiet_NaN();          // in the KPI's unit
  std::string rating;  // "good", "fair", "poor", or "no data"
  std::string note;
};

struct BacktestReport {
  std::string scenario_name;
  double start_time_s = 0.0;
  double horizon_s = 0.0;
  double window_s = 0.0;
  double warmup_s = 0.0;
  bool cancelled = false;
  std::vector<MetricComparison> metrics;
  std::vector<std::string> notes;

  // "pass" when every metric with data is within BacktestOptions::fair_relative_error, else "fail": one class off
  // fails the model even when the totals fit. `failing` names the rows that failed.
  std::string verdict;
  std::vector<std::string> failing;

  double worstAbsRelativeError() const;  // over metrics with data; NaN if none
  const MetricComparison* find(const std::string& entity, const std::string& kpi) const;
};

// Throws std::invalid_argument when the scenario does not validate, a named component is absent, or a
// unit does not fit the metric. `feedback` may be null; cancelling returns a report with cancelled = true.
BacktestReport backtest(const Scenario& calibrated, const ObservedSeries& observed,
                        const BacktestOptions& options = {}, Feedback* feedback = nullptr);

// Fixed-width text table, one metric per row.
std::string formatBacktestTable(const BacktestReport& report);
nlohmann::json backtestToJson(const BacktestReport& report);

}  // namespace headroom
