/* report_html: the report as one self-contained HTML page (inline CSS and SVG, no script, no
 * network): the charts and tables from the figures, then each session's drill-down as
 * report_drill.c rendered it while the files were read. */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "base/date.h"
#include "judge/standards.h"
#include "results/display.h"
#include "results/report.h"
#include "results/report_check.h"
#include "base/text.h"
#include "results/report_data.h"

/* Text cut to maxw display columns with "…", then escaped. */
static void buf_html_cut(Buf *b, const char *s, int maxw)
{
    Buf t = {0};
    display_cut(&t, s, maxw);
    if (t.oom)
        b->oom = 1; /* a name left out would be a wrong report: fail the whole page */
    report_html_escape(b, t.p ? t.p : "", t.len);
    buf_free(&t);
}

/* ======================================================================================== */
/* The page                                                                                 */
/* ======================================================================================== */

static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
    /* Nothing may load from anywhere: the page is one file, read offline. */
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
    "style-src 'unsafe-inline'; img-src data:\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>客服训练营 · 培训报告</title>\n<style>\n"
    ":root{--ok:#1a7f37;--no:#cf222e;--mut:#57606a;--line:#d0d7de;--bg:#f6f8fa}\n"
    "body{margin:0;font:14px/1.6 \"Noto Sans CJK SC\",\"Source Han Sans SC\",\"WenQuanYi Micro "
    "Hei\",\"PingFang SC\",\"Microsoft YaHei\",sans-serif;color:#1f2328;background:#fff}\n"
    "main{max-width:1200px;margin:0 auto;padding:20px 28px}\n"
    "h1{font-size:26px;margin:0 0 4px}\n"
    "h2{font-size:19px;margin:34px 0 12px;padding-bottom:6px;border-bottom:2px solid "
    "var(--line)}\n"
    ".sub,.note{color:var(--mut)}.note{font-size:13px}\n"
    ".cards{display:flex;flex-wrap:wrap;gap:12px;margin:14px 0}\n"
    ".card{flex:1 1 100px;border:1px solid var(--line);border-radius:8px;padding:8px 14px;"
    "background:var(--bg)}\n"
    ".card b{display:block;font-size:24px;line-height:1.3}.card span{color:var(--mut);"
    "font-size:13px}\n"
    "table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}\n"
    "th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;"
    "vertical-align:middle}\n"
    "th{background:var(--bg);font-weight:600;white-space:nowrap}\n"
    "td.n,th.n{text-align:right;white-space:nowrap}\n"
    ".ok{color:var(--ok)}.no{color:var(--no)}\n"
    ".tag{display:inline-block;padding:0 8px;border-radius:10px;font-size:12px;"
    "white-space:nowrap}\n"
    ".tag.ok{background:#dafbe1}.tag.no{background:#ffebe9}\n"
    ".bar{display:inline-block;height:10px;border-radius:2px;background:#2da44e;"
    "vertical-align:middle;margin-right:6px}\n"
    "svg{display:block;max-width:100%;height:auto}svg text{font-family:inherit}\n"
    "svg.outcomes{width:100%;margin-top:4px}\n"
    "td svg{display:inline-block}\n"
    ".scroll{overflow-x:auto}\n"
    ".legend{font-size:13px}.legend i{display:inline-block;width:12px;height:12px;"
    "border-radius:2px;margin:0 4px 0 14px;vertical-align:-1px}\n"
    "details.trn{border:1px solid var(--line);border-radius:8px;margin:8px 0;padding:0 12px}\n"
    "details.trn>summary{font-weight:600;padding:8px 0;cursor:pointer}\n"
    "details.ses{border-top:1px solid var(--line);padding:4px 0}\n"
    "details.ses>summary{cursor:pointer}\n"
    "details.ses>summary>span{margin-right:12px}\n"
    ".when{color:var(--mut);font-variant-numeric:tabular-nums}\n"
    ".score{font-weight:700}.score.ok{color:var(--ok)}.score.no{color:var(--no)}\n"
    ".oc{font-size:12px;padding:0 8px;border-radius:10px;background:#eaeef2}\n"
    ".o1{background:#dafbe1}.o2{background:#ddf4ff}.o3{background:#fff8c5}"
    ".o4{background:#ffebe9}\n"
    ".meta{color:var(--mut);font-size:12px;margin:4px 0;overflow-wrap:anywhere}\n"
    ".chips{display:flex;flex-wrap:wrap;gap:4px;margin:6px 0}\n"
    ".chip{font-size:12px;padding:0 8px;border-radius:10px;border:1px solid var(--line)}\n"
    ".chip.met{background:#dafbe1}.chip.mis{background:#fff8c5}"
    ".chip.vio{background:#ffebe9;border-color:#ff8182}.chip.na{color:var(--mut)}\n"
    ".crit{color:var(--no);font-weight:600;margin:4px 0}\n"
    "ol.tr{list-style:none;padding:0;margin:8px 0}\n"
    "li.m{display:grid;grid-template-columns:minmax(0,1fr) 340px;grid-template-rows:auto 1fr;"
    "column-gap:16px;align-items:start;margin:6px 0}\n"
    ".who{grid-column:1;font-size:12px;color:var(--mut)}\n"
    ".bub{grid-column:1;justify-self:start;max-width:100%;white-space:pre-wrap;"
    "overflow-wrap:anywhere;padding:5px 10px;border-radius:8px;background:#f0f3f6}\n"
    "li.a .bub{background:#ddf4ff}\n"
    "li.y .bub{background:none;color:var(--mut);font-size:12px;padding:0 10px}\n"
    "ul.hits{grid-column:2;grid-row:1/span 2;list-style:none;margin:0;padding:0;"
    "font-size:12px}\n"
    "ul.hits li{border-left:3px solid #2da44e;padding:2px 8px;margin:2px 0;"
    "background:#f6fff8}\n"
    "ul.hits li.v{border-color:var(--no);background:#fff5f5}\n"
    "ul.hits q{overflow-wrap:anywhere}\n"
    "ul.hits cite{display:block;color:var(--mut);font-style:normal}\n"
    "mark.t{background:#aceebb}mark.v{background:#ffcecb}\n"
    ".wait.over{color:var(--no);font-weight:600}.nudge{color:#9a6700}\n"
    "ul.skips{font-size:12px;color:var(--mut);overflow-wrap:anywhere}\n"
    "footer{margin:30px 0 10px;color:var(--mut);font-size:13px}\n"
    "</style>\n</head>\n<body>\n<main>\n";

/* Writes out what b holds and empties it (a page can be tens of megabytes). */
static void flush_buf(Buf *b, FILE *out)
{
    if (b->len && !b->oom)
        fwrite(b->p, 1, b->len, out);
    buf_clear(b);
}

void report_trainee_page_name(const Report *r, int t, char *buf, size_t size)
{
    /* A number keeps names apart that sanitise alike; the name (letters, digits, CJK and other
     * non-ASCII kept, anything else '_') keeps the folder readable. */
    const char *name = r->trainees[t].name;
    size_t n = (size_t)snprintf(buf, size, "%03d-", t + 1);
    for (const char *p = name; *p && p - name < 60;) {
        unsigned char c = (unsigned char)*p;
        size_t len = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2; /* whole characters */
        if (n + len + 6 > size || strnlen(p, len) < len)
            break;
        int ok = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
                 (c >= 'A' && c <= 'Z') || c == '-' || c == '_';
        if (ok)
            memcpy(buf + n, p, len);
        else
            buf[n] = '_', len = 1;
        n += len;
        p += len;
    }
    snprintf(buf + n, size - n, ".html");
}

/* Where session ordinal of trainee t is: an anchor on this page, or on the trainee's page. */
static void session_href(const Report *r, Buf *b, int t, int ordinal)
{
    if (r->opt.html_pages) {
        char name[128];
        report_trainee_page_name(r, t, name, sizeof name);
        report_html_escape0(b, r->opt.html_pages);
        buf_puts(b, "/");
        report_html_escape0(b, name);
    }
    buf_printf(b, "#s%d", ordinal);
}

/* A key figure: v with decimals places and a suffix ("%"), or a dash when unknown. */
static void card(Buf *b, const char *label, int decimals, const char *suffix, double v)
{
    buf_puts(b, "<div class=\"card\"><b>");
    if (isfinite(v))
        buf_printf(b, "%.*f%s", decimals, v, suffix);
    else
        buf_puts(b, "—");
    buf_printf(b, "</b><span>%s</span></div>", label);
}

static const char *const outcome_colors[REPORT_OUTCOMES] = {
    "#afb8c1", "#2da44e", "#54aeff", "#d4a72c", "#cf222e", "#8c959f", "#d0d7de"};

static void html_summary(const Report *r, Buf *b)
{
    int ready = 0;
    for (int i = 0; i < r->ntrainees; i++)
        ready += r->trainees[i].ready;
    const ReportTiming *tm = &r->timing;
    buf_puts(b, "<section id=\"summary\"><h2>总览</h2><div class=\"cards\">");
    card(b, "会话", 0, "", r->nrows);
    card(b, "学员", 0, "", r->ntrainees);
    card(b, "场景", 0, "", r->nscenarios);
    card(b, "平均分", 1, "", r->average);
    card(b, "通过率", 0, "%", report_pct(r->passes, r->nrows));
    buf_printf(b, "<div class=\"card\"><b>%d/%d</b><span>就绪学员 (考试或必考场景通过)</span></div>",
               ready, r->ntrainees);
    card(b, "首次响应达标", 0, "%", tm->first_n ? report_pct(tm->first_within, tm->first_n) : NAN);
    card(b, "回复超时", 0, "%", tm->replies ? report_pct(tm->replies_over, tm->replies) : NAN);
    buf_puts(b, "</div>");

    /* Outcomes: one stacked bar. */
    buf_puts(b, "<svg class=\"outcomes\" viewBox=\"0 0 1000 34\" width=\"1000\" height=\"34\" "
                "role=\"img\" aria-label=\"结果分布\">");
    double x = 0;
    int total = 0;
    for (int k = 0; k < REPORT_OUTCOMES; k++)
        for (int i = 0; i < r->nscenarios; i++)
            total += r->scenarios[i].pub.outcomes[k];
    for (int k = 1; k < REPORT_OUTCOMES; k++) {
        int n = 0;
        for (int i = 0; i < r->nscenarios; i++)
            n += r->scenarios[i].pub.outcomes[k];
        if (!n || !total)
            continue;
        double w = 1000.0 * n / total;
        buf_printf(b,
                   "<rect x=\"%.1f\" y=\"2\" width=\"%.1f\" height=\"30\" fill=\"%s\">"
                   "<title>%s %d 场 (%.0f%%)</title></rect>",
                   x, w, outcome_colors[k], outcome_brief((Outcome)k), n, report_pct(n, total));
        if (w > 70)
            buf_printf(b, "<text x=\"%.1f\" y=\"22\" fill=\"#fff\" font-size=\"14\">%s %d</text>",
                       x + 8, outcome_brief((Outcome)k), n);
        x += w;
    }
    buf_puts(b, "</svg><div class=\"legend\">结果:");
    for (int k = 1; k < REPORT_OUTCOMES; k++) {
        int n = 0;
        for (int i = 0; i < r->nscenarios; i++)
            n += r->scenarios[i].pub.outcomes[k];
        buf_printf(b, "<i style=\"background:%s\"></i>%s %d", outcome_colors[k],
                   outcome_brief((Outcome)k), n);
    }
    buf_puts(b, "</div></section>\n");
}

static void html_histogram(const Report *r, Buf *b)
{
    int bins[10] = {0}, top = 1;
    for (int i = 0; i < r->nrows; i++) {
        int k = r->rows[i].total / 10;
        bins[k > 9 ? 9 : k < 0 ? 0 : k]++;
    }
    for (int k = 0; k < 10; k++)
        if (bins[k] > top)
            top = bins[k];
    /* Whole-number gridlines: at most four steps, the axis rounded up to a whole step. */
    int step = (top + 3) / 4, ticks = (top + step - 1) / step;
    top = step * ticks;
    const double x0 = 50, y0 = 236, pw = 600, ph = 200, bw = pw / 10;
    buf_puts(b, "<section id=\"distribution\"><h2>分数分布</h2>"
                "<svg class=\"hist\" viewBox=\"0 0 680 276\" width=\"680\" height=\"276\" "
                "role=\"img\" aria-label=\"分数分布\">");
    for (int g = 0; g <= ticks; g++) { /* grid lines and counts */
        double y = y0 - ph * g / ticks;
        buf_printf(b,
                   "<line x1=\"%g\" x2=\"%g\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eaeef2\"/>"
                   "<text x=\"%g\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\" "
                   "fill=\"#57606a\">%d</text>",
                   x0, x0 + pw, y, y, x0 - 6, y + 4, step * g);
    }
    for (int k = 0; k < 10; k++) {
        double h = ph * bins[k] / top, x = x0 + k * bw;
        int pass = (k + 1) * 10 > r->pass_mark_mode && k * 10 >= r->pass_mark_mode;
        buf_printf(b,
                   "<rect class=\"bin\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                   "fill=\"%s\"><title>%d–%d 分: %d 场</title></rect>",
                   x + 3, y0 - h, bw - 6, h, pass ? "#2da44e" : "#fa7a6e", k * 10,
                   k == 9 ? 100 : k * 10 + 9, bins[k]);
        if (bins[k])
            buf_printf(b,
                       "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"middle\">"
                       "%d</text>",
                       x + bw / 2, y0 - h - 4, bins[k]);
        buf_printf(b,
                   "<text x=\"%.1f\" y=\"%g\" font-size=\"11\" text-anchor=\"middle\" "
                   "fill=\"#57606a\">%d–%d</text>",
                   x + bw / 2, y0 + 16, k * 10, k == 9 ? 100 : k * 10 + 9);
    }
    double px = x0 + pw * r->pass_mark_mode / 100.0;
    buf_printf(b,
               "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"18\" y2=\"%g\" stroke=\"#1f2328\" "
               "stroke-dasharray=\"5 4\"/><text x=\"%.1f\" y=\"14\" font-size=\"12\" "
               "text-anchor=\"middle\">及格线 %d</text>",
               px, px, y0, px, r->pass_mark_mode);
    buf_printf(b,
               "<text x=\"%g\" y=\"268\" font-size=\"12\" text-anchor=\"middle\" "
               "fill=\"#57606a\">分数 (共 %d 场)</text></svg></section>\n",
               x0 + pw / 2, r->nrows);
}

/* One trainee's scores in time order: a line with a dot per attempt, linked to its session. */
static void html_attempts(const Report *r, Buf *b, int t)
{
    int first = r->trainee_first_row[t], n = r->trainee_first_row[t + 1] - first;
    double step = n > 1 ? (n - 1) * 16.0 > 280 ? 280.0 / (n - 1) : 16.0 : 0;
    double w = 20 + step * (n > 1 ? n - 1 : 0);
    buf_printf(b, "<svg class=\"att\" viewBox=\"0 0 %.0f 44\" width=\"%.0f\" height=\"44\">", w, w);
    double py = 40 - r->pass_mark_mode * 0.36;
    buf_printf(b,
               "<line x1=\"0\" x2=\"%.0f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#8c959f\" "
               "stroke-dasharray=\"3 3\"/>",
               w, py, py);
    if (n > 1) {
        buf_puts(b, "<polyline fill=\"none\" stroke=\"#54aeff\" stroke-width=\"1.5\" points=\"");
        for (int i = 0; i < n; i++)
            buf_printf(b, "%.1f,%.1f ", 10 + step * i, 40 - r->rows[first + i].total * 0.36);
        buf_puts(b, "\"/>");
    }
    for (int i = 0; i < n; i++) {
        const Row *x = &r->rows[first + i];
        char when[80];
        report_local_minute(x->t0, when, sizeof when);
        buf_puts(b, "<a href=\"");
        session_href(r, b, t, x->ordinal);
        buf_printf(b,
                   "\"><circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\">"
                   "<title>第 %d 次 · %s · ",
                   10 + step * i, 40 - x->total * 0.36, x->pass ? "#1a7f37" : "#cf222e",
                   i + 1, when);
        report_html_escape0(b, r->scenarios[x->scenario].pub.id);
        buf_printf(b, " · %d 分</title></circle></a>", x->total);
    }
    buf_puts(b, "</svg>");
}

/* The trend per trainee and scenario. */
static void html_progress(const Report *r, Buf *b, FILE *out)
{
    buf_puts(b, "<section id=\"progress\"><h2>进步 (每个场景)</h2><div class=\"scroll\"><table>"
                "<thead><tr><th>学员</th><th>场景</th><th class=\"n\">次数</th>"
                "<th class=\"n\">首次</th><th class=\"n\">最近</th><th class=\"n\">加权平均</th>"
                "<th class=\"n\">进步</th></tr></thead><tbody>\n");
    for (int i = 0; i < r->nprogress; i++) {
        const ReportProgress *x = &r->progress[i];
        buf_puts(b, "<tr><td>");
        report_html_escape0(b, r->trainees[x->trainee].name);
        buf_puts(b, "</td><td>");
        report_html_escape0(b, r->scenarios[x->scenario].pub.id);
        buf_printf(b, "</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                      "<td class=\"n\">%.1f</td><td class=\"n\">",
                   x->attempts, x->first, x->latest, x->weighted);
        if (isfinite(x->progress))
            buf_printf(b, "%+.1f", x->progress);
        else
            buf_puts(b, "—");
        buf_puts(b, "</td></tr>\n");
        if (b->len > (1u << 16))
            flush_buf(b, out);
    }
    buf_puts(b, "</tbody></table></div></section>\n");
}

static void html_trainees(const Report *r, Buf *b, FILE *out)
{
    buf_puts(b, "<section id=\"trainees\"><h2>学员</h2><div class=\"scroll\"><table><thead><tr>"
                "<th>学员</th><th class=\"n\">场次</th><th class=\"n\">最高</th>"
                "<th class=\"n\">最近</th><th class=\"n\">平均</th><th class=\"n\">通过率</th>"
                "<th class=\"n\">进步</th><th>状态</th><th>最常失分 (场次)</th>"
                "<th>历次成绩</th></tr></thead><tbody>\n");
    for (int i = 0; i < r->ntrainees; i++) {
        const ReportTrainee *x = &r->trainees[i];
        buf_puts(b, "<tr class=\"trainee\"><td class=\"name\">");
        report_html_escape0(b, x->name);
        buf_printf(b,
                   "</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                   "<td class=\"n avg\">%.1f</td><td class=\"n\">%.0f%%</td>"
                   "<td class=\"n\">",
                   x->sessions, x->best, x->latest, x->average, report_pct(x->passes, x->sessions));
        if (isfinite(x->progress))
            buf_printf(b, "%+.1f", x->progress);
        else
            buf_puts(b, "—");
        buf_printf(b, "</td><td><span class=\"tag %s\">%s</span> %s %d/%d</td><td>",
                   x->ready ? "ok" : "no", x->ready ? "就绪" : "未就绪",
                   x->ready_exam ? "考试" : "练习", x->ready_passed, x->ready_needed);
        for (int k = 0; k < x->ntop; k++) {
            const ReportPrinciple *p = &r->principles[x->top[k]];
            if (k)
                buf_puts(b, "、");
            report_html_escape0(b, p->name[0] ? p->name : p->id);
            buf_printf(b, " %d", x->top_count[k]);
        }
        if (!x->ntop)
            buf_puts(b, "—");
        buf_puts(b, "</td><td>");
        html_attempts(r, b, i);
        buf_puts(b, "</td></tr>\n");
        if (b->len > (1u << 16))
            flush_buf(b, out);
    }
    buf_puts(b, "</tbody></table></div><p class=\"note\">");
    buf_puts(b, REPORT_PROGRESS_NOTE "。");
    report_ready_note(r, b);
    buf_puts(b, "。历次成绩: 每个点是一场会话 (绿: 通过, 红: 未通过)，虚线为及格线，点击打开该会话记录。"
                "</p></section>\n");
    html_progress(r, b, out);
}

/* Good share 0..1 → red, yellow, green. */
static void heat_color(double g, char *buf, size_t size)
{
    static const int c0[3] = {0xff, 0x81, 0x82}, c1[3] = {0xff, 0xe5, 0x8f},
                     c2[3] = {0x6f, 0xdd, 0x8b};
    const int *a = g < 0.5 ? c0 : c1, *z = g < 0.5 ? c1 : c2;
    double f = g < 0.5 ? g * 2 : (g - 0.5) * 2;
    snprintf(buf, size, "#%02x%02x%02x", (int)lround(a[0] + (z[0] - a[0]) * f),
             (int)lround(a[1] + (z[1] - a[1]) * f), (int)lround(a[2] + (z[2] - a[2]) * f));
}

static int kind_rank(const char *kind)
{
    return strcmp(kind, "technique") == 0   ? 0
           : strcmp(kind, "timing") == 0    ? 1
           : strcmp(kind, "violation") == 0 ? 2
                                            : 3;
}

static void html_heatmap(const Report *r, Buf *b, FILE *out)
{
    int *cols = malloc(sizeof *cols * (size_t)(r->nprinciples ? r->nprinciples : 1));
    int(*cnt)[3] = calloc((size_t)(r->nprinciples ? r->nprinciples : 1), sizeof *cnt);
    int ncols = 0;
    if (!cols || !cnt) {
        b->oom = 1;
        free(cols);
        free(cnt);
        return;
    }
    for (int kr = 0; kr < 4; kr++) /* techniques, timing, violations; first-seen within each */
        for (int p = 0; p < r->nprinciples; p++) {
            const ReportPrinciple *x = &r->principles[p];
            if (kind_rank(x->kind) == kr && x->met + x->missed + x->violated > 0)
                cols[ncols++] = p;
        }
    const double lw = 130, cw = 38, ch = 24, top = 86;
    double w = lw + cw * ncols + 10, h = top + ch * r->ntrainees + 8;
    buf_puts(b, "<section id=\"heatmap\"><h2>学员 × 原则 热力图</h2>"
                "<p class=\"note\">每格: 该学员在评到此原则的会话中达成的比例 (%)；"
                "红 = 常失分，绿 = 稳定达成，灰 = 未评到。禁忌类的“达成”即没有违反。</p>"
                "<div class=\"scroll\">");
    buf_printf(b,
               "<svg class=\"heat\" viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" "
               "role=\"img\" aria-label=\"学员 × 原则 热力图\">",
               w, h, w, h);
    for (int c = 0; c < ncols; c++) {
        const ReportPrinciple *p = &r->principles[cols[c]];
        double x = lw + cw * c + cw / 2;
        buf_printf(b,
                   "<text transform=\"translate(%.1f %.0f) rotate(-55)\" font-size=\"12\" "
                   "fill=\"%s\"><title>",
                   x + 4, top - 6, kind_rank(p->kind) == 2 ? "#cf222e" : "#1f2328");
        report_html_escape0(b, p->id);
        if (p->source[0]) {
            buf_puts(b, " · 手册 ");
            report_html_citation(b, p->source);
        }
        buf_puts(b, "</title>");
        buf_html_cut(b, p->name[0] ? p->name : p->id, 14);
        buf_puts(b, "</text>");
    }
    for (int t = 0; t < r->ntrainees; t++) {
        memset(cnt, 0, sizeof *cnt * (size_t)(r->nprinciples ? r->nprinciples : 1));
        for (int i = r->trainee_first_row[t]; i < r->trainee_first_row[t + 1]; i++) {
            const Row *x = &r->rows[i];
            for (int k = 0; k < x->ps_n; k++) {
                const PStat *ps = &r->ps[x->ps_off + k];
                if (ps->st != ST_NA)
                    cnt[ps->p][ps->st]++;
            }
        }
        double y = top + ch * t;
        buf_printf(b, "<text x=\"%.0f\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">", lw - 8,
                   y + ch / 2 + 4);
        buf_html_cut(b, r->trainees[t].name, 16);
        buf_puts(b, "</text>");
        for (int c = 0; c < ncols; c++) {
            const int *k = cnt[cols[c]];
            int n = k[0] + k[1] + k[2];
            char color[16] = "#eaeef2";
            double g = n ? (double)k[0] / n : 0;
            if (n)
                heat_color(g, color, sizeof color);
            buf_printf(b,
                       "<g><rect x=\"%.1f\" y=\"%.1f\" width=\"%.0f\" height=\"%.0f\" "
                       "fill=\"%s\" stroke=\"#fff\"/><title>",
                       lw + cw * c, y, cw, ch, color);
            report_html_escape0(b, r->trainees[t].name);
            buf_puts(b, " · ");
            const ReportPrinciple *p = &r->principles[cols[c]];
            report_html_escape0(b, p->name[0] ? p->name : p->id);
            if (n)
                buf_printf(b, ": 达成 %d/%d, 未达成 %d, 违反 %d", k[0], n, k[1], k[2]);
            else
                buf_puts(b, ": 未评到");
            buf_puts(b, "</title>");
            if (n)
                buf_printf(b,
                           "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
                           "text-anchor=\"middle\">%.0f</text>",
                           lw + cw * c + cw / 2, y + ch / 2 + 4, g * 100);
            buf_puts(b, "</g>");
        }
        if (b->len > (1u << 16))
            flush_buf(b, out);
    }
    buf_puts(b, "</svg></div></section>\n");
    free(cols);
    free(cnt);
}

/* How often reviewers disagreed with the detector, per principle (ord: most troublesome
 * first). */
static void html_disputes(const Report *r, Buf *b, const int *ord)
{
    buf_printf(b,
               "<section id=\"reviews\"><h2>复核: 人工判定与检测不一致 (%d 条)</h2>"
               "<p class=\"note\">误报: 检测认为有、复核认为没有; 漏报: 检测没发现、复核认为有。"
               "各条复核见学员的会话记录。</p><div class=\"scroll\"><table><thead><tr>"
               "<th>原则</th><th>编号</th><th class=\"n\">误报</th><th class=\"n\">漏报</th>"
               "<th class=\"n\">有异议场次</th><th class=\"n\">评分场次</th><th>异议率</th>"
               "</tr></thead><tbody>\n",
               r->nverdicts);
    for (int i = 0; i < r->nprinciples; i++) {
        const ReportPrinciple *x = &r->principles[ord[i]];
        int scored = x->met + x->missed + x->violated;
        if (!x->disputed)
            continue;
        buf_puts(b, "<tr class=\"disputed\"><td>");
        report_html_escape0(b, x->name[0] ? x->name : x->id);
        buf_puts(b, "</td><td>");
        report_html_escape0(b, x->id);
        buf_printf(b,
                   "</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                   "<td class=\"n\">%d</td><td>",
                   x->false_alarms, x->misses, x->disputed, scored);
        if (scored)
            buf_printf(b, "%.0f%%", report_pct(x->disputed, scored));
        else
            buf_puts(b, "—");
        buf_puts(b, "</td></tr>\n");
    }
    buf_puts(b, "</tbody></table></div></section>\n");
}

static void html_tables(const Report *r, Buf *b)
{
    buf_puts(b, "<section id=\"scenarios\"><h2>场景</h2><div class=\"scroll\"><table><thead><tr>"
                "<th>场景</th><th>名称</th><th class=\"n\">场次</th><th class=\"n\">平均</th>"
                "<th class=\"n\">通过率</th>");
    for (int k = 1; k < REPORT_OUTCOMES; k++)
        buf_printf(b, "<th class=\"n\">%s</th>", outcome_brief((Outcome)k));
    buf_puts(b, "</tr></thead><tbody>\n");
    for (int i = 0; i < r->nscenarios; i++) {
        const ReportScenario *x = &r->scenarios[i].pub;
        buf_puts(b, "<tr class=\"scenario\"><td>");
        report_html_escape0(b, x->id);
        buf_puts(b, "</td><td>");
        report_html_escape0(b, x->title);
        buf_printf(b,
                   "</td><td class=\"n\">%d</td><td class=\"n\">%.1f</td>"
                   "<td class=\"n\">%.0f%%</td>",
                   x->sessions, x->average, report_pct(x->passes, x->sessions));
        for (int k = 1; k < REPORT_OUTCOMES; k++)
            buf_printf(b, "<td class=\"n\">%d</td>", x->outcomes[k]);
        buf_puts(b, "</tr>\n");
    }
    buf_puts(b, "</tbody></table></div></section>\n");

    buf_puts(b, "<section id=\"principles\"><h2>原则 (最常失分在前)</h2><div class=\"scroll\">"
                "<table><thead><tr><th>原则</th><th>编号</th><th>类型</th><th>手册出处</th>"
                "<th class=\"n\">评分场次</th><th class=\"n\">达成</th><th class=\"n\">未达成</th>"
                "<th class=\"n\">违反</th><th>达成率</th></tr></thead><tbody>\n");
    int *ord = report_principles_by_trouble(r);
    if (!ord) {
        b->oom = 1;
        return;
    }
    for (int i = 0; i < r->nprinciples; i++) {
        const ReportPrinciple *x = &r->principles[ord[i]];
        int scored = x->met + x->missed + x->violated;
        buf_puts(b, "<tr class=\"principle\"><td>");
        report_html_escape0(b, x->name[0] ? x->name : x->id);
        buf_puts(b, "</td><td>");
        report_html_escape0(b, x->id);
        buf_printf(b, "</td><td>%s</td><td>", report_kind_label(x->kind));
        report_html_citation(b, x->source);
        buf_printf(b,
                   "</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                   "<td class=\"n\">%d</td><td>",
                   scored, x->met, x->missed, x->violated);
        if (scored) {
            char color[16];
            heat_color((double)x->met / scored, color, sizeof color);
            buf_printf(b,
                       "<span class=\"bar\" style=\"width:%.0fpx;background:%s\"></span>"
                       "%.0f%%",
                       report_pct(x->met, scored) * 1.2 + 1, color, report_pct(x->met, scored));
        } else {
            buf_puts(b, "—");
        }
        buf_puts(b, "</td></tr>\n");
    }
    buf_puts(b, "</tbody></table></div></section>\n");
    if (r->nverdicts)
        html_disputes(r, b, ord);
    free(ord);

    const ReportTiming *tm = &r->timing;
    buf_puts(b, "<section id=\"timing\"><h2>响应时间</h2><div class=\"cards\">");
    card(b, "平均首次响应 (秒)", 1, "", tm->first_avg);
    card(b, "中位首次响应 (秒)", 1, "", tm->first_median);
    char sf[64], sw[64];
    report_standard_label(sf, sizeof sf, "≤", tm->first_standard, "秒");
    report_standard_label(sw, sizeof sw, "≤", tm->wait_standard, "秒");
    buf_printf(b, "<div class=\"card\"><b>%d/%d</b><span>首次响应达标 (%s)</span></div>",
               tm->first_within, tm->first_n, sf);
    buf_printf(b, "<div class=\"card\"><b>%d</b><span>从未回复的会话</span></div>", tm->no_reply);
    card(b, "平均等待 (秒)", 1, "", tm->wait_avg);
    card(b, "最长等待 (秒)", 1, "", tm->replies ? tm->wait_max : NAN);
    buf_printf(b, "<div class=\"card\"><b>%d/%d</b><span>回复超时 (%s)</span></div>",
               tm->replies_over, tm->replies, sw);
    card(b, "平均打字速度 (字/分钟)", 0, "", tm->typing_avg);
    buf_printf(b, "<div class=\"card\"><b>%d</b><span>粘贴的回复 (不计入打字速度)</span></div>",
               tm->pasted);
    buf_printf(b,
               "</div><p class=\"note\">标准 (手册 002): %g 秒内打招呼，顾客等待不超过 %g 秒，"
               "打字至少 %g 字/分钟；≤%g 秒为优秀 (手册 003 黄金6秒)。</p>"
               "<div class=\"scroll\"><table><thead><tr><th>学员</th>"
               "<th class=\"n\">平均首响 (秒)</th><th class=\"n\">首响达标</th>"
               "<th class=\"n\">回复次数</th><th class=\"n\">平均等待 (秒)</th>"
               "<th class=\"n\">超时回复</th></tr></thead><tbody>\n",
               STANDARD_FIRST_RESPONSE_S, STANDARD_REPLY_WAIT_S, STANDARD_TYPING_CPM,
               STANDARD_FIRST_RESPONSE_EXCELLENT_S);
    for (int i = 0; i < r->ntrainees; i++) {
        const ReportTrainee *x = &r->trainees[i];
        char fa[32], wa[32];
        report_fmt_num(fa, sizeof fa, 1, x->first_avg);
        report_fmt_num(wa, sizeof wa, 1, x->wait_avg);
        buf_puts(b, "<tr><td>");
        report_html_escape0(b, x->name);
        buf_printf(b,
                   "</td><td class=\"n\">%s</td><td class=\"n\">%d/%d</td>"
                   "<td class=\"n\">%d</td><td class=\"n\">%s</td>"
                   "<td class=\"n%s\">%d</td></tr>\n",
                   fa, x->first_within, x->first_n, x->replies, wa, x->replies_over ? " no" : "",
                   x->replies_over);
    }
    buf_puts(b, "</tbody></table></div></section>\n");
}

/* The files that do not say what was scored (report_check.h), when there are any. */
static void html_checks(const Report *r, Buf *b)
{
    if (!r->nchecked_bad)
        return;
    buf_printf(b, "<section id=\"checks\"><h2>需要核对的结果 (%d)</h2><p class=\"note\">"
                  "这些文件记录的分数或对话与重新评分、校验链不符：文件被改动过，"
                  "或由另一版评分规则评分。</p><ul class=\"skips\">",
               r->nchecked_bad);
    for (int i = 0; i < r->nrows; i++) {
        const Row *x = &r->rows[i];
        if (!x->check)
            continue;
        buf_puts(b, "<li>");
        report_html_escape0(b, x->path);
        buf_puts(b, " · ");
        report_html_escape0(b, r->trainee_names[x->trainee]);
        buf_printf(b, " · 总分 %d · <strong>%s</strong></li>", x->total,
                   report_check_label(x->check));
    }
    buf_puts(b, "</ul></section>\n");
}

#define SESSIONS_NOTE                                                                              \
    "<p class=\"note\">点开查看对话：<mark class=\"t\">绿色</mark>为手册提倡的技巧，"             \
    "<mark class=\"v\">红色</mark>为违反，右侧是判定依据与手册出处。时间为会话开始后的分:秒，"   \
    "用时到最后一条消息 (或记录的结束，取较晚者)。</p>\n"

/* How writing a page ended, for end_page. */
enum { PAGE_WRITTEN, PAGE_OOM, PAGE_SPOOL_FAILED };

/* Ends writing a page (the main one or a trainee's): frees its buffers and says what went
 * wrong, if anything. Returns 0, or -1 with err. */
static int end_page(Buf *b, FILE *out, int how, KefuError *err)
{
    int e = errno;
    buf_free(b);
    if (how == PAGE_OOM) {
        kerr_set(err, "report: out of memory writing the HTML");
        return -1;
    }
    if (how == PAGE_SPOOL_FAILED) {
        kerr_set(err, "report: cannot read back the drill-down's temporary file: %s",
                 strerror(e));
        return -1;
    }
    if (ferror(out)) {
        kerr_set(err, "report: cannot write the HTML: %s", strerror(e));
        return -1;
    }
    return 0;
}

int report_write_trainee_html(const Report *r, int t, FILE *out, const char *main_page,
                              KefuError *err)
{
    Buf b = {0};
    assert(r->finished && t >= 0 && t < r->ntrainees);
    const ReportTrainee *x = &r->trainees[t];
    buf_puts(&b, html_head);
    buf_puts(&b, "<header><p class=\"sub\"><a href=\"../");
    report_html_escape0(&b, main_page);
    buf_puts(&b, "\">← 培训报告</a></p><h1>");
    report_html_escape0(&b, x->name);
    buf_printf(&b, "</h1><p class=\"sub\">%d 场 · 平均 %.1f · 最近 %d · ", x->sessions,
               x->average, x->latest);
    Buf ml = {0};
    report_mode_line(r, &ml);
    report_html_escape(&b, ml.p ? ml.p : "", ml.len);
    buf_free(&ml);
    buf_puts(&b, "</p></header>\n<section id=\"sessions\"><h2>会话记录</h2>" SESSIONS_NOTE);
    if (b.oom)
        goto oom;
    flush_buf(&b, out);
    int rc = report_drill_copy(r, t, out);
    if (rc == -2)
        goto oom;
    if (rc < 0)
        goto io_fail;
    buf_puts(&b, "</section>\n</main>\n</body>\n</html>\n");
    flush_buf(&b, out);
    return end_page(&b, out, PAGE_WRITTEN, err);
oom:
    return end_page(&b, out, PAGE_OOM, err);
io_fail:
    return end_page(&b, out, PAGE_SPOOL_FAILED, err);
}

int report_write_html(const Report *r, FILE *out, KefuError *err)
{
    Buf b = {0};
    char d0[80], d1[80];
    assert(r->finished);

    buf_puts(&b, html_head);
    char off[32];
    report_day(r->t_min, d0, sizeof d0);
    report_day(r->t_max, d1, sizeof d1);
    report_utc_offset(r->t_max, off, sizeof off);
    buf_printf(&b,
               "<header><h1>客服训练营 · 培训报告</h1><p class=\"sub\">会话 %d 场 · "
               "学员 %d 人 · 场景 %d 个 · %s 至 %s (%s) · ",
               r->nrows, r->ntrainees, r->nscenarios, d0, d1, off);
    Buf ml = {0};
    report_mode_line(r, &ml);
    report_html_escape(&b, ml.p ? ml.p : "", ml.len);
    buf_free(&ml);
    Buf f = {0};
    report_filters(r, &f);
    if (f.len) {
        buf_puts(&b, " · 筛选:");
        report_html_escape(&b, f.p, f.len);
    }
    buf_free(&f);
    buf_puts(&b, "</p></header>\n");
    html_summary(r, &b);
    html_histogram(r, &b);
    html_trainees(r, &b, out);
    html_heatmap(r, &b, out);
    html_tables(r, &b);
    flush_buf(&b, out);

    html_checks(r, &b);
    buf_puts(&b, "<section id=\"sessions\"><h2>会话记录</h2>");
    if (r->opt.html_pages) {
        /* Each trainee's conversations on a page of their own: the main page stays small. */
        buf_puts(&b, "<p class=\"note\">每位学员的对话记录在单独的页面：</p><ul class=\"skips\">");
        for (int t = 0; t < r->ntrainees; t++) {
            const ReportTrainee *x = &r->trainees[t];
            char name[128];
            report_trainee_page_name(r, t, name, sizeof name);
            buf_puts(&b, "<li><a href=\"");
            report_html_escape0(&b, r->opt.html_pages);
            buf_puts(&b, "/");
            report_html_escape0(&b, name);
            buf_puts(&b, "\">");
            report_html_escape0(&b, x->name);
            buf_printf(&b, "</a> · %d 场 · 平均 %.1f · 最近 %d</li>\n", x->sessions, x->average,
                       x->latest);
            if (b.len > (1u << 16))
                flush_buf(&b, out);
        }
        buf_puts(&b, "</ul>");
    } else {
        buf_puts(&b, SESSIONS_NOTE);
        if (!r->html_tmp)
            buf_puts(&b, "<p class=\"note\">(未保留对话记录)</p>");
        for (int t = 0; t < r->ntrainees; t++) {
            const ReportTrainee *x = &r->trainees[t];
            buf_puts(&b, "<details class=\"trn\"><summary>");
            report_html_escape0(&b, x->name);
            buf_printf(&b, " · %d 场 · 平均 %.1f · 最近 %d</summary>\n", x->sessions, x->average,
                       x->latest);
            flush_buf(&b, out);
            int rc = report_drill_copy(r, t, out);
            if (rc == -2)
                goto oom;
            if (rc < 0)
                goto io_fail;
            buf_puts(&b, "</details>\n");
        }
    }
    buf_puts(&b, "</section>\n");
    if (r->nskip_notes) {
        buf_printf(&b, "<section id=\"skipped\"><h2>跳过的文件 (%d)</h2><ul class=\"skips\">",
                   r->files_skipped);
        for (int i = 0; i < r->nskip_notes; i++) {
            buf_puts(&b, "<li>");
            report_html_escape0(&b, r->skip_notes[i]);
            buf_puts(&b, "</li>");
        }
        if (r->files_skipped > r->nskip_notes)
            buf_printf(&b, "<li>… 另有 %d 个</li>", r->files_skipped - r->nskip_notes);
        buf_puts(&b, "</ul></section>\n");
    }
    buf_printf(&b, "<footer>read %d files, skipped %d</footer>\n</main>\n</body>\n</html>\n",
               r->files_read, r->files_skipped);
    if (b.oom)
        goto oom;
    flush_buf(&b, out);
    return end_page(&b, out, PAGE_WRITTEN, err);
oom:
    return end_page(&b, out, PAGE_OOM, err);
io_fail:
    return end_page(&b, out, PAGE_SPOOL_FAILED, err);
}
