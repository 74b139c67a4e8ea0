/* db: the shared PostgreSQL results database (libpq, parameterised queries only): connecting
 * with timeouts, the versioned migrations, uploading one result idempotently on its id,
 * publishing scenarios and exams, and streaming results back for the report. The tables,
 * roles and row-level security are in db_migrations.c; docs/deploy.md explains them. */
#ifndef KEFU_DB_H
#define KEFU_DB_H

#include <stddef.h>

#include "base/kerr.h"

typedef struct Db Db;

/* What a kefu built without the database (cmake -DKEFU_DB=OFF) says wherever one is asked for. */
#define DB_NONE_MESSAGE "this build has no database: results stay in the folder"

/* 1 when this kefu was built with the database (libpq), 0 when not: then db_connect always fails
 * with DB_NONE_MESSAGE, so nothing else here is ever reached. */
int db_available(void);

/* Connects to url (a libpq connection string or postgresql:// URI). timeout_s bounds the
 * connection (libpq's connect_timeout, unless the URL sets its own) and every later query,
 * measured by the client, so a server that stops answering cannot hang a desktop; 0 means
 * the default, 30 s. Returns NULL with err "database: REASON" (the password is never
 * printed). Free with db_close. */
Db *db_connect(const char *url, int timeout_s, KefuError *err);
void db_close(Db *db);

/* Applies every migration newer than the database's version up to target (0: the newest this
 * kefu knows), all in one transaction under an advisory lock, so two desktops migrating at
 * once, or a migration run twice, apply each step exactly once. A target at or below the
 * database's version does nothing (there is no going back). Sets *from and *to to the versions
 * before and after (equal: nothing to do). Returns 0, or -1 with err (then nothing changed;
 * also for a target newer than this kefu knows). Needs a role that may create tables. */
int db_migrate(Db *db, int target, int *from, int *to, KefuError *err);

/* The database's migration version (0: never migrated), or -1 with err. */
int db_version(Db *db, KefuError *err);

/* The newest migration this kefu knows. */
int db_latest_version(void);

enum {
    DB_UPLOADED = 1, /* the result is in the database now */
    DB_ALREADY = 0,  /* the same result (same id, same JSON) was there already */
    DB_FAILED = -1,  /* not uploaded: unreachable, timed out, refused (err says why); retry */
    DB_CONFLICT = -2 /* a different result holds this id (or another login's): never
                      * overwritten; err says so */
};

/* Uploads one result: json (len bytes, a kefu.result/1 object whose "id" is id) becomes a
 * row of the results table with its indexed columns and one row per scorecard principle,
 * inserted in one statement, so it is all there or none of it. Idempotent on id: returns
 * DB_ALREADY when the same JSON is there, DB_CONFLICT when different JSON is. */
int db_upload(Db *db, const char *id, const char *json, size_t len, KefuError *err);

/* Publishes a scenario (its Lua source, len bytes) or an exam file under id, replacing an
 * earlier version of the same id (trainers only: the database refuses other roles). kind is
 * "scenario" or "exam". Returns 0, or -1 with err. */
int db_publish(Db *db, const char *kind, const char *id, const char *text, size_t len,
               KefuError *err);

/* Which results the report reads: only these trainees (none: all), this scenario (NULL: all),
 * this mode (NULL: both), and started_at within [since, until] (UTC seconds) when set. */
typedef struct DbFilter {
    const char *const *trainees;
    int ntrainees;
    const char *scenario;
    const char *mode;
    long long since, until;
    int has_since, has_until;
} DbFilter;

/* Receives one result's id and JSON (len bytes, NUL-terminated), borrowed for the call.
 * Returning non-zero stops the stream. */
typedef int (*DbRowFn)(void *ud, const char *id, const char *json, size_t len);

/* Streams the results the filter keeps, in id order, to fn, one row at a time (memory stays
 * flat however many there are); a role sees only the rows its policies let it read. Returns
 * the number of rows passed, or -1 with err. */
long db_each_result(Db *db, const DbFilter *f, DbRowFn fn, void *ud, KefuError *err);

/* Receives one row of db_select: ncols values as text, NULL for SQL NULL, borrowed for the
 * call. Returning non-zero stops. */
typedef int (*DbSelectFn)(void *ud, int ncols, const char *const *vals);

/* Runs sql, a SELECT in which each "WHERE_FILTER" stands for the filter's WHERE clause over
 * kefu.results' columns (parameters $1 to $5, which sql must all use and may not add to), and
 * passes each row to fn. For the report's figures computed by the server. Returns the number of
 * rows, or -1 with err. */
long db_select(Db *db, const char *sql, const DbFilter *f, DbSelectFn fn, void *ud, KefuError *err);

/* Counts the results the filter keeps by mode (computed in the database). Returns 0, or -1
 * with err. */
int db_count_modes(Db *db, const DbFilter *f, long *exam, long *practice, KefuError *err);

/* The SQL of migration version v (1 .. db_latest_version()): its statement scripts in order,
 * NULL-terminated; NULL for any other v. Defined in db_migrations.c. */
const char *const *db_migration_sql(int v);

#endif
