#pragma once
// Text for cluster schedulers that run the sharding contract (shard_folder.h): a Slurm batch script for a
// job array (one array task = one shard) and a Kubernetes Indexed Job (one completion index = one shard).
// Headroom links nothing from either; the CLI writes these and runs sbatch/squeue/sacct/scancel.
#include <map>
#include <string>
#include <vector>

namespace headroom::sweep {

struct BatchJob {
  std::string name;        // job name (Slurm --job-name, Kubernetes metadata.name)
  std::string cli;         // absolute path of headroom-cli on the compute nodes (Slurm); the image's (k8s)
  std::string folder;      // the shard folder, absolute, on a file system every node shares
  int shards = 1;
  int cpus_per_task = 1;   // threads each shard uses
  std::string partition;   // Slurm: empty = the default partition
  std::string image;       // Kubernetes: container image holding headroom-cli
  std::string volume_claim;  // Kubernetes: PersistentVolumeClaim mounted at `folder`
};

std::string slurmBatchScript(const BatchJob& job);
// sbatch --array value for these shard indices, at most `max_parallel` running at once (0 = no limit):
// "0-7%2", "1,4,6".
std::string slurmArraySpec(const std::vector<int>& shards, int max_parallel);
// Array task index -> state, from `squeue -h -r -j JOB -o %i|%T` or `sacct -n -P -X -j JOB -o JobID,State`
// output ("123_4|RUNNING"). Lines that name no single task ("123_[0-7%2]|PENDING") are skipped.
std::map<int, std::string> parseArrayStates(const std::string& text);
// Kubernetes batch/v1 Job, completionMode Indexed, parallelism = max_parallel (0 = shards).
std::string kubernetesIndexedJob(const BatchJob& job, int max_parallel);

}  // namespace headroom::sweep
