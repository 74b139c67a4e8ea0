#!/usr/bin/env bash
# Nothing a trainee did is lost. kefu run is killed with SIGKILL at 200 random points (a run per
# kill; the next run, or kefu recover, recovers what it left, and is itself killed now and then
# in the middle of a recovery); then every reply the journal had accepted must be in the
# recovered result, every result must pass kefu report's reader, no temporary file may stay and
# no session may be recovered twice. The app (offscreen, typing through KEFU_TEST_TYPE) is
# killed the same way, and stopped with SIGTERM and SIGHUP, which must save. --json PATH,
# rescore --write and report --csv onto a full disk keep the old file and say why.
#
# Deterministic on a busy machine: kills land at random moments, but nothing asserts on time;
# every wait is bounded and says what it waited for. KEFU_TEST_STEP_DELAY_MS and KEFU_TEST_TYPE
# are test-only hooks (docs/journal.md).
set -u
BIN=$(readlink -f "${KEFU_BIN:-build/kefu}")
OUT=${KEFU_TEST_OUT:-build/test-out}/journal
rm -rf "$OUT"
mkdir -p "$OUT"
export LC_ALL=C.UTF-8
passes=0
fails=0
ok() { passes=$((passes + 1)); echo "ok   $*"; }
bad() { fails=$((fails + 1)); echo "FAIL $*"; }
die() { echo "e2e_journal: FAIL: $*" >&2; echo "$passes passed, $((fails + 1)) failed"; exit 1; }

KILLS=${KEFU_TEST_KILLS:-200} # across two lanes running side by side
APP_KILLS=8
TAB=$(printf '\t')

# Replies long enough that a kill lands mid-session: late_parcel accepts all 40 without
# deciding (kefu run ends it incomplete); each carries a marker 【rN】 so its text can be
# followed into the result.
REPLIES=$OUT/replies.jsonl
TYPED=$OUT/typed.txt
# These lines never settle the customer: a session is still going when it is stopped.
lines=("亲，您好，请问还有什么可以帮您？" "好的亲，我帮您查一下哦" "这款是实木的，质量很好的呢"
    "亲，您看还有其他问题吗？" "嗯嗯，明白您的意思了")
: >"$REPLIES"
: >"$TYPED"
for i in $(seq 0 39); do
    printf '{"after": 3, "typing": 2, "text": "%s【r%d】"}\n' "${lines[$((i % 5))]}" "$i" >>"$REPLIES"
    printf '%s【r%d】\n' "${lines[$((i % 5))]}" "$i" >>"$TYPED"
done

# wait_for SECONDS COMMAND... (polling every 20 ms here) and xvfb_start
WAIT_STEP=0.02
. "$(dirname "$0")/xvfb.sh"
# A random pause of 0 .. $1 ms.
pause() { sleep "$(printf '0.%03d' $((RANDOM % ($1 + 1))))"; }
has_journal() { compgen -G "$1/.journal/*.jsonl" >/dev/null; }

# snapshot DIR: copies the journals a killed process left (complete lines only: a torn last
# line is not an accepted reply) to $SNAP/<id>.jsonl. A .recovering file is a journal a killed
# recovery had claimed; its content is the same journal.
snapshot() {
    local f id
    for f in "$1"/.journal/*.jsonl "$1"/.journal/*.recovering; do
        [ -e "$f" ] || continue
        id=$(basename "$f")
        id=${id%.jsonl}
        id=${id%.recovering}
        head -n "$(wc -l <"$f")" "$f" >"$SNAP/$id.jsonl"
    done
}

# agents FILE: the markers of the agent messages, in order: of a journal's lines, or of a
# result's transcript (its message texts sit at three tabs; hits' evidence sits deeper).
journal_agents() { grep '"from":"agent"' "$1" | grep -o '【r[0-9]*】'; }
result_agents() { grep "^$TAB$TAB$TAB\"text\":" "$1" | grep -o '【r[0-9]*】'; }

# check_dir DIR LABEL: after the final recovery: every snapshot's session has exactly one
# result that holds its replies in order, with the outcome the rules give; every result reads;
# nothing else is left.
check_dir() {
    local dir=$1 label=$2 snapdir=$3 n=0 bads=0 snap id res want got j r
    for snap in "$snapdir"/*.jsonl; do
        [ -e "$snap" ] || continue
        n=$((n + 1))
        id=$(basename "$snap" .jsonl)
        res=$dir/$id.json
        if [ ! -f "$res" ]; then
            bad "$label: $id: journal $snap was not recovered (no $res)"
            bads=$((bads + 1))
            continue
        fi
        j=$(journal_agents "$snap")
        r=$(result_agents "$res")
        if [ "${r:0:${#j}}" != "$j" ]; then
            bad "$label: $id: the result lacks replies the journal had: journal [$(echo $j)] result [$(echo $r)]"
            bads=$((bads + 1))
            continue
        fi
        want=$(grep -o '^{"outcome":"[a-z]*"' "$snap" | head -n 1 | sed 's/.*:"//; s/"//')
        if [ -z "$want" ]; then
            [ -n "$j" ] && want=abandoned || want=incomplete
        fi
        got=$(grep -m 1 "^$TAB\"outcome\":" "$res" | sed 's/.*"\([a-z]*\)",$/\1/')
        if [ "$got" != "$want" ]; then
            bad "$label: $id: outcome $got, want $want"
            bads=$((bads + 1))
        fi
    done
    [ "$bads" -eq 0 ] && ok "$label: all $n interrupted sessions are in their results, replies and outcome"
    local twice
    twice=$(ls "$dir" | grep -E -- '-[0-9a-f]{4}-[0-9]+\.json$' || true)
    [ -z "$twice" ] && ok "$label: no session recovered twice" || bad "$label: duplicate results: $twice"
    local left
    left=$(find "$dir" -mindepth 1 -name '.*' 2>/dev/null)
    [ -z "$left" ] && ok "$label: no journal, claimed journal or temporary file left" ||
        bad "$label: left behind: $left"
    local files report
    files=$(find "$dir" -maxdepth 1 -name '*.json' | wc -l)
    report=$("$BIN" report "$dir" 2>&1 | tail -n 1)
    [ "$report" = "read $files files, skipped 0" ] && ok "$label: kefu report reads all $files results" ||
        bad "$label: kefu report over $files results: $report"
}

# ---------------------------------------------------------------- kefu run, killed
# lane L: runs KILLS/2 times into its own folder, each killed: odd kills at any moment from the
# start (during loading, recovery or the session), even ones once the journal exists.
lane() {
    local L=$1 dir=$OUT/run$1 i pid
    SNAP=$OUT/snap$1
    mkdir -p "$SNAP"
    for i in $(seq 1 $((KILLS / 2))); do
        KEFU_TEST_STEP_DELAY_MS=4 "$BIN" run late_parcel --replies "$REPLIES" --seed "$i" \
            --trainee "学员$L" --out "$dir" >>"$OUT/lane$L.log" 2>&1 &
        pid=$!
        if [ $((i % 2)) -eq 1 ]; then
            pause 400
        else
            wait_for 30 has_journal "$dir" || echo "lane $L kill $i: no journal in 30 s" >>"$OUT/lane$L.log"
            pause 250
        fi
        kill -KILL "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        snapshot "$dir"
        # Every seventh time kefu recover does it (killed now and then as well); otherwise the
        # next run recovers at its start.
        if [ $((i % 7)) -eq 0 ]; then
            "$BIN" recover "$dir" >>"$OUT/lane$L.log" 2>&1 &
            pid=$!
            [ $((i % 14)) -eq 0 ] && { pause 40; kill -KILL "$pid" 2>/dev/null; }
            wait "$pid" 2>/dev/null
        fi
    done
    "$BIN" recover "$dir" >>"$OUT/lane$L.log" 2>&1
}
lane 1 &
lane1=$!
lane 2 &
lane2=$!
wait "$lane1" "$lane2"
for L in 1 2; do
    check_dir "$OUT/run$L" "kefu run lane $L ($((KILLS / 2)) kills)" "$OUT/snap$L"
    n=$(ls "$OUT/snap$L" | wc -l)
    [ "$n" -gt 0 ] && ok "kefu run lane $L: $n kills left a journal to recover" ||
        bad "kefu run lane $L: no kill left a journal (the kills never landed mid-session)"
done
recovered_twice=$(cat "$OUT"/lane*.log | grep -o 'recovered an unfinished session: [^ ]*' | sort | uniq -d)
[ -z "$recovered_twice" ] && ok "kefu run: each journal recovered once" || bad "recovered twice: $recovered_twice"

# A live session's journal is not recovery's to take.
dir=$OUT/live
KEFU_TEST_STEP_DELAY_MS=100 "$BIN" run late_parcel --replies "$REPLIES" --out "$dir" >"$OUT/live.log" 2>&1 &
pid=$!
wait_for 30 has_journal "$dir" || die "the live run made no journal in 30 s: $(cat "$OUT/live.log")"
msg=$("$BIN" recover "$dir" 2>&1)
has_journal "$dir" && [ -z "$(ls "$dir"/*.json 2>/dev/null)" ] &&
    ok "kefu recover leaves a live session's journal alone ($msg)" ||
    bad "kefu recover took a live session's journal: $msg"
kill -TERM "$pid"
wait "$pid"
rc=$?
res=$(ls "$dir"/*.json 2>/dev/null)
if [ "$rc" -eq 1 ] && [ -n "$res" ] && grep -q "stopped by SIGTERM" "$OUT/live.log" &&
    grep -q "^$TAB\"outcome\":$TAB\"abandoned\"" $res && ! has_journal "$dir"; then
    ok "kefu run on SIGTERM saves the session so far as abandoned and removes its journal"
else
    bad "kefu run on SIGTERM: exit $rc, result '$res': $(cat "$OUT/live.log")"
fi

# A corrupt journal and a foreign file are reported with file:line and moved aside; a journal
# cut in its last line gives everything before it; none of them stops the others.
dir=$OUT/bad
mkdir -p "$dir/.journal"
# Built from a killed run's header and two known lines, whatever moment that kill landed on.
{
    head -n 1 "$(ls "$OUT"/snap1/*.jsonl | head -n 1)"
    echo '{"t":0,"from":"customer","text":"我的鞋下单六天了还没到，怎么回事？"}'
    echo '{"t":5,"from":"agent","text":"亲，非常抱歉让您久等了，我马上帮您查物流。","wait_s":5,"typing_s":2,"responding":true}'
} >"$dir/.journal/good.jsonl"
good_id=$(head -n 1 "$dir/.journal/good.jsonl" | grep -o '"id":"[^"]*"' | head -n 1 | sed 's/.*:"//; s/"//')
printf '{"t":999,"from":"agent","text":"半句' >>"$dir/.journal/good.jsonl"
{ head -n 2 "$dir/.journal/good.jsonl"; echo '{"t": oops'; } >"$dir/.journal/corrupt.jsonl"
echo "hello, not a journal" >"$dir/.journal/foreign.jsonl"
msg=$("$BIN" recover "$dir" 2>&1)
rc=$?
[ "$rc" -eq 1 ] && grep -q "corrupt.jsonl:3: not a JSON object" <<<"$msg" &&
    grep -q "foreign.jsonl:1: not a kefu journal" <<<"$msg" && [ -f "$dir/.journal/corrupt.bad" ] &&
    [ -f "$dir/.journal/foreign.bad" ] && ok "corrupt and foreign journals are named with their line and moved aside" ||
    bad "corrupt/foreign journals (exit $rc): $msg"
[ -f "$dir/$good_id.json" ] && grep -q "last line was cut short" <<<"$msg" &&
    ! grep -q "半句" "$dir/$good_id.json" && grep -q "我马上帮您查物流" "$dir/$good_id.json" && ok "a journal with a torn last line is recovered without it" ||
    bad "torn journal not recovered as it should be: $msg"

# ---------------------------------------------------------------- the app, killed
export SDL_VIDEODRIVER=offscreen
dir=$OUT/app
SNAP=$OUT/snapapp
mkdir -p "$SNAP"
ready() { grep -qx ready "$1" 2>/dev/null || ! kill -0 "$2" 2>/dev/null; }
agents_in_journal() { [ "$(cat "$1"/.journal/*.jsonl 2>/dev/null | grep -c '"from":"agent"')" -ge "$2" ]; }
# start_app NAME [--scenario ...]: starts kefu play on $dir typing $TYPED; sets apid.
start_app() {
    local name=$1
    shift
    rm -f "$OUT/app-$name.input"
    KEFU_TEST_TYPE=$TYPED KEFU_TEST_INPUT_LOG=$OUT/app-$name.input "$BIN" play --results "$dir" \
        --trainee 测试员 "$@" >"$OUT/app-$name.log" 2>&1 &
    apid=$!
    wait_for 60 ready "$OUT/app-$name.input" "$apid" || die "kefu play drew no first frame in 60 s"
    kill -0 "$apid" 2>/dev/null || die "kefu play exited early: $(cat "$OUT/app-$name.log")"
}
prev=""
for k in $(seq 1 $APP_KILLS); do
    start_app "k$k" --scenario late_parcel --seed "$k"
    # The journal of the session killed last time was recovered as this app started.
    if [ -n "$prev" ]; then
        grep -q "recovered an unfinished session: .*$prev" "$OUT/app-k$k.log" ||
            bad "app kill $k: the last session ($prev) was not recovered at start: $(cat "$OUT/app-k$k.log")"
    fi
    pause 1500
    kill -KILL "$apid"
    wait "$apid" 2>/dev/null
    snapshot "$dir"
    prev=$(ls "$dir/.journal/" 2>/dev/null | head -n 1)
    prev=${prev%.jsonl}
done
for sig in TERM HUP; do
    start_app "$sig" --scenario late_parcel --seed 77
    wait_for 60 agents_in_journal "$dir" 3 || die "the app sent no 3 replies in 60 s (SIG$sig)"
    snapshot "$dir"
    kill "-$sig" "$apid"
    wait "$apid"
    rc=$?
    id=$(ls -t "$SNAP" | head -n 1)
    id=${id%.jsonl}
    # The app went on typing after the snapshot: its replies so far are the result's first.
    mv "$SNAP/$id.jsonl" "$OUT/sig-$sig.jsonl"
    j=$(journal_agents "$OUT/sig-$sig.jsonl")
    r=$(result_agents "$dir/$id.json" 2>/dev/null)
    if [ "$rc" -eq 0 ] && [ -f "$dir/$id.json" ] && ! has_journal "$dir" &&
        grep -q "stopped by SIG$sig" "$OUT/app-$sig.log" && [ "${r:0:${#j}}" = "$j" ]; then
        ok "app on SIG$sig saves the session with its replies (exit 0, $id.json, journal removed)"
    else
        bad "app on SIG$sig: exit $rc, result $id.json: $(cat "$OUT/app-$sig.log")"
    fi
done
# The display goes away (the X server dies): Xlib ends the app, which saves on its way out.
command -v Xvfb >/dev/null || die "Xvfb is not installed (scripts/setup.sh installs xvfb)"
xvfb_start "$OUT" || die "Xvfb did not report a display in 30 s"
DISPLAY=$XVFB_DISPLAY SDL_VIDEODRIVER=x11 start_app X --scenario late_parcel --seed 78
wait_for 60 agents_in_journal "$dir" 3 || die "the app on Xvfb sent no 3 replies in 60 s"
snapshot "$dir"
kill -KILL "$xpid"
wait "$xpid" 2>/dev/null
wait "$apid"
rc=$?
id=$(ls -t "$SNAP" | head -n 1)
id=${id%.jsonl}
mv "$SNAP/$id.jsonl" "$OUT/lost-display.jsonl"
j=$(journal_agents "$OUT/lost-display.jsonl")
r=$(result_agents "$dir/$id.json" 2>/dev/null)
if [ -f "$dir/$id.json" ] && ! has_journal "$dir" && [ "${r:0:${#j}}" = "$j" ] &&
    grep -q "kefu play: saved" "$OUT/app-X.log"; then
    ok "app whose X server dies saves the session with its replies (exit $rc)"
else
    bad "app whose X server died: exit $rc, result $id.json: $(cat "$OUT/app-X.log")"
fi
# The last restart (the start screen) recovers what the last kill left, then quits on SIGTERM.
start_app last
kill -TERM "$apid"
wait "$apid" || bad "kefu play on the start screen exited $? on SIGTERM"
check_dir "$dir" "app ($APP_KILLS kills, SIGTERM, SIGHUP)" "$SNAP"

# ---------------------------------------------------------------- a full disk
# A small tmpfs when we may mount one (ENOSPC), else a file size limit (EFBIG): either way the
# old file stays whole and the message gives the reason.
disk=$OUT/disk
mkdir -p "$disk"
unset SDL_VIDEODRIVER
mounted=0
if [ "$(id -u)" -eq 0 ] && mount -t tmpfs -o size=256k tmpfs "$disk" 2>/dev/null; then
    mounted=1
    trap 'umount "$disk" 2>/dev/null' EXIT
fi
"$BIN" run late_parcel --replies "$REPLIES" --json "$disk/r.json" >/dev/null 2>&1 ||
    die "cannot write the first result on $disk"
"$BIN" report "$OUT/run1" --csv "$disk/r.csv" >/dev/null 2>&1 || die "cannot write the first CSV on $disk"
cp "$disk/r.json" "$OUT/r.json.before"
cp "$disk/r.csv" "$OUT/r.csv.before"
if [ "$mounted" -eq 1 ]; then
    dd if=/dev/zero of="$disk/fill" bs=4k >/dev/null 2>&1
    reason="No space left on device"
    limit=""
else
    reason="File too large"
    limit="trap '' XFSZ; ulimit -f 8;"
fi
full() { bash -c "$limit \"\$@\"" full "$@"; }
# Bigger than the limit, different from the old content: a longer replies file.
msg=$(full "$BIN" run late_parcel --replies "$REPLIES" --seed 5 --trainee 满盘 --json "$disk/r.json" 2>&1)
rc=$?
[ "$rc" -eq 1 ] && grep -q "$disk/r.json: cannot write: $reason" <<<"$msg" && cmp -s "$disk/r.json" "$OUT/r.json.before" &&
    ok "--json onto a full disk keeps the old file and says why" || bad "--json onto a full disk (exit $rc): $msg"
msg=$(full "$BIN" rescore --write "$disk/r.json" 2>&1)
rc=$?
[ "$rc" -eq 1 ] && grep -q "r.json: cannot write: $reason" <<<"$msg" && cmp -s "$disk/r.json" "$OUT/r.json.before" &&
    ok "rescore --write onto a full disk keeps the old file and says why" ||
    bad "rescore --write onto a full disk (exit $rc): $msg"
msg=$(full "$BIN" report "$OUT/run2" --csv "$disk/r.csv" 2>&1)
rc=$?
[ "$rc" -eq 1 ] && grep -q "r.csv: cannot write: $reason" <<<"$msg" && cmp -s "$disk/r.csv" "$OUT/r.csv.before" &&
    ok "report --csv onto a full disk keeps the old file and says why" || bad "report --csv onto a full disk (exit $rc): $msg"
left=$(find "$disk" -mindepth 1 -name '.*' ! -name .journal ! -path "*/.journal/*.jsonl")
[ -z "$left" ] && ok "no temporary file left on the full disk" || bad "left on the full disk: $left"
if [ "$mounted" -eq 1 ]; then
    umount "$disk"
    trap - EXIT
fi

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
