/* cli_db: uploading a freshly written result, for kefu run (the app has its own screen). */
#include <stdio.h>

#include "cli_db.h"
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
