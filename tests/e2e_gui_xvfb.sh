#!/usr/bin/env bash
# The real window under Xvfb: xdotool types Chinese into kefu play, Enter sends, Ctrl+Q quits;
# the results file must hold the typed words as the agent's message. A second run is ended
# with SIGTERM mid-session and must still leave its transcript, as abandoned.
set -euo pipefail
BIN=${KEFU_BIN:-build/kefu}
OUT=${KEFU_TEST_OUT:-build/test-out}/xvfb
RES=$OUT/results
mkdir -p "$RES"
rm -f "$RES"/*.json

export LC_ALL=C.UTF-8 # xdotool type reads its Chinese argument as multibyte text
fail() { echo "e2e_gui_xvfb: FAIL: $*" >&2; exit 1; }
command -v Xvfb >/dev/null || fail "Xvfb is not installed (scripts/setup.sh installs xvfb)"
command -v xdotool >/dev/null || fail "xdotool is not installed (scripts/setup.sh installs it)"

# A display nobody uses: Xvfb picks a free number itself and writes it to fd 3, so two runs
# at once (ctest -j, or two checkouts on one machine) never race for the same one; -noreset
# keeps the server up between the two app runs (by default it resets when its last client
# leaves, and a client connecting during the reset gets "x11 not available").
rm -f "$OUT/xvfb.display"
Xvfb -displayfd 3 -noreset -screen 0 1280x800x24 -nolisten tcp 3>"$OUT/xvfb.display" \
  >"$OUT/xvfb.log" 2>&1 &
xpid=$!
apid=""
cleanup() {
  [ -n "$apid" ] && kill "$apid" 2>/dev/null || true
  kill "$xpid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
for _ in $(seq 1 100); do
  [ -s "$OUT/xvfb.display" ] && break
  sleep 0.1
done
[ -s "$OUT/xvfb.display" ] || fail "Xvfb did not report a display: $(cat "$OUT/xvfb.log")"
disp=":$(tr -dc 0-9 <"$OUT/xvfb.display")"
export DISPLAY=$disp
for _ in $(seq 1 100); do
  xdotool getdisplaygeometry >/dev/null 2>&1 && break
  sleep 0.1
done
xdotool getdisplaygeometry >/dev/null 2>&1 || fail "Xvfb did not start on $disp"

# Starts the app on haggler with a trainee (straight into the chat) and waits for its window.
start_app() {
  SDL_VIDEODRIVER=x11 "$BIN" play --scenario haggler --trainee 测试员 --results "$RES" \
    --seed 3 >"$OUT/app-$1.log" 2>&1 &
  apid=$!
  wid=""
  for _ in $(seq 1 100); do
    # By process: SDL sets _NET_WM_PID (a --name regex with Chinese depends on the locale).
    wid=$(xdotool search --pid "$apid" 2>/dev/null | head -1 || true)
    [ -n "$wid" ] && break
    if ! kill -0 "$apid" 2>/dev/null; then
      xstate="Xvfb running"
      kill -0 "$xpid" 2>/dev/null || xstate="Xvfb gone: $(tail -3 "$OUT/xvfb.log")"
      fail "kefu play exited early: $(cat "$OUT/app-$1.log") ($xstate, DISPLAY=$DISPLAY)"
    fi
    sleep 0.1
  done
  [ -n "$wid" ] || fail "no kefu window appeared"
  xdotool windowfocus --sync "$wid"
}

# Waits for the app to exit (at most 10 s).
wait_exit() {
  for _ in $(seq 1 100); do
    kill -0 "$apid" 2>/dev/null || break
    sleep 0.1
  done
  kill -0 "$apid" 2>/dev/null && fail "kefu play did not exit"
  wait "$apid" || fail "kefu play exited with status $?: $(cat "$OUT/app-$1.log")"
  apid=""
}

# Types Chinese the way xdotool can: each character outside the keymap is bound to a spare
# keycode for its key press, and the binding moves on at once, so the app must read each
# press before the next rebinding. A slow pace, and plain spaces around the text (keys that
# need no rebinding, trimmed by nobody but harmless), keep the first and last characters from
# being read under the wrong binding when the machine is busy.
type_chinese() {
  xdotool key space
  sleep 0.2
  xdotool type --delay 150 "$1"
  sleep 0.3
  xdotool key space
  sleep 0.3
}

# 1. Type Chinese, send with Enter, quit with Ctrl+Q.
start_app typed
sleep 1.5
type_chinese "你好，有货吗？"
xdotool key Return
sleep 1
xdotool key ctrl+q
wait_exit typed
f=$(ls "$RES"/*.json 2>/dev/null | head -1)
[ -n "$f" ] || fail "no results file written: $(cat "$OUT/app-typed.log")"
grep -q '"from":[[:space:]]*"agent"' "$f" || fail "no agent message in $f"
grep -q '你好，有货吗？' "$f" || fail "the typed text did not reach the session: $(grep -A3 agent "$f" | head)"
grep -q '"outcome":[[:space:]]*"abandoned"' "$f" || fail "quitting mid-session is not recorded as abandoned"
grep -q '"typing_s":[[:space:]]*[0-9]' "$f" || fail "no typing time recorded"
echo "typed text reached the session: $f"

# 2. SIGTERM mid-session: SDL turns it into a quit, and the transcript is saved.
rm -f "$RES"/*.json
start_app term
sleep 1.5
type_chinese "亲，在的"
xdotool key Return
sleep 0.5
kill -TERM "$apid"
wait_exit term
f=$(ls "$RES"/*.json 2>/dev/null | head -1)
[ -n "$f" ] || fail "SIGTERM lost the session: no results file"
grep -q '亲，在的' "$f" || fail "SIGTERM lost the agent's message"
grep -q '"outcome":[[:space:]]*"abandoned"' "$f" || fail "SIGTERM: outcome is not abandoned"
echo "SIGTERM saved the session: $f"
echo "e2e_gui_xvfb: 2 passed, 0 failed"
