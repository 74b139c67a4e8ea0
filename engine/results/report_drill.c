/* report_drill: one session's drill-down for the HTML page (its transcript with the hits
 * marked, the principles as chips), rendered from the session's summary as it is read and
 * spooled to a temporary file, so the report's memory stays flat; copied back into the pages
 * by report_html.c. Calls only report_names.c and report_fmt.c. */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "base/date.h"
#include "base/platform.h"
#include "results/report.h"
#include "results/report_data.h"

/* ======================================================================================== */
/* Numbers without printf                                                                   */
/* ======================================================================================== */

/* Appends a non-negative integer without printf (the drill-down writes millions of them). */
static void buf_uint(Buf *b, unsigned long long v)
{
    char tmp[24];
    int i = (int)sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    buf_put(b, tmp + i, sizeof tmp - (size_t)i);
}

/* v with one decimal ("4.2"), for v >= 0. */
static void buf_tenths(Buf *b, double v)
{
    unsigned long long t = (unsigned long long)llround(v * 10);
    buf_uint(b, t / 10);
    char frac[2] = {'.', (char)('0' + t % 10)};
    buf_put(b, frac, 2);
}

/* v as %g would print it; whole numbers (the usual points) without printf. */
static void buf_num(Buf *b, double v)
{
    if (v >= 0 && v < 1e15 && v == floor(v))
        buf_uint(b, (unsigned long long)v);
    else
        buf_printf(b, "%g", v);
}

static void html_clock(Buf *b, double t)
{
    if (!isfinite(t) || t < 0 || t > 1e12)
        return;
    unsigned long long s = (unsigned long long)floor(t);
    buf_uint(b, s / 60);
    char sec[3] = {':', (char)('0' + s % 60 / 10), (char)('0' + s % 10)};
    buf_put(b, sec, 3);
}

/* ======================================================================================== */
/* The drill-down: one session's transcript                                                 */
/* ======================================================================================== */

static int on_boundary(const char *s, size_t n, size_t off)
{
    return off == 0 || off >= n || ((unsigned char)s[off] & 0xc0) != 0x80;
}

/* The span [*a, *b) of text a hit's evidence covers. Offsets that are valid byte offsets on
 * character boundaries are used as recorded; otherwise the recorded evidence string is looked
 * up in the text (not found: no span); with no evidence recorded, the offsets are clamped to
 * the text and widened to whole characters. Returns 0 when no sensible span remains. */
static int hit_span(const char *s, size_t n, const ResultHit *hit, size_t *a, size_t *b)
{
    double ds = hit->start, de = hit->end;
    if (isfinite(ds) && isfinite(de) && ds >= 0 && de <= (double)n && ds < de && ds == floor(ds) &&
        de == floor(de) && on_boundary(s, n, (size_t)ds) && on_boundary(s, n, (size_t)de)) {
        *a = (size_t)ds;
        *b = (size_t)de;
        return 1;
    }
    const char *ev = hit->evidence ? hit->evidence : "";
    if (ev[0]) { /* the recorded words are the better witness; absent, nothing is marked */
        const char *found = strstr(s, ev);
        if (!found)
            return 0;
        *a = (size_t)(found - s);
        *b = *a + strlen(ev);
        return 1;
    }
    if (!isfinite(ds) || !isfinite(de))
        return 0;
    double ca = ds < 0 ? 0 : ds > (double)n ? (double)n : floor(ds);
    double cb = de < 0 ? 0 : de > (double)n ? (double)n : ceil(de);
    size_t x = (size_t)ca, y = (size_t)cb;
    while (x > 0 && !on_boundary(s, n, x))
        x--;
    while (y < n && !on_boundary(s, n, y))
        y++;
    if (x >= y)
        return 0;
    *a = x;
    *b = y;
    return 1;
}

/* A hit's label: its recorded Chinese name, else the cohort's name for the id, else the id. */
static const char *hit_label(const Report *r, const ResultHit *hit)
{
    return hit->name && hit->name[0] ? hit->name : report_principle_label(r, hit->principle);
}

/* Whether a hit is a violation: as recorded, else as the cohort's principle says. */
static int hit_is_violation(const Report *r, const ResultHit *hit)
{
    const char *kind = hit->kind;
    if (!kind) {
        int i = report_principle_index(r, hit->principle);
        kind = i >= 0 ? r->principles[i].kind : "";
    }
    return strcmp(kind, "violation") == 0;
}

#define MAX_MARKS 32

/* The message text with each hit's evidence inside <mark>; overlapping hits split the text
 * into segments, each marked with every hit covering it. */
static void html_marked_text(const Report *r, Buf *b, const ResultMessage *m)
{
    const char *s = m->text;
    size_t n = strlen(s);
    size_t sa[MAX_MARKS], sb[MAX_MARKS], cuts[2 * MAX_MARKS + 2];
    const ResultHit *sh[MAX_MARKS];
    int nspan = 0, ncut = 0;
    for (int h = 0; h < m->nhits && nspan < MAX_MARKS; h++) {
        if (hit_span(s, n, &m->hits[h], &sa[nspan], &sb[nspan])) {
            sh[nspan] = &m->hits[h];
            cuts[ncut++] = sa[nspan];
            cuts[ncut++] = sb[nspan];
            nspan++;
        }
    }
    cuts[ncut++] = 0;
    cuts[ncut++] = n;
    for (int i = 1; i < ncut; i++) /* insertion sort: a handful of cuts */
        for (int j = i; j > 0 && cuts[j - 1] > cuts[j]; j--) {
            size_t t = cuts[j];
            cuts[j] = cuts[j - 1];
            cuts[j - 1] = t;
        }
    for (int i = 0; i + 1 < ncut; i++) {
        size_t x = cuts[i], y = cuts[i + 1];
        if (x >= y)
            continue;
        int cover = 0, viol = 0;
        for (int k = 0; k < nspan; k++)
            if (sa[k] <= x && y <= sb[k]) {
                cover++;
                viol |= hit_is_violation(r, sh[k]);
            }
        if (!cover) {
            report_html_escape(b, s + x, y - x);
            continue;
        }
        buf_puts(b, viol ? "<mark class=\"v\" title=\"" : "<mark class=\"t\" title=\"");
        int first = 1;
        for (int k = 0; k < nspan; k++)
            if (sa[k] <= x && y <= sb[k]) {
                if (!first)
                    buf_puts(b, "、");
                report_html_escape0(b, hit_label(r, sh[k]));
                first = 0;
            }
        buf_puts(b, "\">");
        report_html_escape(b, s + x, y - x);
        buf_puts(b, "</mark>");
    }
}

/* ---- Citations, rendered once ---------------------------------------------------------------- */

/* Every hit and every chip cites its handbook passage, and a cohort cites the same few dozen
 * passages tens of thousands of times: each is simplified and escaped (report_html_citation)
 * the first time and copied after. Open addressing by the source's hash; a full table renders
 * the rest without keeping them. */
#define DRILL_CITES 256

struct DrillCites {
    struct {
        char *src;  /* NULL: empty slot */
        char *html; /* report_html_citation's output for src */
        size_t len;
        unsigned hash;
    } slot[DRILL_CITES];
    int n;
};

static unsigned cite_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

static void citation(const Report *r, Buf *b, const char *src)
{
    struct DrillCites *c = r->cites;
    if (!c) {
        report_html_citation(b, src);
        return;
    }
    unsigned h = cite_hash(src);
    unsigned i = h % DRILL_CITES;
    for (int k = 0; k < DRILL_CITES; k++, i = (i + 1) % DRILL_CITES) {
        if (!c->slot[i].src)
            break;
        if (c->slot[i].hash == h && strcmp(c->slot[i].src, src) == 0) {
            buf_put(b, c->slot[i].html, c->slot[i].len);
            return;
        }
    }
    size_t at = b->len;
    report_html_citation(b, src);
    /* Kept while the table is at most half full, so a lookup stays short. */
    if (b->oom || c->n >= DRILL_CITES / 2 || c->slot[i].src)
        return;
    char *s = strdup(src), *html = malloc(b->len - at + 1);
    if (!s || !html) {
        free(s);
        free(html);
        return;
    }
    memcpy(html, b->p + at, b->len - at);
    html[b->len - at] = 0;
    c->slot[i].src = s;
    c->slot[i].html = html;
    c->slot[i].len = b->len - at;
    c->slot[i].hash = h;
    c->n++;
}

static void cites_free(struct DrillCites *c)
{
    for (int i = 0; c && i < DRILL_CITES; i++) {
        free(c->slot[i].src);
        free(c->slot[i].html);
    }
    free(c);
}

/* The reviewers' verdicts on the trainee's reply turn (from 1; 0: the whole session), beside
 * the detector's hits: what they disputed, their note, who and when, as items of the
 * judgements' list. */
static void html_verdicts(const Report *r, Buf *b, const Row *row, int turn)
{
    for (int i = row->rv_first; i < row->rv_first + row->rv_n; i++) {
        const Review *v = &r->reviews.v[i];
        if (v->turn != turn || strcmp(v->result, row->id) != 0)
            continue;
        buf_puts(b, "<li class=\"rv\" style=\"border-color:#7b61c4;background:#f6f2fd\"><b>复核：");
        buf_puts(b, review_verdict_label(v->verdict));
        buf_puts(b, "</b> ");
        report_html_escape0(b, report_principle_label(r, v->principle));
        buf_puts(b, v->verdict == REVIEW_FALSE_ALARM ? " (检测认为有，复核认为没有)"
                                                     : " (检测没发现，复核认为有)");
        if (v->note[0]) {
            buf_puts(b, " <q>");
            report_html_escape0(b, v->note);
            buf_puts(b, "</q>");
        }
        buf_puts(b, " <cite>");
        report_html_escape0(b, v->reviewer);
        buf_puts(b, " ");
        report_html_escape0(b, v->at);
        buf_puts(b, "</cite></li>");
    }
}

/* Whether a reviewer's verdict falls on the trainee's reply turn (from 1) of row. */
static int has_verdict(const Report *r, const Row *row, int turn)
{
    for (int i = row->rv_first; i < row->rv_first + row->rv_n; i++)
        if (r->reviews.v[i].turn == turn && strcmp(r->reviews.v[i].result, row->id) == 0)
            return 1;
    return 0;
}

/* The judgements beside an agent message, with any reviewer's verdict on them after. */
static void html_hits(const Report *r, Buf *b, const ResultMessage *m, const Row *row, int turn)
{
    if (!m->nhits && !has_verdict(r, row, turn))
        return;
    const char *s = m->text;
    size_t n = strlen(s);
    buf_puts(b, "<ul class=\"hits\">");
    for (int k = 0; k < m->nhits; k++) {
        const ResultHit *h = &m->hits[k];
        size_t a, e;
        int ok = hit_span(s, n, h, &a, &e);
        buf_puts(b, hit_is_violation(r, h) ? "<li class=\"v\"><b>" : "<li class=\"t\"><b>");
        report_html_escape0(b, hit_label(r, h));
        buf_puts(b, "</b> <q>");
        if (h->evidence && h->evidence[0])
            report_html_escape0(b, h->evidence);
        else if (ok)
            report_html_escape(b, s + a, e - a);
        buf_puts(b, "</q>");
        if (!ok)
            buf_puts(b, " <i>（位置无效）</i>");
        const char *src = h->source;
        if (!src || !src[0]) {
            int i = report_principle_index(r, h->principle);
            src = i >= 0 ? r->principles[i].source : "";
        }
        if (src[0]) {
            buf_puts(b, "<cite>手册 ");
            citation(r, b, src);
            buf_puts(b, "</cite>");
        }
        buf_puts(b, "</li>");
    }
    html_verdicts(r, b, row, turn);
    buf_puts(b, "</ul>");
}

/* "严重违规：a、b" for a list of principle ids (nothing when empty). */
static void html_id_list(const Report *r, Buf *b, const char *head, const char *const *ids, int n)
{
    if (!n)
        return;
    buf_printf(b, "<p class=\"crit\">%s", head);
    for (int i = 0; i < n; i++) {
        report_html_escape0(b, report_principle_label(r, ids[i]));
        if (i + 1 < n)
            buf_puts(b, "、");
    }
    buf_puts(b, "</p>");
}

static void html_session(const Report *r, Buf *b, const Row *row, const ResultSummary *s)
{
    char when[80], dur[64];
    const Scenario *scn = &r->scenarios[row->scenario];
    report_local_minute(row->t0, when, sizeof when);
    buf_printf(b, "<details class=\"ses\" id=\"s%d\"><summary><span class=\"when\">%s</span>",
               row->ordinal, when);
    buf_puts(b, "<span class=\"scn\">");
    report_html_escape0(b, scn->pub.title[0] ? scn->pub.title : scn->pub.id);
    buf_puts(b, "</span><span class=\"mode\">");
    report_html_escape0(b, report_mode_label(row->mode));
    buf_printf(b, "</span><span class=\"score %s\">%d</span><span class=\"oc o%d\">%s</span>",
               row->pass ? "ok" : "no", row->total, row->outcome,
               outcome_brief((Outcome)row->outcome));
    buf_puts(b, "</summary><div class=\"meta\">场景 ");
    report_html_escape0(b, scn->pub.id);
    if (isfinite(row->duration_s)) {
        report_fmt_duration(dur, sizeof dur, row->duration_s);
        buf_printf(b, " · 用时 %s", dur);
    }
    if (row->first_known)
        buf_printf(b, " · 首次响应 %.1f 秒", row->first_s);
    else
        buf_puts(b, " · 未回复");
    if (row->replies)
        buf_printf(b, " · 平均等待 %.1f 秒", row->wait_sum / row->replies);
    buf_printf(b, " · 及格线 %g", row->pass_mark);
    buf_puts(b, " · 编号 ");
    report_html_escape0(b, row->id);
    buf_puts(b, " · 文件 ");
    report_html_escape0(b, row->path);
    buf_puts(b, "</div>");

    html_id_list(r, b, "严重违规：", s->critical, s->ncritical);
    html_id_list(r, b, "必备技巧未达成：", s->required_missed, s->nrequired_missed);
    if (s->nlines) {
        static const char *const cls[] = {"met", "mis", "vio", "na"};
        buf_puts(b, "<div class=\"chips\">");
        for (int i = 0; i < s->nlines; i++) {
            const ResultLine *l = &s->lines[i];
            buf_puts(b, "<span class=\"chip ");
            buf_puts(b, cls[l->status]);
            buf_puts(b, "\" title=\"");
            buf_puts(b, l->label);
            if (l->source[0]) {
                buf_puts(b, " · 手册 ");
                citation(r, b, l->source);
            }
            if (l->detail[0]) {
                buf_puts(b, " · ");
                report_html_escape0(b, l->detail);
            }
            buf_puts(b, "\">");
            /* an avoided violation is named for what was avoided: "没有与客户争辩" */
            report_html_escape0(b, l->status == ST_MET && strcmp(l->kind, "violation") == 0
                                       ? l->label
                                       : report_principle_label(r, l->id));
            if (isfinite(l->points) && isfinite(l->max)) {
                buf_puts(b, " <small>");
                buf_num(b, l->points);
                buf_put(b, "/", 1);
                buf_num(b, l->max);
                buf_puts(b, "</small>");
            }
            buf_puts(b, "</span>");
        }
        buf_puts(b, "</div>");
    }
    if (has_verdict(r, row, 0)) { /* verdicts on the whole session, under its principles */
        buf_puts(b, "<ul class=\"hits\">");
        html_verdicts(r, b, row, 0);
        buf_puts(b, "</ul>");
    }

    static const char *const who[] = {"顾客", "客服", "系统"};
    static const char *const wcls[] = {"c", "a", "y"};
    buf_puts(b, "<ol class=\"tr\">");
    for (int i = 0, turn = 0; i < s->nmsgs; i++) {
        const ResultMessage *m = &s->msgs[i];
        buf_puts(b, "<li class=\"m ");
        buf_puts(b, wcls[m->from]);
        buf_puts(b, "\"><div class=\"who\">");
        buf_puts(b, who[m->from]);
        buf_puts(b, " <time>");
        html_clock(b, m->t);
        buf_puts(b, "</time>");
        if (m->nudge)
            buf_puts(b, " <span class=\"nudge\">催促</span>");
        if (m->pasted)
            buf_puts(b, " <span class=\"nudge\" title=\"出现得比人打字快 (超过 300 字/分钟)，"
                        "不计入打字速度\">粘贴</span>");
        double wait = m->wait_s;
        if (m->from == FROM_AGENT && isfinite(wait) && wait >= 0 && wait < 1e12 && m->responding) {
            buf_puts(b, wait > row->std_wait ? " <span class=\"wait over\">顾客等了 "
                                             : " <span class=\"wait\">顾客等了 ");
            buf_tenths(b, wait);
            buf_puts(b, " 秒</span>");
        }
        buf_puts(b, "</div><div class=\"bub\">");
        if (m->from == FROM_AGENT)
            html_marked_text(r, b, m);
        else
            report_html_escape0(b, m->text);
        buf_puts(b, "</div>");
        if (m->from == FROM_AGENT)
            html_hits(r, b, m, row, ++turn);
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ol></details>\n");
}

int report_drill_open(Report *r, KefuError *err)
{
    r->html_tmp = plat_tmpfile();
    if (!r->html_tmp) {
        kerr_set(err, "report: cannot create a temporary file for the HTML drill-down: %s",
                 strerror(errno));
        return -1;
    }
    r->cites = calloc(1, sizeof *r->cites); /* none (out of memory): rendered each time */
    return 0;
}

void report_drill_close(Report *r)
{
    if (r->html_tmp)
        fclose(r->html_tmp);
    r->html_tmp = NULL;
    cites_free(r->cites);
    r->cites = NULL;
}

int report_drill_spool(Report *r, Row *row, const ResultSummary *s, KefuError *why)
{
    Buf *b = &r->scratch;
    assert(s->has_text);
    buf_clear(b);
    html_session(r, b, row, s);
    if (b->oom) {
        kerr_set(why, "%s: out of memory", s->path);
        return -1;
    }
    if (fwrite(b->p, 1, b->len, r->html_tmp) != b->len) {
        kerr_set(why, "report: cannot write the HTML drill-down's temporary file: %s",
                 strerror(errno));
        return -1;
    }
    row->html_off = r->html_end;
    row->html_len = b->len;
    r->html_end += (long long)b->len;
    return 0;
}

int report_drill_copy(const Report *r, int t, FILE *out)
{
    char *chunk = NULL;
    size_t cap = 0;
    int rc = 0;
    if (!r->html_tmp)
        return 0;
    if (fflush(r->html_tmp) != 0)
        return -1;
    for (int i = r->trainee_first_row[t]; i < r->trainee_first_row[t + 1]; i++) {
        const Row *row = &r->rows[i];
        if (row->html_len > cap) {
            char *nc = realloc(chunk, row->html_len);
            if (!nc) {
                rc = -2;
                break;
            }
            chunk = nc;
            cap = row->html_len;
        }
        if (fseeko(r->html_tmp, (off_t)row->html_off, SEEK_SET) != 0 ||
            fread(chunk, 1, row->html_len, r->html_tmp) != row->html_len) {
            rc = -1;
            break;
        }
        fwrite(chunk, 1, row->html_len, out);
    }
    free(chunk);
    return rc;
}
