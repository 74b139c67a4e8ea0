#!/usr/bin/env bash
# The blind playthroughs (tests/data/playthroughs to playthroughs4, four sets by four writers who
# never saw the detectors: their README.md): for every persona, a good, a mediocre
# and a bad conversation. The score must mean something on words the team did not write: good beats
# mediocre beats bad, every bad one fails, every good one passes. Run from the repo root with
# KEFU_BIN (and KEFU_TEST_OUT) set, as ctest does. Prints one line per persona and a final
# "N passed, N failed".
set -u
BIN=${KEFU_BIN:-build/kefu}
OUT_ROOT=${KEFU_TEST_OUT:-build/test-out}
passed=0
failed=0

# score FILE: "TOTAL PASS OUTCOME" of a result file
score() {
    python3 -c 'import json,sys; o=json.load(open(sys.argv[1])); s=o["scorecard"]; print(s["total"], "pass" if s["pass"] else "fail", o["outcome"])' "$1"
}

for DATA in ${PLAYTHROUGHS:-tests/data/playthroughs tests/data/playthroughs2 tests/data/playthroughs3 tests/data/playthroughs4}; do
OUT=$OUT_ROOT/$(basename "$DATA")
mkdir -p "$OUT"
for good in "$DATA"/*_good.jsonl; do
    persona=$(basename "$good" _good.jsonl)
    declare -A total=() verdict=() outcome=()
    ok=1
    for level in good mediocre bad; do
        json="$OUT/$persona-$level.json"
        rm -f "$json"
        if ! "$BIN" run "$persona" --replies "$DATA/${persona}_$level.jsonl" --seed 1 \
            --json "$json" >"$OUT/$persona-$level.out" 2>&1; then
            echo "FAIL $persona $level: kefu run failed: $(head -c 300 "$OUT/$persona-$level.out")"
            ok=0
            continue
        fi
        read -r total[$level] verdict[$level] outcome[$level] < <(score "$json")
    done
    line="$(basename "$DATA")/$persona: good ${total[good]:-?} (${outcome[good]:-?}), mediocre ${total[mediocre]:-?}"
    line="$line (${outcome[mediocre]:-?}), bad ${total[bad]:-?} (${outcome[bad]:-?})"
    if [ "$ok" = 1 ]; then
        [ "${total[good]}" -gt "${total[mediocre]}" ] || { ok=0; line="$line; good is not above mediocre"; }
        [ "${total[mediocre]}" -gt "${total[bad]}" ] || { ok=0; line="$line; mediocre is not above bad"; }
        [ "${verdict[bad]}" = fail ] || { ok=0; line="$line; the bad one passes"; }
        [ "${verdict[good]}" = pass ] || { ok=0; line="$line; the good one fails"; }
    fi
    if [ "$ok" = 1 ]; then
        passed=$((passed + 1))
        echo "ok   $line"
    else
        failed=$((failed + 1))
        echo "FAIL $line"
    fi
    unset total verdict outcome
done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
