#!/usr/bin/env bash
# Before/after comparison of the engine benchmark on a shared machine: runs two builds of headroom-bench-engine
# alternately (A B A B ...) so both sides see the same load, then prints each side's median and the ratio.
# Usage: tests/benchmarks/engine/ab_compare.sh BEFORE_BINARY AFTER_BINARY [ROUNDS=8]
# Keep the "before" binary aside (copy it out of build/release) before rebuilding the change.
set -euo pipefail
before=$1; after=$2; rounds=${3:-8}
log=$(mktemp)
for i in $(seq 1 "$rounds"); do
  for side in before after; do
    bin=$before; [ "$side" = after ] && bin=$after
    out=$("$bin" --no-memory)
    tandem=$(echo "$out" | sed -n 's/^tandem.*: \([0-9.]*\) M events\/s.*/\1/p')
    branching=$(echo "$out" | sed -n 's/^branching.*: \([0-9.]*\) M events\/s.*/\1/p')
    echo "$i $side $tandem $branching $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$log"
  done
done
python3 - "$log" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
for col, name in ((2, "tandem"), (3, "branching")):
    b = [float(r[col]) for r in rows if r[1] == "before"]
    a = [float(r[col]) for r in rows if r[1] == "after"]
    mb, ma = statistics.median(b), statistics.median(a)
    print(f"{name}: before median {mb:.2f} M events/s, after median {ma:.2f} M events/s, ratio after/before {ma / mb:.3f} ({len(b)} runs each)")
PY
rm -f "$log"
