#!/usr/bin/env bash
# The command-line demo: installs what is missing, builds, starts a local Stripe sandbox filled
# with demo Checkout Sessions, loads the sample campaigns into a demo database, and walks through
# a decision and a server-side discount update in the terminal. Nothing leaves this machine.
# (scripts/demo.sh opens the desktop app on the same demo.)
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/bootstrap.sh
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target remise-server remise-sandbox >/dev/null
bin=build/release/bin

demo=build/demo
rm -rf "$demo" && mkdir -p "$demo"
export REMISE_DB="$demo/remise.db"

"$bin/remise-sandbox" --listen 127.0.0.1:0 --seed demo >"$demo/sandbox.out" 2>"$demo/sandbox.log" &
sandbox=$!
trap 'kill $sandbox 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  grep -q "listening on" "$demo/sandbox.out" 2>/dev/null && break
  sleep 0.1
done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$demo/sandbox.out")
export REMISE_STRIPE_API_BASE="$url" REMISE_STRIPE_SECRET_KEY=sk_test_remiseDemo0000

step() { printf '\n\033[1m== %s\033[0m\n$ %s\n' "$1" "$2"; }

step "Load the sample campaigns and customer profiles" "remise-server campaigns import resources/demo/campaigns.json"
"$bin/remise-server" campaigns import resources/demo/campaigns.json
"$bin/remise-server" customers import resources/demo/customers.json

step "Check the rules for mistakes" "remise-server campaigns lint resources/demo/campaigns.json"
"$bin/remise-server" campaigns lint resources/demo/campaigns.json || true

step "The worked example: which discount should Claire's cart get, and why?" \
     "remise-server simulate --campaigns … --session … --customer … --now 2026-11-28T12:00:00+01:00"
"$bin/remise-server" simulate --campaigns resources/demo/campaigns.json \
  --session tests/data/examples/session-open.json --customer tests/data/examples/customer-claire.json \
  --now 2026-11-28T12:00:00+01:00

step "Open Checkout Sessions in the sandbox ($url)" "remise-server sessions list --status open --limit 8"
"$bin/remise-server" sessions list --status open --limit 8

step "Apply the decided discount to Claire's live session" "remise-server apply cs_test_a1Qx7demo0001"
"$bin/remise-server" apply cs_test_a1Qx7demo0001

step "Run it again: the session already carries the right discount, so nothing is sent" \
     "remise-server apply cs_test_a1Qx7demo0001"
"$bin/remise-server" apply cs_test_a1Qx7demo0001 | grep -E '"(outcome|stripe_calls)"'

printf '\nThe sandbox is at %s (key: any sk_test_… key). Press Enter to stop it.\n' "$url"
[ -t 0 ] && read -r _ || true
