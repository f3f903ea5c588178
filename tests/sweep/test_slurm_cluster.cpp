// headroom-cli sweep --slurm on a real (one-node, local) Slurm cluster: an 8-task job array gives results
// bit-identical to the local run; a shard that cannot succeed is re-submitted and then named; a later run
// submits only the shards still missing; Ctrl-C cancels the job with scancel. Skipped, saying so, only where
// slurm-wlm and munge are not installed.
#include <QtTest>

#include <csignal>

#include "local_slurm.h"
#include "sweep_fixtures.h"

using headroom::test::LocalSlurm;

class TestSlurmCluster : public QObject {
  Q_OBJECT
  std::unique_ptr<LocalSlurm> slurm_;
  QTemporaryDir work_;

  struct Cli {
    int exit_code = -1;
    QString out, err;
  };
  Cli cli(const QStringList& args, int timeout_ms = 300000) {
    QProcess p;
    p.setProcessEnvironment(slurm_ ? slurm_->environment() : QProcessEnvironment::systemEnvironment());
    p.start(HEADROOM_CLI_PATH, args);
    p.waitForFinished(timeout_ms);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
  }
  QString sweepFile(const char* name, const nlohmann::json& spec) {
    const QString path = work_.filePath(name);
    std::ofstream(path.toStdString()) << spec.dump(1);
    return path;
  }
  static QByteArray read(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
  }

 private slots:
  void initTestCase() {
    const QString missing = LocalSlurm::missingPrograms();
    if (!missing.isEmpty())
      QSKIP(qPrintable("Slurm test skipped: " + missing + " not installed (apt-get install slurm-wlm munge)"));
    slurm_ = std::make_unique<LocalSlurm>();
    QString why;
    QVERIFY2(slurm_->waitReady(60, &why), qPrintable(why));
  }

  void jobArrayMatchesTheLocalRunBitForBit() {
    const QString sweep = sweepFile("s.json", headroom::test::smallSweep());  // 6 points x 3 replications
    const Cli local = cli({"sweep", sweep, "--threads", "2", "--json", work_.filePath("local.json"), "--quiet"});
    QVERIFY2(local.exit_code == 0, qPrintable(local.err));
    const QString out = work_.filePath("array");
    const Cli array = cli({"sweep", sweep, "--slurm", "--shards", "8", "--max-parallel", "4", "--out", out, "--poll",
                           "0.5", "--json", work_.filePath("slurm.json"), "--quiet"});
    QVERIFY2(array.exit_code == 0, qPrintable(array.err));
    QVERIFY2(array.err.contains("submitted slurm job") && array.err.contains("(8 shards"), qPrintable(array.err));
    QVERIFY(!read(work_.filePath("local.json")).isEmpty());
    QCOMPARE(read(work_.filePath("slurm.json")), read(work_.filePath("local.json")));
    for (int i = 0; i < 8; ++i) QVERIFY(QFile::exists(out + QString("/shard-%1-of-0008.json").arg(i, 4, 10, QChar('0'))));
  }

  void failingShardIsResubmittedThenNamedAndLaterRunsOnlyIt() {
    const QString sweep = sweepFile("s.json", headroom::test::smallSweep());
    const QString out = work_.filePath("failing");
    // A directory where shard 3's file goes: that shard cannot write its result, every attempt fails.
    QVERIFY(QDir().mkpath(out + "/shard-0003-of-0008.json"));
    const Cli failed = cli({"sweep", sweep, "--slurm", "--shards", "8", "--out", out, "--poll", "0.5", "--retries", "1"});
    QCOMPARE(failed.exit_code, 1);
    QVERIFY2(failed.err.contains("re-submitting shard 3") && failed.err.contains("shard 3 of 8"), qPrintable(failed.err));
    QVERIFY2(!failed.err.contains("shard 2 of 8"), qPrintable(failed.err));
    // Fixed: the next run submits shard 3 alone and completes the sweep.
    QVERIFY(QDir(out + "/shard-0003-of-0008.json").removeRecursively());
    const Cli resumed = cli({"sweep", sweep, "--slurm", "--shards", "8", "--out", out, "--poll", "0.5", "--json",
                             work_.filePath("resumed.json"), "--quiet"});
    QVERIFY2(resumed.exit_code == 0, qPrintable(resumed.err));
    QVERIFY2(resumed.err.contains("(1 shards"), qPrintable(resumed.err));
    QCOMPARE(read(work_.filePath("resumed.json")), read(work_.filePath("local.json")));
  }

  void ctrlCCancelsTheJob() {
    auto spec = headroom::test::smallSweep();
    spec["base"]["simulation"]["horizon_s"] = 200000;  // minutes per shard: still running when cancelled
    const QString sweep = sweepFile("long.json", spec);
    QProcess p;
    p.setProcessEnvironment(slurm_->environment());
    p.start(HEADROOM_CLI_PATH, {"sweep", sweep, "--slurm", "--shards", "2", "--out", work_.filePath("long"), "--poll", "0.3"});
    QVERIFY(p.waitForStarted());
    QString err;
    for (int i = 0; i < 200 && !err.contains("running"); ++i) {
      p.waitForReadyRead(100);
      err += QString::fromUtf8(p.readAllStandardError());
    }
    QVERIFY2(err.contains("submitted slurm job"), qPrintable(err));
    ::kill(static_cast<pid_t>(p.processId()), SIGINT);
    QVERIFY(p.waitForFinished(60000));
    err += QString::fromUtf8(p.readAllStandardError());
    QCOMPARE(p.exitCode(), 130);
    QVERIFY2(err.contains("scancel"), qPrintable(err));
    // Nothing of ours is left in the queue.
    QProcess q;
    q.setProcessEnvironment(slurm_->environment());
    bool empty = false;
    for (int i = 0; i < 40 && !empty; ++i) {
      q.start(LocalSlurm::find("squeue"), {"-h"});
      q.waitForFinished();
      empty = q.readAllStandardOutput().trimmed().isEmpty();
      if (!empty) QThread::msleep(250);
    }
    QVERIFY(empty);
  }

  void cleanupTestCase() {
    if (!slurm_) return;
    const auto pids = slurm_->pids();
    slurm_.reset();  // stops the daemons by PID
    for (qint64 pid : pids) QVERIFY2(::kill(static_cast<pid_t>(pid), 0) != 0, "a Slurm daemon survived the test");
  }
};

QTEST_GUILESS_MAIN(TestSlurmCluster)
#include "test_slurm_cluster.moc"
