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

#include <nlohmann/json.hpp>

#include "tests/app/cli_test_support.h"
#include "app/cli_args.h"
#include "app/cli_calibrate_command.h"
#include "app/cli_commands.h"
#include "app/cli_data_commands.h"
#include "model/scenario_json.h"
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

std::string apiJson(bool gateways) {
  // The true service: 4 workers, per-class lognormal service times.
  std::string api = R"({"name": "api", "type": "service", "replicas": 1, "workers_per_replica": 4,
     "service_time": {"dist": "exponential", "mean_ms": 60},
     "service_time_by_class": {"browse": {"dist": "lognormal", "mean_ms": 40, "cv": 0.6},
                               "checkout": {"dist": "lognormal", "mean_ms": 150, "cv": 0.9}}})";
  if (!gateways) return api;
  // Zero-cost per-class entry points with (practically) unlimited workers, only so that the engine's per-component
  // windows give per-class series (the way an ingress reports per-route metrics); their response time is the api's.
  return api + R"(,
    {"name": "gw_browse", "type": "service", "workers_per_replica": 100000, "service_time": {"dist": "deterministic", "value_ms": 0.001},
     "behaviour": {"*": {"steps": [{"call": "api"}]}}},
    {"name": "gw_checkout", "type": "service", "workers_per_replica": 100000, "service_time": {"dist": "deterministic", "value_ms": 0.001},
     "behaviour": {"*": {"steps": [{"call": "api"}]}}})";
}

// Phases of 300 s with different loads and mixes (the classes' demands can only be told apart when the mix varies),
// then 150 s of overload during which every worker is busy (the plateau that reveals the server count).
Scenario observedSystem() {
  const double browse[] = {14, 28, 10, 35, 18, 60}, checkout[] = {1.5, 3, 6, 1.5, 4.5, 12};
  std::string b, c;
  for (int i = 0; i < 6; ++i) {
    b += (i ? "," : "") + std::string("{\"at_s\": ") + std::to_string(300 * i) + ", \"rate_per_s\": " + std::to_string(browse[i]) + "}";
    c += (i ? "," : "") + std::string("{\"at_s\": ") + std::to_string(300 * i) + ", \"rate_per_s\": " + std::to_string(checkout[i]) + "}";
  }
  const std::string text = R"({"format": "headroom-scenario", "version": 1, "name": "observed",
    "simulation": {"horizon_s": 1650, "warmup_s": 0, "replications": 1, "seed": 11, "window_s": 15},
    "request_classes": ["browse", "checkout"],
    "sources": [
      {"name": "browse", "type": "open", "entry": "gw_browse", "rate": {"kind": "steps", "steps": [)" + b + R"(]}, "mix": {"browse": 1}},
      {"name": "checkout", "type": "open", "entry": "gw_checkout", "rate": {"kind": "steps", "steps": [)" + c + R"(]}, "mix": {"checkout": 1}}],
    "components": [)" + apiJson(true) + "]}";
  return scenarioFromJson(nlohmann::json::parse(text), "observed");
}

// A query_range response with one series per (labels, values).
void writeMatrix(const std::string& path, const std::vector<std::pair<nlohmann::json, std::vector<double>>>& series,
                 const RunResult& r) {
  nlohmann::json result = nlohmann::json::array();
  for (const auto& [metric, values] : series) {
    nlohmann::json vals = nlohmann::json::array();
    for (std::size_t w = 0; w < values.size(); ++w) {
      const double t = kT0 + r.window_start_s[w] + r.window_s;  // Prometheus stamps a rate at the end of its range
      vals.push_back({t, std::isfinite(values[w]) ? std::to_string(values[w]) : std::string("NaN")});
    }
    result.push_back({{"metric", metric}, {"values", vals}});
  }
  std::ofstream(path) << nlohmann::json{{"status", "success"}, {"data", {{"resultType", "matrix"}, {"result", result}}}}.dump();
}

std::vector<double> seriesOf(const RunResult& r, const std::string& entity, const std::string& kpi, double factor = 1.0) {
  const SeriesResult* s = r.findSeries(entity, kpi);
  if (!s) throw std::runtime_error("no series " + entity + " " + kpi);
  std::vector<double> v = s->mean;
  for (double& x : v) x *= factor;
  return v;
}

double p95(const RunResult& r, const std::string& cls) { return r.endToEnd(cls)->response.quantile_s[2].mean; }

}  // namespace

class CalibrateWorkflowTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase() {
    const std::string d = dir();
    const RunResult observed = runSimulation(observedSystem());
    QVERIFY(!observed.cancelled);
    const std::string rates = d + "/rates.json", busy = d + "/busy.json";
    writeMatrix(rates,
                {{{{"endpoint", "browse"}, {"job", "shop"}}, seriesOf(observed, "gw_browse", "throughput_per_s")},
                 {{{"endpoint", "checkout"}, {"job", "shop"}}, seriesOf(observed, "gw_checkout", "throughput_per_s")}},
                observed);
    writeMatrix(busy, {{{{"__name__", "worker_busy"}, {"job", "shop"}}, seriesOf(observed, "api", "utilization", kServers)}},
                observed);
    const char* kpis[] = {"response_p50_s", "response_p95_s", "response_p99_s"};
    const char* qs[] = {"0.5", "0.95", "0.99"};
    std::vector<std::string> latency;
    for (int i = 0; i < 3; ++i) {
      latency.push_back(d + "/latency_" + qs[i] + ".json");
      writeMatrix(latency.back(),
                  {{{{"endpoint", "browse"}}, seriesOf(observed, "gw_browse", kpis[i], 1000.0)},
                   {{{"endpoint", "checkout"}}, seriesOf(observed, "gw_checkout", kpis[i], 1000.0)}},
                  observed);
    }
    const std::string project = d + "/proof.hdrm";
    std::filesystem::remove(project);
    {
      Captured c;
      QCOMPARE(cli::commandImport({rates, "--project", project, "--name", "http_requests_rate", "--unit-hint", "1/s"}, c.ctx), 0);
      QCOMPARE(cli::commandImport({busy, "--project", project}, c.ctx), 0);
      for (int i = 0; i < 3; ++i)
        QCOMPARE(cli::commandImport({latency[static_cast<std::size_t>(i)], "--project", project, "--name", "http_latency",
                                     "--label", std::string("quantile=") + qs[i], "--unit-hint", "ms"},
                                    c.ctx),
                 0);
    }
  }

  void recoversTheTrueModelFromExports() {
    const std::string d = dir(), project = d + "/proof.hdrm";
    const std::string out = d + "/calibrated.json";
    Captured c;
    const int rc = cli::commandCalibrate({"--project", project, "--class-label", "endpoint", "--class", "browse", "--class",
                                          "checkout", "--throughput-metric", "http_requests_rate", "--busy-metric",
                                          "worker_busy", "--latency-metric", "http_latency", "--component", "api", "--out", out},
                                         c.ctx);
    QVERIFY2(rc == 0, (c.out.str() + c.err.str()).c_str());
    qInfo("%s", c.out.str().c_str());
    const Scenario cal = loadAndValidateScenarioFile(out);
    const Component* api = cal.findComponent("api");
    QVERIFY(api);
    QCOMPARE(api->replicas * api->workers_per_replica, kServers);
    const double sb = api->serviceTimeFor("browse").mean(), sc = api->serviceTimeFor("checkout").mean();
    QVERIFY2(std::abs(sb / kBrowseS - 1) < 0.05, std::to_string(sb).c_str());
    QVERIFY2(std::abs(sc / kCheckoutS - 1) < 0.05, std::to_string(sc).c_str());
    QVERIFY(!cal.provenance.empty());

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
        R"(, "request_classes": ["browse", "checkout"], "sources": [)" + refSources + R"(], "components": [)" + apiJson(false) + "]}"));
    const RunResult pr = runSimulation(predicted), rr = runSimulation(reference);
    for (const char* cls : {"browse", "checkout"}) {
      const double p = p95(pr, cls), r = p95(rr, cls);
      qInfo("%s p95 at 1.8x: calibrated %.4f s, true %.4f s (%+.1f%%)", cls, p, r, 100 * (p / r - 1));
      QVERIFY2(std::abs(p / r - 1) < 0.10, (std::string(cls) + ": " + std::to_string(p) + " vs " + std::to_string(r)).c_str());
    }
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
