# xvfb.sh: a polling wait and a private X server for the tests that need a real display
# (sourced, not run; e2e_gui_xvfb.sh, e2e_journal.sh, e2e_windows.sh).

# wait_for SECONDS COMMAND...: runs COMMAND every WAIT_STEP seconds (default 0.05) until it
# succeeds (returns 0) or SECONDS have passed (returns 1). Nothing asserts on time: a busy
# machine only makes the wait longer.
wait_for() {
  local end=$((${EPOCHREALTIME/./} + $1 * 1000000))
  shift
  until "$@"; do
    [ "${EPOCHREALTIME/./}" -lt "$end" ] || return 1
    sleep "${WAIT_STEP:-0.05}"
  done
}

# xvfb_start DIR: starts Xvfb on a display nobody uses (it picks a free number itself and
# writes it to fd 3, so two runs at once never race for one) and waits up to 30 s for it. Sets
# xpid and XVFB_DISPLAY (":N"); returns 1 if no display came (DIR/xvfb.log says why).
# -noreset keeps the server up when its last client leaves (by default it resets, which would
# also drop a keymap a test has set).
xvfb_start() {
  rm -f "$1/xvfb.display"
  Xvfb -displayfd 3 -noreset -screen 0 1280x800x24 -nolisten tcp 3>"$1/xvfb.display" \
    >"$1/xvfb.log" 2>&1 &
  xpid=$!
  wait_for 30 test -s "$1/xvfb.display" || return 1
  XVFB_DISPLAY=":$(tr -dc 0-9 <"$1/xvfb.display")"
}
