#!/usr/bin/env bash
# e2e_db_faults: nothing is lost or doubled on the way to the shared database when things go
# wrong: the server shut down mid-upload, the server killed with SIGKILL mid-upload and
# restarted, kefu sync itself killed, a frozen server (connect_timeout), a table locked past
# the statement timeout, and two uploads of the same results at once. After each, every result
# of the folder is in the database exactly once or still waits in the outbox; a final sync
# leaves none waiting. Run from the repo root with KEFU_BIN and KEFU_TEST_OUT set.
set -uo pipefail

KEFU_BIN=$(readlink -f "${KEFU_BIN:-build/kefu}")
OUT=$(readlink -f "${KEFU_TEST_OUT:-build/test-out}")/e2e-db-faults
rm -rf "$OUT" && mkdir -p "$OUT"
export TZ=UTC0 KEFU_CONFIG=/dev/null
unset KEFU_DB
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() {
    failed=$((failed + 1))
    echo "FAIL $*"
}
. tests/pgcluster.sh
pg_start
"$KEFU_BIN" db migrate --db "$PG_URL" >/dev/null || bad "migrate"
pg_sql kefu_admin -c "CREATE ROLE alice LOGIN IN ROLE kefu_trainee" || bad "role"
ALICE=$(pg_url_as alice)

# One real result, then copies under ids of their own (the suffix a taken name gets).
"$KEFU_BIN" run haggler --replies tests/data/playthroughs/haggler_good.jsonl --trainee 王小明 \
    --mode practice --out "$OUT/seed" 2>/dev/null || bad "kefu run"
SEED=$(ls "$OUT/seed"/*.json)
SEED_ID=$(basename "$SEED" .json)
make_results() { # dir, tag, count
    mkdir -p "$1"
    local i
    for i in $(seq "$3"); do
        sed "s/\"$SEED_ID\"/\"$SEED_ID-$2$i\"/" "$SEED" >"$1/$SEED_ID-$2$i.json"
    done
}

# Every result of folder $1 is in the database or waits in its outbox (none lost), and the
# database holds no id twice (the primary key says so; counted anyway).
check_none_lost() { # dir, what
    local missing
    missing=$(comm -23 <(cd "$1" && ls | grep '\.json$' | sed 's/\.json$//' | sort) \
        <({ pg_sql kefu_admin -c "SELECT id FROM kefu.results"
            ls "$1/.outbox" 2>/dev/null | grep '\.json$' | sed 's/\.json$//'; } | sort -u) | wc -l)
    [ "$missing" = 0 ] && ok || bad "$2: $missing results neither in the database nor waiting"
    [ "$(pg_sql kefu_admin -c "SELECT count(*) - count(DISTINCT id) FROM kefu.results")" = 0 ] &&
        ok || bad "$2: an id twice"
}

# After the fault: a sync uploads the rest; nothing waits; each result is there once, whole.
check_synced() { # dir, count, what
    "$KEFU_BIN" sync "$1" --db "$ALICE" >"$OUT/final.log" 2>&1 || bad "$3: the final sync: $(tail -n 3 "$OUT/final.log")"
    [ "$(ls "$1/.outbox" | grep -c json)" = 0 ] && ok || bad "$3: still waiting after the final sync"
    local n
    n=$(pg_sql kefu_admin -c "SELECT count(*) FROM kefu.results WHERE id LIKE '$SEED_ID-$4%'")
    [ "$n" = "$2" ] && ok || bad "$3: $n rows, expected $2"
    n=$(pg_sql kefu_admin -c "SELECT count(*) FROM kefu.results r WHERE id LIKE '$SEED_ID-$4%' AND (SELECT count(*) FROM kefu.result_principles p WHERE p.result_id = r.id) <> jsonb_array_length(body->'scorecard'->'principles')")
    [ "$n" = 0 ] && ok || bad "$3: $n results without all their principle rows"
}

# Starts kefu sync of folder $1 in the background, waits until it has uploaded something (or
# finished), then runs the fault $2.
fault_mid_sync() { # dir, fault command...
    local dir=$1
    shift
    "$KEFU_BIN" sync "$dir" --all --db "$ALICE" >"$OUT/sync.log" 2>&1 &
    local pid=$! n
    for n in $(seq 200); do
        grep -q "uploaded" "$OUT/sync.log" 2>/dev/null && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.05
    done
    "$@"
    wait "$pid"
    echo "  $(grep -c ': uploaded' "$OUT/sync.log") uploaded before the fault"
}

N=300
# ---------------------------------------------------------------- the server shut down
make_results "$OUT/stop" s "$N"
fault_mid_sync "$OUT/stop" pg_ctl_ -m fast stop >/dev/null
"$KEFU_BIN" sync "$OUT/stop" --db "$ALICE" >"$OUT/down.log" 2>&1
[ $? = 1 ] && grep -q "cannot connect" "$OUT/down.log" && ok ||
    bad "sync with the server down: $(cat "$OUT/down.log")"
pg_restart
check_none_lost "$OUT/stop" "server stopped"
check_synced "$OUT/stop" "$N" "server stopped" s

# ---------------------------------------------------------------- the server killed (SIGKILL)
make_results "$OUT/kill" k "$N"
fault_mid_sync "$OUT/kill" pg_kill9
pg_restart
check_none_lost "$OUT/kill" "server killed, restarted"
check_synced "$OUT/kill" "$N" "server killed" k

# ---------------------------------------------------------------- kefu sync itself killed
make_results "$OUT/self" m "$N"
"$KEFU_BIN" sync "$OUT/self" --all --db "$ALICE" >"$OUT/self.log" 2>&1 &
pid=$!
for n in $(seq 200); do
    grep -q "uploaded" "$OUT/self.log" && break
    sleep 0.05
done
kill -9 "$pid"
wait "$pid" 2>/dev/null
check_none_lost "$OUT/self" "kefu sync killed"
check_synced "$OUT/self" "$N" "kefu sync killed" m

# ---------------------------------------------------------------- a frozen server
# SIGSTOP: the kernel still accepts the connection, nobody answers: connect_timeout (and the
# client's own deadline) must give up, and the result waits.
kill -STOP "$(pg_pid)"
KEFU_DB_TIMEOUT=2 "$KEFU_BIN" run haggler --replies tests/data/playthroughs/haggler_bad.jsonl \
    --trainee 王小明 --mode practice --out "$OUT/frozen" --db "$ALICE" 2>"$OUT/frozen.log"
rc=$?
kill -CONT "$(pg_pid)"
[ "$rc" = 0 ] && grep -q "the result waits in" "$OUT/frozen.log" && ok ||
    bad "run against a frozen server: exit $rc: $(cat "$OUT/frozen.log")"
[ "$(ls "$OUT/frozen/.outbox" | grep -c json)" = 1 ] && ok || bad "frozen: the result should wait"
"$KEFU_BIN" sync "$OUT/frozen" --db "$ALICE" >"$OUT/thawed.log" 2>&1 &&
    grep -q "1 uploaded" "$OUT/thawed.log" && ok || bad "sync after thawing: $(cat "$OUT/thawed.log")"

# ---------------------------------------------------------------- a lock past the timeout
make_results "$OUT/lock" l 3
pg_sql kefu_admin -c "BEGIN; LOCK TABLE kefu.results IN ACCESS EXCLUSIVE MODE; SELECT pg_sleep(120);" \
    >/dev/null 2>&1 &
locker=$!
for n in $(seq 100); do
    [ "$(pg_sql kefu_admin -c "SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND relation = 'kefu.results'::regclass AND granted")" = 1 ] && break
    sleep 0.1
done
KEFU_DB_TIMEOUT=2 "$KEFU_BIN" sync "$OUT/lock" --all --db "$ALICE" >"$OUT/lock.log" 2>&1
rc=$?
[ "$rc" = 1 ] && grep -Eq "statement timeout|no answer within 2 s" "$OUT/lock.log" &&
    grep -q "0 uploaded, 0 already there, 0 rejected, 3 waiting" "$OUT/lock.log" && ok ||
    bad "sync against a locked table: exit $rc: $(cat "$OUT/lock.log")"
kill "$locker"
wait "$locker" 2>/dev/null
pg_sql kefu_admin -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(120)%' AND pid <> pg_backend_pid()" >/dev/null
check_synced "$OUT/lock" 3 "locked table" l

# ---------------------------------------------------------------- the same results twice at once
make_results "$OUT/twinA" t 60
mkdir -p "$OUT/twinB" && cp "$OUT/twinA"/*.json "$OUT/twinB/"
"$KEFU_BIN" sync "$OUT/twinA" --all --db "$ALICE" >"$OUT/twinA.log" 2>&1 &
a=$!
"$KEFU_BIN" sync "$OUT/twinB" --all --db "$ALICE" >"$OUT/twinB.log" 2>&1 &
b=$!
wait "$a" && wait "$b" && ok || bad "concurrent syncs: $(tail -n 2 "$OUT/twinA.log" "$OUT/twinB.log")"
up=$(($(grep -c ': uploaded' "$OUT/twinA.log") + $(grep -c ': uploaded' "$OUT/twinB.log")))
already=$(($(grep -c 'already in the database' "$OUT/twinA.log") + $(grep -c 'already in the database' "$OUT/twinB.log")))
[ "$up" = 60 ] && [ "$already" = 60 ] && ok ||
    bad "concurrent syncs: $up uploads and $already 'already there', expected 60 and 60"
check_synced "$OUT/twinA" 60 "concurrent syncs" t

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
