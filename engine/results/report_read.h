/* report_read: finding a folder's results files and reading them, with several threads, each
 * file's summary handed to the caller in path order, so what is made of them does not depend on
 * the number of threads. Knows nothing of what the caller makes of a summary. */
#ifndef KEFU_REPORT_READ_H
#define KEFU_REPORT_READ_H

#include "base/kerr.h"
#include "results/report_check.h"
#include "results/schema.h"

/* One file as a reading thread left it. */
typedef struct ReportItem {
    const char *path;
    int rc;                 /* schema_read_file's: 0, SCHEMA_BAD or SCHEMA_OOM */
    const ResultSummary *s; /* rc == 0: borrowed until the take hook returns */
    KefuError why;          /* rc != 0: why the file was skipped */
    int checked;            /* the prepare hook checked the file: check holds what it found */
    ReportCheck check;
    int fresh;                /* the check was made now, not found in a cache: key is its key */
    unsigned char key[32];
} ReportItem;

typedef struct ReportReadHooks {
    void *ud;
    /* Called on the reading thread (thread is 0 .. threads-1, the same thread for every file it
     * reads, so a thread may keep state of its own), after the file was read: may check it and
     * set checked. Returns 0, or -1 to stop reading (why filled). May be NULL. */
    int (*prepare)(void *ud, int thread, ReportItem *it, KefuError *why);
    /* Called on the calling thread for every file, in path order. Returns 0 to go on, or -1 to
     * stop reading (why filled). NULL: the results files are found but not read. */
    int (*take)(void *ud, ReportItem *it, KefuError *why);
    /* Called on the calling thread for every reviews file (REVIEW_FILE, results/review.h)
     * found, in path order, before any results file is read. Returns 0 to go on, or -1 to stop
     * (why filled). May be NULL. */
    int (*reviews)(void *ud, const char *path, KefuError *why);
} ReportReadHooks;

/* Receives one warning, "path: reason" (a folder that cannot be read). */
typedef void (*ReportReadWarnFn)(void *ud, const char *msg);

/* Finds every file named *.json (and every reviews file) below dir, recursively (hidden entries
 * and symbolic links to folders are left alone), sorts the paths, hands the reviews files to
 * their hook and reads each results file with schema_read_file (texts as
 * given), threads at a time (1 or less: on the calling thread alone), handing each to the
 * hooks. Memory stays flat: each thread holds two files at most. While it reads, cJSON's
 * allocation hooks (cJSON_InitHooks) take each parse's nodes from the reading thread's arena
 * and send every other allocation to malloc as before; they are put back to the defaults at
 * the end, so nothing else may set them meanwhile. Returns the number of *.json
 * files found, or -1 with err when dir cannot be read, memory or a thread runs out, or a hook
 * stopped the reading (err is then the hook's why). */
int report_read_dir(const char *dir, int threads, int texts, const ReportReadHooks *hooks,
                    ReportReadWarnFn warn, void *warn_ud, KefuError *err);

#endif
