/* prefilter: the literal tables derived from the detectors' patterns, and the one pass over
 * a normalised reply that marks which patterns can match and where their literals start. */
#include "judge/prefilter.h"

#include <stdlib.h>
#include <string.h>

#include "base/text.h"

/* ---------------------------------------------------------------- building */

void prefilter_init(Prefilter *pf)
{
    memset(pf, 0, sizeof *pf);
    for (int i = 0; i < PREFILTER_BUCKETS; i++)
        pf->buckets[i] = -1;
}

void prefilter_deinit(Prefilter *pf)
{
    if (!pf)
        return;
    for (int i = 0; i < pf->nlits; i++) {
        free(pf->lits[i].s);
        free(pf->lits[i].t);
    }
    free(pf->lits);
    free(pf->ps);
    free(pf->mask);
    free(pf->ptouch);
    free(pf->rgen);
    free(pf->rany);
    free(pf->bgen);
    free(pf->bmask);
    free(pf->hot);
    free(pf->lgen);
    free(pf->lfirst);
    free(pf->llast);
    free(pf->targets);
    prefilter_init(pf);
}
/* The first one or two code points of s[0..n) and the bytes they take. */
static void head_of(const char *s, size_t n, uint32_t *cp, uint32_t *cp2, int *head)
{
    size_t i = 0;
    *cp = text_next(s, n, &i);
    *cp2 = i < n ? text_next(s, n, &i) : 0;
    *head = (int)i;
}

/* PfLiterals are hashed by their first two code points (one-character ones by the first), so a
 * bucket rarely holds a literal that does not match where the text's characters do. */
static unsigned bucket_of(uint32_t cp, uint32_t cp2)
{
    return ((cp * 2654435761u) ^ (cp2 * 2246822519u)) >> 20 & (PREFILTER_BUCKETS - 1);
}

int prefilter_add(Prefilter *pf, const char *s, int len, int pattern, int bit)
{
    uint32_t cp, cp2;
    int head;
    head_of(s, (size_t)len, &cp, &cp2, &head);
    unsigned b = bucket_of(cp, cp2);
    int k;
    for (k = pf->buckets[b]; k >= 0; k = pf->lits[k].next)
        if (pf->lits[k].len == len && memcmp(pf->lits[k].s, s, (size_t)len) == 0)
            break;
    if (k < 0) {
        if (pf->nlits == pf->caplits) {
            int cap = pf->caplits ? pf->caplits * 2 : 256;
            PfLiteral *l = realloc(pf->lits, (size_t)cap * sizeof *l);
            if (!l)
                return -1;
            pf->lits = l;
            pf->caplits = cap;
        }
        PfLiteral *l = &pf->lits[pf->nlits];
        *l = (PfLiteral){0};
        l->s = malloc((size_t)len + 1);
        if (!l->s)
            return -1;
        memcpy(l->s, s, (size_t)len);
        l->s[len] = '\0';
        l->len = len;
        l->cp = cp;
        l->cp2 = cp2;
        if (cp >= 0x10000)
            pf->starts_astral = 1;
        else if (cp2)
            pf->starts2[cp >> 3] |= (uint8_t)(1u << (cp & 7));
        else
            pf->starts1[cp >> 3] |= (uint8_t)(1u << (cp & 7));
        l->head = head;
        l->next = pf->buckets[b];
        k = pf->buckets[b] = pf->nlits++;
    }
    PfLiteral *l = &pf->lits[k];
    for (int t = 0; t < l->nt; t++)
        if (l->t[t].pattern == pattern && l->t[t].set == bit)
            return k;
    if (l->nt == l->capt) {
        int cap = l->capt ? l->capt * 2 : 4;
        PfTarget *t = realloc(l->t, (size_t)cap * sizeof *t);
        if (!t)
            return -1;
        l->t = t;
        l->capt = cap;
    }
    l->t[l->nt++] = (PfTarget){pattern, (unsigned char)bit};
    return k;
}

/* Derives the literal sets pattern p[0..n) requires and registers them for pattern pat.
 * Returns the number of sets (0: no prefilter; the pattern always runs), or -1. */

int prefilter_marks(Prefilter *pf, int npats, int nprinciples, int nrules, int nsplit)
{
    pf->npats = npats;
    pf->nprinciples = nprinciples;
    pf->nrules = nrules;
    pf->nsplit = nsplit;
    pf->ps = calloc((size_t)npats + 1, sizeof *pf->ps);
    pf->mask = calloc((size_t)npats + 1, sizeof *pf->mask);
    pf->ptouch = calloc((size_t)nprinciples + 1, sizeof *pf->ptouch);
    pf->rgen = calloc((size_t)nrules + 1, sizeof *pf->rgen);
    pf->rany = calloc((size_t)nrules + 1, sizeof *pf->rany);
    pf->bgen = calloc((size_t)nsplit + 1, sizeof *pf->bgen);
    pf->bmask = calloc((size_t)nsplit + 1, sizeof *pf->bmask);
    if (!pf->ps || !pf->mask || !pf->ptouch || !pf->rgen || !pf->rany || !pf->bgen || !pf->bmask)
        return -1;
    for (int k = 0; k <= npats; k++)
        pf->ps[k].principle = pf->ps[k].split = pf->ps[k].rule = -1;
    return 0;
}

void prefilter_pattern_sets(Prefilter *pf, int pattern, int nsets)
{
    pf->ps[pattern].full = (unsigned char)((1u << nsets) - 1);
}

void prefilter_pattern_any(Prefilter *pf, int pattern, int principle, int rule, int slot)
{
    pf->ps[pattern].principle = (short)principle;
    if (slot >= 0 && slot < 64) {
        pf->ps[pattern].rule = (short)rule;
        pf->ps[pattern].slot = (unsigned char)slot;
    }
}

void prefilter_pattern_branch(Prefilter *pf, int pattern, int split, int branch)
{
    pf->ps[pattern].split = (short)split;
    pf->ps[pattern].branch = (unsigned char)branch;
}

int prefilter_pack(Prefilter *pf)
{
    size_t ntargets = 0;
    for (int k = 0; k < pf->nlits; k++)
        ntargets += (size_t)pf->lits[k].nt;
    pf->hot = calloc((size_t)pf->nlits + 1, sizeof *pf->hot);
    pf->lgen = calloc((size_t)pf->nlits + 1, sizeof *pf->lgen);
    pf->targets = malloc((ntargets + 1) * sizeof *pf->targets);
    pf->lfirst = calloc((size_t)pf->nlits + 1, sizeof *pf->lfirst);
    pf->llast = calloc((size_t)pf->nlits + 1, sizeof *pf->llast);
    if (!pf->hot || !pf->lgen || !pf->targets || !pf->lfirst || !pf->llast)
        return -1;
    ntargets = 0;
    for (int k = 0; k < pf->nlits; k++) {
        const PfLiteral *lit = &pf->lits[k];
        if (lit->len > 255)
            return lit->len;
        pf->hot[k] = (PfHot){lit->cp,
                            lit->cp2,
                            lit->next,
                            (int)ntargets,
                            lit->nt,
                            (unsigned char)lit->len,
                            (unsigned char)lit->head,
                            {0}};
        if (lit->len - lit->head <= (int)sizeof pf->hot[k].tail)
            memcpy(pf->hot[k].tail, lit->s + lit->head, (size_t)(lit->len - lit->head));
        memcpy(pf->targets + ntargets, lit->t, (size_t)lit->nt * sizeof *lit->t);
        ntargets += (size_t)lit->nt;
    }
    return 0;
}

/* ---------------------------------------------------------------- scanning */

/* Decodes the code point at s[i] (the text is valid UTF-8); *l receives its length. */
static inline uint32_t decode(const unsigned char *u, size_t n, size_t i, size_t *l)
{
    unsigned char c = u[i];
    if (c < 0x80) {
        *l = 1;
        return c;
    }
    if (c < 0xE0 && i + 1 < n) {
        *l = 2;
        return (uint32_t)(c & 0x1F) << 6 | (u[i + 1] & 0x3F);
    }
    if (c < 0xF0 && i + 2 < n) {
        *l = 3;
        return (uint32_t)(c & 0x0F) << 12 | (uint32_t)(u[i + 1] & 0x3F) << 6 | (u[i + 2] & 0x3F);
    }
    if (i + 3 < n) {
        *l = 4;
        return (uint32_t)(c & 0x07) << 18 | (uint32_t)(u[i + 1] & 0x3F) << 12 |
               (uint32_t)(u[i + 2] & 0x3F) << 6 | (u[i + 3] & 0x3F);
    }
    *l = 1;
    return 0xFFFD;
}

/* The scan's inner step, inlined into the loop even where the compiler would rather not: a
 * call per character position costs more than the step itself mostly does. */
#if defined(__GNUC__)
#define SCAN_INLINE inline __attribute__((always_inline))
#else
#define SCAN_INLINE inline
#endif

/* Sets bit `bit` of mask[i], the masks of an earlier reply (gen[i] != now) first cleared. */
static inline void mark_bit(unsigned *gen, uint64_t *mask, int i, unsigned now, int bit)
{
    if (gen[i] != now) {
        gen[i] = now;
        mask[i] = 0;
    }
    mask[i] |= (uint64_t)1 << bit;
}

/* Marks the literal sets of the literals in bucket b that start at s[i]. */
static SCAN_INLINE void mark_bucket(Prefilter *pf, const char *s, size_t n, size_t i, unsigned b,
                                    uint32_t cp, uint32_t cp2)
{
    for (int k = pf->buckets[b]; k >= 0; k = pf->hot[k].next) {
        const PfHot *lit = &pf->hot[k];
        if (lit->cp != cp || lit->cp2 != cp2 || (size_t)lit->len > n - i)
            continue;
        int tl = lit->len - lit->head;
        if (tl > (int)sizeof lit->tail) {
            if (memcmp(s + i + lit->head, pf->lits[k].s + lit->head, (size_t)tl) != 0)
                continue;
        } else if (tl > 0) {
            /* a short tail is compared where the chain's entry already is: no trip to the
             * literal's own string, no call */
            const char *t = s + i + lit->head;
            int differ = 0;
            for (int q = 0; q < tl; q++)
                differ |= t[q] ^ lit->tail[q];
            if (differ)
                continue;
        }
        /* Seen before in this reply: its sets are marked already; only where it last starts
         * is new (common characters occur many times a reply). */
        if (pf->lgen[k] == pf->gen) {
            pf->llast[k] = (uint32_t)i;
            continue;
        }
        pf->lgen[k] = pf->gen;
        pf->lfirst[k] = pf->llast[k] = (uint32_t)i;
        int nt = lit->nt;
        const PfTarget *tg = pf->targets + lit->tfirst;
        for (int t = 0; t < nt; t++) {
            int id = tg[t].pattern;
            unsigned had = pf->mask[id], has = had | 1u << tg[t].set;
            if (has == had)
                continue; /* the set was marked already (or every set was) */
            pf->mask[id] = (unsigned char)has;
            const PfPattern *ps = &pf->ps[id];
            if (has != ps->full)
                continue;
            /* every set of the pattern occurs: it may match now, so may its principle, and so
             * may the split pattern it is a branch of */
            if (ps->split >= 0)
                mark_bit(pf->bgen, pf->bmask, ps->split, pf->gen, ps->branch);
            if (ps->principle >= 0)
                pf->ptouch[ps->principle] = pf->gen;
            if (ps->rule >= 0)
                mark_bit(pf->rgen, pf->rany, ps->rule, pf->gen, ps->slot);
        }
    }
}

size_t prefilter_scan(Prefilter *pf, const char *s, size_t n)
{
    memset(pf->mask, 0, (size_t)pf->npats);
    if (++pf->gen == 0) { /* wrapped: forget stale marks */
        memset(pf->ptouch, 0, (size_t)pf->nprinciples * sizeof *pf->ptouch);
        memset(pf->rgen, 0, (size_t)pf->nrules * sizeof *pf->rgen);
        memset(pf->bgen, 0, (size_t)pf->nsplit * sizeof *pf->bgen);
        memset(pf->lgen, 0, (size_t)pf->nlits * sizeof *pf->lgen);
        pf->gen = 1;
    }
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, l = 0, l2 = 0, chars = 0;
    uint32_t cp = n ? decode(u, n, 0, &l) : 0;
    const int index = n <= PREFILTER_INDEX;
    pf->indexed = index ? n : 0;
    while (i < n) {
        if (index) {
            pf->charno[i] = (uint16_t)chars;
            pf->charat[chars] = (uint16_t)i;
        }
        uint32_t cp2 = i + l < n ? decode(u, n, i + l, &l2) : 0;
        if (cp >= 0x10000) {
            if (pf->starts_astral) {
                mark_bucket(pf, s, n, i, bucket_of(cp, 0), cp, 0);
                if (cp2)
                    mark_bucket(pf, s, n, i, bucket_of(cp, cp2), cp, cp2);
            }
        } else {
            if ((pf->starts1[cp >> 3] >> (cp & 7)) & 1u)
                mark_bucket(pf, s, n, i, bucket_of(cp, 0), cp, 0);
            if (cp2 && (pf->starts2[cp >> 3] >> (cp & 7)) & 1u)
                mark_bucket(pf, s, n, i, bucket_of(cp, cp2), cp, cp2);
        }
        i += l;
        cp = cp2;
        l = l2;
        chars++;
    }
    return chars;
}


/* ---------------------------------------------------------------- listing */

int prefilter_literal_count(const Prefilter *pf)
{
    return pf->nlits;
}

const char *prefilter_literal(const Prefilter *pf, int index)
{
    return index >= 0 && index < pf->nlits ? pf->lits[index].s : NULL;
}
