// The text Headroom hands to cluster schedulers: sbatch array ranges, squeue/sacct parsing, the batch script,
// and the Kubernetes Indexed Job (against a golden file).
#include <QtTest>

#include <fstream>
#include <sstream>

#include "simulator/sweep/batch_scripts.h"

using namespace headroom::sweep;

class TestBatchScripts : public QObject {
  Q_OBJECT

  static BatchJob job() {
    BatchJob j;
    j.name = "headroom-api-replicas";
    j.cli = "/opt/headroom/bin/headroom-cli";
    j.folder = "/shared/sweeps/api replicas";
    j.shards = 8;
    j.cpus_per_task = 2;
    j.image = "registry.example.com/headroom:0.9";
    j.volume_claim = "sweeps";
    return j;
  }

 private slots:
  void arraySpecCompressesRangesAndThrottles() {
    QCOMPARE(slurmArraySpec({0, 1, 2, 3, 4, 5, 6, 7}, 2), std::string("0-7%2"));
    QCOMPARE(slurmArraySpec({1, 4, 5, 6, 9}, 0), std::string("1,4-6,9"));
    QCOMPARE(slurmArraySpec({3}, 0), std::string("3"));
  }

  void parsesSqueueAndSacctLines() {
    const auto states = parseArrayStates("17_[4-7%2]|PENDING\n17_0|RUNNING\n17_1|COMPLETING\n17_3|CANCELLED by 0\n");
    QCOMPARE(states.size(), std::size_t{3});
    QCOMPARE(states.at(0), std::string("RUNNING"));
    QCOMPARE(states.at(3), std::string("CANCELLED"));
    QVERIFY(parseArrayStates("").empty());
  }

  void batchScriptRunsTheArrayTasksShard() {
    BatchJob j = job();
    j.partition = "batch";
    const std::string s = slurmBatchScript(j);
    QVERIFY(s.rfind("#!/bin/bash\n", 0) == 0);
    QVERIFY(s.find("#SBATCH --partition=batch\n") != std::string::npos);
    QVERIFY(s.find("#SBATCH --cpus-per-task=2\n") != std::string::npos);
    QVERIFY2(s.find("exec '/opt/headroom/bin/headroom-cli' sweep '/shared/sweeps/api replicas/sweep.json' --shard "
                    "\"$SLURM_ARRAY_TASK_ID\" --shards 8 --out '/shared/sweeps/api replicas'") != std::string::npos,
             s.c_str());
    QVERIFY(slurmBatchScript(job()).find("--partition") == std::string::npos);
  }

  void kubernetesIndexedJobMatchesGolden() {
    const std::string path = HEADROOM_SOURCE_DIR "/tests/sweep/golden/indexed-job.yaml";
    const std::string yaml = kubernetesIndexedJob(job(), 3);
    if (qEnvironmentVariableIsSet("HEADROOM_UPDATE_GOLDEN")) std::ofstream(path) << yaml;
    std::ifstream in(path);
    QVERIFY2(in.good(), "golden file missing; run with HEADROOM_UPDATE_GOLDEN=1 once and review it");
    std::stringstream golden;
    golden << in.rdbuf();
    QCOMPARE(yaml, golden.str());
  }
};

QTEST_GUILESS_MAIN(TestBatchScripts)
#include "test_sweep_batch_scripts.moc"
