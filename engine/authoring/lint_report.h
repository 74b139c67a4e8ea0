/* lint_report: what lint found, one "file:line: message" line per problem, errors and
 * warnings counted; shared by the source scan, the smoke runs and the hot reload. */
#ifndef KEFU_LINT_REPORT_H
#define KEFU_LINT_REPORT_H

#include <stddef.h>

/* One problem, formatted "file:line: message" or "file:line: warning: message" (or without
 * the line when there is none). */
typedef struct LintMessage {
    int warning; /* 0: an error (lint fails), 1: a warning (lint passes) */
    char *text;  /* one line, no newline; owned by the report */
} LintMessage;

/* What lint found in one or more files. Zero-initialise; free with lint_report_deinit.
 * The counters after the messages describe the last scenario checked, for a summary. */
typedef struct LintReport {
    LintMessage *v;
    int n;
    int cap;
    int errors;
    int warnings;
    int oom; /* a message could not be stored: the report is incomplete (lint_add) */
    int smoke_runs; /* conversations played by the smoke and coverage runs */
    int tests;      /* self-tests declared */
    int states_declared;
    int states_reached;
} LintReport;

void lint_report_deinit(LintReport *r);

/* Appends a message (printf-style, already carrying its "file:line: " prefix). Returns 0,
 * or -1 out of memory: the message is dropped but still counted, and r->oom is set, so the
 * caller reports running out of memory instead of counts it cannot show. */
int lint_add(LintReport *r, int warning, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Writes str[0..len) for a message into out (size bytes, NUL-terminated): at most 24
 * characters (then "…"), bytes that are not printable UTF-8 as \xNN. */
void lint_quote(const char *str, size_t len, char *out, size_t size);

#endif
