#!/usr/bin/env bash
# One command for every benchmark: builds the release preset, then runs the engine benchmark (with SimPy
# beside it), the importer benchmark and the project-file benchmark. Pass --quick for a short smoke run.
# Record results in docs/benchmarks.md with the machine they came from (nproc, CPU model).
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target headroom-bench-engine bench_importers headroom-bench-project headroom-cli headroom-bench-report headroom-bench-sweep
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
build/release/tests/benchmarks/headroom-bench-engine "$@"
echo
build/release/tests/benchmarks/importers/bench_importers
echo
build/release/tests/benchmarks/project/headroom-bench-project
echo
# The parts of a stack (caches, pools, retries, topics, regions) on the engine: built-in scenarios, one thread.
echo "built-in scenarios with stack components, 1 replication x 6000 s, 1 thread:"
for s in default flash-sale-stack retry-storm multi-region; do
  printf '%-18s ' "$s"
  build/release/app/headroom-cli run "scenarios/$s.json" --replications 1 --horizon 6000 --threads 1 | sed -n 2p
done
echo
# Report generation headless (PDF and HTML) for every bundled scenario, from a finished run.
QT_QPA_PLATFORM=offscreen build/release/tests/benchmarks/headroom-bench-report
# Sweeps: the same 16-task sweep on 1 and 2 threads, alternating (docs/sweeps.md).
build/release/tests/benchmarks/sweep/headroom-bench-sweep --threads 2 --rounds 3
