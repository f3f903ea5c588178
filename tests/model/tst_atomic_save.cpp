// saveScenarioFile replaces files atomically: the content is right, no temporary file is left behind, and
// a failed save throws without touching what was there.
#include <QTest>

#include <filesystem>
#include <optional>
#include <fstream>
#include <sstream>

#include <QStringList>

#include <sys/stat.h>
#include <unistd.h>

#include "tests/immutable_path.h"
#include "model/scenario_json.h"
#include "tests/model/scenario_fixtures.h"

using namespace headroom;
namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The directory's entries, sorted and comma-separated, so a stray temporary file shows in the failure.
QString filesIn(const fs::path& dir) {
  QStringList names;
  for (const auto& e : fs::directory_iterator(dir)) names << QString::fromStdString(e.path().filename().string());
  names.sort();
  return names.join(",");
}

QString jsonText(const Scenario& s) { return QString::fromStdString(scenarioToJson(s).dump(2)); }

}  // namespace

class TestAtomicSave : public QObject {
  Q_OBJECT

 private:
  fs::path dir_;
  Scenario scenario_;

 private slots:
  void init() {
    dir_ = fs::temp_directory_path() / ("headroom-save-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    scenario_ = test::scenarioFrom(nlohmann::json::parse(test::kValidScenario));
  }
  void cleanup() {
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add);
    fs::remove_all(dir_);
  }

  void saveOverExistingFileReplacesItAndLeavesNoTemporary() {
    const fs::path file = dir_ / "shop.json";
    std::ofstream(file) << "old content";
    ::chmod(file.c_str(), 0640);
    saveScenarioFile(file.string(), scenario_);
    QCOMPARE(filesIn(dir_), QString("shop.json"));
    const Scenario back = loadScenarioFile(file.string());
    QCOMPARE(jsonText(back), jsonText(scenario_));
    struct stat st {};
    QCOMPARE(::stat(file.c_str(), &st), 0);
    QCOMPARE(static_cast<int>(st.st_mode & 0777), 0640);  // the user's permissions survive the replace
  }

  void saveCreatesANewFile() {
    const fs::path file = dir_ / "new.json";
    saveScenarioFile(file.string(), scenario_);
    QCOMPARE(filesIn(dir_), QString("new.json"));
    QCOMPARE(jsonText(loadScenarioFile(file.string())), jsonText(scenario_));
  }

  // rename() onto a directory fails even for root: the failure path must clean up its temporary file.
  void failedReplaceLeavesNoTemporaryAndThrows() {
    const fs::path target = dir_ / "occupied";
    fs::create_directories(target / "child");
    bool threw = false;
    try {
      saveScenarioFile(target.string(), scenario_);
    } catch (const ScenarioError& e) {
      threw = true;
      QVERIFY2(std::string(e.what()).find(target.string()) != std::string::npos, e.what());
    }
    QVERIFY(threw);
    QCOMPARE(filesIn(dir_), QString("occupied"));
    QVERIFY(fs::is_directory(target / "child"));
  }

  void saveIntoReadOnlyDirectoryThrowsAndKeepsOriginal() {
    const fs::path file = dir_ / "shop.json";
    std::ofstream(file) << "original";
    fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec, fs::perm_options::replace);
    // Permissions do not stop root: make the directory immutable then, which stops everyone.
    std::optional<test::ImmutableGuard> immutable;
    if (::geteuid() == 0) {
      immutable.emplace(dir_.string());
      if (!immutable->active()) {
        fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add);
        QSKIP(("running as root, and directory permissions do not stop root; " + immutable->why()).c_str());
      }
    }
    bool threw = false;
    try {
      saveScenarioFile(file.string(), scenario_);
    } catch (const ScenarioError& e) {
      threw = true;
      QVERIFY2(std::string(e.what()).find("cannot create temporary file") != std::string::npos, e.what());
    }
    immutable.reset();
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add);
    QVERIFY(threw);
    QCOMPARE(QString::fromStdString(readAll(file)), QString("original"));
    QCOMPARE(filesIn(dir_), QString("shop.json"));
  }

  void saveIntoMissingDirectoryThrows() {
    QVERIFY_THROWS_EXCEPTION(ScenarioError, saveScenarioFile((dir_ / "missing" / "x.json").string(), scenario_));
    QCOMPARE(filesIn(dir_), QString());
  }
};

QTEST_APPLESS_MAIN(TestAtomicSave)
#include "tst_atomic_save.moc"
