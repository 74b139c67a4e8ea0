#!/usr/bin/env bash
# kefu with no display must say so and exit 1, not run invisibly on SDL's offscreen fallback.
set -u
KEFU=${KEFU_BIN:-build/kefu}
err=$(env -u DISPLAY -u WAYLAND_DISPLAY -u SDL_VIDEODRIVER timeout 20 "$KEFU" 2>&1 >/dev/null)
rc=$?
if [ "$rc" -eq 1 ] && printf '%s' "$err" | grep -q "kefu play: no display found"; then
  echo "1 passed, 0 failed"
  exit 0
fi
echo "FAIL: exit $rc, want 1 with 'no display found': $err"
echo "0 passed, 1 failed"
exit 1
