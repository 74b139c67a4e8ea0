/* report_read: a folder's results files found in path order and read by a few threads; each
 * thread reads every threads-th file into one of its two slots, and the calling thread takes the
 * slots back in path order. */
#include "results/report_read.h"

#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "results/review.h"

#include "base/platform.h"

#define MAX_THREADS 16
#define SLOTS 2 /* per thread: one being read while the other waits to be taken */

/* ======================================================================================== */
/* Finding the files                                                                        */
/* ======================================================================================== */

typedef struct PathList {
    char **v;
    int n, cap;
} PathList;

static void paths_free(PathList *l)
{
    for (int i = 0; i < l->n; i++)
        free(l->v[i]);
    free(l->v);
}

static int ends_with_json(const char *name)
{
    size_t n = strlen(name);
    return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static int paths_add(PathList *l, char *p)
{
    if (l->n == l->cap) {
        int ncap = l->cap ? l->cap * 2 : 256;
        char **v = realloc(l->v, (size_t)ncap * sizeof *v);
        if (!v)
            return -1;
        l->v = v;
        l->cap = ncap;
    }
    l->v[l->n++] = p;
    return 0;
}

/* Collects dir's *.json files and recurses into its folders. Hidden entries (".x") are left
 * alone: editors' and tools' droppings, not results. */
static int collect(const char *dir, PathList *out, PathList *reviews, int depth,
                   ReportReadWarnFn warn, void *ud)
{
    PlatDir *d = plat_opendir(dir);
    if (!d) {
        /* Out of memory (or of file descriptors) is no reason to pass over a sub-folder: the
         * report would quietly miss its sessions. */
        int why = errno;
        if (why == ENOMEM || why == EMFILE || why == ENFILE)
            return -1;
        if (warn) {
            char msg[1200];
            snprintf(msg, sizeof msg, "%s: cannot read folder: %s", dir, strerror(why));
            warn(ud, msg);
        }
        errno = why;
        return depth == 0 ? -1 : 0;
    }
    const char *name;
    int rc = 0;
    for (;;) {
        errno = 0;
        if (!(name = plat_readdir(d))) {
            rc = errno ? -1 : 0; /* a folder read part way is not the folder */
            break;
        }
        if (name[0] == '.')
            continue;
        size_t need = strlen(dir) + strlen(name) + 2;
        char *p = malloc(need);
        if (!p) {
            rc = -1;
            break;
        }
        snprintf(p, need, "%s%s%s", dir, dir[0] && plat_is_sep(dir[strlen(dir) - 1]) ? "" : "/",
                 name);
        PlatStat st;
        if (plat_lstat(p, &st) != 0) {
            free(p);
            if (errno == ENOMEM) {
                rc = -1;
                break;
            }
            continue; /* gone since readdir listed it */
        }
        if (S_ISDIR(st.mode)) {
            if (depth < 64 && collect(p, out, reviews, depth + 1, warn, ud) < 0)
                rc = -1;
            free(p);
            if (rc)
                break;
            continue;
        }
        int review = strcmp(name, REVIEW_FILE) == 0;
        if (!(review || ends_with_json(name)) || !(S_ISREG(st.mode) || S_ISLNK(st.mode))) {
            free(p);
            continue;
        }
        if (paths_add(review ? reviews : out, p) != 0) {
            free(p);
            rc = -1;
            break;
        }
    }
    plat_closedir(d);
    return rc;
}

static int cmp_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ======================================================================================== */
/* Reading with threads                                                                     */
/* ======================================================================================== */

/* ---- cJSON's nodes from an arena ----------------------------------------------------------
 * Parsing a results file makes a node and a string for every value, a few thousand mallocs and
 * frees a file. While a reading thread parses, they come from its arena instead, bumped and
 * dropped at once; any other allocation (another thread's, or the same thread's outside the
 * parse) goes to malloc as before. */

typedef struct ArenaBlock {
    struct ArenaBlock *next;
    size_t used, cap;
    max_align_t data[];
} ArenaBlock;

typedef struct Arena {
    ArenaBlock *head;
} Arena;

static _Thread_local Arena *parse_arena; /* set only around a parse */

static void *arena_malloc(size_t n)
{
    Arena *a = parse_arena;
    if (!a)
        return malloc(n);
    n = (n + sizeof(max_align_t) - 1) / sizeof(max_align_t) * sizeof(max_align_t);
    ArenaBlock *b = a->head;
    if (!b || b->cap - b->used < n) {
        size_t cap = n > (1u << 20) ? n : (1u << 20);
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->used = 0;
        b->cap = cap;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

static void arena_free(void *p)
{
    Arena *a = parse_arena;
    for (ArenaBlock *b = a ? a->head : NULL; b; b = b->next)
        if ((char *)p >= (char *)b->data && (char *)p < (char *)b->data + b->cap)
            return; /* dropped with the arena */
    free(p);
}

/* Empties the arena for the next file, keeping its largest block. */
static void arena_reset(Arena *a)
{
    ArenaBlock *keep = a->head;
    for (ArenaBlock *b = a->head; b; b = b->next)
        if (b->cap > keep->cap)
            keep = b;
    for (ArenaBlock *b = a->head, *next; b; b = next) {
        next = b->next;
        if (b != keep)
            free(b);
    }
    if (keep) {
        keep->used = 0;
        keep->next = NULL;
    }
    a->head = keep;
}

static void arena_destroy(Arena *a)
{
    for (ArenaBlock *b = a->head, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    a->head = NULL;
}

/* ---- The pool ------------------------------------------------------------------------------ */

typedef struct Slot {
    SchemaReader *rd;
    int file; /* the file it holds, ready to be taken; -1 when free */
    ReportItem item;
} Slot;

typedef struct Pool Pool;

typedef struct Worker {
    Pool *pool;
    int id;
    pthread_t th;
    int started;
    Arena arena;
    Slot slot[SLOTS];
} Worker;

struct Pool {
    char **paths;
    int n, nthreads, texts;
    const ReportReadHooks *hooks;
    pthread_mutex_t mu;
    pthread_cond_t cv; /* any slot filled or freed, or stop */
    int stop;
    Worker w[MAX_THREADS];
};

/* Reads file i into slot on thread id: schema, then the prepare hook. */
static void read_one(Pool *p, int id, int i, Slot *slot)
{
    ReportItem *it = &slot->item;
    memset(it, 0, sizeof *it);
    it->path = p->paths[i];
    parse_arena = &p->w[id].arena;
    it->rc = schema_read_file(slot->rd, it->path, p->texts, &it->s, &it->why);
    parse_arena = NULL;
    arena_reset(&p->w[id].arena);
    if (it->rc == 0 && p->hooks->prepare && p->hooks->prepare(p->hooks->ud, id, it, &it->why) != 0)
        it->rc = SCHEMA_OOM; /* the hook's failure stops the reading like running out */
}

static void *worker_main(void *arg)
{
    Worker *w = arg;
    Pool *p = w->pool;
    for (int i = w->id, k = 0; i < p->n; i += p->nthreads, k++) {
        Slot *slot = &w->slot[k % SLOTS];
        pthread_mutex_lock(&p->mu);
        while (slot->file >= 0 && !p->stop)
            pthread_cond_wait(&p->cv, &p->mu);
        int stop = p->stop;
        pthread_mutex_unlock(&p->mu);
        if (stop)
            break;
        read_one(p, w->id, i, slot);
        pthread_mutex_lock(&p->mu);
        slot->file = i;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    return NULL;
}

/* Hands file i, once its thread has read it, to the take hook. Returns 0 or -1 (err). */
static int take_next(Pool *p, int i, KefuError *err)
{
    Worker *w = &p->w[i % p->nthreads];
    Slot *slot = &w->slot[i / p->nthreads % SLOTS];
    if (p->nthreads == 1) {
        read_one(p, 0, i, slot);
    } else {
        pthread_mutex_lock(&p->mu);
        while (slot->file != i)
            pthread_cond_wait(&p->cv, &p->mu);
        pthread_mutex_unlock(&p->mu);
    }
    ReportItem *it = &slot->item;
    int rc = p->hooks->take(p->hooks->ud, it, err);
    if (p->nthreads > 1) {
        pthread_mutex_lock(&p->mu);
        slot->file = -1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    return rc;
}

/* Reads paths[0..n) through the hooks. Returns 0, or -1 with err. */
static int read_all(char **paths, int n, int threads, int texts, const ReportReadHooks *hooks,
                    KefuError *err)
{
    Pool *p = calloc(1, sizeof *p);
    int rc = -1, sync = 0;
    if (!p) {
        kerr_set(err, "report: out of memory");
        return -1;
    }
    p->paths = paths;
    p->n = n;
    p->texts = texts;
    p->hooks = hooks;
    p->nthreads = threads < 1 ? 1 : threads > MAX_THREADS ? MAX_THREADS : threads;
    if (p->nthreads > n)
        p->nthreads = n > 0 ? n : 1;
    for (int t = 0; t < p->nthreads; t++) {
        p->w[t].pool = p;
        p->w[t].id = t;
        for (int k = 0; k < SLOTS; k++) {
            p->w[t].slot[k].file = -1;
            if (!(p->w[t].slot[k].rd = schema_reader_create())) {
                kerr_set(err, "report: out of memory");
                goto done;
            }
        }
    }
    cJSON_Hooks arena_hooks = {arena_malloc, arena_free};
    cJSON_InitHooks(&arena_hooks);
    if (p->nthreads > 1) {
        if (pthread_mutex_init(&p->mu, NULL) != 0 || pthread_cond_init(&p->cv, NULL) != 0) {
            kerr_set(err, "report: cannot start the reading threads");
            goto done;
        }
        sync = 1;
        for (int t = 0; t < p->nthreads; t++) {
            if (pthread_create(&p->w[t].th, NULL, worker_main, &p->w[t]) != 0) {
                kerr_set(err, "report: cannot start a reading thread");
                goto done;
            }
            p->w[t].started = 1;
        }
    }
    for (int i = 0; i < n; i++)
        if (take_next(p, i, err) != 0)
            goto done;
    rc = 0;
done:
    if (sync) {
        pthread_mutex_lock(&p->mu);
        p->stop = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    for (int t = 0; t < p->nthreads; t++) {
        if (p->w[t].started)
            pthread_join(p->w[t].th, NULL);
        for (int k = 0; k < SLOTS; k++)
            schema_reader_destroy(p->w[t].slot[k].rd);
        arena_destroy(&p->w[t].arena);
    }
    cJSON_InitHooks(NULL);
    if (sync) {
        pthread_cond_destroy(&p->cv);
        pthread_mutex_destroy(&p->mu);
    }
    free(p);
    return rc;
}

int report_read_dir(const char *dir, int threads, int texts, const ReportReadHooks *hooks,
                    ReportReadWarnFn warn, void *warn_ud, KefuError *err)
{
    PathList l = {0}, rv = {0};
    PlatStat st;
    if (plat_stat(dir, &st) != 0) {
        kerr_set(err, "%s: %s", dir, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.mode)) {
        kerr_set(err, "%s: not a folder", dir);
        return -1;
    }
    int rc = -1;
    if (collect(dir, &l, &rv, 0, warn, warn_ud) != 0) {
        kerr_set(err, "%s: cannot read the folder: %s", dir, strerror(errno ? errno : ENOMEM));
        goto done;
    }
    if (l.n)
        qsort(l.v, (size_t)l.n, sizeof *l.v, cmp_paths);
    if (rv.n)
        qsort(rv.v, (size_t)rv.n, sizeof *rv.v, cmp_paths);
    for (int i = 0; hooks->reviews && i < rv.n; i++)
        if (hooks->reviews(hooks->ud, rv.v[i], err) != 0)
            goto done;
    rc = hooks->take ? read_all(l.v, l.n, threads, texts, hooks, err) : 0;
done:;
    int n = l.n;
    paths_free(&l);
    paths_free(&rv);
    return rc == 0 ? n : -1;
}
