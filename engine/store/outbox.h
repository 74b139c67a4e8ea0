/* outbox: results waiting for the database. A result is always written to the results folder
 * first; then DIR/.outbox/NAME.json (a hard link to it, or a copy) marks it as not uploaded
 * yet, and goes only once the database holds it. Offline desktops keep working; kefu sync and
 * the app retry. */
#ifndef KEFU_OUTBOX_H
#define KEFU_OUTBOX_H

#include "base/kerr.h"
#include "store/db.h"

/* Marks the result at result_path (a file in results_dir) as waiting: links or copies it to
 * results_dir/.outbox/ under its own name, crash-safe, the folder synced. A name already
 * waiting is fine. Returns 0, or -1 with err. */
int outbox_add(const char *results_dir, const char *result_path, KefuError *err);

/* Marks every *.json directly in results_dir as waiting (kefu sync --all: a folder of results
 * from before the database, or after a crash between writing and marking). Returns how many
 * were added, or -1 with err. */
int outbox_add_all(const char *results_dir, KefuError *err);

/* How many results wait in results_dir's outbox (0 when it has none), or -1 when it cannot be
 * read. */
int outbox_count(const char *results_dir);

typedef struct OutboxTally {
    int uploaded; /* now in the database */
    int already;  /* were there already (an earlier sync that was cut off) */
    int rejected; /* a different result holds the id, or not a results file: moved to
                   * .outbox/rejected/ for a person to look at, never retried blindly */
    int waiting;  /* still waiting after this sync */
} OutboxTally;

/* Receives one line about one file ("NAME: uploaded", "NAME: database: ..."). */
typedef void (*OutboxNoteFn)(void *ud, const char *msg);

/* Uploads what waits in results_dir's outbox, oldest name first, each idempotently
 * (db_upload). A file leaves the outbox only after the database has it. The first failure to
 * reach the database stops the sync (the rest keeps waiting). note (may be NULL) hears about
 * each file. Returns 0 when nothing is left waiting, 1 when some is (err says why), -1 with
 * err when the outbox cannot be read. */
int outbox_sync(const char *results_dir, Db *db, OutboxNoteFn note, void *ud, OutboxTally *tally,
                KefuError *err);

/* What a command does after writing a result when a database is configured: outbox_add (not
 * when result_path is NULL: only what waits is uploaded), then connect to url and outbox_sync.
 * Returns 0 when everything waiting is uploaded, 1 when the result waits (err says why:
 * unreachable, timed out, rejected), -1 with err when it could not even be marked. */
int outbox_deliver(const char *results_dir, const char *result_path, const char *url, int timeout_s,
                   OutboxNoteFn note, void *ud, KefuError *err);

#endif
