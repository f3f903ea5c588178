#!/usr/bin/env bash
# One command for every benchmark: builds the release preset, then runs the engine benchmark (with SimPy
# beside it), the importer benchmark and the project-file benchmark. Pass --quick for a short smoke run.
# Record results in docs/benchmarks.md with the machine they came from (nproc, CPU model).
set -euo pipefail
cd "$(dirname "$0")/../.."
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target headroom-bench-engine bench_importers headroom-bench-project
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
build/release/tests/benchmarks/headroom-bench-engine "$@"
echo
build/release/tests/benchmarks/importers/bench_importers
echo
build/release/tests/benchmarks/project/headroom-bench-project
