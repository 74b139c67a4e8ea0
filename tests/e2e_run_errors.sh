#!/usr/bin/env bash
# kefu run on bad input: each case exits 1 with one line naming the file (and line), leaves no
# results file behind, and never hangs (timeout is a hang guard, not a speed assertion).
set -u
KEFU=${KEFU_BIN:-build/kefu}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fails=0; passes=0

expect_error() { # name, expected-substring, kefu args...
  local name=$1 want=$2; shift 2
  local err rc
  rm -rf "$OUT/res"
  err=$(timeout 30 "$KEFU" run "$@" --out "$OUT/res" 2>&1 >/dev/null); rc=$?
  local lines; lines=$(printf '%s\n' "$err" | grep -c .)
  if [ "$rc" -ne 1 ]; then
    echo "FAIL $name: exit $rc (want 1): $err"; fails=$((fails+1)); return
  fi
  if [ "$lines" -ne 1 ]; then
    echo "FAIL $name: want one line of error, got $lines: $err"; fails=$((fails+1)); return
  fi
  if ! printf '%s' "$err" | grep -qF -- "$want"; then
    echo "FAIL $name: message lacks '$want': $err"; fails=$((fails+1)); return
  fi
  if [ -n "$(ls -A "$OUT/res" 2>/dev/null)" ]; then
    echo "FAIL $name: left files in the results folder: $(ls -A "$OUT/res")"; fails=$((fails+1)); return
  fi
  echo "ok   $name: $err"; passes=$((passes+1))
}

H=tests/data/hostile; R=tests/data/replies
expect_error "reads a file"      "$H/reads_file.lua:"      $H/reads_file.lua --replies $R/simple.jsonl
expect_error "runs the shell"    "$H/runs_shell.lua:"      $H/runs_shell.lua --replies $R/simple.jsonl
expect_error "loops forever"     "budget exceeded"         $H/loops_forever.lua --replies $R/simple.jsonl
expect_error "loops in pcall"    "budget exceeded"         $H/loops_in_pcall.lua --replies $R/simple.jsonl
expect_error "recurses"          "$H/recurses.lua"         $H/recurses.lua --replies $R/simple.jsonl
expect_error "allocates"         "$H/allocates.lua"        $H/allocates.lua --replies $R/simple.jsonl
expect_error "runtime error"     "$H/runtime_error.lua:"   $H/runtime_error.lua --replies $R/simple.jsonl
expect_error "loads code"        "unknown global 'load'"   $H/loads_code.lua --replies $R/simple.jsonl
expect_error "bad say"           "bad argument #1 to 'say'" $H/bad_say.lua --replies $R/simple.jsonl
expect_error "syntax error"      "$H/syntax_error.lua:4:"  $H/syntax_error.lua --replies $R/simple.jsonl
expect_error "top-level loop"    "budget exceeded"         $H/top_level_loop.lua --replies $R/simple.jsonl
expect_error "metatable trap"    "$H/metatable_trap.lua: the returned table (or a table inside it) has a metatable" $H/metatable_trap.lua --replies $R/simple.jsonl
expect_error "finalizer trap"    "$H/gc_trap.lua:2: __gc metamethods are not allowed" $H/gc_trap.lua --replies $R/simple.jsonl
expect_error "returns a number"  "must return a table"     $H/returns_number.lua --replies $R/simple.jsonl
expect_error "unknown scenario"  "unknown scenario 'no_such_persona'" no_such_persona --replies $R/simple.jsonl
expect_error "missing scenario file" "nope/x.lua: no such scenario file" nope/x.lua --replies $R/simple.jsonl
expect_error "broken JSON"       "$R/broken_json.jsonl:2:" haggler --replies $R/broken_json.jsonl
expect_error "missing after"     "$R/missing_after.jsonl:2: missing \"after\"" haggler --replies $R/missing_after.jsonl
expect_error "missing text"      "$R/missing_text.jsonl:1: missing \"text\"" haggler --replies $R/missing_text.jsonl
expect_error "invalid UTF-8"     "$R/invalid_utf8.jsonl:1: not valid UTF-8" haggler --replies $R/invalid_utf8.jsonl
expect_error "negative after"    "$R/negative_after.jsonl:1: \"after\" must be" haggler --replies $R/negative_after.jsonl
expect_error "no replies file"   "nope.jsonl: cannot open" haggler --replies nope.jsonl
# Files that are not plain files: refused at once, never waited on (a FIFO has no writer here:
# opening it for reading without O_NONBLOCK would hang until the timeout).
mkfifo "$OUT/fifo.jsonl" "$OUT/fifo_rubric.lua"
mkdir -p "$OUT/folder.jsonl"
ln -s "$PWD/scenarios/rubric.lua" "$OUT/link_rubric.lua"
expect_error "replies FIFO"      "$OUT/fifo.jsonl: is a FIFO (named pipe), not a regular file" haggler --replies "$OUT/fifo.jsonl"
expect_error "replies folder"    "$OUT/folder.jsonl: is a folder, not a regular file" haggler --replies "$OUT/folder.jsonl"
expect_error "rubric FIFO"       "$OUT/fifo_rubric.lua: is a FIFO (named pipe), not a regular file" haggler --rubric "$OUT/fifo_rubric.lua" --replies $R/simple.jsonl
expect_error "rubric link"       "$OUT/link_rubric.lua: is a symbolic link" haggler --rubric "$OUT/link_rubric.lua" --replies $R/simple.jsonl
# The model the rubric names: a FIFO or a link in its place is refused the same way.
for kind in fifo link; do
  mkdir -p "$OUT/$kind"
  cp scenarios/rubric.lua "$OUT/$kind/rubric.lua"
  if [ $kind = fifo ]; then mkfifo "$OUT/$kind/rubric.model"; else ln -s "$PWD/scenarios/rubric.model" "$OUT/$kind/rubric.model"; fi
done
expect_error "model FIFO"        "$OUT/fifo/rubric.model: is a FIFO (named pipe), not a regular file" haggler --rubric "$OUT/fifo/rubric.lua" --replies $R/simple.jsonl
expect_error "model link"        "$OUT/link/rubric.model: is a symbolic link" haggler --rubric "$OUT/link/rubric.lua" --replies $R/simple.jsonl
# A name holding control characters is shown escaped, never sent to the terminal raw.
esc=$(printf 'nope/\033[2J.lua')
expect_error "escaped name"      'nope/\x1b[2J.lua: no such scenario file' "$esc" --replies $R/simple.jsonl
err=$(timeout 30 "$KEFU" run "$esc" --replies $R/simple.jsonl 2>&1 >/dev/null)
if printf '%s' "$err" | grep -q "$(printf '\033')"; then
  echo "FAIL escaped name: a raw ESC reached stderr"; fails=$((fails+1))
fi
[ -e /tmp/kefu_pwned ] && { echo "FAIL: a scenario ran a shell command"; fails=$((fails+1)); }

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
