#include "simulator/sweep/sweep_runner.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "simulator/simulation.h"
#include "simulator/sweep/kpi_names.h"

namespace headroom::sweep {

std::vector<std::size_t> shardTasks(const SweepPlan& plan, int shard, int shards) {
  if (shards < 1 || shard < 0 || shard >= shards)
    throw SweepError("shard " + std::to_string(shard) + " of " + std::to_string(shards) + ": need 0 <= shard < shards");
  std::vector<std::size_t> tasks;
  for (std::size_t t = static_cast<std::size_t>(shard); t < plan.taskCount(); t += static_cast<std::size_t>(shards))
    tasks.push_back(t);
  return tasks;
}

TaskRun runTasks(const SweepPlan& plan, const std::vector<std::size_t>& tasks, int threads, Feedback* feedback) {
  const int hw = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const int workers = std::clamp(threads > 0 ? threads : hw, 1, std::max<int>(1, static_cast<int>(tasks.size())));
  std::vector<std::optional<TaskResult>> slots(tasks.size());
  std::vector<std::atomic<double>> partial(tasks.size());
  for (auto& p : partial) p.store(0.0);
  std::atomic<std::size_t> next{0};
  std::atomic<bool> stop{false};
  std::mutex reportMutex, failureMutex;
  std::exception_ptr failure;

  auto report = [&]() {
    if (!feedback || tasks.empty()) return;
    std::unique_lock lock(reportMutex, std::try_to_lock);
    if (!lock) return;  // another thread is reporting; progress is monotone enough without waiting
    double sum = 0;
    for (const auto& p : partial) sum += p.load(std::memory_order_relaxed);
    feedback->setProgress(sum / static_cast<double>(tasks.size()), "sweep");
  };

  auto worker = [&]() {
    for (;;) {
      const std::size_t i = next.fetch_add(1);
      if (i >= tasks.size() || stop.load() || (feedback && feedback->isCancelled())) return;
      const std::size_t task = tasks[i];
      if (task >= plan.taskCount()) throw SweepError("task " + std::to_string(task) + " is outside the sweep");
      const SweepPoint& point = plan.points[plan.pointOf(task)];
      RunOptions options;
      options.seed = plan.seedOf(task);
      options.replications = 1;
      options.target_relative_precision = 0.0;  // one replication per task: the sweep decides how many
      options.threads = 1;
      // A task-local Feedback carries the parent's cancellation into the replication and its progress out.
      Feedback local;
      local.setProgressCallback([&, i](double fraction, const std::string&) {
        partial[i].store(fraction, std::memory_order_relaxed);
        if ((feedback && feedback->isCancelled()) || stop.load()) local.cancel();
        report();
      });
      RunResult r;
      try {
        r = runSimulation(point.scenario, options, &local);
      } catch (const std::exception& e) {
        throw SweepError("point " + std::to_string(plan.pointOf(task)) + " replication " +
                         std::to_string(plan.replicationOf(task)) + ": " + e.what());
      }
      if (r.cancelled || r.replications < 1) return;
      TaskResult out{task, *options.seed, {}};
      for (const auto& k : plan.kpis) out.kpis.push_back(kpiValue(r, k));
      slots[i] = std::move(out);
      partial[i].store(1.0, std::memory_order_relaxed);
      report();
    }
  };
  auto guarded = [&]() {
    try {
      worker();
    } catch (...) {
      std::lock_guard lock(failureMutex);
      if (!failure) failure = std::current_exception();
      stop.store(true);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < workers; ++t) pool.emplace_back(guarded);
  guarded();
  for (auto& th : pool) th.join();
  if (failure) std::rethrow_exception(failure);

  TaskRun run;
  run.cancelled = feedback && feedback->isCancelled();
  for (auto& s : slots)
    if (s) run.results.push_back(std::move(*s));
  std::sort(run.results.begin(), run.results.end(), [](const TaskResult& a, const TaskResult& b) { return a.task < b.task; });
  return run;
}

}  // namespace headroom::sweep
