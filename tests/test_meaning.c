/* Unit tests for the meaning stage: judge/features, judge/linear (the model file), and how the
 * rubric combines the model with its patterns (model_when, model_unless, never, cancels), the
 * unreadable detector and whole-word evidence. Small catalogs and models are written to a
 * temporary folder, so each rule is tested apart from the shipped model's weights. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/text.h"
#include "check.h"
#include "judge/features.h"
#include "judge/linear.h"
#include "judge/rubric.h"

static char dir[128];

/* Writes text to dir/name; returns the path (static buffer, one at a time). */
static const char *put(const char *name, const char *text)
{
    static char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        return NULL;
    fputs(text, f);
    fclose(f);
    return path;
}

/* ---------------------------------------------------------------- features */

typedef struct Seen {
    char names[512][FEATURE_MAX + 1];
    int n;
    int hash_ok;
} Seen;

static void remember(void *ctx, const Feature *f)
{
    Seen *s = ctx;
    if (f->name && f->hash != features_key(f->name, f->len))
        s->hash_ok = 0;
    if (s->n < 512 && f->name) {
        memcpy(s->names[s->n], f->name, f->len);
        s->names[s->n][f->len] = '\0';
        s->n++;
    }
}

static int seen(const Seen *s, const char *name)
{
    for (int i = 0; i < s->n; i++)
        if (strcmp(s->names[i], name) == 0)
            return 1;
    return 0;
}

static void features_should_read_the_customer_and_the_reply(void)
{
    CHECK_INT(features_customer_kind("会掉色吗", strlen("会掉色吗")), ==, CUSTOMER_ASK);
    CHECK_INT(features_customer_kind("洗一次就掉色", strlen("洗一次就掉色")), ==, CUSTOMER_TELL);
    CHECK_INT(features_customer_kind(NULL, 0), ==, CUSTOMER_NONE);
    CHECK_INT(features_customer_kind("有货呢", strlen("有货呢")), ==, CUSTOMER_ASK);
    /* every question word, and near misses */
    static const char *const asks[] = {"?", "会不会", "是不是", "有没有", "能不能", "可不可以",
                                       "怎么样", "多少", "哪", "什么", "怎么", "吗", "行不行",
                                       "好不好", "要不要", "几", "嘛", "么", "呢"};
    for (size_t i = 0; i < sizeof asks / sizeof asks[0]; i++) {
        char line[64];
        snprintf(line, sizeof line, "这个%s给我", asks[i]);
        /* a closing particle (嘛 么 呢) counts only at the end */
        int inside = i < 16;
        CHECK_INT(features_customer_kind(line, strlen(line)), ==,
                  inside ? CUSTOMER_ASK : CUSTOMER_TELL);
        snprintf(line, sizeof line, "这个%s", asks[i]);
        CHECK_INT(features_customer_kind(line, strlen(line)), ==, CUSTOMER_ASK);
    }
    static const char *const tells[] = {"会不是", "可不可", "不会", "没有", "有没", "多", "不可以",
                                        "什", "怎", "少多", "要不会"};
    for (size_t i = 0; i < sizeof tells / sizeof tells[0]; i++)
        CHECK_INT(features_customer_kind(tells[i], strlen(tells[i])), ==, CUSTOMER_TELL);

    /* a denial of the customer's own words after a claim, with hashes equal to the names' */
    Seen s = {.hash_ok = 1};
    FeatureInput in = {"不会掉色的", strlen("不会掉色的"), "洗一次就掉色", strlen("洗一次就掉色")};
    features_extract(&in, 1, remember, &s);
    CHECK(s.hash_ok);
    CHECK(seen(&s, "k|T"));
    CHECK(seen(&s, "b|^不"));
    CHECK(seen(&s, "b|的$"));
    CHECK(seen(&s, "T|掉色"));
    CHECK(seen(&s, "e|neg-T"));
    CHECK(seen(&s, "s|不_掉"));

    /* without names the same features come, by hash only */
    Seen bare = {.hash_ok = 1};
    features_extract(&in, 0, remember, &bare);
    CHECK_INT(bare.n, ==, 0);

    /* nothing to read: only the kind and the length */
    Seen none = {.hash_ok = 1};
    FeatureInput empty = {"", 0, NULL, 0};
    features_extract(&empty, 1, remember, &none);
    CHECK_INT(none.n, ==, 2);
    CHECK(seen(&none, "k|-"));
}

/* The keys of every feature, as features_extract names them and as features_keys gives them
 * (the scorer's fast path): the same keys in the same order, or the model would weigh
 * another reply than the trainer saw. */
typedef struct Keys {
    uint64_t k[4096];
    size_t start[4096], end[4096]; /* the spans, from features_extract */
    int n;
} Keys;

static void key_of_name(void *ctx, const Feature *f)
{
    Keys *ks = ctx;
    if (ks->n < 4096) {
        ks->start[ks->n] = f->start;
        ks->end[ks->n] = f->end;
        ks->k[ks->n++] = features_key(f->name, f->len);
    }
}

/* features_extract without names (the evidence's path): the hash as given, and the span */
static void key_unnamed(void *ctx, const Feature *f)
{
    Keys *ks = ctx;
    if (ks->n < 4096) {
        ks->start[ks->n] = f->start;
        ks->end[ks->n] = f->end;
        ks->k[ks->n++] = f->name ? 0 : f->hash;
    }
}

/* Whether a and b hold the same keys and spans in the same order. */
static int same_features(const Keys *a, const Keys *b)
{
    return a->n == b->n && memcmp(a->k, b->k, sizeof a->k[0] * (size_t)a->n) == 0 &&
           memcmp(a->start, b->start, sizeof a->start[0] * (size_t)a->n) == 0 &&
           memcmp(a->end, b->end, sizeof a->end[0] * (size_t)a->n) == 0;
}

static void key_as_given(void *ctx, const uint64_t *keys, int n)
{
    Keys *ks = ctx;
    for (int i = 0; i < n && ks->n < 4096; i++)
        ks->k[ks->n++] = keys[i];
}

static void features_should_give_the_same_keys_either_way(void)
{
    static const char *const replies[] = {
        "好", "不会", "亲,不会掉色的^_^", "^_^", "$^", "a", "ok好的", "𠀀字😊表情", "\xe4\xbd",
        "不\xff会\xc0\x80掉\xed\xa0\x80色", "\xe0\xa0\x80\xef\xbf\xbd",
        "亲亲,这个价格已经是最低的了,您说的那家店我们不清楚哦,买不起就别看了~~"};
    static const char *const customers[] = {NULL, "会掉色吗", "洗一次就掉色", "\xff掉色了"};
    static Keys named, given, unnamed;
    for (size_t r = 0; r < sizeof replies / sizeof replies[0]; r++) {
        for (size_t c = 0; c < sizeof customers / sizeof customers[0]; c++) {
            FeatureInput in = {replies[r], strlen(replies[r]), customers[c],
                               customers[c] ? strlen(customers[c]) : 0};
            named.n = given.n = unnamed.n = 0;
            features_extract(&in, 1, key_of_name, &named);
            features_keys(&in, key_as_given, &given);
            CHECK_INT(given.n, ==, named.n);
            CHECK(given.n == named.n &&
                  memcmp(given.k, named.k, sizeof given.k[0] * (size_t)given.n) == 0);
            /* without names (the evidence reads them so): the same keys on the same spans */
            features_extract(&in, 0, key_unnamed, &unnamed);
            CHECK(same_features(&unnamed, &named));
        }
    }
    /* every length bucket (n|1 .. n|64, their keys written out in features.c) */
    static char run[70 * 3 + 1];
    for (int len = 0; len <= 70; len++) {
        for (int i = 0; i < len; i++)
            memcpy(run + i * 3, "好", 3);
        FeatureInput in = {run, (size_t)len * 3, "好吗", strlen("好吗")};
        named.n = given.n = 0;
        features_extract(&in, 1, key_of_name, &named);
        features_keys(&in, key_as_given, &given);
        CHECK_INT(given.n, ==, named.n);
        CHECK(given.n == named.n &&
              memcmp(given.k, named.k, sizeof given.k[0] * (size_t)given.n) == 0);
    }
    /* a 600-character reply: read up to its first 512 characters either way */
    static char long_reply[600 * 3 + 1];
    for (int i = 0; i < 600; i++)
        memcpy(long_reply + i * 3, i % 2 ? "会" : "不", 3);
    FeatureInput in = {long_reply, strlen(long_reply), "不会", strlen("不会")};
    named.n = given.n = 0;
    features_extract(&in, 1, key_of_name, &named);
    features_keys(&in, key_as_given, &given);
    CHECK_INT(given.n, ==, named.n);
    CHECK(memcmp(given.k, named.k, sizeof given.k[0] * (size_t)given.n) == 0);
    unnamed.n = 0;
    features_extract(&in, 0, key_unnamed, &unnamed);
    CHECK(same_features(&unnamed, &named));
}

/* ---------------------------------------------------------------- the model file */

/* A model that says "arguing" when the reply holds 不会 after a claim. */
static const char *const TINY_MODEL = "kefu.linear/1\n"
                                      "# a test model\n"
                                      "version t1\n"
                                      "labels arguing blame_customer\n"
                                      "bias -1 -1\n"
                                      "threshold 0 0\n"
                                      "features 2\n"
                                      "2.5 0 T|不会\n"
                                      "0 3 b|怪您\n";

/* TINY_MODEL parsed; NULL (the test failed, the message printed) when it cannot be. The caller
 * frees it with linear_destroy. */
static LinearModel *tiny_model(void)
{
    KefuError err = {{0}};
    LinearModel *m = linear_parse(TINY_MODEL, strlen(TINY_MODEL), "tiny.model", &err);
    CHECK(m != NULL);
    if (!m)
        fprintf(stderr, "%s\n", err.msg);
    return m;
}

static void linear_should_score_and_explain(void)
{
    LinearModel *m = tiny_model();
    if (!m)
        return;
    CHECK_INT(linear_label_count(m), ==, 2);
    CHECK_STR(linear_label(m, 1), "blame_customer");
    CHECK_STR(linear_version(m), "t1");
    double sc[LINEAR_MAX_LABELS];
    const char *reply = "亲,不会的,放心";
    FeatureInput claim = {reply, strlen(reply), "掉色了", strlen("掉色了")};
    linear_score(m, &claim, sc);
    CHECK_DBL(sc[0], ==, 1.5);
    CHECK_DBL(sc[1], ==, -1);
    FeatureInput ask = {reply, strlen(reply), "会掉色吗", strlen("会掉色吗")};
    linear_score(m, &ask, sc);
    CHECK_DBL(sc[0], ==, -1);
    /* the evidence is the clause the weight stands on, whole */
    size_t s, e;
    linear_evidence(m, &claim, 0, &s, &e);
    CHECK_INT(s, ==, strlen("亲,"));
    CHECK_INT(e, ==, strlen("亲,不会的"));
    linear_destroy(m);
    linear_destroy(NULL);
}

/* A model of the violation families and the techniques: up to twelve labels share a slot
 * with the feature's key, more take a wider one; every label sums its own weights, exactly (in
 * ten-thousandths), whatever the width. */
static void linear_should_score_every_label_of_a_wide_model(void)
{
    for (int nlabels = 11; nlabels <= LINEAR_MAX_LABELS; nlabels++) {
        char text[2048];
        int n = snprintf(text, sizeof text, "kefu.linear/1\nlabels");
        for (int k = 0; k < nlabels; k++)
            n += snprintf(text + n, sizeof text - (size_t)n, " l%d", k);
        n += snprintf(text + n, sizeof text - (size_t)n, "\nbias");
        for (int k = 0; k < nlabels; k++)
            n += snprintf(text + n, sizeof text - (size_t)n, " %d", -k);
        n += snprintf(text + n, sizeof text - (size_t)n, "\nthreshold");
        for (int k = 0; k < nlabels; k++)
            n += snprintf(text + n, sizeof text - (size_t)n, " 0");
        /* "k|-" (no customer) weighs 0.0001 * (k + 1) for label k, "T|不会" -3.2767 */
        n += snprintf(text + n, sizeof text - (size_t)n, "\nfeatures 2\n");
        for (int k = 0; k < nlabels; k++)
            n += snprintf(text + n, sizeof text - (size_t)n, "0.%04d ", k + 1);
        n += snprintf(text + n, sizeof text - (size_t)n, "k|-\n");
        for (int k = 0; k < nlabels; k++)
            n += snprintf(text + n, sizeof text - (size_t)n, "-3.2767 ");
        snprintf(text + n, sizeof text - (size_t)n, "T|不会\n");
        KefuError err = {{0}};
        LinearModel *m = linear_parse(text, strlen(text), "wide.model", &err);
        CHECK(m != NULL);
        if (!m) {
            fprintf(stderr, "%s\n", err.msg);
            continue;
        }
        CHECK_INT(linear_label_count(m), ==, nlabels);
        double sc[LINEAR_MAX_LABELS];
        const char *reply = "好的";
        FeatureInput in = {reply, strlen(reply), NULL, 0};
        linear_score(m, &in, sc);
        for (int k = 0; k < nlabels; k++)
            CHECK_DBL(sc[k], ==, -k + (k + 1) * LINEAR_WEIGHT_UNIT);
        const char *deny = "不会的";
        FeatureInput claim = {deny, strlen(deny), "掉色了", strlen("掉色了")};
        linear_score(m, &claim, sc);
        CHECK_DBL(sc[nlabels - 1], ==, -(nlabels - 1) - 32767 * LINEAR_WEIGHT_UNIT);
        linear_destroy(m);
    }
}

/* A feature counts at most FEATURES_COUNT_CAP times, as the trainer counted it: a pasted wall
 * of one word adds its weight twice, not once per repeat (before, 10,000 pasted 好 summed a
 * small weight into an accusation). */
static void linear_should_count_a_repeat_at_most_twice(void)
{
    LinearModel *m = tiny_model();
    if (!m)
        return;
    double once[LINEAR_MAX_LABELS], twice[LINEAR_MAX_LABELS], wall[LINEAR_MAX_LABELS];
    FeatureInput one = {"怪您", strlen("怪您"), NULL, 0};
    linear_score(m, &one, once);
    FeatureInput two = {"怪您,怪您", strlen("怪您,怪您"), NULL, 0};
    linear_score(m, &two, twice);
    size_t n = 2000, len = n * strlen("怪您,");
    char *big = malloc(len + 1);
    CHECK(big != NULL);
    if (big) {
        for (size_t i = 0; i < n; i++)
            memcpy(big + i * strlen("怪您,"), "怪您,", strlen("怪您,"));
        big[len] = 0;
        FeatureInput many = {big, len, NULL, 0};
        linear_score(m, &many, wall);
        CHECK_DBL(once[1], ==, 2);
        CHECK_DBL(twice[1], ==, 5);
        CHECK_DBL(wall[1], ==, 5);
        size_t s, e;
        linear_evidence(m, &many, 1, &s, &e); /* where it first stands */
        CHECK_INT(s, ==, 0);
        CHECK_INT(e, ==, strlen("怪您"));
        free(big);
    }
    linear_destroy(m);
}

/* Repeats are counted per reply in stamps the model keeps from one reply to the next: the
 * counts of one reply never carry into the next, also when the stamps run out and start over
 * (every 16,383 replies), and the evidence pass counts afresh after scoring. */
static void linear_should_forget_the_last_replys_repeats(void)
{
    LinearModel *m = tiny_model();
    if (!m)
        return;
    FeatureInput two = {"怪您,怪您", strlen("怪您,怪您"), NULL, 0};
    int wrong = 0;
    for (int i = 0; i < 40000; i++) {
        double sc[LINEAR_MAX_LABELS];
        linear_score(m, &two, sc);
        wrong += sc[1] != 5;
    }
    CHECK_INT(wrong, ==, 0);
    size_t s, e;
    linear_evidence(m, &two, 1, &s, &e);
    CHECK_INT(s, ==, 0);
    CHECK_INT(e, ==, strlen("怪您"));
    linear_destroy(m);
}

static void linear_should_say_where_a_model_file_is_wrong(void)
{
    static const struct {
        const char *text, *message;
    } bad[] = {
        {"kefu.linear/2\n", "m.model:1: not a kefu model file"},
        {"kefu.linear/1\nlabels a\nbias 1 2\n", "m.model:3: expected one number per label"},
        {"kefu.linear/1\nlabels a\nfeatures 2\n1 x\n", "fewer feature lines than"},
        {"kefu.linear/1\nlabels a\nfeatures 1\n1 x\n2 y\n", "m.model:5: more feature lines"},
        {"kefu.linear/1\nlabels a\nfeatures 2\n1 x\n2 x\n", "m.model:5: a feature named twice"},
        {"kefu.linear/1\nlabels a\nfeatures 1\nnan x\n", "m.model:4: expected one weight"},
        {"kefu.linear/1\nwhat 1\n", "m.model:2: unknown line"},
        {"kefu.linear/1\nlabels a\n", "no features line"},
        {"kefu.linear/1\nlabels a\nfeatures 1\n1 \xff\n", "m.model: not valid UTF-8"},
        /* a weight is held in ten-thousandths, in 16 bits */
        {"kefu.linear/1\nlabels a\nfeatures 1\n3.2768 x\n", "m.model:4: a weight out of range"},
        {"kefu.linear/1\nlabels a\nfeatures 1\n-40 x\n", "m.model:4: a weight out of range"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        KefuError err = {{0}};
        LinearModel *m = linear_parse(bad[i].text, strlen(bad[i].text), "m.model", &err);
        CHECK(m == NULL);
        CHECK_CONTAINS(err.msg, bad[i].message);
        linear_destroy(m);
    }
    KefuError err = {{0}};
    CHECK(linear_load("/nonexistent/kefu.model", &err) == NULL);
    CHECK_CONTAINS(err.msg, "/nonexistent/kefu.model: cannot open");
}

/* A model's numbers are read as strtod reads them, to the last bit, whatever path the reader
 * takes: each is written plain ("-0.1862") in one model and with an exponent ("-0.1862e0",
 * which only strtod reads) in another, as biases, and an empty reply scores the biases. */
static void linear_should_read_numbers_as_strtod_does(void)
{
    static const char *const fixed[] = {
        "0.1", "-0.0000", "0", "1.", "-.5", "123456789012345", "0.000000000000001",
        "9007199254740993", "0.30000000000000004", "1234567.1234567", "-2.20611", "0.65805",
        "99999999999999.9", "0.123456789012345678", "7", "-0", "00.25", ".000001"};
    const int nfixed = (int)(sizeof fixed / sizeof fixed[0]);
    unsigned seed = 12345;
    int differ = 0;
    for (int round = 0; round < 400; round++) {
        char num[LINEAR_MAX_LABELS][40];
        for (int k = 0; k < LINEAR_MAX_LABELS; k++) {
            int at = round * LINEAR_MAX_LABELS + k;
            if (at < nfixed) {
                snprintf(num[k], sizeof num[k], "%s", fixed[at]);
                continue;
            }
            /* up to 16 digits with the point anywhere among them, either sign */
            seed = seed * 1103515245u + 12345u;
            int digits = 1 + (int)(seed >> 16) % 16, point = (int)(seed >> 8) % (digits + 1);
            int o = 0;
            if (seed & 1)
                num[k][o++] = '-';
            for (int d = 0; d < digits; d++) {
                if (d == point)
                    num[k][o++] = '.';
                seed = seed * 1103515245u + 12345u;
                num[k][o++] = (char)('0' + (seed >> 16) % 10);
            }
            num[k][o] = '\0';
        }
        char plain[1024], marked[1024];
        int p = snprintf(plain, sizeof plain, "kefu.linear/1\nlabels");
        for (int k = 0; k < LINEAR_MAX_LABELS; k++)
            p += snprintf(plain + p, sizeof plain - (size_t)p, " l%d", k);
        memcpy(marked, plain, (size_t)p + 1);
        int q = p;
        p += snprintf(plain + p, sizeof plain - (size_t)p, "\nbias");
        q += snprintf(marked + q, sizeof marked - (size_t)q, "\nbias");
        for (int k = 0; k < LINEAR_MAX_LABELS; k++) {
            p += snprintf(plain + p, sizeof plain - (size_t)p, " %s", num[k]);
            q += snprintf(marked + q, sizeof marked - (size_t)q, " %se0", num[k]);
        }
        snprintf(plain + p, sizeof plain - (size_t)p, "\nfeatures 0\n");
        snprintf(marked + q, sizeof marked - (size_t)q, "\nfeatures 0\n");
        KefuError err = {{0}};
        LinearModel *a = linear_parse(plain, strlen(plain), "plain.model", &err);
        LinearModel *b = linear_parse(marked, strlen(marked), "marked.model", &err);
        CHECK(a != NULL && b != NULL);
        if (a && b) {
            double sa[LINEAR_MAX_LABELS], sb[LINEAR_MAX_LABELS];
            FeatureInput none = {"", 0, NULL, 0};
            linear_score(a, &none, sa);
            linear_score(b, &none, sb);
            for (int k = 0; k < LINEAR_MAX_LABELS; k++) {
                if (memcmp(&sa[k], &sb[k], sizeof sa[k]) != 0 && differ++ < 5)
                    fprintf(stderr, "%s read as %.17g, strtod says %.17g\n", num[k], sa[k],
                            sb[k]);
                /* and what strtod itself says */
                if (sb[k] != strtod(num[k], NULL) && differ++ < 5)
                    fprintf(stderr, "%se0 read as %.17g\n", num[k], sb[k]);
            }
        }
        linear_destroy(a);
        linear_destroy(b);
    }
    CHECK_INT(differ, ==, 0);
}

/* ---------------------------------------------------------------- in the rubric */

/* A catalog with two techniques and three violations; the model judges arguing and blame. */
/* A test catalog's opening, up to its principles: the model beside it is tiny.model. */
#define CATALOG_HEAD                                                                               \
    "return {\n"                                                                                  \
    "  version = \"t\",\n"                                                                        \
    "  model = \"tiny.model\",\n"                                                                 \
    "  categories = {{id = \"a\", name = \"态度\"}},\n"                                            \
    "  thresholds = {first_response_s = 15, first_response_excellent_s = 6,\n"                    \
    "                reply_wait_s = 20, typing_cpm = 50, long_reply_chars = 80},\n"               \
    "  principles = {\n"

static const char *catalog(const char *arguing_extra, const char *blame_extra)
{
    static char text[4096];
    snprintf(text, sizeof text,
             CATALOG_HEAD
             "    {id = \"apology\", name = \"致歉\", kind = \"technique\", category = \"a\",\n"
             "     source = \"s\", quote = \"q\", explain = \"e\", detect = {any = {[[抱歉]]}}},\n"
             "    {id = \"praise_customer\", name = \"赞美\", kind = \"technique\", category = \"a\",\n"
             "     source = \"s\", quote = \"q\", explain = \"e\", detect = {any = {[[有眼光]]}}},\n"
             "    {id = \"arguing\", name = \"争辩\", kind = \"violation\", category = \"a\",\n"
             "     source = \"s\", quote = \"q\", explain = \"e\", avoided = \"没有争辩\",\n"
             "     %s detect = {any = {[[您说得不对]]}}},\n"
             "    {id = \"blame_customer\", name = \"指责\", kind = \"violation\", category = \"a\",\n"
             "     source = \"s\", quote = \"q\", explain = \"e\",\n"
             "     %s detect = {any = {[[是您自己]]}}},\n"
             "    {id = \"unreadable\", name = \"不规范\", kind = \"violation\", category = \"a\",\n"
             "     source = \"s\", quote = \"q\", explain = \"e\", cancels = \"techniques\",\n"
             "     detect = {builtin = \"unreadable\"}},\n"
             "  },\n"
             "}\n",
             arguing_extra, blame_extra);
    return text;
}

static Rubric *load(const char *arguing_extra, const char *blame_extra, KefuError *err)
{
    const char *path = put("catalog.lua", catalog(arguing_extra, blame_extra));
    return rubric_load(path, err);
}

static int fires(Rubric *r, const char *reply, const char *customer, const char *id)
{
    HitList h = {0};
    ReplyContext ctx = {NULL, customer, 1, -1, NULL};
    int found = 0;
    if (rubric_analyze(r, reply, strlen(reply), &ctx, &h) == 0)
        for (int i = 0; i < h.n; i++)
            found |= strcmp(rubric_principle(r, h.v[i].principle)->id, id) == 0;
    hits_deinit(&h);
    return found;
}

static void rubric_should_add_the_models_verdicts(void)
{
    put("tiny.model", TINY_MODEL);
    KefuError err = {{0}};
    Rubric *r = load("", "", &err);
    CHECK(r != NULL);
    if (!r) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    CHECK_STR(rubric_model_version(r), "t1");
    CHECK_STR(rubric_principle(r, rubric_find(r, "arguing"))->avoided, "没有争辩");
    /* words no pattern lists, judged in context; patterns still fire on their own */
    CHECK(fires(r, "不会的,我们家的不掉色", "洗一次就掉色", "arguing"));
    CHECK(!fires(r, "不会的,我们家的不掉色", "会掉色吗", "arguing"));
    CHECK(fires(r, "您说得不对", "会掉色吗", "arguing"));
    /* hits come in catalog order, one per principle */
    HitList h = {0};
    ReplyContext ctx = {NULL, "掉色了", 1, -1, NULL};
    const char *reply = "不会的,这个怪您";
    CHECK_INT(rubric_analyze(r, reply, strlen(reply), &ctx, &h), ==, 0);
    CHECK_INT(h.n, ==, 2);
    if (h.n == 2) {
        CHECK_STR(rubric_principle(r, h.v[0].principle)->id, "arguing");
        CHECK_STR(rubric_principle(r, h.v[1].principle)->id, "blame_customer");
        CHECK_INT(h.v[0].start, ==, 0);
        CHECK_INT(h.v[0].end, ==, (int)strlen("不会的"));
    }
    hits_deinit(&h);
    rubric_destroy(r);
}

static void rubric_should_let_trainers_limit_the_model(void)
{
    put("tiny.model", TINY_MODEL);
    KefuError err = {{0}};
    /* model_when: only where the customer said something; model_unless: an apology softens;
     * never: a phrase that never counts, whichever stage found it */
    Rubric *r = load("model_when = {customer = {[[.]]}}, model_unless = {\"apology\"},\n"
                     "     never = {[[不会的亲]]},",
                     "cancels = {\"praise_customer\"},", &err);
    CHECK(r != NULL);
    if (!r) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    CHECK(fires(r, "不会的,放心", "掉色了", "arguing"));
    CHECK(!fires(r, "不会的,放心", NULL, "arguing"));
    CHECK(!fires(r, "抱歉,不会的,我帮您看看", "掉色了", "arguing"));
    CHECK(!fires(r, "不会的亲", "掉色了", "arguing"));
    /* blame cancels the praise it wraps; praise alone stands */
    CHECK(fires(r, "您真有眼光", "我要这个", "praise_customer"));
    CHECK(!fires(r, "您真有眼光,是您自己选的", "我要这个", "praise_customer"));
    CHECK(fires(r, "您真有眼光,是您自己选的", "我要这个", "blame_customer"));
    /* a reply the customer cannot read earns no technique */
    CHECK(fires(r, "Sorry, we are out of stock", "有货吗", "unreadable"));
    CHECK(!fires(r, "Sorry 抱歉, we are out of stock now", "有货吗", "apology"));
    CHECK(!fires(r, "抱歉,Type-C接口的", "有货吗", "unreadable"));
    rubric_destroy(r);
}

/* A technique the model credits in words no pattern lists, but only where a gated technique
 * applies, and never in a reply the customer cannot read. */
static void rubric_should_credit_techniques_from_the_model(void)
{
    put("tiny.model", "kefu.linear/1\nversion t2\nlabels arguing praise_customer\n"
                      "bias -1 -1\nthreshold 0 0\nfeatures 1\n0 2 b|^真\n");
    const char *text =
        CATALOG_HEAD
        "    {id = \"praise_customer\", name = \"赞美\", kind = \"technique\", category = \"a\",\n"
        "     source = \"s\", quote = \"q\", explain = \"e\", detect = {any = {[[有眼光]]}},\n"
        "     applies = {customer = {[[想买|要这]]}}, gate = true},\n"
        "    {id = \"arguing\", name = \"争辩\", kind = \"violation\", category = \"a\",\n"
        "     source = \"s\", quote = \"q\", explain = \"e\", detect = {any = {[[您说得不对]]}}},\n"
        "    {id = \"unreadable\", name = \"不规范\", kind = \"violation\", category = \"a\",\n"
        "     source = \"s\", quote = \"q\", explain = \"e\", cancels = \"techniques\",\n"
        "     detect = {builtin = \"unreadable\"}},\n"
        "  },\n"
        "}\n";
    KefuError err = {{0}};
    Rubric *r = rubric_load(put("catalog.lua", text), &err);
    CHECK(r != NULL);
    if (!r) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    CHECK(fires(r, "真会挑,这件很衬您", "我想买这件", "praise_customer"));
    CHECK(!fires(r, "真会挑,这件很衬您", "太贵了", "praise_customer"));
    CHECK(!fires(r, "这件很衬您", "我想买这件", "praise_customer"));
    CHECK(!fires(r, "真 nice choice, it suits you well", "我想买这件", "praise_customer"));
    rubric_destroy(r);
}

static void rubric_should_say_what_is_wrong_with_a_model(void)
{
    KefuError err = {{0}};
    unlink(put("tiny.model", ""));
    Rubric *r = load("", "", &err);
    CHECK(r == NULL);
    CHECK_CONTAINS(err.msg, "catalog.lua:3: model:");
    CHECK_CONTAINS(err.msg, "tiny.model: cannot open");
    rubric_destroy(r);

    put("tiny.model", "kefu.linear/1\nlabels arguing nosuch\nfeatures 0\n");
    r = load("", "", &err);
    CHECK(r == NULL);
    CHECK_CONTAINS(err.msg, "the model judges 'nosuch', which is not");
    rubric_destroy(r);

    put("tiny.model", TINY_MODEL);
    r = load("model_unless = {\"nosuch\"},", "", &err);
    CHECK(r == NULL);
    CHECK_CONTAINS(err.msg, "model_unless names 'nosuch'");
    rubric_destroy(r);

    r = load("", "cancels = {\"nosuch\"},", &err);
    CHECK(r == NULL);
    CHECK_CONTAINS(err.msg, "principle blame_customer: cancels 'nosuch'");
    rubric_destroy(r);

    char text[4096];
    snprintf(text, sizeof text, "%s", catalog("", ""));
    char *name = strstr(text, "\"tiny.model\"");
    memcpy(name, "\"../x.model\"", strlen("\"../x.model\""));
    r = rubric_load(put("catalog.lua", text), &err);
    CHECK(r == NULL);
    CHECK_CONTAINS(err.msg, "'model' must be a file name beside the catalog");
    rubric_destroy(r);
}

/* With the shipped catalog: evidence covers whole words, sarcasm's praise does not count. */
static void rubric_should_show_whole_words_as_evidence(void)
{
    KefuError err = {{0}};
    Rubric *r = rubric_load("scenarios/rubric.lua", &err);
    CHECK(r != NULL);
    if (!r) {
        fprintf(stderr, "%s\n", err.msg);
        return;
    }
    HitList h = {0};
    ReplyContext ctx = {NULL, "这个多少钱", 1, -1, NULL};
    const char *reply = "呵呵，您真有眼光，买不起就别看了";
    CHECK_INT(rubric_analyze(r, reply, strlen(reply), &ctx, &h), ==, 0);
    int blame = 0, praise = 0;
    for (int i = 0; i < h.n; i++) {
        const char *id = rubric_principle(r, h.v[i].principle)->id;
        praise |= strcmp(id, "praise_customer") == 0;
        if (strcmp(id, "blame_customer") == 0) {
            blame = 1;
            CHECK_INT(h.v[i].end, ==, (int)strlen(reply));
        }
    }
    CHECK(blame);
    CHECK(!praise);
    ReplyContext haggle = {NULL, "能便宜点吗", 1, -1, NULL};
    reply = "亲，价格是公司统一定的";
    CHECK_INT(rubric_analyze(r, reply, strlen(reply), &haggle, &h), ==, 0);
    int policy = 0;
    for (int i = 0; i < h.n; i++)
        if (strcmp(rubric_principle(r, h.v[i].principle)->id, "price_policy") == 0) {
            policy = 1;
            CHECK_INT(h.v[i].end, ==, (int)strlen(reply));
        }
    CHECK(policy);
    hits_deinit(&h);
    rubric_destroy(r);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/kefu-test-meaning-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    features_should_read_the_customer_and_the_reply();
    features_should_give_the_same_keys_either_way();
    linear_should_score_and_explain();
    linear_should_count_a_repeat_at_most_twice();
    linear_should_score_every_label_of_a_wide_model();
    linear_should_forget_the_last_replys_repeats();
    linear_should_say_where_a_model_file_is_wrong();
    linear_should_read_numbers_as_strtod_does();
    rubric_should_add_the_models_verdicts();
    rubric_should_let_trainers_limit_the_model();
    rubric_should_credit_techniques_from_the_model();
    rubric_should_say_what_is_wrong_with_a_model();
    rubric_should_show_whole_words_as_evidence();
    unlink(put("tiny.model", ""));
    unlink(put("catalog.lua", ""));
    rmdir(dir);
    if (check_failures) {
        fprintf(stderr, "%d check(s) failed\n", check_failures);
        return 1;
    }
    printf("test_meaning: all checks passed\n");
    return 0;
}
