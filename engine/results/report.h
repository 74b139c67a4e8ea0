/* report: aggregates a folder of results files (schema kefu.result/1, read through
 * results/schema.h) for HR: per trainee, per scenario, per principle and timing figures,
 * written as a terminal summary, a CSV with one row per session and a self-contained HTML
 * page. Files are streamed: the report keeps one small summary row per session, never a whole
 * transcript. Timing figures are measured against the standards each file recorded, else the
 * handbook's (judge/standards.h). */
#ifndef KEFU_REPORT_H
#define KEFU_REPORT_H

#include <stdio.h>

#include "base/kerr.h"
#include "results/report_figures.h"
#include "results/schema.h"

typedef struct Report Report;

/* Receives one warning, "path: reason", for a file that was skipped. */
typedef void (*ReportWarnFn)(void *ud, const char *msg);

/* Creates an empty report. opt may be NULL (everything, no HTML); its strings are borrowed
 * and must outlive the report. Returns NULL with err when out of memory or when the
 * drill-down's temporary file cannot be made. Free with report_destroy. */
Report *report_create(const ReportOptions *opt, KefuError *err);
void report_destroy(Report *r);

/* Adds every file named *.json below dir, recursively, in path order (symbolic links to
 * folders are not followed). A file that cannot be used is passed to warn (may be NULL) and
 * counted as skipped. Files are opened read-only. Returns the number of *.json files found,
 * or -1 with err when dir itself cannot be read. */
int report_add_dir(Report *r, const char *dir, ReportWarnFn warn, void *ud, KefuError *err);

/* Reads the reviewers' verdicts in the reviews file at path (results/review.h) for the sessions
 * added after it; report_add_dir reads every reviews file it finds before any result. Returns
 * the number of verdicts, or -1 with err "path:line: problem" (none of the file's are kept). */
int report_add_reviews(Report *r, const char *path, KefuError *err);

/* Adds one results file. Returns 1 when the session was added, 0 when it was read but the
 * filters leave it out, -1 when the file was skipped: why says "path:line:col: reason"
 * (unreadable, not UTF-8, malformed or truncated JSON, wrong or future schema, a fixed field
 * missing or of the wrong type). */
int report_add_file(Report *r, const char *path, KefuError *why);

/* The same for a file already in memory (buf[0..len), need not be NUL-terminated); path only
 * names it in messages and in the CSV. */
int report_add_buffer(Report *r, const char *path, const char *buf, size_t len, KefuError *why);

/* Sorts the sessions (trainee, start time, id) and computes every figure. Call once, after
 * the last add and before any write or query. Returns 0, or -1 with err out of memory. */
int report_finish(Report *r, KefuError *err);

/* Files read successfully (whether or not the filters kept them), files skipped, and
 * sessions kept. */
int report_files_read(const Report *r);
int report_files_skipped(const Report *r);
int report_session_count(const Report *r);
/* Rush results files read (docs/rush.md), and the conversations read out of them: each is
 * counted in report_files_read as a file of its own. */
int report_rush_files(const Report *r);
int report_rush_sessions(const Report *r);

/* The terminal summary (UTF-8; columns aligned by display width, CJK counting two). Returns 0,
 * or -1 on a write error. */
int report_write_text(const Report *r, FILE *out);

/* The CSV: UTF-8 with a byte order mark, CRLF line ends, RFC 4180 quoting, one row per
 * session in the documented column order (docs/report.md). Returns 0, or -1 with err. */
int report_write_csv(const Report *r, FILE *out, KefuError *err);

/* The HTML page: one self-contained file (inline CSS and SVG, no script, no network), every
 * text from the results escaped. Needs opt->html at creation for the drill-down. Returns 0,
 * or -1 with err. */
int report_write_html(const Report *r, FILE *out, KefuError *err);

/* With opt->html_pages: trainee t's page of conversations (report_trainee_page_name, in the
 * folder html_pages beside the main page), linking back to main_page (its file name). Returns
 * 0, or -1 with err. */
int report_write_trainee_html(const Report *r, int t, FILE *out, const char *main_page,
                              KefuError *err);

/* The file name of trainee t's page: "007-张三.html" (its number, then the name with anything
 * but letters, digits, '-', '_' and non-ASCII characters made '_'). */
void report_trainee_page_name(const Report *r, int t, char *buf, size_t size);

/* ---- The computed figures (report_figures.h; valid after report_finish, borrowed until
 * report_destroy) ---- */

int report_trainee_count(const Report *r);
const ReportTrainee *report_trainee(const Report *r, int i); /* sorted by name */
int report_scenario_count(const Report *r);
const ReportScenario *report_scenario(const Report *r, int i); /* sorted by id */
int report_principle_count(const Report *r);
const ReportPrinciple *report_principle(const Report *r, int i); /* first-seen order */
const ReportTiming *report_timing(const Report *r);
double report_average(const Report *r);
int report_passes(const Report *r);
int report_progress_count(const Report *r);
const ReportProgress *report_progress(const Report *r, int i); /* by trainee, then scenario */

/* "exam", "practice" or "all": the sessions the figures cover, after "auto" was decided. */
const char *report_mode(const Report *r);

/* Sessions of the other mode that the default ("auto") left out. */
int report_other_mode_sessions(const Report *r);

/* How long a session took, the one definition every view uses (terminal, CSV, HTML, the app's
 * history): the later of the recorded duration_s and the last message's time, so the header
 * never ends before the conversation it heads. NAN when neither is known. */
double report_session_duration(const ResultSummary *s);

/* "3分05秒" of seconds (a dash when not finite). */
void report_fmt_duration(char *buf, size_t size, double seconds);

/* Parses a --since/--until date: "YYYY-MM-DD" (the start of that day, UTC; with end_of_day,
 * its last second) or a full "YYYY-MM-DDTHH:MM:SSZ". Returns 0, or -1 when malformed. */
int report_parse_date(const char *s, int end_of_day, long long *out);

#endif
