#!/usr/bin/env bash
# e2e_oom: out of memory is an error, never a crash or a wrong answer. Runs each headless
# command once to get its reference output and allocation count, then again with the Nth
# allocation failing (tests/oom/failmalloc.c, LD_PRELOAD) for N sampled over the whole run.
# Every run must either exit 1 with a message on stderr (a line the reference run did not
# print, not empty after its colon; lint and test report on stdout too, and lint must print
# as many problems as it counts), or exit 0 with the reference output (stdout and every file
# it writes), wall-clock fields aside. A signal (exit >= 128: a Lua panic or abort is 134),
# a hang, another exit code, or exit 0 with different output fails.
# Each failure is of a kind: crash (a signal or a hang), wrong (exit 0, other output) or
# message (exit 1 without a proper message, or another exit code). tests/oom/known.txt lists
# "COMMAND KIND reason" a line; failures of a listed command and kind report as "known"
# without failing the test, and a listed pair not hit at these samples is pointed out.
# KEFU_OOM_FIRST and KEFU_OOM_SPREAD set how many N to try (more: slower, finds more);
# KEFU_OOM_ONLY="lint list" runs only the commands named.
set -u

KEFU_BIN=$(readlink -f "${KEFU_BIN:-build/kefu}")
SHIM=$(readlink -f "${KEFU_FAILMALLOC:-build/tests/libfailmalloc.so}")
OUT=${KEFU_TEST_OUT:-build/test-out}/e2e_oom
KNOWN=tests/oom/known.txt
FIRST=${KEFU_OOM_FIRST:-30}    # every N in 1..FIRST
LAST=${KEFU_OOM_LAST:-40}      # the last LAST allocations (where the output is finished, and the
                               # analysis of the last lines runs)
SPREAD=${KEFU_OOM_SPREAD:-40}  # and this many more spread evenly over the rest
JOBS=${KEFU_OOM_JOBS:-2}       # runs at a time
ulimit -c 0 # a crash is reported here; no core file in the source tree
rm -rf "$OUT"
mkdir -p "$OUT"
[ -x "$KEFU_BIN" ] || { echo "e2e_oom: no kefu at $KEFU_BIN" >&2; exit 1; }
[ -f "$SHIM" ] || { echo "e2e_oom: no shim at $SHIM" >&2; exit 1; }

passed=0 failed=0 known=0
declare -A known_reason=() known_hits=()
if [ -f "$KNOWN" ]; then
    while read -r name kind reason; do
        case "$name" in '' | '#'*) continue ;; esac
        known_reason["$name $kind"]=$reason
    done <"$KNOWN"
fi

# Wall-clock fields differ from run to run, and so does the run's work folder (DIR, named
# where the output says where it wrote); everything else must match byte for byte.
strip() { # FILE DIR
    local field='"(started_at|ended_at|id|generated_at|file)"[[:space:]]*:[[:space:]]*"[^"]*"'
    sed -E "s/$field/\"\\1\":\"X\"/g; s/[0-9]{8}T[0-9]{6}Z[-A-Za-z0-9_]*/TS/g" "$1" |
        sed "s#$2/#W/#g"
}

# Fresh results to rescore, made without the shim.
"$KEFU_BIN" run haggler --replies tests/data/transcripts/haggler_good.jsonl --seed 3 \
    --json "$OUT/haggler.json" 2>/dev/null &&
    "$KEFU_BIN" run angry_complainant --replies tests/data/transcripts/angry_complainant_bad.jsonl \
        --json "$OUT/angry.json" 2>/dev/null ||
    { echo "e2e_oom: cannot make the results to rescore" >&2; exit 1; }

T=tests/data/transcripts
# name | files the command writes (under $W) | arguments
CMDS=(
    "run-haggler||run haggler --replies $T/haggler_mediocre.jsonl --seed 7 --json -"
    "run-angry||run angry_complainant --replies tests/data/replies/simple.jsonl --json -"
    "analyze||analyze tests/data/labelled/blind2.jsonl"
    "lint||lint scenarios/"
    "test||test scenarios/haggler.lua"
    "list||list"
    "report|r.csv r.html|report tests/data/report --csv \$W/r.csv --html \$W/r.html"
    "rescore||rescore --json $OUT/haggler.json $OUT/angry.json"
)

# run_one NAME DIR FILES ARGS [N AFTER]: runs the command in DIR (its work folder $W),
# stdout to DIR/stdout, stderr to DIR/stderr, returns the exit status.
run_one() {
    local name=$1 dir=$2 args=$3 n=${4:-} after=${5:-}
    rm -rf "$dir"
    mkdir -p "$dir"
    local W=$dir
    eval "set -- $args"
    if [ -z "$n" ]; then
        KEFU_COUNT_ALLOCS=1 LD_PRELOAD=$SHIM timeout -k 5 60 "$KEFU_BIN" "$@" \
            >"$dir/stdout" 2>"$dir/stderr"
    else
        KEFU_FAIL_AT=$n KEFU_FAIL_AFTER=$after LD_PRELOAD=$SHIM timeout -k 5 60 "$KEFU_BIN" "$@" \
            >"$dir/stdout" 2>"$dir/stderr"
    fi
}

# check NAME REFDIR DIR FILES STATUS: prints nothing and returns 0 when the run is fine, else
# prints why.
check() {
    local name=$1 ref=$2 dir=$3 files=$4 rc=$5
    if [ "$rc" -eq 124 ] || [ "$rc" -eq 137 ]; then
        echo "crash: hung (killed after 60 s)"
        return 1
    fi
    if [ "$rc" -ge 128 ]; then
        echo "crash: killed by signal $((rc - 128))"
        return 1
    fi
    if [ "$rc" -eq 1 ]; then
        # The message: a line the reference run did not print (lint reports on stdout),
        # and no "what: " with nothing after it.
        local msgs=$dir/stderr
        case $name in
        lint | test) msgs=$dir/both && cat "$dir/stdout" "$dir/stderr" >"$msgs" ;;
        esac
        if ! grep -vxF -f <(cat "$ref/stderr" "$ref/stdout") "$msgs" | grep -q '[^[:space:]]'; then
            echo "message: exit 1 without a message"
            return 1
        fi
        if grep -Eq ':[[:space:]]*$' "$msgs"; then
            echo "message: exit 1 with an empty message: $(grep -E ':[[:space:]]*$' "$msgs" |
                head -n 1)"
            return 1
        fi
        if [ "$name" = lint ]; then
            # "N files checked: E errors, W warnings" needs E + W lines saying what.
            local e w shown
            e=$(sed -nE 's/^[0-9]+ files? checked: ([0-9]+) errors?, ([0-9]+) warnings?$/\1 \2/p' \
                "$msgs")
            read -r e w <<<"${e:-0 0}"
            shown=$(grep -vEc ': ok \(|^[0-9]+ files? checked: ' "$msgs")
            if [ "$shown" -lt $((e + w)) ]; then
                echo "message: lint counts $e errors and $w warnings but prints $shown messages"
                return 1
            fi
        fi
        return 0
    fi
    if [ "$rc" -ne 0 ]; then
        echo "message: exit $rc (expected 0 or 1)"
        return 1
    fi
    if ! cmp -s <(strip "$ref/stdout" "$ref") <(strip "$dir/stdout" "$dir"); then
        echo "wrong: exit 0, stdout differs ($(wc -l <"$dir/stdout") lines," \
            "reference $(wc -l <"$ref/stdout"))"
        return 1
    fi
    local f
    for f in $files; do
        if ! [ -f "$dir/$f" ] || ! cmp -s <(strip "$ref/$f" "$ref") <(strip "$dir/$f" "$dir"); then
            echo "wrong: exit 0, $f differs from the reference"
            return 1
        fi
    done
    return 0
}

# check_one NAME REFDIR DIR FILES N AFTER STATUS: checks one run, counts it, and prints a line
# when it failed.
check_one() {
    local name=$1 ref=$2 dir=$3 files=$4 n=$5 after=$6 rc=$7 why label tail_err kind
    if why=$(check "$name" "$ref" "$dir" "$files" "$rc"); then
        passed=$((passed + 1))
        return
    fi
    label=$n
    [ "$after" = 1 ] && label="$n+"
    tail_err=$(tail -n 3 "$dir/stderr" | tr '\n' '|')
    kind=${why%%:*}
    if [ -n "${known_reason[$name $kind]+x}" ]; then
        known=$((known + 1))
        known_hits[$name $kind]=1
        echo "known $name N=$label exit $rc: $why: $tail_err"
    else
        failed=$((failed + 1))
        cmd_failed=1
        echo "FAIL $name N=$label exit $rc: $why: $tail_err"
        cp -r "$dir" "$OUT/$name/fail-$label"
    fi
}

for entry in "${CMDS[@]}"; do
    name=${entry%%|*}
    rest=${entry#*|}
    files=${rest%%|*}
    args=${rest#*|}
    if [ -n "${KEFU_OOM_ONLY:-}" ] && [[ " $KEFU_OOM_ONLY " != *" $name "* ]]; then
        unset "known_reason[$name crash]" "known_reason[$name wrong]" "known_reason[$name message]"
        continue
    fi
    ref=$OUT/$name/ref
    run_one "$name" "$ref" "$args" 2>/dev/null # (bash's own "Aborted" notes)
    rc=$?
    total=$(sed -n 's/^failmalloc: \([0-9]*\) allocations$/\1/p' "$ref/stderr" | tail -n 1)
    if [ "$rc" -ne 0 ] || [ -z "$total" ]; then
        echo "FAIL $name: the reference run failed (exit $rc): $(tail -n 3 "$ref/stderr")"
        failed=$((failed + 1))
        continue
    fi
    # N = 1..FIRST, SPREAD points evenly over (FIRST, total - LAST], then the last LAST; the
    # spread ones alternate between failing one allocation and failing every one from N on.
    samples=()
    for ((n = 1; n <= FIRST && n <= total; n++)); do
        samples+=("$n:0")
    done
    end=$((total - LAST > FIRST ? total - LAST : FIRST))
    for ((k = 1; k <= SPREAD && end > FIRST; k++)); do
        n=$((FIRST + (end - FIRST) * k / SPREAD))
        samples+=("$n:$((k % 2))")
    done
    for ((n = end + 1; n <= total; n++)); do
        samples+=("$n:0")
    done
    cmd_failed=0
    for ((i = 0; i < ${#samples[@]}; i += JOBS)); do
        # JOBS runs at a time, each in its own folder; then check them in order.
        for ((j = i; j < i + JOBS && j < ${#samples[@]}; j++)); do
            s=${samples[j]}
            (
                run_one "$name" "$OUT/$name/run$((j - i))" "$args" "${s%:*}" "${s#*:}"
                echo $? >"$OUT/$name/rc$((j - i))"
            ) 2>/dev/null &
        done
        wait
        for ((j = i; j < i + JOBS && j < ${#samples[@]}; j++)); do
            s=${samples[j]}
            check_one "$name" "$ref" "$OUT/$name/run$((j - i))" "$files" "${s%:*}" "${s#*:}" \
                "$(cat "$OUT/$name/rc$((j - i))")"
        done
    done
    echo "e2e_oom: $name: ${#samples[@]} runs over $total allocations$([ $cmd_failed = 0 ] ||
        echo ' (failures above)')"
done

for key in "${!known_reason[@]}"; do
    [ -n "${known_hits[$key]+x}" ] ||
        echo "e2e_oom: note: '$key' in $KNOWN was not hit at these samples"
done
echo "$passed passed, $failed failed, $known known"
[ "$failed" -eq 0 ]
