// Proof of the one-command calibration workflow. A generator simulates a known two-class M/G/4 system with the
// project's own engine and writes what monitoring would export (Prometheus query_range JSON: per-class request
// rates, a busy-workers gauge, per-class latency quantiles). `import` + `calibrate` must recover each class's mean
// service time within 5 % and the server count exactly, and the calibrated model must predict each class's p95 at
// 1.8x the load within 10 % of a reference simulation with the true parameters.
#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <algorithm>
#include <ctime>
#include <queue>

#include <nlohmann/json.hpp>

#include "tests/app/cli_test_support.h"
#include "app/cli_args.h"
#include "app/cli_calibrate_command.h"
#include "app/cli_commands.h"
#include "app/cli_data_commands.h"
#include "model/scenario_json.h"
#include "simulator/random_stream.h"
#include "simulator/sampler.h"
#include "simulator/simulation.h"

using namespace headroom;

namespace {

constexpr double kT0 = 1767258000.0;  // 2026-01-01 09:00 UTC: the exports' first window
constexpr double kBrowseS = 0.040, kCheckoutS = 0.150;
constexpr int kServers = 4;

using test::Captured;

std::string dir() {
  const auto d = std::filesystem::temp_directory_path() / "headroom-calibrate-proof";
  std::filesystem::create_directories(d);
  return d.string();
}

std::string apiJson() {
  // The true service: 4 workers, per-class lognormal service times.
  return R"({"name": "api", "type": "service", "replicas": 1, "workers_per_replica": 4,
     "service_time": {"dist": "exponential", "mean_ms": 60},
     "service_time_by_class": {"browse": {"dist": "lognormal", "mean_ms": 40, "cv": 0.6},
                               "checkout": {"dist": "lognormal", "mean_ms": 150, "cv": 0.9}}})";
}

// Phases of 300 s with different loads and mixes (the classes' demands can only be told apart when the mix varies),
// then 150 s of overload during which every worker is busy (the plateau that reveals the server count).
constexpr double kBrowseRate[] = {14, 28, 10, 35, 18, 60}, kCheckoutRate[] = {1.5, 3, 6, 1.5, 4.5, 12};
constexpr double kPhaseS = 300, kHorizonS = 1650, kStepS = 15;
constexpr int kWindows = static_cast<int>(kHorizonS / kStepS);
// Histogram buckets the service exports (seconds), as a service owner would configure them around its latencies.
constexpr double kBucketsS[] = {0.005, 0.01, 0.015, 0.02, 0.03, 0.04, 0.05, 0.065, 0.08, 0.1, 0.125, 0.15,
                                0.2,   0.25, 0.3,   0.4,  0.5,  0.65, 0.8,  1,    1.5,  2,     3,    5};

struct Request {
  int cls;  // 0 browse, 1 checkout
  double arrival_s, start_s, finish_s;
};

// The observed system, request by request: a FCFS M/G/4 queue (Poisson arrivals per class, lognormal service
// times with the true per-class means and cvs), simulated here independently of the engine so that every export
// (rates, busy workers, quantiles, buckets, access log) is cut from the same requests.
std::vector<Request> observedRequests() {
  RandomStream rng(11, "observed-system");
  const Sampler service[] = {Sampler(Distribution::lognormal(kBrowseS, 0.6)), Sampler(Distribution::lognormal(kCheckoutS, 0.9))};
  std::vector<Request> reqs;
  for (int cls = 0; cls < 2; ++cls)
    for (int p = 0; p < 6; ++p) {
      const double rate = cls == 0 ? kBrowseRate[p] : kCheckoutRate[p], end = std::min(kHorizonS, kPhaseS * (p + 1));
      for (double t = kPhaseS * p + rng.exponential(1.0 / rate); t < end; t += rng.exponential(1.0 / rate))
        reqs.push_back({cls, t, 0, 0});
    }
  std::sort(reqs.begin(), reqs.end(), [](const Request& a, const Request& b) { return a.arrival_s < b.arrival_s; });
  std::priority_queue<double, std::vector<double>, std::greater<>> freeAt;
  for (int i = 0; i < kServers; ++i) freeAt.push(0.0);
  for (auto& r : reqs) {
    r.start_s = std::max(r.arrival_s, freeAt.top());
    freeAt.pop();
    r.finish_s = r.start_s + service[r.cls].sampleSeconds(rng);
    freeAt.push(r.finish_s);
  }
  return reqs;
}

// Per 15 s window (stamped at its end, as Prometheus stamps a range): per-class completions/s and latency
// quantiles, cumulative bucket counters per class, time-averaged busy workers.
struct Windows {
  std::vector<double> time_s;
  std::vector<double> rate[2];
  std::vector<double> quantile_ms[2][3];
  std::vector<double> bucket_count[2][std::size(kBucketsS) + 1];  // last: +Inf
  std::vector<double> busy;
};

double sortedQuantile(const std::vector<double>& v, double q) {
  if (v.empty()) return NAN;
  const double pos = q * static_cast<double>(v.size() - 1);
  const auto i = static_cast<std::size_t>(pos);
  return i + 1 < v.size() ? v[i] + (pos - static_cast<double>(i)) * (v[i + 1] - v[i]) : v[i];
}

Windows windowsOf(const std::vector<Request>& reqs) {
  Windows w;
  std::vector<std::vector<double>> latency[2];
  for (auto& l : latency) l.resize(kWindows);
  w.busy.assign(kWindows, 0.0);
  double cumulative[2][std::size(kBucketsS) + 1] = {};
  for (const auto& r : reqs) {
    for (int k = std::max(0, static_cast<int>(r.start_s / kStepS)); k < kWindows && k * kStepS < r.finish_s; ++k)
      w.busy[static_cast<std::size_t>(k)] +=
          (std::min(r.finish_s, (k + 1) * kStepS) - std::max(r.start_s, k * kStepS)) / kStepS;
    if (r.finish_s < kHorizonS) latency[r.cls][static_cast<std::size_t>(r.finish_s / kStepS)].push_back(r.finish_s - r.arrival_s);
  }
  for (int k = 0; k < kWindows; ++k) {
    w.time_s.push_back(kT0 + (k + 1) * kStepS);
    for (int c = 0; c < 2; ++c) {
      auto& l = latency[c][static_cast<std::size_t>(k)];
      std::sort(l.begin(), l.end());
      w.rate[c].push_back(static_cast<double>(l.size()) / kStepS);
      const double qs[] = {0.5, 0.95, 0.99};
      for (int q = 0; q < 3; ++q) w.quantile_ms[c][q].push_back(1000.0 * sortedQuantile(l, qs[q]));
      for (double x : l) {
        const auto b = static_cast<std::size_t>(std::lower_bound(std::begin(kBucketsS), std::end(kBucketsS), x) - std::begin(kBucketsS));
        for (std::size_t j = b; j <= std::size(kBucketsS); ++j) cumulative[c][j] += 1;
      }
      for (std::size_t j = 0; j <= std::size(kBucketsS); ++j) w.bucket_count[c][j].push_back(cumulative[c][j]);
    }
  }
  return w;
}

// A query_range response with one series per (labels, values).
void writeMatrix(const std::string& path, const std::vector<std::pair<nlohmann::json, std::vector<double>>>& series,
                 const std::vector<double>& time_s) {
  nlohmann::json result = nlohmann::json::array();
  for (const auto& [metric, values] : series) {
    nlohmann::json vals = nlohmann::json::array();
    for (std::size_t w = 0; w < values.size(); ++w)
      vals.push_back({time_s[w], std::isfinite(values[w]) ? std::to_string(values[w]) : std::string("NaN")});
    result.push_back({{"metric", metric}, {"values", vals}});
  }
  // In the order Prometheus writes it (status, then resultType before the long result array).
  std::ofstream(path) << R"({"status":"success","data":{"resultType":"matrix","result":)" << result.dump() << "}}";
}

// nginx combined format with `$request_time` last; logged when the request ends, whole seconds.
void writeAccessLog(const std::string& path, std::vector<Request> reqs) {
  std::sort(reqs.begin(), reqs.end(), [](const Request& a, const Request& b) { return a.finish_s < b.finish_s; });
  std::ofstream out(path);
  int n = 0;
  for (const auto& r : reqs) {
    if (r.finish_s >= kHorizonS) break;
    const auto t = static_cast<std::time_t>(kT0 + std::floor(r.finish_s));
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[64], line[256];
    std::strftime(stamp, sizeof stamp, "%d/%b/%Y:%H:%M:%S +0000", &tm);
    std::snprintf(line, sizeof line, "10.0.%d.%d - - [%s] \"%s HTTP/1.1\" 200 %d \"-\" \"shop-client\" %.3f\n", n % 7, n % 200,
                  stamp, r.cls == 0 ? "GET /api/browse/items?page=2" : "POST /api/checkout/cart", 512 + n % 300,
                  r.finish_s - r.arrival_s);
    out << line;
    ++n;
  }
}

double p95(const RunResult& r, const std::string& cls) { return r.endToEnd(cls)->response.quantile_s[2].mean; }

}  // namespace

class CalibrateWorkflowTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    const std::string d = dir();
    const std::vector<Request> reqs = observedRequests();
    const Windows w = windowsOf(reqs);
    const char* cls[] = {"browse", "checkout"};
    const std::string rates = d + "/rates.json", busy = d + "/busy.json", buckets = d + "/buckets.json", log = d + "/access.log";
    writeMatrix(rates,
                {{{{"endpoint", "browse"}, {"job", "shop"}}, w.rate[0]}, {{{"endpoint", "checkout"}, {"job", "shop"}}, w.rate[1]}},
                w.time_s);
    writeMatrix(busy, {{{{"__name__", "worker_busy"}, {"job", "shop"}}, w.busy}}, w.time_s);
    const char* qs[] = {"0.5", "0.95", "0.99"};
    std::vector<std::string> latency;
    for (int i = 0; i < 3; ++i) {
      latency.push_back(d + "/latency_" + qs[i] + ".json");
      writeMatrix(latency.back(), {{{{"endpoint", "browse"}}, w.quantile_ms[0][i]}, {{{"endpoint", "checkout"}}, w.quantile_ms[1][i]}},
                  w.time_s);
    }
    // http_request_duration_seconds_bucket{job="shop"}: the raw cumulative counters, one series per (endpoint, le).
    std::vector<std::pair<nlohmann::json, std::vector<double>>> bucketSeries;
    for (int c = 0; c < 2; ++c)
      for (std::size_t j = 0; j <= std::size(kBucketsS); ++j) {
        char le[32];
        std::snprintf(le, sizeof le, "%g", j < std::size(kBucketsS) ? kBucketsS[j] : 0.0);
        bucketSeries.push_back({{{"__name__", "http_request_duration_seconds_bucket"}, {"endpoint", cls[c]}, {"job", "shop"},
                                 {"le", j < std::size(kBucketsS) ? std::string(le) : std::string("+Inf")}},
                                w.bucket_count[c][j]});
      }
    writeMatrix(buckets, bucketSeries, w.time_s);
    writeAccessLog(log, reqs);
    const std::string project = d + "/proof.hdrm";
    std::filesystem::remove(project);
    {
      Captured c;
      QCOMPARE(cli::commandImport({rates, "--project", project, "--name", "http_requests_rate", "--unit-hint", "1/s"}, c.ctx), 0);
      QCOMPARE(cli::commandImport({busy, "--project", project}, c.ctx), 0);
      QCOMPARE(cli::commandImport({buckets, "--project", project}, c.ctx), 0);
      for (int i = 0; i < 3; ++i)
        QCOMPARE(cli::commandImport({latency[static_cast<std::size_t>(i)], "--project", project, "--name", "http_latency",
                                     "--label", std::string("quantile=") + qs[i], "--unit-hint", "ms"},
                                    c.ctx),
                 0);
      // The access log binned like the Prometheus exports: 15 s, stamped at the bin's end.
      const int rc = cli::commandImport({log, "--project", project, "--route", "/api/checkout*=checkout", "--route",
                                         "/api/browse*=browse", "--latency-field", "request_time", "--bin", "15",
                                         "--bin-stamp", "end"},
                                        c.ctx);
      QVERIFY2(rc == 0, (c.out.str() + c.err.str()).c_str());
    }
  }

  // calibrate with `shape` (the options that give each class's latency shape), then the 1.8x what-if against a
  // reference simulation with the true parameters. Returns the relative p95 errors (browse, checkout).
  std::vector<double> calibrateAndPredict(const std::vector<std::string>& shape, const std::string& out) {
    const std::string d = dir(), project = d + "/proof.hdrm";
    std::vector<std::string> args{"--project", project, "--class-label", "endpoint", "--class", "browse", "--class", "checkout",
                                  // traffic per class from the access log (its series carry label `class`), busy
                                  // workers from Prometheus
                                  "--throughput-metric", "throughput{class}", "--busy-metric", "worker_busy",
                                  "--component", "api", "--out", out};
    args.insert(args.end(), shape.begin(), shape.end());
    Captured c;
    const int rc = cli::commandCalibrate(args, c.ctx);
    if (rc != 0) qWarning("%s", (c.out.str() + c.err.str()).c_str());
    if (rc != 0) return {};
    qInfo("%s", c.out.str().c_str());
    const Scenario cal = loadAndValidateScenarioFile(out);
    const Component* api = cal.findComponent("api");
    if (!api) return {};
    // Recovered exactly / within 5 %.
    if (api->replicas * api->workers_per_replica != kServers) return {};
    const double sb = api->serviceTimeFor("browse").mean(), sc = api->serviceTimeFor("checkout").mean();
    qInfo("mean service time: browse %.2f ms (%+.1f%%), checkout %.2f ms (%+.1f%%)", sb * 1e3, 100 * (sb / kBrowseS - 1),
          sc * 1e3, 100 * (sc / kCheckoutS - 1));
    if (!(std::abs(sb / kBrowseS - 1) < 0.05 && std::abs(sc / kCheckoutS - 1) < 0.05) || cal.provenance.empty()) return {};

    // What-if at 1.8x the observed load: the calibrated model against the true one.
    Scenario predicted = cal;
    std::string refSources;
    for (auto& s : predicted.sources) {
      s.rate.rate_per_s *= 1.8;
      refSources += (refSources.empty() ? "" : ",") + std::string("{\"name\": \"") + s.name +
                    "\", \"type\": \"open\", \"entry\": \"api\", \"rate\": {\"kind\": \"constant\", \"rate_per_s\": " +
                    std::to_string(s.rate.rate_per_s) + "}, \"mix\": {\"" + s.name + "\": 1}}";
    }
    predicted.simulation.horizon_s = 2400;
    predicted.simulation.warmup_s = 200;
    predicted.simulation.replications = 4;
    predicted.simulation.seed = 5;
    predicted.simulation.window_s = 0;
    const std::string sim = R"({"horizon_s": 2400, "warmup_s": 200, "replications": 4, "seed": 5})";
    const Scenario reference = scenarioFromJson(nlohmann::json::parse(
        R"({"format": "headroom-scenario", "version": 1, "name": "truth", "simulation": )" + sim +
        R"(, "request_classes": ["browse", "checkout"], "sources": [)" + refSources + R"(], "components": [)" + apiJson() + "]}"));
    const RunResult pr = runSimulation(predicted), rr = runSimulation(reference);
    std::vector<double> errors;
    for (const char* cls : {"browse", "checkout"}) {
      const double p = p95(pr, cls), r = p95(rr, cls);
      qInfo("%s p95 at 1.8x: calibrated %.4f s, true %.4f s (%+.1f%%)", cls, p, r, 100 * (p / r - 1));
      errors.push_back(p / r - 1);
    }
    return errors;
  }

  void recoversTheTrueModelFromExports() {
    // The shape from the histogram buckets (counts pooled over the low-utilization intervals).
    const auto e = calibrateAndPredict({"--bucket-metric", "http_request_duration_seconds_bucket"}, dir() + "/calibrated.json");
    QCOMPARE(e.size(), std::size_t(2));
    for (double x : e) QVERIFY2(std::abs(x) < 0.10, std::to_string(x).c_str());
  }

  void percentileShapeIsTheWeakerPath() {
    // Without buckets: a lognormal through the access log's per-window p50/p95/p99. Each window holds a few dozen
    // checkout requests, so its p99 is a low-biased order statistic and the cv comes out low. Reported, so the
    // margin of the bucket path above can be compared with it (the buckets pool every low-load interval's counts
    // and must predict checkout's p95 better); the mean and server count must still be right.
    const auto e = calibrateAndPredict({"--latency-metric", "latency{class}"}, dir() + "/calibrated-percentiles.json");
    QCOMPARE(e.size(), std::size_t(2));
    const auto withBuckets = calibrateAndPredict({"--bucket-metric", "http_request_duration_seconds_bucket"}, dir() + "/calibrated.json");
    QCOMPARE(withBuckets.size(), std::size_t(2));
    QVERIFY2(std::abs(withBuckets[1]) < std::abs(e[1]), (std::to_string(withBuckets[1]) + " vs " + std::to_string(e[1])).c_str());
  }

  void backtestPassesTheCalibratedModelAndFailsOneServiceTimeForAll() {
    // The calibrated model replaying the observed traffic over the same window (overload phase left out).
    const std::string d = dir(), project = d + "/proof.hdrm", replay = d + "/calibrated-replay.json";
    Captured c;
    QCOMPARE(cli::commandCalibrate({"--project", project, "--class-label", "endpoint", "--class", "browse", "--class",
                                    "checkout", "--throughput-metric", "http_requests_rate", "--busy-metric", "worker_busy",
                                    "--latency-metric", "http_latency", "--traffic", "replay", "--out", replay},
                                   c.ctx),
             0);
    auto backtestOf = [&](const std::string& scenario) {
      Captured b;
      const std::string json = d + "/backtest.json";
      const int rc = cli::commandBacktest({scenario, "--project", project, "--class-label", "endpoint", "--class", "browse",
                                           "--class", "checkout", "--throughput-metric", "http_requests_rate",
                                           "--latency-metric", "http_latency", "--to", "+1485", "--warmup", "60",
                                           "--replications", "3", "--json", json, "--strict"},
                                          b.ctx);
      qInfo("%s", b.out.str().c_str());
      std::ifstream in(json);
      nlohmann::json j = nlohmann::json::parse(in);
      j["exit_code"] = rc;
      return j;
    };
    const nlohmann::json good = backtestOf(replay);
    QCOMPARE(good["verdict"].get<std::string>(), std::string("pass"));
    QCOMPARE(good["exit_code"].get<int>(), 0);
    // One service time for every class, with the same total demand: the totals still fit, a class does not.
    Scenario wrong = loadAndValidateScenarioFile(replay);
    Component& api = wrong.components.front();
    const double mean = api.service_time.mean();
    for (auto& [cls, dist] : api.service_time_by_class) dist = Distribution::lognormal(mean, 0.8);
    const std::string wrongPath = d + "/one-service-time.json";
    saveScenarioFile(wrongPath, wrong);
    const nlohmann::json bad = backtestOf(wrongPath);
    QCOMPARE(bad["verdict"].get<std::string>(), std::string("fail"));
    QCOMPARE(bad["exit_code"].get<int>(), 4);
    bool checkoutOff = false;
    for (const auto& f : bad["failing"]) checkoutOff = checkoutOff || f.get<std::string>().find("class:checkout") == 0;
    QVERIFY(checkoutOff);
  }

  void severalComponentsInOneCall() {
    // A chain api (4 workers) -> db (2 workers), both with per-class service times, simulated by the engine; its
    // per-component busy workers and per-class rates per 15 s window are the exports.
    const std::string d = dir();
    std::string b, c;
    const double browse[] = {14, 28, 10, 35, 18, 25, 8, 30, 20, 12}, checkout[] = {1.5, 3, 6, 1.5, 4.5, 2, 5, 4, 1, 6};
    for (int i = 0; i < 10; ++i) {
      b += (i ? "," : "") + std::string("{\"at_s\": ") + std::to_string(300 * i) + ", \"rate_per_s\": " + std::to_string(browse[i]) + "}";
      c += (i ? "," : "") + std::string("{\"at_s\": ") + std::to_string(300 * i) + ", \"rate_per_s\": " + std::to_string(checkout[i]) + "}";
    }
    const Scenario chain = scenarioFromJson(nlohmann::json::parse(R"({"format": "headroom-scenario", "version": 1, "name": "chain",
      "simulation": {"horizon_s": 3000, "warmup_s": 0, "replications": 1, "seed": 3, "window_s": 15},
      "request_classes": ["browse", "checkout"],
      "sources": [
        {"name": "browse", "type": "open", "entry": "api", "rate": {"kind": "steps", "steps": [)" + b + R"(]}, "mix": {"browse": 1}},
        {"name": "checkout", "type": "open", "entry": "api", "rate": {"kind": "steps", "steps": [)" + c + R"(]}, "mix": {"checkout": 1}}],
      "components": [
        {"name": "api", "type": "service", "workers_per_replica": 4, "service_time": {"dist": "exponential", "mean_ms": 30},
         "service_time_by_class": {"browse": {"dist": "exponential", "mean_ms": 30}, "checkout": {"dist": "exponential", "mean_ms": 80}},
         "behaviour": {"*": {"next": [{"to": "db", "p": 1}]}}},
        {"name": "db", "type": "service", "workers_per_replica": 2, "service_time": {"dist": "exponential", "mean_ms": 10},
         "service_time_by_class": {"browse": {"dist": "exponential", "mean_ms": 10}, "checkout": {"dist": "exponential", "mean_ms": 60}}}]})"));
    const RunResult r = runSimulation(chain);
    std::vector<double> time_s;
    for (double start : r.window_start_s) time_s.push_back(kT0 + start + r.window_s);
    auto series = [&](const std::string& entity, const std::string& kpi, double f) {
      std::vector<double> v = r.findSeries(entity, kpi)->mean;
      for (double& x : v) x *= f;
      return v;
    };
    const std::string rates = d + "/chain-rates.json", busy = d + "/chain-busy.json", project = d + "/chain.hdrm";
    writeMatrix(rates, {{{{"endpoint", "browse"}}, series("class:browse", "throughput_per_s", 1)},
                        {{{"endpoint", "checkout"}}, series("class:checkout", "throughput_per_s", 1)}}, time_s);
    writeMatrix(busy, {{{{"__name__", "worker_busy"}, {"service", "api"}}, series("api", "utilization", 4)},
                       {{{"__name__", "worker_busy"}, {"service", "db"}}, series("db", "utilization", 2)}}, time_s);
    std::filesystem::remove(project);
    Captured imp;
    QCOMPARE(cli::commandImport({rates, "--project", project, "--name", "http_requests_rate", "--unit-hint", "1/s"}, imp.ctx), 0);
    QCOMPARE(cli::commandImport({busy, "--project", project}, imp.ctx), 0);
    auto calibrate = [&](std::vector<std::string> extra, const std::string& out) {
      std::vector<std::string> args{"--project", project, "--class-label", "endpoint", "--class", "browse", "--class", "checkout",
                                    "--throughput-metric", "http_requests_rate", "--busy-metric", "worker_busy",
                                    "--component", "api", "--component", "db", "--component-label", "service",
                                    "--servers", "api=4", "--servers", "db=2", "--out", out};
      args.insert(args.end(), extra.begin(), extra.end());
      Captured cc;
      const int rc = cli::commandCalibrate(args, cc.ctx);
      qInfo("%s%s", cc.out.str().c_str(), cc.err.str().c_str());
      return rc;
    };
    const std::string chained = d + "/chain-calibrated.json";
    QCOMPARE(calibrate({}, chained), 0);
    const Scenario cal = loadAndValidateScenarioFile(chained);
    QCOMPARE(cal.components.size(), std::size_t(2));
    const std::pair<const char*, std::pair<double, double>> truth[] = {{"api", {0.030, 0.080}}, {"db", {0.010, 0.060}}};
    for (const auto& [name, means] : truth) {
      const Component* comp = cal.findComponent(name);
      QVERIFY(comp);
      const double sb = comp->serviceTimeFor("browse").mean(), sc = comp->serviceTimeFor("checkout").mean();
      QVERIFY2(std::abs(sb / means.first - 1) < 0.05, (std::string(name) + " browse " + std::to_string(sb)).c_str());
      QVERIFY2(std::abs(sc / means.second - 1) < 0.05, (std::string(name) + " checkout " + std::to_string(sc)).c_str());
    }
    // Without --call: a chain in the order given, api first, recorded as assumed.
    const Behaviour* apiNext = cal.findComponent("api")->behaviourFor("browse");
    QVERIFY(apiNext && apiNext->next.size() == 1 && apiNext->next.front().to == "db");
    for (const auto& src : cal.sources) QCOMPARE(src.entry, std::string("api"));
    bool graphRecorded = false;
    for (const auto& p : cal.provenance) graphRecorded = graphRecorded || p.parameter == "components[api].behaviour[*]";
    QVERIFY(graphRecorded);
    // With --call: a synchronous call instead.
    const std::string called = d + "/chain-called.json";
    QCOMPARE(calibrate({"--call", "api>db"}, called), 0);
    const Scenario withCall = loadAndValidateScenarioFile(called);
    const Behaviour* apiCall = withCall.findComponent("api")->behaviourFor("checkout");
    QVERIFY(apiCall && apiCall->steps.size() == 1 && apiCall->steps.front().kind == Step::Kind::Call &&
            apiCall->steps.front().calls.front().target == "db");
    QCOMPARE(calibrate({"--call", "api>cache"}, d + "/chain-bad.json"), 1);
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, calibrate({"--call", "api"}, d + "/chain-bad.json"));
  }

  void whatIfRunsWithoutEditingJson() {
    const std::string d = dir(), cal = d + "/calibrated.json", json = d + "/scaled.json";
    Captured c;
    QCOMPARE(cli::commandRun({cal, "--scale-traffic", "1.8", "--rate", "checkout=2", "--horizon", "300", "--replications",
                              "1", "--quiet", "--json", json},
                             c.ctx),
             0);
    std::ifstream in(json);
    const nlohmann::json r = nlohmann::json::parse(in);
    QVERIFY(r.dump().find("checkout") != std::string::npos);
    Captured bad;
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::commandRun({cal, "--rate", "nosuch=3"}, bad.ctx));
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::commandRun({cal, "--scale-traffic", "0"}, bad.ctx));
  }
};

QTEST_GUILESS_MAIN(CalibrateWorkflowTest)
#include "test_calibrate_workflow.moc"
