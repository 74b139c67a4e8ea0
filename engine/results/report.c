/* report: HR's aggregate over a folder of results files: each file read through schema, kept
 * or left out by the filters, and kept as one summary row. report_stats.c computes the figures
 * from the rows; report_term.c, report_csv.c and report_html.c write them. */
#include "results/report.h"

#include <assert.h>
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "judge/standards.h"
#include "results/report_cache.h"
#include "results/report_check.h"
#include "results/report_data.h"
#include "results/report_read.h"
#include "results/rush_record.h"

#define MAX_SKIP_NOTES 200 /* skip reasons kept for the HTML page */

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
    if (r->opt.html && report_drill_open(r, err) != 0) {
        schema_reader_destroy(r->reader);
        free(r);
        return NULL;
    }
    return r;
}

void report_destroy(Report *r)
{
    if (!r)
        return;
    report_names_free(r);
    review_set_deinit(&r->reviews);
    free(r->rows);
    free(r->ps);
    free(r->skip_notes);
    schema_reader_destroy(r->reader);
    report_cache_destroy(r->cache);
    report_drill_close(r);
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

int report_rush_files(const Report *r)
{
    return r->rush_files;
}

int report_rush_sessions(const Report *r)
{
    return r->rush_sessions;
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
    return report_strndup(r, b->p, b->len);
}

static const char *dup_or_empty(Report *r, const char *s)
{
    return report_strdup(r, s ? s : "");
}

/* A standard as the file recorded it, else the handbook's (judge/standards.h). */
static double standard_or(double recorded, double handbook)
{
    return recorded > 0 ? recorded : handbook;
}

/* Finds the reviewers' verdicts on row's session and counts them per principle. Returns 0, or
 * -1 out of memory. */
static int count_verdicts(Report *r, Row *row)
{
    row->rv_n = review_find(&r->reviews, row->path, &row->rv_first);
    for (int i = row->rv_first; i < row->rv_first + row->rv_n; i++) {
        const Review *v = &r->reviews.v[i];
        if (strcmp(v->result, row->id) != 0)
            continue; /* the file now holds another session: the verdict was not on it */
        ResultLine l = {.id = v->principle, .name = "", .kind = "", .source = ""};
        int p = report_intern_principle(r, &l);
        if (p < 0)
            return -1;
        ReportPrinciple *x = &r->principles[p];
        x->false_alarms += v->verdict == REVIEW_FALSE_ALARM;
        x->misses += v->verdict == REVIEW_MISS;
        /* one session, however many of its replies were disputed */
        int seen = 0;
        for (int k = row->rv_first; k < i; k++)
            seen |= strcmp(r->reviews.v[k].principle, v->principle) == 0 &&
                    strcmp(r->reviews.v[k].result, row->id) == 0;
        x->disputed += !seen;
        r->nverdicts++;
    }
    return 0;
}

/* Keeps one kept session: its row, its principle statuses and, for the HTML, its drill-down.
 * Returns 0, or -1 out of memory or when the drill-down cannot be written (why says which). */
static int add_row(Report *r, const ResultSummary *s, KefuError *why)
{
    Row *rows = report_grow(r->rows, &r->caprows, r->nrows + 1, sizeof *rows);
    if (!rows)
        goto oom;
    r->rows = rows;
    Row *row = &rows[r->nrows];
    memset(row, 0, sizeof *row);

    row->trainee = report_intern_trainee(r, s->trainee);
    row->scenario = report_intern_scenario(r, s->scenario_id, s->scenario_title);
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
        int pi = report_intern_principle(r, l);
        PStat *v = report_grow(r->ps, &r->capps, r->nps + 1, sizeof *v);
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
    row->path = report_strdup(r, s->path);
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

    if (count_verdicts(r, row) != 0)
        goto oom;
    if (r->html_tmp && report_drill_spool(r, row, s, why) != 0) {
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
    const char *note = report_strdup(r, why->msg);
    const char **v = report_grow(r->skip_notes, &r->capskip_notes, r->nskip_notes + 1, sizeof *v);
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

/* Flags the row just added when its file does not say what was scored (report_check.h): c
 * when a reading thread checked it already, else checked here from buf[0..len) (NULL: read
 * from the file). Returns 1, or -1 out of memory (why says so). */
static int check_row(Report *r, const ResultSummary *s, const ReportCheck *c, const char *buf,
                     size_t len, KefuError *why)
{
    ReportCheck mine;
    if (!c && checkable(r, s)) {
        if (report_check(s->path, buf, len, r->opt.rubric, &mine) < 0) {
            r->fatal = 1;
            kerr_set(why, "%s: out of memory", s->path);
            return -1;
        }
        c = &mine;
    }
    int flags = c ? c->flags : 0;
    r->rows[r->nrows - 1].check = flags;
    r->nchecked_bad += flags != 0;
    return 1;
}

/* Counts a file schema read (or could not), and keeps its row when the filters do. */
static int take(Report *r, int rc, const ResultSummary *s, const ReportCheck *c, const char *buf,
                size_t len, KefuError *why)
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
    return add_row(r, s, why) == 0 ? check_row(r, s, c, buf, len, why) : -1;
}

/* A rush's results file (kefu.rush/1, docs/rush.md): each of its conversations is taken as a
 * session of its own scenario, under the rush file's path. Returns how many were taken, 0 when
 * path is not a rush's file (then it stays a file that could not be read), -1 out of memory
 * (why says so). */
static int take_rush(Report *r, const char *path, KefuError *why)
{
    size_t len = 0;
    KefuError e;
    char *buf = kerr_read_file(path, &len, &e);
    if (!buf || !rush_record_is(buf, len)) {
        free(buf);
        return 0;
    }
    cJSON *root = cJSON_ParseWithLength(buf, len);
    free(buf);
    const cJSON *convs = root ? cJSON_GetObjectItemCaseSensitive(root, RK_CONVERSATIONS) : NULL;
    const cJSON *c, *list = cJSON_IsArray(convs) ? convs : NULL;
    int n = 0;
    cJSON_ArrayForEach(c, list)
    {
        char *one = cJSON_PrintUnformatted(c);
        const ResultSummary *s = NULL;
        if (!one) {
            r->fatal = 1;
            kerr_set(why, "%s: out of memory", path);
            break;
        }
        size_t n1 = strlen(one);
        int rc = schema_read_buffer(r->reader, path, one, n1, r->opt.html, &s, why);
        take(r, rc, s, NULL, one, n1, why);
        cJSON_free(one);
        if (r->fatal)
            break;
        n++;
    }
    cJSON_Delete(root);
    r->rush_files += n > 0;
    r->rush_sessions += n;
    return r->fatal ? -1 : n;
}

int report_add_buffer(Report *r, const char *path, const char *buf, size_t len, KefuError *why)
{
    const ResultSummary *s = NULL;
    assert(!r->finished);
    int rc = schema_read_buffer(r->reader, path, buf, len, r->opt.html, &s, why);
    return take(r, rc, s, NULL, buf, len, why);
}

int report_add_file(Report *r, const char *path, KefuError *why)
{
    const ResultSummary *s = NULL;
    assert(!r->finished);
    int rc = schema_read_file(r->reader, path, r->opt.html, &s, why);
    if (rc == SCHEMA_BAD) {
        KefuError mine;
        int k = take_rush(r, path, &mine);
        if (k != 0) {
            if (k < 0)
                *why = mine;
            return k < 0 ? -1 : 0;
        }
    }
    return take(r, rc, s, NULL, NULL, 0, why);
}

int report_add_reviews(Report *r, const char *path, KefuError *err)
{
    assert(!r->finished);
    int n = review_load(path, &r->reviews, err);
    if (n > 0)
        review_set_sort(&r->reviews);
    return n;
}

/* ---- A folder, read by several threads (report_read.h) ---------------------------------- */

typedef struct DirRead {
    Report *r;
    Rubric **rubrics; /* each reading thread's: [0] is opt.rubric, the others copies */
    int *tried;       /* a copy was asked for */
    ReportWarnFn warn;
    void *ud;
} DirRead;

/* On a reading thread: checks a kept, checkable file there, with the thread's own rubric. */
static int prepare(void *ud, int thread, ReportItem *it, KefuError *why)
{
    DirRead *d = ud;
    const Report *r = d->r;
    const ResultSummary *s = it->s;
    if (!keep(r, s) || !checkable(r, s))
        return 0;
    /* The file's bytes name its check in the cache: found there, nothing is parsed or
     * rescored again (and the thread needs no rubric of its own). */
    char *buf = NULL;
    size_t len = 0;
    if (r->cache) {
        KefuError e;
        if ((buf = kerr_read_file(s->path, &len, &e))) {
            report_cache_key(buf, len, it->key);
            if (report_cache_get(r->cache, it->key, &it->check)) {
                free(buf);
                it->checked = 1;
                return 0;
            }
            it->fresh = 1;
        }
    }
    Rubric *rb = d->rubrics ? d->rubrics[thread] : NULL;
    if (d->rubrics && !rb && !d->tried[thread]) {
        d->tried[thread] = 1;
        rb = d->rubrics[thread] = r->opt.rubric_copy(r->opt.rubric_copy_ud);
    }
    if (r->opt.rubric && !rb) {
        free(buf);
        kerr_set(why, "report: cannot load the rubric again for a reading thread");
        return -1;
    }
    int rc = report_check(s->path, buf, len, rb, &it->check);
    free(buf);
    if (rc < 0) {
        kerr_set(why, "%s: out of memory", s->path);
        return -1;
    }
    it->checked = 1;
    return 0;
}

/* On the calling thread, in path order. */
static int take_item(void *ud, ReportItem *it, KefuError *why)
{
    DirRead *d = ud;
    if (it->rc == SCHEMA_BAD) {
        int k = take_rush(d->r, it->path, why);
        if (k < 0)
            return -1;
        if (k > 0)
            return 0;
    }
    if (it->fresh && d->r->cache)
        report_cache_put(d->r->cache, it->key, &it->check); /* out of memory: not kept */
    if (take(d->r, it->rc, it->s, it->checked ? &it->check : NULL, NULL, 0, &it->why) >= 0)
        return 0;
    if (d->r->fatal) {
        kerr_set(why, "%s", it->why.msg);
        return -1;
    }
    if (d->warn)
        d->warn(d->ud, it->why.msg);
    return 0;
}

/* A reviews file found in the folder; one that cannot be read is passed over with a warning. */
static int take_reviews(void *ud, const char *path, KefuError *why)
{
    DirRead *d = ud;
    KefuError e = {{0}};
    (void)why;
    if (report_add_reviews(d->r, path, &e) < 0 && d->warn) {
        char msg[sizeof e.msg + 40];
        snprintf(msg, sizeof msg, "%s (its verdicts are left out)", e.msg);
        d->warn(d->ud, msg);
    }
    return 0;
}

int report_add_dir(Report *r, const char *dir, ReportWarnFn warn, void *ud, KefuError *err)
{
    assert(!r->finished);
    /* A Rubric is not thread-safe: without a way to load another, one thread rescores. */
    int threads = r->opt.threads > 1 && (!r->opt.rubric || r->opt.rubric_copy) ? r->opt.threads : 1;
    DirRead d = {r, NULL, NULL, warn, ud};
    if (r->opt.rubric) {
        d.rubrics = calloc((size_t)threads, sizeof *d.rubrics);
        d.tried = calloc((size_t)threads, sizeof *d.tried);
        if (!d.rubrics || !d.tried) {
            free(d.rubrics);
            free(d.tried);
            kerr_set(err, "report: out of memory");
            return -1;
        }
        d.rubrics[0] = r->opt.rubric;
    }
    /* The cache of checks: one that cannot be used is left alone (a report never fails for
     * it, it only takes longer). */
    char context[65];
    if (r->opt.rubric && r->opt.check_cache && !r->cache &&
        report_cache_context(r->opt.rubric, context) == 0)
        r->cache = report_cache_load(r->opt.check_cache, context);
    ReportReadHooks hooks = {&d, prepare, take_item, take_reviews};
    int n = report_read_dir(dir, threads, r->opt.html, &hooks, warn, ud, err);
    KefuError cerr = {{0}};
    if (n >= 0 && r->cache && report_cache_save(r->cache, &cerr) != 0 && warn)
        warn(ud, cerr.msg);
    for (int t = 1; d.rubrics && t < threads; t++)
        rubric_destroy(d.rubrics[t]);
    free(d.rubrics);
    free(d.tried);
    return n;
}
