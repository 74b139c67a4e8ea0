/* lint_smoke: lint's runs of a loaded scenario under the sandbox: a good, a rude and a silent
 * conversation (and more), the self-tests' replies and seeded random ones. */
#ifndef KEFU_LINT_SMOKE_H
#define KEFU_LINT_SMOKE_H

#include "authoring/lint_report.h"
#include "judge/rubric.h"
#include "persona/persona.h"

/* Plays the smoke runs, the self-tests' replies and a few seeded random conversations of
 * sc, reporting each distinct hook error once with file:line and how the run got there
 * (not again when a message from index `from` on already names that line); then warns of
 * outcomes sc's source can reach that no self-test expects, of a scenario without
 * self-tests, and of declared states none of the runs reached. A self-test list that does
 * not read is an error. Sets out's smoke_runs, tests and states counters. rubric must be
 * the one sc was loaded with. */
void lint_smoke(const Scenario *sc, Rubric *rubric, int from, LintReport *out);

#endif
