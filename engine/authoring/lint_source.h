/* lint_source: the static scan of a scenario's Lua source: what the customer would say, the
 * outcomes and states named in literals, the principle ids the rules test; no Lua is run. */
#ifndef KEFU_LINT_SOURCE_H
#define KEFU_LINT_SOURCE_H

#include <stddef.h>

#include "authoring/lint_report.h"
#include "judge/rubric.h"
#include "persona/persona.h"

/* Scans the source text (named path in messages): string literals the customer would say
 * through s:say / s:pick (and the line tables s:pick reads) must be non-empty valid UTF-8;
 * s:finish("...") literals must be outcomes; s:state("...") literals must be declared in
 * sc's states; reply.hits.<id> must name rubric principles; no literal may decode to invalid
 * UTF-8. Warns where a word in s:mentions(text, "a", ...) is one the rubric judges as a
 * violation (the persona should react to reply.hits instead); rubric is used for its scratch
 * buffers, not changed. sc and rubric may be NULL (their checks are skipped). Adds to out,
 * sorted by line; returns the errors added (warnings are not counted). */
int lint_source(const char *path, const char *text, size_t len, const Scenario *sc,
                Rubric *rubric, LintReport *out);

#endif
