// headroom-cli sweep and merge, called as functions: table, JSON, project storage, shards, usage errors.
#include <QtTest>

#include <QTemporaryDir>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/app/cli_test_support.h"
#include "app/cli_args.h"
#include "app/cli_sweep_command.h"
#include "model/project/project.h"

using namespace headroom;

namespace {

const std::string kSweep = std::string(HEADROOM_SOURCE_DIR) + "/scenarios/sweeps/mm1-rate-workers.json";

using test::Captured;

std::string readFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

class CliSweepTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string path(const char* name) { return dir_.filePath(name).toStdString(); }

 private slots:
  void localSweepPrintsWritesAndStores() {
    Captured c;
    QCOMPARE(cli::commandSweep({kSweep, "--threads", "2", "--json", path("r.json"), "--project", path("p.hdrm")}, c.ctx), 0);
    const std::string table = c.out.str();
    QVERIFY2(table.find("end_to_end.response_p99_s") != std::string::npos && table.find("server.utilization") != std::string::npos, table.c_str());
    QVERIFY2(table.find("sweep #1") != std::string::npos, table.c_str());
    const auto j = nlohmann::json::parse(readFile(path("r.json")));
    QCOMPARE(j["points"].size(), std::size_t{6});
    Project project = Project::open(path("p.hdrm"));
    QCOMPARE(project.listSweeps().size(), std::size_t{1});
    QCOMPARE(project.listSweeps()[0].scenario_name, std::string("mm1"));
    QCOMPARE(nlohmann::json::parse(project.loadSweep(1).result_json), j);
  }

  void shardsThenMergeNamesTheMissingOneAndRerunCompletes() {
    const std::string shards = path("shards");
    Captured prep;
    QCOMPARE(cli::commandSweep({kSweep, "--shards", "3", "--out", shards}, prep.ctx), 0);
    for (const char* i : {"0", "2"}) {
      Captured c;
      QCOMPARE(cli::commandSweep({shards + "/sweep.json", "--shard", i, "--shards", "3", "--out", shards}, c.ctx), 0);
    }
    Captured merge;
    QCOMPARE(cli::commandMerge({shards}, merge.ctx), 1);
    QVERIFY2(merge.err.str().find("shard 1 of 3: missing") != std::string::npos, merge.err.str().c_str());
    Captured rerun;
    QCOMPARE(cli::commandMerge({shards, "--rerun", "--json", path("m.json"), "--quiet"}, rerun.ctx), 0);
    Captured local;
    QCOMPARE(cli::commandSweep({kSweep, "--threads", "1", "--json", path("l.json"), "--quiet"}, local.ctx), 0);
    QCOMPARE(readFile(path("m.json")), readFile(path("l.json")));
  }

  void usageErrors() {
    Captured c;
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::commandSweep({}, c.ctx));
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::commandSweep({kSweep, "--shard", "0"}, c.ctx));
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::commandSweep({kSweep, "--threads", "-1"}, c.ctx));
    QVERIFY_THROWS_EXCEPTION(cli::UsageError, cli::commandSweep({kSweep, "--slurm", "--shard", "1"}, c.ctx));
    QVERIFY_THROWS_EXCEPTION(sweep::SweepError, cli::commandSweep({kSweep, "--shard", "3", "--shards", "3", "--out", path("x")}, c.ctx));
    QVERIFY_THROWS_EXCEPTION(sweep::SweepError, cli::commandMerge({path("not-a-shard-folder")}, c.ctx));
  }
};

QTEST_GUILESS_MAIN(CliSweepTest)
#include "test_cli_sweep.moc"
