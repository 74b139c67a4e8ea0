/* features: character n-grams, the customer's kind and echoes of one reply. */
#include "judge/features.h"

#include <string.h>

#include "base/text.h"

/* Characters read of one text: a model's verdict on a 10,000-character paste rests on its
 * start; the rule detectors still read all of it. */
#define MAX_CHARS 512

#define FNV_BASIS 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

/* The key a feature is looked up by (features_key): a polynomial hash of its name's bytes,
 * H = H * P + byte from KEY_BASIS, then mixed. Polynomial so that the hash of an n-gram's
 * characters is computed once and put behind each tag that names it ("b|", "A|"):
 * H(x y) = H(x) * P^|y| + H0(y), H0 starting from 0. Names are at most 64 bytes: too short
 * for the long strings that make such a hash collide. */
#define KEY_BASIS 0x243f6a8885a308d3ull
#define KEY_P 0x9e3779b97f4a7c15ull

/* The mix: a bijection of 64-bit values (an odd multiplier between two xor-shifts), so it adds
 * no collisions and spreads every byte over the bits a model reads, the low ones (table slots)
 * and the high ones (its filter). Keys live only in memory (a model file names its features),
 * so any such bijection gives the same matches; this is the cheapest of the ones tried. */
static inline uint64_t key_mix(uint64_t h)
{
    h ^= h >> 32;
    h *= 0xd6e8feb86659fd93ull;
    h ^= h >> 29;
    return h ? h : 1;
}

static uint64_t key_fold(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = h * KEY_P + (unsigned char)s[i];
    return h;
}

uint64_t features_key(const char *name, size_t len)
{
    return key_mix(key_fold(KEY_BASIS, name, len));
}

uint64_t features_hash(const char *s, size_t len)
{
    uint64_t h = FNV_BASIS;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= FNV_PRIME;
    }
    return h ? h : 1;
}

typedef struct Chars {
    uint32_t cp[MAX_CHARS];
    size_t at[MAX_CHARS + 1]; /* byte offset of each character; at[n] is the end */
    uint64_t h[MAX_CHARS];    /* H0 of each character's bytes */
    uint64_t p[MAX_CHARS];    /* P to the power of its length in bytes */
    int n;
    int malformed; /* some character was malformed bytes read as U+FFFD */
} Chars;

/* P^1 .. P^4: the factor a character of so many bytes moves a hash by. */
static const uint64_t KEY_POW[5] = {1, KEY_P, KEY_P * KEY_P, KEY_P * KEY_P * KEY_P,
                                    KEY_P * KEY_P * KEY_P * KEY_P};

static void read_chars(const char *s, size_t len, Chars *c)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    int n = 0; /* kept out of c while reading: a store to c->cp may be one to c->n */
    c->malformed = 0;
    while (i < len && n < MAX_CHARS) {
        size_t at = i;
        unsigned char b = u[i];
        c->at[n] = i;
        if (b < 0x80) { /* the common cases inline: ASCII */
            c->cp[n] = b;
            c->h[n] = b;
            c->p[n] = KEY_P;
            i++;
        } else if (b >= 0xe1 && b <= 0xef && b != 0xed && i + 2 < len &&
                   (u[i + 1] & 0xc0) == 0x80 && (u[i + 2] & 0xc0) == 0x80) {
            /* and a well-formed three-byte character (all of Han), as text_next reads it */
            c->cp[n] =
                (uint32_t)(b & 0x0f) << 12 | (uint32_t)(u[i + 1] & 0x3f) << 6 | (u[i + 2] & 0x3f);
            c->h[n] = ((uint64_t)b * KEY_P + u[i + 1]) * KEY_P + u[i + 2];
            c->p[n] = KEY_POW[3];
            i += 3;
        } else {
            uint32_t cp = text_next(s, len, &i);
            c->cp[n] = cp;
            c->h[n] = key_fold(0, s + at, i - at);
            c->p[n] = KEY_POW[i - at];
            size_t enc = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (i - at != enc)
                c->malformed = 1;
        }
        n++;
    }
    c->at[n] = i;
    c->n = n;
}

static int is_negation(uint32_t cp)
{
    return cp == 0x4e0d /* 不 */ || cp == 0x6ca1 /* 没 */ || cp == 0x65e0 /* 无 */ ||
           cp == 0x975e /* 非 */ || cp == 0x522b /* 别 */ || cp == 0x672a /* 未 */;
}

static int is_question_particle(uint32_t cp)
{
    return cp == 0x5417 /* 吗 */ || cp == 0x561b /* 嘛 */ || cp == 0x4e48 /* 么 */ ||
           cp == 0x5462 /* 呢 */;
}

/* Whether the characters ... a b c d (d the latest) end with a question word: ? 哪 吗 几,
 * 多少 什么 怎么(样), 会不会 是不是 能不能 行不行 好不好 要不要, 有没有, 可不可以. */
static int ends_asking(uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
    if (d == '?' || d == 0x54ea /* 哪 */ || d == 0x5417 /* 吗 */ || d == 0x51e0 /* 几 */)
        return 1;
    if ((c == 0x591a /* 多 */ && d == 0x5c11 /* 少 */) ||
        ((c == 0x4ec0 /* 什 */ || c == 0x600e /* 怎 */) && d == 0x4e48 /* 么 */))
        return 1;
    if (c == 0x4e0d /* 不 */ && b == d &&
        (d == 0x4f1a /* 会 */ || d == 0x662f /* 是 */ || d == 0x80fd /* 能 */ ||
         d == 0x884c /* 行 */ || d == 0x597d /* 好 */ || d == 0x8981 /* 要 */))
        return 1;
    if (b == 0x6709 /* 有 */ && c == 0x6ca1 /* 没 */ && d == 0x6709)
        return 1;
    return a == 0x53ef /* 可 */ && b == 0x4e0d && c == 0x53ef && d == 0x4ee5 /* 以 */;
}

CustomerKind features_customer_kind(const char *customer, size_t len)
{
    if (!customer || len == 0)
        return CUSTOMER_NONE;
    /* one pass over the characters: a question word anywhere, or a closing question particle
     * ("有货呢" reads as a question too) */
    uint32_t a = 0, b = 0, c = 0, d = 0;
    size_t i = 0;
    while (i < len) {
        a = b;
        b = c;
        c = d;
        d = text_next(customer, len, &i);
        if (ends_asking(a, b, c, d))
            return CUSTOMER_ASK;
    }
    return is_question_particle(d) ? CUSTOMER_ASK : CUSTOMER_TELL;
}

/* Where the features go: one by one to a sink (with their spans, and names when asked for),
 * or as keys only, in batches. A batch holds the largest section of keys written at once (the
 * bigrams with the kind's: two for each of MAX_CHARS + 1 positions). */
#define KEY_BATCH (2 * (MAX_CHARS + 1))

typedef struct Emit {
    FeatureSink sink;
    FeatureKeySink ksink;
    void *ctx;
    int names;
    int nkeys;
    uint64_t keys[KEY_BATCH];
} Emit;

static void flush(Emit *em)
{
    if (em->nkeys)
        em->ksink(em->ctx, em->keys, em->nkeys);
    em->nkeys = 0;
}

/* Room for n more keys in the batch (n at most KEY_BATCH), the batch flushed first when they
 * would not fit: the caller writes them there and adds n to nkeys. */
static uint64_t *room(Emit *em, int n)
{
    if (em->nkeys + n > KEY_BATCH)
        flush(em);
    return em->keys + em->nkeys;
}

/* Emits the feature with key `key`, named name[0..len) (NULL when names are not asked for),
 * standing on the bytes [span_start, span_end) of the reply. */
static inline void put(Emit *em, uint64_t key, const char *name, size_t len, size_t span_start,
                       size_t span_end)
{
    if (em->ksink) {
        em->keys[em->nkeys++] = key;
        if (em->nkeys == KEY_BATCH)
            flush(em);
        return;
    }
    Feature f = {key, name, name ? len : 0, span_start, span_end};
    em->sink(em->ctx, &f);
}

/* The features with fixed names, each with its key written out (features_key of the name, so
 * that no reply computes it again; test_meaning compares every key with its name's). */
enum {
    W_KIND_ASK,
    W_KIND_TELL,
    W_KIND_NONE,
    W_LEN1,
    W_LEN2,
    W_LEN4,
    W_LEN8,
    W_LEN16,
    W_LEN32,
    W_LEN64,
    W_ECHO,
    W_ECHO_ASK,
    W_ECHO_TELL,
    W_NEG,
    W_NEG_ASK,
    W_NEG_TELL
};

static const struct Word {
    const char *name;
    uint64_t key;
} WORDS[] = {
    {"k|A", 0x9c569b4a95916972ull},      {"k|T", 0xd8598d3c1fcff184ull},
    {"k|-", 0x896aaaade1b88550ull},      {"n|1", 0x58755e4640c66b16ull},
    {"n|2", 0x2f5e5cfd93347122ull},      {"n|4", 0x25e864abace98007ull},
    {"n|8", 0x38d4554e8940224dull},      {"n|16", 0x997bcb0cb49a3924ull},
    {"n|32", 0xb7e7d567aaa00452ull},     {"n|64", 0x9b7d97dbc8d8a1f9ull},
    {"e|echo", 0x1743b52fda5252e8ull},   {"e|echo-A", 0x6478164bad3b0cc5ull},
    {"e|echo-T", 0x0f0af3bb222ee0d8ull}, {"e|neg", 0x55236e4f315b0dfbull},
    {"e|neg-A", 0xb6bcda7d3da9548full},  {"e|neg-T", 0xd9559bc2d525ce4eull},
};

static void emit_word(Emit *em, int word, size_t span_start, size_t span_end)
{
    const char *name = WORDS[word].name;
    put(em, WORDS[word].key, em->names ? name : NULL, em->names ? strlen(name) : 0, span_start,
        span_end);
}

/* H of a tag's head "t|", the start of every name under that tag. */
static uint64_t head_of(char tag)
{
    return (KEY_BASIS * KEY_P + (unsigned char)tag) * KEY_P + '|';
}

static int length_bucket(int n)
{
    return n <= 1    ? W_LEN1
           : n == 2  ? W_LEN2
           : n <= 4  ? W_LEN4
           : n <= 8  ? W_LEN8
           : n <= 16 ? W_LEN16
           : n <= 32 ? W_LEN32
                     : W_LEN64;
}

/* A bit of 256 for the bigram a b: a set of the customer's bigrams rules most of the reply's
 * out before the customer's characters are searched. */
static inline unsigned bigram_bit(uint32_t a, uint32_t b)
{
    return (a * 31u + b) * 2654435761u >> 24;
}

/* Whether the bigram a b occurs in the customer's characters (seen: bigram_bit of each). */
static int customer_has_bigram(const Chars *cu, const uint64_t seen[4], uint32_t a, uint32_t b)
{
    unsigned bit = bigram_bit(a, b);
    if (!(seen[bit >> 6] >> (bit & 63) & 1))
        return 0;
    for (int i = 0; i + 1 < cu->n; i++)
        if (cu->cp[i] == a && cu->cp[i + 1] == b)
            return 1;
    return 0;
}

/* The n-gram of characters [i, i + n) of r, with ^ and $ for positions outside it, emitted
 * under tag and, when kind is set, again under the kind's tag: its bytes are hashed once
 * (H0 and P to their length) and put behind each tag's head. */
static void gram(Emit *em, const char *text, const Chars *r, int i, int n, char tag, char kind)
{
    int a = i < 0 ? 0 : i;
    int b = i + n > r->n ? r->n : i + n;
    int pre = i < 0, post = i + n > r->n;
    uint64_t hx = pre ? '^' : 0, px = pre ? KEY_P : 1;
    for (int j = a; j < b; j++) {
        hx = hx * r->p[j] + r->h[j];
        px *= r->p[j];
    }
    if (post) {
        hx = hx * KEY_P + '$';
        px *= KEY_P;
    }
    size_t s = r->at[a], e = r->at[b];
    char name[FEATURE_MAX];
    size_t len = 0;
    if (em->names) {
        size_t hn = pre ? 3 : 2;
        if (hn + (e - s) + (size_t)post > FEATURE_MAX)
            return;
        name[0] = tag;
        name[1] = '|';
        name[2] = '^';
        memcpy(name + hn, text + s, e - s);
        len = hn + (e - s);
        if (post)
            name[len++] = '$';
    }
    put(em, key_mix(head_of(tag) * px + hx), em->names ? name : NULL, len, s, e);
    if (kind) {
        if (em->names)
            name[0] = kind;
        put(em, key_mix(head_of(kind) * px + hx), em->names ? name : NULL, len, s, e);
    }
}

/* The n-grams as gram() gives them (r->n > 0), in its order and with its spans, without
 * names: each bigram's hash is kept for the trigram that extends it by one character, or by
 * the end mark. */
static void gram_keys(Emit *em, const Chars *r, char kind)
{
    const uint64_t hu = head_of('u'), hb = head_of('b'), ht = head_of('t');
    const uint64_t hk = kind ? head_of(kind) : 0;
    uint64_t bh[MAX_CHARS + 1], bp[MAX_CHARS + 1]; /* bigram i's at i + 1 */
    const int n = r->n;
    const size_t *at = r->at;
    for (int i = 0; i < n; i++)
        put(em, key_mix(hu * r->p[i] + r->h[i]), NULL, 0, at[i], at[i + 1]);
    for (int i = -1; i < n; i++) {
        uint64_t h, p;
        if (i < 0) { /* ^ and the first character */
            h = '^' * r->p[0] + r->h[0];
            p = KEY_P * r->p[0];
        } else if (i + 1 < n) {
            h = r->h[i] * r->p[i + 1] + r->h[i + 1];
            p = r->p[i] * r->p[i + 1];
        } else { /* the last character and $ */
            h = r->h[i] * KEY_P + '$';
            p = r->p[i] * KEY_P;
        }
        bh[i + 1] = h;
        bp[i + 1] = p;
        size_t s = at[i < 0 ? 0 : i], e = at[i + 2 > n ? n : i + 2];
        put(em, key_mix(hb * p + h), NULL, 0, s, e);
        if (kind)
            put(em, key_mix(hk * p + h), NULL, 0, s, e);
    }
    for (int i = -1; i <= n - 2; i++) {
        uint64_t h = bh[i + 1], p = bp[i + 1];
        if (i + 2 < n) {
            h = h * r->p[i + 2] + r->h[i + 2];
            p *= r->p[i + 2];
        } else {
            h = h * KEY_P + '$';
            p *= KEY_P;
        }
        size_t s = at[i < 0 ? 0 : i], e = at[i + 3 > n ? n : i + 3];
        put(em, key_mix(ht * p + h), NULL, 0, s, e);
        if (kind)
            put(em, key_mix(hk * p + h), NULL, 0, s, e);
    }
}

/* The n-grams as gram_keys gives them, keys only, straight into the batch (em->ksink): no spans,
 * no call per key. */
static void gram_batch(Emit *em, const Chars *r, char kind)
{
    const uint64_t hu = head_of('u'), hb = head_of('b'), ht = head_of('t');
    const uint64_t hk = kind ? head_of(kind) : 0;
    uint64_t bh[MAX_CHARS + 1], bp[MAX_CHARS + 1]; /* bigram i's at i + 1 */
    const int n = r->n;
    uint64_t *w = room(em, n);
    for (int i = 0; i < n; i++)
        w[i] = key_mix(hu * r->p[i] + r->h[i]);
    em->nkeys += n;

    /* the bigrams: ^ and the first character, the inner ones, the last character and $ */
    bh[0] = '^' * r->p[0] + r->h[0];
    bp[0] = KEY_P * r->p[0];
    for (int i = 0; i + 1 < n; i++) {
        bh[i + 1] = r->h[i] * r->p[i + 1] + r->h[i + 1];
        bp[i + 1] = r->p[i] * r->p[i + 1];
    }
    bh[n] = r->h[n - 1] * KEY_P + '$';
    bp[n] = r->p[n - 1] * KEY_P;
    w = room(em, 2 * (n + 1));
    int o = 0;
    if (kind) {
        for (int i = 0; i <= n; i++) {
            w[o++] = key_mix(hb * bp[i] + bh[i]);
            w[o++] = key_mix(hk * bp[i] + bh[i]);
        }
    } else {
        for (int i = 0; i <= n; i++)
            w[o++] = key_mix(hb * bp[i] + bh[i]);
    }
    em->nkeys += o;

    /* the trigrams: each bigram but the last extended by the next character, or by $ */
    w = room(em, 2 * n);
    o = 0;
    for (int i = 0; i < n; i++) {
        uint64_t h, p;
        if (i + 1 < n) {
            h = bh[i] * r->p[i + 1] + r->h[i + 1];
            p = bp[i] * r->p[i + 1];
        } else {
            h = bh[i] * KEY_P + '$';
            p = bp[i] * KEY_P;
        }
        w[o++] = key_mix(ht * p + h);
        if (kind)
            w[o++] = key_mix(hk * p + h);
    }
    em->nkeys += o;
}

/* Character i of r as UTF-8 written out again (skip-bigrams are named so): H0 and P to its
 * length; the bytes as read unless they were malformed (then U+FFFD's). */
static void written(const Chars *r, int i, uint64_t *h, uint64_t *p)
{
    uint32_t cp = r->cp[i];
    size_t enc = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (r->at[i + 1] - r->at[i] == enc) {
        *h = r->h[i];
        *p = r->p[i];
        return;
    }
    char buf[4];
    int n = text_put(buf, cp);
    *h = key_fold(0, buf, (size_t)n);
    *p = KEY_POW[n];
}

/* The skip-bigrams: two characters with one between ("不X会"). */
static void skip_grams(Emit *em, const Chars *r)
{
    const uint64_t head = head_of('s');
    if (em->ksink && !r->malformed) { /* keys only, straight into the batch */
        uint64_t *w = room(em, r->n);
        int o = 0;
        for (int i = 0; i + 2 < r->n; i++)
            w[o++] =
                key_mix(((head * r->p[i] + r->h[i]) * KEY_P + '_') * r->p[i + 2] + r->h[i + 2]);
        em->nkeys += o;
        return;
    }
    for (int i = 0; i + 2 < r->n; i++) {
        char name[FEATURE_MAX];
        size_t o = 0;
        if (em->names) {
            name[o++] = 's';
            name[o++] = '|';
            o += (size_t)text_put(name + o, r->cp[i]);
            name[o++] = '_';
            o += (size_t)text_put(name + o, r->cp[i + 2]);
        }
        uint64_t h1 = r->h[i], p1 = r->p[i], h2 = r->h[i + 2], p2 = r->p[i + 2];
        if (r->malformed) {
            written(r, i, &h1, &p1);
            written(r, i + 2, &h2, &p2);
        }
        uint64_t h = ((head * p1 + h1) * KEY_P + '_') * p2 + h2;
        put(em, key_mix(h), em->names ? name : NULL, o, r->at[i], r->at[i + 3]);
    }
}

static void extract(const FeatureInput *in, Emit *em)
{
    Chars r, cu;
    CustomerKind kind = features_customer_kind(in->customer, in->customer_len);
    const char *text = in->reply ? in->reply : "";
    const char kch = kind == CUSTOMER_ASK ? 'A' : kind == CUSTOMER_TELL ? 'T' : 0;

    read_chars(text, in->reply ? in->reply_len : 0, &r);
    emit_word(em, kch == 'A' ? W_KIND_ASK : kch == 'T' ? W_KIND_TELL : W_KIND_NONE, 0, 0);
    emit_word(em, length_bucket(r.n), 0, 0);
    if (r.n == 0)
        return;

    if (em->ksink) {
        gram_batch(em, &r, kch);
    } else if (!em->names) {
        gram_keys(em, &r, kch);
    } else {
        for (int i = 0; i < r.n; i++)
            gram(em, text, &r, i, 1, 'u', 0);
        for (int i = -1; i < r.n; i++)
            gram(em, text, &r, i, 2, 'b', kch);
        for (int i = -1; i <= r.n - 2; i++)
            gram(em, text, &r, i, 3, 't', kch);
    }

    skip_grams(em, &r);
    if (kind == CUSTOMER_NONE)
        return;
    read_chars(in->customer, in->customer_len, &cu);
    uint64_t seen[4] = {0};
    for (int i = 0; i + 1 < cu.n; i++) {
        unsigned bit = bigram_bit(cu.cp[i], cu.cp[i + 1]);
        seen[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
    for (int i = 0; i + 1 < r.n; i++) {
        if (!text_is_han(r.cp[i]) || !text_is_han(r.cp[i + 1]) ||
            !customer_has_bigram(&cu, seen, r.cp[i], r.cp[i + 1]))
            continue;
        int negated = 0;
        for (int k = i - 1; k >= 0 && k >= i - 3; k--)
            negated |= is_negation(r.cp[k]);
        /* a negated echo stands on the negation and the words: "不会掉色" */
        int from = negated ? (i >= 3 ? i - 3 : 0) : i;
        size_t s = r.at[from], e = r.at[i + 2];
        emit_word(em, W_ECHO, s, e);
        emit_word(em, kch == 'A' ? W_ECHO_ASK : W_ECHO_TELL, s, e);
        if (negated) {
            emit_word(em, W_NEG, s, e);
            emit_word(em, kch == 'A' ? W_NEG_ASK : W_NEG_TELL, s, e);
        }
    }
}

void features_extract(const FeatureInput *in, int names, FeatureSink sink, void *ctx)
{
    Emit em; /* the key batch is not used, and not cleared */
    em.sink = sink;
    em.ksink = NULL;
    em.ctx = ctx;
    em.names = names;
    em.nkeys = 0;
    extract(in, &em);
}

void features_keys(const FeatureInput *in, FeatureKeySink sink, void *ctx)
{
    Emit em; /* the key batch is filled before it is read: not cleared */
    em.sink = NULL;
    em.ksink = sink;
    em.ctx = ctx;
    em.names = 0;
    em.nkeys = 0;
    extract(in, &em);
    flush(&em);
}
