#!/usr/bin/env bash
# e2e_report_review: `kefu review` as HR runs it over a copy of tests/data/report: a false alarm
# and a miss recorded beside the result (which stays byte for byte the same, so its checks
# stand), refused verdicts with their reasons, usage errors, --list, --export read back by
# `kefu analyze`, and `kefu report` showing the disagreement in the terminal, CSV and HTML.
# Run from the repo root with KEFU_BIN and KEFU_TEST_OUT set (ctest does).
set -uo pipefail

KEFU_BIN=${KEFU_BIN:-build/kefu}
OUT=${KEFU_TEST_OUT:-build/test-out}/e2e-report-review
rm -rf "$OUT" && mkdir -p "$OUT"
cp -r tests/data/report "$OUT/results"
rm -rf "$OUT/results/bad"
export TZ=UTC0
fails=0

fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}

expect_contains() { # file, text, what
  grep -qF -- "$2" "$1" || fail "$3: '$2' not in $1"
}

R="$OUT/results/zhangsan/20261102T090000Z-haggler-0007.json"
before=$(md5sum "$R")
"$KEFU_BIN" report "$OUT/results" --mode all --csv "$OUT/before.csv" >"$OUT/before.txt" 2>&1

# 1. A false alarm (reply 2 was judged a harsh refusal) and a miss (reply 3 apologised).
"$KEFU_BIN" review "$R" --turn 2 --principle harsh_refusal --verdict false_alarm \
  --reviewer 王经理 --note "语气平和, 不算生硬" >"$OUT/1.out" 2>&1 ||
  fail "false alarm refused: $(cat "$OUT/1.out")"
"$KEFU_BIN" review "$R" --turn 3 --principle apology --verdict miss --reviewer 王经理 \
  >"$OUT/2.out" 2>&1 || fail "miss refused: $(cat "$OUT/2.out")"
expect_contains "$OUT/1.out" "误报 of harsh_refusal on reply 2 recorded in" "kefu review says where"
[ "$(wc -l <"$OUT/results/zhangsan/reviews.jsonl")" -eq 2 ] || fail "reviews.jsonl should hold 2 lines"
[ "$(md5sum "$R")" = "$before" ] || fail "the result file changed"

# 2. Verdicts that contradict the file, and usage errors, say why and change nothing.
check_refused() { # expected exit code, expected message, args...
  local want=$1 msg=$2
  shift 2
  "$KEFU_BIN" review "$@" >"$OUT/r.out" 2>&1
  local rc=$?
  [ "$rc" -eq "$want" ] || fail "kefu review $* exited $rc (expected $want)"
  expect_contains "$OUT/r.out" "$msg" "kefu review $*"
}
check_refused 1 "reply 2 already has a hit of harsh_refusal, so it cannot be a miss" \
  "$R" --turn 2 --principle harsh_refusal --verdict miss --reviewer x
check_refused 1 "reply 1 has no hit of arguing, so it cannot be a false alarm" \
  "$R" --turn 1 --principle arguing --verdict false_alarm --reviewer x
check_refused 1 "no reply 40: the trainee replied 4 times" \
  "$R" --turn 40 --principle apology --verdict miss --reviewer x
check_refused 1 "the scorecard judges no principle aplogy" \
  "$R" --turn 1 --principle aplogy --verdict miss --reviewer x
check_refused 2 "--verdict must be false_alarm or miss; got wrong" \
  "$R" --turn 1 --principle apology --verdict wrong --reviewer x
check_refused 2 "--turn must be the trainee's reply number, from 1 (0: the whole session); got -1" \
  "$R" --turn -1 --principle apology --verdict miss --reviewer x
check_refused 2 "--reviewer NAME is needed" "$R" --turn 1 --principle apology --verdict miss
check_refused 2 "unknown option --bogus" "$R" --bogus
check_refused 2 "will not write a .json file" --export "$OUT/results/cases.json" "$OUT/results"
[ -e "$OUT/results/cases.json" ] && fail "--export wrote a .json file among the results"
[ "$(wc -l <"$OUT/results/zhangsan/reviews.jsonl")" -eq 2 ] || fail "a refused verdict was written"

# 3. --list and --export; the export is what kefu analyze reads.
"$KEFU_BIN" review --list "$OUT/results" >"$OUT/list.out" 2>&1 || fail "--list failed"
expect_contains "$OUT/list.out" "第2句  误报 harsh_refusal  王经理" "--list"
expect_contains "$OUT/list.out" "2 verdicts under" "--list"
"$KEFU_BIN" review --export "$OUT/cases.jsonl" "$OUT/results" >"$OUT/export.out" 2>&1 ||
  fail "--export failed: $(cat "$OUT/export.out")"
expect_contains "$OUT/cases.jsonl" '"not":["harsh_refusal"]' "export of the false alarm"
expect_contains "$OUT/cases.jsonl" '"fires":["apology"]' "export of the miss"
"$KEFU_BIN" analyze "$OUT/cases.jsonl" >"$OUT/analyzed.jsonl" 2>"$OUT/analyze.err" ||
  fail "kefu analyze refused the export: $(cat "$OUT/analyze.err")"
[ "$(wc -l <"$OUT/analyzed.jsonl")" -eq 2 ] || fail "kefu analyze should answer both cases"
grep -q '"error"' "$OUT/analyzed.jsonl" && fail "kefu analyze found an error in the export"
# every exported line has the fields the labelled sets' readers (tests/test_rubric.c) need
python3 - "$OUT/cases.jsonl" <<'EOF' || fail "the export is not in the labelled format"
import json, sys
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    o = json.loads(line)
    assert isinstance(o["reply"], str) and o["reply"], n
    assert isinstance(o["fires"], list) and isinstance(o["not"], list), n
    assert len(o["fires"]) + len(o["not"]) == 1, n
    assert o["persona"] == "haggler" and isinstance(o["turn"], int), n
EOF

# 4. The report: the disagreement per principle, the CSV columns, the verdict in the drill-down;
#    the result's own check is what it was.
"$KEFU_BIN" report "$OUT/results" --mode all --csv "$OUT/after.csv" --html "$OUT/r.html" \
  >"$OUT/after.txt" 2>&1 || fail "report failed: $(cat "$OUT/after.txt")"
expect_contains "$OUT/after.txt" "== 复核: 人工判定与检测不一致 (2 条) ==" "report section"
[ "$(sed -n '/== 复核/,$p' "$OUT/after.txt" | grep -m1 '^生硬拒绝 ' | tr -s ' ')" = "生硬拒绝 harsh_refusal 1 0 1 6 17%" ] ||
  fail "harsh_refusal row: $(sed -n '/== 复核/,$p' "$OUT/after.txt" | grep -m1 '^生硬拒绝 ')"
expect_contains "$OUT/after.csv" ",harsh_refusal@2,apology@3" "CSV columns"
expect_contains "$OUT/r.html" '<section id="reviews">' "HTML section"
expect_contains "$OUT/r_files/001-张三.html" "<b>复核：误报</b> 生硬拒绝" "drill-down verdict"
check_col() { python3 -c "
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding='utf-8-sig')))
print(';'.join(r['id'] + '=' + r['check'] for r in rows))" "$1"; }
[ "$(check_col "$OUT/before.csv")" = "$(check_col "$OUT/after.csv")" ] ||
  fail "the check column changed after a review"

# 5. A broken reviews file is named with its line; the report still runs.
echo '{"schema":"kefu.review/1","turn":"two"}' >"$OUT/results/lisi/reviews.jsonl"
"$KEFU_BIN" report "$OUT/results" --mode all >"$OUT/broken.txt" 2>&1 || fail "report with a bad reviews file failed"
expect_contains "$OUT/broken.txt" "lisi/reviews.jsonl:1: \"turn\" must be a whole number from 1" "bad reviews file"
"$KEFU_BIN" review --list "$OUT/results" >"$OUT/list2.out" 2>&1
[ $? -eq 1 ] || fail "--list over a bad reviews file should exit 1"
expect_contains "$OUT/list2.out" "lisi/reviews.jsonl:1:" "--list names the bad file"

if [ "$fails" -ne 0 ]; then
  echo "e2e_report_review: $fails failure(s)" >&2
  exit 1
fi
echo "e2e_report_review: ok"
