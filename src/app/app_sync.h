/* app_sync: the app's side of the shared results database: after each saved result, and once
 * at start, what waits in the results folder's outbox is uploaded (store/outbox.h); the score
 * screen says whether the results are synced. */
#ifndef KEFU_APP_SYNC_H
#define KEFU_APP_SYNC_H

/* kefu play --db URL: the database for this run (else KEFU_DB, else the config file). The
 * string is borrowed for the app's lifetime. */
void app_sync_set_url(const char *url);

/* Marks result_path (NULL: none, only retry what waits) as waiting and uploads the outbox of
 * results_dir when a database is named; does nothing otherwise. Blocks at most the database
 * timeout (5 s unless KEFU_DB_TIMEOUT or the config file say otherwise). */
void app_sync(const char *results_dir, const char *result_path);

/* One line for the score screen ("成绩已同步到数据库", or how many wait and why), or NULL
 * when no database is named. Valid until the next app_sync. */
const char *app_sync_status(void);

#endif
