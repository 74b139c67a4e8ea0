#!/usr/bin/env bash
# Every subcommand answers --help and -h with its usage on stdout (exit 0), whatever else is on
# the line; every command that reads scenarios or the rubric takes --scenarios; a scenarios
# folder without rubric.lua gets a hint naming the shipped rubric. timeout is a hang guard.
set -u
KEFU=${KEFU_BIN:-build/kefu}
OUT=${KEFU_TEST_OUT:-build/test-out}/cli
rm -rf "$OUT"; mkdir -p "$OUT"
fails=0; passes=0
ok() { echo "ok   $1"; passes=$((passes+1)); }
bad() { echo "FAIL $1"; fails=$((fails+1)); }

# The commands `kefu --help` lists: each must answer its own --help.
cmds=$("$KEFU" --help | sed -n '/^commands:/,/^$/p' | awk 'NR>1 && NF {print $1}')
[ "$(printf '%s\n' "$cmds" | wc -l)" -ge 9 ] && ok "kefu --help lists the commands" || bad "kefu --help lists: $cmds"
for c in $cmds; do
  for h in --help -h "--quiet --help" "x.lua --help"; do
    timeout 10 "$KEFU" $c $h >"$OUT/out" 2>"$OUT/err" </dev/null; rc=$?
    if [ "$rc" -eq 0 ] && head -1 "$OUT/out" | grep -q "^usage: kefu $c" && [ ! -s "$OUT/err" ]; then
      ok "kefu $c $h"
    else
      bad "kefu $c $h: exit $rc, stdout: $(head -c 200 "$OUT/out"), stderr: $(head -c 200 "$OUT/err")"
    fi
  done
done

# --scenarios: accepted by every command reading scenarios or the rubric, and used.
mkdir -p "$OUT/sc"; cp scenarios/rubric.lua scenarios/rubric.model scenarios/haggler.lua "$OUT/sc/"
echo '{"id":"a","reply":"亲，在的，有什么可以帮您？"}' >"$OUT/in.jsonl"
if timeout 60 "$KEFU" analyze --scenarios "$OUT/sc" "$OUT/in.jsonl" >"$OUT/out" 2>&1 && grep -q '"id":"a"' "$OUT/out"; then
  ok "analyze --scenarios"; else bad "analyze --scenarios: $(cat "$OUT/out")"; fi
if timeout 60 "$KEFU" list --scenarios "$OUT/sc" >"$OUT/out" 2>&1 && grep -q '^haggler ' "$OUT/out" && [ "$(grep -c ★ "$OUT/out")" -eq 1 ]; then
  ok "list --scenarios"; else bad "list --scenarios: $(cat "$OUT/out")"; fi
for c in "test haggler" "lint $OUT/sc/haggler.lua" "run haggler --replies tests/data/replies/simple.jsonl --out $OUT/res" \
         "report tests/data/report"; do
  if timeout 120 "$KEFU" $c --scenarios "$OUT/sc" >"$OUT/out" 2>&1; then
    ok "${c%% *} --scenarios"; else bad "${c%% *} --scenarios: $(head -c 300 "$OUT/out")"; fi
done

res=$(ls "$OUT"/res/*.json 2>/dev/null | head -1)
if [ -n "$res" ] && timeout 60 "$KEFU" rescore --scenarios "$OUT/sc" "$res" >"$OUT/out" 2>&1; then
  ok "rescore --scenarios"; else bad "rescore --scenarios: $(head -c 300 "$OUT/out")"; fi

# No rubric.lua in the folder: the error names the shipped rubric and how to copy it.
rm "$OUT/sc/rubric.lua" "$OUT/sc/rubric.model"
for c in "list" "analyze $OUT/in.jsonl" "test haggler" "lint $OUT/sc/haggler.lua" "report tests/data/report"; do
  timeout 60 "$KEFU" $c --scenarios "$OUT/sc" >"$OUT/out" 2>&1; rc=$?
  # (report goes on without a rubric, only its totals unchecked)
  if { [ "$rc" -eq 1 ] || [ "${c%% *}" = report ]; } && grep -q "has no rubric.lua: use the one kefu ships with (--rubric .*rubric.lua), or copy it and its model into the folder (cp .*/rubric.lua .*/rubric.model $OUT/sc/)" "$OUT/out"; then
    ok "no rubric hint: ${c%% *}"; else bad "no rubric hint: ${c%% *}: exit $rc: $(cat "$OUT/out")"; fi
done

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
