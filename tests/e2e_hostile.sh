#!/usr/bin/env bash
# Hostile scenario files through kefu run, lint, test and list: each ends with exit 1 (never a
# hang, never a signal) and a message naming the file (and line), prints no raw terminal
# escape, and files that are not plain files (FIFOs, links, devices, huge files; made here at
# run time) are refused at once. `timeout` is a hang guard, not a speed assertion.
set -u
KEFU=${KEFU_BIN:-build/kefu}
# Every budget a hostile file exhausts runs out five times sooner (docs/scenario-api.md): the
# limits hold the same way, and the test takes a fraction of the time on a busy machine.
export KEFU_TEST_BUDGET_SCALE=0.2
H=tests/data/hostile
RUBRIC=scenarios/rubric.lua
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fails=0; passes=0
ESC=$(printf '\033')

# check NAME WANT_RC REGEX CMD...: runs CMD under a 60 s guard and checks exit code, that
# the output matches REGEX (ERE) and holds no ESC byte.
check() {
  local name=$1 want_rc=$2 want=$3; shift 3
  local start end out rc secs
  start=$(date +%s.%N)
  out=$(timeout 60 "$@" 2>&1); rc=$?
  end=$(date +%s.%N)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')
  if [ "$rc" -eq 124 ]; then
    echo "FAIL $name: still running after 60 s (a hang)"; fails=$((fails+1)); return
  fi
  if [ "$rc" -gt 128 ]; then
    echo "FAIL $name: killed by signal $((rc-128)): $out"; fails=$((fails+1)); return
  fi
  if [ "$rc" -ne "$want_rc" ]; then
    echo "FAIL $name: exit $rc (want $want_rc): $out"; fails=$((fails+1)); return
  fi
  if ! printf '%s\n' "$out" | grep -qE -- "$want"; then
    echo "FAIL $name: output does not match '$want':"; printf '%s\n' "$out" | sed 's/^/    /'
    fails=$((fails+1)); return
  fi
  case "$out" in
    *"$ESC"*) echo "FAIL $name: a raw ESC byte reached the output"; fails=$((fails+1)); return;;
  esac
  echo "ok   $name (${secs}s)"; passes=$((passes+1))
}

# all_four FILE REPLIES RUN_RC LINT_RC TEST_RC LIST_RC REGEX: the four commands on one file
# (list on a folder holding a copy of it). REGEX may use @ for the file's path.
all_four() {
  local f=$1 replies=$2 run_rc=$3 lint_rc=$4 test_rc=$5 list_rc=$6 re=$7
  local name; name=$(basename "$f" .lua)
  local dir="$OUT/list-$name"
  mkdir -p "$dir" && cp "$f" "$dir/"
  local want=${re//@/$f} want_list=${re//@/$dir/$name.lua}
  [ "$run_rc" -eq 0 ] && want=.
  check "run  $name" "$run_rc" "$want" "$KEFU" run "$f" --replies "$replies" --out "$OUT/res"
  want=${re//@/$f}
  [ "$lint_rc" -eq 0 ] && want=.
  check "lint $name" "$lint_rc" "$want" "$KEFU" lint "$f"
  want=${re//@/$f}
  [ "$test_rc" -eq 0 ] && want=.
  check "test $name" "$test_rc" "$want" "$KEFU" test "$f"
  [ "$list_rc" -eq 0 ] && want_list=.
  check "list $name" "$list_rc" "$want_list" "$KEFU" list --scenarios "$dir" --rubric "$RUBRIC"
}

S=tests/data/replies/simple.jsonl
BUDGET='@:[0-9]+: .*budget exceeded'
# Budgets that hold inside message handlers and C library calls.
all_four $H/xpcall_handler.lua  $S 1 1 1 1 "$BUDGET"
all_four $H/tostring_loop.lua   $S 1 1 1 1 "$BUDGET"
all_four $H/upper_loop.lua      $S 1 1 1 1 "$BUDGET"
all_four $H/oom_in_pcall.lua    $S 1 1 1 1 "$BUDGET"
all_four $H/pattern_lazy.lua    $S 1 1 1 1 "@:2: pattern '\.-b' is too costly"
all_four $H/pattern_balance.lua $S 1 1 1 1 "@:2: pattern '%b\(\)' is too costly"
all_four $H/rep_16mb.lua        $S 1 1 1 1 "@:2: string.rep would make a 16777216-byte string"
# Every call under its budget, too many of them: the session's total, the file's total.
all_four $H/idle_burner.lua $H/wait.jsonl 1 1 1 0 "$BUDGET"
all_four $H/many_tests.lua      $S 0 1 1 0 "@(:[0-9]+)?: .*budget exceeded"
# Nothing silently accepted.
all_four $H/huge_list.lua       $S 1 1 1 1 "@:10: 'scorecard.principles' lists 2305843009213693952 entries; at most 1000"
all_four $H/no_principles.lua   $S 1 1 1 1 "@:6: 'scorecard.principles' lists no principle"
all_four $H/nul_title.lua       $S 1 1 1 1 "@:4: 'title' contains a NUL byte"
# Output is inert.
all_four $H/escape_error.lua    $S 1 1 1 1 '@:2: \\x1b\[2J\\x1b\[H\\x1b\[32mall tests passed'
all_four $H/escape_in_hook.lua  $S 1 1 1 0 '@:12: \\x1b\]0;pwned\\x07\\x1b\[2Jall tests passed'

# Files that are not plain files: refused at once, their content never read or quoted.
T="$OUT/special"; mkdir -p "$T"
mkfifo "$T/fifo.lua"
ln -s /etc/passwd "$T/passwd.lua"
ln -s /dev/zero "$T/zero.lua"
truncate -s 2G "$T/big.lua"
for f in fifo passwd zero big; do
  case $f in
    fifo) re="$T/fifo.lua: is a FIFO";;
    passwd|zero) re="$T/$f.lua: is a symbolic link";;
    big) re="$T/big.lua: the file is 2147483648 bytes; scenario and rubric files may be at most 1024 KiB";;
  esac
  check "run  $f" 1 "$re" "$KEFU" run "$T/$f.lua" --replies "$S" --out "$OUT/res"
  check "lint $f" 1 "$re" "$KEFU" lint "$T/$f.lua"
  check "test $f" 1 "$re" "$KEFU" test "$T/$f.lua"
done
check "lint a device"        1 "/dev/zero: is a device" "$KEFU" lint /dev/zero
check "list a folder of them" 1 "$T/fifo.lua: is a FIFO" "$KEFU" list --scenarios "$T" --rubric "$RUBRIC"
check "lint a folder of them" 1 "$T/zero.lua: is a symbolic link" "$KEFU" lint "$T"
check "test a folder of them" 1 "$T/big.lua: the file is" "$KEFU" test "$T" --rubric "$RUBRIC"
out=$(timeout 60 "$KEFU" lint "$T/passwd.lua" 2>&1)
case "$out" in
  *root*) echo "FAIL a linked file's content was quoted: $out"; fails=$((fails+1));;
  *) echo "ok   a linked file's content is never quoted"; passes=$((passes+1));;
esac

# A folder without scenario files is an error, not "all clean".
mkdir -p "$OUT/empty"
check "lint an empty folder" 1 "$OUT/empty: no \*\.lua files" "$KEFU" lint "$OUT/empty"
check "test an empty folder" 1 "no scenario files \(\*\.lua\) in $OUT/empty" "$KEFU" test "$OUT/empty"

# A file name from a folder scan holding terminal escapes is shown escaped.
mkdir -p "$OUT/names"
printf 'return 42\n' >"$OUT/names/$(printf 'x\033[2J').lua"
check "lint escaped names" 1 'x\\x1b\[2J\.lua' "$KEFU" lint "$OUT/names"
check "test escaped names" 1 'x\\x1b\[2J\.lua' "$KEFU" test "$OUT/names" --rubric "$RUBRIC"
check "list escaped names" 1 'x\\x1b\[2J\.lua' "$KEFU" list --scenarios "$OUT/names" --rubric "$RUBRIC"

# An explored run is saved by writing a new file and renaming it into place: a link planted
# where the replies go is replaced, never written through.
mkdir -p "$OUT/save"
printf 'keep\n' >"$OUT/victim.txt"
ln -s "$OUT/victim.txt" "$OUT/save/never_ends-run0.jsonl"
check "explore --save over a link" 0 "never ended" "$KEFU" test --explore 1 --max-replies 12 \
  --save "$OUT/save" tests/data/lint/never_ends.lua
if [ "$(cat "$OUT/victim.txt")" = keep ] && [ -f "$OUT/save/never_ends-run0.jsonl" ] &&
  ! [ -L "$OUT/save/never_ends-run0.jsonl" ]; then
  echo "ok   the saved run replaced the link"; passes=$((passes+1))
else
  echo "FAIL the saved run went through the link: $(cat "$OUT/victim.txt" | head -c 200)"
  fails=$((fails+1))
fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
