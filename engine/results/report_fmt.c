/* report_fmt: what every view of the report (terminal, CSV, HTML, the drill-down) writes the
 * same way: local times and durations, labels of modes and kinds, the notes under the tables,
 * numbers, and text escaped for HTML. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"
#include "base/platform.h"
#include "base/text.h"
#include "results/report.h"
#include "results/report_data.h"

/* ======================================================================================== */
/* Escaping                                                                                 */
/* ======================================================================================== */

/* Appends s[0..n) escaped for HTML text and attribute values alike (& < > " '). Control
 * characters other than tab and newline become U+FFFD, so nothing invisible slips through. */
/* The bytes report_html_escape replaces: the five of HTML, and the control characters but tab
 * and newline. */
/* clang-format off */
static const unsigned char html_special[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    ['&'] = 1, ['<'] = 1, ['>'] = 1, ['"'] = 1, ['\''] = 1, [0x7f] = 1,
};
/* clang-format on */

void report_html_escape(Buf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!html_special[c])
            continue;
        const char *rep = NULL;
        switch (c) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
                rep = "\xef\xbf\xbd";
            break;
        }
        if (rep) {
            buf_put(b, s + run, i - run);
            buf_puts(b, rep);
            run = i + 1;
        }
    }
    buf_put(b, s + run, n - run);
}

void report_html_escape0(Buf *b, const char *s)
{
    if (s)
        report_html_escape(b, s, strlen(s));
}

void report_html_citation(Buf *b, const char *s)
{
    char *simple = text_simplified(s);
    if (!simple) {
        b->oom = 1;
        return;
    }
    report_html_escape0(b, simple);
    free(simple);
}

/* ======================================================================================== */
/* Words, times and numbers                                                                 */
/* ======================================================================================== */

double report_pct(int part, int whole)
{
    return whole ? 100.0 * part / whole : 0;
}

void report_local_minute(double t, char *buf, size_t size)
{
    struct tm tm;
    time_t tt = (time_t)floor(t);
    if (!isfinite(t) || !plat_localtime(tt, &tm)) {
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
    if (plat_localtime(tt, &tm))
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
