/* cli_db: uploading a freshly written result, for kefu run (the app has its own screen). */
#include <stdio.h>

#include "base/atomicfile.h"
#include "cli_db.h"
#include "commands.h"
#include "store/db.h"
#include "store/dboverview.h"
#include "store/dest.h"
#include "store/outbox.h"

int cli_deliver(const char *cmd, const char *dir, const char *path, const char *flag)
{
    Dest dest;
    KefuError err = {{0}};
    int has = dest_resolve(flag, &dest, &err);
    if (has < 0) {
        fprintf(stderr, "kefu %s: %s (the result stays in %s only)\n", cmd, err.msg, dir);
        return 1;
    }
    if (has == 0)
        return 0;
    if (cli_db_missing(cmd))
        return 1;
    int rc = outbox_deliver(dir, path, dest.url, dest.timeout_s, NULL, NULL, &err);
    if (rc == 0) {
        fprintf(stderr, "kefu %s: uploaded to the database\n", cmd);
        return 0;
    }
    fprintf(stderr,
            "kefu %s: %s\nkefu %s: the result waits in %s/.outbox; kefu sync %s uploads it\n", cmd,
            err.msg, cmd, dir, dir);
    return 1;
}

int cli_db_missing(const char *cmd)
{
    if (db_available())
        return 0;
    fprintf(stderr, "kefu %s: %s\n", cmd, DB_NONE_MESSAGE);
    return 1;
}

int cli_overview(const Dest *dest, const ReportOptions *opt, const char *path)
{
    KefuError err = {{0}};
    Db *db = db_connect(dest->url, dest->timeout_s, &err);
    if (!db) {
        fprintf(stderr, "kefu report: %s\n", err.msg);
        return EXIT_BAD_INPUT;
    }
    AtomicFile *af = atomicfile_open(path, &err);
    if (!af) {
        fprintf(stderr, "kefu report: %s\n", err.msg);
        db_close(db);
        return EXIT_BAD_INPUT;
    }
    long n = dboverview_write_html(db, opt, atomicfile_stream(af), &err);
    db_close(db);
    if (n <= 0) {
        atomicfile_abort(af);
        if (n == 0)
            fprintf(stderr, "kefu report: no session in the database matches the filters\n");
        else
            fprintf(stderr, "kefu report: %s: %s\n", path, err.msg);
        return EXIT_BAD_INPUT;
    }
    if (atomicfile_commit(af, 1, -1, &err) != 0) {
        fprintf(stderr, "kefu report: %s\n", err.msg);
        return EXIT_BAD_INPUT;
    }
    printf("HTML: %s (总览, 会话 %ld 场, 由数据库汇总)\n", path, n);
    return EXIT_OK;
}
