#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` CMake preset, clang-16 with ASan and UBSan) and runs
# each one for a while on a corpus seeded from tests/data. Short runs for CI, long ones by hand:
#
#   scripts/fuzz.sh                         # every target, 60 s each
#   scripts/fuzz.sh --seconds 30            # what CI runs
#   scripts/fuzz.sh --seconds 600 formcodec session
#   scripts/fuzz.sh --no-build --seconds 600 session   # targets already built
#
# Targets: campaignfile customerfile formcodec jsonreader session signature. Corpora grow in
# build/fuzz/corpus/<target> (never committed); a finding is written to
# build/fuzz/artifacts/<target>/ and makes the script exit 1. Reproduce one with
# `build/fuzz/bin/fuzz_<target> <file>`. Needs: apt-get install clang-16 libclang-rt-16-dev.
set -euo pipefail

seconds=60
build_first=1
targets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --seconds=*) seconds="${1#*=}"; shift ;;
    --no-build) build_first=0; shift ;;
    -h | --help) sed -n '2,16p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown option $1" >&2; exit 2 ;;
    *) targets+=("$1"); shift ;;
    esac
done
all=(campaignfile customerfile formcodec jsonreader session signature)
[[ ${#targets[@]} -eq 0 ]] && targets=("${all[@]}")
for t in "${targets[@]}"; do
    [[ " ${all[*]} " == *" $t "* ]] || { echo "fuzz.sh: unknown target $t (${all[*]})" >&2; exit 2; }
done

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [[ $build_first -eq 1 ]]; then
    cmake --preset fuzz >/dev/null
    cmake --build --preset fuzz -j2
fi
build="$root/build/fuzz"
data="$root/tests/data"

# Copies seed files into the corpus dir $1, each named after its folder too (two folders may
# hold a campaigns.json).
put() {
    local dir="$1" file
    shift
    for file in "$@"; do
        cp -f "$file" "$dir/$(basename "$(dirname "$file")")-$(basename "$file")"
    done
}

# Seeds: the test data each reader is tested with, plus a few derived inputs.
seed() {
    local target="$1" dir="$build/corpus/$1"
    mkdir -p "$dir" "$build/artifacts/$target"
    case "$target" in
    campaignfile)
        put "$dir" "$data"/campaignfile/*.json "$data"/invalid/*.json \
            "$data"/examples/campaigns.json "$data"/e2e/campaigns.json \
            "$data"/cli/lint-problems.json ;;
    customerfile)
        put "$dir" "$data"/cli/customers*.csv "$data"/cli/customers.json \
            "$data"/examples/customer-claire.json ;;
    session | jsonreader)
        put "$dir" "$data"/sessions/*.json "$data"/examples/session-open.json \
            "$data"/examples/stripe-fixtures/*.json ;;
    formcodec)
        printf '%s' 'discounts[0][coupon_data][amount_off]=1000&discounts[0][coupon_data][currency]=eur&discounts[0][coupon_data][name]=Black+Friday&discounts[0][coupon_data][metadata][remise_campaigns]=bf-2026&expand[]=discounts' >"$dir/update"
        printf '%s' 'discounts=&expand[]=discounts' >"$dir/remove"
        printf '%s' 'mode=payment&ui_mode=custom&line_items[0][price_data][currency]=eur&line_items[0][price_data][unit_amount]=4500&line_items[0][price_data][product_data][name]=Linen%20apron&line_items[0][quantity]=2&permissions[update_discounts]=server_only' >"$dir/create"
        printf '%s' 'limit=100&status=open&created[gte]=1795945200&expand[]=data.line_items&expand[]=data.customer' >"$dir/list"
        printf '%s' 'a[0]=x&a[1]=y&b[c][d]=%E2%82%AC&e[]=1&e[]=2' >"$dir/shapes" ;;
    signature)
        local body='{"id":"evt_1","type":"checkout.session.completed"}'
        printf 't=1795953600,v1=%s\n%s' "$(printf '1795953600.%s' "$body" | openssl dgst -sha256 -hmac whsec_fuzz -r | cut -d' ' -f1)" "$body" >"$dir/valid"
        printf 't=1795953600,v1=00,v1=ab,v0=cd\n{}' >"$dir/several"
        printf 't=,v1=\n' >"$dir/empty" ;;
    esac
}

# Symbolized reports (clang-16's runtime with Debian's llvm-symbolizer), fatal UB.
export ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-$(command -v llvm-symbolizer-16 || command -v llvm-symbolizer || true)}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

status=0
for t in "${targets[@]}"; do
    seed "$t"
    echo "== fuzz_$t: $seconds s" >&2
    # -timeout: one input may take at most 10 s (a hang is a finding); -rss_limit_mb: memory.
    if ! "$build/bin/fuzz_$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -max_len=65536 -print_final_stats=1 -print_funcs=0 -artifact_prefix="$build/artifacts/$t/" \
        "$build/corpus/$t" 2>"$build/fuzz_$t.log"; then
        echo "fuzz_$t: FINDING (see $build/fuzz_$t.log and $build/artifacts/$t/)" >&2
        tail -n 40 "$build/fuzz_$t.log" >&2
        status=1
    else
        grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+.*DONE' \
            "$build/fuzz_$t.log" >&2 || true
    fi
done
exit $status
