/* lint: checks scenario and rubric files the way a trainer needs (every problem one line,
 * "file:line: message"): the loader's field checks, the static scan of the Lua source
 * (lint_source), and smoke runs of the persona under the sandbox (lint_smoke). SDL-free, so
 * the app can show the messages too. */
#ifndef KEFU_LINT_H
#define KEFU_LINT_H

#include "authoring/lint_report.h"
#include "authoring/lint_source.h"
#include "base/kerr.h"
#include "judge/rubric.h"

/* Runs path in a sandbox and checks that the table it returns, and every table reachable
 * from it, is plain (luadata_check_file): the rubric loader reads tables outside a protected
 * call. Scenario files need no call: scenario_load checks them itself. Returns 0 (also when
 * the file does not run: the loader says why), or -1 with err "file: ... has a metatable". */
int lint_plain_data(const char *path, KefuError *err);

/* 1 when path is a rubric catalog rather than a scenario: its name is rubric.lua, or the
 * table it returns has `principles` and no `persona`; 0 when not (also when it does not run:
 * the scenario loader says why); -1 out of memory (no answer). */
int lint_is_rubric(const char *path);

/* 1 when path is an exam file (docs/exams.md): the table it returns has `roster` and
 * `scenarios` and no `persona`. */
int lint_is_exam(const char *path);

/* Checks an exam file by loading it as kefu play --exam does (exam_load: every field, with
 * file:line), and that each scenario it names is a file in scenarios_dir (<id>.lua). Adds its
 * messages to out; returns the number of errors added. */
int lint_exam(const char *path, const char *scenarios_dir, LintReport *out);

/* Checks a rubric catalog file by loading it as the engine would, and its thresholds'
 * ranges. Adds its messages to out; returns the number of errors added. */
int lint_rubric(const char *path, LintReport *out);

/* Checks a scenario file: scenario_load's field checks (the same message every command
 * gives), the source scan (lint_source), and the runs of lint_smoke: hook errors with
 * file:line, the self-tests' shape, warnings for states never reached and outcomes never
 * tested. rubric must be loaded. Adds its messages to out; returns the errors added. */
int lint_scenario(const char *path, Rubric *rubric, LintReport *out);

#endif
