#!/usr/bin/env bash
# The docs are right: the principle table in docs/rubric.md is what `kefu list --principles
# --markdown` prints from scenarios/rubric.lua, and every example the docs mark runnable
# (<!-- doctest -->, see tests/doctest.py) gives the output the docs show.
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

if python3 tests/doctest.py "$KEFU" docs/*.md README.md; then passes=$((passes+1)); else fails=$((fails+1)); fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
