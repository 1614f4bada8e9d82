#!/usr/bin/env bash
# Installs what is missing, builds everything with warnings as errors, and runs the whole test
# suite through ctest. CI (.ci/run) runs exactly this. Extra arguments go to ctest
# (e.g. `-L e2e`); REMISE_PRESET=asan runs the suite under AddressSanitizer and UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${REMISE_PRESET:-release}

./scripts/bootstrap.sh
# Paths relative to the checkout, so any clone reuses what another clone compiled.
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset "$preset" >/dev/null
cmake --build --preset "$preset" -j2
ctest --preset "$preset" "$@"
