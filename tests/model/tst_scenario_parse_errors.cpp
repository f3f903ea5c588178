// What the loader says about malformed scenarios: JSON syntax with line and column, wrong types, missing
// keys, typos in keys and enum values, both unit variants, and files from a newer Headroom.
#include <QTest>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "model/scenario_json.h"
#include "tests/model/scenario_fixtures.h"

using namespace headroom;
namespace fs = std::filesystem;

namespace {

// The loader's message for the valid fixture after an RFC 6902 patch; empty when it loads.
std::string parseErrorAfterPatch(const std::string& patch) {
  const auto patched = test::patchedFixture(patch);
  try {
    scenarioFromJson(patched, "fixture.json");
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return {};
}

bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

}  // namespace

class TestScenarioParseErrors : public QObject {
  Q_OBJECT

 private:
  fs::path dir_;

  std::string writeFile(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p) << text;
    return p.string();
  }

  std::string loadError(const std::string& path) {
    try {
      loadScenarioFile(path);
    } catch (const ScenarioError& e) {
      return e.what();
    }
    return {};
  }

 private slots:
  void initTestCase() {
    dir_ = fs::temp_directory_path() / ("headroom-parse-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void cleanupTestCase() { fs::remove_all(dir_); }

  void fixtureLoads() { QVERIFY(parseErrorAfterPatch("[]").empty()); }

  void syntaxErrorReportsLineAndColumn() {
    const std::string path = writeFile("syntax.json",
                                       "{\n"
                                       "  \"format\": \"headroom-scenario\",\n"
                                       "  \"version\": 1,\n"
                                       "  \"sources\": [,]\n"
                                       "}\n");
    const std::string msg = loadError(path);
    QVERIFY2(contains(msg, path + ": line 4, column 15: JSON syntax error"), msg.c_str());
    QVERIFY2(contains(msg, "unexpected ','"), msg.c_str());
  }

  void truncatedFileReportsWhereItEnds() {
    const std::string path = writeFile("truncated.json", "{\n  \"format\": \"headroom-scenario\",\n  \"version\": 1");
    const std::string msg = loadError(path);
    QVERIFY2(contains(msg, "line 3, column 15: JSON syntax error"), msg.c_str());
  }

  void missingFileNamesThePath() {
    const std::string msg = loadError((dir_ / "does-not-exist.json").string());
    QVERIFY2(contains(msg, "does-not-exist.json: cannot open the file"), msg.c_str());
  }

  void folderIsNotAFile() {
    const std::string msg = loadError(dir_.string());
    QVERIFY2(contains(msg, dir_.string() + ": is a folder, not a scenario file"), msg.c_str());
  }

  void unknownKeyTypoSuggestsTheKnownKey() {
    const std::string msg = parseErrorAfterPatch(R"([{"op": "add", "path": "/components/1/behavior", "value": {}}])");
    QVERIFY2(contains(msg, "fixture.json: components[1].behavior: unknown key 'behavior' (did you mean 'behaviour'?)"),
             msg.c_str());
    QVERIFY2(contains(msg, "component 'db'"), msg.c_str());
  }

  void unknownKeyWithoutLikenessListsAllowedKeys() {
    const std::string msg = parseErrorAfterPatch(R"([{"op": "add", "path": "/simulation/colour", "value": 1}])");
    QVERIFY2(contains(msg, "simulation.colour: unknown key 'colour'; allowed here:"), msg.c_str());
    QVERIFY2(contains(msg, "'horizon_s'"), msg.c_str());
  }

  void unknownKeyInsideStepSuggests() {
    const std::string msg = parseErrorAfterPatch(
        R"([{"op": "replace", "path": "/components/0/behaviour/{*}/steps/0", "value": {"cal": "db"}}])");
    QVERIFY2(contains(msg, "components[0].behaviour[\"*\"].steps[0].cal: unknown key 'cal' (did you mean 'call'?)"),
             msg.c_str());
  }

  void bothUnitVariantsRejected() {
    const std::string msg = parseErrorAfterPatch(
        R"([{"op": "add", "path": "/components/0/service_time/mean_s", "value": 0.02}])");
    QVERIFY2(contains(msg, "components[0].service_time.mean_ms: give either 'mean_s' or 'mean_ms', not both"),
             msg.c_str());
    QVERIFY2(contains(msg, "component 'api'"), msg.c_str());
  }

  void newerVersionRejected() {
    const std::string msg = parseErrorAfterPatch(R"([{"op": "replace", "path": "/version", "value": 2},
                                                     {"op": "add", "path": "/future_feature", "value": true}])");
    QVERIFY2(contains(msg, "version: format version 2 was written by a newer Headroom"), msg.c_str());
  }

  void notAScenarioFile() {
    const std::string msg = parseErrorAfterPatch(R"([{"op": "remove", "path": "/format"}])");
    QVERIFY2(contains(msg, "not a Headroom scenario"), msg.c_str());
    const std::string other = parseErrorAfterPatch(R"([{"op": "replace", "path": "/format", "value": "grafana"}])");
    QVERIFY2(contains(other, "format: is 'grafana', expected 'headroom-scenario'"), other.c_str());
  }

  void wrongTypeNamesPathAndType() {
    const std::string msg = parseErrorAfterPatch(
        R"([{"op": "replace", "path": "/components/0/service_time/mean_ms", "value": "20"}])");
    QVERIFY2(contains(msg, "components[0].service_time.mean_ms: must be a number, got string \"20\""), msg.c_str());
    const std::string notInt = parseErrorAfterPatch(R"([{"op": "replace", "path": "/components/0/replicas", "value": 2.5}])");
    QVERIFY2(contains(notInt, "components[0].replicas: must be a whole number, got number 2.5"), notInt.c_str());
  }

  void missingRequiredKeyNamesIt() {
    const std::string msg = parseErrorAfterPatch(R"([{"op": "remove", "path": "/components/1/service_time"}])");
    QVERIFY2(contains(msg, "components[1]: missing required key 'service_time' (in component 'db')"), msg.c_str());
    const std::string dur = parseErrorAfterPatch(R"([{"op": "remove", "path": "/components/0/service_time/mean_ms"}])");
    QVERIFY2(contains(dur, "missing required key 'mean_s' (or 'mean_ms')"), dur.c_str());
  }

  void unknownEnumValueListsAllowed() {
    const std::string msg = parseErrorAfterPatch(
        R"([{"op": "add", "path": "/components/0/discipline", "value": "fifo"}])");
    QVERIFY2(contains(msg, "components[0].discipline: unknown value 'fifo'; allowed: 'fcfs', 'ps'"), msg.c_str());
    const std::string dist = parseErrorAfterPatch(
        R"([{"op": "replace", "path": "/components/1/service_time/dist", "value": "lognormol"}])");
    QVERIFY2(contains(dist, "(did you mean 'lognormal'?)"), dist.c_str());
  }

  void openOnlyKeyOnClosedSource() {
    const std::string msg = parseErrorAfterPatch(
        R"([{"op": "add", "path": "/sources/1/rate", "value": {"kind": "constant", "rate_per_s": 1}}])");
    QVERIFY2(contains(msg, "sources[1].rate: 'rate' applies to open sources only"), msg.c_str());
    QVERIFY2(contains(msg, "source 'analysts'"), msg.c_str());
  }

  void stepDoingTwoThings() {
    const std::string msg = parseErrorAfterPatch(
        R"([{"op": "add", "path": "/components/0/behaviour/{*}/steps/0/send", "value": "worker"}])");
    QVERIFY2(contains(msg, "steps[0]: a step does one thing: found both 'call' and 'send'"), msg.c_str());
  }

  void sendHasNoTimeout() {
    const std::string msg = parseErrorAfterPatch(
        R"([{"op": "add", "path": "/components/0/behaviour/checkout/steps/3/timeout_ms", "value": 5}])");
    QVERIFY2(contains(msg, "steps[3].timeout_ms: a send does not wait"), msg.c_str());
  }

  void dailySeasonalityWithBothForms() {
    const std::string msg = parseErrorAfterPatch(
        R"([{"op": "add", "path": "/sources/0/rate/daily",
             "value": {"amplitude": 0.3, "hourly_factors": [1, 2]}}])");
    QVERIFY2(contains(msg, "sources[0].rate.daily.hourly_factors: give either 'amplitude'/'peak_hour' or 'hourly_factors'"),
             msg.c_str());
  }

  // In a file, structural errors also point at the line of the offending key.
  void fieldErrorInFileCarriesItsLine() {
    auto j = nlohmann::json::parse(test::kValidScenario);
    j["components"][2]["workers_per_replica"] = "many";
    const std::string text = j.dump(2);
    const std::string path = writeFile("typed.json", text);
    std::istringstream lines(text);
    std::string line;
    int lineNo = 0, expected = 0;
    while (std::getline(lines, line)) {
      ++lineNo;
      if (line.find("\"many\"") != std::string::npos) expected = lineNo;
    }
    QVERIFY(expected > 0);
    const std::string msg = loadError(path);
    QVERIFY2(contains(msg, path + ": line " + std::to_string(expected) + ", column "), msg.c_str());
    QVERIFY2(contains(msg, "components[2].workers_per_replica: must be a whole number, got string \"many\""), msg.c_str());
  }

  void duplicateKeyIsAnError() {
    const std::string path = writeFile("dup.json",
                                       "{\"format\": \"headroom-scenario\", \"version\": 1,\n"
                                       " \"sources\": [], \"components\": [],\n"
                                       " \"name\": \"a\", \"name\": \"b\"}\n");
    const std::string msg = loadError(path);
    QVERIFY2(contains(msg, "line 3, column 15: name: duplicate key"), msg.c_str());
  }
};

QTEST_APPLESS_MAIN(TestScenarioParseErrors)
#include "tst_scenario_parse_errors.moc"
