#!/usr/bin/env bash
# kefu rescore end to end: a fresh `kefu run` result rescores to the very bytes the run wrote;
# rescoring is repeatable; the recorded scoring and the current rubric are what count; bad
# files are named and skipped while the rest are still rescored.
set -u
KEFU=${KEFU_BIN:-build/kefu}
OUT=${KEFU_TEST_OUT:-build/test-out}/e2e_rescore
rm -rf "$OUT"
mkdir -p "$OUT"
fails=0; passes=0

ok()   { echo "ok   $1"; passes=$((passes+1)); }
fail() { echo "FAIL $1"; fails=$((fails+1)); }
check() { # name, command...
  local name=$1; shift
  if "$@"; then ok "$name"; else fail "$name"; fi
}

# --- a fresh result from kefu run --------------------------------------------------------
R=tests/data/transcripts
for s in haggler angry_complainant; do
  if ! timeout 60 "$KEFU" run $s --replies $R/${s}_good.jsonl --seed 3 --trainee 测试员 \
       --out "$OUT/results" 2>"$OUT/run-$s.err"; then
    fail "kefu run $s: $(cat "$OUT/run-$s.err")"
  fi
done
mapfile -t files < <(ls "$OUT"/results/*.json 2>/dev/null)
if [ "${#files[@]}" -ne 2 ]; then
  fail "kefu run wrote ${#files[@]} results (want 2)"
  echo "$passes passed, $fails failed"; exit 1
fi
A=$(ls "$OUT"/results/*-haggler-*.json); B=$(ls "$OUT"/results/*-angry_complainant-*.json)
cp "$A" "$OUT/a.orig"

# --- the same transcript and rubric give the same bytes ----------------------------------
timeout 60 "$KEFU" rescore --json "$A" >"$OUT/a.1" 2>"$OUT/a.1.err"; rc=$?
check "rescore --json exits 0" [ $rc -eq 0 ]
check "rescore of a fresh run result is byte-identical to what kefu run wrote" cmp -s "$OUT/a.1" "$A"
timeout 60 "$KEFU" rescore --json "$A" >"$OUT/a.2" 2>/dev/null
check "rescoring twice gives identical bytes" cmp -s "$OUT/a.1" "$OUT/a.2"

total=$(grep -m1 -oP '^\t\t"total":\t\K[0-9]+' "$A")
want="$A: total $total (was $total) "
check "summary line names file, total and the recorded total" grep -qF -- "$want" "$OUT/a.1.err"

line=$(timeout 60 "$KEFU" rescore "$A" "$B" 2>&1); rc=$?
check "two files: exit 0" [ $rc -eq 0 ]
check "two files: one line each" [ "$(printf '%s\n' "$line" | grep -c ': total ')" -eq 2 ]
check "the summary says pass or fail and the outcome" \
  grep -qE ': total [0-9]+ \(was [0-9]+\) (pass|fail) (sale|resolved|left|escalated|abandoned|incomplete)$' <<<"$line"

rubric_version=$(grep -m1 -oP '^\s*version = "\K[^"]+' scenarios/rubric.lua)
check "the result records the rubric version ($rubric_version)" \
  grep -qP "^\t\t\"rubric\":\t\"\Q$rubric_version\E\"" "$A"

# --write on an unchanged result rewrites the same bytes and leaves no temp file behind.
timeout 60 "$KEFU" rescore --write "$A" >/dev/null 2>&1
check "rescore --write of an unchanged result keeps its bytes" cmp -s "$A" "$OUT/a.orig"
check "no temporary files left" [ -z "$(ls -A "$OUT/results" | grep -v '\.json$')" ]

# --- the recorded scoring counts: a stricter pass mark fails the session ------------------
sed 's/"pass_mark":\t[0-9.]*/"pass_mark":\t100/' "$A" >"$OUT/strict.json"
out=$(timeout 60 "$KEFU" rescore --write "$OUT/strict.json" 2>&1)
if [ "$total" -lt 100 ]; then
  check "pass mark 100 fails it: $out" grep -qF "total $total (was $total) fail" <<<"$out"
fi
check "--write stored the new scorecard" grep -qP '^\t\t"pass":\tfalse' "$OUT/strict.json"

# --- the transcript counts: hits are recomputed from the words, not read from the file ----
# Remove every recorded hit and put an argument into the agent's first message.
sed -e 's/"text":\t"亲，您好[^"]*"/"text":\t"您说得不对，我们的东西根本不可能是假的，不行就别买"/' \
    "$A" >"$OUT/argued.json"
check "the edit applied" grep -q '根本不可能是假的' "$OUT/argued.json"
timeout 60 "$KEFU" rescore --json "$OUT/argued.json" >"$OUT/argued.out" 2>"$OUT/argued.err"
check "the new words are judged: arguing is found" grep -qP '"principle":\t"arguing"' "$OUT/argued.out"
check "the greeting is no longer credited" \
  bash -c "! grep -A3 -P '\"principle\":\t\"warm_greeting\"' '$OUT/argued.out' | grep -q '您说得不对'"
new_total=$(grep -oP '^\S+: total \K[0-9]+' "$OUT/argued.err")
check "the score dropped ($total -> $new_total)" [ "${new_total:-999}" -lt "$total" ]

# --- bad files are named; the good ones are still rescored --------------------------------
sed -n '1,/"transcript":/p' "$A" >"$OUT/truncated.json"
off=$(grep -bo '测试员' "$A" | head -1 | cut -d: -f1)
head -c $((off + 1)) "$A" >"$OUT/cut.json" # ends inside 测
sed 's/"outcome":\t"[a-z]*"/"outcome":\t"won"/' "$A" >"$OUT/won.json"
sed 's/"kefu.result\/1"/"kefu.result\/2"/' "$A" >"$OUT/future.json"
printf '{"schema": "kefu.result/1", "id": "\xff"}\n' >"$OUT/notutf8.json"
out=$(timeout 60 "$KEFU" rescore "$OUT/truncated.json" "$OUT/cut.json" "$A" "$OUT/won.json" "$OUT/missing.json" \
      "$OUT/future.json" "$OUT/notutf8.json" "$B" 2>"$OUT/bad.err"); rc=$?
err=$(cat "$OUT/bad.err")
check "bad files: exit 1" [ $rc -eq 1 ]
check "bad files: the good files are still rescored" [ "$(grep -c ': total ' <<<"$out")" -eq 2 ]
check "truncated file named" grep -qE "^$OUT/truncated.json:[0-9]+:[0-9]+: truncated: the JSON ends before it is complete" <<<"$err"
check "file cut inside a character named" grep -qE "^$OUT/cut.json:[0-9]+:[0-9]+: truncated: the file ends in the middle of a character" <<<"$err"
check "bad outcome named with line and column" \
  grep -qE "^$OUT/won.json:[0-9]+:[0-9]+: \"outcome\" must be one of sale, resolved, left, escalated, abandoned, incomplete; got \"won\"$" <<<"$err"
check "missing file named" grep -qF "$OUT/missing.json: cannot open" <<<"$err"
check "future schema named" grep -qF 'future version: schema "kefu.result/2" is newer than this kefu reads' <<<"$err"
check "invalid UTF-8 named" grep -qF "$OUT/notutf8.json:1:36: not valid UTF-8 (byte 0xff at offset 35)" <<<"$err"
check "bad files: one line each" [ "$(grep -c . <<<"$err")" -eq 6 ]

# --- usage ---------------------------------------------------------------------------------
"$KEFU" rescore >/dev/null 2>&1; rc=$?
check "no files: exit 2" [ $rc -eq 2 ]
"$KEFU" rescore --frobnicate "$A" >/dev/null 2>&1; rc=$?
check "unknown option: exit 2" [ $rc -eq 2 ]
"$KEFU" rescore --rubric "$OUT/no-rubric.lua" "$A" >/dev/null 2>"$OUT/norubric.err"; rc=$?
check "missing rubric: exit 1, named" bash -c "[ $rc -eq 1 ] && grep -qF '$OUT/no-rubric.lua' '$OUT/norubric.err'"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
