#!/bin/bash
# analyze.sh: the analysis benchmark of issue 3 point 7. Generates N realistic replies with
# bench_analyze (which also times the rubric in-process: replies/s of CPU time and per-reply
# latency percentiles), then times `kefu analyze` over them end to end (JSON in, JSON out) on
# one core, and a plain `grep -F -o -f` scan of the same replies for the catalog's literal
# keywords, the floor of raw scanning. Generated files go to a temporary folder.
#
#   bench/analyze.sh [N]          (default 200000)
#   bench/analyze.sh --real [N]   the realistic mix instead: every labelled set of the
#                                 repository (tests/data/labelled, tests/data/heldout*), cycled
#                                 to N replies (default 100000)
#
# Environment: BUILD (default build), KEFU_BIN (default $BUILD/kefu),
# BENCH_BIN (default $BUILD/bench/bench_analyze), SEED (default 1).
# Build first: cmake --build build --target kefu bench_analyze
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$root/build}
kefu=${KEFU_BIN:-$build/kefu}
bench=${BENCH_BIN:-$build/bench/bench_analyze}
from=()
if [ "${1:-}" = "--real" ]; then
    shift
    for f in "$root"/tests/data/labelled/*.jsonl "$root"/tests/data/heldout*/replies.jsonl; do
        from+=(--from "$f")
    done
    n=${1:-100000}
else
    n=${1:-200000}
fi
seed=${SEED:-1}

for tool in "$kefu" "$bench"; do
    if [ ! -x "$tool" ]; then
        echo "analyze.sh: $tool is missing; build it first:" \
            "cmake --build $build --target kefu bench_analyze" >&2
        exit 1
    fi
done

# one core: the budget is per core, and other processes should not lend us theirs
one_core=()
if command -v taskset >/dev/null 2>&1; then
    one_core=(taskset -c 0)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

echo "== generating $n replies and timing the rubric in-process (bench_analyze)"
(cd "$root" && "${one_core[@]}" "$bench" --n "$n" --seed "$seed" --out "$tmp" "${from[@]}")
echo

# Times a command: prints "wall user+sys user sys" in seconds. Output goes to $tmp/last.out.
timed() {
    local TIMEFORMAT='%R %U %S' t
    t=$({ time "$@" >"$tmp/last.out" 2>"$tmp/last.err"; } 2>&1)
    awk '{printf "%.3f %.3f %.3f %.3f\n", $1, $2 + $3, $2, $3}' <<<"$t"
}

echo "== kefu analyze, end to end (parse JSON, analyse, write JSON), one core"
read -r a_wall a_cpu a_user a_sys < <(cd "$root" && timed "${one_core[@]}" "$kefu" analyze "$tmp/replies.jsonl")
out_mb=$(($(wc -c <"$tmp/last.out") / 1000000))
out_lines=$(wc -l <"$tmp/last.out")
if [ "$out_lines" -ne "$n" ]; then
    echo "analyze.sh: kefu analyze wrote $out_lines lines for $n replies" >&2
    cat "$tmp/last.err" >&2
    exit 1
fi
errors=$(grep -c '"error"' "$tmp/last.out" || true)
hits=$(grep -o '"principle"' "$tmp/last.out" | wc -l)
# the same run with an empty input: process start and compiling the catalog
read -r s_wall s_cpu s_user s_sys < <(cd "$root" && timed "$kefu" analyze /dev/null)
awk -v n="$n" -v w="$a_wall" -v c="$a_cpu" -v u="$a_user" -v k="$a_sys" -v mb="$out_mb" -v sc="$s_cpu" -v h="$hits" -v e="$errors" 'BEGIN {
    printf "  %d replies, %d hits, %d errors: %.3f s wall, %.3f s CPU (start-up and catalog: %.3f s CPU)\n", n, h, e, w, c, sc
    printf "  of the CPU time %.3f s is user time, %.3f s kernel time (reading, and writing %d MB of output)\n", u, k, mb
    printf "  %.0f replies/s of CPU time (%.0f without start-up, %.0f of user time), %.0f replies/s of wall-clock time\n", n / c, n / (c - sc > 0 ? c - sc : c), n / u, n / w
}'
echo

echo "== grep -F -o -f over the same replies (one line each), with the catalog's $(wc -l <"$tmp/keywords.txt") literal keywords"
read -r g_wall g_cpu < <(timed "${one_core[@]}" grep -F -o -f "$tmp/keywords.txt" "$tmp/replies.txt")
awk -v n="$n" -v w="$g_wall" -v c="$g_cpu" -v m="$(wc -l <"$tmp/last.out")" -v ac="$a_cpu" 'BEGIN {
    if (c <= 0) c = 0.001
    printf "  %d keywords found: %.3f s wall, %.3f s CPU, %.0f lines/s\n", m, w, c, n / c
    printf "  kefu analyze takes %.1f times the CPU time of grep -F -o -f\n", ac / c
}'
