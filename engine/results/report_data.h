/* report_data: the report's state, shared by the aggregate (report.c, report_names.c,
 * report_stats.c) and its views (report_fmt.c, report_term.c, report_csv.c, report_html.c,
 * report_drill.c); nothing outside results/report*.c includes it. Who calls whom, so that no
 * two of them call each other: report.c reads (report_read.c) and hands each kept session to
 * report_drill.c; report_html.c copies the drill-downs back from report_drill.c; report_names.c
 * and report_fmt.c call none of them. */
#ifndef KEFU_REPORT_DATA_H
#define KEFU_REPORT_DATA_H

#include <stdio.h>

#include "base/buf.h"
#include "judge/scorecard.h"
#include "results/report_figures.h"
#include "results/review.h"
#include "results/schema.h"

/* One session's summary row: what every table, chart and CSV row needs, and nothing more.
 * Strings live in the report's arena. */
typedef struct Row {
    const char *path, *id, *mode, *started, *ended;
    const char *critical, *required_missed, *missed_list, *violated_list;
    const char *engine_version, *rubric_version;
    int trainee;  /* index into the trainee names */
    int scenario; /* index into the scenarios */
    int ordinal;  /* read order: the drill-down anchor "s<ordinal>" */
    double t0;    /* started_at, UTC seconds */
    double seed;  /* NAN when not recorded */
    double difficulty;
    double duration_s; /* report_session_duration: the later of duration_s and the last message */
    int outcome;
    int total;
    int pass;
    double pass_mark;
    double first_s, avg_s, max_s, cpm; /* NAN: unknown or no reply */
    int agent_messages, waits_over;
    int pasted;  /* pasted agent replies (left out of cpm) */
    int attempt; /* counts as an attempt: not a 0-point start abandoned without a reply */
    int first_known; /* first_s is a time, not "never replied" */
    double std_first, std_wait, std_cpm;
    int replies, replies_over;
    double wait_sum, wait_max;
    int met, missed, violated, na;
    int ps_off, ps_n; /* this session's principle statuses in Report.ps */
    long long html_off;
    size_t html_len;
    int check; /* REPORT_CHECK_* (report_check.h): the file does not say what was scored */
    int rv_first, rv_n; /* the reviewers' verdicts on this session in Report.reviews */
} Row;

/* One principle's status in one session. */
typedef struct PStat {
    int p; /* index into Report.principles */
    PrincipleStatus st;
} PStat;

typedef struct Scenario {
    ReportScenario pub;
    double score_sum;
} Scenario;

typedef struct ArenaBlock ArenaBlock;

/* Open addressing from a string (owned elsewhere) to a dense index. */
typedef struct Report Report;

typedef struct StrMap {
    const char **keys;
    int *vals;
    size_t cap; /* a power of two, or 0 */
    size_t n;
} StrMap;

struct Report {
    ReportOptions opt;
    ArenaBlock *strings;
    SchemaReader *reader;
    Row *rows;
    int nrows, caprows;
    PStat *ps;
    int nps, capps;
    StrMap trainee_map;
    const char **trainee_names;
    int ntrainees, captrainees;
    StrMap scenario_map;
    Scenario *scenarios;
    int nscenarios, capscenarios;
    StrMap principle_map;
    ReportPrinciple *principles;
    int nprinciples, capprinciples;
    int files_read, files_skipped, next_ordinal;
    int rush_files, rush_sessions; /* rush results read, and the conversations in them */
    int fatal; /* out of memory or the temporary file failed: stop reading */
    int nchecked_bad; /* rows with a check flag */
    const char **skip_notes;
    int nskip_notes, capskip_notes;
    ReviewSet reviews; /* every verdict found, sorted by result (review_set_sort) */
    int nverdicts;     /* verdicts on the kept sessions */
    FILE *html_tmp; /* each session's drill-down, rendered as it is read */
    struct DrillCites *cites; /* the drill-down's handbook citations, each rendered once */
    struct ReportCache *cache; /* opt.check_cache loaded, NULL when none */
    long long html_end;
    Buf scratch;
    /* after report_finish */
    int finished;
    ReportTrainee *trainees; /* sorted by name */
    int *trainee_first_row;  /* the first row of each trainee (rows are sorted by trainee) */
    ReportProgress *progress; /* by trainee, then scenario */
    int nprogress;
    const char *mode_used;   /* "exam", "practice" or "all": the sessions the tables cover */
    int other_mode_sessions; /* sessions of the other mode, left out by the default */
    ReportTiming timing;
    double average;
    int passes;
    int pass_mark_mode; /* the most common pass mark, for the histogram */
    double t_min, t_max;
};

/* ---- The cohort's names and the string arena (report_names.c) ---- */

/* Copies s (s[0..n)) into the report's arena, freed with the report. NULL out of memory. */
const char *report_strdup(Report *r, const char *s);
const char *report_strndup(Report *r, const char *s, size_t n);

/* Returns v grown (realloc) to hold at least need elements of size sz, updating *cap; or NULL
 * out of memory, v untouched. */
void *report_grow(void *v, int *cap, int need, size_t sz);

/* The index of a trainee name, scenario or principle, added in first-seen order when new (a
 * principle's empty name, kind and source are filled from a later line that has them).
 * Returns -1 out of memory. */
int report_intern_trainee(Report *r, const char *name);
int report_intern_scenario(Report *r, const char *id, const char *title);
int report_intern_principle(Report *r, const ResultLine *l);

/* Frees the arena and every name table. */
void report_names_free(Report *r);

/* The index of a principle id, or -1. */
int report_principle_index(const Report *r, const char *id);

/* The name to show for a principle id: its Chinese name when some session recorded one, else
 * the id. Borrowed from the report. */
const char *report_principle_label(const Report *r, const char *id);

/* ---- Shared by the views (report_stats.c, report_fmt.c) ---- */

/* The principles, most troublesome first (malloc'd indexes, caller frees; NULL out of
 * memory): the share of scored sessions that missed or violated them, then how often. */
int *report_principles_by_trouble(const Report *r);

/* 100 * part / whole, 0 when whole is 0. */
double report_pct(int part, int whole);

/* "2026-11-23" of t in local time, or "—" when t is not finite (no session). */
void report_day(double t, char *buf, size_t size);

/* "2026-11-23 18:15" of t in local time (the process's TZ). */
void report_local_minute(double t, char *buf, size_t size);

/* "UTC+08:00": the local offset at t. */
void report_utc_offset(double t, char *buf, size_t size);

/* "考试" / "练习" / "考试与练习": which sessions the tables cover. */
const char *report_mode_used_label(const Report *r);

/* 考试 / 练习 for exam / practice, else mode itself. */
const char *report_mode_label(const char *mode);

/* 技巧 / 禁忌 / 时效 for a principle kind, else "—". */
const char *report_kind_label(const char *kind);

/* " 学员 … 场景 … 模式 … 自 … 至 …": the filters in use, appended to b (nothing when none). */
void report_filters(const Report *r, Buf *b);

/* How progress is computed, one line for every view. */
#define REPORT_PROGRESS_NOTE                                                                       \
    "进步 = 近期加权平均 − 首次 (第 i 次尝试权重为 i, 最近一次最重); 0 分且未回复就退出的场次不算尝试"

/* "模式: 考试 (另有练习 12 场未计入, 用 --mode practice 或 --mode all 查看)": which sessions the
 * tables cover, appended to b. */
void report_mode_line(const Report *r, Buf *b);

/* The basis of 就绪, one sentence appended to b. */
void report_ready_note(const Report *r, Buf *b);

/* "标准 ≤15 秒", or, when the sessions were held to different standards, saying so. */
void report_standard_label(char *buf, size_t size, const char *op, double v, const char *unit);

/* A figure with decimals places, or a dash when not finite. */
void report_fmt_num(char *buf, size_t size, int decimals, double v);

/* ---- HTML escaping (report_fmt.c) ---- */

/* Appends s[0..n) escaped for HTML text and attribute values alike (& < > " '); control
 * characters other than tab and newline become U+FFFD. */
void report_html_escape(Buf *b, const char *s, size_t n);

/* The same for a NUL-terminated s (nothing for NULL). */
void report_html_escape0(Buf *b, const char *s);
/* A handbook citation or quote, escaped, as the trainee should read it: in simplified
 * characters, pinyin asides dropped (text_simplified). Out of memory sets b->oom. */
void report_html_citation(Buf *b, const char *s);

/* ---- The drill-downs (report_drill.c) ---- */

/* Makes the temporary file the drill-downs are spooled to (r->html_tmp). Returns 0, or -1 with
 * err. */
int report_drill_open(Report *r, KefuError *err);

/* Closes it (nothing when none). */
void report_drill_close(Report *r);

/* Renders one kept session's drill-down (its transcript, hits and principles) from the
 * summary and appends it to the temporary file, noting where in row. Returns 0, or -1 with why
 * (out of memory, or the temporary file cannot be written). */
int report_drill_spool(Report *r, Row *row, const ResultSummary *s, KefuError *why);

/* Copies trainee t's drill-downs (rows are sorted by trainee) from the temporary file to out.
 * Returns 0, -1 when the file cannot be read back, -2 out of memory. */
int report_drill_copy(const Report *r, int t, FILE *out);

#endif
