#!/usr/bin/env bash
# A longer fuzzing session for developers (docs/reliability.md): builds the fuzz preset, makes the seeds, then
# fuzzes each target for SECONDS (default 600) with JOBS parallel workers (default: cores), keeping the corpus in
# build/fuzz/tests/fuzz/corpus/<target> between sessions. Crashes land in build/fuzz/tests/fuzz/artifacts/<target>/;
# commit each one under tests/fuzz/regressions/<target>/ with the fix.
#   tests/fuzz/run_fuzzers.sh [SECONDS] [TARGET-REGEX]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds="${1:-600}"
only="${2:-.}"
jobs="${JOBS:-$(nproc)}"
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz
ctest --preset fuzz -R '^fuzz_seeds_' >/dev/null
dir=build/fuzz/tests/fuzz
status=0
for exe in "$dir"/fuzz_*; do
  name="$(basename "$exe")"; name="${name#fuzz_}"
  [[ "$name" =~ $only ]] || continue
  case "$name" in
    import_*) seeds="$dir/seeds/importers"; max_len=65536 ;;
    project) seeds="$dir/seeds/project"; max_len=400000 ;;
    *) seeds="$dir/seeds/scenario"; max_len=65536 ;;
  esac
  regressions="tests/fuzz/regressions/$name"
  mkdir -p "$dir/corpus/$name" "$dir/artifacts/$name"
  echo "== $name: ${seconds} s, $jobs job(s)"
  inputs=("$dir/corpus/$name")
  [ -d "$regressions" ] && inputs+=("$regressions")
  "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" -jobs="$jobs" -workers="$jobs" \
         -artifact_prefix="$dir/artifacts/$name/" "${inputs[@]}" "$seeds" || status=1
done
exit $status
