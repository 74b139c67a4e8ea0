#!/usr/bin/env bash
# The app's budgets in a real X11 window under Xvfb with the software renderer: launch to first
# frame, CPU while idle (start screen; chat with the wait timer ticking; chat after the
# customer has gone), and peak resident memory after a conversation and scrolling.
# Usage: bench/bench_gui_xvfb.sh [path/to/kefu]   (from the repository root)
set -euo pipefail
BIN=${1:-build/kefu}
export LC_ALL=C.UTF-8
OUT=$(mktemp -d)
disp=""
for d in $(seq 99 140); do
  if [ ! -e "/tmp/.X11-unix/X$d" ] && [ ! -e "/tmp/.X$d-lock" ]; then disp=":$d"; break; fi
done
Xvfb "$disp" -noreset -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
apid=""
trap '[ -n "$apid" ] && kill $apid 2>/dev/null; kill $xpid 2>/dev/null; wait 2>/dev/null; rm -rf "$OUT"' EXIT
export DISPLAY=$disp SDL_VIDEODRIVER=x11
for _ in $(seq 1 100); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
tick=$(getconf CLK_TCK)

cpu_of() { awk '{print $14 + $15}' "/proc/$1/stat"; }
# CPU percent of process $1 over $2 seconds.
idle_cpu() {
  local a b
  a=$(cpu_of "$1"); sleep "$2"; b=$(cpu_of "$1")
  awk -v a="$a" -v b="$b" -v s="$2" -v t="$tick" 'BEGIN{printf "%.2f%%", (b - a) / t / s * 100}'
}
launch() {
  KEFU_TRACE_STARTUP=1 "$BIN" play --results "$OUT" --seed 5 "$@" 2>"$OUT/log" &
  apid=$!
  for _ in $(seq 1 100); do grep -q "first frame" "$OUT/log" 2>/dev/null && break; sleep 0.05; done
}
stop() { kill "$apid"; wait "$apid" 2>/dev/null || true; apid=""; }

for i in 1 2 3; do
  launch --trainee 压测
  echo "launch to first frame, run $i: $(grep -o 'after .*' "$OUT/log")"
  stop
done

launch --trainee 压测
sleep 1
echo "idle CPU, start screen, 5 s: $(idle_cpu $apid 5)"
stop

launch --trainee 压测 --scenario haggler
sleep 1
echo "idle CPU, chat with the wait timer ticking, 5 s: $(idle_cpu $apid 5)"
wid=$(xdotool search --pid "$apid" | head -1)
xdotool windowfocus --sync "$wid"
for line in "亲，您好！欢迎光临小店，有什么可以帮您的吗？" "您真有眼光，这款是实木的，用料扎实，用十年都没问题" \
            "价格是公司统一定的哦，我帮您申请一个小礼品吧" "好的亲，您看是要胡桃色还是原木色呢？"; do
  xdotool type --delay 15 "$line"; xdotool key Return; sleep 2
done
for _ in 1 2 3 4 5 6; do xdotool key Prior; sleep 0.2; done
for _ in 1 2 3 4 5 6; do xdotool key Next; sleep 0.2; done
echo "peak resident memory after a conversation: $(awk '/VmHWM/{printf "%.1f MB", $2/1024}' /proc/$apid/status)"
echo "resident memory now: $(awk '/VmRSS/{printf "%.1f MB", $2/1024}' /proc/$apid/status)"
stop
