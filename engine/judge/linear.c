/* linear: a linear classifier's weights, looked up by feature hash, scored and explained. */
#include "judge/linear.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/platform.h"
#include "base/text.h"
#include "lua/srcfile.h"

/* A model file is read up to this size. */
#define MAX_MODEL_BYTES (16u << 20) /* the shipped model is about 3 MiB */

struct LinearModel {
    int nlabels;
    char *labels[LINEAR_MAX_LABELS];
    double bias[LINEAR_MAX_LABELS];
    double threshold[LINEAR_MAX_LABELS];
    char *version;
    /* The feature table, open addressing: each slot is the feature's key (a uint64_t, 0:
     * empty) and then its nlabels weights (int16_t, in LINEAR_WEIGHT_UNITs: the model file's
     * four decimals, exactly), `stride` bytes in all, a power of two so that a slot never
     * straddles two cache lines: a lookup of a feature the model has costs one cache miss, not
     * one for the key and one for the weights. Up to twelve labels fill a 32-byte slot. */
    unsigned char *table;
    size_t mask, stride;
    int stride_shift; /* stride == 1 << stride_shift */
    /* a one-bit-per-key filter in front of the table, small enough to stay in the first-level
     * cache: most n-grams the model never saw are turned away here */
    uint64_t *seen;
    int seen_shift; /* a key's bit is key >> seen_shift */
    int nrows;
    /* Scratch of one pass over a reply's features (hence one reply at a time per model): per
     * slot, the pass it was last met in (the high bits) and how often it came in that pass
     * (the low MET_COUNT_BITS), so that a feature counts up to FEATURES_COUNT_CAP times with
     * one load and one store, and a new pass forgets the last by counting on. */
    uint16_t *met;
    unsigned pass;
};

#define MET_COUNT_BITS 2
#define MET_PASSES (1u << (16 - MET_COUNT_BITS)) /* passes before the stamps are cleared */
_Static_assert(FEATURES_COUNT_CAP < (1 << MET_COUNT_BITS), "a count must fit its bits");

static inline uint64_t *slot_key(const LinearModel *m, size_t slot)
{
    return (uint64_t *)(void *)(m->table + (slot << m->stride_shift));
}

static inline int16_t *slot_weights(const LinearModel *m, size_t slot)
{
    return (int16_t *)(void *)(m->table + (slot << m->stride_shift) + sizeof(uint64_t));
}

/* Whether key h may be in the table (the filter's bit is set). */
static inline int maybe_has(const LinearModel *m, uint64_t h)
{
    uint64_t bit = h >> m->seen_shift;
    return (int)(m->seen[bit >> 6] >> (bit & 63) & 1);
}

/* Whether the model has the feature with key h (never 0: 0 marks an empty slot); if so, its
 * slot in *slot. */
static inline int lookup(const LinearModel *m, uint64_t h, size_t *slot)
{
    if (!maybe_has(m, h))
        return 0;
    for (size_t k = (size_t)h & m->mask;; k = (k + 1) & m->mask) {
        uint64_t key = *slot_key(m, k);
        if (key == 0)
            return 0;
        if (key == h) {
            *slot = k;
            return 1;
        }
    }
}

void linear_destroy(LinearModel *m)
{
    if (!m)
        return;
    for (int i = 0; i < m->nlabels; i++)
        free(m->labels[i]);
    free(m->version);
    plat_aligned_free(m->table);
    free(m->seen);
    free(m->met);
    free(m);
}

/* ------------------------------------------------------------------------ reading a file */

typedef struct Reader {
    const char *p, *end;
    int line;
    const char *path;
    KefuError *err;
} Reader;

/* The next line without its newline, or NULL at the end. */
static const char *next_line(Reader *r, size_t *len)
{
    if (r->p >= r->end)
        return NULL;
    const char *s = r->p;
    const char *nl = memchr(s, '\n', (size_t)(r->end - s));
    *len = nl ? (size_t)(nl - s) : (size_t)(r->end - s);
    r->p = nl ? nl + 1 : r->end;
    r->line++;
    return s;
}

static int bad(Reader *r, const char *what)
{
    kerr_set(r->err, "%s:%d: %s", r->path, r->line, what);
    return -1;
}

/* A plain decimal s[0..n) ("-0.1862": a sign, at most 15 digits, at most one point) read
 * exactly as strtod reads it: the digits as an integer and the power of ten are both exact
 * doubles, and one IEEE division rounds their quotient correctly, as strtod rounds. Returns 0,
 * or -1 for anything else (strtod judges it). A model has some hundred thousand weights. */
static int plain_decimal(const char *s, size_t n, double *out)
{
    static const double POW10[16] = {1e0, 1e1, 1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                     1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    size_t i = 0;
    int neg = s[0] == '-', digits = 0, frac = -1;
    uint64_t m = 0;
    for (i = (size_t)neg; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            m = m * 10 + (uint64_t)(s[i] - '0');
            digits++;
            if (frac >= 0)
                frac++;
        } else if (s[i] == '.' && frac < 0) {
            frac = 0;
        } else {
            return -1;
        }
    }
    if (digits == 0 || digits > 15)
        return -1;
    double v = (double)m / POW10[frac > 0 ? frac : 0];
    *out = neg ? -v : v;
    return 0;
}

/* Reads n numbers separated by spaces from s[0..len) into out; *used receives how many bytes
 * they took. Returns 0 or -1. */
static int numbers(const char *s, size_t len, int n, double *out, size_t *used)
{
    char tmp[64];
    size_t i = 0;
    for (int k = 0; k < n; k++) {
        while (i < len && s[i] == ' ')
            i++;
        size_t j = i;
        while (j < len && s[j] != ' ')
            j++;
        if (j == i || j - i >= sizeof tmp)
            return -1;
        if (plain_decimal(s + i, j - i, &out[k]) == 0) {
            i = j;
            continue;
        }
        memcpy(tmp, s + i, j - i);
        tmp[j - i] = '\0';
        char *endp;
        errno = 0;
        out[k] = strtod(tmp, &endp);
        if (*endp || errno || !isfinite(out[k]))
            return -1;
        i = j;
    }
    *used = i;
    return 0;
}

static char *dup_n(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* "key rest": rest (after one space) when the line starts with key, else NULL. */
static const char *keyed(const char *s, size_t len, const char *key, size_t *rest_len)
{
    size_t k = strlen(key);
    if (len < k + 1 || memcmp(s, key, k) != 0 || s[k] != ' ')
        return NULL;
    *rest_len = len - k - 1;
    return s + k + 1;
}

LinearModel *linear_parse(const char *text, size_t len, const char *path, KefuError *err)
{
    Reader r = {text, text + len, 0, path, err};
    LinearModel *m = calloc(1, sizeof *m);
    size_t n, rest;
    const char *s, *v;
    double nums[LINEAR_MAX_LABELS];
    size_t used;
    long nfeat = -1;

    if (!m) {
        kerr_set(err, "%s: out of memory", path);
        return NULL;
    }
    if (!text_valid_utf8(text, len, NULL)) {
        kerr_set(err, "%s: not valid UTF-8", path);
        goto fail;
    }
    s = next_line(&r, &n);
    if (!s || n != 13 || memcmp(s, "kefu.linear/1", 13) != 0) {
        bad(&r, "not a kefu model file (the first line must be kefu.linear/1)");
        goto fail;
    }
    /* the header: version, labels, bias, threshold, features, in that order */
    while ((s = next_line(&r, &n)) != NULL && nfeat < 0) {
        if (n == 0 || s[0] == '#')
            continue;
        if ((v = keyed(s, n, "version", &rest)) != NULL) {
            free(m->version);
            if (!(m->version = dup_n(v, rest)))
                goto oom;
        } else if ((v = keyed(s, n, "labels", &rest)) != NULL) {
            if (m->nlabels) {
                bad(&r, "labels given twice");
                goto fail;
            }
            size_t i = 0;
            while (i < rest) {
                while (i < rest && v[i] == ' ')
                    i++;
                size_t j = i;
                while (j < rest && v[j] != ' ')
                    j++;
                if (j == i)
                    break;
                if (m->nlabels == LINEAR_MAX_LABELS) {
                    bad(&r, "too many labels (at most 16)");
                    goto fail;
                }
                if (!(m->labels[m->nlabels++] = dup_n(v + i, j - i)))
                    goto oom;
                i = j;
            }
            if (m->nlabels == 0) {
                bad(&r, "labels: no label named");
                goto fail;
            }
        } else if ((v = keyed(s, n, "bias", &rest)) != NULL ||
                   (v = keyed(s, n, "threshold", &rest)) != NULL) {
            int is_bias = s[0] == 'b';
            if (!m->nlabels) {
                bad(&r, "labels must come before bias and threshold");
                goto fail;
            }
            if (numbers(v, rest, m->nlabels, nums, &used) != 0 || used != rest) {
                bad(&r, "expected one number per label");
                goto fail;
            }
            memcpy(is_bias ? m->bias : m->threshold, nums, sizeof(double) * (size_t)m->nlabels);
        } else if ((v = keyed(s, n, "features", &rest)) != NULL) {
            char tmp[24];
            char *endp;
            if (!m->nlabels || rest == 0 || rest >= sizeof tmp) {
                bad(&r, "features: expected the count, after labels");
                goto fail;
            }
            memcpy(tmp, v, rest);
            tmp[rest] = '\0';
            nfeat = strtol(tmp, &endp, 10);
            if (*endp || nfeat < 0 || nfeat > 10000000) {
                bad(&r, "features: expected a count from 0 to 10000000");
                goto fail;
            }
            break;
        } else {
            bad(&r, "unknown line (expected version, labels, bias, threshold or features)");
            goto fail;
        }
    }
    if (nfeat < 0) {
        bad(&r, "no features line");
        goto fail;
    }
    if (!m->version && !(m->version = dup_n("unversioned", 11)))
        goto oom;

    size_t slots = 16;
    while (slots < (size_t)nfeat * 3 / 2 + 16) /* at most two thirds full */
        slots *= 2;
    m->mask = slots - 1;
    m->stride = 16;
    m->stride_shift = 4;
    while (m->stride < sizeof(uint64_t) + sizeof(int16_t) * (size_t)m->nlabels) {
        m->stride *= 2;
        m->stride_shift++;
    }
    m->table = plat_aligned_alloc(m->stride, slots * m->stride);
    if (m->table)
        memset(m->table, 0, slots * m->stride);
    size_t bits = 1u << 12; /* at least 8 bits a key: at most one absent key in 8 gets past */
    m->seen_shift = 64 - 12;
    while (bits < (size_t)nfeat * 8) {
        bits *= 2;
        m->seen_shift--;
    }
    m->seen = calloc(bits / 64, sizeof *m->seen);
    m->met = calloc(slots, sizeof *m->met);
    if (!m->table || !m->seen || !m->met)
        goto oom;
    while ((s = next_line(&r, &n)) != NULL) {
        if (n == 0)
            continue;
        if (m->nrows == nfeat) {
            bad(&r, "more feature lines than the features count says");
            goto fail;
        }
        if (numbers(s, n, m->nlabels, nums, &used) != 0 || used + 1 >= n || s[used] != ' ') {
            bad(&r, "expected one weight per label and then the feature's name");
            goto fail;
        }
        const char *name = s + used + 1;
        size_t nlen = n - used - 1;
        if (nlen > FEATURE_MAX) {
            bad(&r, "a feature name longer than 64 bytes");
            goto fail;
        }
        uint64_t h = features_key(name, nlen);
        size_t slot = (size_t)h & m->mask;
        while (*slot_key(m, slot) != 0 && *slot_key(m, slot) != h)
            slot = (slot + 1) & m->mask;
        if (*slot_key(m, slot) == h) {
            bad(&r, "a feature named twice");
            goto fail;
        }
        *slot_key(m, slot) = h;
        m->seen[(h >> m->seen_shift) >> 6] |= (uint64_t)1 << ((h >> m->seen_shift) & 63);
        for (int k = 0; k < m->nlabels; k++) {
            double units = nums[k] / LINEAR_WEIGHT_UNIT;
            if (!(fabs(units) <= INT16_MAX)) {
                bad(&r, "a weight out of range (at most 3.2767 either way)");
                goto fail;
            }
            slot_weights(m, slot)[k] = (int16_t)lround(units);
        }
        m->nrows++;
    }
    if (m->nrows != nfeat) {
        bad(&r, "fewer feature lines than the features count says");
        goto fail;
    }
    return m;
oom:
    kerr_set(err, "%s: out of memory", path);
fail:
    linear_destroy(m);
    return NULL;
}

LinearModel *linear_load(const char *path, KefuError *err)
{
    /* Read as scenario and rubric files are (lua/srcfile): no link followed (to /dev/zero, to
     * someone's secrets), no FIFO waited on, only a regular file no larger than the cap. */
    static const SrcfileRule rule = {MAX_MODEL_BYTES, 0, "model files"};
    size_t len = 0;
    char *text = srcfile_read_as(path, &rule, &len, err);
    if (!text)
        return NULL;
    LinearModel *m = linear_parse(text, len, path, err);
    free(text);
    return m;
}

int linear_label_count(const LinearModel *m)
{
    return m->nlabels;
}

const char *linear_label(const LinearModel *m, int label)
{
    return m->labels[label];
}

double linear_threshold(const LinearModel *m, int label)
{
    return m->threshold[label];
}

const char *linear_version(const LinearModel *m)
{
    return m->version;
}

/* ------------------------------------------------------------------------ scoring */

/* A feature's weight is added up to FEATURES_COUNT_CAP times however often its n-gram repeats,
 * as the trainer counted it: counted per table slot (a feature the model has owns one slot) in
 * the model's stamps (LinearModel.met). */

/* Starts a pass over one reply's features: every feature's count reads 0 again. */
static void met_begin(LinearModel *m)
{
    if (++m->pass >= MET_PASSES) { /* the stamps would wrap: clear them, start over */
        memset(m->met, 0, (m->mask + 1) * sizeof *m->met);
        m->pass = 1;
    }
}

/* 1 while the feature in slot has come at most FEATURES_COUNT_CAP times in this pass (counting
 * this time), else 0. */
static inline int met_add(LinearModel *m, size_t slot)
{
    unsigned t = m->met[slot];
    if (t >> MET_COUNT_BITS != m->pass)
        t = m->pass << MET_COUNT_BITS;
    if ((t & ((1u << MET_COUNT_BITS) - 1)) >= FEATURES_COUNT_CAP)
        return 0;
    m->met[slot] = (uint16_t)(t + 1);
    return 1;
}

typedef struct Scoring {
    LinearModel *m;
    int32_t sums[LINEAR_MAX_LABELS]; /* of the weights met, in LINEAR_WEIGHT_UNITs */
} Scoring;

/* Adds the weights of the features keys[0..n) to the sums, in the order they come, each
 * feature up to FEATURES_COUNT_CAP times (met_add). The keys that pass the filter first, their
 * slots asked for all at once: their cache misses overlap instead of coming one after the
 * other. */
static void add_scores(void *ctx, const uint64_t *keys, int n)
{
    enum { CHUNK = 128, LANES = 12 };
    Scoring *sc = ctx;
    LinearModel *m = sc->m;
    const int nlabels = m->nlabels;
    int32_t *acc = sc->sums;
    uint64_t cand[CHUNK];
    /* up to twelve labels fill a 32-byte slot: every such slot has twelve weights, the lanes
     * past nlabels zeros, so one fixed loop adds them all (and the compiler widens it) */
    const int twelve = m->stride == 32;
    for (int from = 0; from < n; from += CHUNK) {
        int to = n - from < CHUNK ? n : from + CHUNK, nc = 0;
        /* without a branch: whether a key passes is as good as a coin toss to the CPU */
        for (int i = from; i < to; i++) {
            cand[nc] = keys[i];
            nc += maybe_has(m, keys[i]);
        }
#if defined(__GNUC__)
        for (int c = 0; c < nc; c++)
            __builtin_prefetch(slot_key(m, (size_t)cand[c] & m->mask));
#endif
        for (int c = 0; c < nc; c++) {
            for (size_t slot = (size_t)cand[c] & m->mask;; slot = (slot + 1) & m->mask) {
                uint64_t key = *slot_key(m, slot);
                if (key == cand[c]) {
                    if (!met_add(m, slot))
                        break;
                    const int16_t *w = slot_weights(m, slot);
                    if (twelve) {
                        for (int k = 0; k < LANES; k++)
                            acc[k] += w[k];
                    } else {
                        for (int k = 0; k < nlabels; k++)
                            acc[k] += w[k];
                    }
                    break;
                }
                if (key == 0)
                    break;
            }
        }
    }
}

void linear_score(LinearModel *m, const FeatureInput *in, double *scores)
{
    Scoring sc = {.m = m};
    met_begin(m);
    features_keys(in, add_scores, &sc);
    for (int k = 0; k < m->nlabels; k++)
        scores[k] = m->bias[k] + sc.sums[k] * LINEAR_WEIGHT_UNIT;
}

/* Each byte of the reply gets the weights of the features standing on it, shared out over
 * the feature's span, for one label. */
typedef struct Weighing {
    LinearModel *m;
    int label;
    double *per_byte;
    size_t len;
} Weighing;

/* As in scoring, a feature weighs where it first stands, up to the cap. */
static void add_weight(void *ctx, const Feature *f)
{
    Weighing *wg = ctx;
    size_t slot;
    if (!lookup(wg->m, f->hash, &slot) || !met_add(wg->m, slot))
        return;
    const int16_t *w = slot_weights(wg->m, slot);
    if (f->end <= f->start || f->end > wg->len)
        return;
    double share = w[wg->label] * LINEAR_WEIGHT_UNIT / (double)(f->end - f->start);
    for (size_t i = f->start; i < f->end; i++)
        wg->per_byte[i] += share;
}

static int clause_mark(char c)
{
    return c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == '~';
}

void linear_evidence(LinearModel *m, const FeatureInput *in, int label, size_t *start, size_t *end)
{
    size_t len = in->reply_len;
    /* the reply's text between its leading and trailing marks */
    size_t first = 0, last = len;
    while (first < len && clause_mark(in->reply[first]))
        first++;
    while (last > first && clause_mark(in->reply[last - 1]))
        last--;
    *start = 0;
    *end = len;
    if (first == last)
        return; /* nothing but punctuation (or nothing): the whole reply */
    *start = first;
    *end = last;
    size_t k = first;
    while (k < last && !clause_mark(in->reply[k]))
        k++;
    if (k == last)
        return; /* one clause is its own evidence, whatever the weights: no need to weigh it */
    double *per_byte = calloc(len, sizeof *per_byte);
    if (!per_byte)
        return; /* out of memory: the text between the marks is still true evidence */
    Weighing wg = {.m = m, .label = label, .per_byte = per_byte, .len = len};
    met_begin(m);
    features_extract(in, 0, add_weight, &wg);

    /* two clauses or more, so at least one is not empty and the best is found */
    double best = -INFINITY;
    size_t i = 0;
    while (i < len) {
        while (i < len && clause_mark(in->reply[i]))
            i++;
        size_t j = i;
        double sum = 0;
        while (j < len && !clause_mark(in->reply[j]))
            sum += per_byte[j++];
        if (j > i && sum > best) {
            best = sum;
            *start = i;
            *end = j;
        }
        i = j;
    }
    free(per_byte);
}
