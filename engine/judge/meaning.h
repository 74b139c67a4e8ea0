/* meaning: the analysis stage after the patterns: the linear meaning model (judge/linear.h)
 * reads the reply in the light of the customer's message and reports the violations, and the
 * techniques, it finds that no pattern caught, each with the clause that weighed most as its
 * evidence. */
#ifndef KEFU_MEANING_H
#define KEFU_MEANING_H

#include "base/kerr.h"
#include "judge/analysis.h"
#include "judge/detect.h"
#include "judge/linear.h"
#include "judge/rubric_spec.h"

typedef struct Meaning Meaning;

/* Ties a loaded model to the catalog: every label must be a principle of spec (else NULL with
 * err naming spec->model and the label). Takes ownership of model (freed by meaning_destroy,
 * or here on failure). Thresholds: the principle's model_threshold, else the model file's. */
Meaning *meaning_create(const RubricSpec *spec, LinearModel *model, KefuError *err);
void meaning_destroy(Meaning *m);

/* The stage: for each principle the model judges, no earlier stage reported and that may be
 * judged here (detect_model_when: its model_when, and a gated principle's applies), scores the
 * reply and appends a hit when the score reaches the threshold and none of the principle's
 * `never` patterns matches. Hits stay one per principle; the caller sorts them into catalog
 * order. Returns 0, or -1 out of memory. */
int meaning_run(Meaning *m, Detectors *d, const Analysis *a, HitList *hits);

/* The model's version string (for results and lint). Borrowed until meaning_destroy. */
const char *meaning_version(const Meaning *m);

#endif
