#!/usr/bin/env bash
# e2e_gui_db: the app with a shared database (tests/db_app_sync.c under SDL's offscreen
# driver, against a throw-away server): synced when the server is up, waiting in the outbox
# (and saying so) when it is down, uploaded at the next start; with a server that never
# answers, the window keeps drawing while the upload waits in the background, and closing
# the app does not wait for it (the result waits in the outbox). Run from the repo root with
# KEFU_BIN and KEFU_TEST_OUT set (ctest does).
set -uo pipefail
KEFU_BIN=$(readlink -f "${KEFU_BIN:-build/kefu}")
CHECKER=$(dirname "$KEFU_BIN")/tests/db_app_sync
export TZ=UTC0 KEFU_CONFIG=/dev/null KEFU_DB_TIMEOUT=3 SDL_VIDEODRIVER=offscreen
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL $*"
}
[ -x "$CHECKER" ] || { echo "FAIL $CHECKER is not built"; exit 1; }
. tests/pgcluster.sh
pg_start
"$KEFU_BIN" db migrate --db "$PG_URL" >/dev/null || bad "migrate"
pg_sql kefu_admin -c "CREATE ROLE alice LOGIN IN ROLE kefu_trainee" || bad "role"
export KEFU_DB=$(pg_url_as alice)

"$CHECKER" online && ok || bad "online"
[ "$(pg_sql kefu_admin -c "SELECT count(*) FROM kefu.results WHERE owner = 'alice'")" = 1 ] &&
    ok || bad "the app's result is in the database"
pg_ctl_ -m fast stop >/dev/null
"$CHECKER" offline && ok || bad "offline"
pg_restart
"$CHECKER" start && ok || bad "start"
[ "$(pg_sql kefu_admin -c "SELECT count(*) FROM kefu.results WHERE owner = 'alice'")" = 2 ] &&
    ok || bad "both results are in the database"
"$CHECKER" silent && ok || bad "silent"

# Closing while an upload waits on a frozen server (SIGSTOP: the kernel accepts, nobody
# answers, and the database timeout is far off): the app saves the session, waits a bounded
# time for the upload, and leaves; the result is in the folder and waits in the outbox.
OUT=${KEFU_TEST_OUT:-build/test-out}/gui-db-quit
rm -rf "$OUT"
mkdir -p "$OUT/results"
echo "亲，您好，非常抱歉让您久等了，我马上帮您查一下物流" >"$OUT/typed"
kill -STOP "$(pg_pid)"
KEFU_DB_TIMEOUT=900 KEFU_TEST_TYPE=$OUT/typed KEFU_TEST_INPUT_LOG=$OUT/input \
    "$KEFU_BIN" play --results "$OUT/results" --trainee 测试员 --scenario late_parcel --seed 7 \
    >"$OUT/log" 2>&1 &
apid=$!
typed() { cat "$OUT"/results/.journal/*.jsonl 2>/dev/null | grep -q '"from":"agent"'; }
for _ in $(seq 1 3000); do typed && break; kill -0 "$apid" 2>/dev/null || break; sleep 0.02; done
typed && ok || bad "the app did not take the typed reply in 60 s: $(cat "$OUT/log")"
kill -TERM "$apid"
for _ in $(seq 1 6000); do kill -0 "$apid" 2>/dev/null || break; sleep 0.02; done
if kill -0 "$apid" 2>/dev/null; then
    bad "the app still waits for the frozen database 120 s after SIGTERM"
    kill -KILL "$apid"
fi
wait "$apid"
rc=$?
kill -CONT "$(pg_pid)"
[ "$rc" = 0 ] && ok || bad "the app exited $rc on SIGTERM: $(cat "$OUT/log")"
[ "$(ls "$OUT/results" | grep -c '\.json$')" = 1 ] &&
    [ "$(ls "$OUT/results/.outbox" | grep -c '\.json$')" = 1 ] && ok ||
    bad "the result should be in the folder and wait in the outbox: $(ls -R "$OUT/results")"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
