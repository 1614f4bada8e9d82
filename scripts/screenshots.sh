#!/usr/bin/env bash
# Screenshots of every page of the desktop app on the demo, in English and French, light and
# dark, into docs/images/ (<page>-<lang>-<theme>.png). Each run starts the app's own demo
# sandbox and a temporary database, applies one discount so every page has content, and grabs
# the window offscreen (no display needed), with a home directory of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/bootstrap.sh
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target remise-screenshots remise-sandbox >/dev/null

out=${1:-docs/images}
mkdir -p "$out"
for lang in en fr; do
  for theme in light dark; do
    QT_QPA_PLATFORM=offscreen QT_LOGGING_RULES='*.info=false' \
      build/release/bin/remise-screenshots --out "$out" --lang "$lang" --theme "$theme"
  done
done
