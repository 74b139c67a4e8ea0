/* detect: runs the compiled detectors over one normalised reply: the prefilter's verdicts,
 * PCRE2 matches within the bounds it gives, the rules' context conditions, and the evidence
 * span mapped back to the original bytes. */
#include "judge/detect.h"

#include <stdlib.h>
#include <string.h>

#define CUSTOMER_MAX 4096 /* bytes of the customer's message the context looks at */

/* ---------------------------------------------------------------- matching one pattern */

/* The offset `chars` characters before s[at] (or 0). */
static size_t back_chars(const char *s, size_t at, int chars)
{
    for (; chars > 0 && at > 0; chars--) {
        at--;
        while (at > 0 && ((unsigned char)s[at] & 0xC0) == 0x80)
            at--;
    }
    return at;
}

/* Finds the leftmost match of pat in s[0..n) that starts at or before `limit` (SIZE_MAX: no
 * limit); on a match stores the span and returns 1. Subjects are valid UTF-8 (normalised
 * text always is), so PCRE2's UTF check is skipped. */
static int find_one(Detectors *r, const Pattern *pat, const char *s, size_t n, size_t limit,
                    size_t *ms, size_t *me)
{
    /* the prefilter saw none of some literal set this pattern needs: it cannot match */
    if (pat->nsets && !r->no_prefilter && !prefilter_possible(&r->pf, pat->id, pat->nsets))
        return 0;
    size_t start = 0;
    if (pat->anchor >= 0 && !r->no_prefilter) {
        /* A match holds an occurrence of its anchor literal and starts at most anchor_w
         * characters before it: so no match starts before the first occurrence's window, nor
         * after the last occurrence. One unanchored match from the first window with the last
         * occurrence as PCRE2's offset limit tries exactly those starts, in order (the first
         * match found is still the leftmost one), with the JIT's own start-up scan in between.
         * The prefilter notes where each literal first and last starts. */
        uint32_t first, last;
        if (!prefilter_span(&r->pf, pat->alits, pat->nalits, &first, &last))
            return 0; /* cannot happen: the set was marked */
        start = prefilter_back(&r->pf, first, pat->anchor_w);
        if (start == SIZE_MAX) /* a text too long for the prefilter's index */
            start = back_chars(s, first, pat->anchor_w);
        if (last < limit)
            limit = last;
    }
    if (limit != SIZE_MAX && start > limit)
        return 0;
    pcre2_match_context *mctx = r->mctx;
    if (limit != SIZE_MAX) {
        pcre2_set_offset_limit(r->mlim, limit);
        mctx = r->mlim;
    }
    int rc;
    if (pat->jit)
        rc = pcre2_jit_match(pat->re, (PCRE2_SPTR)s, n, start, PCRE2_NO_UTF_CHECK, r->md, mctx);
    else
        rc = pcre2_match(pat->re, (PCRE2_SPTR)s, n, start, PCRE2_NO_UTF_CHECK, r->md, mctx);
    if (rc == PCRE2_ERROR_NOMATCH)
        return 0;
    if (rc < 0) {
        /* Out of memory, the backtracking budget or the JIT stack spent: whether the pattern
         * matches is unknown, and reading that as "no" would be a wrong verdict. The search
         * goes on as if it had not matched; detect_failed turns the analysis into an error. */
        if (!r->match_error)
            r->match_error = rc;
        return 0;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(r->md);
    *ms = ov[0];
    *me = ov[1];
    return 1;
}

/* The index of the lowest set bit of m (m is not 0). */
static inline int lowest_bit(uint64_t m)
{
#if defined(__GNUC__)
    return __builtin_ctzll(m);
#else
    int k = 0;
    while (!(m & 1)) {
        m >>= 1;
        k++;
    }
    return k;
#endif
}

/* Finds pat's leftmost match in s[0..n) (the span in *ms, *me; both may be NULL when only
 * whether it matches counts). A split alternation matches as PCRE2 would match it whole:
 * the leftmost start of any branch, and at the same start the earlier branch; so each later
 * branch is only asked for a match starting before the best so far. */
static int find_slow(Detectors *r, const Pattern *pat, const char *s, size_t n, size_t *ms,
                     size_t *me)
{
    size_t bs = 0, be = 0;
    if (!pat->nbranch) {
        if (!find_one(r, pat, s, n, SIZE_MAX, &bs, &be))
            return 0;
    } else {
        int found = 0;
        /* the branches the prefilter lets through, in order */
        uint64_t maybe = ~(uint64_t)0 >> (64 - pat->nbranch);
        if (!r->no_prefilter)
            maybe = prefilter_branches(&r->pf, pat->split) | pat->always;
        while (maybe) {
            int k = lowest_bit(maybe);
            maybe &= maybe - 1;
            size_t xs, xe;
            if (find_one(r, &pat->branch[k], s, n, found ? bs - 1 : SIZE_MAX, &xs, &xe)) {
                bs = xs;
                be = xe;
                found = 1;
                if (bs == 0 || !ms)
                    break; /* nothing can start earlier, or only whether it matches counts */
            }
        }
        if (!found)
            return 0;
    }
    if (ms)
        *ms = bs;
    if (me)
        *me = be;
    return 1;
}

/* Whether the prefilter lets pat through at all (most patterns it does not: checked inline
 * before anything else). */
static inline int find(Detectors *r, const Pattern *pat, const char *s, size_t n, size_t *ms,
                       size_t *me)
{
    if (!r->no_prefilter) {
        if (pat->nbranch) {
            if (!pat->always && !prefilter_branches(&r->pf, pat->split))
                return 0;
        } else if (pat->nsets && !prefilter_possible(&r->pf, pat->id, pat->nsets)) {
            return 0;
        }
    }
    return find_slow(r, pat, s, n, ms, me);
}

static int any_matches(Detectors *r, const PatList *l, const char *s, size_t n)
{
    for (int i = 0; i < l->n; i++)
        if (find(r, &l->v[i], s, n, NULL, NULL))
            return 1;
    return 0;
}

/* ---------------------------------------------------------------- context conditions */

/* Out of memory reading the customer's message: a condition on it cannot be answered, and
 * reading that as "no message" would be a wrong verdict. The analysis goes on as if there were
 * none; detect_failed turns it into an error. */
static const TextNorm *customer_unread(Detectors *r)
{
    if (!r->match_error)
        r->match_error = PCRE2_ERROR_NOMEMORY;
    return NULL;
}

/* The customer's message, normalised (cached: the same message is asked about for every
 * principle). Returns NULL when there is none (or out of memory: customer_unread). */
static const TextNorm *customer_lookup(Detectors *r, const ReplyContext *ctx)
{
    if (!ctx || !ctx->customer)
        return NULL;
    size_t n = strlen(ctx->customer);
    if (n > CUSTOMER_MAX)
        n = CUSTOMER_MAX;
    if (r->cvalid && r->ckey_len == n && memcmp(r->ckey, ctx->customer, n) == 0)
        return r->cnorm.len ? &r->cnorm : NULL;
    r->cvalid = 0;
    if (n + 1 > r->ckey_cap) {
        char *k = realloc(r->ckey, n + 1);
        if (!k)
            return customer_unread(r);
        r->ckey = k;
        r->ckey_cap = n + 1;
    }
    memcpy(r->ckey, ctx->customer, n);
    r->ckey_len = n;
    if (text_normalize(r->tn, ctx->customer, n, &r->cnorm) < 0)
        return customer_unread(r);
    if (r->cpf_ready)
        prefilter_scan(&r->cpf, r->cnorm.norm, r->cnorm.len);
    r->cvalid = 1;
    if (++r->cgen == 0) { /* wrapped: forget every remembered answer */
        memset(r->mgen, 0, (size_t)r->nmemo * sizeof *r->mgen);
        r->cgen = 1;
    }
    return r->cnorm.len ? &r->cnorm : NULL;
}

/* While detect_run's reply is judged (ctx is its context), every condition on the customer
 * asks here, and the message is compared with the cached one only the first time. */
const TextNorm *detect_customer(Detectors *r, const ReplyContext *ctx)
{
    if (ctx != r->ctx || !ctx)
        return customer_lookup(r, ctx);
    if (!r->echo_ready) {
        r->echo = customer_lookup(r, ctx);
        r->echo_ready = 1;
    }
    return r->echo;
}

/* Whether the n bytes at w occur in the text t[0..tn); with `negated`, only right after 不,
 * 没 or 未 (each three bytes in UTF-8). */
static int occurs(const char *t, size_t tn, const char *w, size_t n, int negated)
{
    for (size_t i = 0; n && i + n <= tn; i++) {
        /* most of a Chinese text's characters share their first byte: two are compared here
         * before the call */
        if (t[i] != w[0] || (n > 1 && t[i + 1] != w[1]) || memcmp(t + i, w, n) != 0)
            continue;
        if (!negated)
            return 1;
        if (i >= 3 && (memcmp(t + i - 3, "不", 3) == 0 || memcmp(t + i - 3, "没", 3) == 0 ||
                       memcmp(t + i - 3, "未", 3) == 0))
            return 1;
    }
    return 0;
}

int detect_echo_callout(pcre2_callout_block *cb, void *data)
{
    Detectors *r = data;
    uint32_t k = cb->capture_last;
    uint32_t what = cb->callout_number;
    if (k == 0 || !detect_is_echo(what))
        return 1; /* nothing captured to compare (compiling refuses other callouts) */
    PCRE2_SIZE b = cb->offset_vector[2 * k], e = cb->offset_vector[2 * k + 1];
    if (b == PCRE2_UNSET || e <= b)
        return 1;
    /* once a reply: a pattern may call back dozens of times */
    const TextNorm *cn = detect_customer(r, r->ctx);
    if (!cn)
        return 1;
    int in = occurs(cn->norm, cn->len, (const char *)cb->subject + b, e - b,
                    what == DETECT_ECHO_NEGATED);
    /* 0 goes on matching, a positive value backtracks as a failed match would */
    return in == (what != DETECT_ECHO_NOT_IN) ? 0 : 1;
}

/* Whether the customer's message (normalised, cn) matches one of the patterns in l; each
 * pattern's answer is remembered for as long as the message stays the same. */
static int customer_matches(Detectors *r, const PatList *l, const TextNorm *cn)
{
    for (int i = 0; i < l->n; i++) {
        const Pattern *pat = &l->v[i];
        int slot = pat->memo;
        if (slot >= 0 && r->mgen[slot] == r->cgen) {
            if (r->mres[slot])
                return 1;
            continue;
        }
        /* ruled out by the customer prefilter (a literal set absent from the message), or
         * matched */
        int yes = 0;
        if (!pat->csets || !r->cpf_ready || r->no_prefilter ||
            prefilter_possible(&r->cpf, pat->id, pat->csets))
            yes = find(r, pat, cn->norm, cn->len, NULL, NULL);
        if (slot >= 0 && !r->match_error) { /* a failed match's "no" is not an answer */
            r->mgen[slot] = r->cgen;
            r->mres[slot] = (unsigned char)yes;
        }
        if (yes)
            return 1;
    }
    return 0;
}

static int persona_in(const Cond *c, const char *persona)
{
    for (int i = 0; i < c->npersona; i++)
        if (strcmp(c->persona[i], persona) == 0)
            return 1;
    return 0;
}

/* A rule's `when`: every given condition must hold on a known context. */
static int when_holds(Detectors *r, const Cond *c, const ReplyContext *ctx)
{
    if (!c->set)
        return 1;
    /* the cheap conditions first */
    if (c->npersona && (!ctx || !ctx->persona || !persona_in(c, ctx->persona)))
        return 0;
    if (c->turn_max >= 0 && (!ctx || ctx->turn < 0 || ctx->turn > c->turn_max))
        return 0;
    if (c->customer.n) {
        const TextNorm *cn = detect_customer(r, ctx);
        if (!cn || !customer_matches(r, &c->customer, cn))
            return 0;
    }
    if (c->unless_customer.n) {
        /* an exclusion: an unknown customer message excludes nothing */
        const TextNorm *cn = detect_customer(r, ctx);
        if (cn && customer_matches(r, &c->unless_customer, cn))
            return 0;
    }
    return 1;
}

/* `applies`: any given condition holding on a known context is enough; when none of the
 * conditions' inputs is known, in doubt, the principle applies. */
static int applies_holds(Detectors *r, const Cond *c, const ReplyContext *ctx)
{
    if (!c->set)
        return 1;
    int known = 0;
    if (c->customer.n) {
        const TextNorm *cn = detect_customer(r, ctx);
        if (cn) {
            known = 1;
            if (customer_matches(r, &c->customer, cn))
                return 1;
        }
    }
    if (c->npersona && ctx && ctx->persona && *ctx->persona) {
        known = 1;
        if (persona_in(c, ctx->persona))
            return 1;
    }
    if (c->turn_max >= 0 && ctx && ctx->turn >= 0) {
        known = 1;
        if (ctx->turn <= c->turn_max)
            return 1;
    }
    return !known;
}

/* A gated principle counts only where it applies, whichever stage finds it (its patterns need
 * not run elsewhere, nor the model judge it). */
static int gated_out(Detectors *r, const Detector *d, const ReplyContext *ctx)
{
    return d->gate && !applies_holds(r, &d->applies, ctx);
}

int detect_applies(Detectors *r, int principle, const ReplyContext *ctx)
{
    if (!r || principle < 0 || principle >= r->n)
        return 0;
    /* asked outside an analysis: the last reply's context may be gone, or reused for another */
    r->ctx = NULL;
    r->echo_ready = 0;
    return applies_holds(r, &r->det[principle].applies, ctx);
}

/* ---------------------------------------------------------------- the pattern stage */

/* Evaluates one rule against the normalised reply; on success the evidence span. */
static int rule_fires(Detectors *r, const Rule *rule, const char *s, size_t n,
                      const ReplyContext *ctx, size_t *es, size_t *ee)
{
    /* The reply's patterns first: the prefilter rules most of them out for nothing, while a
     * condition on the customer's message runs its patterns whatever the reply says. */
    size_t best_s = 0, best_e = 0;
    int found = 0;
    if (rule->marked && !r->no_prefilter) {
        /* only the patterns the prefilter let through, in their order */
        uint64_t maybe = prefilter_rule_any(&r->pf, rule->index) | rule->always;
        while (maybe && !found) {
            int k = lowest_bit(maybe);
            maybe &= maybe - 1;
            found = find(r, &rule->any.v[k], s, n, &best_s, &best_e);
        }
    } else {
        for (int i = 0; i < rule->any.n && !found; i++)
            found = find(r, &rule->any.v[i], s, n, &best_s, &best_e);
    }
    if (!found || !when_holds(r, &rule->when, ctx))
        return 0;
    for (int i = 0; i < rule->all.n; i++) {
        size_t ms, me;
        if (!find(r, &rule->all.v[i], s, n, &ms, &me))
            return 0;
        if (ms < best_s)
            best_s = ms;
        if (me > best_e)
            best_e = me;
    }
    if (any_matches(r, &rule->unless, s, n))
        return 0;
    *es = best_s;
    *ee = best_e;
    return 1;
}

static int push_hit(HitList *out, int principle, int start, int end)
{
    if (out->n == out->cap) {
        int cap = out->cap ? out->cap * 2 : 8;
        Hit *v = realloc(out->v, (size_t)cap * sizeof *v);
        if (!v)
            return -1;
        out->v = v;
        out->cap = cap;
    }
    out->v[out->n++] = (Hit){principle, start, end};
    return 0;
}

/* An upper bound of the letters in s[0..n), counted on the bytes: most replies have not five,
 * and need not be decoded. Whatever the bytes around it, an ASCII byte is read as itself, and
 * a full-width letter starts with EF (EF BC A1..BA, EF BD 81..9A); so the ASCII letters and
 * the bytes EF are counted (the EF test may count a byte right above an EF byte too: still an
 * upper bound), eight bytes at a time. */
static size_t possible_letters(const char *s, size_t n)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    size_t count = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        /* an ASCII byte folded to lower case is at least 'a' and below '{': bytes added with
         * their top bit cleared never carry into the next */
        uint64_t x = (w | 0x2020202020202020ull) & ~high;
        uint64_t letters = (x + ones * (0x80 - 'a')) & ~(x + ones * (0x80 - '{')) & ~w & high;
        uint64_t t = w ^ ones * 0xEF; /* 0 in a byte EF */
        uint64_t ef = (t - ones) & ~t & high;
        /* the marked bytes' top bits, summed into the top byte */
        count += (size_t)((((letters | ef) >> 7) * ones) >> 56);
    }
    for (; i < n; i++) {
        unsigned char b = (unsigned char)s[i];
        count += ((b | 0x20) >= 'a' && (b | 0x20) <= 'z') || b == 0xEF;
    }
    return count;
}

/* Whether the reply s[0..n) (as typed) is written for someone who reads Latin letters, not
 * Chinese: at least two words of letters (English, or pinyin without tones), at least five
 * letters, and fewer than half as many Chinese characters as letters, at most four of them.
 * "Type-C接口" or "XL码有货" are Chinese with a product name in them; "Sorry, the price is
 * fixed" and "qin, jia ge shi tong yi de" are not. [*us, *ue) spans the letters. */
static int unreadable(const char *s, size_t n, size_t *us, size_t *ue)
{
    if (possible_letters(s, n) < 5)
        return 0;
    int words = 0, letters = 0, han = 0, in_word = 0;
    size_t first = 0, last = 0, i = 0;
    while (i < n) {
        size_t at = i;
        uint32_t c = text_next(s, n, &i);
        int letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                     (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a);
        if (letter) {
            if (!letters)
                first = at;
            last = i;
            letters++;
            if (!in_word)
                words++;
        } else if (text_is_han(c)) {
            han++;
        }
        /* an apostrophe keeps a word together (don't, it's) */
        in_word = letter || (in_word && c == '\'');
    }
    if (words < 2 || letters < 5 || han > 4 || han * 2 >= letters)
        return 0;
    *us = first;
    *ue = last;
    return 1;
}

int detect_model_when(Detectors *r, int principle, const ReplyContext *ctx)
{
    if (principle < 0 || principle >= r->n)
        return 0;
    const Detector *d = &r->det[principle];
    return !gated_out(r, d, ctx) && when_holds(r, &d->model_when, ctx);
}

/* Whether byte i of the normalised text s[0..n) ends a clause: punctuation, but not the point
 * of a number ("1.5米"). */
static int clause_end(const char *s, size_t n, size_t i)
{
    char c = s[i];
    if (c == '.' && i > 0 && i + 1 < n && s[i - 1] >= '0' && s[i - 1] <= '9' && s[i + 1] >= '0' &&
        s[i + 1] <= '9')
        return 0;
    return c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == '~' || c == ':';
}

/* Widens the evidence [*es, *ee) to whole words as far as the text allows without a word list:
 * to the end of its clause when at most three characters are left of it ("买不起就别" becomes
 * "买不起就别看了", "…统一定" becomes "…统一定的"), and back to the clause's start when at
 * most two come before it. Longer remainders are other words, and stay out. */
static void whole_words(const char *s, size_t n, size_t *es, size_t *ee)
{
    size_t i = *ee;
    int chars = 0;
    while (i < n && !clause_end(s, n, i) && chars <= 3) {
        text_next(s, n, &i);
        chars++;
    }
    if (chars <= 3 && (i == n || clause_end(s, n, i)))
        *ee = i;
    size_t b = *es;
    chars = 0;
    while (b > 0 && !clause_end(s, n, b - 1) && chars <= 2) {
        b--;
        while (b > 0 && ((unsigned char)s[b] & 0xc0) == 0x80)
            b--;
        chars++;
    }
    if (chars <= 2 && (b == 0 || clause_end(s, n, b - 1)))
        *es = b;
}

int detect_never(Detectors *r, int principle, const char *s, size_t n)
{
    return principle >= 0 && principle < r->n && any_matches(r, &r->det[principle].never, s, n);
}

int detect_failed(const Detectors *r)
{
    return r->match_error;
}

void detect_clear_failure(Detectors *r)
{
    r->match_error = 0;
}

int detect_run(Detectors *r, const Analysis *a, HitList *out)
{
    const char *s = a->norm->norm;
    size_t n = a->norm->len;
    const ReplyContext *ctx = a->ctx;
    r->ctx = ctx;
    r->echo_ready = 0;
    size_t chars = prefilter_scan(&r->pf, s, n);
    for (int i = 0; i < r->n; i++) {
        const Detector *d = &r->det[i];
        if (d->timing)
            continue;
        if (!d->pfree && !prefilter_touched(&r->pf, i) && !r->no_prefilter)
            continue; /* none of its `any` patterns can match this reply */
        if (d->builtin == BUILTIN_UNREADABLE) {
            /* read in the original: normalisation removes the spaces that part the words */
            size_t us, ue;
            if (a->reply && unreadable(a->reply, a->len, &us, &ue) &&
                push_hit(out, i, (int)us, (int)ue) < 0)
                return -1;
            continue;
        }
        if (d->builtin == BUILTIN_LONG_REPLY) {
            /* characters as the customer sees them, white space aside (counted by the
             * prefilter's pass) */
            if (n && (double)chars > a->th->long_reply_chars &&
                push_hit(out, i, 0, (int)a->len) < 0)
                return -1;
            continue;
        }
        if (gated_out(r, d, ctx))
            continue;
        size_t es = 0, ee = 0;
        int fired = 0;
        for (int k = 0; k < d->nrules && !fired; k++)
            fired = rule_fires(r, &d->rules[k], s, n, ctx, &es, &ee);
        if (!fired || any_matches(r, &d->unless, s, n) || any_matches(r, &d->never, s, n))
            continue;
        whole_words(s, n, &es, &ee);
        size_t os, oe;
        text_norm_span(a->norm, a->reply, a->len, es, ee, &os, &oe);
        if (push_hit(out, i, (int)os, (int)oe) < 0)
            return -1;
    }
    return r->match_error ? -1 : 0;
}
