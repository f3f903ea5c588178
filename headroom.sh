#!/usr/bin/env bash
# One entry point for set-up on a fresh Debian 12 machine (run as root):
#   ./headroom.sh run    install what is missing, build (release), start the GUI on the default scenario;
#                        without a display: simulate the default scenario headless, print the summary and write
#                        its report (out/default-report.pdf and .html)
#   ./headroom.sh test   install what is missing, build (ci preset: warnings are errors), run the whole test suite,
#                        then build the fuzz preset (clang + libFuzzer) and fuzz every target for a bounded time
#                        (100 s of fuzzing in all, tests/fuzz/CMakeLists.txt; HEADROOM_SKIP_FUZZ=1 skips it)
# Both are idempotent: packages already installed are not fetched again, an existing build is reused.
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(cmake ninja-build g++ qt6-base-dev qt6-base-dev-tools qt6-svg-dev libqcustomplot-dev libqcustomplot2.1-qt6
          libeigen3-dev nlohmann-json3-dev libsqlite3-dev xvfb xauth python3-simpy3 libgl-dev poppler-utils
          clang libclang-rt-14-dev  # clang + libFuzzer: the fuzz preset (tests/fuzz, docs/reliability.md)
          slurm-wlm munge)  # the sweep suite starts a one-node Slurm cluster (munged, slurmctld, slurmd)

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "headroom: installing ${missing[*]}"
    local sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

build() {  # build PRESET
  cmake --preset "$1" >/dev/null
  cmake --build --preset "$1" -j "$(nproc)"
}

case "${1:-}" in
  run)
    install_missing
    build release
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x build/release/app/headroom ]; then
      exec build/release/app/headroom scenarios/default.json
    fi
    echo "headroom: no display; simulating scenarios/default.json headless"
    mkdir -p out
    cli=build/release/app/headroom-cli
    "$cli" run scenarios/default.json --json out/default-result.json --csv out/default-series.csv
    # The management report of that same run, as PDF and as standalone HTML (rendered offscreen).
    "$cli" report scenarios/default.json --result out/default-result.json --out out/default-report.pdf
    "$cli" report scenarios/default.json --result out/default-result.json --out out/default-report.html --quiet
    ;;
  test)
    install_missing
    build ci
    # Qt tests need no display: they run on the offscreen platform.
    QT_QPA_PLATFORM=offscreen ctest --preset ci --parallel "$(nproc)"
    if [ -z "${HEADROOM_SKIP_FUZZ:-}" ]; then
      # Time-bounded fuzzing: a crash, a sanitizer report, a hang or runaway memory fails the test.
      build fuzz
      ctest --preset fuzz --parallel "$(nproc)"
    fi
    ;;
  *)
    echo "usage: $0 run | test" >&2
    exit 2
    ;;
esac
