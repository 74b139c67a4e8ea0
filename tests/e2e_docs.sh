#!/usr/bin/env bash
# The docs are right: the principle table in docs/rubric.md is what `kefu list --principles
# --markdown` prints from scenarios/rubric.lua, and every example the docs mark runnable
# (<!-- doctest -->, see tests/doctest.py) gives the output the docs show, every command shown
# under <!-- doctest-by: TEST --> is in the test named, and no `kefu` command line in a code
# block of the docs is left to no test.
set -u
KEFU=${KEFU_BIN:-build/kefu}
fails=0; passes=0

want=$("$KEFU" list --principles --markdown)
have=$(sed -n '/^<!-- principles:begin/,/^<!-- principles:end/p' docs/rubric.md | sed '1d;$d')
if [ -n "$want" ] && [ "$want" = "$have" ]; then
  echo "ok   docs/rubric.md's principle table is the rubric's"; passes=$((passes+1))
else
  echo "FAIL docs/rubric.md's principle table differs from kefu list --principles --markdown:"
  diff <(printf '%s\n' "$have") <(printf '%s\n' "$want") | sed 's/^/    /'
  fails=$((fails+1))
fi

# The trainees' guide exists and the README's top part (before its first section) links it,
# while the README's first code block keeps exactly its two commands.
top=$(sed -n '1,/^## /p' README.md)
first=$(awk '/^```/{n++; next} n==1' README.md)
if [ -s docs/trainee.md ] && printf '%s\n' "$top" | grep -qF "](docs/trainee.md)" &&
   [ "$(printf '%s\n' "$first" | grep -c .)" -eq 2 ] && grep -q "^## 3\. 看懂成绩单" docs/trainee.md; then
  echo "ok   the trainee guide, linked from the README's top"; passes=$((passes+1))
else
  echo "FAIL the trainee guide or its link in the README's top part (first code block: $first)"; fails=$((fails+1))
fi

# Every line of a code block that begins with `kefu `, `$ kefu ` or `build/kefu ` runs as a
# doctest or names its test (doctest-by). The README's first block is left alone by name: its
# two set-up commands (scripts/setup.sh && build/kefu, scripts/test.sh) are what CI runs itself.
if left=$(python3 tests/doctest.py --uncovered --exempt README.md:1 docs/*.md README.md); then
  echo "ok   every kefu command in the docs' code blocks is run by a test"; passes=$((passes+1))
else
  echo "FAIL kefu commands in the docs that no test runs:"
  printf '%s\n' "$left" | sed 's/^/    /'
  fails=$((fails+1))
fi

if python3 tests/doctest.py "$KEFU" docs/*.md README.md; then passes=$((passes+1)); else fails=$((fails+1)); fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
