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

constexpr std::size_t kPointsPerSeries = 64'000;  // 2 series x 2 arrays x 512 kB per transaction
constexpr int kRounds = 9;

// Where the parent kills the writer; rounds cycle through these.
enum class KillMoment {
  RandomTime,         // a seeded random delay after the first commit: lands anywhere, commits included
  JustAfterSeries,    // a seeded random few microseconds after the first series of a transaction is written
  FrozenTransaction,  // while the writer waits inside an open transaction: always needs a rollback
};

// Messages on the pipe from writer to parent.
struct Message {
  enum Kind : std::int64_t { Committed, InTransaction } kind;
  std::int64_t tag;
};

std::vector<TimeSeries> seriesFor(std::int64_t tag) {
  return {test::makeSeries("a", kPointsPerSeries, static_cast<double>(tag)),
          test::makeSeries("b", kPointsPerSeries, static_cast<double>(tag) + 0.5)};
}

void send(int fd, Message message) {
  if (write(fd, &message, sizeof message) != sizeof message) _exit(4);
}

// Child process body: commits forever. Reports each finished pair of commits, and (after the first) the
// moment a transaction has written its first series; with `freeze` it then stops inside that transaction.
[[noreturn]] void writeUntilKilled(const std::string& path, int round, bool freeze, int fd) {
  try {
    Project project = Project::open(path);
    // A tiny page cache makes SQLite write changed pages into the file before COMMIT, so a kill really
    // leaves a torn file that only the rollback journal can repair (with the default cache most changes
    // would still sit in memory).
    project.databaseForTesting().exec("PRAGMA cache_size = 32");
    std::int64_t tag = round * 100'000;
    bool committed_once = false;
    project.setFaultHookForTesting([&](std::string_view checkpoint) {
      if (!committed_once || checkpoint != "import: series written") return;
      send(fd, {Message::InTransaction, tag});
      while (freeze) pause();
    });
    for (;; ++tag) {
      const std::string settings = nlohmann::json{{"tag", tag}}.dump();
      project.importSeries(seriesFor(tag), {"kill-test.csv", "test", settings});
      project.saveScenario("s", settings, "round " + std::to_string(round));
      send(fd, {Message::Committed, tag});
      committed_once = true;
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
    std::uniform_int_distribution<int> delay_us(0, 150'000);
    std::uniform_int_distribution<int> short_delay_us(0, 3'000);
    int kills_with_hot_journal = 0;

    for (int round = 0; round < kRounds; ++round) {
      const auto moment = static_cast<KillMoment>(round % 3);
      int fds[2];
      QCOMPARE(pipe(fds), 0);
      const pid_t child = fork();
      QVERIFY(child >= 0);
      if (child == 0) {
        close(fds[0]);
        writeUntilKilled(path, round, moment == KillMoment::FrozenTransaction, fds[1]);
      }
      close(fds[1]);
      // Wait for the first commit, so the kill lands in steady writing rather than in open().
      Message message{};
      bool started = false;
      bool in_transaction = false;
      while (read(fds[0], &message, sizeof message) == sizeof message) {
        if (message.kind == Message::Committed) {
          acknowledged.insert(message.tag);
          started = true;
        }
        if (!started) continue;
        if (moment == KillMoment::RandomTime) break;
        if (message.kind == Message::InTransaction) {
          in_transaction = true;
          break;
        }
      }
      if (moment == KillMoment::RandomTime)
        std::this_thread::sleep_for(std::chrono::microseconds(delay_us(rng)));
      if (moment == KillMoment::JustAfterSeries)
        std::this_thread::sleep_for(std::chrono::microseconds(short_delay_us(rng)));
      kill(child, SIGKILL);
      int status = 0;
      QCOMPARE(waitpid(child, &status, 0), child);
      while (read(fds[0], &message, sizeof message) == sizeof message) {
        if (message.kind == Message::Committed) acknowledged.insert(message.tag);
      }
      close(fds[0]);
      QVERIFY2(started, "the writer failed before its first commit");
      QVERIFY2(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "the writer stopped by itself (an error?)");

      const bool hot_journal = std::filesystem::exists(path + "-journal");
      if (hot_journal) ++kills_with_hot_journal;
      if (moment == KillMoment::FrozenTransaction) {
        // Proves this round really interrupted a transaction that had touched the file.
        QVERIFY(in_transaction);
        QVERIFY2(hot_journal, "a kill inside a transaction left no journal to roll back");
      }
      verifyFile(path, acknowledged);
      if (QTest::currentTestFailed()) return;
    }
    qInfo("%d rounds, %zu acknowledged writes, %d kills left a hot journal to roll back", kRounds,
          acknowledged.size(), kills_with_hot_journal);
  }
};

QTEST_APPLESS_MAIN(ProjectCrashTest)
#include "test_project_crash.moc"
