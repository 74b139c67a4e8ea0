#!/usr/bin/env bash
# kefu test: self-tests print one line each and end with "N passed, N failed" (exit 1 on any
# failure, saying why); exploration reports outcomes, states, crashes with file:line and
# conversations that never end, reproducibly from its seed; a saved run replays with kefu run.
# The authoring guide's example persona must pass, so the guide never rots.
# timeout is a hang guard, not a speed assertion.
set -u
KEFU=${KEFU_BIN:-build/kefu}
D=tests/data/lint
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fails=0; passes=0

ok()   { echo "ok   $1"; passes=$((passes+1)); }
fail() { echo "FAIL $1"; [ -n "${2:-}" ] && printf '%s\n' "$2" | sed 's/^/    /'; fails=$((fails+1)); }

# name, expected exit code, kefu test args... ; leaves the output in $out
run() {
  local name=$1 want_rc=$2; shift 2
  out=$(timeout 120 "$KEFU" test "$@" 2>&1); rc=$?
  if [ "$rc" -ne "$want_rc" ]; then fail "$name: exit $rc (want $want_rc)" "$out"; return 1; fi
  return 0
}
has() { # name, substring (fixed)
  if printf '%s\n' "$out" | grep -qF -- "$2"; then ok "$1"; else fail "$1: output lacks '$2'" "$out"; fi
}
last_line() { # name, exact last line
  local got; got=$(printf '%s\n' "$out" | tail -n 1)
  if [ "$got" = "$2" ]; then ok "$1"; else fail "$1: last line '$got', want '$2'" "$out"; fi
}

# The guide's example persona.
run "example persona" 0 docs/examples/example_persona.lua && last_line "example persona: all pass" "4 passed, 0 failed"

# One line per test, the exact ok form, the exact final line.
run "good fixture" 0 $D/good.lua && {
  has "ok line" "ok   good: greets: she buys"
  last_line "final line" "2 passed, 0 failed"
}

# A failing test says every unmet expectation and shows the conversation.
run "failing test" 1 $D/failing_test.lua && {
  has "FAIL line names outcome" "FAIL failing_test: refuses: expected to buy anyway: expected outcome sale, got left (score"
  has "score range"  "expected score 90..100, got"
  has "missing hit"  "expected a reply to show warm_greeting (热情问候), none did"
  has "forbidden hit" "expected no harsh_refusal (生硬拒绝), but reply 1 shows it: \"不行\""
  has "says"         "no customer line contains \"拍了\""
  has "where the test is" "(the test is at $D/failing_test.lua:42)"
  has "transcript shown" "客服  不行  [harsh_refusal"
  last_line "failing: final line" "2 passed, 1 failed"
}

# A malformed tests table fails the file with file:line.
run "malformed tests" 1 $D/bad_test_outcome.lua && {
  has "malformed: message" "FAIL bad_test_outcome: $D/bad_test_outcome.lua:41: tests[2].expect.outcome must be one of sale, resolved, left, escalated, incomplete; got 'won'"
  last_line "malformed: final line" "0 passed, 1 failed"
}

# A folder: every scenario file in it (rubric catalogs skipped), sorted, and the final line.
run "a folder" 1 $D && {
  if printf '%s\n' "$out" | grep -q "bad_rubric"; then fail "folder: rubric files were taken for scenarios" "$out"; else ok "folder: rubric files skipped"; fi
  if printf '%s\n' "$out" | tail -n 1 | grep -qE '^[0-9]+ passed, [0-9]+ failed$'; then ok "folder: final line"; else fail "folder: final line" "$out"; fi
}

# An id resolves in --scenarios.
run "id in --scenarios" 0 good --scenarios $D --rubric scenarios/rubric.lua && last_line "id: final line" "2 passed, 0 failed"

# Exploration: the summary line, reproducible from the seed, different with another seed.
run "explore" 0 --explore 60 --seed 7 $D/good.lua && {
  if printf '%s\n' "$out" | grep -qE '^good: 60 runs, outcomes( [a-z]+ [0-9]+)+, states 2/2, 0 errors \('; then ok "explore: summary line"; else fail "explore: summary line" "$out"; fi
  first=$(printf '%s\n' "$out" | sed 's/ ([0-9.]* s)$//')
  run "explore again" 0 --explore 60 --seed 7 $D/good.lua
  again=$(printf '%s\n' "$out" | sed 's/ ([0-9.]* s)$//')
  if [ "$first" = "$again" ]; then ok "explore: same seed, same report"; else fail "explore: not reproducible" "$first
---
$again"; fi
}

# A crash only some replies reach is found, named with file:line, and fails the run; the
# saved replies replay it with kefu run.
run "explore finds a crash" 1 --explore 300 --seed 1 --save "$OUT/save" $D/rude_runtime_error.lua && {
  has "crash named" "$D/rude_runtime_error.lua:31: attempt to index a nil value (local 'upset') (in hook on_reply)"
  last_line "crash: final line" "0 passed, 1 failed"
  cmd=$(printf '%s\n' "$out" | sed -n 's/^  replay it: kefu run //p' | head -n 1)
  if [ -z "$cmd" ]; then fail "crash: no replay command" "$out"
  else
    # shellcheck disable=SC2086
    rerr=$(timeout 60 "$KEFU" run $cmd --out "$OUT/res" 2>&1); rrc=$?
    if [ "$rrc" -eq 1 ] && printf '%s' "$rerr" | grep -qF "rude_runtime_error.lua:31: attempt to index a nil value"; then
      ok "crash: kefu run replays it"; else fail "crash: replay gave exit $rrc" "$rerr"; fi
  fi
}

# A persona that never finishes is reported, and its saved run replays as incomplete.
run "explore: never ends" 0 --explore 10 --max-replies 12 --save "$OUT/save" $D/never_ends.lua && {
  has "never ended counted" ", 10 never ended"
  has "never ended explained" "10 conversations still going after 12 replies (first: run 0)"
  if [ -s "$OUT/save/never_ends-run0.jsonl" ]; then ok "never ended: replies saved"; else fail "never ended: no saved replies"; fi
  rerr=$(timeout 60 "$KEFU" run $D/never_ends.lua --replies "$OUT/save/never_ends-run0.jsonl" --seed 1 --out "$OUT/res" 2>&1)
  if printf '%s' "$rerr" | grep -qF "never_ends: incomplete"; then ok "never ended: kefu run agrees"; else fail "never ended: kefu run says" "$rerr"; fi
}

# Data behind a metatable is refused, not a crash.
run "metatable" 1 $D/metatable.lua && has "metatable: message" "has a metatable; scenario and rubric data must be plain tables"

# A persona failing every run is not played 200 times over: a run stopped by a budget
# stops the rest.
run "explore: stops on a broken persona" 1 --explore 200 tests/data/hostile/loops_forever.lua && {
  has "stopped early" "stopped after 1 failing run of 200"
  has "loop named" "tests/data/hostile/loops_forever.lua:11: "
}

# Usage mistakes exit 2.
run "bad --explore" 2 --explore many $D/good.lua && has "bad --explore: message" "--explore needs a whole number"
run "unknown option" 2 --frobnicate && ok "unknown option: exit 2"
run "no such scenario" 1 no_such_persona && has "no such scenario: message" "unknown scenario 'no_such_persona'"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
