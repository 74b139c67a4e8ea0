#!/usr/bin/env bash
# kefu lint: every broken fixture in tests/data/lint/ gives its message with the file and line
# (exit 1), warnings alone pass (exit 0), and the shipped scenarios and rubric lint clean.
# timeout is a hang guard, not a speed assertion.
set -u
KEFU=${KEFU_BIN:-build/kefu}
D=tests/data/lint
fails=0; passes=0

# name, expected exit code, expected substring (exact, with file:line), files...
expect() {
  local name=$1 want_rc=$2 want=$3; shift 3
  local out rc
  out=$(timeout 60 "$KEFU" lint --quiet "$@" 2>&1); rc=$?
  if [ "$rc" -ne "$want_rc" ]; then
    echo "FAIL $name: exit $rc (want $want_rc): $out"; fails=$((fails+1)); return
  fi
  if ! printf '%s\n' "$out" | grep -qF -- "$want"; then
    echo "FAIL $name: output lacks '$want':"; printf '%s\n' "$out" | sed 's/^/    /'
    fails=$((fails+1)); return
  fi
  echo "ok   $name"; passes=$((passes+1))
}

# Exactly n lines of output start with the file name (one line per problem, no noise).
expect_lines() {
  local name=$1 n=$2 file=$3
  local got; got=$(timeout 60 "$KEFU" lint --quiet "$file" 2>&1 | grep -c "^$file")
  if [ "$got" -ne "$n" ]; then
    echo "FAIL $name: want $n problem line(s) for $file, got $got"; fails=$((fails+1)); return
  fi
  echo "ok   $name"; passes=$((passes+1))
}

expect "missing title"      1 "$D/missing_title.lua: 'title' is required (a string)" $D/missing_title.lua
expect "wrong type"         1 "$D/wrong_type.lua:10: 'difficulty' must be a number, got string" $D/wrong_type.lua
expect "unknown principle: the nearest id" 1 "$D/unknown_principle.lua:17: 'scorecard.principles[2]': unknown principle id 'harsh_refusl'; did you mean harsh_refusal? (see rubric.lua)" $D/unknown_principle.lua
expect "weight out of range: the field named" 1 "$D/weight_range.lua:16: 'scorecard.principles[1].weight' must be from 0.1 to 100, got 500" $D/weight_range.lua
expect "hook not a function" 1 "$D/hook_not_function.lua:27: hook 'on_reply' must be a function, got string" $D/hook_not_function.lua
expect "empty customer line" 1 "$D/empty_line.lua:32: empty customer line in s:say" $D/empty_line.lua
expect "empty line in a pick table" 1 "$D/empty_line_in_table.lua:4: empty customer line in lines (read by s:pick)" $D/empty_line_in_table.lua
expect "invalid UTF-8 line" 1 "$D/invalid_utf8_line.lua:32: customer line in s:say is not valid UTF-8 (byte 7): \"好的\\xff拍了\"" $D/invalid_utf8_line.lua
expect "file not UTF-8"     1 "$D/not_utf8_file.lua:3: the file is not valid UTF-8" $D/not_utf8_file.lua
expect "unknown outcome"    1 "$D/unknown_outcome.lua:32: s:finish(\"won\"): the outcome must be one of sale, resolved, left, escalated" $D/unknown_outcome.lua
expect "undeclared state"   1 "$D/undeclared_state.lua:30: s:state(\"angry\"): state 'angry' is not declared in states" $D/undeclared_state.lua
expect "rude-only runtime error" 1 "$D/rude_runtime_error.lua:31: attempt to index a nil value (local 'upset') (in hook on_reply) [smoke run \"rude\" from \"爱买不买\"" $D/rude_runtime_error.lua
expect "syntax error: the missing comma named" 1 "$D/syntax_error.lua:11: missing ',' after the field ending at line 10? ('}' expected (to close '{' at line 8) near 'kind')" $D/syntax_error.lua
expect "bad self-test"      1 "$D/bad_test_outcome.lua:41: tests[2].expect.outcome must be one of sale, resolved, left, escalated, incomplete; got 'won'" $D/bad_test_outcome.lua
expect "unknown hit id: the nearest id" 1 "$D/unknown_hit.lua:29: reply.hits.cold_replies: unknown principle id 'cold_replies'; did you mean cold_reply?" $D/unknown_hit.lua
expect "rubric: bad pattern" 1 "$D/bad_rubric_pattern.lua:15: principle warm_greeting: bad any pattern" $D/bad_rubric_pattern.lua
expect "rubric: threshold out of range" 1 "$D/bad_rubric_threshold.lua:8: thresholds.reply_wait_s must be from 1 to 600, got 5000" $D/bad_rubric_threshold.lua
expect "unreached state is a warning" 0 "$D/unreached_state.lua:22: warning: state 'haggling' was never reached" $D/unreached_state.lua
expect "untested outcome is a warning" 0 "$D/untested_outcome.lua:31: warning: no self-test expects outcome 'escalated'" $D/untested_outcome.lua
expect "rude word in s:mentions is a warning" 0 "$D/mentions_violation.lua:30: warning: \"爱买不买\" in s:mentions is what the rubric judges as cold_reply; react to reply.hits.cold_reply so the customer and the scorecard agree" $D/mentions_violation.lua
expect_lines "s:mentions: the two rude words, not the topic words" 2 $D/mentions_violation.lua
expect "a good file passes" 0 "" $D/good.lua
expect "several files, one bad: exit 1" 1 "$D/wrong_type.lua:10:" $D/good.lua $D/wrong_type.lua $D/unreached_state.lua
expect "no such file"       1 "nope.lua: cannot open" nope.lua
expect "metatable in the data" 1 "$D/metatable.lua: the returned table (or a table inside it) has a metatable" $D/metatable.lua
# The instruction or the time budget, whichever runs out first on this machine.
expect "endless loop in a hook" 1 "tests/data/hostile/loops_forever.lua:11: " tests/data/hostile/loops_forever.lua
expect "endless loop: budget" 1 "budget exceeded" tests/data/hostile/loops_forever.lua
expect "error in start"     1 "tests/data/hostile/bad_say.lua:8: bad argument #1 to 'say' (string expected, got nil) (in hook start) [smoke run \"good\", seed 1, before any agent message]" tests/data/hostile/bad_say.lua

expect "undeclared global"  1 "$D/undeclared_global.lua:29: assignment to undeclared global 'askd'; did you mean asked?" $D/undeclared_global.lua
# ... and at run time it is an error too, with the same words.
out=$(timeout 60 "$KEFU" test $D/undeclared_global.lua 2>&1)
if printf '%s\n' "$out" | grep -qF "undeclared_global.lua:29: assignment to undeclared global 'askd'; did you mean asked? (in hook on_reply)"; then
  echo "ok   undeclared global at run time"; passes=$((passes+1)); else echo "FAIL undeclared global at run time: $out"; fails=$((fails+1)); fi

# Every independent mistake of a file in one run, each once, in line order, each with the
# nearest name where there is one; the wrong-typed weight is named as the field it is.
M=$D/many_mistakes.lua
out=$(timeout 120 "$KEFU" lint --quiet $M 2>&1)
want="$M:5: empty customer line in lines (read by s:pick) (the customer cannot say nothing)
$M:10: 'difficulty' must be a number, got string
$M:17: 'scorecard.principles[2]': unknown principle id 'harsh_refusl'; did you mean harsh_refusal? (see rubric.lua)
$M:18: 'scorecard.principles[3].weight' must be a number, got string
$M:24: s:state(\"askin\"): state 'askin' is not declared in states; did you mean asking?
$M:29: assignment to undeclared global 'askd' (declare it at the top of the file: local askd)
1 file checked: 6 errors, 0 warnings"
if [ "$out" = "$want" ]; then echo "ok   every mistake in one run"; passes=$((passes+1))
else echo "FAIL every mistake in one run:"; diff <(printf '%s\n' "$want") <(printf '%s\n' "$out") | sed 's/^/    /'; fails=$((fails+1)); fi
# Two missing commas: each named, and the file past them still scanned (a misspelt line key).
C=$D/two_commas.lua
out=$(timeout 120 "$KEFU" lint --quiet $C 2>&1)
want="$C:11: missing ',' after the field ending at line 10? ('}' expected (to close '{' at line 8) near 'kind')
$C:17: missing ',' after the field ending at line 16? ('}' expected (to close '{' at line 15) near '{')
$C:25: s:line(\"opne\"): no line 'opne' in lines; did you mean open?
1 file checked: 3 errors, 0 warnings"
if [ "$out" = "$want" ]; then echo "ok   past missing commas"; passes=$((passes+1))
else echo "FAIL past missing commas:"; diff <(printf '%s\n' "$want") <(printf '%s\n' "$out") | sed 's/^/    /'; fails=$((fails+1)); fi

# One line per problem: the static finding is not repeated by the smoke run that trips on it.
expect_lines "one line: an empty string in a line table" 1 $D/empty_line_in_table.lua
expect "empty line in the returned lines" 1 "$D/empty_line_returned.lua:4: 'lines.thanks[2]' must be a non-empty string" $D/empty_line_returned.lua
expect_lines "one line: the loader's and the scan's words for one empty line" 1 $D/empty_line_returned.lua
expect_lines "one line: undeclared global" 1 $D/undeclared_global.lua
expect_lines "one line: empty line" 1 $D/empty_line.lua
expect_lines "one line: unknown outcome" 1 $D/unknown_outcome.lua
expect_lines "one line: undeclared state" 1 $D/undeclared_state.lua
expect_lines "one line: rude runtime error" 1 $D/rude_runtime_error.lua

# A folder stands for its *.lua files: the fixtures' errors all show, and it fails.
out=$(timeout 300 "$KEFU" lint --quiet $D 2>&1); rc=$?
if [ "$rc" -eq 1 ] && printf '%s\n' "$out" | grep -qF "$D/wrong_type.lua:10:" && printf '%s\n' "$out" | grep -qF "$D/bad_rubric_threshold.lua:8:"; then
  echo "ok   a folder"; passes=$((passes+1)); else echo "FAIL a folder: exit $rc"; printf '%s\n' "$out" | sed 's/^/    /'; fails=$((fails+1)); fi

# Usage errors exit 2.
timeout 10 "$KEFU" lint >/dev/null 2>&1; rc=$?
if [ "$rc" -eq 2 ]; then echo "ok   no files: usage"; passes=$((passes+1)); else echo "FAIL no files: exit $rc (want 2)"; fails=$((fails+1)); fi

# What ships lints clean (warnings allowed): every scenario and the rubric.
out=$(timeout 120 "$KEFU" lint scenarios/ 2>&1); rc=$?
if [ "$rc" -eq 0 ]; then echo "ok   shipped scenarios and rubric lint clean"; passes=$((passes+1))
else echo "FAIL shipped scenarios: exit $rc"; printf '%s\n' "$out" | sed 's/^/    /'; fails=$((fails+1)); fi

# The shipped personas react to the rubric's hits, not to word lists of their own.
if printf '%s\n' "$out" | grep -qF "in s:mentions is what the rubric judges"; then
  echo "FAIL shipped scenarios: a word list overlaps a principle:"
  printf '%s\n' "$out" | grep -F "in s:mentions" | sed 's/^/    /'; fails=$((fails+1))
else echo "ok   shipped personas react to reply.hits"; passes=$((passes+1)); fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
