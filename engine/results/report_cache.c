/* report_cache: report_check's findings kept between runs, keyed by the SHA-256 of each file. */
#include "results/report_cache.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "base/atomicfile.h"
#include "base/platform.h"

#define MAX_ENTRIES 500000 /* beyond this, older entries are dropped at the save */

typedef struct Entry {
    unsigned char key[REPORT_CACHE_KEY];
    ReportCheck check;
    int used;
} Entry;

struct ReportCache {
    char *path;
    char context[65];
    Entry *table; /* open addressing, capacity a power of two; only load fills it */
    size_t cap, n;
    Entry *fresh; /* this run's, in the order put */
    size_t nfresh, capfresh;
};

int report_cache_default_path(char *buf, size_t size)
{
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char appdata[1024];
    int n;
    if (plat_appdata_dir(appdata, sizeof appdata) == 0) /* Windows: %APPDATA%\kefu */
        n = snprintf(buf, size, "%s/report-checks", appdata);
    else if (xdg && xdg[0])
        n = snprintf(buf, size, "%s/kefu/report-checks", xdg);
    else if (home && home[0])
        n = snprintf(buf, size, "%s/.cache/kefu/report-checks", home);
    else
        return -1;
    return n > 0 && (size_t)n < size ? 0 : -1;
}

static void hex_of(const unsigned char *d, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[d[i] >> 4];
        out[2 * i + 1] = digits[d[i] & 15];
    }
    out[2 * n] = 0;
}

/* One field with its length, so no two different contexts share an input. */
static void field(struct sha256_ctx *ctx, const char *s, size_t n)
{
    char len[32];
    int k = snprintf(len, sizeof len, "%zu:", n);
    sha256_update(ctx, (size_t)k, (const uint8_t *)len);
    sha256_update(ctx, n, (const uint8_t *)s);
}

int report_cache_context(const Rubric *rubric, char hex[65])
{
    struct sha256_ctx ctx;
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_init(&ctx);
    field(&ctx, REPORT_CACHE_SCHEMA, strlen(REPORT_CACHE_SCHEMA));
    field(&ctx, KEFU_VERSION, strlen(KEFU_VERSION));
    if (rubric) {
        const char *path = rubric_path(rubric), *v = rubric_version(rubric);
        const char *mv = rubric_model_version(rubric);
        size_t len = 0;
        KefuError err;
        char *text = path ? kerr_read_file(path, &len, &err) : NULL;
        if (!text)
            return -1;
        field(&ctx, v ? v : "", v ? strlen(v) : 0);
        field(&ctx, mv ? mv : "", mv ? strlen(mv) : 0);
        field(&ctx, text, len);
        free(text);
    }
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, d);
    hex_of(d, SHA256_DIGEST_SIZE, hex);
    return 0;
}

void report_cache_key(const char *buf, size_t len, unsigned char key[REPORT_CACHE_KEY])
{
    struct sha256_ctx ctx;
    sha256_init(&ctx);
    sha256_update(&ctx, len, (const uint8_t *)buf);
    sha256_digest(&ctx, SHA256_DIGEST_SIZE, key);
}

/* ---- The table ------------------------------------------------------------------------------ */

static size_t slot_of(const ReportCache *c, const unsigned char *key)
{
    uint64_t h;
    memcpy(&h, key, sizeof h); /* a SHA-256 is spread evenly already */
    return (size_t)h & (c->cap - 1);
}

static Entry *find(const ReportCache *c, const unsigned char *key)
{
    if (!c->cap)
        return NULL;
    for (size_t i = slot_of(c, key);; i = (i + 1) & (c->cap - 1)) {
        Entry *e = &c->table[i];
        if (!e->used || memcmp(e->key, key, REPORT_CACHE_KEY) == 0)
            return e;
    }
}

/* Adds an entry read from the file (the table has room: load sized it). */
static void insert(ReportCache *c, const unsigned char *key, const ReportCheck *check)
{
    Entry *e = find(c, key);
    if (!e->used)
        c->n++;
    memcpy(e->key, key, REPORT_CACHE_KEY);
    e->check = *check;
    e->used = 1;
}

static int unhex(const char *s, unsigned char *out, size_t n)
{
    for (size_t i = 0; i < 2 * n; i++) {
        int v = s[i] >= '0' && s[i] <= '9'   ? s[i] - '0'
                : s[i] >= 'a' && s[i] <= 'f' ? s[i] - 'a' + 10
                                             : -1;
        if (v < 0)
            return -1;
        out[i / 2] = (unsigned char)(i % 2 ? (out[i / 2] << 4) | v : v);
    }
    return 0;
}

/* Reads the entries of text (the whole file) into c. Returns 0, or -1 when the file is not a
 * cache made under c->context (then c is left empty). */
static int parse(ReportCache *c, char *text, size_t len)
{
    char head[200];
    snprintf(head, sizeof head, "%s %s\n", REPORT_CACHE_SCHEMA, c->context);
    size_t hl = strlen(head);
    if (len < hl || memcmp(text, head, hl) != 0)
        return -1;
    size_t lines = 0;
    for (size_t i = hl; i < len; i++)
        lines += text[i] == '\n';
    c->cap = 64;
    while (c->cap < 2 * lines + 2)
        c->cap *= 2;
    if (!(c->table = calloc(c->cap, sizeof *c->table)))
        return -1;
    for (char *line = text + hl, *end = text + len, *next; line < end; line = next) {
        next = memchr(line, '\n', (size_t)(end - line));
        if (!next)
            return -1; /* a last line cut short: not a file save wrote */
        *next++ = 0;
        unsigned char key[REPORT_CACHE_KEY];
        ReportCheck k;
        int used = 0;
        if (strlen(line) < 2 * REPORT_CACHE_KEY + 1 || line[2 * REPORT_CACHE_KEY] != ' ' ||
            unhex(line, key, REPORT_CACHE_KEY) != 0 ||
            sscanf(line + 2 * REPORT_CACHE_KEY, " %d %d %d %d%n", &k.flags, &k.rescored, &k.exam,
                   &k.recorded, &used) != 4 ||
            line[2 * REPORT_CACHE_KEY + used] != 0)
            return -1;
        insert(c, key, &k);
    }
    return 0;
}

ReportCache *report_cache_load(const char *path, const char context[65])
{
    ReportCache *c = calloc(1, sizeof *c);
    if (!c || !(c->path = strdup(path))) {
        free(c);
        return NULL;
    }
    snprintf(c->context, sizeof c->context, "%s", context);
    size_t len = 0;
    KefuError err;
    char *text = kerr_read_file(path, &len, &err);
    if (text && parse(c, text, len) != 0) {
        free(c->table); /* damaged or another context: start empty */
        c->table = NULL;
        c->cap = c->n = 0;
    }
    free(text);
    return c;
}

void report_cache_destroy(ReportCache *c)
{
    if (!c)
        return;
    free(c->path);
    free(c->table);
    free(c->fresh);
    free(c);
}

int report_cache_get(const ReportCache *c, const unsigned char key[REPORT_CACHE_KEY],
                     ReportCheck *out)
{
    const Entry *e = find(c, key);
    if (!e || !e->used)
        return 0;
    *out = e->check;
    return 1;
}

int report_cache_put(ReportCache *c, const unsigned char key[REPORT_CACHE_KEY],
                     const ReportCheck *check)
{
    if (c->nfresh == c->capfresh) {
        size_t ncap = c->capfresh ? 2 * c->capfresh : 256;
        Entry *v = realloc(c->fresh, ncap * sizeof *v);
        if (!v)
            return -1;
        c->fresh = v;
        c->capfresh = ncap;
    }
    Entry *e = &c->fresh[c->nfresh++];
    memcpy(e->key, key, REPORT_CACHE_KEY);
    e->check = *check;
    e->used = 1;
    return 0;
}

/* ---- Saving --------------------------------------------------------------------------------- */

#define make_dir(d) plat_mkdir((d), 0700) /* HR's own cache: nobody else's to read */

/* Makes the folders of path's folder part, as mkdir -p. */
static void make_parents(const char *path)
{
    char dir[4096];
    atomicfile_dirname(path, dir, sizeof dir);
    for (char *p = dir + 1; *p; p++) {
        if (!plat_is_sep((unsigned char)*p))
            continue;
        char sep = *p;
        *p = 0;
        make_dir(dir);
        *p = sep;
    }
    make_dir(dir);
}

static void write_entry(FILE *f, const Entry *e)
{
    char hex[2 * REPORT_CACHE_KEY + 1];
    hex_of(e->key, REPORT_CACHE_KEY, hex);
    fprintf(f, "%s %d %d %d %d\n", hex, e->check.flags, e->check.rescored, e->check.exam,
            e->check.recorded);
}

/* Moves this run's entries into the table once saved, so a later save (another folder of the
 * same report) writes them once; out of memory they stay where they are. */
static void merge(ReportCache *c)
{
    size_t cap = 64;
    while (cap < 2 * (c->n + c->nfresh) + 2)
        cap *= 2;
    Entry *old = c->table;
    size_t oldcap = c->cap;
    if (!(c->table = calloc(cap, sizeof *c->table))) {
        c->table = old;
        return;
    }
    c->cap = cap;
    c->n = 0;
    for (size_t i = 0; i < oldcap; i++)
        if (old[i].used)
            insert(c, old[i].key, &old[i].check);
    for (size_t i = 0; i < c->nfresh; i++)
        insert(c, c->fresh[i].key, &c->fresh[i].check);
    c->nfresh = 0;
    free(old);
}

int report_cache_save(ReportCache *c, KefuError *err)
{
    if (!c->nfresh)
        return 0;
    make_parents(c->path);
    AtomicFile *af = atomicfile_open(c->path, err);
    if (!af)
        return -1;
    FILE *f = atomicfile_stream(af);
    fprintf(f, "%s %s\n", REPORT_CACHE_SCHEMA, c->context);
    /* The new entries first (each was missing from the loaded ones), then as many loaded ones
     * as fit. */
    for (size_t i = 0; i < c->nfresh; i++)
        write_entry(f, &c->fresh[i]);
    size_t room = c->nfresh < MAX_ENTRIES ? MAX_ENTRIES - c->nfresh : 0;
    for (size_t i = 0; i < c->cap && room > 0; i++) {
        const Entry *e = &c->table[i];
        if (!e->used)
            continue;
        write_entry(f, e);
        room--;
    }
    if (ferror(f)) {
        kerr_set(err, "%s: cannot write: %s", c->path, strerror(errno));
        atomicfile_abort(af);
        return -1;
    }
    if (atomicfile_commit(af, 1, 0600, err) != 0) /* HR's own: nobody else's to read */
        return -1;
    merge(c);
    return 0;
}
