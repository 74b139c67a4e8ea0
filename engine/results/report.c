/* report: HR's aggregate over a folder of results files: each file read through schema, kept
 * or left out by the filters, and kept as one summary row. report_stats.c computes the figures
 * from the rows; report_term.c, report_csv.c and report_html.c write them. */
#include "results/report.h"

#include <assert.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "base/date.h"
#include "judge/standards.h"
#include "results/report_check.h"
#include "results/report_data.h"

#define MAX_SKIP_NOTES 200 /* skip reasons kept for the HTML page */

/* ======================================================================================== */
/* Small containers: an arena for strings, a string→index map                               */
/* ======================================================================================== */

struct ArenaBlock {
    struct ArenaBlock *next;
    size_t used, cap;
    char data[];
};

static void arena_free(ArenaBlock **head)
{
    ArenaBlock *b = *head;
    while (b) {
        ArenaBlock *next = b->next;
        free(b);
        b = next;
    }
    *head = NULL;
}

/* Copies s[0..n) plus a NUL into the arena; NULL out of memory. */
static const char *arena_strndup(ArenaBlock **head, const char *s, size_t n)
{
    ArenaBlock *b = *head;
    if (!b || b->cap - b->used < n + 1) {
        size_t cap = n + 1 > 60000 ? n + 1 : 60000;
        b = malloc(sizeof *b + cap);
        if (!b)
            return NULL;
        b->next = *head;
        b->used = 0;
        b->cap = cap;
        *head = b;
    }
    char *p = b->data + b->used;
    memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

static const char *arena_strdup(ArenaBlock **head, const char *s)
{
    return arena_strndup(head, s, strlen(s));
}

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void map_free(StrMap *m)
{
    free(m->keys);
    free(m->vals);
    memset(m, 0, sizeof *m);
}

/* The index of key, or -1. */
static int map_get(const StrMap *m, const char *key)
{
    if (!m->cap)
        return -1;
    for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (!m->keys[i])
            return -1;
        if (strcmp(m->keys[i], key) == 0)
            return m->vals[i];
    }
}

/* Adds key (which must stay valid) with value val; the key must not be present. Returns 0, or
 * -1 out of memory. */
static int map_put(StrMap *m, const char *key, int val)
{
    if ((m->n + 1) * 2 > m->cap) {
        size_t ncap = m->cap ? m->cap * 2 : 64;
        const char **nk = calloc(ncap, sizeof *nk);
        int *nv = calloc(ncap, sizeof *nv);
        if (!nk || !nv) {
            free(nk);
            free(nv);
            return -1;
        }
        for (size_t i = 0; i < m->cap; i++) {
            if (!m->keys[i])
                continue;
            size_t j = hash_str(m->keys[i]) & (ncap - 1);
            while (nk[j])
                j = (j + 1) & (ncap - 1);
            nk[j] = m->keys[i];
            nv[j] = m->vals[i];
        }
        free(m->keys);
        free(m->vals);
        m->keys = nk;
        m->vals = nv;
        m->cap = ncap;
    }
    size_t i = hash_str(key) & (m->cap - 1);
    while (m->keys[i])
        i = (i + 1) & (m->cap - 1);
    m->keys[i] = key;
    m->vals[i] = val;
    m->n++;
    return 0;
}

/* Returns v grown (realloc) to hold at least need elements of size sz, updating *cap; or NULL
 * out of memory, v untouched. */
static void *grow(void *v, int *cap, int need, size_t sz)
{
    if (need <= *cap)
        return v;
    int ncap = *cap ? *cap : 16;
    while (ncap < need)
        ncap *= 2;
    void *nv = realloc(v, (size_t)ncap * sz);
    if (!nv)
        return NULL;
    *cap = ncap;
    return nv;
}

Report *report_create(const ReportOptions *opt, KefuError *err)
{
    Report *r = calloc(1, sizeof *r);
    if (!r) {
        kerr_set(err, "report: out of memory");
        return NULL;
    }
    if (opt)
        r->opt = *opt;
    r->reader = schema_reader_create();
    if (!r->reader) {
        kerr_set(err, "report: out of memory");
        free(r);
        return NULL;
    }
    if (r->opt.html) {
        r->html_tmp = tmpfile();
        if (!r->html_tmp) {
            kerr_set(err, "report: cannot create a temporary file for the HTML drill-down: %s",
                     strerror(errno));
            schema_reader_destroy(r->reader);
            free(r);
            return NULL;
        }
    }
    return r;
}

void report_destroy(Report *r)
{
    if (!r)
        return;
    arena_free(&r->strings);
    free(r->rows);
    free(r->ps);
    map_free(&r->trainee_map);
    free(r->trainee_names);
    map_free(&r->scenario_map);
    free(r->scenarios);
    map_free(&r->principle_map);
    free(r->principles);
    free(r->skip_notes);
    schema_reader_destroy(r->reader);
    if (r->html_tmp)
        fclose(r->html_tmp);
    buf_free(&r->scratch);
    free(r->trainees);
    free(r->trainee_first_row);
    free(r->progress);
    free(r);
}

int report_files_read(const Report *r)
{
    return r->files_read;
}

int report_files_skipped(const Report *r)
{
    return r->files_skipped;
}

int report_session_count(const Report *r)
{
    return r->nrows;
}

/* ======================================================================================== */
/* Reading: one summary row per kept session                                                */
/* ======================================================================================== */

/* Whether the filters keep this session. */
static int keep(const Report *r, const ResultSummary *s)
{
    const ReportOptions *o = &r->opt;
    if (o->ntrainees > 0) {
        int found = 0;
        for (int i = 0; i < o->ntrainees && !found; i++)
            found = strcmp(o->trainees[i], s->trainee) == 0;
        if (!found)
            return 0;
    }
    if (o->scenario && strcmp(o->scenario, s->scenario_id) != 0)
        return 0;
    /* "all" and "auto" keep both here; "auto" is decided in report_finish. */
    if (o->mode && strcmp(o->mode, "all") != 0 && strcmp(o->mode, "auto") != 0 &&
        strcmp(o->mode, s->mode) != 0)
        return 0;
    if (o->has_since && s->started < (double)o->since)
        return 0;
    if (o->has_until && s->started >= (double)o->until + 1)
        return 0;
    return 1;
}

static int intern_trainee(Report *r, const char *name)
{
    int i = map_get(&r->trainee_map, name);
    if (i >= 0)
        return i;
    const char *k = arena_strdup(&r->strings, name);
    const char **v = grow(r->trainee_names, &r->captrainees, r->ntrainees + 1, sizeof *v);
    if (!k || !v)
        return -1;
    r->trainee_names = v;
    if (map_put(&r->trainee_map, k, r->ntrainees))
        return -1;
    v[r->ntrainees] = k;
    return r->ntrainees++;
}

static int intern_scenario(Report *r, const char *id, const char *title)
{
    int i = map_get(&r->scenario_map, id);
    if (i >= 0) {
        if (!r->scenarios[i].pub.title[0] && title[0]) {
            const char *t = arena_strdup(&r->strings, title);
            if (!t)
                return -1;
            r->scenarios[i].pub.title = t;
        }
        return i;
    }
    const char *k = arena_strdup(&r->strings, id);
    const char *t = arena_strdup(&r->strings, title);
    Scenario *v = grow(r->scenarios, &r->capscenarios, r->nscenarios + 1, sizeof *v);
    if (!k || !t || !v)
        return -1;
    r->scenarios = v;
    if (map_put(&r->scenario_map, k, r->nscenarios))
        return -1;
    memset(&v[r->nscenarios], 0, sizeof *v);
    v[r->nscenarios].pub.id = k;
    v[r->nscenarios].pub.title = t;
    return r->nscenarios++;
}

/* Fills an empty descriptive field of a principle from a later session that recorded it. */
static int fill(Report *r, const char **slot, const char *value)
{
    if ((*slot)[0] || !value || !value[0])
        return 0;
    const char *v = arena_strdup(&r->strings, value);
    if (!v)
        return -1;
    *slot = v;
    return 0;
}

static int intern_principle(Report *r, const ResultLine *l)
{
    int i = map_get(&r->principle_map, l->id);
    if (i < 0) {
        const char *k = arena_strdup(&r->strings, l->id);
        ReportPrinciple *v = grow(r->principles, &r->capprinciples, r->nprinciples + 1, sizeof *v);
        if (!k || !v)
            return -1;
        r->principles = v;
        if (map_put(&r->principle_map, k, r->nprinciples))
            return -1;
        i = r->nprinciples++;
        memset(&v[i], 0, sizeof *v);
        v[i].id = k;
        v[i].name = v[i].kind = v[i].source = "";
    }
    ReportPrinciple *rp = &r->principles[i];
    if (fill(r, &rp->name, l->name) || fill(r, &rp->kind, l->kind) ||
        fill(r, &rp->source, l->source))
        return -1;
    return i;
}

/* "a;b;c" from a list of ids, in the arena ("" when none). */
static const char *join_list(Report *r, const char *const *ids, int n)
{
    Buf *b = &r->scratch;
    buf_clear(b);
    buf_put(b, "", 0);
    for (int i = 0; i < n; i++) {
        if (i)
            buf_put(b, ";", 1);
        buf_puts(b, ids[i]);
    }
    if (b->oom)
        return NULL;
    return arena_strndup(&r->strings, b->p, b->len);
}

static const char *dup_or_empty(Report *r, const char *s)
{
    return arena_strdup(&r->strings, s ? s : "");
}

/* A standard as the file recorded it, else the handbook's (judge/standards.h). */
static double standard_or(double recorded, double handbook)
{
    return recorded > 0 ? recorded : handbook;
}

/* Keeps one kept session: its row, its principle statuses and, for the HTML, its drill-down.
 * Returns 0, or -1 out of memory or when the drill-down cannot be written (why says which). */
static int add_row(Report *r, const ResultSummary *s, KefuError *why)
{
    Row *rows = grow(r->rows, &r->caprows, r->nrows + 1, sizeof *rows);
    if (!rows)
        goto oom;
    r->rows = rows;
    Row *row = &rows[r->nrows];
    memset(row, 0, sizeof *row);

    row->trainee = intern_trainee(r, s->trainee);
    row->scenario = intern_scenario(r, s->scenario_id, s->scenario_title);
    if (row->trainee < 0 || row->scenario < 0)
        goto oom;
    row->ordinal = r->next_ordinal++;
    row->t0 = s->started;
    row->seed = s->seed;
    row->difficulty = s->difficulty;
    row->duration_s = report_session_duration(s);
    row->outcome = s->outcome;
    row->total = s->total;
    row->pass = s->pass;
    row->pass_mark = isnan(s->pass_mark) ? 80 : s->pass_mark;
    row->std_first = standard_or(s->thresholds.first_response_s, STANDARD_FIRST_RESPONSE_S);
    row->std_wait = standard_or(s->thresholds.reply_wait_s, STANDARD_REPLY_WAIT_S);
    row->std_cpm = standard_or(s->thresholds.typing_cpm, STANDARD_TYPING_CPM);

    /* Waits, counted from the transcript itself, the wait no reply ended included. */
    double first_customer = NAN, first_agent = NAN, waiting_since = NAN, last_t = 0;
    double typed_chars = 0, typed_s = 0;
    int agents = 0;
    for (int i = 0; i < s->nmsgs; i++) {
        const ResultMessage *m = &s->msgs[i];
        if (isfinite(m->t) && m->t > last_t)
            last_t = m->t;
        if (m->from == FROM_CUSTOMER) {
            if (isnan(first_customer))
                first_customer = m->t;
            if (isnan(waiting_since))
                waiting_since = m->t;
            continue;
        }
        if (m->from == FROM_AGENT)
            waiting_since = NAN;
        if (m->from != FROM_AGENT)
            continue;
        agents++;
        if (m->pasted)
            row->pasted++;
        else if (m->typing_s > 0) {
            typed_chars += m->chars;
            typed_s += m->typing_s;
        }
        if (isnan(first_agent))
            first_agent = m->t;
        double w = m->wait_s;
        if (!m->responding || !isfinite(w) || w < 0)
            continue;
        row->replies++;
        row->wait_sum += w;
        if (w > row->wait_max)
            row->wait_max = w;
        if (w > row->std_wait)
            row->replies_over++;
    }
    /* A customer left waiting past the standard is a late reply whether or not one came: the
     * conversation ended (they left, or the trainee stopped) with their message unanswered. */
    double end = isfinite(s->duration_s) && s->duration_s > last_t ? s->duration_s : last_t;
    if (isfinite(waiting_since) && end - waiting_since > row->std_wait) {
        row->replies++;
        row->replies_over++;
    }
    if (!isnan(s->first_response_s)) {
        row->first_s = s->first_response_s;
        row->first_known = 1;
    } else if (!s->first_response_null && agents > 0 && isfinite(first_agent) &&
               isfinite(first_customer)) {
        row->first_s = first_agent - first_customer; /* older files without metrics */
        row->first_known = row->first_s >= 0;
    } else {
        row->first_s = NAN;
    }
    row->avg_s = s->avg_response_s;
    row->max_s = s->max_response_s;
    /* A pasted reply is no typing: a file written before pasted replies were left out of
     * metrics.typing_cpm is recomputed from its typed replies. */
    row->cpm = s->typing_cpm;
    if (row->pasted)
        row->cpm = typed_s > 0 ? typed_chars / (typed_s / 60.0) : NAN;
    /* A trainee who opened a session and left at once, without a word, did not attempt it. */
    row->attempt = !(s->total == 0 && agents == 0 &&
                     (s->outcome == OUTCOME_ABANDONED || s->outcome == OUTCOME_INCOMPLETE));
    row->agent_messages = s->agent_messages >= 0 ? s->agent_messages : agents;
    row->waits_over = s->waits_over >= 0 ? s->waits_over : row->replies_over;

    /* Principles: interned in first-seen order, one status per session. */
    Buf missed = {0}, violated = {0};
    row->ps_off = r->nps;
    for (int i = 0; i < s->nlines; i++) {
        const ResultLine *l = &s->lines[i];
        int pi = intern_principle(r, l);
        PStat *v = grow(r->ps, &r->capps, r->nps + 1, sizeof *v);
        if (pi < 0 || !v) {
            buf_free(&missed);
            buf_free(&violated);
            goto oom;
        }
        r->ps = v;
        v[r->nps].p = pi;
        v[r->nps].st = l->status;
        r->nps++;
        row->ps_n++;
        Buf *list = l->status == ST_MISSED ? &missed : l->status == ST_VIOLATED ? &violated : NULL;
        if (l->status == ST_MET)
            row->met++;
        else if (l->status == ST_MISSED)
            row->missed++;
        else if (l->status == ST_VIOLATED)
            row->violated++;
        else
            row->na++;
        if (list) {
            if (list->len)
                buf_put(list, ";", 1);
            buf_puts(list, r->principles[pi].id);
        }
    }
    row->missed_list = dup_or_empty(r, missed.p);
    row->violated_list = dup_or_empty(r, violated.p);
    int lists_oom = missed.oom || violated.oom;
    buf_free(&missed);
    buf_free(&violated);

    const char *id = s->id;
    char stem[256];
    if (!id) { /* the file's stem stands in for a missing id */
        const char *base = strrchr(s->path, '/');
        snprintf(stem, sizeof stem, "%s", base ? base + 1 : s->path);
        char *dot = strrchr(stem, '.');
        if (dot)
            *dot = '\0';
        id = stem;
    }
    row->path = arena_strdup(&r->strings, s->path);
    row->id = dup_or_empty(r, id);
    row->mode = dup_or_empty(r, s->mode);
    row->started = dup_or_empty(r, s->started_at);
    row->ended = dup_or_empty(r, s->ended_at);
    row->critical = join_list(r, s->critical, s->ncritical);
    row->required_missed = join_list(r, s->required_missed, s->nrequired_missed);
    row->engine_version = dup_or_empty(r, s->engine_version);
    row->rubric_version = dup_or_empty(r, s->rubric_version);
    if (lists_oom || !row->path || !row->id || !row->mode || !row->started || !row->ended ||
        !row->critical || !row->required_missed || !row->engine_version || !row->rubric_version ||
        !row->missed_list || !row->violated_list)
        goto oom;

    if (r->html_tmp && report_html_spool(r, row, s, why) != 0) {
        r->fatal = 1;
        return -1;
    }
    r->nrows++;
    return 0;
oom:
    r->fatal = 1;
    kerr_set(why, "%s: out of memory", s->path);
    return -1;
}

/* Counts a skipped file and keeps its reason (the first few hundred) for the HTML page. */
static void note_skip(Report *r, const KefuError *why)
{
    r->files_skipped++;
    if (r->nskip_notes >= MAX_SKIP_NOTES || !why)
        return;
    const char *note = arena_strdup(&r->strings, why->msg);
    const char **v = grow(r->skip_notes, &r->capskip_notes, r->nskip_notes + 1, sizeof *v);
    if (!note || !v)
        return;
    r->skip_notes = v;
    v[r->nskip_notes++] = note;
}

/* Whether a file can be checked at all: an exam sitting (its chain), or one scored by the
 * rubric at hand (its total). Any other file's check finds nothing, so it is not read again. */
static int checkable(const Report *r, const ResultSummary *s)
{
    const char *v = r->opt.rubric ? rubric_version(r->opt.rubric) : NULL;
    return s->has_exam || (v && s->rubric_version[0] && strcmp(s->rubric_version, v) == 0);
}

/* Flags the row just added when its file does not say what was scored (report_check.h):
 * buf[0..len) is the file, or NULL to read it from path. */
static int check_row(Report *r, const ResultSummary *s, const char *buf, size_t len,
                     KefuError *why)
{
    const char *path = s->path;
    ReportCheck c;
    if (!checkable(r, s))
        return 1;
    if (report_check(path, buf, len, r->opt.rubric, &c) < 0) {
        r->fatal = 1;
        kerr_set(why, "%s: out of memory", path);
        return -1;
    }
    r->rows[r->nrows - 1].check = c.flags;
    r->nchecked_bad += c.flags != 0;
    return 1;
}

/* Counts a file schema read (or could not), and keeps its row when the filters do. */
static int take(Report *r, int rc, const ResultSummary *s, const char *buf, size_t len,
                KefuError *why)
{
    if (rc == SCHEMA_OOM) {
        r->fatal = 1;
        return -1;
    }
    if (rc != 0) {
        note_skip(r, why);
        return -1;
    }
    r->files_read++;
    if (!keep(r, s))
        return 0;
    return add_row(r, s, why) == 0 ? check_row(r, s, buf, len, why) : -1;
}

int report_add_buffer(Report *r, const char *path, const char *buf, size_t len, KefuError *why)
{
    const ResultSummary *s = NULL;
    assert(!r->finished);
    int rc = schema_read_buffer(r->reader, path, buf, len, r->opt.html, &s, why);
    return take(r, rc, s, buf, len, why);
}

int report_add_file(Report *r, const char *path, KefuError *why)
{
    const ResultSummary *s = NULL;
    assert(!r->finished);
    int rc = schema_read_file(r->reader, path, r->opt.html, &s, why);
    return take(r, rc, s, NULL, 0, why);
}

/* ---- Walking the folder ------------------------------------------------------------------ */

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

/* Collects dir's *.json files and recurses into its folders. Hidden entries (".x") are left
 * alone: editors' and tools' droppings, not results. */
static int collect(const char *dir, PathList *out, int depth, ReportWarnFn warn, void *ud)
{
    DIR *d = opendir(dir);
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
    struct dirent *e;
    int rc = 0;
    for (;;) {
        errno = 0;
        if (!(e = readdir(d))) {
            rc = errno ? -1 : 0; /* a folder read part way is not the folder */
            break;
        }
        if (e->d_name[0] == '.')
            continue;
        size_t need = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(need);
        if (!p) {
            rc = -1;
            break;
        }
        snprintf(p, need, "%s%s%s", dir, dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
                 e->d_name);
        struct stat st;
        if (lstat(p, &st) != 0) {
            free(p);
            if (errno == ENOMEM) {
                rc = -1;
                break;
            }
            continue; /* gone since readdir listed it */
        }
        if (S_ISDIR(st.st_mode)) {
            if (depth < 64 && collect(p, out, depth + 1, warn, ud) < 0)
                rc = -1;
            free(p);
            if (rc)
                break;
            continue;
        }
        if (!ends_with_json(e->d_name) || !(S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))) {
            free(p);
            continue;
        }
        char **v = grow(out->v, &out->cap, out->n + 1, sizeof *v);
        if (!v) {
            free(p);
            rc = -1;
            break;
        }
        out->v = v;
        v[out->n++] = p;
    }
    closedir(d);
    return rc;
}

static int cmp_paths(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int report_add_dir(Report *r, const char *dir, ReportWarnFn warn, void *ud, KefuError *err)
{
    PathList l = {0};
    struct stat st;
    if (stat(dir, &st) != 0) {
        kerr_set(err, "%s: %s", dir, strerror(errno));
        return -1;
    }
    if (!S_ISDIR(st.st_mode)) {
        kerr_set(err, "%s: not a folder", dir);
        return -1;
    }
    if (collect(dir, &l, 0, warn, ud) != 0) {
        kerr_set(err, "%s: cannot read the folder: %s", dir, strerror(errno ? errno : ENOMEM));
        paths_free(&l);
        return -1;
    }
    if (l.n)
        qsort(l.v, (size_t)l.n, sizeof *l.v, cmp_paths);
    for (int i = 0; i < l.n; i++) {
        KefuError why = {{0}};
        if (report_add_file(r, l.v[i], &why) < 0) {
            if (r->fatal) {
                kerr_set(err, "%s", why.msg);
                paths_free(&l);
                return -1;
            }
            if (warn)
                warn(ud, why.msg);
        }
    }
    int n = l.n;
    paths_free(&l);
    return n;
}

/* ======================================================================================== */
/* For the writers                                                                          */
/* ======================================================================================== */

int report_principle_index(const Report *r, const char *id)
{
    return map_get(&r->principle_map, id);
}

const char *report_principle_label(const Report *r, const char *id)
{
    int i = map_get(&r->principle_map, id);
    if (i >= 0 && r->principles[i].name[0])
        return r->principles[i].name;
    return id;
}

double report_pct(int part, int whole)
{
    return whole ? 100.0 * part / whole : 0;
}

void report_local_minute(double t, char *buf, size_t size)
{
    struct tm tm;
    time_t tt = (time_t)floor(t);
    if (!isfinite(t) || !localtime_r(&tt, &tm)) {
        date_format_utc_minute(buf, size, isfinite(t) ? t : 0);
        return;
    }
    snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min);
}

void report_utc_offset(double t, char *buf, size_t size)
{
    struct tm tm;
    time_t tt = isfinite(t) ? (time_t)floor(t) : time(NULL);
    long off = 0;
    /* The offset is local wall time minus UTC (tm_gmtoff is not POSIX). */
    if (localtime_r(&tt, &tm))
        off = (long)(date_days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) * 86400 +
                     tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec - (long long)tt);
    long a = off < 0 ? -off : off;
    snprintf(buf, size, "UTC%c%02ld:%02ld", off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}

void report_day(double t, char *buf, size_t size)
{
    char tmp[80];
    if (!isfinite(t)) { /* no session */
        snprintf(buf, size, "—");
        return;
    }
    report_local_minute(t, tmp, sizeof tmp);
    snprintf(buf, size, "%.10s", tmp);
}

const char *report_mode(const Report *r)
{
    return r->mode_used ? r->mode_used : "all";
}

int report_other_mode_sessions(const Report *r)
{
    return r->other_mode_sessions;
}

const char *report_mode_used_label(const Report *r)
{
    const char *m = report_mode(r);
    return strcmp(m, "all") == 0 ? "考试与练习" : report_mode_label(m);
}

void report_mode_line(const Report *r, Buf *b)
{
    buf_printf(b, "模式: %s", report_mode_used_label(r));
    if (r->other_mode_sessions)
        buf_printf(b, " (另有%s %d 场未计入, 用 --mode %s 或 --mode all 查看)",
                   strcmp(report_mode(r), "exam") == 0 ? "练习" : "考试", r->other_mode_sessions,
                   strcmp(report_mode(r), "exam") == 0 ? "practice" : "exam");
}

void report_ready_note(const Report *r, Buf *b)
{
    buf_puts(b, "就绪: 考过试的学员, 每个考过的场景最近一次考试都通过; 没有考试的, ");
    if (r->opt.nrequired) {
        buf_puts(b, "必考场景 (");
        for (int i = 0; i < r->opt.nrequired; i++) {
            if (i)
                buf_puts(b, "、");
            buf_puts(b, r->opt.required[i]);
        }
        buf_puts(b, ") ");
    } else {
        buf_printf(b, "本报告全部 %d 个场景 ", r->nscenarios);
    }
    buf_puts(b, "最近一次练习都通过。括号内为依据: 通过的场景数/需要的场景数");
}

double report_session_duration(const ResultSummary *s)
{
    double end = s->duration_s; /* NAN when not recorded */
    for (int i = 0; i < s->nmsgs; i++)
        if (isfinite(s->msgs[i].t) && !(s->msgs[i].t <= end))
            end = s->msgs[i].t;
    return end;
}

void report_fmt_duration(char *buf, size_t size, double seconds)
{
    if (!isfinite(seconds) || seconds < 0) {
        snprintf(buf, size, "—");
        return;
    }
    /* Whole seconds down, as the transcript's m:ss clock shows them. */
    long s = (long)floor(seconds);
    snprintf(buf, size, "%ld分%02ld秒", s / 60, s % 60);
}

const char *report_mode_label(const char *mode)
{
    if (strcmp(mode, "exam") == 0)
        return "考试";
    if (strcmp(mode, "practice") == 0)
        return "练习";
    return mode;
}

const char *report_kind_label(const char *kind)
{
    if (strcmp(kind, "technique") == 0)
        return "技巧";
    if (strcmp(kind, "violation") == 0)
        return "禁忌";
    if (strcmp(kind, "timing") == 0)
        return "时效";
    return "—";
}

void report_filters(const Report *r, Buf *b)
{
    const ReportOptions *o = &r->opt;
    if (o->ntrainees) {
        buf_puts(b, " 学员 ");
        for (int i = 0; i < o->ntrainees; i++) {
            if (i)
                buf_puts(b, "、");
            buf_puts(b, o->trainees[i]);
        }
    }
    if (o->scenario) {
        buf_puts(b, " 场景 ");
        buf_puts(b, o->scenario);
    }
    char d[80];
    if (o->has_since) {
        report_local_minute((double)o->since, d, sizeof d);
        buf_printf(b, " 自 %s", d);
    }
    if (o->has_until) {
        report_local_minute((double)o->until, d, sizeof d);
        buf_printf(b, " 至 %s", d);
    }
}

void report_standard_label(char *buf, size_t size, const char *op, double v, const char *unit)
{
    if (isfinite(v))
        snprintf(buf, size, "标准 %s%g %s", op, v, unit);
    else
        snprintf(buf, size, "标准各场不同");
}

void report_fmt_num(char *buf, size_t size, int decimals, double v)
{
    if (isfinite(v))
        snprintf(buf, size, "%.*f", decimals, v);
    else
        snprintf(buf, size, "—");
}

int report_parse_date(const char *s, int end_of_day, long long *out)
{
    double t;
    int has_time;
    if (!s || date_parse_iso8601(s, &t, &has_time) != 0)
        return -1;
    *out = (long long)floor(t);
    if (!has_time) {
        /* A day is a local day, like the dates the report shows. */
        struct tm tm = {0};
        tm.tm_year = atoi(s) - 1900;
        tm.tm_mon = atoi(s + 5) - 1;
        tm.tm_mday = atoi(s + 8);
        tm.tm_isdst = -1;
        time_t lt = mktime(&tm);
        if (lt != (time_t)-1)
            *out = (long long)lt;
        if (end_of_day)
            *out += 86399;
    }
    return 0;
}
