/* linear: the meaning model: one linear classifier per label (a violation family or a technique) over the features of
 * judge/features.h, trained from the project's labelled replies (model/README.md), loaded
 * from a text file and scored without any library. */
#ifndef KEFU_LINEAR_H
#define KEFU_LINEAR_H

#include <stddef.h>

#include "base/kerr.h"
#include "judge/features.h"

typedef struct LinearModel LinearModel;

/* The most labels one model holds. */
#define LINEAR_MAX_LABELS 16

/* A weight is held as a whole number of these (the model file's four decimals), from -3.2767
 * to 3.2767: scores are then sums of whole numbers, the same in any order. */
#define LINEAR_WEIGHT_UNIT 1e-4

/* Loads a model file ("kefu.linear/1", written by the trainer in model/). Returns NULL and
 * fills err with "file:line: problem" on a bad file. The caller frees it with linear_destroy
 * (linear_destroy(NULL) does nothing). */
LinearModel *linear_load(const char *path, KefuError *err);
void linear_destroy(LinearModel *m);

/* Parses a model from text (len bytes; path only names it in messages). As linear_load. */
LinearModel *linear_parse(const char *text, size_t len, const char *path, KefuError *err);

/* The labels (principle ids), the model's version and each label's decision threshold: a
 * label fires when its score reaches the threshold. Borrowed until linear_destroy. */
int linear_label_count(const LinearModel *m);
const char *linear_label(const LinearModel *m, int label);
double linear_threshold(const LinearModel *m, int label);
const char *linear_version(const LinearModel *m);

/* Scores one reply: scores[i] (room for linear_label_count values) receives label i's
 * decision value, w·x + b. Counts repeats in scratch the model holds: one reply at a time per
 * model (no two threads may score with one model at once). */
void linear_score(LinearModel *m, const FeatureInput *in, double *scores);

/* Where the reply says it, for label: the clause of the normalised reply (between ,.!?;~
 * and the ends) on which the label's features weigh most, as a byte span [*start, *end).
 * Whole clauses, so the evidence never cuts a word in two. Uses the model's scratch as
 * linear_score does. */
void linear_evidence(LinearModel *m, const FeatureInput *in, int label, size_t *start, size_t *end);

#endif
