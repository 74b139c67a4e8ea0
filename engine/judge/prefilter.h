/* prefilter: the literal scan that tells, in one pass over a normalised reply, which of the
 * detectors' patterns can match at all, and where the literals they need first and last
 * start. */
#ifndef KEFU_PREFILTER_H
#define KEFU_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

#define PREFILTER_BUCKETS 4096 /* hash table size (a power of two) */
#define PREFILTER_INDEX 4096   /* texts up to this many bytes get their characters indexed */

/* A pattern (and which of its literal sets) a literal counts for. */
typedef struct PfTarget {
    int pattern;
    unsigned char set;
} PfTarget;

/* A literal the prefilter looks for, as built; chained per bucket of its first code points. */
typedef struct PfLiteral {
    char *s;
    int len;
    uint32_t cp;  /* its first code point */
    uint32_t cp2; /* its second code point, 0 for a one-character literal */
    int head;     /* bytes of those one or two code points */
    int next;
    PfTarget *t;
    int nt, capt;
} PfLiteral;

/* What the scan needs to know about one pattern while marking (what it learns is in
 * Prefilter.mask). */
typedef struct PfPattern {
    unsigned char full;   /* the mask with every set held: the pattern may match */
    unsigned char branch; /* a branch of a split pattern: which one */
    short split;          /* the split pattern it is a branch of, or -1 */
    short principle; /* its principle when it is an `any` pattern (or a branch of one), or -1 */
    short rule;      /* and then its rule (numbered across the catalog), or -1 */
    unsigned char slot; /* and its place in the rule's `any` list (under 64) */
} PfPattern;

/* The scan's view of a literal, packed so that walking a bucket's chain stays in few cache
 * lines (PfLiteral holds the rest, for building and listing). */
typedef struct PfHot {
    uint32_t cp, cp2; /* first code point, second (0 for one character) */
    int next;         /* next literal in the bucket, or -1 */
    int tfirst;       /* its targets: Prefilter.targets[tfirst ..] */
    int nt;
    unsigned char len, head; /* bytes in all, and of the first one or two code points */
    char tail[8]; /* the bytes after the head when there are at most 8 (else in PfLiteral) */
} PfHot;

/* The tables and the per-reply marks. The struct is open, unlike most engine types, because
 * the matcher asks it about every candidate pattern of every reply: the questions below are
 * inline functions so that each costs a load or two, not a call. Everything else goes
 * through the functions. */
typedef struct Prefilter {
    PfLiteral *lits;
    int nlits, caplits;
    int buckets[PREFILTER_BUCKETS];
    uint8_t starts1[0x10000 / 8]; /* code points (of the BMP) that are one-character literals */
    uint8_t starts2[0x10000 / 8]; /* code points (of the BMP) longer literals start with */
    int starts_astral;            /* some literal starts beyond the BMP */

    /* made by prefilter_marks and prefilter_pack */
    int npats, nprinciples, nrules, nsplit;
    PfPattern *ps;            /* per pattern */
    unsigned char *mask;      /* per pattern: which of its literal sets the last text holds */
    unsigned *ptouch;         /* per principle: the reply an `any` pattern became possible in */
    unsigned *rgen;           /* per rule: the reply its `any` marks are for */
    uint64_t *rany;           /* per rule: its `any` patterns (by place) that may match */
    unsigned *bgen;           /* per split pattern: the reply its branch marks are for */
    uint64_t *bmask;          /* per split pattern: branches every literal set of which occurs */
    PfHot *hot;               /* per literal, in the order of lits */
    unsigned *lgen;           /* per literal: the reply it was last seen in */
    uint32_t *lfirst, *llast; /* per literal: where it first and last starts in that reply */
    PfTarget *targets;        /* every literal's targets, one after the other */
    unsigned gen;             /* the reply being analysed */

    /* the last text's characters, when it is at most PREFILTER_INDEX bytes: the number of the
     * character each starts at (at its first byte), and where each starts */
    size_t indexed; /* the text's length, or 0 when it was not indexed */
    uint16_t charno[PREFILTER_INDEX];
    uint16_t charat[PREFILTER_INDEX + 1];
} Prefilter;

/* ---------------------------------------------------------------- building */

/* Makes pf empty; the caller supplies the memory and releases it with prefilter_deinit. */
void prefilter_init(Prefilter *pf);

/* Frees everything pf holds. */
void prefilter_deinit(Prefilter *pf);

/* Records that the literal s[0..len) (lower case, as in normalised text) counts for literal
 * set `set` of pattern `pattern`; a literal already known gains a target. Returns the
 * literal's index (stable: the order literals were first added in), or -1 out of memory. */
int prefilter_add(Prefilter *pf, const char *s, int len, int pattern, int set);

/* Makes the per-pattern, per-principle, per-rule and per-split-pattern marks once every
 * literal is added: patterns 0 .. npats - 1 each start as no principle's, no rule's, no split
 * pattern's branch, with no literal set. Returns 0, or -1 out of memory. */
int prefilter_marks(Prefilter *pf, int npats, int nprinciples, int nrules, int nsplit);

/* Pattern `pattern` needs all of its nsets literal sets (0: none, it is never ruled out). */
void prefilter_pattern_sets(Prefilter *pf, int pattern, int nsets);

/* Pattern `pattern` is an `any` pattern of `principle` (or a branch of one), at place `slot` of
 * rule `rule`'s list (slot under 64, or -1: the rule's list is too long to be marked): when all
 * its literal sets occur, the principle becomes possible (prefilter_touched) and so does its
 * place in the rule (prefilter_rule_any). */
void prefilter_pattern_any(Prefilter *pf, int pattern, int principle, int rule, int slot);

/* Pattern `pattern` is branch `branch` of split pattern `split`: when all its literal sets
 * occur, its bit is set in prefilter_branches(split). */
void prefilter_pattern_branch(Prefilter *pf, int pattern, int split, int branch);

/* Packs the literals for the scan. Returns 0; -1 out of memory; or the length in bytes of a
 * literal too long for the packed tables (over 255). */
int prefilter_pack(Prefilter *pf);

/* ---------------------------------------------------------------- scanning */

/* Marks, for every pattern, which of its literal sets occur in the normalised (valid UTF-8)
 * text s[0..n), and where each literal first and last starts: one pass, two hash lookups per
 * character; a text of at most PREFILTER_INDEX bytes also gets its characters indexed
 * (prefilter_back). The marks are for this text until the next call. Returns the number of
 * characters. */
size_t prefilter_scan(Prefilter *pf, const char *s, size_t n);

/* Whether the last scanned text holds every one of the nsets literal sets of pattern. */
static inline int prefilter_possible(const Prefilter *pf, int pattern, int nsets)
{
    return pf->mask[pattern] == (1u << nsets) - 1;
}

/* The branches of split pattern `split` every literal set of which the last text holds. */
static inline uint64_t prefilter_branches(const Prefilter *pf, int split)
{
    return pf->bgen[split] == pf->gen ? pf->bmask[split] : 0;
}

/* Whether one of principle's `any` patterns became possible in the last text. */
static inline int prefilter_touched(const Prefilter *pf, int principle)
{
    return pf->ptouch[principle] == pf->gen;
}

/* The places in rule `rule`'s `any` list of the patterns that became possible in the last text
 * (patterns with no literal sets are not among them). */
static inline uint64_t prefilter_rule_any(const Prefilter *pf, int rule)
{
    return pf->rgen[rule] == pf->gen ? pf->rany[rule] : 0;
}

/* The offset `chars` characters before byte `at` of the last text (or 0), where at is where
 * a character starts; SIZE_MAX when the text was too long to be indexed. */
static inline size_t prefilter_back(const Prefilter *pf, size_t at, int chars)
{
    if (at >= pf->indexed) /* not indexed (a text in which at is a start is longer) */
        return at == 0 ? 0 : SIZE_MAX;
    unsigned c = pf->charno[at];
    return c >= (unsigned)chars ? pf->charat[c - (unsigned)chars] : 0;
}

/* Where the earliest and the latest of the literals lits[0..n) start in the last text (byte
 * offsets); returns 0 when none occurs. */
static inline int prefilter_span(const Prefilter *pf, const int *lits, int n, uint32_t *first,
                                 uint32_t *last)
{
    uint32_t f = UINT32_MAX, l = 0;
    for (int k = 0; k < n; k++) {
        int lit = lits[k];
        if (pf->lgen[lit] != pf->gen)
            continue;
        if (pf->lfirst[lit] < f)
            f = pf->lfirst[lit];
        if (pf->llast[lit] > l)
            l = pf->llast[lit];
    }
    *first = f;
    *last = l;
    return f != UINT32_MAX;
}

/* ---------------------------------------------------------------- listing */

/* The literals, in the order they were added. Borrowed, valid until prefilter_deinit;
 * NULL for an index out of range. */
int prefilter_literal_count(const Prefilter *pf);
const char *prefilter_literal(const Prefilter *pf, int index);

#endif
