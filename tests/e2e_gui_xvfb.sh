#!/usr/bin/env bash
# The real window under Xvfb: xdotool types Chinese into kefu play, Enter sends, Ctrl+Q quits;
# the results file must hold the typed words as the agent's message. A second run is ended
# with SIGTERM mid-session and must still leave its transcript, as abandoned. Then kefu play
# --exam with an exam of two attempts: two sittings from the keyboard are recorded as attempts
# 1 and 2, and a third is refused (no result). Then kefu play --rush: a draft typed for one
# customer, Ctrl+Down to the next (whose input line is its own, empty), another draft, Alt+1
# back to the first (its draft still there), Ctrl+Down again and Enter sends to the second
# customer; Ctrl+Q saves the rush as one kefu.rush/1 file. Before any window: the options an
# exam fixes.
#
# Deterministic on a busy machine: every Chinese character gets its own key in the server's
# keymap before the app starts (so xdotool never rebinds a key while the app reads it), the
# app reports through KEFU_TEST_INPUT_LOG when its first frame is up and what its input line
# holds, and each key is sent only after the previous one has arrived (sent again if it has
# not, taken back with Backspace if something else arrived). Every wait has a time limit and
# a message; no sleep stands in for synchronisation.
set -euo pipefail
BIN=${KEFU_BIN:-build/kefu}
OUT=${KEFU_TEST_OUT:-build/test-out}/xvfb
RES=$OUT/results
mkdir -p "$RES"
# The app remembers names under XDG_CONFIG_HOME (an absolute path): here, not in ~/.config.
XDG_CONFIG_HOME="$(cd "$OUT" && pwd)/config"
export XDG_CONFIG_HOME
rm -f "$RES"/*.json

export LC_ALL=C.UTF-8 # xdotool and ${#text} read the Chinese as characters, not bytes
fail() { echo "e2e_gui_xvfb: FAIL: $*" >&2; exit 1; }
note() { echo "e2e_gui_xvfb: $*" >&2; }
command -v Xvfb >/dev/null || fail "Xvfb is not installed (scripts/setup.sh installs xvfb)"
command -v xdotool >/dev/null || fail "xdotool is not installed (scripts/setup.sh installs it)"
command -v xkbcomp >/dev/null || fail "xkbcomp is not installed (it comes with xvfb)"

TYPED="你好，有货吗？"
TERMED="亲，在的"
EXAM=tests/data/exams/twice.lua # 张三, haggler, two attempts

# kefu play --exam refuses the options the exam fixes, before opening a window.
for extra in "--seed 3" "--scenario haggler" "--mode practice"; do
  rc=0
  msg=$("$BIN" play --exam $EXAM $extra 2>&1) || rc=$?
  [ "$rc" = 2 ] || fail "kefu play --exam $extra: exit $rc, expected 2 ($msg)"
  [[ $msg == *"--exam takes the scenarios, their seeds and the mode from the exam"* ]] ||
    fail "kefu play --exam $extra: $msg"
done
rc=0
msg=$("$BIN" play --size 640x480 2>&1) || rc=$?
[ "$rc" = 2 ] && [[ $msg == *"at least 800x600"* ]] || fail "kefu play --size 640x480: $rc $msg"

# wait_for and xvfb_start (a display nobody uses, kept up between the two app runs so the
# keymap set below stays); the only sleeps in this test are wait_for's polls.
. "$(dirname "$0")/xvfb.sh"
apid=""
cleanup() {
  [ -n "$apid" ] && kill "$apid" 2>/dev/null || true
  [ -n "${xpid:-}" ] && kill "$xpid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
xvfb_start "$OUT" || fail "Xvfb did not report a display in 30 s: $(cat "$OUT/xvfb.log")"
DISPLAY=$XVFB_DISPLAY
export DISPLAY
xdotool_up() { xdotool getdisplaygeometry >/dev/null 2>&1; }
wait_for 30 xdotool_up || fail "Xvfb did not accept clients on $DISPLAY in 30 s"

# xdotool types a character missing from the keymap by binding it to a spare key for one
# press and unbinding it at once; an app that reads the press after the unbinding (or after
# the next character's binding) gets nothing or the wrong character. So each Chinese
# character gets a key of its own, F13 to F24 (nothing here uses them), for the whole test:
# xdotool then finds it in the keymap and never rebinds.
bind_chinese() {
  local text=$1 keys="" used=" " c n=13 i
  for ((i = 0; i < ${#text}; i++)); do
    c=${text:i:1}
    case "$used" in *" $c "*) continue ;; esac
    [ "$(printf %d "'$c")" -gt 127 ] || continue
    [ "$n" -le 24 ] || fail "more than 12 distinct Chinese characters to bind (F13..F24)"
    keys+="    key <FK$n> { [ $(printf 'U%04X' "'$c") ] };"$'\n'
    used+="$c "
    n=$((n + 1))
  done
  xkbcomp -w0 -xkb "$DISPLAY" "$OUT/keymap.xkb" 2>"$OUT/xkbcomp.log" ||
    fail "cannot read the keymap: $(cat "$OUT/xkbcomp.log")"
  # The new keys go last in the xkb_symbols section, where they override F13..F24.
  KEYS=$keys awk '/^xkb_symbols/ { s = 1 } s && /^};/ { printf "%s", ENVIRON["KEYS"]; s = 0 }
                  { print }' "$OUT/keymap.xkb" >"$OUT/keymap-chinese.xkb"
  xkbcomp -w0 "$OUT/keymap-chinese.xkb" "$DISPLAY" 2>"$OUT/xkbcomp.log" ||
    fail "cannot load the keymap: $(cat "$OUT/xkbcomp.log")"
  local now
  now=$(xkbcomp -w0 -xkb "$DISPLAY" - 2>/dev/null)
  for c in $used; do
    grep -q "$(printf 'U%04X' "'$c")" <<<"$now" || fail "the keymap did not take $c"
  done
}
bind_chinese "$TYPED$TERMED"

# The app's report (KEFU_TEST_INPUT_LOG): "ready", then "input<TAB>text" on every change.
input_now() { sed -n 's/^input\t//p' "$LOG" | tail -n 1; }
input_is() { [ "$(input_now)" = "$1" ]; }
input_not() { [ "$(input_now)" != "$1" ]; }
ready_or_gone() { grep -qx ready "$LOG" 2>/dev/null || ! kill -0 "$apid" 2>/dev/null; }
app_gone() { ! kill -0 "$apid" 2>/dev/null; }
app_died() {
  local xstate="Xvfb running"
  kill -0 "$xpid" 2>/dev/null || xstate="Xvfb gone: $(tail -3 "$OUT/xvfb.log")"
  fail "kefu play exited early: $(cat "$OUT/app-$1.log") ($xstate, DISPLAY=$DISPLAY)"
}

# Starts the app (on haggler with a trainee, straight into the chat, unless more arguments
# say otherwise), waits for its first frame and gives its window the keyboard.
start_app() {
  local name=$1
  shift
  [ $# -gt 0 ] || set -- --scenarios scenarios --scenario haggler --trainee 测试员 --results "$RES" --seed 3
  LOG=$OUT/input-$name.log
  rm -f "$LOG"
  SDL_VIDEODRIVER=x11 KEFU_TEST_INPUT_LOG=$LOG "$BIN" play "$@" >"$OUT/app-$name.log" 2>&1 &
  apid=$!
  set -- "$name"
  wait_for 60 ready_or_gone ||
    fail "kefu play drew no first frame in 60 s: $(cat "$OUT/app-$1.log")"
  grep -qx ready "$LOG" 2>/dev/null || app_died "$1"
  # By process: SDL sets _NET_WM_PID (a --name regex with Chinese depends on the locale);
  # --onlyvisible: the window is mapped.
  wid=""
  find_window() { wid=$(xdotool search --onlyvisible --pid "$apid" 2>/dev/null | head -1); }
  wait_for 10 find_window || fail "no mapped kefu window in 10 s"
  timeout 10 xdotool windowfocus --sync "$wid" || fail "the kefu window did not get the focus"
}

# type_text TEXT RUN: types TEXT into the chat's input line one character at a time, each
# sent once the app shows the one before; a character that has not arrived in 5 s is sent
# again, and whatever the line holds that TEXT does not (a late duplicate) is taken back with
# Backspace. Fails if the app exits or TEXT needs more than twice its length in keys (+6).
type_text() {
  local target=$1 have tries=0 max=$((${#1} * 2 + 6))
  while have=$(input_now) && [ "$have" != "$target" ]; do
    app_gone && app_died "$2"
    tries=$((tries + 1))
    [ "$tries" -le "$max" ] ||
      fail "typing '$target' took more than $max keys; the input line holds '$have'"
    if [ "${target:0:${#have}}" = "$have" ]; then
      xdotool type -- "${target:${#have}:1}"
    else
      xdotool key BackSpace
    fi
    wait_for 5 input_not "$have" || note "no key arrived in 5 s (line holds '$have'); again"
  done
}

# Presses Enter until the input line is empty (the message went out): at most 3 times 10 s.
send_line() {
  local try
  for try in 1 2 3; do
    xdotool key Return
    wait_for 10 input_is "" && return 0
    note "Enter not seen in 10 s (try $try)"
  done
  fail "the message was not sent: the input line still holds '$(input_now)'"
}

# Waits for the app to exit, pressing keys ($2, e.g. ctrl+q) again every 10 s, 3 times at most.
wait_exit() {
  local try
  for try in 1 2 3; do
    wait_for 10 app_gone && break
    [ "$try" -lt 3 ] && [ -n "$2" ] && xdotool key "$2"
  done
  app_gone || fail "kefu play did not exit in 30 s"
  wait "$apid" || fail "kefu play exited with status $?: $(cat "$OUT/app-$1.log")"
  apid=""
}

# 1. Type Chinese, send with Enter, quit with Ctrl+Q.
start_app typed
type_text "$TYPED" typed
send_line
xdotool key ctrl+q
wait_exit typed ctrl+q
f=$(ls "$RES"/*.json 2>/dev/null | head -1)
[ -n "$f" ] || fail "no results file written: $(cat "$OUT/app-typed.log")"
grep -q '"from":[[:space:]]*"agent"' "$f" || fail "no agent message in $f"
grep -q "$TYPED" "$f" ||
  fail "the typed text did not reach the session: $(grep -A3 agent "$f" | head)"
grep -q '"outcome":[[:space:]]*"abandoned"' "$f" ||
  fail "quitting mid-session is not recorded as abandoned"
grep -q '"typing_s":[[:space:]]*[0-9]' "$f" || fail "no typing time recorded"
echo "typed text reached the session: $f"

# 2. SIGTERM mid-session: SDL turns it into a quit, and the transcript is saved.
rm -f "$RES"/*.json
start_app term
type_text "$TERMED" term
send_line
kill -TERM "$apid"
wait_exit term ""
f=$(ls "$RES"/*.json 2>/dev/null | head -1)
[ -n "$f" ] || fail "SIGTERM lost the session: no results file"
grep -q "$TERMED" "$f" || fail "SIGTERM lost the agent's message"
grep -q '"outcome":[[:space:]]*"abandoned"' "$f" || fail "SIGTERM: outcome is not abandoned"
echo "SIGTERM saved the session: $f"

# 3. An exam from the keyboard: the roster has 张三 picked (--trainee), Enter starts the first
# scenario, "a" typed shows the chat is up, Ctrl+Q saves the sitting. Twice; the third Enter
# is refused on the exam's screen, so Ctrl+Q leaves no third result.
ERES=$OUT/exam-results
rm -rf "$ERES"
mkdir -p "$ERES"
for sitting in 1 2; do
  start_app exam$sitting --exam $EXAM --trainee 张三 --results "$ERES"
  xdotool key Return
  type_text "a" exam$sitting
  xdotool key ctrl+q
  wait_exit exam$sitting ctrl+q
  n=$(ls "$ERES"/*.json 2>/dev/null | wc -l)
  [ "$n" = "$sitting" ] || fail "exam sitting $sitting: $n results in $ERES"
done
python3 - "$ERES" <<'PY' || fail "exam results lack the exam's id and attempts 1 and 2"
import glob, json, sys
rs = [json.load(open(p)) for p in glob.glob(sys.argv[1] + "/*.json")]
assert sorted(r["exam"]["attempt"] for r in rs) == [1, 2], [r.get("exam") for r in rs]
assert all(r["exam"]["id"] == "twice-exam" and r["mode"] == "exam" and r["seed"] == 7
           and r["trainee"] == "张三" for r in rs), rs
PY
start_app exam3 --exam $EXAM --trainee 张三 --results "$ERES"
xdotool key Return
xdotool key ctrl+q
wait_exit exam3 ctrl+q
n=$(ls "$ERES"/*.json 2>/dev/null | wc -l)
[ "$n" = 2 ] || fail "a third sitting of a two-attempt exam was recorded ($n results)"
echo "exam sittings recorded as attempts 1 and 2, the third refused"

# 4. The rush workbench: switching conversations with the keyboard, each keeping its draft.
RRES=$OUT/rush-results
rm -rf "$RRES"
mkdir -p "$RRES"
# press_until KEYS TEXT: presses KEYS until the input line holds TEXT (3 tries of 10 s).
press_until() {
  local try
  for try in 1 2 3; do
    xdotool key "$1"
    wait_for 10 input_is "$2" && return 0
    note "$1: the input line holds '$(input_now)', not '$2' (try $try)"
  done
  fail "$1 did not bring the conversation whose draft is '$2'"
}
start_app rush --scenarios scenarios --rush rush_1111 --trainee 测试员 --results "$RRES" --seed 3
type_text "a" rush
press_until ctrl+Down ""
type_text "b" rush
press_until alt+1 "a"
press_until ctrl+Down "b"
send_line
xdotool key ctrl+q
wait_exit rush ctrl+q
f=$(ls "$RRES"/*.json 2>/dev/null | head -1)
[ -n "$f" ] || fail "the rush left no results file: $(cat "$OUT/app-rush.log")"
python3 - "$f" <<'PY' || fail "the rush's result lacks the reply to the second customer: $f"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["schema"] == "kefu.rush/1", r["schema"]
said = [[m["text"] for m in c["transcript"] if m["from"] == "agent"] for c in r["conversations"]]
assert said[0] == [] and said[1] == ["b"], said
assert r["customers"][1]["agent_messages"] == 1, r["customers"][1]
PY
echo "rush: switched with Ctrl+Down and Alt+1, drafts kept, the reply went to customer 2: $f"
echo "e2e_gui_xvfb: 4 passed, 0 failed"
