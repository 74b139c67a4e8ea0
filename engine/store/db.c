/* db: the results database through libpq: every query parameterised, every wait bounded by
 * the client's own clock (a server that stops answering fails the call instead of hanging). */
#include <errno.h>
#include <libpq-fe.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "store/db.h"

struct Db {
    PGconn *conn;
    int timeout_ms;
    int broken; /* a query timed out: the connection's state is unknown, refuse further use */
};

/* The advisory lock key migrations hold: "kefu" in ASCII. */
#define MIGRATE_LOCK 0x6b656675

/* ------------------------------------------------------------------------ errors */

/* err = "database: " + libpq's message, its trailing newline and any "DETAIL"/"HINT" lines
 * after the first kept on one line. */
static void set_pq_error(KefuError *err, const char *what, const char *msg)
{
    char one[900];
    snprintf(one, sizeof one, "%s", msg && *msg ? msg : "unknown error");
    size_t n = strlen(one);
    while (n > 0 && (one[n - 1] == '\n' || one[n - 1] == ' '))
        one[--n] = '\0';
    for (char *p = one; *p; p++)
        if (*p == '\n')
            *p = ' ';
    kerr_set(err, "database: %s%s%s", what ? what : "", what ? ": " : "", one);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits until the socket is ready for events or the deadline passes. Returns 0 when ready, -1
 * with err on timeout or a poll error. */
static int wait_socket(Db *db, short events, long long deadline, KefuError *err)
{
    for (;;) {
        long long left = deadline - now_ms();
        if (left <= 0) {
            db->broken = 1;
            kerr_set(err,
                     "database: no answer within %d s (the server may be down or "
                     "overloaded; the timeout is KEFU_DB_TIMEOUT)",
                     db->timeout_ms / 1000);
            return -1;
        }
        struct pollfd p = {.fd = PQsocket(db->conn), .events = events};
        int n = poll(&p, 1, (int)(left > 1000 ? 1000 : left));
        if (n > 0)
            return 0;
        if (n < 0 && errno != EINTR) {
            kerr_set(err, "database: %s", strerror(errno));
            return -1;
        }
    }
}

/* Sends what libpq buffered, then waits until a whole result can be read without blocking.
 * Returns 0, or -1 with err. */
static int wait_result(Db *db, long long deadline, KefuError *err)
{
    for (;;) {
        int f = PQflush(db->conn);
        if (f < 0) {
            set_pq_error(err, NULL, PQerrorMessage(db->conn));
            return -1;
        }
        if (f == 0)
            break;
        if (wait_socket(db, POLLIN | POLLOUT, deadline, err) < 0)
            return -1;
        if (!PQconsumeInput(db->conn)) {
            set_pq_error(err, NULL, PQerrorMessage(db->conn));
            return -1;
        }
    }
    while (PQisBusy(db->conn)) {
        if (wait_socket(db, POLLIN, deadline, err) < 0)
            return -1;
        if (!PQconsumeInput(db->conn)) {
            set_pq_error(err, NULL, PQerrorMessage(db->conn));
            return -1;
        }
    }
    return 0;
}

/* Sends one query (parameterised when nparams >= 0; a script of several statements without
 * parameters when nparams < 0) and waits for its results. Returns the last result (caller
 * PQclears) when every statement succeeded, else NULL with err. */
static PGresult *query(Db *db, const char *sql, int nparams, const char *const *params,
                       KefuError *err)
{
    if (db->broken || PQstatus(db->conn) != CONNECTION_OK) {
        kerr_set(err, "database: the connection was lost; try again");
        return NULL;
    }
    int sent = nparams < 0 ? PQsendQuery(db->conn, sql)
                           : PQsendQueryParams(db->conn, sql, nparams, NULL, params, NULL, NULL, 0);
    if (!sent) {
        set_pq_error(err, NULL, PQerrorMessage(db->conn));
        return NULL;
    }
    long long deadline = now_ms() + db->timeout_ms;
    PGresult *last = NULL, *res;
    int failed = 0;
    for (;;) {
        if (wait_result(db, deadline, err) < 0) {
            PQclear(last);
            return NULL;
        }
        if (!(res = PQgetResult(db->conn)))
            break;
        ExecStatusType st = PQresultStatus(res);
        if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK && !failed) {
            failed = 1;
            set_pq_error(err, NULL, PQresultErrorMessage(res));
        }
        PQclear(last);
        last = res;
    }
    if (failed || !last) {
        if (!failed)
            kerr_set(err, "database: no result");
        PQclear(last);
        return NULL;
    }
    return last;
}

/* Runs a statement whose result is not needed. Returns 0, or -1 with err. */
static int run(Db *db, const char *sql, int nparams, const char *const *params, KefuError *err)
{
    PGresult *res = query(db, sql, nparams, params, err);
    PQclear(res);
    return res ? 0 : -1;
}

/* ------------------------------------------------------------------------ connecting */

/* The server's notices ("schema kefu already exists, skipping") are not the user's business. */
static void ignore_notice(void *ud, const char *msg)
{
    (void)ud;
    (void)msg;
}

Db *db_connect(const char *url, int timeout_s, KefuError *err)
{
    if (timeout_s <= 0)
        timeout_s = 30;
    char timeout[32];
    snprintf(timeout, sizeof timeout, "%d", timeout_s);
    /* Keywords before dbname are defaults the URL may override; expand_dbname reads the URL. */
    const char *const keys[] = {"connect_timeout", "fallback_application_name", "client_encoding",
                                "dbname", NULL};
    const char *const vals[] = {timeout, "kefu", "UTF8", url, NULL};
    Db *db = calloc(1, sizeof *db);
    if (!db) {
        kerr_set(err, "database: out of memory");
        return NULL;
    }
    db->timeout_ms = timeout_s * 1000;
    db->conn = PQconnectdbParams(keys, vals, 1);
    if (!db->conn) {
        kerr_set(err, "database: out of memory");
        free(db);
        return NULL;
    }
    if (PQstatus(db->conn) != CONNECTION_OK) {
        set_pq_error(err, "cannot connect", PQerrorMessage(db->conn));
        db_close(db);
        return NULL;
    }
    PQsetNoticeProcessor(db->conn, ignore_notice, NULL);
    PQsetnonblocking(db->conn, 1);
    /* The server stops a statement that outlives the client's patience, so a query the client
     * gave up on does not go on holding locks. */
    char ms[32];
    snprintf(ms, sizeof ms, "%d", db->timeout_ms);
    const char *p[] = {ms};
    if (run(db, "SELECT set_config('statement_timeout', $1, false)", 1, p, err) < 0) {
        db_close(db);
        return NULL;
    }
    return db;
}

int db_available(void)
{
    return 1;
}

void db_close(Db *db)
{
    if (!db)
        return;
    PQfinish(db->conn);
    free(db);
}

/* ------------------------------------------------------------------------ migrations */

int db_version(Db *db, KefuError *err)
{
    PGresult *res = query(db,
                          "SELECT CASE WHEN to_regclass('kefu.migrations') IS NULL THEN 0 "
                          "ELSE (SELECT coalesce(max(version), 0) FROM kefu.migrations) END",
                          0, NULL, err);
    if (!res)
        return -1;
    int v = atoi(PQgetvalue(res, 0, 0));
    PQclear(res);
    return v;
}

int db_migrate(Db *db, int target, int *from, int *to, KefuError *err)
{
    if (target == 0)
        target = db_latest_version();
    char lock[32];
    snprintf(lock, sizeof lock, "%d", MIGRATE_LOCK);
    const char *p[] = {lock};
    *from = *to = -1;
    if (run(db, "BEGIN", 0, NULL, err) < 0)
        return -1;
    /* The lock is released with the transaction; a second migrator waits here, then finds
     * the work done. */
    if (run(db, "SELECT pg_advisory_xact_lock($1::bigint)", 1, p, err) < 0 ||
        run(db,
            "CREATE SCHEMA IF NOT EXISTS kefu;\n"
            "CREATE TABLE IF NOT EXISTS kefu.migrations (\n"
            "  version integer PRIMARY KEY,\n"
            "  applied_at timestamptz NOT NULL DEFAULT now(),\n"
            "  applied_by name NOT NULL DEFAULT session_user)",
            -1, NULL, err) < 0)
        goto fail;
    int v = db_version(db, err);
    if (v < 0)
        goto fail;
    *from = v;
    if (v > db_latest_version()) {
        kerr_set(err,
                 "database: its schema is version %d, newer than this kefu knows (%d); "
                 "update kefu",
                 v, db_latest_version());
        goto fail;
    }
    if (target < 0 || target > db_latest_version()) {
        kerr_set(err, "database: no schema version %d; this kefu knows 1 to %d", target,
                 db_latest_version());
        goto fail;
    }
    for (int step = v + 1; step <= target; step++) {
        char num[16];
        snprintf(num, sizeof num, "%d", step);
        const char *q[] = {num};
        int bad = 0;
        for (const char *const *sql = db_migration_sql(step); *sql && !bad; sql++)
            bad = run(db, *sql, -1, NULL, err) < 0;
        if (bad ||
            run(db, "INSERT INTO kefu.migrations (version) VALUES ($1::integer)", 1, q, err) < 0) {
            char why[900];
            snprintf(why, sizeof why, "%.899s", err->msg);
            kerr_set(err, "migration %d: %s", step, why);
            goto fail;
        }
    }
    if (run(db, "COMMIT", 0, NULL, err) < 0)
        return -1;
    *to = v > target ? v : target;
    return 0;
fail:;
    KefuError ignored;
    run(db, "ROLLBACK", 0, NULL, &ignored);
    return -1;
}

/* ------------------------------------------------------------------------ results */

/* One statement: the row, its indexed columns taken from the JSON by the server, and its
 * principle rows; nothing when the id is there already. The principle rows' mode (schema
 * version 2) is filled in by the server from the result, so this statement suits both
 * versions. */
static const char upload_sql[] =
    "WITH b AS (SELECT $2::jsonb AS j),\n"
    "ins AS (\n"
    "  INSERT INTO kefu.results (id, trainee, scenario, mode, exam, attempt, started_at, total,\n"
    "    pass, outcome, rubric_version, duration_s, first_response_s, avg_response_s,\n"
    "    typing_cpm, agent_messages, waits_over, body)\n"
    "  SELECT $1, j->>'trainee', j->'scenario'->>'id', j->>'mode', j->'exam'->>'id',\n"
    "         (j->'exam'->>'attempt')::integer, (j->>'started_at')::timestamptz,\n"
    "         round((j->'scorecard'->>'total')::numeric)::integer,\n"
    "         (j->'scorecard'->>'pass')::boolean, j->>'outcome', j->'versions'->>'rubric',\n"
    "         (j->>'duration_s')::numeric, (j->'metrics'->>'first_response_s')::numeric,\n"
    "         (j->'metrics'->>'avg_response_s')::numeric,\n"
    "         (j->'metrics'->>'typing_cpm')::numeric,\n"
    "         (j->'metrics'->>'agent_messages')::integer,\n"
    "         (j->'metrics'->>'waits_over')::integer, j\n"
    "  FROM b\n"
    "  ON CONFLICT (id) DO NOTHING\n"
    "  RETURNING id, trainee, body),\n"
    "pr AS (\n"
    "  INSERT INTO kefu.result_principles (result_id, ord, principle, name, kind, status,\n"
    "    points, max, trainee)\n"
    "  SELECT ins.id, p.ord, p.v->>'id', p.v->>'name', p.v->>'kind', p.v->>'status',\n"
    "         (p.v->>'points')::numeric, (p.v->>'max')::numeric, ins.trainee\n"
    "  FROM ins, jsonb_array_elements(ins.body->'scorecard'->'principles')\n"
    "       WITH ORDINALITY AS p(v, ord))\n"
    "SELECT count(*) FROM ins";

int db_upload(Db *db, const char *id, const char *json, size_t len, KefuError *err)
{
    (void)len; /* the text is NUL-terminated; libpq sends it as text */
    const char *p[] = {id, json};
    PGresult *res = query(db, upload_sql, 2, p, err);
    if (!res)
        return DB_FAILED;
    int inserted = atoi(PQgetvalue(res, 0, 0));
    PQclear(res);
    if (inserted == 1)
        return DB_UPLOADED;
    res = query(db, "SELECT body = $2::jsonb FROM kefu.results WHERE id = $1", 2, p, err);
    if (!res)
        return DB_FAILED;
    int rc;
    if (PQntuples(res) == 0) {
        kerr_set(err,
                 "database: %s: the id is taken by a result of another login; not "
                 "uploaded",
                 id);
        rc = DB_CONFLICT;
    } else if (strcmp(PQgetvalue(res, 0, 0), "t") == 0) {
        rc = DB_ALREADY;
    } else {
        kerr_set(err,
                 "database: %s: a different result with this id is there already; "
                 "kept both as they are (nothing overwritten)",
                 id);
        rc = DB_CONFLICT;
    }
    PQclear(res);
    return rc;
}

int db_publish(Db *db, const char *kind, const char *id, const char *text, size_t len,
               KefuError *err)
{
    (void)len;
    const char *sql;
    if (strcmp(kind, "scenario") == 0)
        sql = "INSERT INTO kefu.scenarios (id, source, sha256)\n"
              "VALUES ($1, $2, encode(sha256(convert_to($2, 'UTF8')), 'hex'))\n"
              "ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, sha256 = EXCLUDED.sha256,\n"
              "  published_by = session_user, published_at = now()";
    else
        sql = "INSERT INTO kefu.exams (id, source, sha256)\n"
              "VALUES ($1, $2, encode(sha256(convert_to($2, 'UTF8')), 'hex'))\n"
              "ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, sha256 = EXCLUDED.sha256,\n"
              "  published_by = session_user, published_at = now()";
    const char *p[] = {id, text};
    return run(db, sql, 2, p, err);
}

/* ------------------------------------------------------------------------ reading */

/* The filter's WHERE clause: every parameter always present, NULL meaning "any", so the text
 * is fixed and only values vary. */
static const char filter_sql[] =
    " WHERE ($1::text[] IS NULL OR trainee = ANY ($1::text[]))"
    " AND ($2::text IS NULL OR scenario = $2::text)"
    " AND ($3::text IS NULL OR mode = $3::text)"
    " AND ($4::bigint IS NULL OR started_at >= to_timestamp($4::bigint))"
    " AND ($5::bigint IS NULL OR started_at <= to_timestamp($5::bigint))";

/* The filter as the five parameters of filter_sql, texts in b (reset here) and bufs. Returns 0,
 * or -1 out of memory. */
static int filter_params(const DbFilter *f, Buf *arr, char since[32], char until[32],
                         const char *p[5])
{
    memset(p, 0, 5 * sizeof *p);
    if (!f)
        return 0;
    if (f->ntrainees > 0) {
        /* A text[] literal: {"a","b"} with " and \ escaped. */
        buf_clear(arr);
        if (buf_putc(arr, '{') < 0)
            return -1;
        for (int i = 0; i < f->ntrainees; i++) {
            if ((i && buf_putc(arr, ',') < 0) || buf_putc(arr, '"') < 0)
                return -1;
            for (const char *c = f->trainees[i]; *c; c++)
                if (((*c == '"' || *c == '\\') && buf_putc(arr, '\\') < 0) || buf_putc(arr, *c) < 0)
                    return -1;
            if (buf_putc(arr, '"') < 0)
                return -1;
        }
        if (buf_puts(arr, "}") < 0)
            return -1;
        p[0] = arr->p;
    }
    p[1] = f->scenario;
    p[2] = f->mode;
    if (f->has_since) {
        snprintf(since, 32, "%lld", f->since);
        p[3] = since;
    }
    if (f->has_until) {
        snprintf(until, 32, "%lld", f->until);
        p[4] = until;
    }
    return 0;
}

long db_each_result(Db *db, const DbFilter *f, DbRowFn fn, void *ud, KefuError *err)
{
    Buf arr = {0}, sql = {0};
    char since[32], until[32];
    const char *p[5];
    long n = -1;
    if (filter_params(f, &arr, since, until, p) < 0 ||
        buf_puts(&sql, "SELECT id, body::text FROM kefu.results") < 0 ||
        buf_puts(&sql, filter_sql) < 0 || buf_puts(&sql, " ORDER BY id") < 0) {
        kerr_set(err, "database: out of memory");
        goto done;
    }
    /* A large report streams for longer than any one statement should take; the client's
     * deadline still bounds each row. */
    const char *off[] = {"0"};
    if (run(db, "SELECT set_config('statement_timeout', $1, false)", 1, off, err) < 0)
        goto done;
    if (!PQsendQueryParams(db->conn, sql.p, 5, NULL, p, NULL, NULL, 0) ||
        !PQsetSingleRowMode(db->conn)) {
        set_pq_error(err, NULL, PQerrorMessage(db->conn));
        goto done;
    }
    /* Each row gets the whole timeout: a large cohort may stream for longer than one. */
    long rows = 0;
    int failed = 0, stopped = 0;
    for (;;) {
        if (wait_result(db, now_ms() + db->timeout_ms, err) < 0) {
            failed = 1;
            break;
        }
        PGresult *res = PQgetResult(db->conn);
        if (!res)
            break;
        ExecStatusType st = PQresultStatus(res);
        if (st == PGRES_SINGLE_TUPLE && !failed && !stopped) {
            rows++;
            if (fn(ud, PQgetvalue(res, 0, 0), PQgetvalue(res, 0, 1),
                   (size_t)PQgetlength(res, 0, 1)) != 0)
                stopped = 1;
        } else if (st != PGRES_TUPLES_OK && st != PGRES_SINGLE_TUPLE && !failed) {
            failed = 1;
            set_pq_error(err, NULL, PQresultErrorMessage(res));
        }
        PQclear(res);
    }
    if (!failed)
        n = rows;
done:
    buf_free(&arr);
    buf_free(&sql);
    return n;
}

int db_count_modes(Db *db, const DbFilter *f, long *exam, long *practice, KefuError *err)
{
    Buf arr = {0}, sql = {0};
    char since[32], until[32];
    const char *p[5];
    int rc = -1;
    *exam = *practice = 0;
    if (filter_params(f, &arr, since, until, p) < 0 ||
        buf_puts(&sql, "SELECT count(*) FILTER (WHERE mode = 'exam'),"
                       " count(*) FILTER (WHERE mode = 'practice') FROM kefu.results") < 0 ||
        buf_puts(&sql, filter_sql) < 0) {
        kerr_set(err, "database: out of memory");
        goto done;
    }
    PGresult *res = query(db, sql.p, 5, p, err);
    if (!res)
        goto done;
    *exam = atol(PQgetvalue(res, 0, 0));
    *practice = atol(PQgetvalue(res, 0, 1));
    PQclear(res);
    rc = 0;
done:
    buf_free(&arr);
    buf_free(&sql);
    return rc;
}

long db_select(Db *db, const char *sql, const DbFilter *f, DbSelectFn fn, void *ud, KefuError *err)
{
    Buf arr = {0}, text = {0};
    char since[32], until[32];
    const char *p[5];
    long n = -1;
    if (filter_params(f, &arr, since, until, p) < 0) {
        kerr_set(err, "database: out of memory");
        goto done;
    }
    /* Every WHERE_FILTER becomes the clause; they all share the five parameters. */
    for (const char *s = sql, *mark;; s = mark + strlen("WHERE_FILTER")) {
        if (!(mark = strstr(s, "WHERE_FILTER"))) {
            buf_puts(&text, s);
            break;
        }
        buf_put(&text, s, (size_t)(mark - s));
        buf_puts(&text, filter_sql);
    }
    if (text.oom) {
        kerr_set(err, "database: out of memory");
        goto done;
    }
    PGresult *res = query(db, text.p, 5, p, err);
    if (!res)
        goto done;
    int rows = PQntuples(res), cols = PQnfields(res);
    const char *vals[64];
    if (cols > 64)
        cols = 64;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++)
            vals[c] = PQgetisnull(res, r, c) ? NULL : PQgetvalue(res, r, c);
        if (fn(ud, cols, vals) != 0)
            break;
    }
    PQclear(res);
    n = rows;
done:
    buf_free(&arr);
    buf_free(&text);
    return n;
}
