#!/usr/bin/env bash
# e2e_report_browser: the HTML report of tests/data/report opened in headless Chromium. The
# rendered DOM must show the known figures, hold no element the results injected (the page
# emits no <script> at all, so any is an injection), and show the injection strings as text.
# Screenshots go to $KEFU_TEST_OUT/report.png (top of the page) and report-drilldown.png (one
# session opened). Run from the repo root with KEFU_BIN and KEFU_TEST_OUT set (ctest does).
set -uo pipefail

KEFU_BIN=${KEFU_BIN:-build/kefu}
TEST_OUT=${KEFU_TEST_OUT:-build/test-out}
OUT=$TEST_OUT/e2e-report-browser
rm -rf "$OUT" && mkdir -p "$OUT"
fails=0
fail() {
  echo "FAIL: $*" >&2
  fails=$((fails + 1))
}

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
  echo "FAIL: chromium is not installed; scripts/setup.sh installs Debian's chromium package" >&2
  exit 1
fi
if [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then
  echo "FAIL: no font covers Chinese (fc-list :lang=zh is empty); scripts/setup.sh installs fonts-noto-cjk" >&2
  exit 1
fi

profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
browse() { # extra chromium arguments..., then the file
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" "$@" 2>>"$OUT/chromium.log"
}

export TZ=UTC0
"$KEFU_BIN" report tests/data/report --mode all --html "$OUT/report.html" >"$OUT/stdout" 2>"$OUT/stderr" ||
  fail "kefu report exited $?: $(cat "$OUT/stderr")"
page="file://$(cd "$OUT" && pwd)/report.html"

browse --dump-dom "$page" >"$OUT/dom.html" || fail "chromium --dump-dom exited $?"
[ -s "$OUT/dom.html" ] || fail "chromium dumped no DOM (see $OUT/chromium.log)"
# Each trainee's conversations are on a page of their own, linked from the main page.
[ "$(ls "$OUT/report_files" | wc -l)" -eq 3 ] || fail "expected 3 trainee pages in report_files/"
for f in "$OUT"/report_files/*.html; do
  grep -qF "href=\"report_files/$(basename "$f")" "$OUT/report.html" || fail "no link to $f"
  browse --dump-dom "file://$(cd "$(dirname "$f")" && pwd)/$(basename "$f")" >>"$OUT/dom.html" ||
    fail "chromium --dump-dom $f exited $?"
done
dom=$OUT/dom.html
count() { grep -o -- "$1" "$dom" | wc -l; }

# Nothing injected became an element; the page itself emits no script.
[ "$(count '<script')" -eq 0 ] || fail "the DOM has $(count '<script') <script> elements (expected 0)"
[ "$(count '<img')" -eq 0 ] || fail "the DOM has <img> elements"
grep -qE '<[a-z]+[^>]* onerror=' "$dom" && fail "an element carries an onerror attribute"
# ... and the strings are there, as text.
grep -qF '&lt;script&gt;alert(1)&lt;/script&gt; 亲，"&gt;&lt;img src=x onerror=alert(1)&gt;' "$dom" ||
  fail "the injected reply is not shown as text"

# The key figures, as rendered.
for want in '<b>6</b><span>会话</span>' '<b>73.5</b><span>平均分</span>' '<b>33%</b><span>通过率</span>' \
  '<b>1/3</b><span>就绪学员 (考试或必考场景通过)</span>' \
  '<td class="name">张三</td><td class="n">3</td><td class="n">91</td><td class="n">91</td><td class="n avg">77.0</td>' \
  '<td class="name">李四</td><td class="n">2</td><td class="n">85</td><td class="n">70</td><td class="n avg">77.5</td>' \
  '<title>90–100 分: 1 场</title>' '<title>张三 · 二选其一: 达成 0/3, 未达成 3, 违反 0</title>' \
  '<mark class="t" title="热情问候">亲，您好！欢迎光临小店</mark>' '<cite>手册 002 欢迎和欢送</cite>' \
  '<footer>read 6 files, skipped 5</footer>'; do
  grep -qF -- "$want" "$dom" || fail "rendered page lacks: $want"
done
[ "$(count '<details class="ses"')" -eq 6 ] || fail "expected 6 session drill-downs"
[ "$(count '<rect class="bin"')" -eq 10 ] || fail "expected 10 histogram bars"
[ "$(count '<circle')" -eq 6 ] || fail "expected 6 attempt dots"

# What HR sees first, and one conversation opened.
browse --screenshot="$OUT/report.png" --window-size=1280,2000 "$page" >/dev/null ||
  fail "chromium --screenshot exited $?"
# 张三's page, its first session opened.
zhang=$(ls "$OUT"/report_files/*张三.html)
sed -e '0,/<details class="ses" id="s[0-9]*">/s//<details class="ses" open>/' "$zhang" \
  >"$OUT/report_files/drilldown-open.html"
browse --screenshot="$OUT/report-drilldown.png" --window-size=1280,1100 \
  "file://$(cd "$OUT" && pwd)/report_files/drilldown-open.html" >/dev/null || fail "drill-down screenshot"
for shot in report.png report-drilldown.png; do
  size=$(stat -c %s "$OUT/$shot" 2>/dev/null || echo 0)
  [ "$size" -gt 20000 ] || fail "$shot is missing or blank ($size bytes)"
  cp "$OUT/$shot" "$TEST_OUT/$shot" 2>/dev/null
done

if [ "$fails" -gt 0 ]; then
  echo "e2e_report_browser: $fails check(s) failed" >&2
  exit 1
fi
echo "e2e_report_browser: all checks passed; screenshots in $TEST_OUT/report.png, report-drilldown.png"
