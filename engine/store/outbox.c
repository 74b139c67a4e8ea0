/* outbox: the folder of results not yet in the database, and the sync that empties it. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomicfile.h"
#include "base/platform.h"
#include "results/schema.h"
#include "store/outbox.h"

#define OUTBOX ".outbox"
#define REJECTED ".outbox/rejected"

static const char *base_name(const char *path)
{
    const char *s = plat_last_sep(path);
    return s ? s + 1 : path;
}

static int is_json_name(const char *name)
{
    size_t n = strlen(name);
    return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".json") == 0;
}

/* ------------------------------------------------------------------------ adding */

int outbox_add(const char *results_dir, const char *result_path, KefuError *err)
{
    char dir[4200], target[4400];
    snprintf(dir, sizeof dir, "%s/" OUTBOX, results_dir);
    if (atomicfile_mkdirs(dir, err) < 0)
        return -1;
    snprintf(target, sizeof target, "%s/%s", dir, base_name(result_path));
    if (plat_link(result_path, target) != 0) {
        if (errno == EEXIST)
            return 0;
        /* No hard links here (another file system, a file system without them): a copy. */
        size_t len;
        char *text = kerr_read_file(result_path, &len, err);
        if (!text)
            return -1;
        int rc = atomicfile_create(target, text, len, err);
        free(text);
        if (rc == ATOMICFILE_EXISTS)
            return 0;
        return rc < 0 ? -1 : 0;
    }
    return atomicfile_sync_dir(dir, err);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of *.json in dir, sorted (caller frees each and the array). -1 with errno. */
static int list_json(const char *dir, char ***out)
{
    *out = NULL;
    PlatDir *d = plat_opendir(dir);
    if (!d)
        return -1;
    char **names = NULL;
    int n = 0, cap = 0;
    const char *name;
    while ((name = plat_readdir(d))) {
        if (!is_json_name(name))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **grown = realloc(names, (size_t)cap * sizeof *names);
            if (!grown)
                goto oom;
            names = grown;
        }
        if (!(names[n] = strdup(name)))
            goto oom;
        n++;
    }
    plat_closedir(d);
    /* Ids start with their UTC time, so name order is the order the sessions ran. */
    if (n > 1)
        qsort(names, (size_t)n, sizeof *names, by_name);
    *out = names;
    return n;
oom:
    plat_closedir(d);
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
    errno = ENOMEM;
    return -1;
}

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

int outbox_add_all(const char *results_dir, KefuError *err)
{
    char **names;
    int n = list_json(results_dir, &names);
    if (n < 0) {
        kerr_set(err, "%s: cannot read the folder: %s", results_dir, strerror(errno));
        return -1;
    }
    int added = 0;
    for (int i = 0; i < n; i++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", results_dir, names[i]);
        if (outbox_add(results_dir, path, err) < 0) {
            free_names(names, n);
            return -1;
        }
        added++;
    }
    free_names(names, n);
    return added;
}

int outbox_count(const char *results_dir)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/" OUTBOX, results_dir);
    char **names;
    int n = list_json(dir, &names);
    if (n < 0)
        return errno == ENOENT ? 0 : -1;
    free_names(names, n);
    return n;
}

/* ------------------------------------------------------------------------ syncing */

#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void
notef(OutboxNoteFn note, void *ud, const char *fmt, ...)
{
    if (!note)
        return;
    char msg[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    note(ud, msg);
}

/* Moves a file the database will not take into .outbox/rejected/ (kept, out of the way). */
static int reject(const char *results_dir, const char *path, const char *name, KefuError *err)
{
    char dir[4200], target[4400];
    snprintf(dir, sizeof dir, "%s/" REJECTED, results_dir);
    if (atomicfile_mkdirs(dir, err) < 0)
        return -1;
    snprintf(target, sizeof target, "%s/%s", dir, name);
    if (plat_rename(path, target) != 0) {
        kerr_set(err, "%s: cannot move to %s: %s", path, dir, strerror(errno));
        return -1;
    }
    return atomicfile_sync_dir(dir, err);
}

int outbox_sync(const char *results_dir, Db *db, OutboxNoteFn note, void *ud, OutboxTally *tally,
                KefuError *err)
{
    char dir[4200];
    snprintf(dir, sizeof dir, "%s/" OUTBOX, results_dir);
    memset(tally, 0, sizeof *tally);
    char **names;
    int n = list_json(dir, &names);
    if (n < 0) {
        if (errno == ENOENT)
            return 0;
        kerr_set(err, "%s: cannot read the folder: %s", dir, strerror(errno));
        return -1;
    }
    SchemaReader *rd = schema_reader_create();
    if (!rd) {
        free_names(names, n);
        kerr_set(err, "out of memory");
        return -1;
    }
    int stop = 0, rc = 0;
    KefuError first = {{0}};
    for (int i = 0; i < n && !stop; i++) {
        char path[4400];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        KefuError why = {{0}};
        char *text = kerr_read_file(path, &len, &why);
        const ResultSummary *s = NULL;
        int up;
        if (!text && !plat_exists(path))
            continue; /* another sync (the app, a second kefu sync) took it meanwhile */
        if (!text) {
            up = DB_FAILED;
        } else if (schema_read_buffer(rd, path, text, len, 0, &s, &why) != 0 || !s->id) {
            if (s && !s->id)
                kerr_set(&why, "%s: no \"id\"", path);
            up = DB_CONFLICT;
        } else {
            up = db_upload(db, s->id, text, len, &why);
        }
        free(text);
        if (up == DB_UPLOADED || up == DB_ALREADY) {
            /* The database has it: only now may the mark go. */
            if ((plat_unlink(path) != 0 && errno != ENOENT) || atomicfile_sync_dir(dir, &why) < 0) {
                notef(note, ud, "%s: uploaded, but cannot clear the mark: %s", names[i],
                      strerror(errno));
            } else {
                up == DB_UPLOADED ? tally->uploaded++ : tally->already++;
                notef(note, ud, "%s: %s", names[i],
                      up == DB_UPLOADED ? "uploaded" : "already in the database");
            }
            continue;
        }
        if (up == DB_CONFLICT) {
            KefuError mv;
            if (reject(results_dir, path, names[i], &mv) == 0)
                tally->rejected++;
            notef(note, ud, "%s (kept in " REJECTED ")", why.msg);
        } else {
            notef(note, ud, "%s: %s", names[i], why.msg);
            stop = 1;
        }
        if (!first.msg[0])
            first = why;
    }
    schema_reader_destroy(rd);
    free_names(names, n);
    tally->waiting = outbox_count(results_dir);
    if (tally->waiting != 0 || tally->rejected) {
        *err = first;
        rc = 1;
    }
    return rc;
}

int outbox_deliver(const char *results_dir, const char *result_path, const char *url, int timeout_s,
                   OutboxNoteFn note, void *ud, KefuError *err)
{
    if (result_path && outbox_add(results_dir, result_path, err) < 0)
        return -1;
    Db *db = db_connect(url, timeout_s, err);
    if (!db)
        return 1;
    OutboxTally t;
    int rc = outbox_sync(results_dir, db, note, ud, &t, err);
    db_close(db);
    return rc < 0 ? 1 : rc;
}
