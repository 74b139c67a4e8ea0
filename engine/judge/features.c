/* features: character n-grams, the customer's kind and echoes of one reply. */
#include "judge/features.h"

#include <string.h>

#include "base/text.h"

/* Characters read of one text: a model's verdict on a 10,000-character paste rests on its
 * start; the rule detectors still read all of it. */
#define MAX_CHARS 512

#define FNV_BASIS 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

typedef struct Chars {
    uint32_t cp[MAX_CHARS];
    size_t at[MAX_CHARS + 1]; /* byte offset of each character; at[n] is the end */
    int n;
} Chars;

static void read_chars(const char *s, size_t len, Chars *c)
{
    size_t i = 0;
    c->n = 0;
    while (i < len && c->n < MAX_CHARS) {
        c->at[c->n] = i;
        c->cp[c->n++] = text_next(s, len, &i);
    }
    c->at[c->n] = i;
}

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= FNV_PRIME;
    }
    return h;
}

uint64_t features_hash(const char *name, size_t len)
{
    uint64_t h = fnv(FNV_BASIS, name, len);
    return h ? h : 1;
}

static int is_han(uint32_t cp)
{
    return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf);
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

/* Whether s[0..len) holds the text w. */
static int has(const char *s, size_t len, const char *w)
{
    size_t wl = strlen(w);
    if (wl == 0 || wl > len)
        return 0;
    for (size_t i = 0; i + wl <= len; i++)
        if (memcmp(s + i, w, wl) == 0)
            return 1;
    return 0;
}

CustomerKind features_customer_kind(const char *customer, size_t len)
{
    static const char *const asks[] = {"?",    "会不会", "是不是", "有没有", "能不能", "可不可以",
                                       "怎么样", "多少",   "哪",     "什么",   "怎么",   "吗",
                                       "行不行", "好不好", "要不要", "几"};
    if (!customer || len == 0)
        return CUSTOMER_NONE;
    for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++)
        if (has(customer, len, asks[i]))
            return CUSTOMER_ASK;
    /* a closing question particle: "有货呢" reads as a question too */
    size_t i = 0;
    uint32_t last = 0;
    while (i < len)
        last = text_next(customer, len, &i);
    return is_question_particle(last) ? CUSTOMER_ASK : CUSTOMER_TELL;
}

/* Emits one feature: tag '|' then, when pre, a '^', then the bytes text[start..end), then,
 * when post, a '$'. The hash is computed over exactly the bytes the name would hold, so it
 * equals features_hash(name) without building the name unless asked to. */
typedef struct Emit {
    FeatureSink sink;
    void *ctx;
    int names;
} Emit;

static void emit(const Emit *em, char tag, const char *text, size_t start, size_t end, int pre,
                 int post, size_t span_start, size_t span_end)
{
    char name[FEATURE_MAX];
    char head[3] = {tag, '|', '^'};
    size_t hn = pre ? 3 : 2;
    uint64_t h = fnv(FNV_BASIS, head, hn);
    h = fnv(h, text + start, end - start);
    if (post)
        h = fnv(h, "$", 1);
    Feature f = {h ? h : 1, NULL, 0, span_start, span_end};
    if (em->names) {
        size_t n = end - start;
        if (hn + n + (size_t)post > FEATURE_MAX)
            return;
        memcpy(name, head, hn);
        memcpy(name + hn, text + start, n);
        if (post)
            name[hn + n] = '$';
        f.name = name;
        f.len = hn + n + (size_t)post;
    }
    em->sink(em->ctx, &f);
}

static void emit_word(const Emit *em, const char *word, size_t span_start, size_t span_end)
{
    emit(em, word[0], word, 2, strlen(word), 0, 0, span_start, span_end);
}

static const char *length_bucket(int n)
{
    return n <= 1 ? "n|1" : n == 2 ? "n|2" : n <= 4 ? "n|4" : n <= 8 ? "n|8" : n <= 16 ? "n|16"
           : n <= 32 ? "n|32" : "n|64";
}

/* Whether the bigram a b occurs in the customer's characters. */
static int customer_has_bigram(const Chars *cu, uint32_t a, uint32_t b)
{
    for (int i = 0; i + 1 < cu->n; i++)
        if (cu->cp[i] == a && cu->cp[i + 1] == b)
            return 1;
    return 0;
}

/* The n-gram of characters [i, i + n) of r, with ^ and $ for positions outside it, emitted
 * under tag and, when kind is set, again under the kind's tag. */
static void gram(const Emit *em, const char *text, const Chars *r, int i, int n, char tag,
                 char kind)
{
    int a = i < 0 ? 0 : i;
    int b = i + n > r->n ? r->n : i + n;
    int pre = i < 0, post = i + n > r->n;
    emit(em, tag, text, r->at[a], r->at[b], pre, post, r->at[a], r->at[b]);
    if (kind)
        emit(em, kind, text, r->at[a], r->at[b], pre, post, r->at[a], r->at[b]);
}

void features_extract(const FeatureInput *in, int names, FeatureSink sink, void *ctx)
{
    Chars r, cu;
    Emit em = {sink, ctx, names};
    CustomerKind kind = features_customer_kind(in->customer, in->customer_len);
    const char *text = in->reply ? in->reply : "";
    const char kch = kind == CUSTOMER_ASK ? 'A' : kind == CUSTOMER_TELL ? 'T' : 0;

    read_chars(text, in->reply ? in->reply_len : 0, &r);
    emit_word(&em, kch == 'A' ? "k|A" : kch == 'T' ? "k|T" : "k|-", 0, 0);
    emit_word(&em, length_bucket(r.n), 0, 0);
    if (r.n == 0)
        return;

    for (int i = 0; i < r.n; i++)
        gram(&em, text, &r, i, 1, 'u', 0);
    for (int i = -1; i < r.n; i++)
        gram(&em, text, &r, i, 2, 'b', kch);
    for (int i = -1; i <= r.n - 2; i++)
        gram(&em, text, &r, i, 3, 't', kch);

    /* skip-bigrams: two characters with one between ("不X会") */
    for (int i = 0; i + 2 < r.n; i++) {
        char name[FEATURE_MAX];
        size_t o = 0;
        name[o++] = 's';
        name[o++] = '|';
        o += (size_t)text_put(name + o, r.cp[i]);
        name[o++] = '_';
        o += (size_t)text_put(name + o, r.cp[i + 2]);
        Feature f = {features_hash(name, o), em.names ? name : NULL, em.names ? o : 0, r.at[i],
                     r.at[i + 3]};
        sink(ctx, &f);
    }
    if (kind == CUSTOMER_NONE)
        return;
    read_chars(in->customer, in->customer_len, &cu);
    for (int i = 0; i + 1 < r.n; i++) {
        if (!is_han(r.cp[i]) || !is_han(r.cp[i + 1]) ||
            !customer_has_bigram(&cu, r.cp[i], r.cp[i + 1]))
            continue;
        int negated = 0;
        for (int k = i - 1; k >= 0 && k >= i - 3; k--)
            negated |= is_negation(r.cp[k]);
        /* a negated echo stands on the negation and the words: "不会掉色" */
        int from = negated ? (i >= 3 ? i - 3 : 0) : i;
        size_t s = r.at[from], e = r.at[i + 2];
        emit_word(&em, "e|echo", s, e);
        emit_word(&em, kch == 'A' ? "e|echo-A" : "e|echo-T", s, e);
        if (negated) {
            emit_word(&em, "e|neg", s, e);
            emit_word(&em, kch == 'A' ? "e|neg-A" : "e|neg-T", s, e);
        }
    }
}
