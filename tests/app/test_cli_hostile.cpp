// headroom-cli facing hostile input (issue #18): messages name the project and scenario, and a result that
// could not be stored is refused before the simulation runs, not after.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sqlite3.h>

#include "tests/app/cli_test_support.h"
#include "app/cli_commands.h"
#include "model/project/project.h"

using namespace headroom;

namespace {

const std::string kScenarios = std::string(HEADROOM_SOURCE_DIR) + "/scenarios/";

using test::Captured;

std::string runError(const std::vector<std::string>& args) {
  Captured c;
  try {
    cli::commandRun(args, c.ctx);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "NO ERROR";
}

}  // namespace

class CliHostileTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  std::string pathOf(const char* name) { return dir_.filePath(name).toStdString(); }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void corruptScenarioInAProjectNamesProjectAndScenario() {
    const std::string path = pathOf("shop.hdrm");
    Project::create(path).saveScenario("peak", R"({"format": "headroom-scenario", "version": 1})");
    // A stored version damaged behind our back (the project accepts only valid JSON, so use SQLite directly).
    sqlite3* db = nullptr;
    QCOMPARE(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    QCOMPARE(sqlite3_exec(db, "UPDATE scenario_version SET json = '{\"format\": \"headroom-scenario\",\n  \"version\": 1,,}'",
                          nullptr, nullptr, nullptr),
             SQLITE_OK);
    sqlite3_close(db);
    const std::string error = runError({"--project", path, "--scenario", "peak"});
    QVERIFY2(error.find("project " + path + ": scenario 'peak': line 2, column") == 0, error.c_str());
    QVERIFY2(error.find("json.exception") == std::string::npos, error.c_str());
  }

  void unwritableResultDestinationFailsBeforeTheRun() {
    // "does not exist" comes only from the check made before the run (a failure after it reads differently);
    // the 10^6-second horizon would make a late failure obvious as a minutes-long test.
    for (const char* option : {"--project", "--json", "--csv"}) {
      const std::string error = runError({kScenarios + "mm1.json", "--horizon", "1000000", option,
                                          pathOf("no-such-folder/out.file")});
      QVERIFY2(error.find("no-such-folder") != std::string::npos && error.find("does not exist") != std::string::npos,
               error.c_str());
    }
  }

  void replicationsOnTheCommandLineAreBounded() {
    const std::string error = runError({kScenarios + "mm1.json", "--replications", "1000000000"});
    QVERIFY2(error.find("--replications") != std::string::npos, error.c_str());
  }

  void horizonOverrideIsJudgedByTheSameLimits() {
    // mm1 at 8 requests/s for 10^8 s: 4e9 requests in 5 replications, over the planned-work limit.
    const std::string error = runError({kScenarios + "mm1.json", "--horizon", "100000000"});
    QVERIFY2(error.find("cannot run with these settings") != std::string::npos &&
                 error.find("requests") != std::string::npos,
             error.c_str());
  }
};

QTEST_APPLESS_MAIN(CliHostileTest)
#include "test_cli_hostile.moc"
