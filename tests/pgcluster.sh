# pgcluster.sh: a throw-away PostgreSQL server for the database tests (sourced, not run).
# pg_start makes a cluster with initdb in a fresh temporary folder, listening only on a Unix
# socket in that folder and on its own port, and sets PG_URL (the administrator's connection)
# and PG_HOST/PG_PORT; an EXIT trap stops it and removes the folder. PG_OPTS adds server
# settings ("-c shared_buffers=1GB"), PG_TMP another parent folder. As root (CI, containers)
# the server runs as the unprivileged user "postgres" that the Debian package creates, since
# PostgreSQL refuses to run as root. Nothing here is ever skipped: no server is a failure.

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PG_DIR=""
PG_AS=()

pg_fail() {
    echo "FAIL pgcluster: $*"
    [ -n "$PG_DIR" ] && [ -f "$PG_DIR/log" ] && tail -n 20 "$PG_DIR/log"
    exit 1
}

# Runs pg_ctl as the server's user.
pg_ctl_() { "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" "$@"; }

pg_stop() {
    [ -n "$PG_DIR" ] || return 0
    pg_ctl_ -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
}

# The postmaster's pid (the first line of postmaster.pid).
pg_pid() { head -n 1 "$PG_DIR/data/postmaster.pid" 2>/dev/null; }

# Kills the postmaster with SIGKILL and waits until it is gone. Where nothing reaps orphans (a
# container whose first process does not) it stays a zombie that still owns its pid, and the
# next start would take its lock file for a live server's: that stale file goes.
pg_kill9() {
    local pid n kids
    pid=$(pg_pid)
    [ -n "$pid" ] || pg_fail "no postmaster.pid"
    kids=$(pgrep -P "$pid" | tr '\n' ' ')
    kill -9 "$pid"
    for n in $(seq 100); do
        case "$(ps -o stat= -p "$pid" 2>/dev/null)" in
        '' | Z*) break ;;
        esac
        sleep 0.1
    done
    # Its backends notice the postmaster's death and leave; wait for them too.
    for n in $(seq 100); do
        ps -o stat= -p "${kids// /,}0" 2>/dev/null | grep -qv '^Z' || break
        sleep 0.1
    done
    rm -f "$PG_DIR/data/postmaster.pid" "$PG_DIR/.s.PGSQL.$PG_PORT.lock"
}

# (Re)starts the server of the cluster made by pg_start, on the same port.
pg_restart() {
    pg_ctl_ -w -t 60 -l "$PG_DIR/log" -o "-k $PG_DIR -p $PG_PORT -c listen_addresses='' -c fsync=off ${PG_OPTS:-}" \
        start >/dev/null || pg_fail "cannot start the server"
}

pg_start() {
    [ -x "$PG_BIN/initdb" ] || pg_fail "no PostgreSQL server under /usr/lib/postgresql (scripts/setup.sh installs postgresql)"
    PG_DIR=$(mktemp -d "${PG_TMP:-/tmp}/kefu-pg.XXXXXX")
    trap pg_stop EXIT
    if [ "$(id -u)" = 0 ]; then
        id postgres >/dev/null 2>&1 || pg_fail "running as root and there is no user postgres to run the server"
        chown postgres "$PG_DIR"
        PG_AS=(runuser -u postgres --)
    fi
    "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U kefu_admin -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$PG_DIR/initdb.log" 2>&1 || {
        cat "$PG_DIR/initdb.log"
        pg_fail "initdb failed"
    }
    # A port of its own: tests run in parallel, each with its own server. A port another
    # server holds makes the start fail; try another.
    local tries
    for tries in 1 2 3 4 5 6 7 8; do
        PG_PORT=$((20000 + (RANDOM * 7 + $$) % 40000))
        if pg_ctl_ -w -t 60 -l "$PG_DIR/log" \
            -o "-k $PG_DIR -p $PG_PORT -c listen_addresses='' -c fsync=off ${PG_OPTS:-}" start >/dev/null; then
            break
        fi
        [ "$tries" = 8 ] && pg_fail "cannot start the server"
    done
    PG_HOST=$PG_DIR
    "$PG_BIN/createdb" -h "$PG_HOST" -p "$PG_PORT" -U kefu_admin kefu || pg_fail "createdb failed"
    PG_URL="postgresql:///kefu?host=$PG_HOST&port=$PG_PORT&user=kefu_admin"
    export PG_HOST PG_PORT PG_URL
}

# The URL of login role $1 on the test database.
pg_url_as() { echo "postgresql:///kefu?host=$PG_HOST&port=$PG_PORT&user=$1"; }

# psql as role $1 (default the administrator): stops at the first error, prints tuples only.
pg_sql() {
    local who=${1:-kefu_admin}
    shift || true
    "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -At -h "$PG_HOST" -p "$PG_PORT" -U "$who" -d kefu "$@"
}
