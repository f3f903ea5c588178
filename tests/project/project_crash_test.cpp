// Crash safety: a writer process killed with SIGKILL at seeded random moments never leaves a damaged
// project, and every write it had seen committed is complete in the file.
#include <QTemporaryDir>
#include <QtTest>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <random>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "model/project/project.h"
#include "tests/project/project_test_support.h"

using namespace headroom;

namespace {

constexpr std::size_t kPointsPerSeries = 100'000;  // 2 series x 2 arrays x 800 kB per transaction
constexpr int kRounds = 6;

std::vector<TimeSeries> seriesFor(std::int64_t tag) {
  return {test::makeSeries("a", kPointsPerSeries, static_cast<double>(tag)),
          test::makeSeries("b", kPointsPerSeries, static_cast<double>(tag) + 0.5)};
}

// Child process body: commits forever; after each pair of commits reports its tag on `fd`.
[[noreturn]] void writeUntilKilled(const std::string& path, int round, int fd) {
  try {
    Project project = Project::open(path);
    for (std::int64_t k = 0;; ++k) {
      const std::int64_t tag = round * 100'000 + k;
      const std::string settings = nlohmann::json{{"tag", tag}}.dump();
      project.importSeries(seriesFor(tag), {"kill-test.csv", "test", settings});
      project.saveScenario("s", settings, "round " + std::to_string(round));
      if (write(fd, &tag, sizeof tag) != sizeof tag) _exit(4);
    }
  } catch (...) {
    _exit(3);
  }
}

}  // namespace

class ProjectCrashTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;

  // Checks the file after a kill; `acknowledged` holds tags whose commits the child had finished.
  static void verifyFile(const std::string& path, const std::set<std::int64_t>& acknowledged) {
    Project project = Project::open(path);  // rolls back a hot journal, if the kill left one
    QCOMPARE(project.integrityCheck(), std::string("ok"));

    std::set<std::int64_t> imported;
    for (const ImportInfo& batch : project.imports()) {
      const std::int64_t tag = nlohmann::json::parse(batch.record.settings_json).at("tag").get<std::int64_t>();
      imported.insert(tag);
      QCOMPARE(batch.series_count, 2);
    }
    const auto infos = project.listSeries();
    QCOMPARE(infos.size(), 2 * imported.size());
    for (const SeriesInfo& info : infos) {
      QCOMPARE(info.point_count, static_cast<std::int64_t>(kPointsPerSeries));
      const TimeSeries loaded = project.loadSeries(info.id);  // throws if a blob's size disagrees
      // The import with this series tells us which content it must have.
      std::int64_t tag = -1;
      for (const ImportInfo& batch : project.imports()) {
        if (batch.id == info.import_id)
          tag = nlohmann::json::parse(batch.record.settings_json).at("tag").get<std::int64_t>();
      }
      const auto expected = seriesFor(tag);
      QVERIFY(test::sameSeries(loaded, info.name == "a" ? expected[0] : expected[1]));
    }

    std::set<std::int64_t> saved;
    std::int64_t expected_version = 0;
    for (const ScenarioVersion& version : project.history("s")) {
      QCOMPARE(version.version, ++expected_version);  // no holes in the numbering
      saved.insert(nlohmann::json::parse(project.loadScenario("s", version.version)).at("tag").get<std::int64_t>());
    }
    for (const std::int64_t tag : acknowledged) {
      QVERIFY2(imported.count(tag) == 1, ("acknowledged import lost: " + std::to_string(tag)).c_str());
      QVERIFY2(saved.count(tag) == 1, ("acknowledged scenario save lost: " + std::to_string(tag)).c_str());
    }
  }

 private slots:
  void initTestCase() { QVERIFY(dir_.isValid()); }

  void killedWriterLeavesConsistentFile() {
    const std::string path = dir_.filePath("killed.hdrm").toStdString();
    Project::create(path).saveScenario("s", R"({"tag":-1})");
    std::set<std::int64_t> acknowledged;
    std::mt19937 rng(20261122);  // seeded: the same kill schedule on every run
    std::uniform_int_distribution<int> delay_ms(0, 150);
    int kills_with_hot_journal = 0;

    for (int round = 0; round < kRounds; ++round) {
      int fds[2];
      QCOMPARE(pipe(fds), 0);
      const pid_t child = fork();
      QVERIFY(child >= 0);
      if (child == 0) {
        close(fds[0]);
        writeUntilKilled(path, round, fds[1]);
      }
      close(fds[1]);
      std::int64_t tag = 0;
      // Wait for the first commit, so the kill lands in steady writing rather than in open().
      const bool started = read(fds[0], &tag, sizeof tag) == sizeof tag;
      if (started) acknowledged.insert(tag);
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
      kill(child, SIGKILL);
      int status = 0;
      QCOMPARE(waitpid(child, &status, 0), child);
      while (read(fds[0], &tag, sizeof tag) == sizeof tag) acknowledged.insert(tag);
      close(fds[0]);
      QVERIFY2(started, "the writer failed before its first commit");
      QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the writer stopped by itself (an error?)");

      if (std::filesystem::exists(path + "-journal")) ++kills_with_hot_journal;
      verifyFile(path, acknowledged);
      if (QTest::currentTestFailed()) return;
    }
    qInfo("%d rounds, %zu acknowledged writes, %d kills left a hot journal to roll back", kRounds,
          acknowledged.size(), kills_with_hot_journal);
  }
};

QTEST_APPLESS_MAIN(ProjectCrashTest)
#include "project_crash_test.moc"
