/* lint: checks scenario and rubric files the way a trainer needs (every problem one line,
 * "file:line: message"): the loader's field checks, a light scan of the Lua source for
 * customer lines, outcomes, states and principle ids, the self-tests' shape, and smoke runs
 * of the persona under the sandbox with generic replies. SDL-free, so the app can show the
 * messages too. */
#ifndef KEFU_LINT_H
#define KEFU_LINT_H

#include <stddef.h>

#include "base/kerr.h"
#include "persona/persona.h"
#include "judge/rubric.h"

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
    int smoke_runs; /* conversations played by the smoke and coverage runs */
    int tests;      /* self-tests declared */
    int states_declared;
    int states_reached;
} LintReport;

void lint_report_deinit(LintReport *r);

/* Appends a message (printf-style, already carrying its "file:line: " prefix). Returns 0,
 * or -1 out of memory (the message is dropped but still counted). */
int lint_add(LintReport *r, int warning, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The loaders read a file's returned table outside a protected call, so a metatable in it
 * (an __index that raises) would abort the program. Runs path in a sandbox and checks that
 * the returned table and every table reachable from it are plain. Returns 0 (also when the
 * file does not run: the loader says why), or -1 with err "file: ... has a metatable". */
int lint_plain_data(const char *path, KefuError *err);

/* 1 when path is a rubric catalog rather than a scenario: its name is rubric.lua, or the
 * table it returns has `principles` and no `persona`. */
int lint_is_rubric(const char *path);

/* Checks a rubric catalog file by loading it as the engine would. Adds its messages to out;
 * returns the number of errors added. */
int lint_rubric(const char *path, LintReport *out);

/* Checks a scenario file: scenario_load's field checks, the source scan (lint_source), the
 * self-tests' shape, smoke runs (a good, a rude and a silent conversation, then a few
 * seeded random ones and the self-tests' replies) reporting hook errors with file:line, and
 * a warning for each declared state none of those runs reached. rubric must be loaded.
 * Adds its messages to out; returns the number of errors added. */
int lint_scenario(const char *path, Rubric *rubric, LintReport *out);

/* The static scan of a scenario's Lua source text (named path in messages): string literals
 * the customer would say through s:say / s:pick (and the line tables s:pick reads) must be
 * non-empty valid UTF-8; s:finish("...") literals must be outcomes; s:state("...") literals
 * must be declared in sc's states; reply.hits.<id> must name rubric principles. sc and
 * rubric may be NULL (their checks are skipped). Adds to out; returns the errors added. */
int lint_source(const char *path, const char *text, size_t len, const Scenario *sc,
                const Rubric *rubric, LintReport *out);

/* The line where a field of the file's table constructors is written, for messages: path is
 * like "tests[2].expect.outcome" (a key, then [index] or .key steps). Finds the first
 * `tests = {` in the text and walks the constructors; returns the line of the deepest step
 * found, or 0 when even the first key is absent. */
int lint_source_line(const char *text, size_t len, const char *path);

#endif
