/* test_report: the HR report over generated cohorts whose figures are known: the numbers,
 * the terminal table, the CSV, the HTML, and every kind of bad file. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "results/schema.h"
#include "judge/rubric.h"
#include "results/display.h"
#include "results/report.h"
#include "report_gen.h"
#include "base/text.h"

static char out_base[1024];

/* A fresh folder under $KEFU_TEST_OUT/report-unit for one test. */
static void fresh_dir(const char *name, char *buf, size_t size)
{
    gen_fresh_dir(out_base, name, buf, size);
}

static char *slurp(const char *path, size_t *len)
{
    KefuError err;
    char *s = kerr_read_file(path, len, &err);
    if (!s)
        fprintf(stderr, "%s\n", err.msg);
    return s;
}

typedef enum Output { OUT_TEXT, OUT_CSV, OUT_HTML } Output;

/* What the writer for out writes for r, as a string (caller frees); its length in *len unless
 * len is NULL. */
static char *capture(const Report *r, Output out, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    KefuError err = {{0}};
    FILE *f = open_memstream(&buf, &n);
    if (!f) {
        perror("open_memstream");
        exit(1);
    }
    switch (out) {
    case OUT_TEXT:
        CHECK_INT(report_write_text(r, f), ==, 0);
        break;
    case OUT_CSV:
        CHECK_INT(report_write_csv(r, f, &err), ==, 0);
        break;
    case OUT_HTML:
        CHECK_INT(report_write_html(r, f, &err), ==, 0);
        break;
    }
    fclose(f);
    if (len)
        *len = n;
    return buf;
}

static int count_of(const char *hay, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

/* The line of text that starts with prefix, with runs of spaces collapsed to one (malloc'd). */
static char *line_starting(const char *text, const char *prefix)
{
    size_t pl = strlen(prefix);
    for (const char *p = text; p && *p;) {
        const char *e = strchr(p, '\n');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n >= pl && memcmp(p, prefix, pl) == 0) {
            char *out = malloc(n + 1);
            size_t o = 0;
            for (size_t i = 0; i < n; i++) {
                if (p[i] == ' ' && o > 0 && out[o - 1] == ' ')
                    continue;
                out[o++] = p[i];
            }
            while (o > 0 && out[o - 1] == ' ')
                o--;
            out[o] = '\0';
            return out;
        }
        p = e ? e + 1 : NULL;
    }
    return NULL;
}

#define CHECK_LINE(text, prefix, expected)                                                         \
    do {                                                                                           \
        char *l_ = line_starting((text), (prefix));                                                \
        CHECK_STR(l_, (expected));                                                                 \
        free(l_);                                                                                  \
    } while (0)

/* ---- The known cohort -------------------------------------------------------------------- */

#define INJECT_NAME "\"><img src=x onerror=alert(1)>"
#define INJECT_REPLY "<script>alert(1)</script>\"><img src=x onerror=alert(1)>"
#define CSV_NAME "=1+1,\"Zhao\"\x1b[2J"

typedef struct Known {
    const char *file, *trainee, *scenario, *title, *mode, *when, *outcome;
    int total;
    double waits[4];
    int nwaits;
    int replies[4];
    const char *statuses;
    const char *override;
    int bad_offsets;
} Known;

/* 10 sessions, 4 trainees, 3 scenarios; the expected figures in the tests below follow from
 * this table by hand. */
static const Known known[] = {
    {"张三/s1.json",
     "张三",
     "haggler",
     "砍价的王女士",
     "exam",
     "2026-11-02T09:00:00Z",
     "left",
     60,
     {4, 25, 8},
     3,
     {0, 8, 4},
     "xxmmxnmvmmmx",
     NULL,
     0},
    {"张三/s2.json",
     "张三",
     "haggler",
     "砍价的王女士",
     "exam",
     "2026-11-05T10:00:00Z",
     "sale",
     72,
     {12, 6},
     2,
     {1, 4},
     "mxmmxnmmmmmm",
     NULL,
     0},
    {"张三/deeper/s3.json",
     "张三",
     "angry_complainant",
     "愤怒的张先生",
     "exam",
     "2026-11-10T11:00:00Z",
     "resolved",
     88,
     {18, 30, 5},
     3,
     {5, 10, 6},
     "mxmmxmxmmmxx",
     NULL,
     0},
    {"张三/deeper/s4.json",
     "张三",
     "angry_complainant",
     "愤怒的张先生",
     "exam",
     "2026-11-20T12:00:00Z",
     "resolved",
     86,
     {5, 5},
     2,
     {5, 6},
     "mmmmxmmmmmmm",
     NULL,
     0},
    {"lisi/a.json",
     "李四",
     "haggler",
     "砍价的王女士",
     "exam",
     "2026-11-03T09:30:00Z",
     "sale",
     90,
     {3, 10},
     2,
     {0, 4},
     "mmmmmmmmmmmm",
     NULL,
     0},
    {"lisi/b.json",
     "李四",
     "haggler",
     "砍价的王女士",
     "practice",
     "2026-11-06T09:30:00Z",
     "sale",
     95,
     {6},
     1,
     {0},
     "mmmmmmmmmmmm",
     NULL,
     0},
    {"lisi/c.json",
     "李四",
     "angry_complainant",
     "愤怒的张先生",
     "exam",
     "2026-11-21T09:30:00Z",
     "escalated",
     70,
     {9, 22, 4},
     3,
     {0, 1, 2},
     "mmxmmmmmvmmm",
     "亲，这个价格真的改不了哦",
     1},
    {"inject.json",
     INJECT_NAME,
     "x_inject",
     "<svg onload=alert(1)>&'\"",
     "exam",
     "2026-11-15T08:00:00Z",
     "abandoned",
     40,
     {10, 21},
     2,
     {0, 1},
     "m-m---------",
     INJECT_REPLY,
     0},
    {"zhao1.json",
     CSV_NAME,
     "haggler",
     "砍价的王女士",
     "exam",
     "2026-11-08T08:00:00Z",
     "sale",
     80,
     {7},
     1,
     {4},
     "mmmmmmmmmmmm",
     NULL,
     0},
    {"zhao2.json",
     CSV_NAME,
     "angry_complainant",
     "愤怒的张先生",
     "exam",
     "2026-11-25T16:00:00Z",
     "left",
     0,
     {0},
     0,
     {0},
     "------------",
     NULL,
     0},
};
#define NKNOWN ((int)(sizeof known / sizeof known[0]))

static long long parse_when(const char *iso)
{
    long long t = 0;
    if (report_parse_date(iso, 0, &t) != 0)
        fprintf(stderr, "bad fixture time %s\n", iso);
    return t;
}

static void write_known(const char *dir)
{
    for (int i = 0; i < NKNOWN; i++) {
        const Known *k = &known[i];
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, k->file);
        char *slash = strrchr(path, '/');
        *slash = '\0';
        gen_mkdirs(path);
        *slash = '/';
        GenSession g = {.trainee = k->trainee,
                        .scenario = k->scenario,
                        .title = k->title,
                        .mode = k->mode,
                        .seed = (unsigned)(7 + i),
                        .started = parse_when(k->when),
                        .outcome = k->outcome,
                        .total = k->total,
                        .first_response = k->nwaits ? k->waits[0] : -1,
                        .waits = k->waits,
                        .nwaits = k->nwaits,
                        .replies = k->replies,
                        .override_reply = k->override,
                        .bad_offsets = k->bad_offsets,
                        .statuses = k->statuses};
        if (gen_write(path, &g) != 0) {
            fprintf(stderr, "cannot write %s\n", path);
            exit(1);
        }
    }
}

typedef struct Warnings {
    char text[16384];
    int n;
} Warnings;

static void collect_warning(void *ud, const char *msg)
{
    Warnings *w = ud;
    size_t used = strlen(w->text);
    snprintf(w->text + used, sizeof w->text - used, "%s\n", msg);
    w->n++;
}

/* The warnings include the message printf would make of the arguments. */
#define CHECK_WARNED(w, ...)                                                                       \
    do {                                                                                           \
        char m_[3000];                                                                             \
        snprintf(m_, sizeof m_, __VA_ARGS__);                                                      \
        CHECK_CONTAINS((w).text, m_);                                                              \
    } while (0)

static Report *run_report(const char *dir, const ReportOptions *opt, Warnings *w)
{
    KefuError err = {{0}};
    Report *r = report_create(opt, &err);
    CHECK(r != NULL);
    int found = report_add_dir(r, dir, collect_warning, w, &err);
    CHECK_INT(found, >, 0);
    CHECK_INT(report_finish(r, &err), ==, 0);
    return r;
}

/* The known cohort written to a fresh folder called name, and its report with opt (may be
 * NULL); warnings go to w. The caller destroys the report. */
static Report *known_report(const char *name, const ReportOptions *opt, Warnings *w)
{
    char dir[1100];
    fresh_dir(name, dir, sizeof dir);
    write_known(dir);
    return run_report(dir, opt, w);
}

static void report_should_compute_the_known_figures(void)
{
    Warnings w = {{0}, 0};
    Report *r = known_report("known", NULL, &w);

    CHECK_INT(w.n, ==, 0);
    CHECK_INT(report_files_read(r), ==, 10);
    CHECK_INT(report_files_skipped(r), ==, 0);
    CHECK_INT(report_session_count(r), ==, 10);
    CHECK_INT(report_passes(r), ==, 5);
    CHECK_DBL(report_average(r), ==, 68.1);
    CHECK_INT(report_trainee_count(r), ==, 4);

    /* Sorted by name (bytes): the injected name, the CSV one, 张三, 李四. */
    const ReportTrainee *t = report_trainee(r, 2);
    CHECK_STR(t->name, "张三");
    CHECK_INT(t->sessions, ==, 4);
    CHECK_INT(t->first, ==, 60);
    CHECK_INT(t->best, ==, 88);
    CHECK_INT(t->latest, ==, 86);
    CHECK_INT(t->latest_pass, ==, 1);
    CHECK_DBL(t->average, ==, 76.5);
    CHECK_INT(t->passes, ==, 2);
    /* Progress: haggler 60, 72 → weighted (60 + 2·72) / 3 = 68, +8; angry 88, 86 → 86.67,
     * −1.33; the mean, +3.33 (never best − first, +28). */
    CHECK_DBL(fabs(t->progress - 10.0 / 3), <, 1e-9);
    CHECK_INT(t->attempts, ==, 4);
    /* Ready on its exams: haggler's latest (72) failed, angry's (86) passed. */
    CHECK_INT(t->ready, ==, 0);
    CHECK_INT(t->ready_exam, ==, 1);
    CHECK_INT(t->ready_passed, ==, 1);
    CHECK_INT(t->ready_needed, ==, 2);
    CHECK_INT(t->ntop, ==, 3);
    CHECK_STR(report_principle(r, t->top[0])->id, "two_choice_close");
    CHECK_INT(t->top_count[0], ==, 4);
    CHECK_STR(report_principle(r, t->top[1])->id, "friendly_tone");
    CHECK_INT(t->top_count[1], ==, 3);
    CHECK_STR(report_principle(r, t->top[2])->id, "reply_wait");
    CHECK_INT(t->top_count[2], ==, 2);
    CHECK_INT(t->first_n, ==, 4);
    CHECK_INT(t->first_within, ==, 3);
    CHECK_INT(t->replies, ==, 10);
    CHECK_INT(t->replies_over, ==, 2);

    t = report_trainee(r, 3);
    CHECK_STR(t->name, "李四");
    CHECK_INT(t->best, ==, 95);
    CHECK_INT(t->latest, ==, 70);
    CHECK_INT(t->latest_pass, ==, 0);
    CHECK_DBL(fabs(t->progress - 10.0 / 3), <, 1e-9); /* haggler 90, 95; angry once */
    CHECK_INT(t->ntop, ==, 2);
    CHECK_STR(report_principle(r, t->top[0])->id, "value_over_price");
    CHECK_STR(report_principle(r, t->top[1])->id, "harsh_refusal");

    t = report_trainee(r, 1);
    CHECK_STR(t->name, CSV_NAME);
    CHECK_INT(t->sessions, ==, 2);
    CHECK_INT(t->first_n, ==, 1);
    CHECK(isnan(t->progress)); /* one attempt per scenario: no trend yet */

    CHECK_INT(report_scenario_count(r), ==, 3);
    const ReportScenario *s = report_scenario(r, 1);
    CHECK_STR(s->id, "haggler");
    CHECK_INT(s->sessions, ==, 5);
    CHECK_INT(s->passes, ==, 3);
    CHECK_DBL(s->average, ==, 79.4);
    CHECK_INT(s->outcomes[1], ==, 4); /* sale */
    CHECK_INT(s->outcomes[3], ==, 1); /* left */
    s = report_scenario(r, 0);
    CHECK_STR(s->id, "angry_complainant");
    CHECK_INT(s->outcomes[2], ==, 2); /* resolved */
    CHECK_INT(s->outcomes[4], ==, 1); /* escalated */

    int found = 0;
    for (int i = 0; i < report_principle_count(r); i++) {
        const ReportPrinciple *p = report_principle(r, i);
        if (strcmp(p->id, "two_choice_close") == 0) {
            found = 1;
            CHECK_STR(p->name, "二选其一");
            CHECK_STR(p->source, "000 二选其一");
            CHECK_INT(p->met, ==, 4);
            CHECK_INT(p->missed, ==, 4);
            CHECK_INT(p->violated, ==, 0);
        }
        if (strcmp(p->id, "arguing") == 0) {
            CHECK_INT(p->violated, ==, 1);
            CHECK_INT(p->met, ==, 7);
        }
    }
    CHECK(found);

    const ReportTiming *tm = report_timing(r);
    CHECK_INT(tm->sessions, ==, 10);
    CHECK_INT(tm->first_n, ==, 9);
    CHECK_INT(tm->no_reply, ==, 1);
    CHECK_DBL(tm->first_median, ==, 7);
    CHECK_DBL(tm->first_max, ==, 18);
    CHECK_INT(tm->first_within, ==, 8);
    CHECK_INT(tm->replies, ==, 19);
    CHECK_INT(tm->replies_over, ==, 4);
    CHECK_INT(tm->sessions_over, ==, 4);
    CHECK_DBL(tm->wait_max, ==, 30);
    CHECK_DBL(tm->wait_avg * 19, >, 209.99);
    CHECK_DBL(tm->wait_avg * 19, <, 210.01);
    report_destroy(r);
}

static void report_should_print_aligned_tables_with_the_figures(void)
{
    Warnings w = {{0}, 0};
    Report *r = known_report("known-text", NULL, &w);
    char *text = capture(r, OUT_TEXT, NULL);

    CHECK_CONTAINS(text, "会话 10 场 · 学员 4 人 · 场景 3 个 · 2026-11-02 至 2026-11-25 (UTC+00:00)\n"
                         "模式: 考试与练习\n");
    CHECK_CONTAINS(text, "平均分 68.1 · 通过 5 场 (50%)\n");
    CHECK_LINE(text, "张三 ", "张三 4 88 86 76.5 50% +3.3 未就绪 (考试 1/2) 二选其一 4、亲切语气 3、回复等待 2");
    CHECK_LINE(text, "李四 ", "李四 3 95 70 85.0 67% +3.3 未就绪 (考试 1/2) 强调价值 1、生硬拒绝 1");
    CHECK_LINE(text, "haggler ", "haggler 砍价的王女士 5 79.4 60% 4 0 1 0 0/0");
    CHECK_LINE(text, "angry_complainant ", "angry_complainant 愤怒的张先生 4 61.0 50% 0 2 1 1 0/0");
    CHECK_LINE(text, "二选其一 ", "二选其一 two_choice_close 技巧 8 4 4 0 50%");
    CHECK_CONTAINS(text, "首次响应 (标准 ≤15 秒): 9 场有回复, 平均 8.2 秒, 中位 7.0 秒, 最长 18.0 "
                         "秒; 达标 8 场 (89%), 未回复 1 场\n");
    CHECK_CONTAINS(text, "回复等待 (标准 ≤20 秒): 回复 19 次, 平均 11.1 秒, 最长 30.0 秒; 超时 4 "
                         "次 (21%), 涉及 4 场\n");

    /* The injected name never reaches the terminal as markup that could matter, and the
     * right-aligned sessions column ends on the same display column in every row. */
    const char *sec = strstr(text, "== 学员 ==\n");
    CHECK(sec != NULL);
    if (sec) {
        const char *p = sec + strlen("== 学员 ==\n");
        int want = -1, rows = 0;
        while (*p && *p != '\n') {
            const char *e = strchr(p, '\n');
            if (strncmp(p, "─", 3) != 0) {
                /* the end of the second column: after the first run of 2+ spaces, the next
                 * token ends there */
                const char *gap = strstr(p, "  ");
                const char *tok = gap;
                while (tok && *tok == ' ')
                    tok++;
                const char *tend = tok;
                while (tend && *tend != ' ' && *tend != '\n')
                    tend++;
                int col = display_width(p, (size_t)(tend - p));
                if (want < 0)
                    want = col;
                CHECK_INT(col, ==, want);
                rows++;
            }
            p = e + 1;
        }
        CHECK_INT(rows, ==, 5);
    }
    CHECK(strchr(text, '\x1b') == NULL);
    free(text);
    report_destroy(r);
}

/* ---- CSV --------------------------------------------------------------------------------- */

/* Splits one RFC 4180 record starting at *p into fields (malloc'd strings); moves *p past its
 * CRLF. Returns the number of fields, or -1 when the record is malformed. */
static int csv_record(const char **p, char **fields, int max)
{
    const char *s = *p;
    int n = 0;
    for (;;) {
        char buf[4096];
        size_t o = 0;
        if (*s == '"') {
            s++;
            for (;;) {
                if (!*s)
                    return -1;
                if (*s == '"' && s[1] == '"') {
                    buf[o++] = '"';
                    s += 2;
                } else if (*s == '"') {
                    s++;
                    break;
                } else {
                    buf[o++] = *s++;
                }
            }
        } else {
            while (*s && *s != ',' && *s != '\r' && *s != '\n' && *s != '"')
                buf[o++] = *s++;
            if (*s == '"')
                return -1;
        }
        buf[o] = '\0';
        if (n < max)
            fields[n] = strdup(buf);
        n++;
        if (*s == ',') {
            s++;
            continue;
        }
        if (s[0] == '\r' && s[1] == '\n') {
            *p = s + 2;
            return n;
        }
        return -1; /* a bare LF, or the end without CRLF */
    }
}

static void free_fields(char **f, int n)
{
    for (int i = 0; i < n; i++)
        free(f[i]);
}

static int column(char **header, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (strcmp(header[i], name) == 0)
            return i;
    fprintf(stderr, "no CSV column %s\n", name);
    return 0;
}

static void report_should_write_rfc4180_csv_with_bom_and_crlf(void)
{
    Warnings w = {{0}, 0};
    size_t len = 0;
    Report *r = known_report("known-csv", NULL, &w);
    char *csv = capture(r, OUT_CSV, &len);

    CHECK(len > 3 && memcmp(csv, "\xef\xbb\xbf", 3) == 0);
    CHECK_INT(count_of(csv, "\r\n"), ==, 11);
    CHECK_INT(count_of(csv, "\n"), ==, 11); /* no bare LF anywhere */
    CHECK(text_valid_utf8(csv, len, NULL));
    const char *p = csv + 3;
    char *head[64], *row[64];
    int nh = csv_record(&p, head, 64);
    CHECK_INT(nh, ==, 36);
    CHECK_STR(head[0], "file");
    CHECK_STR(head[2], "trainee");
    CHECK_STR(head[nh - 4], "rubric_version");
    CHECK_STR(head[nh - 3], "check");
    CHECK_STR(head[nh - 2], "false_alarms");
    CHECK_STR(head[nh - 1], "misses");
    int found_zhangsan = 0, rows = 0;
    while (*p) {
        int n = csv_record(&p, row, 64);
        CHECK_INT(n, ==, nh);
        if (n != nh) {
            free_fields(row, n > 0 ? n : 0);
            break;
        }
        rows++;
        if (rows == 2) /* sorted by trainee: the formula-looking name is second */
            CHECK_STR(row[column(head, nh, "trainee")], "'=1+1,\"Zhao\"\\x1b[2J"); /* inert */
        if (strcmp(row[column(head, nh, "file")], "") != 0 &&
            strstr(row[column(head, nh, "file")], "张三/s1.json")) {
            found_zhangsan = 1;
            CHECK_STR(row[column(head, nh, "trainee")], "张三");
            CHECK_STR(row[column(head, nh, "scenario_id")], "haggler");
            CHECK_STR(row[column(head, nh, "scenario_title")], "砍价的王女士");
            CHECK_STR(row[column(head, nh, "started_at")], "2026-11-02T09:00:00Z");
            CHECK_STR(row[column(head, nh, "outcome")], "left");
            CHECK_STR(row[column(head, nh, "total")], "60");
            CHECK_STR(row[column(head, nh, "pass")], "0");
            CHECK_STR(row[column(head, nh, "pass_mark")], "80");
            CHECK_STR(row[column(head, nh, "first_response_s")], "4");
            CHECK_STR(row[column(head, nh, "replies")], "3");
            CHECK_STR(row[column(head, nh, "replies_over")], "1");
            CHECK_STR(row[column(head, nh, "principles_met")], "6");
            CHECK_STR(row[column(head, nh, "principles_missed")], "4");
            CHECK_STR(row[column(head, nh, "principles_violated")], "1");
            CHECK_STR(row[column(head, nh, "principles_na")], "1");
            CHECK_STR(row[column(head, nh, "missed")],
                      "warm_greeting;friendly_tone;two_choice_close;reply_wait");
            CHECK_STR(row[column(head, nh, "violated")], "arguing");
            CHECK_STR(row[column(head, nh, "critical")], "arguing");
            CHECK_STR(row[column(head, nh, "engine_version")], "0.1.0");
        }
        if (strstr(row[column(head, nh, "file")], "zhao2.json"))
            CHECK_STR(row[column(head, nh, "first_response_s")], ""); /* never replied */
        free_fields(row, n);
    }
    CHECK_INT(rows, ==, 10);
    CHECK(found_zhangsan);
    /* The raw text shows the quoting: the comma and quotes of the name are inside quotes. */
    CHECK_CONTAINS(csv, ",\"'=1+1,\"\"Zhao\"\"\\x1b[2J\",");
    free_fields(head, nh);
    free(csv);
    report_destroy(r);
}

/* ---- HTML -------------------------------------------------------------------------------- */

static void report_should_write_escaped_self_contained_html(void)
{
    Warnings w = {{0}, 0};
    size_t len = 0;
    ReportOptions opt = {.html = 1};
    Report *r = known_report("known-html", &opt, &w);
    char *html = capture(r, OUT_HTML, &len);

    CHECK(text_valid_utf8(html, len, NULL));
    CHECK_CONTAINS(html, "<!DOCTYPE html>");
    CHECK_CONTAINS(html, "Content-Security-Policy");
    /* Nothing executable, nothing fetched. */
    CHECK_INT(count_of(html, "<script"), ==, 0);
    CHECK_INT(count_of(html, "<img"), ==, 0);
    CHECK_INT(count_of(html, "<svg onload"), ==, 0);
    CHECK_INT(count_of(html, "http://"), ==, 0);
    CHECK_INT(count_of(html, "https://"), ==, 0);
    CHECK_INT(count_of(html, "<link"), ==, 0);
    CHECK_INT(count_of(html, "@import"), ==, 0);
    CHECK_INT(count_of(html, "url("), ==, 0);
    /* The injection strings are there as text, in the transcript, names and titles. */
    CHECK_CONTAINS(html, "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x "
                         "onerror=alert(1)&gt;");
    CHECK_CONTAINS(html, "<td class=\"name\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>");
    CHECK_CONTAINS(html, "&lt;svg onload=alert(1)&gt;&amp;&#39;&quot;");
    /* Figures: cards, histogram, trainee rows, heat map cells, scenario rows. */
    CHECK_CONTAINS(html, "<b>68.1</b><span>平均分</span>");
    CHECK_CONTAINS(html, "<title>80–89 分: 3 场</title>");
    CHECK_CONTAINS(html, "<title>90–100 分: 2 场</title>");
    CHECK_CONTAINS(html, "<title>0–9 分: 1 场</title>");
    CHECK_INT(count_of(html, "<rect class=\"bin\""), ==, 10);
    CHECK_CONTAINS(html, "<td class=\"n avg\">76.5</td>");
    CHECK_CONTAINS(html, "<title>张三 · 二选其一: 达成 0/4, 未达成 4, 违反 0</title>");
    CHECK_CONTAINS(html, "<title>李四 · 二选其一: 达成 3/3, 未达成 0, 违反 0</title>");
    CHECK_INT(count_of(html, "<tr class=\"trainee\">"), ==, 4);
    CHECK_INT(count_of(html, "<tr class=\"scenario\">"), ==, 3);
    /* Attempts: one dot per session, linked to its drill-down. */
    CHECK_INT(count_of(html, "<circle"), ==, 10);
    /* Drill-down: every session, evidence marked, citation beside it. */
    CHECK_INT(count_of(html, "<details class=\"ses\""), ==, 10);
    CHECK_INT(count_of(html, "<details class=\"trn\">"), ==, 4);
    CHECK_CONTAINS(html, "<mark class=\"t\" title=\"热情问候\">亲，您好！欢迎光临小店</mark>");
    CHECK_CONTAINS(html, "<mark class=\"v\" title=\"生硬拒绝\">不行</mark>，不能便宜。");
    CHECK_CONTAINS(html, "<li class=\"v\"><b>生硬拒绝</b> <q>不行</q><cite>手册 003 少用或慎用"
                         "不对、不可以、不行</cite></li>");
    /* Broken offsets: the one splitting 亲 widens to whole characters; the one whose evidence
     * is not in the text marks nothing and says so. */
    CHECK_CONTAINS(html, "<mark class=\"t\" title=\"亲切语气\">亲，这个价格真的改不了哦</mark>");
    CHECK_CONTAINS(html, "<q>not in the text</q> <i>（位置无效）</i>");
    CHECK_CONTAINS(html, "<footer>read 10 files, skipped 0</footer>");
    free(html);
    report_destroy(r);
}

/* ---- Bad files --------------------------------------------------------------------------- */

static uint64_t fnv(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static void write_str(const char *dir, const char *name, const char *text, size_t len)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    CHECK_INT(gen_write_text(path, text, len), ==, 0);
}

/* A valid session's JSON with one replacement made (malloc'd). */
static char *variant(const char *from, const char *to)
{
    double waits[] = {5, 6};
    GenSession g = {.trainee = "王五",
                    .scenario = "haggler",
                    .title = "砍价的王女士",
                    .started = 1795000000,
                    .outcome = "sale",
                    .total = 82,
                    .first_response = 5,
                    .waits = waits,
                    .nwaits = 2,
                    .statuses = "mmmmmmmmmmmm"};
    char *json = gen_json(&g);
    if (!from)
        return json;
    char *at = strstr(json, from);
    CHECK(at != NULL);
    if (!at)
        return json;
    size_t nf = strlen(from), nt = strlen(to), n = strlen(json);
    char *out = malloc(n - nf + nt + 1);
    memcpy(out, json, (size_t)(at - json));
    memcpy(out + (at - json), to, nt);
    memcpy(out + (at - json) + nt, at + nf, n - (size_t)(at - json) - nf + 1);
    free(json);
    return out;
}

/* "line:col" of the first occurrence of needle in text, as the report counts them. */
static void where(const char *text, const char *needle, char *buf, size_t size)
{
    const char *at = strstr(text, needle);
    int line = 1, col = 1;
    for (const char *p = text; at && p < at; p++) {
        if (*p == '\n') {
            line++;
            col = 1;
        } else if (((unsigned char)*p & 0xc0) != 0x80) {
            col++;
        }
    }
    snprintf(buf, size, "%d:%d", line, col);
}

static void report_should_skip_bad_files_naming_file_and_reason(void)
{
    char dir[1100], loc[32];
    Warnings w = {{0}, 0};
    fresh_dir("bad", dir, sizeof dir);
    write_known(dir);

    char *good = variant(NULL, NULL);
    write_str(dir, "truncated.json", good, strlen(good) / 2);
    write_str(dir, "empty.json", "", 0);
    write_str(dir, "array.json", "[1, 2]\n", 7);
    const char *mal = "{\"schema\": \"kefu.result/1\",\n  \"trainee\": }\n";
    write_str(dir, "malformed.json", mal, strlen(mal));
    char *wrong = variant("\"kefu.result/1\"", "\"kefu.other/1\"");
    write_str(dir, "wrong_schema.json", wrong, strlen(wrong));
    char *future = variant("\"kefu.result/1\"", "\"kefu.result/2\"");
    write_str(dir, "future.json", future, strlen(future));
    write_str(dir, "no_schema.json", "{\"trainee\": \"x\"}", 16);
    char *latin = variant("王五", "\xcd\xf5\xce\xe5"); /* 王五 in GBK: not UTF-8 */
    write_str(dir, "gbk.json", latin, strlen(latin));
    char *won = variant("\"outcome\":\t\"sale\"", "\"outcome\":\t\"won\"");
    write_str(dir, "bad_outcome.json", won, strlen(won));
    char *notext = variant("\"text\":\t\"这床能便宜点吗？\"", "\"text\":\t42");
    write_str(dir, "bad_text.json", notext, strlen(notext));
    char *noname = variant("\"trainee\":\t\"王五\"", "\"trainee\":\t\"\"");
    write_str(dir, "no_trainee.json", noname, strlen(noname));
    write_str(dir, "notes.txt", "not json at all", 15); /* not *.json: ignored */
    write_str(dir, ".hidden.json", "garbage", 7);       /* hidden: ignored */
    write_str(dir, "trailing.json", "{\"a\": 1} {\"b\": 2}", 17);
    const char *wang = strstr(good, "王五");
    write_str(dir, "cut_char.json", good, (size_t)(wang - good) + 1); /* ends inside 王 */

    /* Remember every input's bytes and time: the report must change none of them. */
    const char *paths[] = {"truncated.json", "gbk.json", "bad_outcome.json", "张三/s1.json"};
    uint64_t before[4];
    struct stat stb[4];
    for (int i = 0; i < 4; i++) {
        char p[2048];
        size_t n;
        snprintf(p, sizeof p, "%s/%s", dir, paths[i]);
        char *s = slurp(p, &n);
        before[i] = s ? fnv(s, n) : 0;
        free(s);
        stat(p, &stb[i]);
    }

    ReportOptions opt = {.html = 1};
    Report *r = run_report(dir, &opt, &w);
    CHECK_INT(report_files_read(r), ==, 10);
    CHECK_INT(report_files_skipped(r), ==, 13);
    CHECK_INT(w.n, ==, 13);
    CHECK_INT(report_session_count(r), ==, 10);

    CHECK_WARNED(w, "%s/truncated.json:", dir);
    CHECK_CONTAINS(w.text, ": truncated: the JSON ends before it is complete\n");
    CHECK_WARNED(w, "%s/empty.json: empty file, not a results file\n", dir);
    CHECK_WARNED(w,
                 "%s/array.json:1:1: not a results file: expected a JSON object, "
                 "got an array\n",
                 dir);
    CHECK_WARNED(w, "%s/malformed.json:2:14: malformed JSON near \"}\"\n", dir);
    where(wrong, "\"kefu.other/1\"", loc, sizeof loc);
    CHECK_WARNED(w,
                 "%s/wrong_schema.json:%s: wrong schema \"kefu.other/1\" (expected "
                 "\"kefu.result/1\")\n",
                 dir, loc);
    CHECK_WARNED(w,
                 "%s/future.json:%s: future version: schema \"kefu.result/2\" is "
                 "newer than this kefu reads",
                 dir, loc);
    CHECK_WARNED(w,
                 "%s/no_schema.json:1:1: not a kefu results file: \"schema\" is "
                 "missing",
                 dir);
    where(latin, "\xcd", loc, sizeof loc);
    CHECK_WARNED(w, "%s/gbk.json:%s: not valid UTF-8 (byte 0xcd", dir, loc);
    where(won, "\"won\"", loc, sizeof loc);
    CHECK_WARNED(w,
                 "%s/bad_outcome.json:%s: \"outcome\" must be one of sale, resolved, "
                 "left, escalated, abandoned, incomplete; got \"won\"\n",
                 dir, loc);
    where(notext, "42", loc, sizeof loc);
    CHECK_WARNED(w,
                 "%s/bad_text.json:%s: \"transcript[0].text\" must be a string; got "
                 "a number\n",
                 dir, loc);
    CHECK_WARNED(w, "%s/no_trainee.json:", dir);
    CHECK_CONTAINS(w.text, "\"trainee\" must not be empty\n");
    CHECK_CONTAINS(w.text, "trailing.json:1:10: malformed JSON: text after the end");
    CHECK_CONTAINS(w.text, "cut_char.json:");
    CHECK_CONTAINS(w.text, ": truncated: the file ends in the middle of a character\n");
    CHECK(strstr(w.text, "notes.txt") == NULL);
    CHECK(strstr(w.text, ".hidden.json") == NULL);

    /* The skipped files are listed in the HTML too, escaped. */
    size_t len;
    char *html = capture(r, OUT_HTML, &len);
    CHECK_CONTAINS(html, "<h2>跳过的文件 (13)</h2>");
    CHECK_CONTAINS(html, "<footer>read 10 files, skipped 13</footer>");
    CHECK(text_valid_utf8(html, len, NULL)); /* the GBK bytes never reach the page */
    free(html);
    report_destroy(r);

    for (int i = 0; i < 4; i++) {
        char p[2048];
        size_t n;
        struct stat sta;
        snprintf(p, sizeof p, "%s/%s", dir, paths[i]);
        char *s = slurp(p, &n);
        CHECK(s != NULL && fnv(s, n) == before[i]);
        free(s);
        CHECK(stat(p, &sta) == 0 && sta.st_mtime == stb[i].st_mtime);
    }
    free(good);
    free(wrong);
    free(future);
    free(latin);
    free(won);
    free(notext);
    free(noname);
}

static void report_should_apply_the_filters(void)
{
    char dir[1100];
    Warnings w = {{0}, 0};
    fresh_dir("filters", dir, sizeof dir);
    write_known(dir);

    const char *names[] = {"李四"};
    ReportOptions o1 = {.trainees = names, .ntrainees = 1};
    Report *r = run_report(dir, &o1, &w);
    CHECK_INT(report_session_count(r), ==, 3);
    CHECK_INT(report_files_read(r), ==, 10);
    CHECK_INT(report_trainee_count(r), ==, 1);
    char *text = capture(r, OUT_TEXT, NULL);
    CHECK_CONTAINS(text, "筛选: 学员 李四\n");
    free(text);
    report_destroy(r);

    ReportOptions o2 = {.scenario = "haggler"};
    r = run_report(dir, &o2, &w);
    CHECK_INT(report_session_count(r), ==, 5);
    report_destroy(r);

    ReportOptions o3 = {0};
    CHECK_INT(report_parse_date("2026-11-10", 0, &o3.since), ==, 0);
    CHECK_INT(report_parse_date("2026-11-20", 1, &o3.until), ==, 0);
    o3.has_since = o3.has_until = 1;
    r = run_report(dir, &o3, &w);
    CHECK_INT(report_session_count(r), ==, 3); /* 张三 s3 and s4 (the 20th counts), inject */
    report_destroy(r);

    ReportOptions o4 = {.mode = "practice"};
    r = run_report(dir, &o4, &w);
    CHECK_INT(report_session_count(r), ==, 1);
    report_destroy(r);

    ReportOptions o5 = {.scenario = "nope", .html = 1};
    r = run_report(dir, &o5, &w);
    CHECK_INT(report_session_count(r), ==, 0);
    CHECK_INT(report_files_read(r), ==, 10);
    /* Nothing kept: the writers still produce well-formed, empty reports. */
    size_t n;
    text = capture(r, OUT_TEXT, NULL);
    CHECK_CONTAINS(text, "会话 0 场 · 学员 0 人 · 场景 0 个 · — 至 — (UTC+00:00)");
    free(text);
    char *csv = capture(r, OUT_CSV, &n);
    CHECK_INT(count_of(csv, "\r\n"), ==, 1);
    free(csv);
    char *html = capture(r, OUT_HTML, &n);
    CHECK_CONTAINS(html, "<footer>read 10 files, skipped 0</footer>");
    free(html);
    report_destroy(r);
    CHECK_INT(w.n, ==, 0);
}

/* ---- Odd but valid content --------------------------------------------------------------- */

static void report_should_survive_hostile_text(void)
{
    char dir[1100];
    Warnings w = {{0}, 0};
    fresh_dir("hostile", dir, sizeof dir);

    /* 10,000 characters of mixed text, control characters and an escape sequence. */
    size_t cap = 40000, n = 0;
    char *longtext = malloc(cap);
    for (int i = 0; i < 10000; i++) {
        const char *piece = i % 3 == 0 ? "亲" : i % 3 == 1 ? "a" : "，";
        size_t k = strlen(piece);
        memcpy(longtext + n, piece, k);
        n += k;
    }
    longtext[n] = '\0';
    const char *texts[] = {longtext, "", "\x01\x02\x1b[31mred\x1b[0m\x7f", "   ",
                           "\xe2\x80\xae"
                           "evil"};
    for (int i = 0; i < 5; i++) {
        double waits[] = {5, 6};
        char path[2048];
        GenSession g = {.trainee = i == 2 ? "坏\x1b[2J人" : "甲",
                        .scenario = "haggler",
                        .started = 1795000000 + i,
                        .outcome = "sale",
                        .total = 50,
                        .first_response = 5,
                        .waits = waits,
                        .nwaits = 2,
                        .override_reply = texts[i],
                        .bad_offsets = 1,
                        .statuses = "mmmmmmmmmmmm"};
        snprintf(path, sizeof path, "%s/h%d.json", dir, i);
        CHECK_INT(gen_write(path, &g), ==, 0);
    }
    ReportOptions opt = {.html = 1};
    Report *r = run_report(dir, &opt, &w);
    CHECK_INT(report_session_count(r), ==, 5);
    CHECK_INT(w.n, ==, 0);
    char *text = capture(r, OUT_TEXT, NULL);
    CHECK(strchr(text, '\x1b') == NULL);
    CHECK(strstr(text, "\xe2\x80\xae") == NULL);
    CHECK_CONTAINS(text, "坏?[2J人");
    size_t len;
    char *html = capture(r, OUT_HTML, &len);
    CHECK(text_valid_utf8(html, len, NULL));
    CHECK(strchr(html, '\x1b') == NULL);
    CHECK(strchr(html, '\x01') == NULL);
    CHECK_CONTAINS(html, "\xef\xbf\xbd[31mred");
    /* The whole long reply is there, marked (the broken hit widened to the whole text). */
    CHECK_CONTAINS(html, "亲a，亲a，亲a，");
    free(html);
    size_t clen;
    char *csv = capture(r, OUT_CSV, &clen);
    CHECK(text_valid_utf8(csv, clen, NULL));
    free(csv);
    free(text);
    free(longtext);
    report_destroy(r);
}

static void report_should_hold_each_session_to_its_recorded_standard(void)
{
    char dir[1100], path[2048];
    Warnings w = {{0}, 0};
    fresh_dir("standards", dir, sizeof dir);
    double waits[] = {25, 25};
    for (int i = 0; i < 2; i++) {
        GenSession g = {.trainee = "甲", .scenario = "haggler", .started = 1795000000 + i,
                        .outcome = "sale", .total = 90, .first_response = 25, .waits = waits,
                        .nwaits = 2, .statuses = "mmmmmmmmmmmm", .wait_standard = i ? 30 : 0};
        snprintf(path, sizeof path, "%s/s%d.json", dir, i);
        CHECK_INT(gen_write(path, &g), ==, 0);
    }
    Report *r = run_report(dir, NULL, &w);
    const ReportTiming *tm = report_timing(r);
    CHECK_INT(tm->replies, ==, 4);
    CHECK_INT(tm->replies_over, ==, 2); /* 25 s is over 20 s, not over 30 s */
    CHECK_INT(tm->sessions_over, ==, 1);
    CHECK(tm->wait_standard != tm->wait_standard); /* NAN: the sessions differ */
    CHECK_DBL(tm->first_standard, ==, 15);
    char *text = capture(r, OUT_TEXT, NULL);
    CHECK_CONTAINS(text, "回复等待 (标准各场不同): 回复 4 次");
    CHECK_CONTAINS(text, "首次响应 (标准 ≤15 秒): 2 场有回复");
    free(text);
    report_destroy(r);
}

/* ---- A generated cohort: figures computed here from what was generated ------------------ */

static void report_should_match_a_generated_cohort(void)
{
    enum { N = 600, T = 25 };
    char dir[1100];
    Warnings w = {{0}, 0};
    fresh_dir("cohort", dir, sizeof dir);
    static const char *scn[] = {"haggler", "angry_complainant", "authenticity_skeptic",
                                "indecisive_buyer"};
    static const char *oc[] = {"sale", "resolved", "left", "escalated", "abandoned", "incomplete"};
    int sessions[T] = {0}, best[T], sum[T] = {0}, passes = 0, outcomes[6] = {0};
    long long total = 0;
    unsigned st = 12345;
    for (int i = 0; i < T; i++)
        best[i] = -1;
    for (int i = 0; i < N; i++) {
        double waits[9];
        int nw = 5 + (int)(gen_rand(&st) % 5);
        for (int k = 0; k < nw; k++)
            waits[k] = 1 + gen_rand(&st) % 300 / 10.0;
        char statuses[GEN_NPRINCIPLES + 1];
        for (int k = 0; k < GEN_NPRINCIPLES; k++)
            statuses[k] = "mmmmxxvn"[gen_rand(&st) % 8];
        statuses[GEN_NPRINCIPLES] = '\0';
        int t = (int)(gen_rand(&st) % T), score = (int)(gen_rand(&st) % 101);
        int o = (int)(gen_rand(&st) % 6);
        char name[32], path[2048];
        snprintf(name, sizeof name, "学员%02d", t);
        GenSession g = {.trainee = name,
                        .scenario = scn[i % 4],
                        .seed = (unsigned)i,
                        .started = 1795000000LL + i * 600LL,
                        .outcome = oc[o],
                        .total = score,
                        .first_response = waits[0],
                        .waits = waits,
                        .nwaits = nw,
                        .statuses = statuses};
        if (i < 4) {
            snprintf(path, sizeof path, "%s/%s", dir, scn[i]);
            gen_mkdirs(path);
        }
        snprintf(path, sizeof path, "%s/%s/%04d.json", dir, scn[i % 4], i);
        CHECK_INT(gen_write(path, &g), ==, 0);
        sessions[t]++;
        sum[t] += score;
        if (score > best[t])
            best[t] = score;
        passes += score >= 80;
        total += score;
        outcomes[o]++;
    }
    ReportOptions opt = {.html = 1};
    Report *r = run_report(dir, &opt, &w);
    CHECK_INT(report_session_count(r), ==, N);
    CHECK_INT(report_passes(r), ==, passes);
    CHECK_DBL(report_average(r) * N, >, total - 0.01);
    CHECK_DBL(report_average(r) * N, <, total + 0.01);
    int nt = 0;
    for (int i = 0; i < T; i++)
        nt += sessions[i] > 0;
    CHECK_INT(report_trainee_count(r), ==, nt);
    for (int i = 0, k = 0; i < T; i++) {
        if (!sessions[i])
            continue;
        const ReportTrainee *x = report_trainee(r, k++);
        char name[32];
        snprintf(name, sizeof name, "学员%02d", i);
        CHECK_STR(x->name, name);
        CHECK_INT(x->sessions, ==, sessions[i]);
        CHECK_INT(x->best, ==, best[i]);
        CHECK_DBL(x->average * sessions[i], >, sum[i] - 0.01);
        CHECK_DBL(x->average * sessions[i], <, sum[i] + 0.01);
    }
    int got[6] = {0};
    for (int i = 0; i < report_scenario_count(r); i++)
        for (int k = 0; k < 6; k++)
            got[k] += report_scenario(r, i)->outcomes[k + 1];
    for (int k = 0; k < 6; k++)
        CHECK_INT(got[k], ==, outcomes[k]);
    size_t len, clen;
    char *html = capture(r, OUT_HTML, &len);
    CHECK_INT(count_of(html, "<details class=\"ses\""), ==, N);
    CHECK_INT(count_of(html, "<circle"), ==, N);
    CHECK(text_valid_utf8(html, len, NULL));
    char *csv = capture(r, OUT_CSV, &clen);
    CHECK_INT(count_of(csv, "\r\n"), ==, N + 1);
    free(html);
    free(csv);
    report_destroy(r);
}

/* ---- Reading with threads ------------------------------------------------------------------ */

static int copies_made;
static char rubric_file[] = "scenarios/rubric.lua";

static struct Rubric *load_copy(void *ud)
{
    KefuError err;
    __atomic_fetch_add(&copies_made, 1, __ATOMIC_SEQ_CST);
    return rubric_load(ud, &err);
}

/* Everything the report writes with opt over dir, warnings first, as one string. */
static char *whole_report(const char *dir, const ReportOptions *opt)
{
    Warnings w = {{0}, 0};
    Report *r = run_report(dir, opt, &w);
    char *text = capture(r, OUT_TEXT, NULL), *csv = capture(r, OUT_CSV, NULL);
    char *html = capture(r, OUT_HTML, NULL);
    size_t n = strlen(w.text) + strlen(text) + strlen(csv) + strlen(html) + 1;
    char *all = malloc(n);
    CHECK(all != NULL);
    snprintf(all, n, "%s%s%s%s", w.text, text, csv, html);
    free(text);
    free(csv);
    free(html);
    report_destroy(r);
    return all;
}

static char threads_dir[1100]; /* the folder the threads test wrote */

static void report_should_read_the_same_with_any_number_of_threads(void)
{
    enum { N = 240 };
    char dir[1100], path[2048];
    KefuError err;
    Rubric *rubric = rubric_load(rubric_file, &err);
    CHECK(rubric != NULL);
    fresh_dir("threads", dir, sizeof dir);
    unsigned st = 777;
    for (int i = 0; i < N; i++) {
        double waits[6] = {3, 5, 8, 13, 21, 34};
        char statuses[GEN_NPRINCIPLES + 1], name[32];
        for (int k = 0; k < GEN_NPRINCIPLES; k++)
            statuses[k] = "mmxvn"[gen_rand(&st) % 5];
        statuses[GEN_NPRINCIPLES] = '\0';
        snprintf(name, sizeof name, "学员%02u", gen_rand(&st) % 9);
        GenSession g = {.trainee = name,
                        .scenario = "haggler",
                        .mode = i % 3 ? "exam" : "practice",
                        .seed = (unsigned)i,
                        .started = 1795000000LL + i * 600LL,
                        .outcome = "sale",
                        .total = (int)(gen_rand(&st) % 101),
                        .first_response = 3,
                        .waits = waits,
                        .nwaits = 6,
                        .statuses = statuses};
        char *json = gen_json(&g);
        cJSON *root = cJSON_Parse(json);
        CHECK(root != NULL);
        /* Every third file scored by this rubric (rescored on a reading thread), every fifth
         * an exam sitting whose chain does not verify, every seventh broken. */
        if (i % 3 == 0) {
            cJSON *v = cJSON_CreateObject();
            cJSON_AddStringToObject(v, RK_RUBRIC, rubric_version(rubric));
            cJSON_DeleteItemFromObject(root, RK_VERSIONS);
            cJSON_AddItemToObject(root, RK_VERSIONS, v);
        }
        if (i % 5 == 0) {
            cJSON *ex = cJSON_AddObjectToObject(root, RK_EXAM);
            cJSON_AddStringToObject(ex, RK_ID, "exam-1");
            cJSON_AddNumberToObject(ex, RK_ATTEMPT, 1);
            cJSON_AddStringToObject(ex, RK_CHAIN, "0000");
        }
        char *text = cJSON_Print(root);
        size_t len = strlen(text);
        if (i % 7 == 0)
            len /= 2;
        snprintf(path, sizeof path, "%s/%03d.json", dir, i);
        CHECK_INT(gen_write_text(path, text, len), ==, 0);
        cJSON_free(text);
        cJSON_Delete(root);
        free(json);
    }
    snprintf(threads_dir, sizeof threads_dir, "%s", dir);
    ReportOptions one = {.html = 1, .mode = "all", .rubric = rubric};
    char *expected = whole_report(dir, &one);
    CHECK_INT(copies_made, ==, 0);
    CHECK_CONTAINS(expected, "edited transcript");
    CHECK_CONTAINS(expected, "truncated");
    for (int threads = 2; threads <= 5; threads += 3) {
        ReportOptions many = one;
        many.threads = threads;
        many.rubric_copy = load_copy;
        many.rubric_copy_ud = rubric_file;
        copies_made = 0;
        char *got = whole_report(dir, &many);
        CHECK_INT(copies_made, ==, threads - 1); /* thread 0 rescores with opt.rubric */
        CHECK_INT((int)strlen(got), ==, (int)strlen(expected));
        CHECK(strcmp(got, expected) == 0);
        free(got);
    }
    /* Without a way to copy the rubric, one thread rescores: the same report again. */
    ReportOptions no_copy = one;
    no_copy.threads = 4;
    char *got = whole_report(dir, &no_copy);
    CHECK(strcmp(got, expected) == 0);
    free(got);
    free(expected);
    rubric_destroy(rubric);
}

/* The lines of the file at path (0 when missing). */
static int lines_of(const char *path)
{
    FILE *f = fopen(path, "rb");
    int n = 0, c;
    while (f && (c = fgetc(f)) != EOF)
        n += c == '\n';
    if (f)
        fclose(f);
    return n;
}

/* The cache of checks (results/report_cache.h): the same report with it, cold or warm; a warm
 * run rescores nothing (no reading thread loads a rubric); an edited file is checked again; a
 * damaged cache is ignored and rewritten; and its entries are what the report believes. */
static void report_should_keep_its_checks_in_a_cache_keyed_by_the_bytes(void)
{
    KefuError err;
    Rubric *rubric = rubric_load(rubric_file, &err);
    CHECK(rubric != NULL);
    char cache[1200];
    snprintf(cache, sizeof cache, "%s-cache/checks", threads_dir);
    remove(cache);
    ReportOptions plain = {.html = 1, .mode = "all", .rubric = rubric};
    char *expected = whole_report(threads_dir, &plain);

    ReportOptions cached = plain;
    cached.threads = 2;
    cached.rubric_copy = load_copy;
    cached.rubric_copy_ud = rubric_file;
    cached.check_cache = cache;
    copies_made = 0;
    char *cold = whole_report(threads_dir, &cached);
    CHECK(strcmp(cold, expected) == 0);
    CHECK_INT(copies_made, ==, 1);
    int entries = lines_of(cache) - 1; /* the header */
    CHECK_INT(entries, >, 40);         /* every third file scored by the rubric, every fifth exam */
    copies_made = 0;
    char *warm = whole_report(threads_dir, &cached);
    CHECK(strcmp(warm, expected) == 0);
    CHECK_INT(copies_made, ==, 0); /* every check found in the cache */
    CHECK_INT(lines_of(cache) - 1, ==, entries);
    free(cold);
    free(warm);

    /* A file changed after it was cached is checked again: 003.json (scored by this rubric)
     * with another total is flagged, with the cache as without. */
    char path[1300];
    snprintf(path, sizeof path, "%s/003.json", threads_dir);
    size_t len = 0;
    char *old = kerr_read_file(path, &len, &err);
    cJSON *root = old ? cJSON_Parse(old) : NULL;
    free(old);
    CHECK(root != NULL);
    cJSON *sc = cJSON_GetObjectItem(root, RK_SCORECARD);
    int total = (int)cJSON_GetNumberValue(cJSON_GetObjectItem(sc, RK_TOTAL));
    cJSON_ReplaceItemInObject(sc, RK_TOTAL, cJSON_CreateNumber(total == 100 ? 99 : total + 1));
    char *text = cJSON_Print(root);
    CHECK_INT(gen_write_text(path, text, strlen(text)), ==, 0);
    cJSON_free(text);
    cJSON_Delete(root);
    free(expected);
    expected = whole_report(threads_dir, &plain);
    char *edited = whole_report(threads_dir, &cached);
    CHECK(strcmp(edited, expected) == 0);
    CHECK_INT(lines_of(cache) - 1, ==, entries + 1);
    free(edited);

    /* A damaged cache is not believed, and is written again whole. */
    CHECK_INT(gen_write_text(cache, "kefu.report-checks/1 zz\nnonsense\n", 34), ==, 0);
    char *fixed = whole_report(threads_dir, &cached);
    CHECK(strcmp(fixed, expected) == 0);
    CHECK_INT(lines_of(cache) - 1, ==, entries);
    free(fixed);

    /* What the cache says is what the report believes (so it must live where only HR writes):
     * every entry marked "edited total" makes every checked file flagged. */
    size_t n = 0;
    char *c = kerr_read_file(cache, &n, &err);
    CHECK(c != NULL);
    for (char *line = c ? strchr(c, '\n') : NULL; line && line[1]; line = strchr(line + 1, '\n'))
        line[66] = '1'; /* "<64 hex> <flags> ...": flags 1, REPORT_CHECK_TOTAL */
    CHECK_INT(gen_write_text(cache, c, n), ==, 0);
    free(c);
    char *forged = whole_report(threads_dir, &cached);
    CHECK(strcmp(forged, expected) != 0);
    free(forged);
    free(expected);
    rubric_destroy(rubric);
}

/* ---- Small pieces ------------------------------------------------------------------------ */

static void report_should_measure_display_width(void)
{
    CHECK_INT(display_width("abc", 3), ==, 3);
    CHECK_INT(display_width("张三", strlen("张三")), ==, 4);
    CHECK_INT(display_width("Alice 欧阳", strlen("Alice 欧阳")), ==, 10);
    CHECK_INT(display_width("，。！", strlen("，。！")), ==, 6);
    CHECK_INT(display_width("e\xcc\x81", 3), ==, 1); /* e + combining acute */
    CHECK_INT(display_width("", 0), ==, 0);
}

static void report_should_parse_dates(void)
{
    long long t;
    CHECK_INT(report_parse_date("1970-01-01", 0, &t), ==, 0);
    CHECK_INT(t, ==, 0);
    CHECK_INT(report_parse_date("2026-11-23", 0, &t), ==, 0);
    CHECK_INT(t, ==, 1795392000LL);
    CHECK_INT(report_parse_date("2026-11-23", 1, &t), ==, 0);
    CHECK_INT(t, ==, 1795392000LL + 86399);
    CHECK_INT(report_parse_date("2026-11-23T10:15:00Z", 1, &t), ==, 0);
    CHECK_INT(t, ==, 1795392000LL + 10 * 3600 + 15 * 60);
    CHECK_INT(report_parse_date("2026-11-23T18:15:00+08:00", 0, &t), ==, 0);
    CHECK_INT(t, ==, 1795392000LL + 10 * 3600 + 15 * 60);
    CHECK_INT(report_parse_date("2026-13-01", 0, &t), ==, -1);
    CHECK_INT(report_parse_date("23/11/2026", 0, &t), ==, -1);
    CHECK_INT(report_parse_date("2026-11-23T10:15", 0, &t), ==, -1);
    CHECK_INT(report_parse_date("", 0, &t), ==, -1);
}

static void report_should_fail_clearly_on_a_missing_folder(void)
{
    KefuError err = {{0}};
    Report *r = report_create(NULL, &err);
    CHECK_INT(report_add_dir(r, "tests/data/no-such-folder", NULL, NULL, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "tests/data/no-such-folder: No such file or directory");
    CHECK_INT(report_add_dir(r, "tests/check.h", NULL, NULL, &err), ==, -1);
    CHECK_CONTAINS(err.msg, "tests/check.h: not a folder");
    report_destroy(r);
    report_destroy(NULL);
}

/* One generated session of 张小明 at haggler, written as dir/name. */
static void write_trend(const char *dir, const char *name, const char *mode, long long when,
                        const char *outcome, int total, int nwaits, double pasted_typing_s)
{
    double waits[] = {5, 6, 7};
    GenSession g = {.trainee = "张小明",
                    .scenario = "haggler",
                    .title = "砍价的王女士",
                    .mode = mode,
                    .started = when,
                    .outcome = outcome,
                    .total = total,
                    .first_response = nwaits ? 5 : -1,
                    .waits = waits,
                    .nwaits = nwaits,
                    .statuses = "mmmmmmmmmmmm"};
    char *json = gen_json(&g);
    cJSON *root = cJSON_Parse(json);
    free(json);
    if (pasted_typing_s >= 0) {
        /* An older file: the first reply pasted, its speed counted in the recorded metric. */
        cJSON *reply = cJSON_GetArrayItem(cJSON_GetObjectItem(root, RK_TRANSCRIPT), 1);
        cJSON_SetNumberValue(cJSON_GetObjectItem(reply, RK_TYPING_S), pasted_typing_s);
        cJSON *metrics = cJSON_GetObjectItem(root, RK_METRICS);
        cJSON_SetNumberValue(cJSON_GetObjectItem(metrics, RK_TYPING_CPM), 18446);
    }
    json = cJSON_Print(root);
    cJSON_Delete(root);
    write_str(dir, name, json, strlen(json));
    free(json);
}

static void report_should_show_progress_as_a_trend_without_abandoned_starts(void)
{
    char dir[1100];
    Warnings w = {{0}, 0};
    fresh_dir("trend", dir, sizeof dir);
    long long t0 = 1795000000;
    write_trend(dir, "a.json", "practice", t0, "abandoned", 0, 0, -1); /* a restart: no reply */
    write_trend(dir, "b.json", "practice", t0 + 3600, "sale", 40, 2, 0.1);
    write_trend(dir, "c.json", "practice", t0 + 7200, "sale", 57, 3, -1);
    write_trend(dir, "d.json", "practice", t0 + 9000, "sale", 85, 2, -1);
    Report *r = run_report(dir, NULL, &w);
    const ReportTrainee *t = report_trainee(r, 0);
    CHECK_INT(t->sessions, ==, 4);
    CHECK_INT(t->attempts, ==, 3);
    /* 40, 57, 85 → (40 + 2·57 + 3·85) / 6 = 68.17, progress +28.17 (not 85 − 0). */
    CHECK_INT(report_progress_count(r), ==, 1);
    const ReportProgress *p = report_progress(r, 0);
    CHECK_INT(p->first, ==, 40);
    CHECK_INT(p->latest, ==, 85);
    CHECK_DBL(fabs(p->weighted - 409.0 / 6), <, 1e-9);
    CHECK_DBL(fabs(t->progress - (409.0 / 6 - 40)), <, 1e-9);
    /* Without exams, ready means every scenario's latest practice passed. */
    CHECK_INT(t->ready, ==, 1);
    CHECK_INT(t->ready_exam, ==, 0);
    /* The pasted reply is counted and left out of the typing figure. */
    const ReportTiming *tm = report_timing(r);
    CHECK_INT(tm->pasted, ==, 1);
    CHECK(tm->typing_avg < 300);
    report_destroy(r);

    /* An exam makes the default cover exams only, and ready rests on it. */
    write_trend(dir, "e.json", "exam", t0 + 10000, "left", 60, 2, -1);
    ReportOptions o = {.mode = "auto"};
    r = run_report(dir, &o, &w);
    CHECK_STR(report_mode(r), "exam");
    CHECK_INT(report_session_count(r), ==, 1);
    CHECK_INT(report_other_mode_sessions(r), ==, 4);
    t = report_trainee(r, 0);
    CHECK_INT(t->ready, ==, 0);
    CHECK_INT(t->ready_exam, ==, 1);
    report_destroy(r);
    CHECK_INT(w.n, ==, 0);
}

static void report_should_show_local_time_with_its_offset(void)
{
    char dir[1100];
    Warnings w = {{0}, 0};
    fresh_dir("tz", dir, sizeof dir);
    write_trend(dir, "a.json", "practice", 1795000000 - 1795000000 % 86400 + 20 * 3600, "sale",
                80, 2, -1); /* 20:00 UTC */
    setenv("TZ", "CST-8", 1);
    tzset();
    Report *r = run_report(dir, NULL, &w);
    char *text = capture(r, OUT_TEXT, NULL);
    CHECK_CONTAINS(text, "2026-11-19 至 2026-11-19 (UTC+08:00)\n"); /* 04:00 the next day */
    free(text);
    report_destroy(r);
    setenv("TZ", "UTC0", 1);
    tzset();
}

int main(void)
{
    const char *base = getenv("KEFU_TEST_OUT");
    snprintf(out_base, sizeof out_base, "%s/report-unit", base && *base ? base : "build/test-out");
    /* Dates are shown in local time: the tests fix the zone (one test moves to UTC+8). */
    setenv("TZ", "UTC0", 1);
    tzset();
    if (gen_mkdirs(out_base) != 0) {
        fprintf(stderr, "cannot make %s\n", out_base);
        return 1;
    }
    RUN(report_should_measure_display_width);
    RUN(report_should_parse_dates);
    RUN(report_should_compute_the_known_figures);
    RUN(report_should_print_aligned_tables_with_the_figures);
    RUN(report_should_write_rfc4180_csv_with_bom_and_crlf);
    RUN(report_should_write_escaped_self_contained_html);
    RUN(report_should_skip_bad_files_naming_file_and_reason);
    RUN(report_should_apply_the_filters);
    RUN(report_should_survive_hostile_text);
    RUN(report_should_hold_each_session_to_its_recorded_standard);
    RUN(report_should_match_a_generated_cohort);
    RUN(report_should_read_the_same_with_any_number_of_threads);
    RUN(report_should_keep_its_checks_in_a_cache_keyed_by_the_bytes);
    RUN(report_should_fail_clearly_on_a_missing_folder);
    RUN(report_should_show_progress_as_a_trend_without_abandoned_starts);
    RUN(report_should_show_local_time_with_its_offset);
    CHECK_DONE();
}
