#!/usr/bin/env bash
# e2e_gui_db: the app with a shared database (tests/db_app_sync.c under SDL's offscreen
# driver, against a throw-away server): synced when the server is up, waiting in the outbox
# (and saying so) when it is down, uploaded at the next start. Run from the repo root with
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
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
