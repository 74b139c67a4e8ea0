/* report_csv: the report as a CSV, one row per session, in the documented column order
 * (docs/report.md); spreadsheet-safe quoting built on base/buf. */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "results/report.h"
#include "results/report_check.h"
#include "results/report_data.h"

/* The columns, in their documented order (docs/report.md): never reorder, only append. */
static const char *const csv_columns[] = {"file",
                                          "id",
                                          "trainee",
                                          "mode",
                                          "scenario_id",
                                          "scenario_title",
                                          "difficulty",
                                          "seed",
                                          "started_at",
                                          "ended_at",
                                          "duration_s",
                                          "outcome",
                                          "total",
                                          "pass",
                                          "pass_mark",
                                          "first_response_s",
                                          "avg_response_s",
                                          "max_response_s",
                                          "typing_cpm",
                                          "agent_messages",
                                          "waits_over",
                                          "replies",
                                          "replies_over",
                                          "principles_met",
                                          "principles_missed",
                                          "principles_violated",
                                          "principles_na",
                                          "missed",
                                          "violated",
                                          "critical",
                                          "required_missed",
                                          "engine_version",
                                          "rubric_version",
                                          "check",
                                          "false_alarms",
                                          "misses"};

/* A text field, RFC 4180: quoted when it holds a comma, quote or line break, quotes doubled.
 * A text starting with = + - @ or a tab would run as a formula in a spreadsheet: it gets a
 * leading apostrophe, which spreadsheets show as text. */
static void csv_text(Buf *b, const char *s)
{
    int guard =
        s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
    int quote = strpbrk(s, ",\"\r\n") != NULL;
    if (quote)
        buf_put(b, "\"", 1);
    if (guard)
        buf_put(b, "'", 1);
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p, d = (unsigned char)p[1];
        if (*p == '"') {
            buf_put(b, "\"\"", 2);
        } else if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
            /* inert (engine/base/inert.h): an ESC from a trainee's name must not reach the
             * terminal of whoever looks at the file */
            buf_printf(b, "\\x%02x", c);
        } else if (c == 0xc2 && d >= 0x80 && d <= 0x9f) {
            buf_printf(b, "\\u%04x", d); /* a C1 control, which some terminals obey */
            p++;
        } else {
            buf_put(b, p, 1);
        }
    }
    if (quote)
        buf_put(b, "\"", 1);
}

/* A number as a spreadsheet reads it back: whole numbers (seeds too) in full, never in
 * exponent form; others with up to ten significant digits. */
static void csv_num(Buf *b, double v)
{
    if (!isfinite(v))
        return;
    if (v == floor(v) && fabs(v) < 1e17)
        buf_printf(b, "%.0f", v);
    else
        buf_printf(b, "%.10g", v);
}

/* The reviewers' verdicts of one kind on a session: "principle@reply;..." (reply from 1). */
static void csv_verdicts(const Report *r, Buf *b, const Row *x, ReviewVerdict kind)
{
    Buf list = {0};
    buf_put(&list, "", 0);
    for (int i = x->rv_first; i < x->rv_first + x->rv_n; i++) {
        const Review *v = &r->reviews.v[i];
        if (v->verdict != kind || strcmp(v->result, x->id) != 0)
            continue;
        buf_printf(&list, "%s%s@%d", list.len ? ";" : "", v->principle, v->turn);
    }
    if (list.oom)
        b->oom = 1;
    else
        csv_text(b, list.p);
    buf_free(&list);
}

int report_write_csv(const Report *r, FILE *out, KefuError *err)
{
    Buf b = {0};
    const int ncol = (int)(sizeof csv_columns / sizeof csv_columns[0]);
    assert(r->finished);
    buf_puts(&b, "\xef\xbb\xbf"); /* so spreadsheet programs read UTF-8 */
    for (int c = 0; c < ncol; c++) {
        buf_puts(&b, csv_columns[c]);
        buf_puts(&b, c + 1 < ncol ? "," : "\r\n");
    }
    for (int i = 0; i < r->nrows; i++) {
        const Row *x = &r->rows[i];
        const Scenario *s = &r->scenarios[x->scenario];
        csv_text(&b, x->path);
        buf_put(&b, ",", 1);
        csv_text(&b, x->id);
        buf_put(&b, ",", 1);
        csv_text(&b, r->trainee_names[x->trainee]);
        buf_put(&b, ",", 1);
        csv_text(&b, x->mode);
        buf_put(&b, ",", 1);
        csv_text(&b, s->pub.id);
        buf_put(&b, ",", 1);
        csv_text(&b, s->pub.title);
        buf_put(&b, ",", 1);
        csv_num(&b, x->difficulty);
        buf_put(&b, ",", 1);
        csv_num(&b, x->seed);
        buf_put(&b, ",", 1);
        csv_text(&b, x->started);
        buf_put(&b, ",", 1);
        csv_text(&b, x->ended);
        buf_put(&b, ",", 1);
        csv_num(&b, x->duration_s);
        buf_printf(&b, ",%s,%d,%d,", outcome_name((Outcome)x->outcome), x->total, x->pass);
        csv_num(&b, x->pass_mark);
        buf_put(&b, ",", 1);
        csv_num(&b, x->first_known ? x->first_s : NAN);
        buf_put(&b, ",", 1);
        csv_num(&b, x->avg_s);
        buf_put(&b, ",", 1);
        csv_num(&b, x->max_s);
        buf_put(&b, ",", 1);
        csv_num(&b, x->cpm);
        buf_printf(&b, ",%d,%d,%d,%d,%d,%d,%d,%d,", x->agent_messages, x->waits_over, x->replies,
                   x->replies_over, x->met, x->missed, x->violated, x->na);
        csv_text(&b, x->missed_list);
        buf_put(&b, ",", 1);
        csv_text(&b, x->violated_list);
        buf_put(&b, ",", 1);
        csv_text(&b, x->critical);
        buf_put(&b, ",", 1);
        csv_text(&b, x->required_missed);
        buf_put(&b, ",", 1);
        csv_text(&b, x->engine_version);
        buf_put(&b, ",", 1);
        csv_text(&b, x->rubric_version);
        buf_put(&b, ",", 1);
        csv_text(&b, report_check_label(x->check));
        buf_put(&b, ",", 1);
        csv_verdicts(r, &b, x, REVIEW_FALSE_ALARM);
        buf_put(&b, ",", 1);
        csv_verdicts(r, &b, x, REVIEW_MISS);
        buf_puts(&b, "\r\n");
        if (b.len > (1u << 16) || i + 1 == r->nrows) {
            if (b.oom)
                break;
            fwrite(b.p, 1, b.len, out);
            buf_clear(&b);
        }
    }
    if (b.len && !b.oom)
        fwrite(b.p, 1, b.len, out);
    int oom = b.oom;
    buf_free(&b);
    if (oom) {
        kerr_set(err, "report: out of memory writing the CSV");
        return -1;
    }
    if (ferror(out)) {
        kerr_set(err, "report: cannot write the CSV: %s", strerror(errno));
        return -1;
    }
    return 0;
}
