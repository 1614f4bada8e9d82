#!/usr/bin/env bash
# The service benchmark (docs/performance.md): `remise-server serve` side by side with the
# reference stack (bench/node-peer: Node.js and Stripe's official SDK), each with its own
# remise-sandbox holding the same checkouts, driven by wrk on loopback over
# POST /v1/discounts/refresh, in alternating runs. Two scenarios: the sandbox at full speed, and
# Stripe-like latency (~150 ms per call, the sandbox's latency fault) with dozens of concurrent
# checkouts. Prints, for both and as ratios: requests/s, p50 and p99, CPU time per request of
# the server process alone (utime+stime from /proc/<pid>/stat), peak memory (VmHWM), and Stripe
# calls per request (from the sandbox's request log).
#
# Usage: scripts/bench-service.sh [--rounds N] [--duration S] [--quick]
#   --rounds N    runs per stack and scenario, alternating (default 3)
#   --duration S  seconds per run (default 10)
#   --quick       1 round of 4 s: a smoke test of the benchmark itself
# Needs: a release build (it builds remise-server and remise-sandbox), node, npm, wrk
# (`apt-get install wrk`; not part of scripts/bootstrap.sh: the tests do not need it).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3
duration=10
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --quick) rounds=1; duration=4; shift ;;
    *) echo "usage: $0 [--rounds N] [--duration S] [--quick]" >&2; exit 2 ;;
  esac
done
for tool in node npm wrk; do
  command -v "$tool" >/dev/null || { echo "bench-service: $tool is not installed (wrk: apt-get install wrk)" >&2; exit 1; }
done

export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
cmake --preset release >/dev/null
cmake --build --preset release -j2 --target remise-server remise-sandbox >/dev/null
bin=$PWD/build/release/bin
work=$PWD/build/bench-service
rm -rf "$work" && mkdir -p "$work"
(cd bench/node-peer && [ -d node_modules ] || npm ci --no-audit --no-fund --silent)

key=sk_test_benchmark0000
cleanup() { # every process start() launched, by the pid it recorded
  for file in "$work"/*.pid; do
    [ -e "$file" ] && kill "$(cat "$file")" 2>/dev/null || true
  done
}
trap cleanup EXIT

# Starts a process in the background, records its pid in LOG.pid, waits for "listening on
# http://127.0.0.1:PORT" in its log and prints the URL.
start() {
  local log=$1; shift
  "$@" >"$log" 2>&1 &
  echo $! >"$log.pid"
  for _ in $(seq 200); do
    if grep -q 'listening on http://127.0.0.1:' "$log" 2>/dev/null; then
      grep -o 'listening on http://127.0.0.1:[0-9]*' "$log" | head -1 | grep -o 'http://.*'
      return
    fi
    sleep 0.05
  done
  echo "bench-service: $* did not start:" >&2
  cat "$log" >&2
  exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
idle_ticks() { awk '/^cpu / {print $5 + $6}' /proc/stat; } # the whole machine, all cores
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
stripe_calls() { # the number of /v1 requests the sandbox received
  curl -s "$1/_sandbox/requests" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).data.length))'
}

# ---- Two stacks, each with its own sandbox and the same checkouts ------------------------------
sessions_count=96
declare -A sandbox sandbox_pid server server_pid
for stack in remise node; do
  sandbox[$stack]=$(start "$work/$stack-sandbox.log" "$bin/remise-sandbox" --listen 127.0.0.1:0)
  sandbox_pid[$stack]=$(cat "$work/$stack-sandbox.log.pid")
  node bench/sessions.mjs "${sandbox[$stack]}" $sessions_count >"$work/$stack-sessions.txt"
done

export REMISE_DB=$work/remise.db
"$bin/remise-server" campaigns import bench/rules.json --db "$REMISE_DB" >/dev/null
server[remise]=$(REMISE_STRIPE_API_BASE=${sandbox[remise]} REMISE_STRIPE_SECRET_KEY=$key \
  REMISE_STRIPE_WEBHOOK_SECRET=whsec_benchmark REMISE_SESSION_RATE_LIMIT=0 \
  start "$work/remise-server.log" \
  "$bin/remise-server" serve --listen 127.0.0.1:0 --db "$REMISE_DB" --rate-limit 0)
server_pid[remise]=$(cat "$work/remise-server.log.pid")
server[node]=$(STRIPE_API_BASE=${sandbox[node]} STRIPE_SECRET_KEY=$key RULES=bench/rules.json \
  LISTEN=127.0.0.1:0 start "$work/node-server.log" node bench/node-peer/server.mjs)
server_pid[node]=$(cat "$work/node-server.log.pid")

# First refresh of every checkout: the discount changes (retrieve + update), and both stacks must
# decide the same amounts.
declare -A first_calls
for stack in remise node; do
  curl -s -X DELETE "${sandbox[$stack]}/_sandbox/requests" >/dev/null
  : >"$work/$stack-first.txt"
  while read -r id; do
    curl -s -X POST -H 'Content-Type: application/json' -d "{\"checkout_session_id\": \"$id\"}" \
      "${server[$stack]}/v1/discounts/refresh" |
      node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const a=JSON.parse(s);console.log(a.type==="object"?`${a.value.amount_total} ${a.value.discount?a.value.discount.amount_off:0}`:`error ${a.code}`)})' \
      >>"$work/$stack-first.txt"
  done <"$work/$stack-sessions.txt"
  first_calls[$stack]=$(stripe_calls "${sandbox[$stack]}")
done
if ! cmp -s "$work/remise-first.txt" "$work/node-first.txt"; then
  echo "bench-service: the two stacks decided differently (build/bench-service/*-first.txt):" >&2
  diff "$work/remise-first.txt" "$work/node-first.txt" | head -20 >&2
  exit 1
fi
if grep -q '^error' "$work/remise-first.txt"; then
  echo "bench-service: refreshes failed:" >&2; sort "$work/remise-first.txt" | uniq -c >&2; exit 1
fi

# ---- Runs ---------------------------------------------------------------------------------------
# run STACK CONNECTIONS -> appends "rps p50_ms p99_ms cpu_us_per_request calls_per_request errors
# sandbox_cpu_us_per_request machine_idle_percent"
run() {
  local stack=$1 connections=$2 out
  curl -s -X DELETE "${sandbox[$stack]}/_sandbox/requests" >/dev/null
  local before; before=$(cpu_ticks "${server_pid[$stack]}")
  local sandbox_before; sandbox_before=$(cpu_ticks "${sandbox_pid[$stack]}")
  local idle_before; idle_before=$(idle_ticks)
  out=$(BENCH_SESSIONS="$work/$stack-sessions.txt" wrk -t1 -c"$connections" -d"${duration}s" \
    --timeout 30s --latency -s bench/refresh.lua "${server[$stack]}")
  local after; after=$(cpu_ticks "${server_pid[$stack]}")
  local sandbox_after; sandbox_after=$(cpu_ticks "${sandbox_pid[$stack]}")
  local idle_after; idle_after=$(idle_ticks)
  local calls; calls=$(stripe_calls "${sandbox[$stack]}")
  echo "$out" >>"$work/$stack-wrk.txt"
  echo "$out" | awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" -v calls="$calls" \
    -v sandbox=$((sandbox_after - sandbox_before)) -v idle=$((idle_after - idle_before)) \
    -v cores="$(nproc)" -v seconds="$duration" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    / 50% / { p50 = ms($2) } / 99% / { p99 = ms($2) }
    /requests in/ { n = $1 }
    /Non-2xx/ { errors = $NF }
    /Requests\/sec/ { rps = $2 }
    END { printf "%.0f %.2f %.2f %.0f %.2f %d %.0f %.0f\n", rps, p50, p99, ticks * 1e6 / hz / n,
          calls / n, errors + 0, sandbox * 1e6 / hz / n, 100 * idle / hz / (cores * seconds) }'
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

report() {
  local scenario=$1
  printf '\n%s\n' "$scenario"
  printf '%-28s %12s %12s %8s\n' "" "remise" "node peer" "ratio"
  local i label
  local labels=("requests/s" "p50 latency (ms)" "p99 latency (ms)" "CPU per request (us)" "Stripe calls per request" "non-2xx answers" "its sandbox's CPU/req (us)" "machine idle (%)")
  for i in 0 1 2 3 4 5 6 7; do
    label=${labels[$i]}
    local r n
    r=$(awk -v f=$((i + 1)) '{print $f}' "$work/$scenario.remise" | median)
    n=$(awk -v f=$((i + 1)) '{print $f}' "$work/$scenario.node" | median)
    printf '%-28s %12s %12s %8s\n' "$label" "$r" "$n" "$(awk -v a="$r" -v b="$n" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
  done
}

scenario() {
  local name=$1 connections=$2
  : >"$work/$name.remise"; : >"$work/$name.node"
  run remise "$connections" >/dev/null; run node "$connections" >/dev/null # warm-up
  for round in $(seq "$rounds"); do
    if [ $((round % 2)) -eq 1 ]; then order="remise node"; else order="node remise"; fi
    for stack in $order; do
      run "$stack" "$connections" >>"$work/$name.$stack"
    done
  done
  report "$name"
}

echo "bench-service: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  $rounds alternating runs of ${duration}s per stack and scenario (medians), $sessions_count checkouts"
echo "  first refresh of each checkout: $(awk -v c="${first_calls[remise]}" -v n=$sessions_count 'BEGIN {printf "%.2f", c / n}') Stripe calls per request (remise), $(awk -v c="${first_calls[node]}" -v n=$sessions_count 'BEGIN {printf "%.2f", c / n}') (node peer); same decisions: yes"

scenario "full-speed sandbox, 16 connections" 16

for stack in remise node; do
  curl -s -X POST -H 'Content-Type: application/json' \
    -d '{"path": "/v1/*", "fault": "latency", "latency_ms": 150, "count": -1}' \
    "${sandbox[$stack]}/_sandbox/faults" >/dev/null
done
scenario "150 ms per Stripe call, 48 concurrent checkouts" 48

printf '\n%-28s %12s %12s %8s\n' "peak memory (VmHWM, MB)" \
  "$(( $(hwm_kb "${server_pid[remise]}") / 1024 ))" "$(( $(hwm_kb "${server_pid[node]}") / 1024 ))" \
  "$(awk -v a="$(hwm_kb "${server_pid[remise]}")" -v b="$(hwm_kb "${server_pid[node]}")" 'BEGIN {printf "%.2f", a / b}')"
echo "(raw wrk output: $work/*-wrk.txt)"
