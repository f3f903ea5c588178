#include "simulator/calibration/backtest.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <stdexcept>

#include "simulator/calibration/series_points.h"

namespace headroom {

namespace {

using calibration::Point;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct MetricInput {
  std::string entity;
  std::string kpi;
  std::vector<Point> points;
  double step_s = 0.0;
};

// Run-level estimate for a metric, used when the run has no windowed series to pair with.
Estimate runLevel(const RunResult& r, const std::string& entity, const std::string& kpi) {
  if (entity == "end_to_end" || entity.rfind("class:", 0) == 0) {
    const EndToEndResult* e = entity == "end_to_end" ? r.endToEnd() : r.endToEnd(entity.substr(6));
    if (!e) return {};
    if (kpi == "throughput_per_s") return e->throughput_per_s;
    if (kpi == "response_mean_s") return e->response.mean_s;
    if (kpi == "response_p50_s") return e->response.quantile_s[0];
    if (kpi == "response_p95_s") return e->response.quantile_s[2];
    if (kpi == "response_p99_s") return e->response.quantile_s[3];
    return {};
  }
  const ComponentResult* c = r.component(entity);
  if (!c) return {};
  if (kpi == "throughput_per_s") return c->throughput_per_s;
  if (kpi == "utilization") return c->utilization;
  return {};
}

std::string fmtNum(double x, const char* f = "%.4g") {
  if (!std::isfinite(x)) return "-";
  char buf[40];
  std::snprintf(buf, sizeof buf, f, x);
  return buf;
}

MetricComparison compare(const MetricInput& in, const RunResult& run, double start_s, const BacktestOptions& opt) {
  MetricComparison m;
  m.entity = in.entity;
  m.kpi = in.kpi;
  const double warmup = run.warmup_s, horizon = run.horizon_s, w = run.window_s;
  double sum = 0.0;
  int count = 0;
  const SeriesResult* series = run.findSeries(in.entity, in.kpi);
  const std::size_t windows = series ? series->mean.size() : 0;
  std::vector<double> obsSum(windows, 0.0);
  std::vector<int> obsCount(windows, 0);
  for (const Point& p : in.points) {
    const double t = p.t_s - start_s;
    if (t < warmup || t >= horizon) continue;
    sum += p.v;
    ++count;
    if (w > 0) {
      const auto k = static_cast<std::size_t>(std::floor(t / w));
      if (k < windows) {
        obsSum[k] += p.v;
        ++obsCount[k];
      }
    }
  }
  if (count == 0) {
    m.rating = "no data";
    m.note = "no observed sample inside the simulated window after warm-up";
    return m;
  }
  m.observed_mean = sum / count;

  // Like for like: the mean of per-window values over windows where both sides have data (monitoring
  // reports percentiles per interval, and an average of interval p99s is not the p99 of the whole run).
  double simSum = 0.0, obsWinSum = 0.0, hwSq = 0.0, sq = 0.0, ape = 0.0;
  int apeCount = 0;
  bool hwFinite = true;
  for (std::size_t k = 0; k < windows; ++k) {
    if (obsCount[k] == 0 || static_cast<double>(k) * w < warmup - 1e-9) continue;
    const double sim = series->mean[k];
    if (!std::isfinite(sim)) continue;
    const double obs = obsSum[k] / obsCount[k];
    ++m.windows_compared;
    simSum += sim;
    obsWinSum += obs;
    if (std::isfinite(series->half_width[k])) hwSq += series->half_width[k] * series->half_width[k];
    else hwFinite = false;
    sq += (sim - obs) * (sim - obs);
    if (obs != 0) {
      ape += std::abs(sim - obs) / std::abs(obs);
      ++apeCount;
    }
  }
  if (m.windows_compared > 0) {
    const double n = m.windows_compared;
    m.observed_mean = obsWinSum / n;
    m.simulated_mean = simSum / n;
    m.simulated_half_width = hwFinite ? std::sqrt(hwSq) / n : kNaN;
    m.window_rmse = std::sqrt(sq / n);
    if (apeCount > 0) m.window_mape_percent = 100.0 * ape / apeCount;
  } else {
    const Estimate e = runLevel(run, in.entity, in.kpi);
    m.simulated_mean = e.mean;
    m.simulated_half_width = e.half_width;
    m.note = "no simulated window paired with an observed sample: run-level value used";
  }
  if (std::isfinite(m.simulated_half_width))
    m.observed_within_ci = std::abs(m.observed_mean - m.simulated_mean) <= m.simulated_half_width;
  if (m.observed_mean != 0 && std::isfinite(m.simulated_mean)) {
    m.relative_error = (m.simulated_mean - m.observed_mean) / std::abs(m.observed_mean);
    const double a = std::abs(m.relative_error);
    m.rating = a <= opt.good_relative_error ? "good" : a <= opt.fair_relative_error ? "fair" : "poor";
  } else {
    m.rating = "no data";
    if (m.note.empty())
      m.note = std::isfinite(m.simulated_mean) ? "observed mean is 0: relative error undefined"
                                               : "the simulation produced no value for this metric";
  }
  return m;
}

// A class's rows. With the engine's per-class windows (RunResult::class_series) every row is compared window by
// window like the end-to-end rows: both sides are per-interval values of the same intervals. Without them (a run
// loaded from an older result) the observed mean over the windows after the warm-up is set against the class's
// run-level estimate, and the percentile rows say so.
void compareClass(const ObservedClass& oc, const RunResult& run, double start_s, const BacktestOptions& opt,
                  std::vector<MetricComparison>& out) {
  const EndToEndResult* e = run.endToEnd(oc.request_class);
  const std::string entity = "class:" + oc.request_class;
  auto rate = [&](const TimeSeries& s) { return calibration::toRatePerSecond(s); };
  auto secs = [&](const TimeSeries& s) { return calibration::toSeconds(s); };
  struct Row {
    const TimeSeries* s;
    const char* kpi;
    bool isRate;
    const Estimate* sim;
  };
  const Row rows[] = {{&oc.throughput, "throughput_per_s", true, e ? &e->throughput_per_s : nullptr},
                      {&oc.latency_mean, "response_mean_s", false, e ? &e->response.mean_s : nullptr},
                      {&oc.latency_p50, "response_p50_s", false, e ? &e->response.quantile_s[0] : nullptr},
                      {&oc.latency_p95, "response_p95_s", false, e ? &e->response.quantile_s[2] : nullptr},
                      {&oc.latency_p99, "response_p99_s", false, e ? &e->response.quantile_s[3] : nullptr}};
  for (const Row& r : rows) {
    if (!r.s->size()) continue;
    if (e && run.findSeries(entity, r.kpi)) {
      const TimeSeries converted = r.isRate ? rate(*r.s) : secs(*r.s);
      out.push_back(compare({entity, r.kpi, calibration::finitePoints(converted), calibration::medianStep_s(*r.s)}, run,
                            start_s, opt));
      continue;
    }
    MetricComparison m;
    m.entity = entity;
    m.kpi = r.kpi;
    double sum = 0;
    for (const auto& p : calibration::finitePoints(r.isRate ? rate(*r.s) : secs(*r.s))) {
      const double t = p.t_s - start_s;
      if (t < run.warmup_s || t >= run.horizon_s) continue;
      sum += p.v;
      ++m.windows_compared;
    }
    if (m.windows_compared) m.observed_mean = sum / m.windows_compared;
    if (r.sim) {
      m.simulated_mean = r.sim->mean;
      m.simulated_half_width = r.sim->half_width;
    }
    if (!e) m.note = "the scenario has no request class '" + oc.request_class + "'";
    else if (std::string(r.kpi).rfind("response_p", 0) == 0)
      m.note = "run-level percentile of the class vs the mean of the observed interval percentiles (the run has no "
               "per-class windows)";
    if (std::isfinite(m.observed_mean) && std::isfinite(m.simulated_mean) && m.observed_mean != 0) {
      m.relative_error = (m.simulated_mean - m.observed_mean) / std::abs(m.observed_mean);
      m.observed_within_ci = std::isfinite(m.simulated_half_width) &&
                             std::abs(m.simulated_mean - m.observed_mean) <= m.simulated_half_width;
      const double a = std::abs(m.relative_error);
      m.rating = a <= opt.good_relative_error ? "good" : a <= opt.fair_relative_error ? "fair" : "poor";
    } else {
      m.rating = "no data";
    }
    out.push_back(std::move(m));
  }
}

}  // namespace

double BacktestReport::worstAbsRelativeError() const {
  double worst = kNaN;
  for (const auto& m : metrics)
    if (std::isfinite(m.relative_error) && !(std::abs(m.relative_error) <= worst)) worst = std::abs(m.relative_error);
  return worst;
}

const MetricComparison* BacktestReport::find(const std::string& entity, const std::string& kpi) const {
  for (const auto& m : metrics)
    if (m.entity == entity && m.kpi == kpi) return &m;
  return nullptr;
}

BacktestReport backtest(const Scenario& calibrated, const ObservedSeries& observed, const BacktestOptions& options,
                        Feedback* feedback) {
  BacktestReport report;
  report.scenario_name = calibrated.name;
  std::vector<MetricInput> inputs, classExtent;
  auto add = [&](const std::string& entity, const std::string& kpi, const TimeSeries& converted,
                 const TimeSeries& original) {
    MetricInput in{entity, kpi, calibration::finitePoints(converted), calibration::medianStep_s(original)};
    if (!in.points.empty()) inputs.push_back(std::move(in));
  };
  std::string note;
  auto takeNote = [&] {
    if (!note.empty()) report.notes.push_back(note);
    note.clear();
  };
  if (observed.throughput.size()) {
    add("end_to_end", "throughput_per_s", calibration::toRatePerSecond(observed.throughput, 0.0, &note),
        observed.throughput);
    takeNote();
  }
  const std::pair<const TimeSeries*, const char*> latencies[] = {
      {&observed.latency_p50, "response_p50_s"}, {&observed.latency_p95, "response_p95_s"},
      {&observed.latency_p99, "response_p99_s"}};
  for (const auto& [s, kpi] : latencies)
    if (s->size()) add("end_to_end", kpi, calibration::toSeconds(*s), *s);
  for (const auto& oc : observed.components) {
    if (!calibrated.findComponent(oc.component))
      throw std::invalid_argument("backtest: observed series name component '" + oc.component +
                                  "', which scenario '" + calibrated.name + "' does not have");
    if (oc.throughput.size()) {
      add(oc.component, "throughput_per_s", calibration::toRatePerSecond(oc.throughput, 0.0, &note), oc.throughput);
      takeNote();
    }
    if (oc.utilization.size()) {
      add(oc.component, "utilization", calibration::toFraction(oc.utilization, &note), oc.utilization);
      takeNote();
    }
  }
  for (const auto& oc : observed.classes) {
    // Classes also set the window: their samples count for the start, span and step like the others.
    const std::pair<const TimeSeries*, bool> all[] = {{&oc.throughput, true}, {&oc.latency_mean, false},
                                                      {&oc.latency_p50, false}, {&oc.latency_p95, false},
                                                      {&oc.latency_p99, false}};
    for (const auto& [s, isRate] : all)
      if (s->size()) {
        MetricInput in{"class:" + oc.request_class, "", calibration::finitePoints(isRate ? calibration::toRatePerSecond(*s)
                                                                                       : calibration::toSeconds(*s)),
                       calibration::medianStep_s(*s)};
        if (!in.points.empty()) classExtent.push_back(std::move(in));
      }
  }
  if (inputs.empty() && classExtent.empty())
    throw std::invalid_argument("backtest: no observed series with a finite value to compare");

  double first = std::numeric_limits<double>::infinity(), last = -first, step = first;
  std::vector<const MetricInput*> every;
  for (const auto& in : inputs) every.push_back(&in);
  for (const auto& in : classExtent) every.push_back(&in);
  for (const MetricInput* inp : every) {
    const MetricInput& in = *inp;
    first = std::min(first, in.points.front().t_s);
    last = std::max(last, in.points.back().t_s);
    if (in.step_s > 0) step = std::min(step, in.step_s);
  }
  if (!std::isfinite(step)) step = 0.0;
  const double start = std::isfinite(observed.start_time_s) ? observed.start_time_s : first;
  RunOptions run = options.run;
  if (!run.horizon_s) {
    run.horizon_s = last - start + step;  // the last sample covers one more interval
    if (!(*run.horizon_s > 0))
      throw std::invalid_argument("backtest: the observed series end before the start time; nothing to simulate");
  }
  if (!run.window_s && step > 0) run.window_s = step;
  if (run.window_s && *run.horizon_s / *run.window_s > 5000)
    report.notes.push_back("the sampling step is finer than horizon / 5000: the simulator widens its windows and "
                           "several observed samples are averaged per window");

  const RunResult result = runSimulation(calibrated, run, feedback);
  report.start_time_s = start;
  report.horizon_s = result.horizon_s;
  report.window_s = result.window_s;
  report.warmup_s = result.warmup_s;
  report.cancelled = result.cancelled;
  if (result.cancelled) report.notes.push_back("cancelled: only the replications that completed are compared");
  for (const auto& in : inputs) report.metrics.push_back(compare(in, result, start, options));
  for (const auto& oc : observed.classes) compareClass(oc, result, start, options, report.metrics);
  report.verdict = "pass";
  for (const auto& m : report.metrics)
    if (std::isfinite(m.relative_error) && std::abs(m.relative_error) > options.fair_relative_error) {
      report.verdict = "fail";
      report.failing.push_back(m.entity + " " + m.kpi);
    }
  return report;
}

std::string formatBacktestTable(const BacktestReport& r) {
  std::ostringstream out;
  char line[256];
  std::snprintf(line, sizeof line, "%-20s %-18s %12s %22s %9s %7s %10s  %s\n", "entity", "kpi", "observed",
                "simulated (95% CI)", "error", "windows", "win MAPE", "rating");
  out << "Backtest of '" << r.scenario_name << "': horizon " << fmtNum(r.horizon_s) << " s, warm-up "
      << fmtNum(r.warmup_s) << " s, window " << fmtNum(r.window_s) << " s\n"
      << line;
  for (const auto& m : r.metrics) {
    const std::string sim = fmtNum(m.simulated_mean) + " +- " + fmtNum(m.simulated_half_width, "%.2g");
    const std::string err = std::isfinite(m.relative_error) ? fmtNum(100.0 * m.relative_error, "%+.1f") + "%" : "-";
    const std::string mape = std::isfinite(m.window_mape_percent) ? fmtNum(m.window_mape_percent, "%.1f") + "%" : "-";
    std::snprintf(line, sizeof line, "%-20s %-18s %12s %22s %9s %7d %10s  %s\n", m.entity.c_str(), m.kpi.c_str(),
                  fmtNum(m.observed_mean).c_str(), sim.c_str(), err.c_str(), m.windows_compared, mape.c_str(),
                  m.rating.c_str());
    out << line;
  }
  if (!r.verdict.empty()) {
    out << "verdict: " << r.verdict;
    for (std::size_t i = 0; i < r.failing.size(); ++i) out << (i ? ", " : " (off: ") << r.failing[i];
    out << (r.failing.empty() ? "" : ")") << '\n';
  }
  for (const auto& n : r.notes) out << "note: " << n << '\n';
  for (const auto& m : r.metrics)
    if (!m.note.empty()) out << "note (" << m.entity << ' ' << m.kpi << "): " << m.note << '\n';
  return out.str();
}

nlohmann::json backtestToJson(const BacktestReport& r) {
  // NaN is not JSON: missing numbers become null.
  auto num = [](double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); };
  nlohmann::json j;
  j["scenario"] = r.scenario_name;
  j["start_time_s"] = num(r.start_time_s);
  j["horizon_s"] = num(r.horizon_s);
  j["warmup_s"] = num(r.warmup_s);
  j["window_s"] = num(r.window_s);
  j["cancelled"] = r.cancelled;
  j["worst_abs_relative_error"] = num(r.worstAbsRelativeError());
  j["notes"] = r.notes;
  j["verdict"] = r.verdict;
  j["failing"] = r.failing;
  j["metrics"] = nlohmann::json::array();
  for (const auto& m : r.metrics) {
    j["metrics"].push_back({{"entity", m.entity},
                            {"kpi", m.kpi},
                            {"observed_mean", num(m.observed_mean)},
                            {"simulated_mean", num(m.simulated_mean)},
                            {"simulated_half_width", num(m.simulated_half_width)},
                            {"relative_error", num(m.relative_error)},
                            {"observed_within_ci", m.observed_within_ci},
                            {"windows_compared", m.windows_compared},
                            {"window_mape_percent", num(m.window_mape_percent)},
                            {"window_rmse", num(m.window_rmse)},
                            {"rating", m.rating},
                            {"note", m.note}});
  }
  return j;
}

}  // namespace headroom
