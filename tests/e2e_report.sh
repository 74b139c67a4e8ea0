#!/usr/bin/env bash
# e2e_report: `kefu report` as HR runs it, over the fixtures in tests/data/report (6 sessions of
# 3 trainees with known figures, 5 broken files): exit codes, the summary, warnings, CSV, the
# results left untouched, usage errors, an empty folder; and a report over results that
# `kefu run` wrote. Run from the repo root with KEFU_BIN and KEFU_TEST_OUT set (ctest does).
set -uo pipefail

KEFU_BIN=${KEFU_BIN:-build/kefu}
OUT=${KEFU_TEST_OUT:-build/test-out}/e2e-report
DATA=tests/data/report
rm -rf "$OUT" && mkdir -p "$OUT"
fails=0
export TZ=UTC0 # dates are shown in local time; section 7 moves to UTC+8

fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}

expect_contains() { # file, text, what
  grep -qF -- "$2" "$1" || fail "$3: '$2' not in $1"
}

# The collapsed form of the line starting with $2 in file $1 (runs of spaces → one).
line_of() {
  grep -m1 -- "^$2" "$1" | tr -s ' '
}

before=$(find "$DATA" -type f -exec md5sum {} + | sort)

# 1. The whole folder: 6 sessions read, 5 broken files skipped with a warning each.
"$KEFU_BIN" report "$DATA" --mode all --csv "$OUT/r.csv" --html "$OUT/r.html" >"$OUT/stdout" 2>"$OUT/stderr"
rc=$?
[ "$rc" -eq 0 ] || fail "report exited $rc (expected 0); stderr: $(cat "$OUT/stderr")"
expect_contains "$OUT/stdout" "会话 6 场 · 学员 3 人 · 场景 4 个 · 2026-11-02 至 2026-11-16 (UTC+00:00)" summary
expect_contains "$OUT/stdout" "平均分 73.5 · 通过 2 场 (33%)" summary
[ "$(line_of "$OUT/stdout" "张三 ")" = "张三 3 91 91 77.0 33% +10.7 未就绪 (考试 1/2) 二选其一 3、亲切语气 1、礼貌告别 1" ] ||
  fail "张三's row: $(line_of "$OUT/stdout" "张三 ")"
[ "$(line_of "$OUT/stdout" "李四 ")" = "李四 2 85 70 77.5 50% — 就绪 (考试 1/1) 强调价值 1、生硬拒绝 1、擅自让价 1" ] ||
  fail "李四's row: $(line_of "$OUT/stdout" "李四 ")"
[ "$(line_of "$OUT/stdout" "haggler ")" = "haggler 砍价的王女士 3 75.0 33% 2 0 1 0 0/0" ] ||
  fail "haggler's row: $(line_of "$OUT/stdout" "haggler ")"
[ "$(line_of "$OUT/stdout" "二选其一 ")" = "二选其一 two_choice_close 技巧 6 2 4 0 33%" ] ||
  fail "two_choice_close's row: $(line_of "$OUT/stdout" "二选其一 ")"
expect_contains "$OUT/stdout" "首次响应 (标准 ≤15 秒): 6 场有回复, 平均 8.2 秒, 中位 7.0 秒, 最长 16.0 秒; 达标 5 场 (83%), 未回复 0 场" timing
expect_contains "$OUT/stdout" "回复等待 (标准 ≤20 秒): 回复 22 次, 平均 10.1 秒, 最长 30.0 秒; 超时 4 次 (18%), 涉及 3 场" timing
[ "$(tail -n 1 "$OUT/stdout")" = "read 6 files, skipped 5" ] || fail "last line: $(tail -n 1 "$OUT/stdout")"
[ "$(grep -c '^kefu report: skipped ' "$OUT/stderr")" -eq 5 ] || fail "expected 5 warnings: $(cat "$OUT/stderr")"
expect_contains "$OUT/stderr" "$DATA/bad/future.json:2:12: future version: schema \"kefu.result/2\"" warnings
expect_contains "$OUT/stderr" "$DATA/bad/wrong_schema.json:2:12: wrong schema \"kefu.export/1\"" warnings
expect_contains "$OUT/stderr" "$DATA/bad/gbk.json:4:14: not valid UTF-8" warnings
expect_contains "$OUT/stderr" "$DATA/bad/truncated.json:" warnings
expect_contains "$OUT/stderr" ": truncated: the file ends in the middle of a character" warnings
expect_contains "$OUT/stderr" "$DATA/bad/malformed.json:5:2: malformed JSON near" warnings
grep -q $'\x1b' "$OUT/stdout" && fail "escape sequence in the terminal output"

# 2. The CSV: BOM, CRLF, a header and one row per session.
[ "$(head -c 3 "$OUT/r.csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ] || fail "CSV has no UTF-8 BOM"
[ "$(grep -c $'\r$' "$OUT/r.csv")" -eq 7 ] || fail "CSV: expected 7 CRLF lines"
[ "$(wc -l <"$OUT/r.csv")" -eq 7 ] || fail "CSV: expected 7 lines"
head -n 1 "$OUT/r.csv" | grep -q "file,id,trainee,mode,scenario_id,scenario_title" || fail "CSV header"
grep -q ',张三,exam,angry_complainant,愤怒的张先生,2,9,2026-11-16T11:00:00Z,' "$OUT/r.csv" ||
  fail "CSV: 张三's angry_complainant row"
expect_contains "$OUT/r.html" "<footer>read 6 files, skipped 5</footer>" html

# 3. Filters.
"$KEFU_BIN" report "$DATA" --mode all --trainee 李四 >"$OUT/f1" 2>/dev/null || fail "--trainee exited $?"
expect_contains "$OUT/f1" "会话 2 场 · 学员 1 人" "--trainee"
expect_contains "$OUT/f1" "筛选: 学员 李四" "--trainee"
"$KEFU_BIN" report "$DATA" --mode all --scenario haggler --since 2026-11-03 --until 2026-11-09 >"$OUT/f2" 2>/dev/null ||
  fail "--scenario/--since/--until exited $?"
expect_contains "$OUT/f2" "会话 2 场" "--since/--until inclusive"
"$KEFU_BIN" report "$DATA" --trainee 没有这个人 >"$OUT/f3" 2>"$OUT/f3err"
[ $? -eq 1 ] || fail "no matching session should exit 1"
expect_contains "$OUT/f3err" "no session under $DATA matches the filters" "empty filter"

# 4. Bad input: exit 1 with a message; usage: exit 2.
mkdir -p "$OUT/empty"
"$KEFU_BIN" report "$OUT/empty" >"$OUT/e1" 2>"$OUT/e1err"
[ $? -eq 1 ] || fail "empty folder should exit 1"
expect_contains "$OUT/e1err" "no results files (*.json) under $OUT/empty: nothing to report" "empty folder"
"$KEFU_BIN" report "$OUT/no-such" >/dev/null 2>"$OUT/e2err"
[ $? -eq 1 ] || fail "missing folder should exit 1"
expect_contains "$OUT/e2err" "$OUT/no-such: No such file or directory" "missing folder"
"$KEFU_BIN" report "$DATA/bad" >/dev/null 2>"$OUT/e3err"
[ $? -eq 1 ] || fail "a folder of broken files should exit 1"
expect_contains "$OUT/e3err" "read 0 files, skipped 5" "all broken"
for args in "" "$DATA --bogus" "$DATA --since yesterday" "$DATA --csv" "$DATA --mode test" \
  "$DATA $DATA" "$DATA --csv $OUT/x.json"; do
  # shellcheck disable=SC2086
  "$KEFU_BIN" report $args >/dev/null 2>"$OUT/u.err"
  rc=$?
  [ "$rc" -eq 2 ] || fail "'kefu report $args' exited $rc (expected 2)"
  grep -q "usage: kefu report DIR" "$OUT/u.err" || fail "'kefu report $args' printed no usage"
done

# 5. The results are never modified.
after=$(find "$DATA" -type f -exec md5sum {} + | sort)
[ "$before" = "$after" ] || fail "the results files changed"

# 6. Results written by `kefu run` itself.
if "$KEFU_BIN" run haggler --replies tests/data/transcripts/haggler_good.jsonl --trainee 测试员 \
  --seed 3 --out "$OUT/run-results" >"$OUT/run.out" 2>&1 &&
  "$KEFU_BIN" run angry_complainant --replies tests/data/transcripts/angry_complainant_bad.jsonl \
    --trainee 测试员 --seed 4 --out "$OUT/run-results" >>"$OUT/run.out" 2>&1; then
  "$KEFU_BIN" report "$OUT/run-results" --csv "$OUT/run.csv" --html "$OUT/run.html" \
    >"$OUT/run-report" 2>"$OUT/run-report.err" || fail "report over kefu run results exited $?: $(cat "$OUT/run-report.err")"
  expect_contains "$OUT/run-report" "会话 2 场 · 学员 1 人 · 场景 2 个" "kefu run results"
  [ "$(tail -n 1 "$OUT/run-report")" = "read 2 files, skipped 0" ] ||
    fail "kefu run results: $(tail -n 1 "$OUT/run-report"); $(cat "$OUT/run-report.err")"
  [ "$(wc -l <"$OUT/run.csv")" -eq 3 ] || fail "kefu run results: CSV rows"
else
  fail "kefu run could not produce results to report on: $(tail -n 5 "$OUT/run.out")"
fi

# 7. The default covers the exam sessions only and says so; --require sets what ready needs;
# dates follow TZ; the HTML's conversations are on one page per trainee.
TZ=CST-8 "$KEFU_BIN" report "$DATA" --require haggler --html "$OUT/d.html" >"$OUT/d" 2>/dev/null ||
  fail "default mode exited $?"
expect_contains "$OUT/d" "会话 5 场 · 学员 3 人 · 场景 3 个 · 2026-11-02 至 2026-11-16 (UTC+08:00)" "local time"
expect_contains "$OUT/d" "模式: 考试 (另有练习 1 场未计入, 用 --mode practice 或 --mode all 查看)" "default mode"
[ "$(line_of "$OUT/d" "张三 ")" = "张三 3 91 91 77.0 33% +10.7 未就绪 (考试 0/1) 二选其一 3、亲切语气 1、礼貌告别 1" ] ||
  fail "--require: $(line_of "$OUT/d" "张三 ")"
[ "$(line_of "$OUT/d" "张三 *haggler")" = "张三 haggler 2 62 78 72.7 +10.7" ] ||
  fail "progress row: $(line_of "$OUT/d" "张三 *haggler")"
[ "$(ls "$OUT/d_files" | wc -l)" -eq 3 ] || fail "expected 3 trainee pages in d_files/"
grep -q '<details class="ses"' "$OUT/d.html" && fail "the main page holds conversations"
grep -c '<details class="ses"' "$OUT"/d_files/*.html | awk -F: '{n+=$2} END{exit n!=5}' ||
  fail "the trainee pages should hold the 5 conversations"
"$KEFU_BIN" report "$DATA" --mode practice >"$OUT/p" 2>/dev/null || fail "--mode practice exited $?"
expect_contains "$OUT/p" "会话 1 场" "--mode practice"
expect_contains "$OUT/p" "模式: 练习" "--mode practice"

if [ "$fails" -gt 0 ]; then
  echo "e2e_report: $fails check(s) failed" >&2
  exit 1
fi
echo "e2e_report: all checks passed"
