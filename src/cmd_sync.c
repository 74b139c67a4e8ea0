/* kefu sync: uploads the results waiting in a results folder's outbox to the shared database
 * (the ones a desktop wrote while the database was out of reach). */
#include <stdio.h>
#include <string.h>

#include "base/platform.h"
#include "cli_db.h"
#include "commands.h"
#include "store/dest.h"
#include "store/outbox.h"

static const char usage_text[] =
    "usage: kefu sync [DIR] [--db URL] [--all]\n"
    "  Uploads the results waiting in DIR/.outbox/ (DIR: results) to the database: --db URL,\n"
    "  else $KEFU_DB, else the config file (docs/deploy.md). Each upload is idempotent on the\n"
    "  result's id: nothing is ever uploaded twice or overwritten. --all first marks every\n"
    "  result in DIR as waiting (a folder from before the database). Exit 0 when nothing\n"
    "  waits any more, 1 when some still does.\n";

static void note_stdout(void *ud, const char *msg)
{
    (void)ud;
    printf("%s\n", msg);
}

int cmd_sync(int argc, char **argv)
{
    const char *flag = NULL, *dir = NULL;
    int all = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return EXIT_OK;
        } else if (strcmp(a, "--db") == 0 && i + 1 < argc) {
            flag = argv[++i];
        } else if (strncmp(a, "--db=", 5) == 0) {
            flag = a + 5;
        } else if (strcmp(a, "--all") == 0) {
            all = 1;
        } else if ((a[0] == '-' && a[1]) || dir) {
            fprintf(stderr, "kefu sync: unexpected argument %s\n%s", a, usage_text);
            return EXIT_USAGE;
        } else {
            dir = a;
        }
    }
    if (!dir)
        dir = plat_results_dir();
    if (cli_db_missing("sync"))
        return EXIT_BAD_INPUT;
    Dest dest;
    KefuError err = {{0}};
    int has = dest_resolve(flag, &dest, &err);
    if (has <= 0) {
        fprintf(stderr, "kefu sync: %s\n",
                has < 0 ? err.msg
                        : "no database named (--db URL, KEFU_DB or the config file; "
                          "docs/deploy.md)");
        return has < 0 ? EXIT_BAD_INPUT : EXIT_USAGE;
    }
    if (all) {
        int n = outbox_add_all(dir, &err);
        if (n < 0) {
            fprintf(stderr, "kefu sync: %s\n", err.msg);
            return EXIT_BAD_INPUT;
        }
    }
    int waiting = outbox_count(dir);
    if (waiting == 0) {
        printf("sync: nothing waits in %s/.outbox\n", dir);
        return EXIT_OK;
    }
    Db *db = db_connect(dest.url, dest.timeout_s, &err);
    if (!db) {
        fprintf(stderr, "kefu sync: %s\nsync: %d waiting in %s/.outbox\n", err.msg, waiting, dir);
        return EXIT_BAD_INPUT;
    }
    OutboxTally t;
    int rc = outbox_sync(dir, db, note_stdout, NULL, &t, &err);
    db_close(db);
    if (rc < 0) {
        fprintf(stderr, "kefu sync: %s\n", err.msg);
        return EXIT_BAD_INPUT;
    }
    printf("sync: %d uploaded, %d already there, %d rejected, %d waiting\n", t.uploaded, t.already,
           t.rejected, t.waiting);
    return rc == 0 ? EXIT_OK : EXIT_BAD_INPUT;
}
