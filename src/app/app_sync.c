/* app_sync: uploading the app's results to the shared database, and the line that says so. */
#include <stdio.h>
#include <string.h>

#include "app_sync.h"
#include "store/dest.h"
#include "store/outbox.h"

static const char *flag_url;
static char status[600];

void app_sync_set_url(const char *url)
{
    flag_url = url;
}

void app_sync(const char *results_dir, const char *result_path)
{
    Dest dest;
    KefuError err = {{0}};
    int has = dest_resolve(flag_url, &dest, &err);
    if (has <= 0) {
        if (has < 0)
            snprintf(status, sizeof status, "成绩只保存在本机：%.400s", err.msg);
        return;
    }
    if (!result_path && outbox_count(results_dir) <= 0) {
        snprintf(status, sizeof status, "成绩已同步到数据库");
        return;
    }
    int rc = outbox_deliver(results_dir, result_path, dest.url, dest.timeout_s ? dest.timeout_s : 5,
                            NULL, NULL, &err);
    int waiting = outbox_count(results_dir);
    /* The screen has room for a short line; the reason goes to stderr. */
    if (rc == 0) {
        snprintf(status, sizeof status, "成绩已同步到数据库");
        fprintf(stderr, "kefu play: %s\n", status);
    } else {
        snprintf(status, sizeof status, "已保存在本机，%d 份待同步到数据库",
                 waiting > 0 ? waiting : 1);
        fprintf(stderr, "kefu play: %s: %s\n", status, err.msg);
    }
}

const char *app_sync_status(void)
{
    return status[0] ? status : NULL;
}
