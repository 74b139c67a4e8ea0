#!/usr/bin/env bash
# End-to-end runs of the four personas of the brief against scripted transcripts
# (tests/data/transcripts/<persona>_{good,mediocre,bad}{,2,3}.jsonl): the score means
# something (every good beats every mediocre, which beats every bad; bad fails and never
# ends in a sale or resolution; good ends in one and passes), and the same seed gives the
# same conversation. Run from the repo root with KEFU_BIN (and KEFU_TEST_OUT) set, as ctest
# does. Prints one line per check and a final "N passed, N failed".
set -u

BIN=${KEFU_BIN:-build/kefu}
OUT=${KEFU_TEST_OUT:-build/test-out}/personas
T=tests/data/transcripts
PERSONAS=(haggler authenticity_skeptic angry_complainant indecisive_buyer)
VARIANTS=("" 2 3)

mkdir -p "$OUT"
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok   $*"; }
bad() { failed=$((failed + 1)); echo "FAIL $*"; }

# json_field FILE KEY: the first value of "KEY": in the file (numbers, true/false, strings).
json_field() {
    grep -o "\"$2\"[[:space:]]*:[[:space:]]*\(\"[^\"]*\"\|[-0-9.]*\|true\|false\)" "$1" |
        head -n 1 | sed 's/^[^:]*:[[:space:]]*//; s/"//g'
}

# play PERSONA STEM SEED: runs kefu and leaves the result in $OUT/STEM.sSEED.json; sets
# SCORE, OUTCOME, PASS (empty when the run failed).
play() {
    local json="$OUT/$2.s$3.json"
    rm -f "$json"
    SCORE="" OUTCOME="" PASS=""
    if ! "$BIN" run "$1" --replies "$T/$2.jsonl" --seed "$3" --json "$json" \
        >"$OUT/$2.s$3.out" 2>"$OUT/$2.s$3.err"; then
        bad "$2: kefu run failed: $(head -c 300 "$OUT/$2.s$3.err")"
        return 1
    fi
    SCORE=$(json_field "$json" total)
    OUTCOME=$(json_field "$json" outcome)
    PASS=$(json_field "$json" pass)
    if [ -z "$SCORE" ] || [ -z "$OUTCOME" ] || [ -z "$PASS" ]; then
        bad "$2: no total/outcome/pass in $json"
        return 1
    fi
    return 0
}

# The agent's and customer's lines of a result, in order, for comparing conversations.
texts() {
    grep -o '"text"[[:space:]]*:[[:space:]]*"\([^"\\]\|\\.\)*"' "$1"
}

if [ ! -x "$BIN" ]; then
    echo "e2e_personas: no kefu binary at $BIN (set KEFU_BIN)"
    echo "0 passed, 1 failed"
    exit 1
fi

for p in "${PERSONAS[@]}"; do
    declare -A score=() outcome=() pass=()
    for kind in good mediocre bad; do
        for v in "${VARIANTS[@]}"; do
            stem="${p}_${kind}${v}"
            if [ ! -f "$T/$stem.jsonl" ]; then
                bad "$stem: missing $T/$stem.jsonl"
                continue
            fi
            play "$p" "$stem" 1 || continue
            score[$kind$v]=$SCORE
            outcome[$kind$v]=$OUTCOME
            pass[$kind$v]=$PASS
            echo "     $stem: $OUTCOME, $SCORE/100 ($PASS)"
        done
    done

    # What each kind must end in.
    for v in "${VARIANTS[@]}"; do
        g=${outcome[good$v]:-} b=${outcome[bad$v]:-}
        if [ -n "$g" ]; then
            if [ "$g" = sale ] || [ "$g" = resolved ]; then
                ok "${p}_good$v ends in $g"
            else
                bad "${p}_good$v ends in $g, not a sale or resolution"
            fi
            if [ "${pass[good$v]}" = true ]; then
                ok "${p}_good$v passes (${score[good$v]})"
            else
                bad "${p}_good$v does not pass (${score[good$v]})"
            fi
        fi
        if [ -n "$b" ]; then
            if [ "$b" != sale ] && [ "$b" != resolved ]; then
                ok "${p}_bad$v ends in $b"
            else
                bad "${p}_bad$v ends in $b"
            fi
            if [ "${pass[bad$v]}" = false ] && [ "${score[bad$v]}" -lt 80 ]; then
                ok "${p}_bad$v fails (${score[bad$v]})"
            else
                bad "${p}_bad$v should fail, got ${score[bad$v]} (${pass[bad$v]})"
            fi
        fi
    done

    # The ordering, across all phrasings: every good above every mediocre above every bad.
    for hi in good mediocre; do
        lo=$([ $hi = good ] && echo mediocre || echo bad)
        for a in "${VARIANTS[@]}"; do
            for c in "${VARIANTS[@]}"; do
                x=${score[$hi$a]:-} y=${score[$lo$c]:-}
                [ -n "$x" ] && [ -n "$y" ] || continue
                if [ "$x" -gt "$y" ]; then
                    ok "${p}: $hi$a ($x) > $lo$c ($y)"
                else
                    bad "${p}: $hi$a ($x) should score above $lo$c ($y)"
                fi
            done
        done
    done

    # Determinism: the same seed and replies give the same conversation; other seeds vary it.
    for kind in good mediocre; do
        stem="${p}_$kind"
        play "$p" "$stem" 1 || continue
        cp "$OUT/$stem.s1.json" "$OUT/$stem.s1.first.json"
        play "$p" "$stem" 1 || continue
        if [ -n "$(texts "$OUT/$stem.s1.json")" ] &&
            [ "$(texts "$OUT/$stem.s1.json")" = "$(texts "$OUT/$stem.s1.first.json")" ]; then
            ok "$stem: seed 1 twice gives the same conversation"
        else
            bad "$stem: seed 1 twice gave different conversations"
        fi
    done
    stem="${p}_mediocre"
    distinct=$(for seed in 1 2 3 4 5; do
        play "$p" "$stem" "$seed" >/dev/null && texts "$OUT/$stem.s$seed.json" | md5sum
    done | sort -u | wc -l)
    if [ "$distinct" -ge 2 ]; then
        ok "$stem: seeds 1-5 give $distinct different conversations"
    else
        bad "$stem: seeds 1-5 all give the same conversation"
    fi
    unset score outcome pass
done

# Exploration reaches every declared state of every shipped persona, and of a new one written
# as a trainer would (tests/data/explore/shoe_size.lua), in at most 500 conversations: its
# replies know each persona's product, self-tests and the rubric's technique phrasings.
for f in scenarios/*.lua tests/data/explore/shoe_size.lua; do
    [ "$(basename "$f")" = rubric.lua ] && continue
    line=$("$BIN" test --explore 500 "$f" 2>&1 | head -n 2 | tr '\n' ' ')
    if echo "$line" | grep -Eq 'states ([0-9]+)/\1, .*coverage: all [0-9]+ states by run'; then
        ok "explore $f: $line"
    else
        bad "explore $f does not reach every state in 500 runs: $line"
    fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
