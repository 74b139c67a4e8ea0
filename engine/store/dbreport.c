/* dbreport: the report's rows streamed from the database. */
#include <stdio.h>
#include <string.h>

#include "store/dbreport.h"

typedef struct Feed {
    Report *r;
    ReportWarnFn warn;
    void *ud;
    int fatal;
    KefuError why;
} Feed;

static int feed_row(void *ud, const char *id, const char *json, size_t len)
{
    Feed *f = ud;
    char path[600];
    snprintf(path, sizeof path, "%s.json", id);
    KefuError why = {{0}};
    if (report_add_buffer(f->r, path, json, len, &why) < 0) {
        /* A skipped row is reported like a skipped file; out of memory stops the stream. */
        if (strstr(why.msg, "out of memory")) {
            f->fatal = 1;
            f->why = why;
            return 1;
        }
        if (f->warn)
            f->warn(f->ud, why.msg);
    }
    return 0;
}

long dbreport_add(Report *r, Db *db, const ReportOptions *opt, ReportWarnFn warn, void *ud,
                  KefuError *err)
{
    DbFilter f = {0};
    if (opt) {
        f.trainees = opt->trainees;
        f.ntrainees = opt->ntrainees;
        f.scenario = opt->scenario;
        /* "auto" is decided by the report over what it read, so both modes are read. */
        if (opt->mode && (strcmp(opt->mode, "exam") == 0 || strcmp(opt->mode, "practice") == 0))
            f.mode = opt->mode;
        f.since = opt->since;
        f.has_since = opt->has_since;
        f.until = opt->until;
        f.has_until = opt->has_until;
    }
    Feed feed = {.r = r, .warn = warn, .ud = ud};
    long n = db_each_result(db, &f, feed_row, &feed, err);
    if (n >= 0 && feed.fatal) {
        *err = feed.why;
        return -1;
    }
    return n;
}
