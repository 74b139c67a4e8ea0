/* features: what the meaning model reads of one reply in its context. Training and scoring
 * share this one function, so a model always sees the features it was trained on. */
#ifndef KEFU_FEATURES_H
#define KEFU_FEATURES_H

#include <stddef.h>
#include <stdint.h>

/* The kind of customer message a reply answers. A denial means one thing after a question
 * ("会掉色吗" → "不会掉色的") and another after a claim ("洗一次就掉色" → "不会掉色的"). */
typedef enum CustomerKind {
    CUSTOMER_NONE, /* no customer message known (the first line, or kefu analyze without one) */
    CUSTOMER_ASK,  /* a question */
    CUSTOMER_TELL  /* a statement: a claim, a complaint, a wish */
} CustomerKind;

/* One reply in its context. Texts are NORMALISED (base/text.h) and need not be
 * NUL-terminated; customer may be NULL. The model reads words only, never the rule
 * detectors' hits, so editing a phrase in rubric.lua never changes what the model sees. */
typedef struct FeatureInput {
    const char *reply;
    size_t reply_len;
    const char *customer;
    size_t customer_len;
} FeatureInput;

/* One feature as the sink sees it: its key (features_key of its name), its name when the
 * caller asked for names (else NULL; not NUL-terminated, at most FEATURE_MAX bytes, borrowed
 * for the call only), and the byte span [start, end) of the normalised reply it stands on
 * (start == end: the reply as a whole, e.g. its length or the customer's kind). */
typedef struct Feature {
    uint64_t hash;
    const char *name;
    size_t len;
    size_t start, end;
} Feature;

typedef void (*FeatureSink)(void *ctx, const Feature *f);

/* Receives keys[0..n) of the next n features, in features_extract's order. */
typedef void (*FeatureKeySink)(void *ctx, const uint64_t *keys, int n);

#define FEATURE_MAX 64

/* The key a feature is looked up by in a model: a 64-bit hash of its name, never 0, made so
 * that features_extract computes it without writing the name out. */
uint64_t features_key(const char *name, size_t len);

/* A 64-bit FNV-1a hash of s[0..len), never 0: the trainer's key for its vocabulary and for
 * telling repeated examples apart (its order decides the folds, so it stays as it is). */
uint64_t features_hash(const char *s, size_t len);

/* The kind of a normalised customer message (CUSTOMER_NONE for NULL or empty). */
CustomerKind features_customer_kind(const char *customer, size_t len);

/* A feature that repeats in a reply counts up to this many times, in training and in scoring
 * alike: "好的好的" says more than "好的", but a pasted "好好好…" must not add one small weight
 * hundreds of times and cross a threshold no real reply reaches. */
#define FEATURES_COUNT_CAP 2

/* Calls sink once per feature of in, in a fixed order (a feature may come more than once;
 * models count it up to FEATURES_COUNT_CAP times); with names = 0 no names are built.
 * The features:
 *   "u|c", "b|cc", "t|ccc"      character 1-, 2-, 3-grams of the reply, with ^ and $ marking
 *                               its start and end ("b|^在", "b|在$": a bare 在)
 *   "A|cc", "T|cc", "A|ccc"...  the 2- and 3-grams again, joined with the customer's kind
 *                               (A: a question, T: a statement)
 *   "k|A", "k|T", "k|-"         the customer's kind
 *   "n|N"                       the reply's length in characters, in buckets
 *   "e|..."                     echoes: the reply takes up the customer's own words (a Han
 *                               bigram of the customer's message), alone or right after a
 *                               negation (不 没 无 非 别 未), and joined with the kind
 * Replies are read up to their first 512 characters. Never fails. */
void features_extract(const FeatureInput *in, int names, FeatureSink sink, void *ctx);

/* The same features as keys only, in the same order, handed to sink in batches: what scoring
 * needs, without a call per feature. Never fails. */
void features_keys(const FeatureInput *in, FeatureKeySink sink, void *ctx);

#endif
