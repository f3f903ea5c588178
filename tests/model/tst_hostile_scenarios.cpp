// Scenarios an attacker or a careless user writes (issue #18): each is refused up front with a message that
// names the field and carries the estimate, instead of crashing, hanging or exhausting memory later.
#include <QTest>

#include "model/resource_limits.h"
#include "model/scenario_json.h"
#include "model/checked_time.h"
#include "model/validation.h"
#include "tests/model/scenario_fixtures.h"

using namespace headroom;

namespace {

bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// The one issue mentioning `field`, or a failure listing all issues.
std::string issueAbout(const std::vector<std::string>& issues, const std::string& needle) {
  for (const auto& i : issues)
    if (contains(i, needle)) return i;
  return "NO ISSUE MENTIONING '" + needle + "' IN:\n" + test::joinLines(issues);
}

std::string textError(const std::string& text) {
  try {
    scenarioFromText(text, "hostile.json");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return {};
}

// A scenario whose one behaviour nests `depth` branches, as JSON text.
std::string nestedBranches(int depth) {
  std::string steps = R"([{"call": "db"}])";
  for (int i = 0; i < depth; ++i) steps = R"([{"branch": [{"p": 1, "steps": )" + steps + "}]}]";
  nlohmann::json base = nlohmann::json::parse(test::kValidScenario);
  std::string text = base.dump();
  const std::string marker = R"("steps":[{"call":"db","timeout_ms":500}])";
  const auto at = text.find(marker);
  if (at == std::string::npos) return {};
  return text.replace(at, marker.size(), "\"steps\":" + steps);
}

}  // namespace

class TestHostileScenarios : public QObject {
  Q_OBJECT

 private slots:
  void billionReplicationsRefusedWithMemoryEstimate() {
    const auto issues = test::issuesAfterPatch(R"([{"op": "replace", "path": "/simulation/replications", "value": 1000000000}])");
    const std::string issue = issueAbout(issues, "replications");
    QVERIFY2(contains(issue, "memory") && contains(issue, "TB") && contains(issue, "the limit is 4.0 GB"), issue.c_str());
  }

  void precisionDrivenMaxReplicationsCountsToo() {
    const auto issues = test::issuesAfterPatch(R"([{"op": "add", "path": "/simulation/target_relative_precision", "value": 0.01},
                                                   {"op": "add", "path": "/simulation/max_replications", "value": 2000000000}])");
    QVERIFY2(contains(issueAbout(issues, "memory"), "replications"), test::joinLines(issues).c_str());
  }

  void compoundGrowthToInfinityRefused() {
    // 1000% per second for 100 s: 10 * 11^100 overflows a double.
    const auto issues = test::issuesAfterPatch(R"([{"op": "replace", "path": "/sources/0/rate",
        "value": {"kind": "compound", "rate_per_s": 10, "growth_percent": 1000000, "period_s": 1}}])");
    const std::string issue = issueAbout(issues, "source 'web': rate");
    QVERIFY2(contains(issue, "inf requests/s") && contains(issue, "limit is 1e+09/s"), issue.c_str());
  }

  void logisticCeilingOfATrillionRefused() {
    const auto issues = test::issuesAfterPatch(R"([{"op": "replace", "path": "/sources/0/rate",
        "value": {"kind": "logistic", "floor_per_s": 1, "ceiling_per_s": 1e12, "midpoint_s": 0, "steepness_per_day": 1000}}])");
    QVERIFY2(contains(issueAbout(issues, "source 'web': rate"), "requests/s within the horizon"), test::joinLines(issues).c_str());
  }

  void absurdRatesRefusedOrEstimated() {
    for (const char* rate : {"1e6", "1e9", "1e100", "1e308"}) {
      const std::string patch = std::string(R"([{"op": "replace", "path": "/sources/0/rate/rate_per_s", "value": )") + rate +
                                R"(}, {"op": "replace", "path": "/simulation/horizon_s", "value": 3600}])";
      const auto issues = test::issuesAfterPatch(patch);
      const std::string all = test::joinLines(issues);
      QVERIFY2(contains(all, "requests/s"), (std::string(rate) + ": " + all).c_str());
    }
    // 1e6/s for an hour, 2 replications: 7.2e9 requests, refused with the estimate and the way out.
    const auto issues = test::issuesAfterPatch(R"([{"op": "replace", "path": "/sources/0/rate/rate_per_s", "value": 1e6},
                                                   {"op": "replace", "path": "/simulation/horizon_s", "value": 3600}])");
    const std::string issue = issueAbout(issues, "simulate about");
    QVERIFY2(contains(issue, "7.2e+09 requests") && contains(issue, "max_requests"), issue.c_str());
    // ... and max_requests is that way out.
    const auto capped = test::issuesAfterPatch(R"([{"op": "replace", "path": "/sources/0/rate/rate_per_s", "value": 1e6},
                                                   {"op": "replace", "path": "/simulation/horizon_s", "value": 3600},
                                                   {"op": "add", "path": "/simulation/max_requests", "value": 100000}])");
    QVERIFY2(capped.empty(), test::joinLines(capped).c_str());
  }

  void fiftyThousandComponentsRefusedWithEstimate() {
    Scenario s = test::scenarioFrom(test::patchedFixture(""));
    const Component idle = s.components.back();
    for (int i = 0; i < 50000; ++i) {
      Component c = idle;
      c.name = "idle" + std::to_string(i);
      s.components.push_back(std::move(c));
    }
    std::string all;
    for (const auto& i : validateScenario(s)) all += i.message() + "\n";
    QVERIFY2(contains(all, "components") && contains(all, "GB of memory"), all.c_str());
  }

  void enormousServiceTimeRefused() {
    const auto issues = test::issuesAfterPatch(R"([{"op": "replace", "path": "/components/1/service_time",
        "value": {"dist": "exponential", "mean_s": 1e15}}])");
    const std::string issue = issueAbout(issues, "component 'db': service_time");
    QVERIFY2(contains(issue, "beyond the limit of 1e+07 s"), issue.c_str());
  }

  void horizonBeyondTheClockRefused() {
    const auto issues = test::issuesAfterPatch(R"([{"op": "replace", "path": "/simulation/horizon_s", "value": 1e300}])");
    QVERIFY2(contains(issueAbout(issues, "horizon_s"), "31 years"), test::joinLines(issues).c_str());
  }

  void ordinaryScenariosStayWithinTheLimits() {
    QVERIFY(test::issuesAfterPatch("").empty());
    const auto sink = validateScenario(test::scenarioFrom(nlohmann::json::parse(test::kKitchenSinkScenario)));
    QVERIFY(sink.empty());
  }

  void deepBranchNestingRefusedBeforeAnyRecursiveWalk() {
    // 32 levels are allowed and validate; 33 are refused by the validator with the limit.
    const std::string ok = nestedBranches(limits::kMaxBranchDepth);
    QVERIFY(!ok.empty());
    QVERIFY(validateScenario(scenarioFromText(ok, "ok.json")).empty());
    const std::string deeper = nestedBranches(limits::kMaxBranchDepth + 2);
    std::string all;
    for (const auto& i : validateScenario(scenarioFromText(deeper, "deep.json"))) all += i.message() + "\n";
    QVERIFY2(contains(all, "nested more than 32 levels"), all.c_str());
    // Thousands of levels (the issue's 75 KB file needed 2.9 GB): refused by the reader, with a position.
    const std::string huge = nestedBranches(5000);
    const std::string error = textError(huge);
    QVERIFY2(contains(error, "hostile.json: line 1, column ") && contains(error, "nested more than 256 levels"), error.c_str());
  }

  void bracketBombRefusedWithPosition() {
    const std::string error = textError("{\"a\":\n" + std::string(1'000'000, '['));
    QVERIFY2(contains(error, "hostile.json: line 2, column 256: nested more than 256 levels"), error.c_str());
  }

  void checkedTimeArithmeticSaturates() {
    QCOMPARE(nanosToSimTime(1e30), kSimTimeNever);
    QCOMPARE(nanosToSimTime(std::nan("")), SimTime{0});
    QCOMPARE(nanosToSimTime(-5.0), SimTime{0});
    QCOMPARE(nanosToSimTime(1234.0), SimTime{1234});
    QCOMPARE(scaleSimTime(kSimTimeNever / 2, 1e6), kSimTimeNever);
    QCOMPARE(addSimTime(kSimTimeNever - 5, 10), kSimTimeNever);
  }

  void numberOverflowNamesTheOrigin() {
    const std::string error = textError(R"({"format": "headroom-scenario", "version": 1e400})");
    QVERIFY2(contains(error, "hostile.json: ") && !contains(error, "[json.exception"), error.c_str());
  }
};

QTEST_APPLESS_MAIN(TestHostileScenarios)
#include "tst_hostile_scenarios.moc"
