/* dboverview: the overview page, every figure from one SQL query per section. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
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

static const char q_summary[] =
    "SELECT count(*), count(*) FILTER (WHERE pass), round(avg(total), 1),"
    " to_char(min(started_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD'),"
    " to_char(max(started_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD'),"
    " round(avg(first_response_s), 1), count(*) FILTER (WHERE first_response_s IS NULL),"
    " round(avg(avg_response_s), 1), round(avg(typing_cpm)),"
    " count(*) FILTER (WHERE waits_over > 0)"
    " FROM kefu.results WHERE_FILTER";

static const char q_histogram[] = "SELECT least(total / 10, 9), count(*) FROM kefu.results"
                                  " WHERE_FILTER GROUP BY 1 ORDER BY 1";

/* The latest session of each trainee through the (trainee, started_at) index. */
static const char q_trainees[] =
    "SELECT g.trainee, g.n, g.passes, g.avg, g.best, g.first_s, g.wait_s, l.total, l.pass"
    " FROM (SELECT trainee, count(*) AS n, count(*) FILTER (WHERE pass) AS passes,"
    "   round(avg(total), 1) AS avg, max(total) AS best,"
    "   round(avg(first_response_s), 1) AS first_s, round(avg(avg_response_s), 1) AS wait_s"
    "   FROM kefu.results WHERE_FILTER GROUP BY trainee) g,"
    " LATERAL (SELECT total, pass FROM kefu.results WHERE_FILTER AND trainee = g.trainee"
    "   ORDER BY started_at DESC LIMIT 1) l"
    " ORDER BY g.trainee";

static const char q_scenarios[] =
    "SELECT g.*, (SELECT body->'scenario'->>'title' FROM kefu.results r"
    "   WHERE r.scenario = g.scenario LIMIT 1)"
    " FROM (SELECT scenario, count(*), count(*) FILTER (WHERE pass), round(avg(total), 1),"
    "   count(*) FILTER (WHERE outcome = 'sale'), count(*) FILTER (WHERE outcome = 'resolved'),"
    "   count(*) FILTER (WHERE outcome = 'left'), count(*) FILTER (WHERE outcome = 'escalated'),"
    "   count(*) FILTER (WHERE outcome = 'abandoned'),"
    "   count(*) FILTER (WHERE outcome = 'incomplete')"
    "   FROM kefu.results WHERE_FILTER GROUP BY scenario) g ORDER BY g.scenario";

/* Per trainee and principle. Without filters but trainees the uploads' tally answers; the
 * parameters $2 to $5 are then NULL, and named only so the statement has all five. */
static const char q_tally[] =
    "SELECT trainee, principle, max(name), max(kind), sum(met), sum(missed), sum(violated),"
    " sum(not_applicable) FROM kefu.principle_tally"
    " WHERE ($1::text[] IS NULL OR trainee = ANY ($1::text[])) AND $2::text IS NULL"
    " AND $3::text IS NULL AND $4::bigint IS NULL AND $5::bigint IS NULL"
    " GROUP BY trainee, principle";

/* With a scenario, mode or dates: counted from the cohort's principle rows. */
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

static double num(const char *s)
{
    return s ? atof(s) : 0;
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
    /* Both lists are sorted by trainee name the same way only if the server's collation is
     * byte order; match names instead, walking the sorted trainees with a binary search. */
    for (int r = 0; r < cells->nrows; r++) {
        int lo = 0, hi = nt - 1, t = -1;
        const char *name = cell(cells, r, 0);
        while (lo <= hi) {
            int mid = (lo + hi) / 2, c = strcmp(cell(trainees, mid, 0), name);
            if (c == 0) {
                t = mid;
                break;
            }
            if (c < 0)
                lo = mid + 1;
            else
                hi = mid - 1;
        }
        if (t < 0) /* collation order differs from byte order: a linear search */
            for (int k = 0; k < nt && t < 0; k++)
                if (strcmp(cell(trainees, k, 0), name) == 0)
                    t = k;
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
    Rows sum = {0}, hist = {0}, tr = {0}, sc = {0}, pc = {0}, modes = {0};
    OvPrinciple *p = NULL;
    int np = 0;
    long sessions = -1;
    if (strcmp(mode, "auto") == 0) {
        /* As the report decides: the exam sessions when there are any. */
        if (select_rows(db, q_modes, &f, &modes, err) < 0)
            goto done;
        mode = num(cell(&modes, 0, 0)) > 0 ? "exam" : "practice";
    }
    f.mode = strcmp(mode, "all") == 0 ? NULL : mode;
    if (select_rows(db, q_summary, &f, &sum, err) < 0)
        goto done;
    sessions = atol(cell(&sum, 0, 0));
    if (sessions == 0)
        goto done;
    int use_tally = !f.scenario && !f.mode && !f.has_since && !f.has_until;
    if (select_rows(db, q_histogram, &f, &hist, err) < 0 ||
        select_rows(db, q_trainees, &f, &tr, err) < 0 ||
        select_rows(db, q_scenarios, &f, &sc, err) < 0 ||
        select_rows(db, use_tally ? q_tally : q_cohort_principles, &f, &pc, err) < 0) {
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
    rows_free(&sum);
    rows_free(&hist);
    rows_free(&tr);
    rows_free(&sc);
    rows_free(&pc);
    rows_free(&modes);
    return sessions;
}
