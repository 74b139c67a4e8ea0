/* app_sync: the app's side of the shared results database: after each saved result, and once
 * at start, what waits in the results folder's outbox is uploaded (store/outbox.h) on a
 * background thread, so an unreachable database never freezes the window; the score screen
 * says whether the results are synced. */
#ifndef KEFU_APP_SYNC_H
#define KEFU_APP_SYNC_H

#include <SDL.h>

/* kefu play --db URL: the database for this run (else KEFU_DB, else the config file). The
 * string is borrowed for the app's lifetime. */
void app_sync_set_url(const char *url);

/* UI thread only. When a database is named: marks result_path (NULL: none, only retry what
 * waits) as waiting in results_dir's outbox, at once and on disk, then asks the background
 * upload to deliver the outbox and returns without waiting for the database. One upload runs
 * at a time; a request while one runs is coalesced into one more run after it (what it marked
 * is already in the outbox). When the run ends the status changes and an event that
 * app_sync_is_event recognises is pushed, so the window redraws. Does nothing when no
 * database is named; built without the database (-DKEFU_DB=OFF), or with a config file that
 * cannot be read, the result stays in the folder only and the status says so. */
void app_sync(const char *results_dir, const char *result_path);

/* UI thread only. One line for the score screen ("成绩已同步到数据库", "正在同步到数据库…",
 * how many wait, or "成绩只保存在本机：why"), or NULL when no database is named. A copy, valid until the next
 * app_sync_status or app_sync. */
const char *app_sync_status(void);

/* Whether ev is the background upload saying it finished (the screen should redraw). */
int app_sync_is_event(const SDL_Event *ev);

/* Whether an upload runs or is queued. */
int app_sync_busy(void);

/* UI thread only. Waits at most timeout_ms for the upload (and any queued after it) to end.
 * Returns 1 when none runs, 0 when one still does. */
int app_sync_wait(int timeout_ms);

/* UI thread only, when the app closes: waits a bounded time for a running upload, then stops
 * the finished-events (SDL may be shutting down). A later app_sync starts them again. */
void app_sync_quit(void);

#endif
