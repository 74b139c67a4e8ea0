/* dboverview: the overview page, every figure from one SQL query per section. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/platform.h"
#include "store/dboverview.h"

/* ------------------------------------------------------------------------ collecting rows */

/* A query's rows as text: vals[row * ncols + col], each malloc'd (NULL for SQL NULL). */
typedef struct Rows {
    char **vals;
    int ncols, nrows, cap;
    int oom;
} Rows;

static int add_row(void *ud, int ncols, const char *const *vals)
{
    Rows *t = ud;
    if (t->nrows == t->cap) {
        int cap = t->cap ? t->cap * 2 : 64;
        char **grown = realloc(t->vals, (size_t)cap * (size_t)ncols * sizeof *grown);
        if (!grown) {
            t->oom = 1;
            return 1;
        }
        t->vals = grown;
        t->cap = cap;
    }
    t->ncols = ncols;
    for (int c = 0; c < ncols; c++) {
        char *v = vals[c] ? strdup(vals[c]) : NULL;
        if (vals[c] && !v) {
            for (int k = 0; k < c; k++)
                free(t->vals[t->nrows * ncols + k]);
            t->oom = 1;
            return 1;
        }
        t->vals[t->nrows * ncols + c] = v;
    }
    t->nrows++;
    return 0;
}

static void rows_free(Rows *t)
{
    for (int i = 0; i < t->nrows * t->ncols; i++)
        free(t->vals[i]);
    free(t->vals);
    memset(t, 0, sizeof *t);
}

static const char *cell(const Rows *t, int r, int c)
{
    return t->vals[r * t->ncols + c];
}

static int select_rows(Db *db, const char *sql, const DbFilter *f, Rows *out, KefuError *err)
{
    memset(out, 0, sizeof *out);
    if (db_select(db, sql, f, add_row, out, err) < 0) {
        rows_free(out);
        return -1;
    }
    if (out->oom) {
        rows_free(out);
        kerr_set(err, "out of memory");
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ the queries */

/* One parallel pass over the results: sums and counts per (trainee, scenario), from which the
 * totals, the score distribution, the trainees and the scenarios are all added up here (a
 * GROUPING SETS query would scan once too, but in one process). Names sort bytewise, so a
 * trainee's rows come together and the heat map can look names up. */
static const char q_groups[] =
    "SELECT trainee, scenario, count(*), count(*) FILTER (WHERE pass), sum(total), max(total),"
    " sum(first_response_s), count(first_response_s), sum(avg_response_s),"
    " count(avg_response_s), sum(typing_cpm), count(typing_cpm),"
    " count(*) FILTER (WHERE waits_over > 0), count(*) FILTER (WHERE first_response_s IS NULL),"
    " extract(epoch FROM min(started_at)), extract(epoch FROM max(started_at)),"
    " count(*) FILTER (WHERE outcome = 'sale'), count(*) FILTER (WHERE outcome = 'resolved'),"
    " count(*) FILTER (WHERE outcome = 'left'), count(*) FILTER (WHERE outcome = 'escalated'),"
    " count(*) FILTER (WHERE outcome = 'abandoned'),"
    " count(*) FILTER (WHERE outcome = 'incomplete'),"
    " count(*) FILTER (WHERE total < 10), count(*) FILTER (WHERE total BETWEEN 10 AND 19),"
    " count(*) FILTER (WHERE total BETWEEN 20 AND 29),"
    " count(*) FILTER (WHERE total BETWEEN 30 AND 39),"
    " count(*) FILTER (WHERE total BETWEEN 40 AND 49),"
    " count(*) FILTER (WHERE total BETWEEN 50 AND 59),"
    " count(*) FILTER (WHERE total BETWEEN 60 AND 69),"
    " count(*) FILTER (WHERE total BETWEEN 70 AND 79),"
    " count(*) FILTER (WHERE total BETWEEN 80 AND 89), count(*) FILTER (WHERE total >= 90)"
    " FROM kefu.results WHERE_FILTER GROUP BY trainee, scenario"
    " ORDER BY trainee COLLATE \"C\", scenario COLLATE \"C\"";

/* Each trainee's latest session: the trainees found by skipping through the (trainee,
 * started_at) index (one probe per trainee, not a scan), then the newest row of each. */
static const char q_latest[] =
    "WITH RECURSIVE t(name) AS ("
    " (SELECT trainee FROM kefu.results WHERE_FILTER ORDER BY trainee LIMIT 1)"
    " UNION ALL"
    " SELECT (SELECT trainee FROM kefu.results WHERE_FILTER AND trainee > t.name"
    "   ORDER BY trainee LIMIT 1) FROM t WHERE t.name IS NOT NULL)"
    " SELECT t.name, l.total, l.pass FROM t, LATERAL (SELECT total, pass FROM kefu.results"
    "   WHERE_FILTER AND trainee = t.name ORDER BY started_at DESC LIMIT 1) l"
    " WHERE t.name IS NOT NULL";

/* A title per scenario from one row of each, the scenarios found by skipping through the
 * (scenario, started_at) index. Titles do not depend on the filters, whose parameters are
 * named only so the statement has all five. */
static const char q_titles[] =
    "WITH RECURSIVE t(name) AS ("
    " (SELECT scenario FROM kefu.results ORDER BY scenario LIMIT 1)"
    " UNION ALL"
    " SELECT (SELECT scenario FROM kefu.results WHERE scenario > t.name ORDER BY scenario"
    "   LIMIT 1) FROM t WHERE t.name IS NOT NULL)"
    " SELECT t.name, (SELECT body->'scenario'->>'title' FROM kefu.results r"
    "   WHERE r.scenario = t.name LIMIT 1) FROM t"
    " WHERE t.name IS NOT NULL"
    " AND num_nulls($1::text[], $2::text, $3::text, $4::bigint, $5::bigint) >= 0";

/* Per trainee and principle. Without filters but trainees and a mode the uploads' tally
 * answers (it is kept per mode); the parameters $2, $4 and $5 are then NULL, and named only so
 * the statement has all five. */
static const char q_tally[] =
    "SELECT trainee, principle, max(name), max(kind), sum(met), sum(missed), sum(violated),"
    " sum(not_applicable) FROM kefu.principle_tally"
    " WHERE ($1::text[] IS NULL OR trainee = ANY ($1::text[])) AND $2::text IS NULL"
    " AND ($3::text IS NULL OR mode = $3::text) AND $4::bigint IS NULL AND $5::bigint IS NULL"
    " GROUP BY trainee, principle";

/* With a scenario or dates: counted from the cohort's principle rows. */
static const char q_cohort_principles[] =
    "SELECT p.trainee, p.principle, max(p.name), max(p.kind),"
    " count(*) FILTER (WHERE p.status = 'met'), count(*) FILTER (WHERE p.status = 'missed'),"
    " count(*) FILTER (WHERE p.status = 'violated'),"
    " count(*) FILTER (WHERE p.status = 'not_applicable')"
    " FROM kefu.result_principles p"
    " WHERE p.result_id IN (SELECT id FROM kefu.results WHERE_FILTER)"
    " GROUP BY p.trainee, p.principle";

static const char q_modes[] = "SELECT count(*) FILTER (WHERE mode = 'exam'), count(*)"
                              " FROM kefu.results WHERE_FILTER";

static double num(const char *s)
{
    return s ? atof(s) : 0;
}

/* Running sums of one trainee, one scenario or everything. */
typedef struct Sums {
    double n, passes, total, best, first, nfirst, wait, nwait, typing, ntyping, over, noreply;
    double from, to;
    double outcomes[6], buckets[10];
} Sums;

static void sums_add(Sums *a, const Rows *g, int r)
{
    double n = num(cell(g, r, 2));
    if (a->n == 0 || num(cell(g, r, 14)) < a->from)
        a->from = num(cell(g, r, 14));
    if (a->n == 0 || num(cell(g, r, 15)) > a->to)
        a->to = num(cell(g, r, 15));
    if (num(cell(g, r, 5)) > a->best)
        a->best = num(cell(g, r, 5));
    a->n += n;
    a->passes += num(cell(g, r, 3));
    a->total += num(cell(g, r, 4));
    a->first += num(cell(g, r, 6));
    a->nfirst += num(cell(g, r, 7));
    a->wait += num(cell(g, r, 8));
    a->nwait += num(cell(g, r, 9));
    a->typing += num(cell(g, r, 10));
    a->ntyping += num(cell(g, r, 11));
    a->over += num(cell(g, r, 12));
    a->noreply += num(cell(g, r, 13));
    for (int k = 0; k < 6; k++)
        a->outcomes[k] += num(cell(g, r, 16 + k));
    for (int k = 0; k < 10; k++)
        a->buckets[k] += num(cell(g, r, 22 + k));
}

/* "12.3" of sum / count to one decimal, or NULL (shown as a dash) when count is 0. */
static const char *mean(char *buf, double sum, double count, int decimals)
{
    if (count <= 0)
        return NULL;
    snprintf(buf, 32, "%.*f", decimals, sum / count);
    return buf;
}

static void day(char *buf, double epoch)
{
    time_t t = (time_t)epoch;
    struct tm tm;
    plat_gmtime(t, &tm);
    strftime(buf, 32, "%Y-%m-%d", &tm);
}

static int push(Rows *dst, const char *const *vals, int n)
{
    add_row(dst, n, vals);
    return dst->oom ? -1 : 0;
}

/* One trainee's row (the layout the trainees' table reads; the latest session comes later). */
static int push_trainee(Rows *tr, const char *name, const Sums *a)
{
    char n[32], p[32], avg[32], best[32], first[32], wait[32];
    snprintf(n, sizeof n, "%.0f", a->n);
    snprintf(p, sizeof p, "%.0f", a->passes);
    snprintf(best, sizeof best, "%.0f", a->best);
    const char *v[] = {name,
                       n,
                       p,
                       mean(avg, a->total, a->n, 1),
                       best,
                       mean(first, a->first, a->nfirst, 1),
                       mean(wait, a->wait, a->nwait, 1),
                       NULL,
                       NULL};
    return push(tr, v, 9);
}

/* Adds up the (trainee, scenario) groups into the page's four tables. */
static int add_up(const Rows *g, Rows *sum, Rows *hist, Rows *tr, Rows *sc)
{
    Sums all = {0}, one = {0};
    int nsc = 0, rc = 0;
    Sums *scs = calloc((size_t)(g->nrows ? g->nrows : 1), sizeof *scs);
    const char **names = calloc((size_t)(g->nrows ? g->nrows : 1), sizeof *names);
    if (!scs || !names) {
        free(scs);
        free(names);
        return -1;
    }
    for (int r = 0; r < g->nrows && rc == 0; r++) {
        sums_add(&all, g, r);
        sums_add(&one, g, r);
        if (r + 1 == g->nrows || strcmp(cell(g, r + 1, 0), cell(g, r, 0)) != 0) {
            rc = push_trainee(tr, cell(g, r, 0), &one);
            memset(&one, 0, sizeof one);
        }
        int i = 0;
        while (i < nsc && strcmp(names[i], cell(g, r, 1)) != 0)
            i++;
        if (i == nsc)
            names[nsc++] = cell(g, r, 1);
        sums_add(&scs[i], g, r);
    }
    /* Scenarios in bytewise order, as the titles are matched. */
    for (int i = 1; i < nsc; i++)
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            const char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
            Sums x = scs[j];
            scs[j] = scs[j - 1];
            scs[j - 1] = x;
        }
    char b[20][32];
    for (int i = 0; i < nsc && rc == 0; i++) {
        const Sums *a = &scs[i];
        snprintf(b[0], 32, "%.0f", a->n);
        snprintf(b[1], 32, "%.0f", a->passes);
        for (int k = 0; k < 6; k++)
            snprintf(b[2 + k], 32, "%.0f", a->outcomes[k]);
        const char *v[] = {names[i], b[0], b[1], mean(b[9], a->total, a->n, 1),
                           b[2],     b[3], b[4], b[5],
                           b[6],     b[7], NULL};
        rc = push(sc, v, 11);
    }
    for (int k = 0; k < 10 && rc == 0; k++) {
        if (all.buckets[k] <= 0)
            continue;
        snprintf(b[0], 32, "%d", k);
        snprintf(b[1], 32, "%.0f", all.buckets[k]);
        const char *v[] = {b[0], b[1]};
        rc = push(hist, v, 2);
    }
    if (rc == 0) {
        snprintf(b[0], 32, "%.0f", all.n);
        snprintf(b[1], 32, "%.0f", all.passes);
        day(b[3], all.from);
        day(b[4], all.to);
        snprintf(b[6], 32, "%.0f", all.noreply);
        snprintf(b[9], 32, "%.0f", all.over);
        const char *v[] = {b[0],
                           b[1],
                           mean(b[2], all.total, all.n, 1),
                           b[3],
                           b[4],
                           mean(b[5], all.first, all.nfirst, 1),
                           b[6],
                           mean(b[7], all.wait, all.nwait, 1),
                           mean(b[8], all.typing, all.ntyping, 0),
                           b[9]};
        rc = push(sum, v, 10);
    }
    free(scs);
    free(names);
    return rc;
}

/* Row i of rows (sorted bytewise by column 0) named name, or -1. */
static int find_name(const Rows *rows, const char *name)
{
    int lo = 0, hi = rows->nrows - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2, c = strcmp(cell(rows, mid, 0), name);
        if (c == 0)
            return mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* Copies n columns of each row of from (from column src on; column 0 names the row) into the
 * row of into with that name, from column dst on. Returns 0, or -1 out of memory. */
static int merge_column(Rows *into, int dst, const Rows *from, int src, int n)
{
    for (int r = 0; r < from->nrows; r++) {
        int i = find_name(into, cell(from, r, 0));
        if (i < 0)
            continue;
        for (int k = 0; k < n; k++) {
            const char *v = cell(from, r, src + k);
            char **slot = &into->vals[i * into->ncols + dst + k];
            free(*slot);
            *slot = v ? strdup(v) : NULL;
            if (v && !*slot)
                return -1;
        }
    }
    return 0;
}

/* ------------------------------------------------------------------------ writing */

static void esc(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '<':
            fputs("&lt;", out);
            break;
        case '>':
            fputs("&gt;", out);
            break;
        case '&':
            fputs("&amp;", out);
            break;
        case '"':
            fputs("&quot;", out);
            break;
        case '\'':
            fputs("&#39;", out);
            break;
        default:
            fputc(*s, out);
        }
    }
}

static const char *or_dash(const char *s)
{
    return s && *s ? s : "—";
}

static void pct(FILE *out, double part, double whole)
{
    if (whole > 0)
        fprintf(out, "%.0f%%", 100.0 * part / whole);
    else
        fputs("—", out);
}

/* Green for a principle kept, red for one lost: the share met among the sessions that had
 * occasion for it. */
static void heat_cell(FILE *out, double met, double lost)
{
    if (met + lost <= 0) {
        fputs("<td class=\"na\">·</td>", out);
        return;
    }
    double g = met / (met + lost);
    int r = (int)lround(230 - 120 * g), gr = (int)lround(120 + 100 * g), b = 120;
    fprintf(out, "<td style=\"background:#%02x%02x%02x\">%.0f</td>", r, gr, b, 100 * g);
}

static const char css[] =
    "body{font-family:sans-serif;margin:2em;color:#222}h1{font-size:1.5em}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:2px 6px;"
    "text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}"
    ".cards{display:flex;flex-wrap:wrap;gap:1em}.card{border:1px solid #ccc;padding:.6em 1em;"
    "border-radius:6px}.card b{display:block;font-size:1.4em}.bar{background:#4a7;height:1em}"
    ".heat td{font-size:.75em;padding:1px 3px}.na{color:#bbb}.scroll{overflow:auto}"
    ".sub{color:#666}";

typedef struct OvPrinciple {
    char *id, *name, *kind;
    double met, missed, violated, na;
} OvPrinciple;

static int find_principle(OvPrinciple *p, int n, const char *id)
{
    for (int i = 0; i < n; i++)
        if (strcmp(p[i].id, id) == 0)
            return i;
    return -1;
}

static int by_lost(const void *a, const void *b)
{
    const OvPrinciple *x = a, *y = b;
    double lx = x->missed + x->violated, ly = y->missed + y->violated;
    return lx < ly ? 1 : lx > ly ? -1 : strcmp(x->id, y->id);
}

static void write_principles(FILE *out, const OvPrinciple *p, int n)
{
    fputs("<section id=\"principles\"><h2>原则 (最常失分在前)</h2><div class=\"scroll\"><table>"
          "<tr><th class=\"l\">原则</th><th class=\"l\">类型</th><th>做到</th><th>没做到</th>"
          "<th>犯了</th><th>不适用</th><th>做到率</th></tr>",
          out);
    for (int i = 0; i < n; i++) {
        fputs("<tr><td class=\"l\">", out);
        esc(out, or_dash(p[i].name));
        fputs("</td><td class=\"l\">", out);
        const char *k = p[i].kind ? p[i].kind : "";
        esc(out, strcmp(k, "technique") == 0   ? "技巧"
                 : strcmp(k, "violation") == 0 ? "禁忌"
                 : strcmp(k, "timing") == 0    ? "时效"
                                               : or_dash(k));
        fprintf(out, "</td><td>%.0f</td><td>%.0f</td><td>%.0f</td><td>%.0f</td><td>", p[i].met,
                p[i].missed, p[i].violated, p[i].na);
        pct(out, p[i].met, p[i].met + p[i].missed + p[i].violated);
        fputs("</td></tr>", out);
    }
    fputs("</table></div></section>", out);
}

/* The heat map: one row per trainee (in trainees' order), one column per principle. */
static int write_heatmap(FILE *out, const Rows *trainees, const Rows *cells, const OvPrinciple *p,
                         int np)
{
    int nt = trainees->nrows;
    double *met = calloc((size_t)nt * (size_t)(np ? np : 1), sizeof *met);
    double *lost = calloc((size_t)nt * (size_t)(np ? np : 1), sizeof *lost);
    if (!met || !lost) {
        free(met);
        free(lost);
        return -1;
    }
    /* The trainees are in bytewise order (q_groups), the cells in any. */
    for (int r = 0; r < cells->nrows; r++) {
        int t = find_name(trainees, cell(cells, r, 0));
        int i = find_principle((OvPrinciple *)p, np, cell(cells, r, 1));
        if (t < 0 || i < 0)
            continue;
        met[t * np + i] += num(cell(cells, r, 4));
        lost[t * np + i] += num(cell(cells, r, 5)) + num(cell(cells, r, 6));
    }
    fputs("<section id=\"heatmap\"><h2>学员 × 原则 热力图 (做到率 %)</h2><div class=\"scroll\">"
          "<table class=\"heat\"><tr><th class=\"l\">学员</th>",
          out);
    for (int i = 0; i < np; i++) {
        fputs("<th>", out);
        esc(out, or_dash(p[i].name));
        fputs("</th>", out);
    }
    fputs("</tr>", out);
    for (int t = 0; t < nt; t++) {
        fputs("<tr><td class=\"l\">", out);
        esc(out, cell(trainees, t, 0));
        fputs("</td>", out);
        for (int i = 0; i < np; i++)
            heat_cell(out, met[t * np + i], lost[t * np + i]);
        fputs("</tr>", out);
    }
    fputs("</table></div></section>", out);
    free(met);
    free(lost);
    return 0;
}

long dboverview_write_html(Db *db, const ReportOptions *opt, FILE *out, KefuError *err)
{
    DbFilter f = {0};
    if (opt) {
        f.trainees = opt->trainees;
        f.ntrainees = opt->ntrainees;
        f.scenario = opt->scenario;
        f.since = opt->since;
        f.has_since = opt->has_since;
        f.until = opt->until;
        f.has_until = opt->has_until;
    }
    const char *mode = opt && opt->mode ? opt->mode : "all";
    Rows all = {0}, sum = {0}, hist = {0}, tr = {0}, sc = {0}, pc = {0}, modes = {0};
    Rows latest = {0}, titles = {0};
    OvPrinciple *p = NULL;
    int np = 0;
    long sessions = -1;
    /* The tally has its mode from version 2 on (db_migrations.c). */
    int version = db_version(db, err);
    if (version < 0)
        goto done;
    if (version < 2) {
        kerr_set(
            err,
            "database: its schema is version %d; the overview needs version 2: run kefu db migrate",
            version);
        goto done;
    }
    if (strcmp(mode, "auto") == 0) {
        /* As the report decides: the exam sessions when there are any. */
        if (select_rows(db, q_modes, &f, &modes, err) < 0)
            goto done;
        mode = num(cell(&modes, 0, 0)) > 0 ? "exam" : "practice";
    }
    f.mode = strcmp(mode, "all") == 0 ? NULL : mode;
    if (select_rows(db, q_groups, &f, &all, err) < 0)
        goto done;
    sessions = 0;
    for (int r = 0; r < all.nrows; r++)
        sessions += atol(cell(&all, r, 2));
    if (sessions == 0)
        goto done;
    int use_tally = !f.scenario && !f.has_since && !f.has_until;
    if (add_up(&all, &sum, &hist, &tr, &sc) < 0 ||
        select_rows(db, q_latest, &f, &latest, err) < 0 ||
        select_rows(db, q_titles, &f, &titles, err) < 0 ||
        select_rows(db, use_tally ? q_tally : q_cohort_principles, &f, &pc, err) < 0) {
        if (!err->msg[0])
            kerr_set(err, "out of memory");
        sessions = -1;
        goto done;
    }
    if (merge_column(&tr, 7, &latest, 1, 2) < 0 || merge_column(&sc, 10, &titles, 1, 1) < 0) {
        kerr_set(err, "out of memory");
        sessions = -1;
        goto done;
    }
    /* Principles: summed over trainees, in first-seen order, then most often lost first. */
    p = calloc((size_t)(pc.nrows ? pc.nrows : 1), sizeof *p);
    if (!p) {
        kerr_set(err, "out of memory");
        sessions = -1;
        goto done;
    }
    for (int r = 0; r < pc.nrows; r++) {
        int i = find_principle(p, np, cell(&pc, r, 1));
        if (i < 0) {
            i = np++;
            p[i].id = (char *)cell(&pc, r, 1);
            p[i].name = (char *)cell(&pc, r, 2);
            p[i].kind = (char *)cell(&pc, r, 3);
        }
        p[i].met += num(cell(&pc, r, 4));
        p[i].missed += num(cell(&pc, r, 5));
        p[i].violated += num(cell(&pc, r, 6));
        p[i].na += num(cell(&pc, r, 7));
    }
    qsort(p, (size_t)np, sizeof *p, by_lost);

    double n = (double)sessions;
    fprintf(out,
            "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
            "<title>客服训练营 · 培训总览</title><style>%s</style></head><body>"
            "<header><h1>客服训练营 · 培训总览</h1><p class=\"sub\">会话 %ld 场 · 学员 %d 人 · "
            "场景 %d 个 · %s 至 %s (UTC) · %s · 由数据库汇总</p></header>",
            css, sessions, tr.nrows, sc.nrows, or_dash(cell(&sum, 0, 3)), or_dash(cell(&sum, 0, 4)),
            strcmp(mode, "exam") == 0       ? "考试"
            : strcmp(mode, "practice") == 0 ? "练习"
                                            : "考试和练习");
    fprintf(out,
            "<section id=\"summary\"><h2>总览</h2><div class=\"cards\">"
            "<div class=\"card\">平均分<b>%s</b></div><div class=\"card\">通过<b>%s 场</b>",
            or_dash(cell(&sum, 0, 2)), cell(&sum, 0, 1));
    pct(out, num(cell(&sum, 0, 1)), n);
    fprintf(out,
            "</div><div class=\"card\">平均首次响应<b>%s 秒</b></div>"
            "<div class=\"card\">平均等待<b>%s 秒</b></div>"
            "<div class=\"card\">平均打字速度<b>%s 字/分钟</b></div>"
            "<div class=\"card\">有超时回复的会话<b>%s 场</b></div>"
            "<div class=\"card\">从未回复<b>%s 场</b></div></div></section>",
            or_dash(cell(&sum, 0, 5)), or_dash(cell(&sum, 0, 7)), or_dash(cell(&sum, 0, 8)),
            cell(&sum, 0, 9), cell(&sum, 0, 6));

    fputs("<section id=\"distribution\"><h2>分数分布</h2><table>", out);
    for (int r = 0; r < hist.nrows; r++) {
        int lo = atoi(cell(&hist, r, 0)) * 10;
        double c = num(cell(&hist, r, 1));
        fprintf(out,
                "<tr><td>%d–%d</td><td>%.0f</td><td class=\"l\" style=\"width:20em\">"
                "<div class=\"bar\" style=\"width:%.1f%%\"></div></td></tr>",
                lo, lo == 90 ? 100 : lo + 9, c, 100 * c / n);
    }
    fputs("</table></section>", out);

    fputs("<section id=\"trainees\"><h2>学员</h2><div class=\"scroll\"><table><tr>"
          "<th class=\"l\">学员</th><th>会话</th><th>通过</th><th>平均分</th><th>最高分</th>"
          "<th>最近一次</th><th>平均首次响应 (秒)</th><th>平均等待 (秒)</th></tr>",
          out);
    for (int r = 0; r < tr.nrows; r++) {
        fputs("<tr><td class=\"l\">", out);
        esc(out, cell(&tr, r, 0));
        fprintf(out, "</td><td>%s</td><td>", cell(&tr, r, 1));
        pct(out, num(cell(&tr, r, 2)), num(cell(&tr, r, 1)));
        fprintf(out, "</td><td>%s</td><td>%s</td><td>%s%s</td><td>%s</td><td>%s</td></tr>",
                or_dash(cell(&tr, r, 3)), or_dash(cell(&tr, r, 4)), or_dash(cell(&tr, r, 7)),
                cell(&tr, r, 8) && strcmp(cell(&tr, r, 8), "t") == 0 ? " ✓" : "",
                or_dash(cell(&tr, r, 5)), or_dash(cell(&tr, r, 6)));
    }
    fputs("</table></div></section>", out);

    fputs("<section id=\"scenarios\"><h2>场景</h2><div class=\"scroll\"><table><tr>"
          "<th class=\"l\">场景</th><th>会话</th><th>通过</th><th>平均分</th><th>成交</th>"
          "<th>问题解决</th><th>顾客流失</th><th>投诉/差评</th><th>放弃</th><th>未完成</th>"
          "</tr>",
          out);
    for (int r = 0; r < sc.nrows; r++) {
        fputs("<tr><td class=\"l\">", out);
        esc(out, cell(&sc, r, 0));
        if (cell(&sc, r, 10)) {
            fputs(" ", out);
            esc(out, cell(&sc, r, 10));
        }
        fprintf(out, "</td><td>%s</td><td>", cell(&sc, r, 1));
        pct(out, num(cell(&sc, r, 2)), num(cell(&sc, r, 1)));
        fprintf(out, "</td><td>%s</td>", or_dash(cell(&sc, r, 3)));
        for (int c = 4; c <= 9; c++)
            fprintf(out, "<td>%s</td>", cell(&sc, r, c));
        fputs("</tr>", out);
    }
    fputs("</table></div></section>", out);

    write_principles(out, p, np);
    if (write_heatmap(out, &tr, &pc, p, np) < 0) {
        kerr_set(err, "out of memory");
        sessions = -1;
        goto done;
    }
    fputs("</body></html>\n", out);
    if (ferror(out)) {
        kerr_set(err, "cannot write the page");
        sessions = -1;
    }
done:
    free(p);
    rows_free(&all);
    rows_free(&latest);
    rows_free(&titles);
    rows_free(&sum);
    rows_free(&hist);
    rows_free(&tr);
    rows_free(&sc);
    rows_free(&pc);
    rows_free(&modes);
    return sessions;
}
