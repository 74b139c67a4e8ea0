/* detect: the catalog's detectors compiled with PCRE2 (JIT), and the pattern stage of the
 * analysis: which principles one reply shows, by their rules, context conditions and the
 * literal prefilter, each with its evidence span. Knows nothing of Lua: it starts from a
 * RubricSpec. */
#ifndef KEFU_DETECT_H
#define KEFU_DETECT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>

#include "base/kerr.h"
#include "base/text.h"
#include "judge/analysis.h"
#include "judge/prefilter.h"
#include "judge/rubric_types.h"
#include "judge/rubric_spec.h"

/* One compiled pattern. */
typedef struct Pattern {
    pcre2_code *re; /* reply patterns: compiled with PCRE2_USE_OFFSET_LIMIT (find_one) */
    int jit;        /* JIT-compiled: pcre2_jit_match may be used */
    /* A pattern whose top level is an alternation a|b|c runs as its branches (re is NULL):
     * each branch has literals of its own for the prefilter, where the whole pattern would
     * only have what all branches share (often one common character, or nothing). */
    struct Pattern *branch;
    int nbranch;
    int split;       /* a split pattern: its slot in the prefilter's branch marks */
    int memo;        /* a customer pattern: its slot in the per-message results (mgen, mres) */
    uint64_t always; /* a split pattern: branches without literals, tried on every reply */
    int id;          /* index into the prefilter's per-pattern marks */
    int nsets;       /* literal sets that must all occur in the reply (0: no prefilter) */
    int csets;       /* a customer pattern: the same in the customer's message (Detectors.cpf) */
    int anchor;      /* the set whose first occurrence bounds where a match can start, or -1 */
    int anchor_w;    /* at most this many characters of a match come before that literal */
    int *alits;      /* the anchor set's literals (prefilter literal indices) */
    int nalits;
} Pattern;

typedef struct PatList {
    Pattern *v;
    int n;
} PatList;

/* A context condition: who the customer is and what they said. Persona ids are borrowed
 * from the spec. */
typedef struct Cond {
    PatList customer;        /* the customer's latest message matches one of these */
    PatList unless_customer; /* `when` only: it matches none of these (or is unknown) */
    char *const *persona;    /* the persona is one of these ids */
    int npersona;
    int turn_max; /* the agent's turn is at most this (-1: no condition) */
    int set;      /* any field given */
} Cond;

typedef struct Rule {
    PatList any;    /* one must match: the evidence */
    PatList all;    /* each must match somewhere too */
    PatList unless; /* none may match */
    Cond when;      /* must hold, and unknown context does not hold */
    int index;      /* numbered across the catalog: its marks in the prefilter */
    int marked;     /* `any` is short enough (64) for the prefilter to mark its patterns */
    uint64_t always; /* then, the `any` patterns (by place) the prefilter never rules out */
} Rule;

typedef struct Detector {
    Rule *rules;
    int nrules;
    PatList unless; /* cancels every rule */
    PatList never;  /* cancels every stage: the rules here and the meaning model */
    Cond model_when; /* where the meaning model may judge it (unknown context: nowhere) */
    Cond applies;   /* rubric_applicable; unknown context counts as applicable */
    int gate;       /* fire only where applicable */
    RubricBuiltin builtin;
    int timing;     /* a timing principle: measured elsewhere, never by a reply's text */
    int pfree;      /* an `any` pattern (or the builtin) has no prefilter: always a candidate */
} Detector;

/* Every principle's detector, and the scratch one analysis needs (hence not thread-safe). */
typedef struct Detectors {
    Detector *det; /* per principle, in catalog order */
    int n;
    Prefilter pf;
    Prefilter cpf;  /* the customer patterns' literals, scanned once per customer message */
    int cpf_ready;  /* cpf is built (not for a patterns-only compile) */
    int npats;        /* patterns compiled, each with an id */
    int nrules;       /* rules, in every detector */
    int nsplit;       /* split patterns */
    int nmemo;        /* distinct customer patterns */
    int no_prefilter; /* tests: run every pattern over the whole reply */

    const TextNormalizer *tn;
    TextNorm cnorm; /* the customer's message, normalised */
    char *ckey;     /* the raw customer text cnorm was made from */
    size_t ckey_len, ckey_cap;
    int cvalid;          /* cnorm holds ckey's normal form */
    unsigned *mgen;      /* per customer pattern: the customer message its result is for */
    unsigned char *mres; /* per customer pattern: whether that message matches it */
    unsigned cgen;       /* bumped whenever the customer message changes */
    pcre2_match_data *md;
    pcre2_match_context *mctx; /* the backtracking limit */
    pcre2_match_context *mlim; /* the same, with an offset limit set per match */
    pcre2_jit_stack *jstack;   /* both contexts' JIT stack (JIT_STACK_MAX in detect_compile.c) */
    int match_error; /* the first PCRE2 match error since detect_clear_failure, or 0 */
    const ReplyContext *ctx; /* the reply being run: what its echo checks compare with */
    const TextNorm *echo;    /* ctx's customer message, normalised, once echo_ready */
    int echo_ready;          /* echo is looked up for this reply (NULL: no message) */
} Detectors;

/* The echo checks a reply pattern may make with a PCRE2 callout: the capture group closed
 * last must (?C1) or must not (?C2) occur in the customer's normalised message, or (?C3) occur
 * there right after a negation (不, 没, 未: "不一样" for "一样"). With no customer message
 * known none holds. The catalog writes them as fragments ({ECHO}). */
enum { DETECT_ECHO_IN = 1, DETECT_ECHO_NOT_IN = 2, DETECT_ECHO_NEGATED = 3 };

/* Whether a numbered callout is one of the echo checks. */
static inline int detect_is_echo(uint32_t callout_number)
{
    return callout_number >= DETECT_ECHO_IN && callout_number <= DETECT_ECHO_NEGATED;
}

/* The callout behind those checks (data: the Detectors); set on the match contexts. */
int detect_echo_callout(pcre2_callout_block *cb, void *data);

/* Compiles every detector of spec (fragments expanded, JIT, literal sets for the prefilter).
 * The Detectors borrow the spec's persona ids: spec must outlive them. Returns NULL with err
 * "file:line: problem" for a pattern that is not valid UTF-8, uses an unknown fragment or
 * does not compile, naming the principle. With patterns_only set it only compiles the
 * patterns, in the order the loader read them, to find the first bad one (a spec the loader
 * gave up on part way): the result is then good for nothing but detect_destroy. The caller
 * frees the result with detect_destroy. */
Detectors *detect_compile(const RubricSpec *spec, int patterns_only, KefuError *err);

/* Frees d; NULL does nothing. */
void detect_destroy(Detectors *d);

/* The pattern stage: appends to out the hits of the reply a describes, at most one per
 * principle, in catalog order (the first rule that fires; its evidence mapped back to the
 * original bytes). Returns 0, or -1 out of memory or when a match failed (detect_failed). */
int detect_run(Detectors *d, const Analysis *a, HitList *out);

/* The first PCRE2 error a match ran into (out of memory, a backtracking or JIT stack limit)
 * since the last detect_clear_failure, or 0. Such a match counts as no match for the search
 * going on, so a caller whose detect_* calls were followed by an error must not trust their
 * answers. */
int detect_failed(const Detectors *d);
void detect_clear_failure(Detectors *d);

/* 1 when one of principle's `never` patterns matches the normalised reply s[0..n): no stage
 * may report the principle for it. Call after detect_run on the same reply (the prefilter's
 * marks are that reply's). */
int detect_never(Detectors *d, int principle, const char *s, size_t n);

/* 1 when the meaning model may judge principle in ctx: its `model_when` holds (no
 * model_when: anywhere), and a gated principle applies there. */
int detect_model_when(Detectors *d, int principle, const ReplyContext *ctx);

/* The customer's message of ctx, normalised (cached while it stays the same), or NULL when
 * there is none or it is empty. Borrowed until the next call with another message. While the
 * reply detect_run last ran on is judged (ctx is its context, unchanged), the message is
 * compared with the cached one once, not on every call. */
const TextNorm *detect_customer(Detectors *d, const ReplyContext *ctx);

/* 1 when principle's `applies` holds in ctx (any one condition on a known context; unknown
 * context: applicable). */
int detect_applies(Detectors *d, int principle, const ReplyContext *ctx);

#endif
