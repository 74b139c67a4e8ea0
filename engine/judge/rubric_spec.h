/* rubric_spec: the principle catalog as plain data, read from scenarios/rubric.lua in the
 * sandbox and checked field by field; patterns are still text (detect.h compiles them). */
#ifndef KEFU_RUBRIC_SPEC_H
#define KEFU_RUBRIC_SPEC_H

#include "base/kerr.h"
#include "judge/rubric_types.h"

/* One pattern as written in the catalog, fragments ({NAME}) not yet expanded. */
typedef struct PatternSpec {
    char *text;
    int line; /* where the text is written (for messages) */
} PatternSpec;

/* The patterns of one field, in order. */
typedef struct PatternListSpec {
    PatternSpec *v;
    int n;
    const char *key; /* the field: "any", "all", "unless", "customer" or "unless_customer" */
} PatternListSpec;

/* A context condition (`when` of a rule, `applies` of a principle). */
typedef struct CondSpec {
    PatternListSpec customer;        /* the customer's latest message matches one of these */
    PatternListSpec unless_customer; /* `when` only: it matches none of these */
    char **persona;                  /* the persona is one of these ids */
    int npersona;
    int turn_max; /* the agent's turn is at most this (-1: no condition) */
    int set;      /* any field given */
} CondSpec;

typedef struct RuleSpec {
    PatternListSpec any;    /* one must match: the evidence */
    PatternListSpec all;    /* each must match somewhere too */
    PatternListSpec unless; /* none may match */
    CondSpec when;          /* must hold */
} RuleSpec;

typedef enum RubricBuiltin {
    BUILTIN_NONE,
    BUILTIN_LONG_REPLY, /* more characters than thresholds.long_reply_chars */
    BUILTIN_UNREADABLE  /* written in Latin letters (English, pinyin) a customer cannot read */
} RubricBuiltin;

typedef struct DetectorSpec {
    RuleSpec *rules; /* the first that fires wins */
    int nrules;
    PatternListSpec unless; /* cancels every rule (the list form only) */
    PatternListSpec never;  /* the principle's `never`: cancels every stage, rules and model */
    double model_threshold; /* the principle's `model_threshold`, or NAN: the model file's */
    CondSpec model_when;    /* where the meaning model may judge it (a `when`) */
    char **model_unless;    /* ids: the model does not report it in a reply showing one */
    int nmodel_unless;
    char **cancels;         /* ids this principle cancels in the same reply ("techniques": all) */
    int ncancels;
    CondSpec applies;       /* rubric_applicable */
    int gate;               /* fire only where it applies */
    RubricBuiltin builtin;
} DetectorSpec;

/* A principle: what the scorecard shows (info, strings owned by the spec) and how it is
 * detected (nothing for a timing principle). */
typedef struct PrincipleSpec {
    Principle info;
    DetectorSpec detect;
} PrincipleSpec;

/* A named piece of pattern, used as {NAME} in patterns and other fragments. */
typedef struct FragmentSpec {
    char *name;
    char *body;
} FragmentSpec;

#define RUBRIC_MAX_DEFAULTS 16

typedef struct RubricSpec {
    char *path;    /* as given to rubric_spec_load */
    char *version; /* the catalog's own version string */
    char *model;   /* the meaning model's file (`model`, resolved beside the catalog), or NULL */
    int model_line; /* where `model` is written */
    RubricCategory *cats;
    int ncats;
    Thresholds th;
    FragmentSpec *frags;
    int nfrags;
    PrincipleSpec *p;
    int n;
    /* `defaults.weights`: principles every scenario scores unless it lists them itself. */
    char *default_ids[RUBRIC_MAX_DEFAULTS];
    double default_weights[RUBRIC_MAX_DEFAULTS];
    int ndefaults;
} RubricSpec;

/* Runs the catalog at path in the sandbox and copies the table it returns into spec (the
 * caller's memory; previous contents are ignored), checking every field: unknown field names,
 * kinds, categories, duplicate ids, a detector missing or misplaced. Lua is closed before it
 * returns. Returns 0; or -1 with err "file:line: problem" (line being where the offending text
 * is written) and spec holding what was read before the problem, in reading order, so that a
 * caller checking the patterns too can report whichever problem comes first in the file. The
 * caller frees spec with rubric_spec_deinit either way. */
int rubric_spec_load(RubricSpec *spec, const char *path, KefuError *err);

/* Frees everything spec holds and empties it. */
void rubric_spec_deinit(RubricSpec *spec);

#endif
