#!/usr/bin/env bash
# Every shipped scenario's self-tests pass (`kefu test scenarios/`, the command CI runs), and
# lint finds no outcome a scenario can reach (s:finish) without a self-test expecting it.
set -u
KEFU=${KEFU_BIN:-build/kefu}
fails=0

out=$(timeout 300 "$KEFU" test scenarios/ 2>&1); rc=$?
printf '%s\n' "$out"
last=$(printf '%s\n' "$out" | tail -n 1)
if [ "$rc" -ne 0 ] || ! printf '%s' "$last" | grep -qE '^[0-9]+ passed, 0 failed$'; then
  echo "FAIL kefu test scenarios/: exit $rc, last line '$last'"; fails=$((fails+1))
fi

untested=$(timeout 300 "$KEFU" lint --quiet scenarios/*.lua 2>&1 | grep "no self-test expects outcome")
if [ -n "$untested" ]; then
  echo "FAIL outcomes without a self-test:"; printf '%s\n' "$untested" | sed 's/^/    /'; fails=$((fails+1))
fi

[ "$fails" -eq 0 ]
