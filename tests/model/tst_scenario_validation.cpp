// validateScenario(): one row per rule, each breaking the valid fixture in one place and asserting that an
// issue names the place (component/source and field) and the rule. Plus: every issue is reported, not
// just the first; and loadAndValidateScenarioFile lists them one per line.
#include <QTest>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "model/scenario_json.h"
#include "model/validation.h"
#include "tests/model/scenario_fixtures.h"

using namespace headroom;

namespace {

bool anyIssueHas(const std::vector<std::string>& issues, const std::string& a, const std::string& b) {
  for (const auto& i : issues)
    if (i.find(a) != std::string::npos && i.find(b) != std::string::npos) return true;
  return false;
}

}  // namespace

class TestScenarioValidation : public QObject {
  Q_OBJECT

 private slots:
  void fixturesAreValid() {
    QVERIFY2(test::issuesAfterPatch("").empty(), test::joinLines(test::issuesAfterPatch("")).c_str());
    const auto sink = validateScenario(test::scenarioFrom(nlohmann::json::parse(test::kKitchenSinkScenario)));
    QVERIFY(sink.empty());
  }

  void rule_data() {
    QTest::addColumn<QString>("patch");
    QTest::addColumn<QString>("where");  // the issue must contain both strings
    QTest::addColumn<QString>("rule");
    auto row = [](const char* name, const char* patch, const char* where, const char* rule) {
      QTest::newRow(name) << QString(patch) << QString(where) << QString(rule);
    };
    row("unknown call target",
        R"([{"op": "replace", "path": "/components/0/behaviour/{*}/steps/0/call", "value": "dbx"}])",
        "component 'api': behaviour.*.steps[0].call", "references unknown component 'dbx'");
    row("unknown send target",
        R"([{"op": "replace", "path": "/components/0/behaviour/checkout/steps/3/send", "value": "queue"}])",
        "component 'api': behaviour.checkout.steps[3].send", "unknown component 'queue'");
    row("unknown parallel target",
        R"([{"op": "replace", "path": "/components/0/behaviour/checkout/steps/1/parallel/1/call", "value": "extx"}])",
        "behaviour.checkout.steps[1].parallel[1].call", "unknown component 'extx'");
    row("unknown branch call target",
        R"([{"op": "replace", "path": "/components/0/behaviour/checkout/steps/2/branch/0/steps/0/call", "value": "nope"}])",
        "behaviour.checkout.steps[2].branch[0].steps[0].call", "unknown component 'nope'");
    row("unknown next target",
        R"([{"op": "replace", "path": "/components/0/behaviour/{*}/next/0/to", "value": "wrker"}])",
        "component 'api': behaviour.*.next[0].to", "unknown component 'wrker'");
    row("unknown source entry", R"([{"op": "replace", "path": "/sources/0/entry", "value": "apii"}])",
        "source 'web': entry", "unknown component 'apii'");
    row("zero constant rate", R"([{"op": "replace", "path": "/sources/0/rate/rate_per_s", "value": 0}])",
        "source 'web': rate.rate_per_s", "must be > 0");
    row("negative step rate",
        R"([{"op": "replace", "path": "/sources/0/rate", "value": {"kind": "steps", "steps": [{"at_s": 0, "rate_per_s": 5}, {"at_s": 10, "rate_per_s": -1}]}}])",
        "source 'web': rate.steps[1].rate_per_s", "must be >= 0");
    row("steps out of order",
        R"([{"op": "replace", "path": "/sources/0/rate", "value": {"kind": "steps", "steps": [{"at_s": 50, "rate_per_s": 5}, {"at_s": 10, "rate_per_s": 1}]}}])",
        "rate.steps[1].at_s", "increasing time order");
    row("compound growth period zero",
        R"([{"op": "replace", "path": "/sources/0/rate", "value": {"kind": "compound", "rate_per_s": 1, "growth_percent": 5, "period_s": 0}}])",
        "source 'web': rate.period_s", "must be > 0");
    row("negative spike duration",
        R"([{"op": "add", "path": "/sources/0/rate/spikes", "value": [{"start_s": 10, "duration_s": -5, "factor": 2}]}])",
        "source 'web': rate.spikes[0].duration_s", "must be > 0");
    row("hourly factors not 24",
        R"([{"op": "add", "path": "/sources/0/rate/daily", "value": {"hourly_factors": [1, 2, 3]}}])",
        "rate.daily.hourly_factors", "exactly 24");
    row("daily amplitude too large",
        R"([{"op": "add", "path": "/sources/0/rate/daily", "value": {"amplitude": 1.5, "peak_hour": 20}}])",
        "rate.daily.amplitude", "must be in [0, 1)");
    row("weekly factors not 7",
        R"([{"op": "add", "path": "/sources/0/rate/weekly", "value": {"daily_factors": [1, 1, 1, 1, 1]}}])",
        "rate.weekly.daily_factors", "exactly 7");
    row("start weekday out of range", R"([{"op": "add", "path": "/sources/0/rate/start_weekday", "value": 9}])",
        "rate.start_weekday", "must be 0..6");
    row("renewal cv zero", R"([{"op": "add", "path": "/sources/0/arrivals", "value": {"renewal_cv": 0}}])",
        "source 'web': arrivals.renewal_cv", "must be > 0");
    row("negative service time",
        R"([{"op": "replace", "path": "/components/0/service_time/mean_ms", "value": -20}])",
        "component 'api': service_time.mean", "must be >= 0");
    row("negative work time",
        R"([{"op": "replace", "path": "/components/0/behaviour/checkout/steps/0/work/value_ms", "value": -2}])",
        "behaviour.checkout.steps[0].work.value", "must be >= 0");
    row("negative timeout",
        R"([{"op": "replace", "path": "/components/0/behaviour/{*}/steps/0/timeout_ms", "value": -1}])",
        "behaviour.*.steps[0].timeout", "must be >= 0");
    row("negative cv", R"([{"op": "replace", "path": "/components/1/service_time/cv", "value": -0.5}])",
        "component 'db': service_time.cv", "must be > 0");
    row("replicas below one", R"([{"op": "replace", "path": "/components/0/replicas", "value": 0}])",
        "component 'api': replicas", "must be >= 1");
    row("workers below one", R"([{"op": "replace", "path": "/components/0/workers_per_replica", "value": 0}])",
        "component 'api': workers_per_replica", "must be >= 1");
    row("negative queue capacity", R"([{"op": "add", "path": "/components/0/queue_capacity", "value": -3}])",
        "component 'api': queue_capacity", "must be >= 0");
    row("branch probability above one",
        R"([{"op": "replace", "path": "/components/0/behaviour/checkout/steps/2/branch/0/p", "value": 1.2}])",
        "behaviour.checkout.steps[2].branch[0].p", "probability must be in [0, 1]");
    row("branch probabilities sum past one",
        R"([{"op": "add", "path": "/components/0/behaviour/checkout/steps/2/branch/-", "value": {"p": 0.8, "steps": []}}])",
        "component 'api': behaviour.checkout.steps[2].branch", "sum to 1.1, more than 1");
    row("negative next probability",
        R"([{"op": "replace", "path": "/components/0/behaviour/{*}/next/0/p", "value": -0.1}])",
        "behaviour.*.next[0].p", "probability must be in [0, 1]");
    row("next probabilities sum past one",
        R"([{"op": "add", "path": "/components/0/behaviour/{*}/next/-", "value": {"to": "db", "p": 0.7000001}}])",
        "component 'api': behaviour.*.next", "more than 1");
    row("negative mix weight", R"([{"op": "replace", "path": "/sources/0/mix/checkout", "value": -1}])",
        "source 'web': mix.checkout", "weight must be >= 0");
    row("all mix weights zero", R"([{"op": "replace", "path": "/sources/1/mix/browse", "value": 0}])",
        "source 'analysts': mix", "all weights are zero");
    row("mix class not declared", R"([{"op": "add", "path": "/sources/0/mix/gold", "value": 1}])",
        "source 'web': mix.gold", "not declared in request_classes");
    row("source without mix while classes are declared", R"([{"op": "remove", "path": "/sources/1/mix"}])",
        "source 'analysts': mix", "requests get the class 'analysts', which is not declared");
    row("behaviour for unknown class",
        R"([{"op": "add", "path": "/components/1/behaviour", "value": {"chekout": {"steps": []}}}])",
        "component 'db': behaviour.chekout", "unknown request class 'chekout'");
    row("service time for unknown class",
        R"([{"op": "add", "path": "/components/1/service_time_by_class", "value": {"admin": {"dist": "exponential", "mean_ms": 1}}}])",
        "component 'db': service_time_by_class.admin", "unknown request class 'admin'");
    row("closed population below one", R"([{"op": "replace", "path": "/sources/1/population", "value": 0}])",
        "source 'analysts': population", "must be >= 1");
    row("horizon not after warmup", R"([{"op": "replace", "path": "/simulation/warmup_s", "value": 100}])",
        "simulation: horizon_s", "must be longer than warmup_s");
    row("replications below one", R"([{"op": "replace", "path": "/simulation/replications", "value": 0}])",
        "simulation: replications", "must be >= 1");
    row("negative window", R"([{"op": "replace", "path": "/simulation/window_s", "value": -1}])",
        "simulation: window_s", "must be >= 0");
    row("uniform min above max", R"([{"op": "replace", "path": "/components/2/service_time/min_ms", "value": 40}])",
        "component 'worker': service_time", "uniform min (0.04 s) must not exceed max (0.03 s)");
    row("histogram bounds not increasing",
        R"([{"op": "replace", "path": "/components/3/service_time/bins/1/upper_ms", "value": 10}])",
        "component 'ext': service_time.bins[1].upper", "bin bounds must increase");
    row("histogram without positive weight",
        R"([{"op": "replace", "path": "/components/3/service_time/bins", "value": [{"upper_ms": 10, "weight": 0}]}])",
        "component 'ext': service_time.bins", "no bin has a positive weight");
    row("steps on a delay",
        R"([{"op": "add", "path": "/components/3/behaviour", "value": {"*": {"steps": [{"call": "db"}]}}}])",
        "component 'ext': behaviour.*.steps", "a delay component only adds latency");
    row("queue on a delay", R"([{"op": "add", "path": "/components/3/queue_capacity", "value": 10}])",
        "component 'ext': queue_capacity", "a delay component never queues");
    row("duplicate component name", R"([{"op": "replace", "path": "/components/2/name", "value": "db"},
                                         {"op": "replace", "path": "/components/0/behaviour/{*}/next/0/to", "value": "db"},
                                         {"op": "replace", "path": "/components/0/behaviour/checkout/steps/3/send", "value": "db"}])",
        "component 'db': name", "names must be unique");
    row("synchronous call cycle",
        R"([{"op": "add", "path": "/components/1/behaviour", "value": {"*": {"steps": [{"call": "worker"}]}}},
            {"op": "add", "path": "/components/2/behaviour", "value": {"browse": {"steps": [{"parallel": [{"call": "api"}]}]}}}])",
        "component 'api': behaviour", "synchronous call cycle api -> db -> worker -> api");
    row("self call", R"([{"op": "add", "path": "/components/1/behaviour", "value": {"*": {"steps": [{"branch": [{"p": 0.1, "steps": [{"call": "db"}]}]}]}}}])",
        "component 'db': behaviour", "synchronous call cycle db -> db");
    row("routing trap",
        R"([{"op": "add", "path": "/components/2/behaviour", "value": {"*": {"next": [{"to": "ext", "p": 1}]}}},
            {"op": "add", "path": "/components/3/behaviour", "value": {"*": {"next": [{"to": "worker", "p": 1}]}}}])",
        "component 'worker': behaviour.next", "routing never lets requests leave the system: from 'worker', 'ext'");
  }

  void rule() {
    QFETCH(QString, patch);
    QFETCH(QString, where);
    QFETCH(QString, rule);
    const auto issues = test::issuesAfterPatch(patch.toStdString());
    QVERIFY2(anyIssueHas(issues, where.toStdString(), rule.toStdString()),
             ("no issue mentions both '" + where.toStdString() + "' and '" + rule.toStdString() + "'; got:\n" +
              test::joinLines(issues))
                 .c_str());
  }

  // A scenario built in memory (GUI) can have a closed source whose think time was never set.
  void closedSourceWithoutThinkTime() {
    Scenario s = test::scenarioFrom(nlohmann::json::parse(test::kValidScenario));
    s.sources[1].think_time = Distribution{};
    std::vector<std::string> issues;
    for (const auto& i : validateScenario(s)) issues.push_back(i.message());
    QVERIFY2(anyIssueHas(issues, "source 'analysts': think_time", "is missing"), test::joinLines(issues).c_str());
  }

  void probabilitiesWithinToleranceAreAccepted() {
    // 0.3 + 0.7 in binary floating point is not exactly 1; within 1e-9 it passes.
    const auto issues = test::issuesAfterPatch(
        R"([{"op": "add", "path": "/components/0/behaviour/{*}/next/-", "value": {"to": "db", "p": 0.7000000000001}}])");
    QVERIFY2(!anyIssueHas(issues, "next", "more than 1"), test::joinLines(issues).c_str());
  }

  // a -> b only for 'browse' and b -> a only for 'checkout': no request can follow that loop.
  void callsOfDifferentClassesAreNoCycle() {
    const auto issues = test::issuesAfterPatch(
        R"([{"op": "add", "path": "/components/1/behaviour", "value": {"checkout": {"steps": [{"call": "worker"}]}}},
            {"op": "add", "path": "/components/2/behaviour", "value": {"browse": {"steps": [{"call": "db"}]}}}])");
    QVERIFY2(!anyIssueHas(issues, "", "cycle"), test::joinLines(issues).c_str());
  }

  // Feedback that leaks (Jackson network) is fine; only loops with no way out are traps.
  void routingLoopThatLeaksIsAccepted() {
    const auto issues = test::issuesAfterPatch(
        R"([{"op": "add", "path": "/components/2/behaviour", "value": {"*": {"next": [{"to": "ext", "p": 1}]}}},
            {"op": "add", "path": "/components/3/behaviour", "value": {"*": {"next": [{"to": "worker", "p": 0.999}]}}}])");
    QVERIFY2(issues.empty(), test::joinLines(issues).c_str());
  }

  void everyIssueIsReported() {
    const auto issues = test::issuesAfterPatch(R"([
        {"op": "replace", "path": "/components/0/replicas", "value": 0},
        {"op": "replace", "path": "/components/1/service_time/cv", "value": -1},
        {"op": "replace", "path": "/sources/0/entry", "value": "nowhere"},
        {"op": "replace", "path": "/simulation/replications", "value": 0}])");
    QCOMPARE(issues.size(), std::size_t{4});
  }

  void loadAndValidateListsAllIssuesOnePerLine() {
    auto j = nlohmann::json::parse(test::kValidScenario);
    j["components"][0]["replicas"] = 0;
    j["simulation"]["window_s"] = -5;
    const std::string path = (std::filesystem::temp_directory_path() /
                              ("headroom-invalid-" + std::to_string(::getpid()) + ".json"))
                                 .string();
    std::ofstream(path) << j.dump(2);
    std::string msg;
    try {
      loadAndValidateScenarioFile(path);
    } catch (const ScenarioError& e) {
      msg = e.what();
    }
    std::filesystem::remove(path);
    QVERIFY2(msg.find(path + ": the scenario has 2 problems:\n") == 0, msg.c_str());
    QVERIFY2(msg.find("\n  component 'api': replicas: must be >= 1, got 0") != std::string::npos, msg.c_str());
    QVERIFY2(msg.find("\n  simulation: window_s: must be >= 0") != std::string::npos, msg.c_str());
  }
};

QTEST_APPLESS_MAIN(TestScenarioValidation)
#include "tst_scenario_validation.moc"
