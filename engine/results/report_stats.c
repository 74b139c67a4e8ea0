/* report_stats: the report's figures, computed once after the last file: sessions grouped per
 * trainee (in time order), per scenario and per principle, and the cohort's timing. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "judge/standards.h"
#include "results/report.h"
#include "results/report_data.h"

/* ======================================================================================== */
/* The figures                                                                              */
/* ======================================================================================== */

typedef struct NameIdx {
    const char *name;
    int idx;
} NameIdx;

static int cmp_name_idx(const void *a, const void *b)
{
    return strcmp(((const NameIdx *)a)->name, ((const NameIdx *)b)->name);
}

/* Sorts names (in place) and returns the old index → new index map (malloc'd). */
static int *sort_names(const char **names, int n)
{
    NameIdx *t = malloc(sizeof *t * (size_t)(n ? n : 1));
    int *map = malloc(sizeof *map * (size_t)(n ? n : 1));
    if (!t || !map) {
        free(t);
        free(map);
        return NULL;
    }
    for (int i = 0; i < n; i++) {
        t[i].name = names[i];
        t[i].idx = i;
    }
    qsort(t, (size_t)n, sizeof *t, cmp_name_idx);
    for (int i = 0; i < n; i++) {
        names[i] = t[i].name;
        map[t[i].idx] = i;
    }
    free(t);
    return map;
}

static int cmp_rows(const void *pa, const void *pb)
{
    const Row *a = pa, *b = pb;
    if (a->trainee != b->trainee)
        return a->trainee < b->trainee ? -1 : 1;
    if (a->t0 != b->t0)
        return a->t0 < b->t0 ? -1 : 1;
    int c = strcmp(a->id, b->id);
    return c ? c : strcmp(a->path, b->path);
}

static int cmp_double(const void *pa, const void *pb)
{
    double a = *(const double *)pa, b = *(const double *)pb;
    return a < b ? -1 : a > b;
}

/* Renumbers a list of names to the ones used (used[i] nonzero), in place; map[old] is the new
 * index. Returns the new count. */
static int compact_names(const char **names, int n, const int *used, int *map)
{
    int k = 0;
    for (int i = 0; i < n; i++) {
        map[i] = used[i] ? k : -1;
        if (used[i])
            names[k++] = names[i];
    }
    return k;
}

/* The default mode ("auto"): exam sessions when there are any, else practice ones. The rows of
 * the other mode are dropped, and the trainees and scenarios only they had with them. */
static int apply_auto_mode(Report *r)
{
    const char *m = r->opt.mode;
    r->mode_used = m && strcmp(m, "auto") != 0 ? m : "all";
    if (!m || strcmp(m, "auto") != 0)
        return 0;
    r->mode_used = "practice";
    for (int i = 0; i < r->nrows; i++)
        if (strcmp(r->rows[i].mode, "exam") == 0)
            r->mode_used = "exam";
    int kept = 0;
    for (int i = 0; i < r->nrows; i++)
        if (strcmp(r->rows[i].mode, r->mode_used) == 0)
            r->rows[kept++] = r->rows[i];
    r->other_mode_sessions = r->nrows - kept;
    r->nrows = kept;
    if (!r->other_mode_sessions)
        return 0;
    int n = r->ntrainees > r->nscenarios ? r->ntrainees : r->nscenarios;
    int *used = calloc((size_t)(n ? n : 1), sizeof *used);
    int *map = malloc(sizeof *map * (size_t)(n ? n : 1));
    if (!used || !map) {
        free(used);
        free(map);
        return -1;
    }
    for (int i = 0; i < r->nrows; i++)
        used[r->rows[i].trainee] = 1;
    r->ntrainees = compact_names(r->trainee_names, r->ntrainees, used, map);
    for (int i = 0; i < r->nrows; i++)
        r->rows[i].trainee = map[r->rows[i].trainee];
    memset(used, 0, sizeof *used * (size_t)(n ? n : 1));
    for (int i = 0; i < r->nrows; i++)
        used[r->rows[i].scenario] = 1;
    int k = 0;
    for (int i = 0; i < r->nscenarios; i++) {
        map[i] = used[i] ? k : -1;
        if (used[i])
            r->scenarios[k++] = r->scenarios[i];
    }
    r->nscenarios = k;
    for (int i = 0; i < r->nrows; i++)
        r->rows[i].scenario = map[r->rows[i].scenario];
    free(used);
    free(map);
    return 0;
}

/* One trainee's sessions of one scenario, as the trend and readiness need them. */
typedef struct Track {
    int attempts, first, latest, latest_pass;
    double wsum, wtotal;
    int has[2], pass[2]; /* [0] practice, [1] exam: a latest attempt exists, and it passed */
} Track;

/* Progress per scenario and readiness for trainee t, whose rows are [row0, row1). */
static int trainee_trends(Report *r, int t, int row0, int row1, Track *tr)
{
    ReportTrainee *x = &r->trainees[t];
    memset(tr, 0, sizeof *tr * (size_t)(r->nscenarios ? r->nscenarios : 1));
    int any_exam = 0;
    for (int i = row0; i < row1; i++) {
        const Row *w = &r->rows[i];
        if (!w->attempt)
            continue;
        Track *k = &tr[w->scenario];
        int exam = strcmp(w->mode, "exam") == 0;
        any_exam |= exam;
        k->has[exam] = 1;
        k->pass[exam] = w->pass; /* rows are in time order: the last one stays */
        if (k->attempts++ == 0)
            k->first = w->total;
        k->latest = w->total;
        k->latest_pass = w->pass;
        k->wsum += (double)k->attempts * w->total;
        k->wtotal += k->attempts;
        x->attempts++;
    }
    double psum = 0;
    int pn = 0;
    for (int sc = 0; sc < r->nscenarios; sc++) {
        const Track *k = &tr[sc];
        if (!k->attempts)
            continue;
        ReportProgress *v = realloc(r->progress, sizeof *v * (size_t)(r->nprogress + 1));
        if (!v)
            return -1;
        r->progress = v;
        ReportProgress *p = &v[r->nprogress++];
        p->trainee = t;
        p->scenario = sc;
        p->attempts = k->attempts;
        p->first = k->first;
        p->latest = k->latest;
        p->latest_pass = k->latest_pass;
        p->weighted = k->wsum / k->wtotal;
        p->progress = k->attempts >= 2 ? p->weighted - k->first : NAN;
        if (k->attempts >= 2) {
            psum += p->progress;
            pn++;
        }
    }
    x->progress = pn ? psum / pn : NAN;

    /* Ready: see report_figures.h and docs/report.md. */
    x->ready_exam = any_exam;
    x->ready_needed = x->ready_passed = 0;
    if (r->opt.nrequired > 0) {
        for (int q = 0; q < r->opt.nrequired; q++) {
            int sc = -1;
            for (int k = 0; k < r->nscenarios && sc < 0; k++)
                if (strcmp(r->scenarios[k].pub.id, r->opt.required[q]) == 0)
                    sc = k;
            x->ready_needed++;
            x->ready_passed += sc >= 0 && tr[sc].has[any_exam] && tr[sc].pass[any_exam];
        }
    } else {
        for (int sc = 0; sc < r->nscenarios; sc++) {
            if (any_exam && !tr[sc].has[1])
                continue; /* an exam covers the scenarios it had */
            x->ready_needed++;
            x->ready_passed += tr[sc].has[any_exam] && tr[sc].pass[any_exam];
        }
    }
    x->ready = x->ready_needed > 0 && x->ready_passed == x->ready_needed;
    return 0;
}

int report_finish(Report *r, KefuError *err)
{
    int *tmap = NULL, *smap = NULL, *counts = NULL;
    double *firsts = NULL;
    const char **snames = NULL;

    Track *tracks = NULL;
    assert(!r->finished);
    r->finished = 1;
    if (apply_auto_mode(r) != 0)
        goto oom;

    /* Trainees and scenarios in name order; rows follow. */
    tmap = sort_names(r->trainee_names, r->ntrainees);
    snames = malloc(sizeof *snames * (size_t)(r->nscenarios ? r->nscenarios : 1));
    if (!tmap || !snames)
        goto oom;
    for (int i = 0; i < r->nscenarios; i++)
        snames[i] = r->scenarios[i].pub.id;
    smap = sort_names(snames, r->nscenarios);
    if (!smap)
        goto oom;
    {
        Scenario *sorted = malloc(sizeof *sorted * (size_t)(r->nscenarios ? r->nscenarios : 1));
        if (!sorted)
            goto oom;
        for (int i = 0; i < r->nscenarios; i++)
            sorted[smap[i]] = r->scenarios[i];
        free(r->scenarios);
        r->scenarios = sorted;
        r->capscenarios = r->nscenarios;
    }
    for (int i = 0; i < r->nrows; i++) {
        r->rows[i].trainee = tmap[r->rows[i].trainee];
        r->rows[i].scenario = smap[r->rows[i].scenario];
    }
    if (r->nrows)
        qsort(r->rows, (size_t)r->nrows, sizeof *r->rows, cmp_rows);

    r->trainees = calloc((size_t)(r->ntrainees ? r->ntrainees : 1), sizeof *r->trainees);
    r->trainee_first_row = calloc((size_t)(r->ntrainees + 1), sizeof *r->trainee_first_row);
    counts = calloc((size_t)(r->nprinciples ? r->nprinciples : 1), sizeof *counts);
    firsts = malloc(sizeof *firsts * (size_t)(r->nrows ? r->nrows : 1));
    tracks = malloc(sizeof *tracks * (size_t)(r->nscenarios ? r->nscenarios : 1));
    if (!r->trainees || !r->trainee_first_row || !counts || !firsts || !tracks)
        goto oom;

    /* Per trainee: rows are grouped and in time order. */
    ReportTiming *tm = &r->timing;
    double score_sum = 0, first_sum = 0, wait_sum = 0, cpm_sum = 0;
    int pm_best = 0;
    r->t_min = INFINITY;
    r->t_max = -INFINITY;
    int row = 0;
    for (int t = 0; t < r->ntrainees; t++) {
        ReportTrainee *tr = &r->trainees[t];
        tr->name = r->trainee_names[t];
        r->trainee_first_row[t] = row;
        double sum = 0, tfirst = 0, twait = 0;
        for (; row < r->nrows && r->rows[row].trainee == t; row++) {
            const Row *x = &r->rows[row];
            if (tr->sessions == 0) {
                tr->first = x->total;
                tr->best = x->total;
            }
            tr->sessions++;
            tr->passes += x->pass;
            sum += x->total;
            if (x->total > tr->best)
                tr->best = x->total;
            tr->latest = x->total;
            tr->latest_pass = x->pass;
            if (x->first_known) {
                tr->first_n++;
                tfirst += x->first_s;
                tr->first_within += x->first_s <= x->std_first;
            }
            tr->replies += x->replies;
            tr->replies_over += x->replies_over;
            twait += x->wait_sum;
            for (int k = 0; k < x->ps_n; k++) {
                const PStat *p = &r->ps[x->ps_off + k];
                if (p->st == ST_MISSED || p->st == ST_VIOLATED)
                    counts[p->p]++;
            }
        }
        tr->average = tr->sessions ? sum / tr->sessions : 0;
        if (trainee_trends(r, t, r->trainee_first_row[t], row, tracks) != 0)
            goto oom;
        tr->first_avg = tr->first_n ? tfirst / tr->first_n : NAN;
        tr->wait_avg = tr->replies ? twait / tr->replies : NAN;
        /* The three principles most often missed or violated; ties keep first-seen order. */
        for (int k = 0; k < 3; k++) {
            int best = -1;
            for (int p = 0; p < r->nprinciples; p++)
                if (counts[p] > 0 && (best < 0 || counts[p] > counts[best]))
                    best = p;
            if (best < 0)
                break;
            tr->top[k] = best;
            tr->top_count[k] = counts[best];
            tr->ntop++;
            counts[best] = -counts[best]; /* taken */
        }
        for (int p = 0; p < r->nprinciples; p++)
            counts[p] = 0;
    }
    r->trainee_first_row[r->ntrainees] = r->nrows;

    /* Per scenario, per principle, and the cohort's timing. */
    int npm = 0;
    double pm_vals[8];
    int pm_counts[8];
    for (int i = 0; i < r->nrows; i++) {
        const Row *x = &r->rows[i];
        Scenario *s = &r->scenarios[x->scenario];
        s->pub.sessions++;
        s->pub.passes += x->pass;
        s->score_sum += x->total;
        s->pub.outcomes[x->outcome]++;
        score_sum += x->total;
        r->passes += x->pass;
        if (x->t0 < r->t_min)
            r->t_min = x->t0;
        if (x->t0 > r->t_max)
            r->t_max = x->t0;
        for (int k = 0; k < x->ps_n; k++) {
            const PStat *p = &r->ps[x->ps_off + k];
            ReportPrinciple *rp = &r->principles[p->p];
            if (p->st == ST_MET)
                rp->met++;
            else if (p->st == ST_MISSED)
                rp->missed++;
            else if (p->st == ST_VIOLATED)
                rp->violated++;
            else
                rp->not_applicable++;
        }
        tm->sessions++;
        if (x->first_known) {
            firsts[tm->first_n++] = x->first_s;
            first_sum += x->first_s;
            tm->first_within += x->first_s <= x->std_first;
            if (x->first_s > tm->first_max)
                tm->first_max = x->first_s;
        } else {
            tm->no_reply++;
        }
        tm->replies += x->replies;
        tm->replies_over += x->replies_over;
        tm->sessions_over += x->replies_over > 0;
        wait_sum += x->wait_sum;
        if (x->wait_max > tm->wait_max)
            tm->wait_max = x->wait_max;
        if (isfinite(x->cpm)) {
            tm->typing_n++;
            cpm_sum += x->cpm;
            tm->typing_below += x->cpm < x->std_cpm;
        }
        tm->pasted += x->pasted;
        /* The most common pass mark draws the histogram's line. */
        int k = 0;
        while (k < npm && pm_vals[k] != x->pass_mark)
            k++;
        if (k == npm && npm < 8) {
            pm_vals[npm] = x->pass_mark;
            pm_counts[npm++] = 0;
        }
        if (k < npm) {
            pm_counts[k]++;
            if (pm_counts[k] > pm_counts[pm_best])
                pm_best = k;
        }
    }
    r->pass_mark_mode = npm ? (int)lround(pm_vals[pm_best]) : 80;
    for (int i = 0; i < r->nscenarios; i++) {
        Scenario *s = &r->scenarios[i];
        s->pub.average = s->pub.sessions ? s->score_sum / s->pub.sessions : 0;
    }
    r->average = r->nrows ? score_sum / r->nrows : 0;
    tm->first_avg = tm->first_n ? first_sum / tm->first_n : NAN;
    if (tm->first_n) {
        qsort(firsts, (size_t)tm->first_n, sizeof *firsts, cmp_double);
        tm->first_median = tm->first_n % 2
                               ? firsts[tm->first_n / 2]
                               : (firsts[tm->first_n / 2 - 1] + firsts[tm->first_n / 2]) / 2;
    } else {
        tm->first_median = NAN;
    }
    tm->wait_avg = tm->replies ? wait_sum / tm->replies : NAN;
    tm->typing_avg = tm->typing_n ? cpm_sum / tm->typing_n : NAN;
    tm->first_standard = STANDARD_FIRST_RESPONSE_S;
    tm->wait_standard = STANDARD_REPLY_WAIT_S;
    tm->typing_standard = STANDARD_TYPING_CPM;
    for (int i = 0; i < r->nrows; i++) {
        const Row *x = &r->rows[i];
        if (i == 0) {
            tm->first_standard = x->std_first;
            tm->wait_standard = x->std_wait;
            tm->typing_standard = x->std_cpm;
        }
        if (x->std_first != tm->first_standard)
            tm->first_standard = NAN;
        if (x->std_wait != tm->wait_standard)
            tm->wait_standard = NAN;
        if (x->std_cpm != tm->typing_standard)
            tm->typing_standard = NAN;
    }

    free(tmap);
    free(smap);
    free(snames);
    free(counts);
    free(firsts);
    free(tracks);
    return 0;
oom:
    free(tracks);
    free(tmap);
    free(smap);
    free(snames);
    free(counts);
    free(firsts);
    kerr_set(err, "report: out of memory");
    return -1;
}

const char *report_mode(const Report *r)
{
    return r->mode_used ? r->mode_used : "all";
}

int report_other_mode_sessions(const Report *r)
{
    return r->other_mode_sessions;
}

int report_trainee_count(const Report *r)
{
    return r->finished ? r->ntrainees : 0;
}

const ReportTrainee *report_trainee(const Report *r, int i)
{
    return r->finished && i >= 0 && i < r->ntrainees ? &r->trainees[i] : NULL;
}

int report_scenario_count(const Report *r)
{
    return r->nscenarios;
}

const ReportScenario *report_scenario(const Report *r, int i)
{
    return i >= 0 && i < r->nscenarios ? &r->scenarios[i].pub : NULL;
}

int report_principle_count(const Report *r)
{
    return r->nprinciples;
}

const ReportPrinciple *report_principle(const Report *r, int i)
{
    return i >= 0 && i < r->nprinciples ? &r->principles[i] : NULL;
}

const ReportTiming *report_timing(const Report *r)
{
    return &r->timing;
}

double report_average(const Report *r)
{
    return r->average;
}

int report_passes(const Report *r)
{
    return r->passes;
}

int report_progress_count(const Report *r)
{
    return r->finished ? r->nprogress : 0;
}

const ReportProgress *report_progress(const Report *r, int i)
{
    return r->finished && i >= 0 && i < r->nprogress ? &r->progress[i] : NULL;
}

int *report_principles_by_trouble(const Report *r)
{
    int *ord = malloc(sizeof *ord * (size_t)(r->nprinciples ? r->nprinciples : 1));
    if (!ord)
        return NULL;
    for (int i = 0; i < r->nprinciples; i++)
        ord[i] = i;
    for (int i = 1; i < r->nprinciples; i++) /* stable insertion sort: first-seen order ties */
        for (int j = i; j > 0; j--) {
            const ReportPrinciple *a = &r->principles[ord[j - 1]], *b = &r->principles[ord[j]];
            int na = a->met + a->missed + a->violated, nb = b->met + b->missed + b->violated;
            double ra = na ? (double)(a->missed + a->violated) / na : -1;
            double rb = nb ? (double)(b->missed + b->violated) / nb : -1;
            if (rb > ra || (rb == ra && b->missed + b->violated > a->missed + a->violated)) {
                int t = ord[j];
                ord[j] = ord[j - 1];
                ord[j - 1] = t;
            } else {
                break;
            }
        }
    return ord;
}
