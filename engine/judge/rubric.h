/* rubric: the principle catalog (data, from scenarios/rubric.lua), its compiled detectors,
 * and the analysis of one reply into hits that each carry their evidence span. The parts:
 * rubric_spec (reading the Lua file into plain data), detect (compiling and running the
 * patterns), prefilter (the literal scan), patlit (what a pattern's text requires). */
#ifndef KEFU_RUBRIC_H
#define KEFU_RUBRIC_H

#include <stddef.h>

#include "base/kerr.h"
#include "judge/rubric_types.h"

/* The handbook's defaults (first reply 15 s, excellent 6 s, wait 20 s, 50 字/分钟, a reply
 * over 80 characters is long), the values scenarios/rubric.lua gives: for code that needs the
 * standards without a loaded catalog. Borrowed, static. */
const Thresholds *rubric_default_thresholds(void);

typedef struct Rubric Rubric;

/* Loads and compiles the catalog at path (a Lua file run in the sandbox). Returns NULL with
 * err "file:line: problem" on a bad file. The caller frees it with rubric_destroy. */
Rubric *rubric_load(const char *path, KefuError *err);
void rubric_destroy(Rubric *r);

/* The catalog. Borrowed pointers, valid until rubric_destroy. */
int rubric_count(const Rubric *r);
const Principle *rubric_principle(const Rubric *r, int index);
int rubric_find(const Rubric *r, const char *id); /* index, or -1 */
int rubric_category_count(const Rubric *r);
const RubricCategory *rubric_category(const Rubric *r, int index);
const Thresholds *rubric_thresholds(const Rubric *r);
const char *rubric_version(const Rubric *r); /* the catalog's own version string */
/* The meaning model's version (the `version` line of its file), or NULL when the catalog names
 * no model. Borrowed until rubric_destroy. */
const char *rubric_model_version(const Rubric *r);
const char *rubric_path(const Rubric *r);
/* The catalog's `defaults.weights`: principles each scenario scores unless it lists them.
 * Returns the i-th id (borrowed until rubric_destroy) with *weight, or NULL past the end. */
const char *rubric_default_weight(const Rubric *r, int i, double *weight);

/* The literal keywords the detectors' prefilter looks for (derived from the patterns when
 * the catalog is compiled): a reply holding none of a principle's keywords is not matched
 * against its patterns. For benchmarks and `kefu lint`. Borrowed, valid until
 * rubric_destroy; index from 0 to rubric_keyword_count() - 1. */
int rubric_keyword_count(const Rubric *r);
const char *rubric_keyword(const Rubric *r, int index);

/* For tests: with on = 0 the literal prefilter, and the bounds it puts on where a match may
 * start, are bypassed: every pattern runs over the whole reply (slowly). The hits must be the
 * same either way; a difference means a literal was derived wrongly from a pattern. */
void rubric_set_prefilter(Rubric *r, int on);

/* Frees the list's memory and zeroes it (HitList in rubric_types.h). */
void hits_deinit(HitList *h);

/* Analyses one reply (any bytes: invalid UTF-8 is tolerated) in its context and replaces the
 * contents of out with its hits, at most one per principle, in catalog order. Returns 0, or
 * -1 out of memory (including a pattern match that ran out of memory, or out of its
 * backtracking budget: the verdict would be unknown, so there is none). Not thread-safe: a
 * Rubric holds scratch buffers. */
int rubric_analyze(Rubric *r, const char *reply, size_t len, const ReplyContext *ctx,
                   HitList *out);

/* 1 when the principle could be shown in this context at all (e.g. offer_alternative only
 * when the customer asked for something the shop lacks; apology only facing a complaint).
 * The scorecard marks a technique "not applicable" when no reply's context applied.
 * Returns -1 when a pattern match failed (as rubric_analyze): the answer is unknown. */
int rubric_applicable(Rubric *r, int principle, const ReplyContext *ctx);

/* The normalised form of the reply the last rubric_analyze call judged (what the detectors
 * matched against), so callers need not normalise it again. Borrowed until the next
 * rubric_analyze; "" before the first. */
const char *rubric_normalized(const Rubric *r);

#endif
