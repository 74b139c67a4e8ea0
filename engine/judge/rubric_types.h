/* rubric_types: the plain types of the rubric, shared by its parts and its callers: a
 * principle and its category, the service thresholds, a reply's context and its hits. */
#ifndef KEFU_RUBRIC_TYPES_H
#define KEFU_RUBRIC_TYPES_H

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
    const char *avoided;  /* violations: how the scorecard names it avoided ("没有争辩");
                           * NULL: "没有" and the name */
    const char *family;   /* techniques that stand in for each other on a scorecard (e.g.
                           * "close": any closing move), or NULL */
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

#endif
