#include "simulator/sweep/batch_scripts.h"

#include <sstream>

namespace headroom::sweep {
namespace {

// Single-quoted for the shell: safe for any path.
std::string shellQuote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string yamlQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += (c == '"' || c == '\\') ? std::string("\\") + c : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string slurmBatchScript(const BatchJob& job) {
  std::ostringstream s;
  s << "#!/bin/bash\n"
    << "# Written by headroom-cli sweep --slurm: array task i runs shard i of " << job.shards << ".\n"
    << "#SBATCH --job-name=" << job.name << "\n"
    << "#SBATCH --cpus-per-task=" << job.cpus_per_task << "\n"
    << "#SBATCH --output=" << job.folder << "/slurm-%A_%a.out\n";
  if (!job.partition.empty()) s << "#SBATCH --partition=" << job.partition << "\n";
  s << "exec " << shellQuote(job.cli) << " sweep " << shellQuote(job.folder + "/sweep.json")
    << " --shard \"$SLURM_ARRAY_TASK_ID\" --shards " << job.shards << " --out " << shellQuote(job.folder)
    << " --threads \"${SLURM_CPUS_PER_TASK:-" << job.cpus_per_task << "}\" --quiet --no-progress\n";
  return s.str();
}

std::string slurmArraySpec(const std::vector<int>& shards, int max_parallel) {
  std::string out;
  for (std::size_t i = 0; i < shards.size();) {
    std::size_t j = i;
    while (j + 1 < shards.size() && shards[j + 1] == shards[j] + 1) ++j;
    if (!out.empty()) out += ",";
    out += std::to_string(shards[i]);
    if (j > i) out += "-" + std::to_string(shards[j]);
    i = j + 1;
  }
  if (max_parallel > 0) out += "%" + std::to_string(max_parallel);
  return out;
}

std::map<int, std::string> parseArrayStates(const std::string& text) {
  std::map<int, std::string> states;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    const auto bar = line.find('|');
    const auto under = line.find('_');
    if (bar == std::string::npos || under == std::string::npos || under > bar) continue;
    const std::string index = line.substr(under + 1, bar - under - 1);
    if (index.empty() || index.find_first_not_of("0123456789") != std::string::npos) continue;
    std::string state = line.substr(bar + 1);
    while (!state.empty() && (state.back() == '\r' || state.back() == ' ' || state.back() == '|')) state.pop_back();
    // sacct writes "CANCELLED by 0": the first word is the state.
    state = state.substr(0, state.find(' '));
    states[std::stoi(index)] = state;
  }
  return states;
}

std::string kubernetesIndexedJob(const BatchJob& job, int max_parallel) {
  std::ostringstream y;
  y << "# Written by headroom-cli sweep --kubernetes: completion index i runs shard i of " << job.shards << ".\n"
    << "# The shard folder must be on the volume; merge it afterwards with: headroom-cli merge " << job.folder << "\n"
    << "apiVersion: batch/v1\n"
    << "kind: Job\n"
    << "metadata:\n"
    << "  name: " << job.name << "\n"
    << "spec:\n"
    << "  completionMode: Indexed\n"
    << "  completions: " << job.shards << "\n"
    << "  parallelism: " << (max_parallel > 0 ? max_parallel : job.shards) << "\n"
    << "  backoffLimitPerIndex: 2\n"
    << "  template:\n"
    << "    spec:\n"
    << "      restartPolicy: Never\n"
    << "      containers:\n"
    << "        - name: shard\n"
    << "          image: " << yamlQuote(job.image) << "\n"
    << "          command: [" << yamlQuote(job.cli) << ", \"sweep\", " << yamlQuote(job.folder + "/sweep.json")
    << ", \"--shard\", \"$(JOB_COMPLETION_INDEX)\", \"--shards\", \"" << job.shards << "\", \"--out\", "
    << yamlQuote(job.folder) << ", \"--threads\", \"" << job.cpus_per_task << "\", \"--quiet\", \"--no-progress\"]\n"
    << "          resources:\n"
    << "            requests:\n"
    << "              cpu: \"" << job.cpus_per_task << "\"\n"
    << "          volumeMounts:\n"
    << "            - name: shards\n"
    << "              mountPath: " << yamlQuote(job.folder) << "\n"
    << "      volumes:\n"
    << "        - name: shards\n"
    << "          persistentVolumeClaim:\n"
    << "            claimName: " << yamlQuote(job.volume_claim) << "\n";
  return y.str();
}

}  // namespace headroom::sweep
