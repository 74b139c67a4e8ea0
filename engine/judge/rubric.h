/* rubric: the principle catalog (data, from scenarios/rubric.lua), its compiled detectors,
 * and the analysis of one reply into hits that each carry their evidence span. */
#ifndef KEFU_RUBRIC_H
#define KEFU_RUBRIC_H

#include <stddef.h>

#include "base/kerr.h"

typedef enum PrincipleKind {
    KIND_TECHNIQUE, /* a move the handbook teaches, found in one reply's text */
    KIND_VIOLATION, /* a move the handbook forbids, found in one reply's text */
    KIND_TIMING     /* measured from timestamps or the whole conversation */
} PrincipleKind;

/* One principle of the catalog. Strings are owned by the Rubric. */
typedef struct Principle {
    const char *id;       /* public id, e.g. "two_choice_close" */
    const char *name;     /* Chinese name, e.g. "二选其一" */
    PrincipleKind kind;
    int critical;         /* violations only: caps the session below the pass mark */
    const char *category; /* category id, e.g. "sales" */
    const char *source;   /* handbook citation, "000 二选其一" */
    const char *quote;    /* the handbook passage, quoted, for the scorecard */
    const char *explain;  /* one sentence for the trainee: what it is and why it matters */
} Principle;

typedef struct RubricCategory {
    const char *id;   /* e.g. "timeliness" */
    const char *name; /* e.g. "反应及时" */
} RubricCategory;

/* The handbook's service standards; the defaults live in rubric.lua, scenarios may
 * override them. */
typedef struct Thresholds {
    double first_response_s;           /* greet within (002: 15 s) */
    double first_response_excellent_s; /* golden rule (003: 6 s) */
    double reply_wait_s;               /* no wait over (002: 20 s) */
    double typing_cpm;                 /* at least (002: 50 字/分钟) */
    double long_reply_chars;           /* a message longer than this is too long (002) */
} Thresholds;

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
const char *rubric_path(const Rubric *r);

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

/* What the analysis may know besides the reply itself. Every field is optional. */
typedef struct ReplyContext {
    const char *persona;  /* scenario/persona id, e.g. "haggler" (NULL: unknown) */
    const char *customer; /* the customer's latest message(s) before this reply */
    int turn;             /* 0 for the agent's first message of the conversation (negative:
                           * unknown, e.g. kefu analyze without a "turn" field) */
    double after;         /* seconds since the latest message (negative: unknown) */
    const Thresholds *thresholds; /* NULL: the catalog's */
} ReplyContext;

/* One detector firing: principle index and the evidence span as byte offsets into the
 * original (not normalised) reply, end exclusive. */
typedef struct Hit {
    int principle;
    int start;
    int end;
} Hit;

/* A growable list the caller owns: zero-initialise, reuse across calls, free with
 * hits_deinit. */
typedef struct HitList {
    Hit *v;
    int n;
    int cap;
} HitList;

void hits_deinit(HitList *h);

/* Analyses one reply (any bytes: invalid UTF-8 is tolerated) in its context and replaces the
 * contents of out with its hits, at most one per principle, in catalog order. Returns 0, or
 * -1 out of memory. Not thread-safe: a Rubric holds scratch buffers. */
int rubric_analyze(Rubric *r, const char *reply, size_t len, const ReplyContext *ctx,
                   HitList *out);

/* 1 when the principle could be shown in this context at all (e.g. offer_alternative only
 * when the customer asked for something the shop lacks; apology only facing a complaint).
 * The scorecard marks a technique "not applicable" when no reply's context applied. */
int rubric_applicable(Rubric *r, int principle, const ReplyContext *ctx);

/* The normalised form of the reply the last rubric_analyze call judged (what the detectors
 * matched against), so callers need not normalise it again. Borrowed until the next
 * rubric_analyze; "" before the first. */
const char *rubric_normalized(const Rubric *r);

#endif
