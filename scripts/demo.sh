#!/usr/bin/env bash
# The demo: installs what is missing, builds, and opens the desktop app on its own demo —
# `remise --demo` starts a local Stripe sandbox filled with Checkout Sessions and a demo
# database with the sample campaigns, segments and customers, everything marked DEMO. Nothing
# leaves this machine. Without a display, it says so and runs the terminal walkthrough
# (scripts/demo-cli.sh) instead.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/bootstrap.sh
export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target remise remise-sandbox remise-server >/dev/null

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "demo: no display here (DISPLAY and WAYLAND_DISPLAY are unset); running the terminal" \
       "walkthrough instead. On a desktop, this opens the app." >&2
  exec ./scripts/demo-cli.sh
fi
exec build/release/bin/remise --demo "$@"
