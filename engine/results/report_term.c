/* report_term: the report's terminal summary: tables aligned by display width, every text
 * from the results made printable. */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results/display.h"
#include "results/report.h"
#include "results/report_check.h"
#include "results/report_data.h"

#define TABLE_MAX_COLS 12 /* the widest table: trainees, nine columns */

/* Rows of cells printed in columns aligned by display width. The cells are kept one after
 * another in text, each ending in a NUL. */
typedef struct Table {
    int ncols;
    const char *align;        /* 'l' or 'r' per column */
    int maxw[TABLE_MAX_COLS]; /* a column's widest (0: no limit) */
    Buf text;
    size_t *at; /* where each cell starts in text */
    int n, cap;
    int oom;
} Table;

#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void
cellf(Table *t, const char *fmt, ...)
{
    char tmp[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    if (t->n == t->cap) {
        int ncap = t->cap ? t->cap * 2 : 64;
        size_t *v = realloc(t->at, sizeof *v * (size_t)ncap);
        if (!v) {
            t->oom = 1;
            return;
        }
        t->at = v;
        t->cap = ncap;
    }
    t->at[t->n++] = t->text.len;
    buf_put(&t->text, tmp, strlen(tmp) + 1);
}

static void cell(Table *t, const char *s)
{
    cellf(t, "%s", s);
}

/* Prints the table, the first row as its header with a rule under it, and frees it. Returns 0,
 * or -1 when memory ran out building it (nothing printed: a table with rows missing would be
 * a wrong answer). */
static int table_print(Table *t, FILE *out)
{
    int w[TABLE_MAX_COLS] = {0};
    Buf b = {0};
    int failed = t->oom || t->text.oom;
    if (failed)
        t->n = 0;
    for (int i = 0; i < t->n; i++) {
        int c = i % t->ncols;
        buf_clear(&b);
        int cw = display_cut(&b, t->text.p + t->at[i], t->maxw[c]);
        if (cw > w[c])
            w[c] = cw;
    }
    int total = 0;
    for (int c = 0; c < t->ncols; c++)
        total += w[c] + (c ? 2 : 0);
    for (int i = 0; i < t->n; i++) {
        int c = i % t->ncols;
        buf_clear(&b);
        int cw = display_cut(&b, t->text.p + t->at[i], t->maxw[c]);
        int pad = w[c] - cw;
        if (c)
            fputs("  ", out);
        if (t->align[c] == 'r')
            fprintf(out, "%*s", pad, "");
        fwrite(b.p ? b.p : "", 1, b.len, out);
        if (t->align[c] != 'r' && c + 1 < t->ncols)
            fprintf(out, "%*s", pad, "");
        if (c + 1 == t->ncols) {
            fputc('\n', out);
            if (i + 1 == t->ncols) {
                for (int k = 0; k < total; k++)
                    fputs("─", out);
                fputc('\n', out);
            }
        }
    }
    failed |= b.oom;
    buf_free(&b);
    free(t->at);
    buf_free(&t->text);
    return failed ? -1 : 0;
}

/* The files that do not say what was scored (report_check.h), when there are any. */
static void report_check_text(const Report *r, FILE *out)
{
    if (!r->nchecked_bad)
        return;
    fprintf(out, "== 需要核对的结果 (%d) ==\n", r->nchecked_bad);
    for (int i = 0; i < r->nrows; i++) {
        const Row *x = &r->rows[i];
        if (!x->check)
            continue;
        fprintf(out, "%s: %s: %s (总分 %d)\n", x->path, r->trainee_names[x->trainee],
                report_check_label(x->check), x->total);
    }
    fputc('\n', out);
}

int report_write_text(const Report *r, FILE *out)
{
    int oom = 0;
    char a[64], b2[64], c[64];
    Buf b = {0};
    assert(r->finished);

    fputs("客服训练营 · 培训报告\n", out);
    report_day(r->t_min, a, sizeof a);
    report_day(r->t_max, b2, sizeof b2);
    report_utc_offset(r->t_max, c, sizeof c);
    fprintf(out, "会话 %d 场 · 学员 %d 人 · 场景 %d 个 · %s 至 %s (%s)\n", r->nrows, r->ntrainees,
            r->nscenarios, a, b2, c);
    report_mode_line(r, &b);
    fwrite(b.p, 1, b.len, out);
    fputc('\n', out);
    buf_clear(&b);
    fprintf(out, "平均分 %.1f · 通过 %d 场 (%.0f%%)\n", r->average, r->passes,
            report_pct(r->passes, r->nrows));
    report_filters(r, &b);
    if (b.len) {
        fputs("筛选:", out);
        Buf t = {0}; /* the names come from the command line: still made printable */
        display_cut(&t, b.p, 0);
        fwrite(t.p, 1, t.len, out);
        buf_free(&t);
        fputc('\n', out);
    }
    buf_free(&b);

    fputs("\n== 学员 ==\n", out);
    Table t = {.ncols = 9, .align = "lrrrrrrll", .maxw = {16, 0, 0, 0, 0, 0, 0, 0, 48}};
    static const char *const th[] = {"学员",   "场次", "最高", "最近",           "平均",
                                     "通过率", "进步", "状态", "最常失分 (场次)"};
    for (int i = 0; i < 9; i++)
        cell(&t, th[i]);
    for (int i = 0; i < r->ntrainees; i++) {
        const ReportTrainee *x = &r->trainees[i];
        cell(&t, x->name);
        cellf(&t, "%d", x->sessions);
        cellf(&t, "%d", x->best);
        cellf(&t, "%d", x->latest);
        cellf(&t, "%.1f", x->average);
        cellf(&t, "%.0f%%", report_pct(x->passes, x->sessions));
        if (isfinite(x->progress))
            cellf(&t, "%+.1f", x->progress);
        else
            cell(&t, "—");
        cellf(&t, "%s (%s %d/%d)", x->ready ? "就绪" : "未就绪", x->ready_exam ? "考试" : "练习",
              x->ready_passed, x->ready_needed);
        Buf top = {0};
        for (int k = 0; k < x->ntop; k++) {
            const ReportPrinciple *p = &r->principles[x->top[k]];
            buf_printf(&top, "%s%s %d", k ? "、" : "", p->name[0] ? p->name : p->id,
                       x->top_count[k]);
        }
        cell(&t, top.p ? top.p : "—");
        buf_free(&top);
    }
    oom |= table_print(&t, out) < 0;
    report_ready_note(r, &b);
    fprintf(out, "\n%.*s\n", (int)b.len, b.p ? b.p : "");
    buf_clear(&b);

    fputs("\n== 进步 (每个场景: 首次、最近、近期加权平均) ==\n", out);
    Table g = {.ncols = 7, .align = "llrrrrr", .maxw = {16, 20}};
    static const char *const gh[] = {"学员", "场景", "次数", "首次", "最近", "加权平均", "进步"};
    for (int i = 0; i < 7; i++)
        cell(&g, gh[i]);
    for (int i = 0; i < r->nprogress; i++) {
        const ReportProgress *x = &r->progress[i];
        cell(&g, r->trainees[x->trainee].name);
        cell(&g, r->scenarios[x->scenario].pub.id);
        cellf(&g, "%d", x->attempts);
        cellf(&g, "%d", x->first);
        cellf(&g, "%d", x->latest);
        cellf(&g, "%.1f", x->weighted);
        if (isfinite(x->progress))
            cellf(&g, "%+.1f", x->progress);
        else
            cell(&g, "—");
    }
    oom |= table_print(&g, out) < 0;
    fputs(REPORT_PROGRESS_NOTE "\n", out);
    buf_free(&b);

    fputs("\n== 场景 ==\n", out);
    Table s = {.ncols = 10, .align = "llrrrrrrrr", .maxw = {20, 20}};
    static const char *const sh[] = {"场景", "名称", "场次", "平均", "通过率"};
    for (int i = 0; i < 5; i++)
        cell(&s, sh[i]);
    for (int k = OUTCOME_SALE; k <= OUTCOME_ESCALATED; k++)
        cell(&s, outcome_brief((Outcome)k));
    cellf(&s, "%s/%s", outcome_brief(OUTCOME_ABANDONED), outcome_brief(OUTCOME_INCOMPLETE));
    for (int i = 0; i < r->nscenarios; i++) {
        const ReportScenario *x = &r->scenarios[i].pub;
        cell(&s, x->id);
        cell(&s, x->title[0] ? x->title : "—");
        cellf(&s, "%d", x->sessions);
        cellf(&s, "%.1f", x->average);
        cellf(&s, "%.0f%%", report_pct(x->passes, x->sessions));
        for (int k = OUTCOME_SALE; k <= OUTCOME_ESCALATED; k++)
            cellf(&s, "%d", x->outcomes[k]);
        cellf(&s, "%d/%d", x->outcomes[OUTCOME_ABANDONED], x->outcomes[OUTCOME_INCOMPLETE]);
    }
    oom |= table_print(&s, out) < 0;

    fputs("\n== 原则 (最常失分在前) ==\n", out);
    Table p = {.ncols = 8, .align = "lllrrrrr", .maxw = {16, 24}};
    static const char *const ph[] = {"原则", "编号",   "类型", "评分场次",
                                     "达成", "未达成", "违反", "达成率"};
    for (int i = 0; i < 8; i++)
        cell(&p, ph[i]);
    int *ord = report_principles_by_trouble(r);
    for (int i = 0; ord && i < r->nprinciples; i++) {
        const ReportPrinciple *x = &r->principles[ord[i]];
        int scored = x->met + x->missed + x->violated;
        cell(&p, x->name[0] ? x->name : x->id);
        cell(&p, x->id);
        cell(&p, report_kind_label(x->kind));
        cellf(&p, "%d", scored);
        cellf(&p, "%d", x->met);
        cellf(&p, "%d", x->missed);
        cellf(&p, "%d", x->violated);
        if (scored)
            cellf(&p, "%.0f%%", report_pct(x->met, scored));
        else
            cell(&p, "—");
    }
    oom |= table_print(&p, out) < 0;

    /* How often reviewers disagreed with the detector, shown when anyone reviewed. */
    if (r->nverdicts) {
        fprintf(out, "\n== 复核: 人工判定与检测不一致 (%d 条) ==\n", r->nverdicts);
        Table v = {.ncols = 7, .align = "llrrrrr", .maxw = {16, 24}};
        static const char *const vh[] = {"原则", "编号", "误报", "漏报", "有异议场次", "评分场次",
                                         "异议率"};
        for (int i = 0; i < 7; i++)
            cell(&v, vh[i]);
        for (int i = 0; ord && i < r->nprinciples; i++) {
            const ReportPrinciple *x = &r->principles[ord[i]];
            int scored = x->met + x->missed + x->violated;
            if (!x->disputed)
                continue;
            cell(&v, x->name[0] ? x->name : x->id);
            cell(&v, x->id);
            cellf(&v, "%d", x->false_alarms);
            cellf(&v, "%d", x->misses);
            cellf(&v, "%d", x->disputed);
            cellf(&v, "%d", scored);
            if (scored)
                cellf(&v, "%.0f%%", report_pct(x->disputed, scored));
            else
                cell(&v, "—");
        }
        oom |= table_print(&v, out) < 0;
        fputs("误报: 检测认为有、复核认为没有; 漏报: 检测没发现、复核认为有 (kefu review)\n", out);
    }
    free(ord);

    const ReportTiming *tm = &r->timing;
    char sf[64], sw[64], st[64];
    report_standard_label(sf, sizeof sf, "≤", tm->first_standard, "秒");
    report_standard_label(sw, sizeof sw, "≤", tm->wait_standard, "秒");
    report_standard_label(st, sizeof st, "≥", tm->typing_standard, "字/分钟");
    fputs("\n== 响应时间 ==\n", out);
    report_fmt_num(a, sizeof a, 1, tm->first_avg);
    report_fmt_num(b2, sizeof b2, 1, tm->first_median);
    report_fmt_num(c, sizeof c, 1, tm->first_n ? tm->first_max : NAN);
    fprintf(out,
            "首次响应 (%s): %d 场有回复, 平均 %s 秒, 中位 %s 秒, 最长 %s 秒; "
            "达标 %d 场 (%.0f%%), 未回复 %d 场\n",
            sf, tm->first_n, a, b2, c, tm->first_within, report_pct(tm->first_within, tm->first_n),
            tm->no_reply);
    report_fmt_num(a, sizeof a, 1, tm->wait_avg);
    report_fmt_num(b2, sizeof b2, 1, tm->replies ? tm->wait_max : NAN);
    fprintf(out,
            "回复等待 (%s): 回复 %d 次, 平均 %s 秒, 最长 %s 秒; 超时 %d 次 (%.0f%%), "
            "涉及 %d 场\n",
            sw, tm->replies, a, b2, tm->replies_over, report_pct(tm->replies_over, tm->replies),
            tm->sessions_over);
    report_fmt_num(a, sizeof a, 0, tm->typing_avg);
    fprintf(out, "打字速度 (%s): %d 场有记录, 平均 %s 字/分钟, 低于标准 %d 场; 粘贴的回复 %d 条 (不计入)\n",
            st, tm->typing_n, a, tm->typing_below, tm->pasted);
    Table w = {.ncols = 6, .align = "lrrrrr", .maxw = {16}};
    static const char *const wh[] = {"学员",     "平均首响(秒)", "首响达标",
                                     "回复次数", "平均等待(秒)", "超时回复"};
    for (int i = 0; i < 6; i++)
        cell(&w, wh[i]);
    for (int i = 0; i < r->ntrainees; i++) {
        const ReportTrainee *x = &r->trainees[i];
        cell(&w, x->name);
        report_fmt_num(a, sizeof a, 1, x->first_avg);
        cell(&w, a);
        cellf(&w, "%d/%d", x->first_within, x->first_n);
        cellf(&w, "%d", x->replies);
        report_fmt_num(a, sizeof a, 1, x->wait_avg);
        cell(&w, a);
        cellf(&w, "%d", x->replies_over);
    }
    oom |= table_print(&w, out) < 0;
    fputc('\n', out);
    report_check_text(r, out);
    if (oom) {
        /* the summary is incomplete: say so, never exit 0 with rows missing */
        fputs("kefu report: out of memory: the summary above is incomplete\n", stderr);
        return -1;
    }
    return ferror(out) ? -1 : 0;
}
