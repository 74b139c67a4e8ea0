/* db_none: the database calls of a kefu built without libpq (cmake -DKEFU_DB=OFF), in place of
 * db.c: connecting fails saying so, so results stay in the folder and its outbox. */
#include "store/db.h"

int db_available(void)
{
    return 0;
}

Db *db_connect(const char *url, int timeout_s, KefuError *err)
{
    (void)url;
    (void)timeout_s;
    kerr_set(err, "%s", DB_NONE_MESSAGE);
    return NULL;
}

void db_close(Db *db)
{
    (void)db;
}

/* Without a connection none of the rest can be called; each still answers with the reason. */

int db_version(Db *db, KefuError *err)
{
    (void)db;
    kerr_set(err, "%s", DB_NONE_MESSAGE);
    return -1;
}

int db_migrate(Db *db, int target, int *from, int *to, KefuError *err)
{
    (void)db;
    (void)target;
    *from = *to = -1;
    kerr_set(err, "%s", DB_NONE_MESSAGE);
    return -1;
}

int db_upload(Db *db, const char *id, const char *json, size_t len, KefuError *err)
{
    (void)db;
    (void)id;
    (void)json;
    (void)len;
    kerr_set(err, "%s", DB_NONE_MESSAGE);
    return DB_FAILED;
}

int db_publish(Db *db, const char *kind, const char *id, const char *text, size_t len,
               KefuError *err)
{
    (void)db;
    (void)kind;
    (void)id;
    (void)text;
    (void)len;
    kerr_set(err, "%s", DB_NONE_MESSAGE);
    return -1;
}

long db_each_result(Db *db, const DbFilter *f, DbRowFn fn, void *ud, KefuError *err)
{
    (void)db;
    (void)f;
    (void)fn;
    (void)ud;
    kerr_set(err, "%s", DB_NONE_MESSAGE);
    return -1;
}

int db_count_modes(Db *db, const DbFilter *f, long *exam, long *practice, KefuError *err)
{
    (void)db;
    (void)f;
    *exam = *practice = 0;
    kerr_set(err, "%s", DB_NONE_MESSAGE);
    return -1;
}

long db_select(Db *db, const char *sql, const DbFilter *f, DbSelectFn fn, void *ud, KefuError *err)
{
    (void)db;
    (void)sql;
    (void)f;
    (void)fn;
    (void)ud;
    kerr_set(err, "%s", DB_NONE_MESSAGE);
    return -1;
}
